"""The HR vacation action group: look up, book and cancel an employee's vacation.

Deployed by template.yaml as the agent's tool Lambda (``sample_tools.hr.lambda_handler``).
The backend comes from the environment: ``HR_STORE=sqlite`` (the default, with
``HR_DB_PATH``) or ``HR_STORE=dynamodb`` (with ``HR_TABLE``).

Identity comes from the session, never from the model: the application that calls
``InvokeAgent`` puts the caller's ``employee_id`` (and optionally ``role``) in
``sessionAttributes``. Callers see and change only their own record unless their role is
``hr_admin``. A session without an ``employee_id`` is refused with ``FAILURE``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Annotated, Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit

from agent_tools import ActionGroup, Failure, Param, Reprompt, SessionAttr

from .store import (
    Balance,
    Booking,
    InactiveEmployee,
    StoreError,
    StoreUnavailable,
    VacationStore,
    open_store,
)

__all__ = ["app", "lambda_handler"]

logger = Logger(service="hr-vacation-tools")
metrics = Metrics(namespace="HRVacationAgent", service="hr-vacation-tools")
# The framework's one line per tool call goes out through the same structured logger.
copy_config_to_registered_loggers(
    source_logger=logger, include={logging.getLogger("agent_tools").name}
)

app = ActionGroup(
    "VacationTools",
    description="Look up, book and cancel employee vacation days.",
)

MAX_BOOKING_DAYS = 90  # a DynamoDB transaction writes one item per day, 100 at most
MAX_RESERVATION_ID_LENGTH = 40  # ours are 11 characters; longer is not an id at all
UNAVAILABLE = (
    "The vacation system is unavailable right now and nothing was changed. Tell the user "
    "to try again later."
)

EmployeeId = Annotated[int, Param("The employee's numeric id, e.g. 2.")]
Caller = Annotated[int, SessionAttr("employee_id", header="x-employee-id")]
Role = Annotated[str, SessionAttr("role", header="x-hr-role")]


@app.tool(method="GET", path="/employees/{employee_id}/balance")
def get_available_vacation_days(
    employee_id: EmployeeId, caller: Caller, role: Role = "employee"
) -> dict[str, Any]:
    """Get how many vacation days an employee has left this year, with their name."""
    _authorize(caller, role, employee_id)
    year = today().year
    with _rules():
        employee = _active_employee(employee_id)
        balance = store().balance(employee_id, year)
    return {"employee_id": employee_id, "name": employee, **_balance(balance)}


@app.tool(confirm=True, method="POST", path="/employees/{employee_id}/vacations")
def reserve_vacation_time(
    employee_id: EmployeeId,
    start_date: date,
    end_date: date,
    caller: Caller,
    role: Role = "employee",
) -> dict[str, Any]:
    """Book vacation days for an employee; the days are counted inclusively.

    Args:
        start_date: The first day off.
        end_date: The last day off; the same as start_date for a single day.
    """
    with _counted("Booking"):
        _authorize(caller, role, employee_id)
        if end_date < start_date:
            raise Reprompt(
                f"end_date {end_date.isoformat()} is before start_date "
                f"{start_date.isoformat()}. Ask the user which dates they meant."
            )
        if end_date.year != start_date.year:
            raise Reprompt(
                "A vacation must stay within one calendar year, since each year has its own "
                f"balance: book {start_date.isoformat()} to {start_date.year}-12-31 and "
                f"{end_date.year}-01-01 to {end_date.isoformat()} separately."
            )
        days = (end_date - start_date).days + 1
        if days > MAX_BOOKING_DAYS:
            raise Reprompt(
                f"A single booking can cover at most {MAX_BOOKING_DAYS} days; this one "
                f"covers {days}. Split it into shorter bookings."
            )
        with _rules():
            _active_employee(employee_id)
            booking, balance = store().book(employee_id, start_date, end_date)
    return {"reservation": _booking(booking), **_balance(balance)}


@app.tool(method="GET", path="/employees/{employee_id}/vacations")
def list_planned_vacations(
    employee_id: EmployeeId,
    caller: Caller,
    year: int | None = None,
    role: Role = "employee",
) -> dict[str, Any]:
    """List an employee's planned vacations, optionally for one year.

    Args:
        year: Only vacations starting in this year, e.g. 2026; all years if left out.
    """
    _authorize(caller, role, employee_id)
    with _rules():
        _active_employee(employee_id)
        bookings = store().bookings(employee_id, year)
    return {"employee_id": employee_id, "vacations": [_booking(b) for b in bookings]}


@app.tool(confirm=True, method="DELETE", path="/employees/{employee_id}/vacations/{reservation_id}")
def cancel_vacation(
    employee_id: EmployeeId,
    reservation_id: Annotated[str, Param("The reservation id of the vacation, e.g. V1A2B3C4D5.")],
    caller: Caller,
    role: Role = "employee",
) -> dict[str, Any]:
    """Cancel a planned vacation and give its days back to the employee's balance."""
    _authorize(caller, role, employee_id)
    reservation_id = reservation_id.strip()
    if (
        not reservation_id
        or len(reservation_id) > MAX_RESERVATION_ID_LENGTH
        or not reservation_id.isprintable()
    ):
        shown = reservation_id[:20] + "..." if len(reservation_id) > 20 else reservation_id
        raise Reprompt(
            f"reservation_id must be a reservation id such as V1A2B3C4D5, got {shown!r}. "
            "List the employee's planned vacations to find the right id."
        )
    with _rules():
        _active_employee(employee_id)
        booking, balance = store().cancel(employee_id, reservation_id)
    return {"reservation": _booking(booking), **_balance(balance)}


