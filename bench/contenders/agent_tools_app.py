"""This project: two tools, three parameters each."""

from __future__ import annotations

from datetime import date

from agent_tools import ActionGroup

app = ActionGroup("Bench", description="Benchmark action group.")


@app.tool
def lookup(employee_id: int, name: str, day: date) -> dict[str, object]:
    """Look an employee up on a day."""
    return {"employee_id": employee_id, "name": name, "day": day.isoformat(), "days": 3}


@app.tool(path="/employees/{employee_id}/bookings")
def book(employee_id: int, note: str, paid: bool) -> dict[str, object]:
    """Book time off."""
    return {"employee_id": employee_id, "note": note, "paid": paid, "days": 3}


lambda_handler = app.lambda_handler
