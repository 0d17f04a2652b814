"""The floor: an if/elif handler with the same envelope and no features."""

from __future__ import annotations

import json
from datetime import date


def _values(event):  # type: ignore[no-untyped-def]
    values = {p["name"]: p["value"] for p in event.get("parameters") or []}
    body = event.get("requestBody")
    if body:
        for p in body["content"]["application/json"]["properties"]:
            values[p["name"]] = p["value"]
    return values


def lambda_handler(event, context):  # type: ignore[no-untyped-def]
    values = _values(event)
    if event.get("function") == "lookup":
        result = {
            "employee_id": int(values["employee_id"]),
            "name": values["name"],
            "day": date.fromisoformat(values["day"]).isoformat(),
            "days": 3,
        }
        return {
            "messageVersion": "1.0",
            "response": {
                "actionGroup": event["actionGroup"],
                "function": event["function"],
                "functionResponse": {"responseBody": {"TEXT": {"body": json.dumps(result)}}},
            },
            "sessionAttributes": event.get("sessionAttributes", {}),
            "promptSessionAttributes": event.get("promptSessionAttributes", {}),
        }
    if event.get("apiPath") == "/employees/{employee_id}/bookings":
        result = {
            "employee_id": int(values["employee_id"]),
            "note": values["note"],
            "paid": values["paid"].lower() == "true",
            "days": 3,
        }
        return {
            "messageVersion": "1.0",
            "response": {
                "actionGroup": event["actionGroup"],
                "apiPath": event["apiPath"],
                "httpMethod": event["httpMethod"],
                "httpStatusCode": 200,
                "responseBody": {"application/json": {"body": json.dumps(result)}},
            },
            "sessionAttributes": event.get("sessionAttributes", {}),
            "promptSessionAttributes": event.get("promptSessionAttributes", {}),
        }
    raise ValueError("unknown tool")
