"""Powertools for AWS Lambda: BedrockAgentResolver (OpenAPI), default validation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from aws_lambda_powertools.event_handler import BedrockAgentResolver
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

app = BedrockAgentResolver()


@app.post("/lookup", description="Look an employee up on a day.")
def lookup(
    employee_id: Annotated[int, Body(embed=True)],
    name: Annotated[str, Body(embed=True)],
    day: Annotated[date, Body(embed=True)],
) -> dict[str, object]:
    return {"employee_id": employee_id, "name": name, "day": day.isoformat(), "days": 3}


@app.post("/employees/<employee_id>/bookings", description="Book time off.")
def book(
    employee_id: int,
    note: Annotated[str, Body(embed=True)],
    paid: Annotated[bool, Body(embed=True)],
) -> dict[str, object]:
    return {"employee_id": employee_id, "note": note, "paid": paid, "days": 3}


_ = Query  # imported for readers comparing parameter styles


def lambda_handler(event, context):  # type: ignore[no-untyped-def]
    return app.resolve(event, context)
