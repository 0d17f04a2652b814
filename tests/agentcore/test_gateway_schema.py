"""``gateway_schema``: a full JSON Schema reduced to what a Gateway tool schema can say."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field

from agent_tools.export.gateway_schema import gateway_schema
from tests.botocore_checks import gateway_keys_only


def test_enum_format_bounds_default_and_null_move_into_descriptions() -> None:
    schema = {
        "type": "object",
        "properties": {
            "color": {"type": "string", "enum": ["red", "green"], "description": "Paint."},
            "day": {"type": "string", "format": "date"},
            "count": {"type": "integer", "minimum": 1, "maximum": 5, "default": 2},
            "note": {"type": ["string", "null"]},
        },
        "required": ["color", "day"],
    }
    reduced, notes = gateway_schema(schema)
    gateway_keys_only(reduced)
    props = reduced["properties"]
    assert props["color"] == {"type": "string", "description": "Paint. One of: red, green."}
    assert props["day"] == {"type": "string", "description": "A date as YYYY-MM-DD."}
    assert props["count"] == {
        "type": "integer",
        "description": "At least 1. At most 5. Default: 2.",
    }
    assert props["note"] == {"type": "string", "description": "May be null."}
    assert reduced["required"] == ["color", "day"]
    assert "$.color: enum moved to the description" in notes
    assert "$.day: format moved to the description" in notes
    assert "$.count: minimum moved to the description" in notes
    assert "$.note: null moved to the description" in notes


def test_refs_resolve_from_definitions_and_from_defs() -> None:
    definitions = {"Address": {"type": "object", "properties": {"city": {"type": "string"}}}}
    schema = {
        "type": "object",
        "properties": {
            "home": {"allOf": [{"$ref": "#/components/schemas/Address"}], "description": "Home."}
        },
    }
    reduced, _ = gateway_schema(schema, definitions=definitions)
    assert reduced["properties"]["home"] == {
        "type": "object",
        "description": "Home.",
        "properties": {"city": {"type": "string"}},
    }
    inline = {
        "$defs": definitions,
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/Address"}},
    }
    assert gateway_schema(inline)[0]["properties"]["a"]["properties"] == {
        "city": {"type": "string"}
    }


def test_an_unknown_reference_names_the_fix() -> None:
    with pytest.raises(ValueError, match=r"\$\.x: \$ref '#/components/schemas/Nope' names no"):
        gateway_schema(
            {"type": "object", "properties": {"x": {"$ref": "#/components/schemas/Nope"}}}
        )


def test_recursion_is_cut_once_per_branch() -> None:
    schema = {
        "$defs": {
            "Node": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "child": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
                },
            }
        },
        "$ref": "#/$defs/Node",
    }
    reduced, notes = gateway_schema(schema)
    gateway_keys_only(reduced)
    assert reduced["properties"]["child"]["type"] == "object"
    assert "properties" not in reduced["properties"]["child"]
    assert any("recursive reference to Node" in note for note in notes)


def test_unions_widen_and_say_so() -> None:
    schema = {
        "type": "object",
        "properties": {
            "when": {"anyOf": [{"type": "integer"}, {"type": "string", "format": "date"}]},
            "any": {},
            "shape": {
                "oneOf": [
                    {"type": "object", "properties": {"r": {"type": "number"}}, "required": ["r"]},
                    {"type": "object", "properties": {"w": {"type": "number"}}, "required": ["w"]},
                ]
            },
            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        },
    }
    reduced, notes = gateway_schema(schema)
    gateway_keys_only(reduced)
    props = reduced["properties"]
    assert props["when"]["type"] == "string"  # text converts to either member
    assert "integer" in props["when"]["description"]
    assert props["any"]["type"] == "string"
    assert set(props["shape"]["properties"]) == {"r", "w"}
    assert "required" not in props["shape"]  # neither key is required by every member
    assert props["counts"]["description"].endswith("each value is an integer.")
    assert any("anyOf/oneOf of integer, string reduced to string" in n for n in notes)


class Line(BaseModel):
    """One line."""

    sku: str = Field(description="Stock keeping unit", min_length=3)
    quantity: int = Field(gt=0, lt=100)
    kind: str = Field("book", pattern="^[a-z]+$")


class Order(BaseModel):
    lines: list[Line]
    parent: Order | None = None


def test_pydantic_schemas_reduce_without_losing_fields() -> None:
    reduced, notes = gateway_schema(Order.model_json_schema())
    gateway_keys_only(reduced)
    line = reduced["properties"]["lines"]["items"]
    assert line["required"] == ["sku", "quantity"]
    assert line["properties"]["quantity"]["description"] == "More than 0. Less than 100."
    assert "At least 3 characters." in line["properties"]["sku"]["description"]
    assert "Default: book." in line["properties"]["kind"]["description"]
    assert reduced["properties"]["parent"]["type"] == "object"
    assert notes  # every change is reported


@pytest.mark.parametrize("bad", [None, 3, "object", []])
def test_non_schemas_are_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="not a schema"):
        gateway_schema({"type": "object", "properties": {"x": bad}})
