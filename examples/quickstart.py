"""A two-tool action group, run locally through the real Lambda handler.

Run it with ``scripts/demo.sh`` (or ``python examples/quickstart.py`` in the project's venv).
It sends Bedrock-shaped events for both kinds of action group, prints each answer, then
prints the function schema and the OpenAPI document the same code exports.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any

from agent_tools import ActionGroup, Param, Reprompt, SessionAttr

app = ActionGroup("VacationTools", description="Look up and book employee vacation.")

BALANCES = {1: 20, 2: 22}


@app.tool
def get_available_vacation_days(
    employee_id: Annotated[int, Param("Numeric employee id, e.g. 2")],
) -> dict[str, int]:
    """Get the number of vacation days an employee has left this year."""
    if employee_id not in BALANCES:
        raise Reprompt(f"There is no employee {employee_id}. Ask the user for their id.")
    return {"employee_id": employee_id, "available_days": BALANCES[employee_id]}


@app.tool(confirm=True, path="/employees/{employee_id}/vacations")
def reserve_vacation_time(
    employee_id: int,
    start_date: date,
    end_date: date,
    caller: Annotated[int, SessionAttr("employee_id")],
) -> dict[str, Any]:
    """Reserve vacation days for an employee.

    Args:
        employee_id: The employee taking the days off.
        start_date: First day off.
        end_date: Last day off, inclusive.
    """
    if caller != employee_id:
        raise Reprompt("You can only book your own vacation.")
    if end_date < start_date:
        raise Reprompt("end_date is before start_date; swap them or ask the user.")
    days = (end_date - start_date + timedelta(days=1)).days
    if days > BALANCES[employee_id]:
        raise Reprompt(f"Only {BALANCES[employee_id]} days are left; book fewer days.")
    BALANCES[employee_id] -= days
    return {"booked_days": days, "available_days": BALANCES[employee_id]}


lambda_handler = app.lambda_handler


def function_event(function: str, **parameters: str) -> dict[str, Any]:
    """The event Bedrock sends a function-details action group."""
    return {
        "messageVersion": "1.0",
        "agent": {
            "name": "hr-assistant",
            "id": "AGENT12345",
            "alias": "TSTALIASID",
            "version": "DRAFT",
        },
        "sessionId": "demo-session",
        "inputText": "",
        "actionGroup": "VacationTools",
        "function": function,
        "parameters": [{"name": k, "type": "string", "value": v} for k, v in parameters.items()],
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {},
    }


def show(title: str, event: dict[str, Any]) -> None:
    answer = lambda_handler(event, None)["response"]
    if "functionResponse" in answer:
        state = answer["functionResponse"].get("responseState", "SUCCESS")
        body = answer["functionResponse"]["responseBody"]["TEXT"]["body"]
    else:
        state = str(answer["httpStatusCode"])
        body = answer["responseBody"]["application/json"]["body"]
    print(f"> {title}\n  {state}: {body}\n")


def main() -> None:
    show(
        "How many days does employee 2 have?",
        function_event("get_available_vacation_days", employee_id="2"),
    )
    show(
        "Book 2026-01-24 to 2026-01-26",
        function_event(
            "reserve_vacation_time", employee_id="2", start_date="2026-01-24", end_date="2026-01-26"
        ),
    )
    show(
        "The model sends a date in the wrong format",
        function_event(
            "reserve_vacation_time", employee_id="2", start_date="24/01/2026", end_date="2026-01-26"
        ),
    )
    show(
        "The model sends words for a number",
        function_event("get_available_vacation_days", employee_id="two"),
    )
    openapi_event = function_event("get_available_vacation_days") | {
        "apiPath": "/get_available_vacation_days",
        "httpMethod": "POST",
        "requestBody": {
            "content": {
                "application/json": {
                    "properties": [{"name": "employee_id", "type": "integer", "value": "2"}]
                }
            }
        },
    }
    del openapi_event["function"]
    show("The same tool behind an OpenAPI action group", openapi_event)
    print("functionSchema:\n" + json.dumps(app.function_schema(), indent=2))
    print("\nOpenAPI document:\n" + json.dumps(app.openapi(), indent=2))


if __name__ == "__main__":
    main()
