"""OpenAPI parameter placement: wire names (``Param(alias=)``), query on POST, headers."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV30SpecValidator
from pydantic import Field

from agent_tools import ActionGroup, Param, RegistrationError, SchemaError
from agent_tools.testing import check_response, tool_event
from tests.contract import body, state

group = ActionGroup("Claims")


@group.tool(method="POST", path="/claims/{claimId}/notes")
def add_note(
    claim_id: Annotated[str, Param("The claim.", alias="claimId")],
    text: str,
    notify: Annotated[bool, Param("Email the owner.", location="query")] = False,
    tenant: Annotated[str, Param("The tenant.", location="header", alias="X-Tenant-Id")] = "none",
) -> str:
    """Add a note to a claim."""
    return f"{claim_id}|{text}|{notify}|{tenant}"


def test_each_parameter_sits_where_it_is_declared_under_its_wire_name() -> None:
    document = group.openapi()
    validate(document, cls=OpenAPIV30SpecValidator)
    operation = document["paths"]["/claims/{claimId}/notes"]["post"]
    assert [(p["name"], p["in"]) for p in operation["parameters"]] == [
        ("claimId", "path"),
        ("notify", "query"),
        ("X-Tenant-Id", "header"),
    ]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert list(schema["properties"]) == ["text"]
    functions = group.function_schema()["functions"]
    assert list(functions[0]["parameters"]) == ["claimId", "text", "notify", "X-Tenant-Id"]


@pytest.mark.parametrize("openapi", [True, False], ids=["openapi", "function-details"])
def test_values_are_read_by_their_wire_names(openapi: bool) -> None:
    arguments = {"claimId": "C-1", "text": "Water damage", "notify": True, "X-Tenant-Id": "acme"}
    event = tool_event(group, "add_note", arguments, openapi=openapi)
    envelope = group.resolve(event)
    check_response(event, envelope)
    assert body(envelope) == "C-1|Water damage|True|acme"


def test_a_missing_aliased_value_is_named_by_its_wire_name() -> None:
    envelope = group.resolve(tool_event(group, "add_note", {"text": "x"}, openapi=True))
    assert state(envelope) == "400"
    assert body(envelope).startswith("Invalid input for add_note: claimId is missing")


def register(function: Any, **options: Any) -> None:
    ActionGroup("Placement").add_tool(function, **options)


def test_an_object_cannot_go_in_a_header() -> None:
    def tag(tags: Annotated[dict[str, str], Param(location="header")]) -> None:
        """Tag."""

    with pytest.raises(RegistrationError, match="an object cannot be sent in the header"):
        register(tag)


def test_reserved_header_names_are_refused() -> None:
    def call(token: Annotated[str, Param(alias="Authorization", location="header")]) -> None:
        """Call."""

    with pytest.raises(RegistrationError, match="ignores a header parameter named Authorization"):
        register(call)


def test_a_path_placeholder_cannot_be_placed_elsewhere() -> None:
    def get(claim_id: Annotated[str, Param(location="query")]) -> None:
        """Get."""

    with pytest.raises(RegistrationError, match="cannot also be in the query"):
        register(get, method="GET", path="/claims/{claim_id}")


def test_two_parameters_with_one_wire_name_are_refused() -> None:
    def twice(a: Annotated[str, Param(alias="id")], b: Annotated[str, Param(alias="id")]) -> None:
        """Twice."""

    with pytest.raises(RegistrationError, match="two parameters are named 'id'"):
        register(twice)


def test_an_alias_follows_bedrocks_name_rules() -> None:
    def bad(a: Annotated[str, Param(alias="claim__id")]) -> None:
        """Bad."""

    with pytest.raises(SchemaError, match="must not contain two separators"):
        register(bad)


def test_param_location_is_checked() -> None:
    with pytest.raises(ValueError, match="must be 'query' or 'header'"):
        Param(location="cookie")  # type: ignore[arg-type]


def test_a_pydantic_field_in_annotated_gives_the_description_and_the_wire_name() -> None:
    fields = ActionGroup("Fields")

    @fields.tool(method="GET", path="/claims")
    def find_claims(
        policy: Annotated[str, Field(description="The policy number.", alias="policyNumber")],
        limit: Annotated[int, Field(description="At most this many.", ge=1, le=50)] = 10,
    ) -> list[str]:
        """Find claims."""
        return [policy] * limit

    parameters = fields.openapi()["paths"]["/claims"]["get"]["parameters"]
    assert [(p["name"], p["description"]) for p in parameters] == [
        ("policyNumber", "The policy number."),
        ("limit", "At most this many. A whole number such as 42, from 1 to 50. Default: 10."),
    ]
    event = tool_event(fields, "find_claims", {"policyNumber": "P-1", "limit": 2}, openapi=True)
    assert body(fields.resolve(event)) == '["P-1","P-1"]'
