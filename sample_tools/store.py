"""The vacation data model and the interface both storage backends implement.

Every check that must hold under concurrency (the balance is never overdrawn, no two
planned vacations of an employee overlap, a retried request books once) is enforced by the
store inside one transaction, never by reading first and writing later in the tool code.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .seed import HR_ADMIN

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "AlreadyStarted",
    "Balance",
    "Booking",
    "Clock",
    "Employee",
    "InactiveEmployee",
    "NoBalance",
    "NoSuchBooking",
    "NotEnoughDays",
    "OutcomeUnknown",
    "Overlap",
    "StoreError",
    "StoreUnavailable",
    "UnknownEmployee",
    "VacationStore",
    "booking_id",
    "has_year",
    "open_store",
    "request_key",
]


@dataclass(frozen=True, slots=True)
class Employee:
    employee_id: int
    name: str
    active: bool
    role: str = "employee"  # or "hr_admin": may see and change every employee's vacation

    @property
    def is_hr_admin(self) -> bool:
        return self.role == HR_ADMIN


@dataclass(frozen=True, slots=True)
class Balance:
    employee_id: int
    year: int
    total_days: int
    taken_days: int

    @property
    def available_days(self) -> int:
        return self.total_days - self.taken_days


@dataclass(frozen=True, slots=True)
class Booking:
    booking_id: str
    employee_id: int
    start_date: date
    end_date: date
    status: str  # "planned" or "cancelled"

    @property
    def days(self) -> int:
        """Calendar days, both ends included (as the reference tutorial counts them)."""
        return (self.end_date - self.start_date).days + 1

    @property
    def year(self) -> int:
        return self.start_date.year


class StoreError(Exception):
    """A rule refused the request; the message says why in words the model can act on."""


class StoreUnavailable(Exception):
    """The storage itself failed (locked, read-only, corrupt, throttled, unreachable, or out
    of time).

    Not a ``StoreError``: the model cannot fix it by changing its call. The message is for
    the operator's log (the original error is the ``__cause__``); the tools answer the
    caller with a fixed message of their own. Nothing was written.
    """


class OutcomeUnknown(StoreUnavailable):
    """A write was sent but its answer was lost (a timeout, a dropped connection): it may
    have been made. The tools say so, and never that nothing was changed."""


class UnknownEmployee(StoreError):
    def __init__(self, employee_id: int) -> None:
        super().__init__(f"There is no employee {employee_id}. Ask the user for their employee id.")


class InactiveEmployee(StoreError):
    def __init__(self, employee_id: int) -> None:
        super().__init__(
            f"Employee {employee_id} is no longer active; their vacation cannot be looked up "
            "or changed here. Suggest contacting HR."
        )


class NoBalance(StoreError):
    def __init__(self, employee_id: int, year: int) -> None:
        super().__init__(
            f"Employee {employee_id} has no vacation balance for {year}. Vacation can be "
            "booked only in a year that has one."
        )


class NotEnoughDays(StoreError):
    def __init__(self, requested: int, available: int, year: int) -> None:
        if available > 0:
            left = (
                f"only {available} {'is' if available == 1 else 'are'} left for {year}. "
                f"Book at most {_days(available)}."
            )
        else:
            left = f"no days are left for {year}."
        super().__init__(
            f"Not enough vacation days: the request needs {_days(requested)} but {left}"
        )
        self.requested = requested
        self.available = available


class Overlap(StoreError):
    def __init__(self, existing: Booking) -> None:
        super().__init__(
            f"These dates overlap the planned vacation {existing.booking_id} from "
            f"{existing.start_date.isoformat()} to {existing.end_date.isoformat()}. "
            "Choose other dates or cancel that vacation first."
        )
        self.existing = existing


class NoSuchBooking(StoreError):
    def __init__(self, employee_id: int, booking_id: str) -> None:
        super().__init__(
            f"Employee {employee_id} has no vacation with the reservation id {booking_id!r}. "
            "List their planned vacations to find the right id."
        )


class AlreadyStarted(StoreError):
    def __init__(self, booking: Booking, today: date) -> None:
        when = "is over" if booking.end_date < today else "has already started"
        super().__init__(
            f"The vacation {booking.booking_id} from {booking.start_date.isoformat()} to "
            f"{booking.end_date.isoformat()} {when} (today is {today.isoformat()}), so it "
            "cannot be cancelled and its days are not given back. Nothing was changed. Tell "
            "the user; HR can correct the record if the days were not taken."
        )
        self.booking = booking


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def booking_id(request: str | None = None) -> str:
    """A reservation id, short enough for a user to read out: derived from the request
    when there is one (a resent request then writes exactly what the first one did)."""
    if request is None:
        return "V" + secrets.token_hex(5).upper()
    return "V" + hashlib.sha256(f"booking:{request}".encode()).hexdigest()[:10].upper()


def request_key(*parts: object) -> str:
    """A key naming one request, from what identifies it (session, invocation, arguments)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# Balances exist only for years of four digits; other years have none on any backend.
MIN_YEAR = 1
MAX_YEAR = 9999


def has_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


Clock = Callable[[], date]


class VacationStore(Protocol):
    """What the tools need from storage. Both backends pass tests/sample/test_store.py."""

    today: Clock

    def employee(self, employee_id: int) -> Employee:
        """The employee; raises ``UnknownEmployee``."""
        ...

    def balance(self, employee_id: int, year: int) -> Balance:
        """The employee's balance for ``year``; raises ``NoBalance``."""
        ...

    def bookings(self, employee_id: int, year: int | None = None) -> list[Booking]:
        """Planned (not cancelled) vacations, by start date; of ``year`` if given."""
        ...

    def book(
        self, employee_id: int, start: date, end: date, *, request: str | None = None
    ) -> tuple[Booking, Balance]:
        """Book ``start``..``end`` atomically and return the booking with the new balance.

        The dates must pass ``rules.check_dates`` (today from the store's clock). A request
        with the ``request`` key of one already booked returns that booking, as it is now
        (even if cancelled since), with its year's balance: a resent request books once and
        never again after a cancellation. Raises ``NoBalance``, ``Overlap``,
        ``NotEnoughDays`` or ``InvalidDates``; nothing is written then.
        """
        ...

    def cancel(self, employee_id: int, booking_id: str) -> tuple[Booking, Balance]:
        """Cancel a planned booking that has not started and give its days back, atomically.

        Cancelling an already cancelled booking returns it and the balance unchanged.
        Raises ``NoSuchBooking`` for an unknown id or another employee's booking, and
        ``AlreadyStarted`` for a vacation under way or over.
        """
        ...


def open_store() -> VacationStore:
    """The store the environment asks for: ``HR_STORE=sqlite`` (default) or ``dynamodb``."""
    kind = os.environ.get("HR_STORE", "sqlite").strip().lower()
    if kind == "sqlite":
        from .sqlite_store import SQLiteStore

        return SQLiteStore(os.environ.get("HR_DB_PATH") or SQLiteStore.default_path())
    if kind == "dynamodb":
        from .dynamodb_store import DynamoDBStore

        table = os.environ.get("HR_TABLE")
        if not table:
            raise RuntimeError("HR_STORE=dynamodb needs HR_TABLE, the table's name")
        return DynamoDBStore(table)
    raise RuntimeError(f"HR_STORE must be 'sqlite' or 'dynamodb', not {kind!r}")
