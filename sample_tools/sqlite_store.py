"""The embedded backend: one SQLite file, created and seeded on first use.

For local runs, demos and tests. Concurrent writers (several processes on one file) are
serialised by ``BEGIN IMMEDIATE``: each booking reads and writes inside one write
transaction, so no interleaving can overdraw a balance or book overlapping days.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import seed
from .store import (
    Balance,
    Booking,
    Employee,
    NoBalance,
    NoSuchBooking,
    NotEnoughDays,
    Overlap,
    StoreUnavailable,
    UnknownEmployee,
    booking_id,
)

__all__ = ["SQLiteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS employees (
    employee_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
);
CREATE TABLE IF NOT EXISTS balances (
    employee_id INTEGER NOT NULL REFERENCES employees (employee_id),
    year INTEGER NOT NULL,
    total_days INTEGER NOT NULL CHECK (total_days >= 0),
    taken_days INTEGER NOT NULL CHECK (taken_days BETWEEN 0 AND total_days),
    PRIMARY KEY (employee_id, year)
);
CREATE TABLE IF NOT EXISTS bookings (
    booking_id TEXT PRIMARY KEY,
    employee_id INTEGER NOT NULL REFERENCES employees (employee_id),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL CHECK (end_date >= start_date),
    status TEXT NOT NULL CHECK (status IN ('planned', 'cancelled'))
);
CREATE INDEX IF NOT EXISTS bookings_by_employee ON bookings (employee_id, start_date);
"""


# SQLite stores integers in 64 bits; no employee can have an id outside that range.
_MIN_ID = -(2**63)
_MAX_ID = 2**63 - 1


_SELECT_BOOKINGS = "SELECT booking_id, employee_id, start_date, end_date, status FROM bookings "


