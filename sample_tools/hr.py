"""The HR vacation action group: look up, book and cancel an employee's vacation.

Deployed by template.yaml as the agent's tool Lambda (``sample_tools.hr.lambda_handler``).
The backend comes from the environment: ``HR_STORE=sqlite`` (the default, with
``HR_DB_PATH``) or ``HR_STORE=dynamodb`` (with ``HR_TABLE``).

Identity comes from the session, never from the model: the application that calls
``InvokeAgent`` puts the signed-in caller's ``employee_id`` in ``sessionAttributes``. The
caller must be a current employee on record; callers see and change only their own record
unless the store records them as an HR administrator (a ``role`` the session claims grants
nothing). A session without an ``employee_id`` is refused with ``FAILURE``.

The rules live in the store and ``rules.py``; the tools only read the call and shape the
answer. Two declarations keep the rest out of the tools: the signed-in employee is a
dependency (``SignedIn``), computed once per call, and the store's refusals and outages become
the answers the model and the user need through exception handlers. A request's retries are
tied to it by a key made of the session and the Lambda invocation, so a resent request books
once, and never again after a cancellation.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Annotated, Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit

from agent_tools import ActionGroup, Context, Depends, Failure, Param, Reprompt, SessionAttr

from .budget import time_budget
from .clock import today
from .rules import UnknownCaller, acting_for, signed_in
from .store import (
    Balance,
    Booking,
    Employee,
    OutcomeUnknown,
    StoreError,
    StoreUnavailable,
    VacationStore,
    open_store,
    request_key,
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

MAX_RESERVATION_ID_LENGTH = 40  # ours are 11 characters; longer is not an id at all
PAGE_SIZE = 20  # planned vacations per page of list_planned_vacations
ANSWER_MARGIN_SECONDS = 1.0  # of the Lambda's remaining time, kept for answering
UNAVAILABLE = (
    "The vacation system is unavailable right now and nothing was changed. Tell the user "
    "to try again later."
)
UNCONFIRMED = (
    "The vacation system did not confirm the change: it may or may not have been made. "
    "List the employee's planned vacations to see before trying again."
)

EmployeeId = Annotated[int, Param("The employee's numeric id, e.g. 2.")]
# Classic: sessionAttributes["employee_id"]; AgentCore: the x-employee-id header the
# Gateway's interceptor sets from the verified token. Never a tool argument.
Caller = Annotated[int, SessionAttr("employee_id", header="x-employee-id")]


def signed_in_employee(caller: Caller) -> Employee:
    """The session's employee, a current one on record (``UnknownCaller`` otherwise)."""
    return signed_in(store(), caller)


SignedIn = Annotated[Employee, Depends(signed_in_employee)]


@app.tool(method="GET", path="/employees/{employee_id}/balance")
def get_available_vacation_days(
    employee_id: EmployeeId, caller: SignedIn, year: int | None = None
) -> dict[str, Any]:
    """Get how many vacation days an employee has left in a year, with their name.

    Args:
        year: The year, e.g. 2027; this year if left out.
    """
    employee = acting_for(store(), caller, employee_id)
    balance = store().balance(employee_id, today().year if year is None else year)
    return {"employee_id": employee_id, "name": employee.name, **_balance(balance)}


@app.tool(confirm=True, method="POST", path="/employees/{employee_id}/vacations")
def reserve_vacation_time(
    employee_id: EmployeeId,
    start_date: date,
    end_date: date,
    caller: SignedIn,
    context: Context,
) -> dict[str, Any]:
    """Book vacation days for an employee; the days are counted inclusively.

    Args:
        start_date: The first day off, today or later.
        end_date: The last day off; the same as start_date for a single day.
    """
    request = _request(context, "book", employee_id, start_date, end_date)
    with _counted("Booking"):
        acting_for(store(), caller, employee_id)
        booking, balance = store().book(employee_id, start_date, end_date, request=request)
    return {"reservation": _booking(booking), **_balance(balance)}


