"""The embedded backend: one SQLite file, created and seeded on first use.

For local runs, demos and tests. Concurrent writers (several processes on one file) are
serialised by ``BEGIN IMMEDIATE``: each booking reads and writes inside one write
transaction, so no interleaving can overdraw a balance or book overlapping days. Any number
of processes may open a new file at once: switching it to WAL is retried while another one
holds it, and creating and seeding happen inside one write transaction.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from . import clock, seed
from .budget import remaining
from .rules import check_dates
from .store import (
    AlreadyStarted,
    Balance,
    Booking,
    Clock,
    Employee,
    NoBalance,
    NoSuchBooking,
    NotEnoughDays,
    Overlap,
    StoreUnavailable,
    UnknownEmployee,
    booking_id,
    has_year,
)

__all__ = ["SQLiteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS employees (
    employee_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    role TEXT NOT NULL DEFAULT 'employee'
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
    status TEXT NOT NULL CHECK (status IN ('planned', 'cancelled')),
    request_key TEXT
);
CREATE INDEX IF NOT EXISTS bookings_by_employee ON bookings (employee_id, start_date);
"""
# Files made before a column existed get it added (CREATE TABLE IF NOT EXISTS cannot).
_ADDED_COLUMNS = (
    ("employees", "role", "TEXT NOT NULL DEFAULT 'employee'"),
    ("bookings", "request_key", "TEXT"),
)
_REQUEST_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS bookings_by_request ON bookings (request_key)"


# SQLite stores integers in 64 bits; no employee can have an id outside that range.
_MIN_ID = -(2**63)
_MAX_ID = 2**63 - 1


_SELECT_BOOKINGS = "SELECT booking_id, employee_id, start_date, end_date, status FROM bookings "

_WAL_RETRY_PAUSE = 0.05  # seconds, at most, between tries to switch a new file to WAL


class SQLiteStore:
    """``VacationStore`` on a SQLite file (see ``store.VacationStore`` for the contract)."""

    def __init__(
        self, path: str | Path, *, timeout: float = 30.0, today: Clock = clock.today
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.today = today
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as db:  # readers never wait for the writer in WAL mode
            self._use_wal(db)
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
        if not _storable(employee_id) or not has_year(year):
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

    def book(
        self, employee_id: int, start: date, end: date, *, request: str | None = None
    ) -> tuple[Booking, Balance]:
        check_dates(start, end, self.today())
        if not _storable(employee_id):
            raise UnknownEmployee(employee_id)
        with self._transaction() as db:
            if request is not None:
                row = db.execute(
                    _SELECT_BOOKINGS + "WHERE request_key = ? AND employee_id = ?",
                    (request, employee_id),
                ).fetchone()
                if row is not None:  # the same request again: answer what it did
                    done = _booking(row)
                    return done, self._balance(db, employee_id, done.year)
            self._employee(db, employee_id)
            balance = self._balance(db, employee_id, start.year)
            overlapping = self._overlapping(db, employee_id, start, end)
            if overlapping:
                raise Overlap(overlapping[0])
            booking = Booking(booking_id(request), employee_id, start, end, "planned")
            if booking.days > balance.available_days:
                raise NotEnoughDays(booking.days, balance.available_days, start.year)
            db.execute(
                "INSERT INTO bookings (booking_id, employee_id, start_date, end_date, status, "
                "request_key) VALUES (?, ?, ?, ?, 'planned', ?)",
                (booking.booking_id, employee_id, start.isoformat(), end.isoformat(), request),
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
            today = self.today()
            if booking.status == "planned" and booking.start_date <= today:
                raise AlreadyStarted(booking, today)
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
        except sqlite3.IntegrityError:
            raise  # a constraint the code should have checked first: a bug, not an outage
        except sqlite3.DatabaseError as exc:  # locked, read-only, disk I/O, corrupt, cannot open
            raise StoreUnavailable(f"SQLite database {self.path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=self._wait(), isolation_level=None)

    def _wait(self) -> float:
        """How long to wait for a lock: ``timeout``, or less if the request's budget is."""
        left = remaining()
        if left is None:
            return self.timeout
        if left <= 0:
            raise StoreUnavailable(f"SQLite database {self.path}: the request ran out of time")
        return min(self.timeout, left)

    def _use_wal(self, db: sqlite3.Connection) -> None:
        """Switch the file to WAL (it stays so), waiting while another process holds it.

        The switch needs the file to itself, and SQLite answers "database is locked" at
        once, without its busy timeout, while another process creates or seeds it.
        """
        deadline = time.monotonic() + self._wait()
        while True:
            try:
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                mode = None
            if mode == "wal":
                return
            if time.monotonic() > deadline:
                raise sqlite3.OperationalError(f"could not switch to WAL (journal mode {mode})")
            time.sleep(random.uniform(0, _WAL_RETRY_PAUSE))

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
        for table, column, declaration in _ADDED_COLUMNS:
            columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            if column not in columns:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
                if column == "role":  # the seeded administrator stays one
                    db.executemany(
                        "UPDATE employees SET role = ? WHERE employee_id = ?",
                        [(role, employee_id) for employee_id, *_, role in seed.EMPLOYEES],
                    )
        db.execute(_REQUEST_INDEX)
        this_year = self.today().year
        if not db.execute("SELECT 1 FROM employees LIMIT 1").fetchone():
            db.executemany(
                "INSERT INTO employees (employee_id, name, active, role) VALUES (?, ?, ?, ?)",
                seed.EMPLOYEES,
            )
            db.executemany(
                "INSERT INTO bookings (booking_id, employee_id, start_date, end_date, status) "
                "VALUES (?, ?, ?, ?, 'planned')",
                [(b, e, s.isoformat(), t.isoformat()) for b, e, s, t in seed.planned(this_year)],
            )
        # Every year the sample runs in has balances, however old the file.
        db.executemany(
            "INSERT OR IGNORE INTO balances VALUES (?, ?, ?, ?)", seed.balances(this_year)
        )

    @staticmethod
    def _employee(db: sqlite3.Connection, employee_id: int) -> Employee:
        row = db.execute(
            "SELECT employee_id, name, active, role FROM employees WHERE employee_id = ?",
            (employee_id,),
        ).fetchone()
        if row is None:
            raise UnknownEmployee(employee_id)
        return Employee(row[0], row[1], bool(row[2]), row[3])

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
