"""The vacation rules that need no storage: which dates can be booked, and who may act for
whom. The stores apply them (so every backend refuses the same way); the messages are for
the model, saying what to do instead."""

from __future__ import annotations

from datetime import date

from .store import Employee, InactiveEmployee, StoreError, UnknownEmployee, VacationStore

__all__ = [
    "MAX_BOOKING_DAYS",
    "AccessDenied",
    "InvalidDates",
    "UnknownCaller",
    "acting_for",
    "check_dates",
    "signed_in",
]

MAX_BOOKING_DAYS = 90  # a DynamoDB transaction writes one item per day, 100 items at most


class InvalidDates(StoreError):
    """The dates cannot be booked as asked; the message says how to ask instead."""


class AccessDenied(StoreError):
    def __init__(self, caller: int, employee_id: int) -> None:
        super().__init__(
            f"Access denied: this session belongs to employee {caller}, who may see and "
            f"change only their own vacation, not employee {employee_id}'s. Nothing was "
            "changed. Tell the user; HR administrators can act for other employees."
        )


class UnknownCaller(Exception):
    """The session's employee is not a current employee on record.

    Not a ``StoreError``: the model cannot fix the session's identity, which the calling
    application set.
    """

    def __init__(self, caller: int) -> None:
        super().__init__(
            f"This session's employee {caller} is not a current employee on record, so "
            "nothing can be looked up or changed. Nothing was changed. The user must sign in "
            "again as a current employee."
        )


def check_dates(start: date, end: date, today: date) -> None:
    """Refuse what cannot be booked: backwards, in the past, too long, or across years."""
    if end < start:
        raise InvalidDates(
            f"end_date {end.isoformat()} is before start_date {start.isoformat()}. Ask the "
            "user which dates they meant."
        )
    if start < today:
        raise InvalidDates(
            f"start_date {start.isoformat()} is in the past (today is {today.isoformat()}): "
            "vacation can be booked from today on. Ask the user for dates from today on."
        )
    days = (end - start).days + 1
    if days > MAX_BOOKING_DAYS:
        raise InvalidDates(
            f"A single booking can cover at most {MAX_BOOKING_DAYS} days; this one covers "
            f"{days}. Split it into bookings of at most {MAX_BOOKING_DAYS} days, each "
            "within one calendar year."
        )
    if end.year != start.year:
        # At most 90 days long, so it spans exactly two years.
        last_day = date(start.year, 12, 31)
        first_day = date(end.year, 1, 1)
        raise InvalidDates(
            "A vacation must stay within one calendar year, since each year has its own "
            f"balance: book {start.isoformat()} to {last_day.isoformat()} and "
            f"{first_day.isoformat()} to {end.isoformat()} separately."
        )


def signed_in(store: VacationStore, caller: int) -> Employee:
    """The session's employee: a current employee on record; refuses anyone else."""
    try:
        employee = store.employee(caller)
    except UnknownEmployee as unknown:
        raise UnknownCaller(caller) from unknown
    if not employee.active:
        raise UnknownCaller(caller)
    return employee


def acting_for(store: VacationStore, caller: Employee, employee_id: int) -> Employee:
    """The employee ``caller`` may act for, active; refuses anyone else.

    Only an HR administrator (by the store's record, never by what the session or a token
    claims) may act for someone else.
    """
    if employee_id == caller.employee_id:
        return caller
    if not caller.is_hr_admin:
        raise AccessDenied(caller.employee_id, employee_id)
    employee = store.employee(employee_id)
    if not employee.active:
        raise InactiveEmployee(employee_id)
    return employee