@logger.inject_lambda_context(correlation_id_path="sessionId")
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The Lambda entry point: structured logs keyed by the agent's session, and metrics."""
    try:
        return app.resolve(event, context)
    finally:
        if metrics.metric_set:  # only booking calls count something
            metrics.flush_metrics()


# -- helpers -------------------------------------------------------------------------------


@cache
def store() -> VacationStore:
    """The backend, opened on first use and kept for the container's life."""
    return open_store()


def today() -> date:
    """Today, or ``HR_TODAY`` (YYYY-MM-DD) so that demos and tests are reproducible."""
    fixed = os.environ.get("HR_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()


def _authorize(caller: int, role: str, employee_id: int) -> None:
    if caller != employee_id and role != "hr_admin":
        raise Reprompt(
            f"Access denied: this session belongs to employee {caller}, who may see and "
            f"change only their own vacation, not employee {employee_id}'s. Nothing was "
            "changed. Tell the user; HR administrators can act for other employees."
        )


def _active_employee(employee_id: int) -> str:
    employee = store().employee(employee_id)
    if not employee.active:
        raise InactiveEmployee(employee_id)
    return employee.name


@contextmanager
def _rules() -> Iterator[None]:
    """A store rule that refuses the request becomes a REPROMPT with its message.

    A store that is down becomes a FAILURE: the model cannot fix it, the caller learns that
    nothing changed and to try later, and the cause goes to the log only.
    """
    try:
        yield
    except StoreError as refusal:
        raise Reprompt(str(refusal)) from refusal
    except StoreUnavailable as outage:
        logger.exception("The vacation store is unavailable: %s", outage)
        raise Failure(UNAVAILABLE) from outage


@contextmanager
def _counted(what: str) -> Iterator[None]:
    """Count ``<what>sMade``, ``<what>sRefused`` and ``<what>sFailed`` metrics."""
    try:
        yield
    except Reprompt:
        metrics.add_metric(name=f"{what}sRefused", unit=MetricUnit.Count, value=1)
        raise
    except Exception:
        metrics.add_metric(name=f"{what}sFailed", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name=f"{what}sMade", unit=MetricUnit.Count, value=1)


def _balance(balance: Balance) -> dict[str, int]:
    return {
        "year": balance.year,
        "total_days": balance.total_days,
        "taken_days": balance.taken_days,
        "available_days": balance.available_days,
    }


def _booking(booking: Booking) -> dict[str, Any]:
    return {
        "reservation_id": booking.booking_id,
        "start_date": booking.start_date.isoformat(),
        "end_date": booking.end_date.isoformat(),
        "days": booking.days,
        "status": booking.status,
    }