class SQLiteStore:
    """``VacationStore`` on a SQLite file (see ``store.VacationStore`` for the contract)."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as db:  # readers never wait for the writer in WAL mode
            db.execute("PRAGMA journal_mode = WAL")
        with self._transaction() as db:  # creating and seeding under the lock: once
            self._create_and_seed(db)

    @staticmethod
    def default_path() -> Path:
        """Where the database lives unless ``HR_DB_PATH`` says otherwise."""
        return Path(tempfile.gettempdir()) / "bedrock-agent-tools" / "hr.sqlite3"

    # -- reads -----------------------------------------------------------------------------

    def employee(self, employee_id: int) -> Employee:
        if not _storable(employee_id):
            raise UnknownEmployee(employee_id)
        with self._connection() as db:
            return self._employee(db, employee_id)

    def balance(self, employee_id: int, year: int) -> Balance:
        if not _storable(employee_id):
            raise NoBalance(employee_id, year)
        with self._connection() as db:
            return self._balance(db, employee_id, year)

    def bookings(self, employee_id: int, year: int | None = None) -> list[Booking]:
        query = (
            _SELECT_BOOKINGS + "WHERE employee_id = ? AND status = 'planned' "
            "AND (? IS NULL OR substr(start_date, 1, 4) = ?) ORDER BY start_date"
        )
        if not _storable(employee_id):
            return []
        year_text = None if year is None else f"{year:04d}"
        with self._connection() as db:
            rows = db.execute(query, (employee_id, year_text, year_text)).fetchall()
        return [_booking(row) for row in rows]

    # -- writes ----------------------------------------------------------------------------

    def book(self, employee_id: int, start: date, end: date) -> tuple[Booking, Balance]:
        if not _storable(employee_id):
            raise UnknownEmployee(employee_id)
        with self._transaction() as db:
            self._employee(db, employee_id)
            balance = self._balance(db, employee_id, start.year)
            for existing in self._overlapping(db, employee_id, start, end):
                if (existing.start_date, existing.end_date) == (start, end):
                    return existing, balance  # a retry of a booking that already went through
                raise Overlap(existing)
            booking = Booking(booking_id(), employee_id, start, end, "planned")
            if booking.days > balance.available_days:
                raise NotEnoughDays(booking.days, balance.available_days, start.year)
            db.execute(
                "INSERT INTO bookings (booking_id, employee_id, start_date, end_date, status) "
                "VALUES (?, ?, ?, ?, 'planned')",
                (booking.booking_id, employee_id, start.isoformat(), end.isoformat()),
            )
            db.execute(
                "UPDATE balances SET taken_days = taken_days + ? "
                "WHERE employee_id = ? AND year = ?",
                (booking.days, employee_id, start.year),
            )
            return booking, self._balance(db, employee_id, start.year)

    def cancel(self, employee_id: int, booking_id: str) -> tuple[Booking, Balance]:
        if not _storable(employee_id):
            raise NoSuchBooking(employee_id, booking_id)
        with self._transaction() as db:
            row = db.execute(
                _SELECT_BOOKINGS + "WHERE booking_id = ? AND employee_id = ?",
                (booking_id, employee_id),
            ).fetchone()
            if row is None:
                raise NoSuchBooking(employee_id, booking_id)
            booking = _booking(row)
            if booking.status == "planned":
                db.execute(
                    "UPDATE bookings SET status = 'cancelled' WHERE booking_id = ?",
                    (booking_id,),
                )
                db.execute(
                    "UPDATE balances SET taken_days = taken_days - ? "
                    "WHERE employee_id = ? AND year = ?",
                    (booking.days, employee_id, booking.year),
                )
                booking = Booking(
                    booking.booking_id,
                    employee_id,
                    booking.start_date,
                    booking.end_date,
                    "cancelled",
                )
            return booking, self._balance(db, employee_id, booking.year)

    # -- internals -------------------------------------------------------------------------

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        """A connection; a failure of the database itself becomes ``StoreUnavailable``."""
        try:
            db = self._connect()
            try:
                db.execute("PRAGMA foreign_keys = ON")
                yield db
            finally:
                db.close()
        except sqlite3.OperationalError as exc:  # locked, read-only, disk I/O, cannot open
            raise StoreUnavailable(f"SQLite database {self.path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: taken before any read, so checks and writes are atomic."""
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:  # SQLite may have rolled back already (full disk, I/O)
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _create_and_seed(self, db: sqlite3.Connection) -> None:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        if db.execute("SELECT 1 FROM employees LIMIT 1").fetchone():
            return
        db.executemany("INSERT INTO employees VALUES (?, ?, ?)", seed.EMPLOYEES)
        db.executemany("INSERT INTO balances VALUES (?, ?, ?, ?)", seed.BALANCES)
        db.executemany(
            "INSERT INTO bookings VALUES (?, ?, ?, ?, 'planned')",
            [(b, e, s.isoformat(), t.isoformat()) for b, e, s, t in seed.PLANNED],
        )

    @staticmethod
    def _employee(db: sqlite3.Connection, employee_id: int) -> Employee:
        row = db.execute(
            "SELECT employee_id, name, active FROM employees WHERE employee_id = ?",
            (employee_id,),
        ).fetchone()
        if row is None:
            raise UnknownEmployee(employee_id)
        return Employee(row[0], row[1], bool(row[2]))

    @staticmethod
    def _balance(db: sqlite3.Connection, employee_id: int, year: int) -> Balance:
        row = db.execute(
            "SELECT employee_id, year, total_days, taken_days FROM balances "
            "WHERE employee_id = ? AND year = ?",
            (employee_id, year),
        ).fetchone()
        if row is None:
            raise NoBalance(employee_id, year)
        return Balance(*row)

    @staticmethod
    def _overlapping(
        db: sqlite3.Connection, employee_id: int, start: date, end: date
    ) -> list[Booking]:
        rows = db.execute(
            _SELECT_BOOKINGS
            + "WHERE employee_id = ? AND status = 'planned' AND start_date <= ? AND end_date >= ?",
            (employee_id, end.isoformat(), start.isoformat()),
        ).fetchall()
        return [_booking(row) for row in rows]


def _storable(employee_id: int) -> bool:
    return _MIN_ID <= employee_id <= _MAX_ID


def _booking(row: tuple[str, int, str, str, str]) -> Booking:
    return Booking(row[0], row[1], date.fromisoformat(row[2]), date.fromisoformat(row[3]), row[4])
