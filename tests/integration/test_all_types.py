"""Every supported type through the real handler, in both event kinds."""

from __future__ import annotations

import json
from typing import Any

from tests.apps.all_types import app
from tests.conftest import load_event
from tests.contract import body, check_envelope, state


def function_call(function: str, **values: str) -> dict[str, Any]:
    event = load_event(
        "function_get_available_vacation_days",
        actionGroup="AllTypes",
        function=function,
        parameters=[{"name": k, "type": "string", "value": v} for k, v in values.items()],
    )
    envelope = app.lambda_handler(event, None)
    check_envelope(event, envelope)
    return envelope


def api_call(
    method: str, path: str, parameters: dict[str, str], properties: dict[str, str] | None = None
) -> dict[str, Any]:
    event = load_event(
        "openapi_reserve_vacation_time",
        actionGroup="AllTypes",
        apiPath=path,
        httpMethod=method,
        parameters=[{"name": k, "type": "string", "value": v} for k, v in parameters.items()],
        requestBody=None,
    )
    if properties is not None:
        event["requestBody"] = {
            "content": {
                "application/json": {
                    "properties": [
                        {"name": k, "type": "string", "value": v} for k, v in properties.items()
                    ]
                }
            }
        }
    envelope = app.lambda_handler(event, None)
    check_envelope(event, envelope)
    return envelope


ORDER = {
    "items": [{"sku": "A1", "quantity": 2, "tags": ["gift"]}],
    "priority": 2,
    "deliver_on": "2026-02-01",
}
ORDER_BACK = {
    "items": [{"sku": "A1", "quantity": 2, "kind": "book", "tags": ["gift"], "note": None}],
    "ship_to": None,
    "priority": 2,
    "deliver_on": "2026-02-01",
    "tuple_field": [1, "a"],
}


def test_pydantic_model_as_json_text_in_function_mode() -> None:
    envelope = function_call("place_order", order=json.dumps(ORDER))
    assert state(envelope) == "SUCCESS"
    assert json.loads(body(envelope)) == ORDER_BACK


def test_pydantic_model_fields_arrive_flat_in_openapi_mode() -> None:
    properties = {
        "items": '[{"sku": "A1", "quantity": 2, "tags": ["gift"]}]',
        "priority": "2",
        "deliver_on": "2026-02-01",
    }
    envelope = api_call("POST", "/place_order", {}, properties)
    assert state(envelope) == "200"
    assert json.loads(body(envelope)) == ORDER_BACK


def test_pydantic_validation_errors_reprompt_with_field_locations() -> None:
    order = {"items": [{"sku": "A1", "quantity": 500}], "priority": 9}
    envelope = function_call("place_order", order=json.dumps(order))
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == (
        "Invalid input for place_order: order must be a JSON object with the fields items, "
        "ship_to, priority, deliver_on, tuple_field, got "
        '\'{"items": [{"sku": "A1", "quantity": 500}], "priority": 9}\'; '
        "items.0.quantity: Input should be less than 100; priority: Input should be 1 or 2. "
        "Correct these parameters and call again."
    )


def test_scalars_decimal_bool_words() -> None:
    envelope = function_call(
        "scalars", text="héllo", count="3", ratio="0.25", flag="YES", amount="12.10"
    )
    assert state(envelope) == "SUCCESS"
    bad = function_call("scalars", text="x", count="3.5", ratio="NaN", flag="maybe", amount="1e9")
    assert body(bad) == (
        "Invalid input for scalars: count must be a whole number such as 42, got '3.5'; "
        "ratio must be a number such as 3.5, got 'NaN'; flag must be true or false, got 'maybe'. "
        "Correct these parameters and call again."
    )


def test_dates_uuid_enum_literal_over_get_query() -> None:
    envelope = api_call(
        "GET",
        "/dates/{day}",
        {
            "day": "2026-01-24",
            "moment": "2026-01-24T09:30:00Z",
            "ident": "123e4567-e89b-12d3-a456-426614174000",
            "color": "GREEN",
            "level": "3",
        },
    )
    assert state(envelope) == "200"
    bad = api_call("GET", "/dates/{day}", {"day": "2026-01-24", "color": "blue", "level": "4"})
    assert state(bad) == "400"
    assert body(bad) == (
        "Invalid input for dates: color must be one of: red, green, got 'blue'; "
        "level must be one of: 1, 2, 3, got '4'. Correct these parameters and call again."
    )


def test_arrays_of_each_element_type_over_delete() -> None:
    envelope = api_call(
        "DELETE",
        "/lists",
        {"numbers": "[1, 2]", "names": '["a", "b"]', "colors": "[red, red]", "priorities": "[2]"},
    )
    assert state(envelope) == "200"
    bad = api_call("DELETE", "/lists", {"numbers": "1, 2"})
    assert state(bad) == "400"
    assert "numbers must be a JSON array of whole numbers, such as [1, 2], got '1, 2'" in body(bad)


def test_dataclass_and_mapping_in_a_body_with_other_properties() -> None:
    envelope = api_call(
        "PATCH",
        "/addresses/{address_id}",
        {"address_id": "7"},
        {"address": "{street=Rue de Rivoli, city=Paris}", "extra": '{"floors": 3}'},
    )
    assert state(envelope) == "200"
    assert json.loads(body(envelope)) == {"street": "Rue de Rivoli", "city": "Paris"}
    bad = api_call(
        "PATCH", "/addresses/{address_id}", {"address_id": "7"}, {"address": '{"city": "Lyon"}'}
    )
    assert state(bad) == "400"
    assert "street: missing (a string)" in body(bad)


def test_tool_without_parameters() -> None:
    assert body(function_call("nothing")) == "nothing"


def test_a_field_only_pydantic_can_describe_still_arrives_parsed() -> None:
    # tuple[int, str] has no OpenAPI 3.0 schema; Bedrock sends it as array text all the same.
    for text in ('[2, "b"]', "[2, b]"):
        order = dict(ORDER, tuple_field=text)
        envelope = function_call("place_order", order=json.dumps(order))
        assert json.loads(body(envelope))["tuple_field"] == [2, "b"]
    assert json.loads(body(function_call("place_order", order=json.dumps(ORDER))))[
        "tuple_field"
    ] == [1, "a"]  # absent: the model's default
    bad = function_call("place_order", order=json.dumps(dict(ORDER, tuple_field="[x")))
    assert state(bad) == "REPROMPT"
    assert "tuple_field" in body(bad)
