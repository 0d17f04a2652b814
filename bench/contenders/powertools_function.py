"""Powertools for AWS Lambda: BedrockAgentFunctionResolver (function details)."""

from __future__ import annotations

from datetime import date

from aws_lambda_powertools.event_handler import BedrockAgentFunctionResolver

app = BedrockAgentFunctionResolver()


@app.tool(name="lookup", description="Look an employee up on a day.")
def lookup(employee_id: int, name: str, day: date) -> dict[str, object]:
    # The resolver passes the raw strings: the conversion is the handler's job.
    return {
        "employee_id": int(employee_id),
        "name": name,
        "day": date.fromisoformat(str(day)).isoformat(),
        "days": 3,
    }


@app.tool(name="book", description="Book time off.")
def book(employee_id: int, note: str, paid: bool) -> dict[str, object]:
    return {"employee_id": int(employee_id), "note": note, "paid": str(paid) == "true", "days": 3}


def lambda_handler(event, context):  # type: ignore[no-untyped-def]
    return app.resolve(event, context)