@app.tool(method="GET", path="/employees/{employee_id}/vacations")
def list_planned_vacations(
    employee_id: EmployeeId,
    caller: SignedIn,
    year: int | None = None,
    page: int = 1,
) -> dict[str, Any]:
    """List an employee's planned vacations, by start date, 20 to a page.

    Args:
        year: Only vacations starting in this year, e.g. 2026; all years if left out.
        page: Which page of 20, from 1; the answer's next_page says if there is more.
    """
    acting_for(store(), caller, employee_id)
    bookings = store().bookings(employee_id, year)
    pages = max(1, -(-len(bookings) // PAGE_SIZE))
    if not 1 <= page <= pages:
        raise Reprompt(
            f"page must be between 1 and {pages}: the employee has {len(bookings)} planned "
            f"vacation{'' if len(bookings) == 1 else 's'}"
            f"{'' if year is None else f' starting in {year}'}, {PAGE_SIZE} to a page."
        )
    shown = bookings[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return {
        "employee_id": employee_id,
        "vacations": [_booking(b) for b in shown],
        "page": page,
        "next_page": page + 1 if page < pages else None,
        "total": len(bookings),
    }


@app.tool(confirm=True, method="DELETE", path="/employees/{employee_id}/vacations/{reservation_id}")
def cancel_vacation(
    employee_id: EmployeeId,
    reservation_id: Annotated[str, Param("The reservation id of the vacation, e.g. V1A2B3C4D5.")],
    caller: SignedIn,
) -> dict[str, Any]:
    """Cancel a planned vacation that has not started and give its days back."""
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
    acting_for(store(), caller, employee_id)
    booking, balance = store().cancel(employee_id, reservation_id)
    return {"reservation": _booking(booking), **_balance(balance)}


# -- what the store's refusals and outages become ------------------------------------------


@app.exception_handler(StoreError)
def refused(refusal: StoreError) -> Reprompt:
    """A store rule that refuses the request: the model reads why, and what to ask instead."""
    return Reprompt(str(refusal))


@app.exception_handler(UnknownCaller)
def stranger(error: UnknownCaller) -> Failure:
    """A session of no current employee: the model cannot fix it; the user must sign in."""
    logger.warning("Refused a session of no current employee: %s", error)
    return Failure(str(error))


@app.exception_handler(OutcomeUnknown)
def unconfirmed(lost: OutcomeUnknown) -> Failure:
    """A write whose answer was lost: it may or may not have been made."""
    logger.error("A write to the vacation store was not confirmed: %s", lost, exc_info=lost)
    return Failure(UNCONFIRMED)


@app.exception_handler(StoreUnavailable)
def unavailable(outage: StoreUnavailable) -> Failure:
    """A store that is down: nothing changed, try later; the cause goes to the log only."""
    logger.error("The vacation store is unavailable: %s", outage, exc_info=outage)
    return Failure(UNAVAILABLE)


@logger.inject_lambda_context
def lambda_handler(event: dict[str, Any], context: Any) -> Any:
    """The Lambda entry point: structured logs keyed by the agent's session, and metrics.

    Answers Bedrock Agents Classic events and AgentCore Gateway calls alike.
    """
    logger.set_correlation_id(_correlation_id(event, context))
    try:
        with time_budget(_store_seconds(context)):
            return app.lambda_handler(event, context)
    finally:
        if metrics.metric_set:  # only booking calls count something
            metrics.flush_metrics()


# -- helpers -------------------------------------------------------------------------------


@cache
def store() -> VacationStore:
    """The backend, opened on first use and kept for the container's life."""
    return open_store()


def _correlation_id(event: Any, context: Any) -> str | None:
    """What the call's log lines are keyed by: the agent's session on Bedrock Agents, the
    AgentCore request on a Gateway. A Gateway call's event is the model's arguments, so
    nothing is read from it there: the model must not choose the key."""
    custom = getattr(getattr(context, "client_context", None), "custom", None)
    if isinstance(custom, dict) and "bedrockAgentCoreToolName" in custom:
        request = custom.get("bedrockAgentCoreAwsRequestId")
        return request if isinstance(request, str) else None
    session = event.get("sessionId") if isinstance(event, dict) else None
    return session if isinstance(session, str) else None


def _store_seconds(context: Any) -> float | None:
    """What the store may spend: the Lambda's remaining time, less time to answer."""
    remaining_ms = getattr(context, "get_remaining_time_in_millis", None)
    if remaining_ms is None:
        return None
    return float(remaining_ms()) / 1000 - ANSWER_MARGIN_SECONDS


def _request(context: Context, *arguments: object) -> str | None:
    """The key of this request: its session, its Lambda invocation and what it asks.

    Each tool call of the agent is a Lambda invocation of its own, so only a repeat of the
    same invocation is taken for a retry, and the store answers it with what the first one
    did; the arguments are part of the key, so a different call is never mistaken for one.
    """
    if context.session_id is None or context.request_id is None:
        return None
    return request_key(context.session_id, context.request_id, *arguments)


@contextmanager
def _counted(what: str) -> Iterator[None]:
    """Count ``<what>sMade``, ``<what>sRefused`` and ``<what>sFailed`` metrics."""
    try:
        yield
    except (StoreError, Reprompt):
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
