"""``openapi()``: whole documents, OpenAPI 3.0 validity and Bedrock's extra rules."""

from __future__ import annotations

import json
import re
from dataclasses import make_dataclass
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV30SpecValidator

from agent_tools import ActionGroup, SchemaError
from agent_tools.testing import ToolResult, check_response, openapi_event
from tests.apps import all_types, vacation
from tests.openapi_checks import leftovers_31, schema_objects

APPS = [vacation.app, all_types.app]


def error_responses(media_type: str = "application/json") -> dict[str, Any]:
    """The 4xx and 5xx answers every operation documents: the package's own messages."""
    content = {media_type: {"schema": {"type": "string"}}}
    return {
        "400": {
            "description": "Invalid input: the message names each parameter to correct. "
            "Call again with them corrected.",
            "content": content,
        },
        "413": {
            "description": "The result is too large to return. Ask for less.",
            "content": content,
        },
        "500": {
            "description": "The tool failed, not because of the input. The message says what "
            "happened.",
            "content": content,
        },
    }


IDS = ["vacation", "all_types"]


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


@pytest.mark.parametrize("app", APPS, ids=IDS)
def test_document_is_valid_openapi_30(app: ActionGroup) -> None:
    validate(app.openapi(), cls=OpenAPIV30SpecValidator)


@pytest.mark.parametrize("app", APPS, ids=IDS)
def test_no_31_isms_and_no_enum_anywhere(app: ActionGroup) -> None:
    document = app.openapi()
    components = document.get("components", {}).get("schemas", {})
    for path, method, operation in operations(document):
        where = f"{method} {path}"
        for parameter in operation.get("parameters", []):
            assert leftovers_31(parameter["schema"], components) == [], where
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body:
            assert leftovers_31(body["schema"], components) == [], where
        for response in operation["responses"].values():
            content = response.get("content", {}).get("application/json")
            if content:
                assert leftovers_31(content["schema"], components) == [], where
    for name, schema in components.items():
        assert leftovers_31(schema, components) == [], name
    text = json.dumps(document)
    for banned in ('"enum"', '"const"', '"$defs"', '"examples"', '"prefixItems"', '"security"'):
        assert banned not in text


@pytest.mark.parametrize("app", APPS, ids=IDS)
def test_bedrock_operation_rules(app: ActionGroup) -> None:
    document = app.openapi()
    assert document["openapi"] == "3.0.0"
    operation_ids = []
    for path, method, operation in operations(document):
        assert path.startswith("/")
        assert operation["description"]
        assert re.fullmatch(r"[A-Za-z0-9_-]+", operation["operationId"])
        operation_ids.append(operation["operationId"])
        assert "200" in operation["responses"]
        assert all(r["description"] for r in operation["responses"].values())
        for parameter in operation.get("parameters", []):
            assert {"name", "in", "description"} <= set(parameter)
            assert parameter["in"] in ("path", "query")
        if method in ("get", "delete"):
            assert "requestBody" not in operation
        placeholders = set(re.findall(r"\{([^}]+)\}", path))
        in_path = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert placeholders == in_path
        assert all(p["required"] for p in operation.get("parameters", []) if p["in"] == "path")
    assert len(operation_ids) == len(set(operation_ids)) == len(app.tools)


def test_vacation_reserve_operation_whole() -> None:
    document = vacation.app.openapi()
    assert document["info"] == {
        "title": "VacationTools",
        "version": "1.0.0",
        "description": "Look up and book employee vacation.",
    }
    assert document["paths"]["/employees/{employee_id}/vacations"] == {
        "post": {
            "operationId": "reserve_vacation_time",
            "description": "Reserve vacation days for an employee.",
            "parameters": [
                {
                    "name": "employee_id",
                    "in": "path",
                    "description": "Employee id.",
                    "required": True,
                    "schema": {"type": "integer"},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "start_date": {
                                    "type": "string",
                                    "format": "date",
                                    "description": "First day off. A date as YYYY-MM-DD.",
                                },
                                "end_date": {
                                    "type": "string",
                                    "format": "date",
                                    "description": "Last day off, inclusive. A date as YYYY-MM-DD.",
                                },
                            },
                            "required": ["start_date", "end_date"],
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "The result of reserve_vacation_time.",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "additionalProperties": True}
                        }
                    },
                },
                **error_responses(),
            },
            "x-requireConfirmation": "ENABLED",
        },
        "get": {
            "operationId": "list_planned_vacations",
            "description": "List an employee's vacations.",
            "parameters": [
                {
                    "name": "employee_id",
                    "in": "path",
                    "description": "The employee.",
                    "required": True,
                    "schema": {"type": "integer"},
                },
                {
                    "name": "year",
                    "in": "query",
                    "description": "Only this year's vacations.",
                    "required": False,
                    "schema": {"type": "integer", "nullable": True},
                },
                {
                    "name": "status",
                    "in": "query",
                    "description": (
                        'Which vacations to list. One of: planned, taken. Default: "planned".'
                    ),
                    "required": False,
                    "schema": {"type": "string", "default": "planned"},
                },
            ],
            "responses": {
                "200": {
                    "description": "The result of list_planned_vacations.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "array",
                                "items": {"type": "object", "additionalProperties": True},
                            }
                        }
                    },
                },
                **error_responses(),
            },
        },
    }


