"""A small vacation action group used by the dispatch and integration tests."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Literal

from agent_tools import ActionGroup, Context, Failure, Param, Reprompt, Response, SessionAttr

app = ActionGroup("VacationTools", description="Look up and book employee vacation.")

BALANCES = {1: 20, 2: 22, 3: 0}


class Kind(Enum):
    ANNUAL = "annual"
    SICK = "sick"


@dataclass
class Booking:
    """A request for days off."""

    start_date: date
    end_date: date
    kind: Kind = Kind.ANNUAL


@app.tool
def get_available_vacation_days(
    employee_id: Annotated[int, Param("Numeric employee id, e.g. 2", log=True)],
) -> dict[str, int]:
    """Get the number of vacation days an employee has left this year."""
    if employee_id not in BALANCES:
        raise Reprompt(f"There is no employee {employee_id}; ask the user for their id.")
    return {"employee_id": employee_id, "available_days": BALANCES[employee_id]}


@app.tool(confirm=True, method="POST", path="/employees/{employee_id}/vacations")
def reserve_vacation_time(
    employee_id: int,
    start_date: date,
    end_date: date,
    caller: Annotated[str, SessionAttr("employee_id")],
    ctx: Context,
) -> dict[str, object]:
    """Reserve vacation days for an employee.

    Args:
        start_date: First day off.
        end_date: Last day off, inclusive.
    """
    days = (end_date - start_date).days + 1
    ctx.session_attributes["last_booking"] = f"{start_date}/{end_date}"
    return {"employee_id": employee_id, "caller": caller, "days": days, "start_date": start_date}


@app.tool(method="GET", path="/employees/{employee_id}/vacations")
def list_planned_vacations(
    employee_id: int,
    year: int | None = None,
    status: Literal["planned", "taken"] = "planned",
) -> list[dict[str, object]]:
    """List an employee's vacations.

    Args:
        employee_id: The employee.
        year: Only this year's vacations.
        status: Which vacations to list.
    """
    return [{"employee_id": employee_id, "year": year, "status": status}]


@app.tool(path="/employees/{employee_id}/requests")
def submit_request(employee_id: int, booking: Booking) -> Response:
    """Submit a time-off request described as one object."""
    return Response(
        {"employee_id": employee_id, "booking": booking},
        session_attributes={"pending": booking.kind.value, "last_booking": None},
        prompt_session_attributes={"hint": "request submitted"},
    )


@app.tool
def tag_days(days: list[date], tags: set[str] | None = None) -> dict[str, object]:
    """Tag some days."""
    return {"days": days, "tags": sorted(tags or ())}


@app.tool
async def ping(message: str = "ping") -> str:
    """Answer from an async tool."""
    await asyncio.sleep(0)
    return message.upper()


@app.tool
def broken(reason: str = "boom") -> str:
    """Always fails."""
    if reason == "dependency":
        raise Failure("The HR system is down; try again later.", status=503)
    raise RuntimeError(f"secret internal detail: /var/task/db.sqlite {reason}")


@app.tool
def huge(size: int) -> str:
    """Return a body of the given size."""
    return "é" * size


@app.tool
def who_am_i(
    caller: Annotated[int, SessionAttr("employee_id")],
    role: Annotated[str, SessionAttr()] = "employee",
) -> dict[str, object]:
    """Say who the session belongs to."""
    return {"caller": caller, "role": role}


@app.tool
def apply_kb(ctx: Context) -> Response:
    """Point the agent at a knowledge base."""
    return Response(
        "ok",
        knowledge_bases=[
            {
                "knowledgeBaseId": "KB12345678",
                "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}},
            }
        ],
        status="REPROMPT" if ctx.input_text == "reprompt me" else None,
    )


lambda_handler = app.lambda_handler