def test_dataclass_body_is_a_component_and_arrives_flat() -> None:
    document = vacation.app.openapi()
    operation = document["paths"]["/employees/{employee_id}/requests"]["post"]
    assert operation["requestBody"] == {
        "description": "A request for days off. A JSON object with the fields: start_date "
        "(string), end_date (string), kind (string, optional).",
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Booking"}}},
    }
    assert "content" not in operation["responses"]["200"]  # returns Response: no schema
    assert document["components"]["schemas"]["Booking"] == {
        "type": "object",
        "properties": {
            "start_date": {
                "type": "string",
                "format": "date",
                "description": "A date as YYYY-MM-DD.",
            },
            "end_date": {
                "type": "string",
                "format": "date",
                "description": "A date as YYYY-MM-DD.",
            },
            "kind": {"type": "string", "description": "One of: annual, sick."},
        },
        "required": ["start_date", "end_date"],
        "description": "A request for days off.",
    }


def test_pydantic_models_go_to_components_converted() -> None:
    components = all_types.app.openapi()["components"]["schemas"]
    assert sorted(components) == ["Address", "Item", "Order", "Priority"]
    quantity = components["Item"]["properties"]["quantity"]
    assert quantity == {
        "exclusiveMaximum": True,
        "exclusiveMinimum": True,
        "title": "Quantity",
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
        "example": 2,
    }
    assert components["Order"]["properties"]["ship_to"] == {
        "allOf": [{"$ref": "#/components/schemas/Item"}],
        "default": None,
        "nullable": True,
    }


def test_returns_section_describes_the_200_response() -> None:
    group = ActionGroup("Returns")

    @group.tool
    def count() -> int:
        """Count things.

        Returns:
            How many things there are.
        """
        return 1

    operation = group.openapi()["paths"]["/count"]["post"]
    assert operation["responses"] == {
        "200": {
            "description": "How many things there are.",
            "content": {"application/json": {"schema": {"type": "integer"}}},
        },
        **error_responses(),
    }
    assert "summary" not in operation  # the description is one line: no summary beside it


def test_summary_is_the_docstrings_first_line() -> None:
    group = ActionGroup("Summaries")

    @group.tool
    def cancel_booking(booking_id: str) -> None:
        """Cancel a booking.

        The days go back to the employee's balance. Bookings that started cannot be cancelled.

        Args:
            booking_id: The booking to cancel.
        """

    operation = group.openapi()["paths"]["/cancel_booking"]["post"]
    assert operation["summary"] == "Cancel a booking."
    assert operation["description"] == (
        "Cancel a booking.\n\nThe days go back to the employee's balance. Bookings that "
        "started cannot be cancelled."
    )


def test_error_bodies_as_text_plain_where_the_group_says_so() -> None:
    group = ActionGroup("Plain", error_media_type="text/plain")

    @group.tool(method="GET", path="/balance/{employee_id}")
    def get_balance(employee_id: int) -> int:
        """Get a balance."""
        return employee_id

    document = group.openapi()
    validate(document, cls=OpenAPIV30SpecValidator)
    responses = document["paths"]["/balance/{employee_id}"]["get"]["responses"]
    assert responses == {
        "200": {
            "description": "The result of get_balance.",
            "content": {"application/json": {"schema": {"type": "integer"}}},
        },
        **error_responses("text/plain"),
    }
    event = openapi_event("/balance/{employee_id}", "GET", {"employee_id": "x"})
    envelope = group.resolve(event)
    check_response(event, envelope)
    assert envelope["response"]["httpStatusCode"] == 400
    assert list(envelope["response"]["responseBody"]) == ["text/plain"]
    assert ToolResult.from_response(envelope).text.startswith("Invalid input for get_balance")
    ok = group.resolve(openapi_event("/balance/{employee_id}", "GET", {"employee_id": "3"}))
    assert ok["response"]["responseBody"] == {"application/json": {"body": "3"}}


def test_error_media_type_is_checked() -> None:
    with pytest.raises(ValueError, match="error_media_type must be 'application/json' or"):
        ActionGroup("Html", error_media_type="text/html")  # type: ignore[arg-type]


def test_two_models_with_one_name_are_refused() -> None:
    other_booking = make_dataclass("Booking", [("x", int)])
    group = ActionGroup("Clash")

    def first(booking: Any) -> None:
        """First."""

    def second(booking: Any) -> None:
        """Second."""

    first.__annotations__ = {"booking": vacation.Booking}
    second.__annotations__ = {"booking": other_booking}
    group.add_tool(first)
    group.add_tool(second)
    with pytest.raises(SchemaError) as info:
        group.openapi()
    assert info.value.field == "components/schemas"
    assert info.value.value == "Booking"
    assert info.value.fix == "Rename one of tests.apps.vacation.Booking and types.Booking."


def test_openapi_of_a_group_without_tools_is_still_valid() -> None:
    document = ActionGroup("Empty", description="Nothing yet.").openapi()
    assert document == {
        "openapi": "3.0.0",
        "info": {"title": "Empty", "version": "1.0.0", "description": "Nothing yet."},
        "paths": {},
    }
    validate(document, cls=OpenAPIV30SpecValidator)


def test_schema_objects_walks_nested_schemas() -> None:
    schema = {"type": "array", "items": {"properties": {"a": {"allOf": [{"type": "string"}]}}}}
    assert [path for path, _ in schema_objects(schema)] == [
        "$",
        "$.items",
        "$.items.properties.a",
        "$.items.properties.a.allOf[0]",
    ]
