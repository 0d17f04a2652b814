"""Events from real action groups that showed defects, through ``resolve``, answers checked.

Each event file in tests/events is the one that showed the defect; the test says what the
answer was before the fix in its name and docstring.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from agent_tools import ActionGroup
from tests.apps.third_party import booking, claims, costs
from tests.conftest import load_event
from tests.contract import body, check_envelope, state


def answer(group: ActionGroup, name: str) -> dict[str, object]:
    event = load_event(name)
    envelope = group.resolve(event)
    check_envelope(event, envelope)
    return envelope


def test_a_body_model_is_read_by_the_alias_its_schema_shows() -> None:
    """A request carrying exactly ``claimId`` was refused: "claimId: Field required"."""
    envelope = answer(claims, "openapi_open_claim_by_alias")
    assert state(envelope) == "200", body(envelope)
    assert json.loads(body(envelope)) == {"claimId": "C-1", "policy": "P-77", "amount": 1200.50}
    schema = claims.openapi()["components"]["schemas"]["Claim"]
    assert list(schema["properties"]) == ["claimId", "policyNumber", "amount"]


def test_function_details_describe_and_read_the_same_field_names() -> None:
    """The description said ``claim_id`` while validation demanded ``claimId``."""
    description = claims.function_schema()["functions"][0]["parameters"]["claim"]["description"]
    assert "claimId (string), policyNumber (string), amount (number)" in description
    envelope = answer(claims, "function_open_claim_by_alias")  # policy_no: the other choice
    assert state(envelope) == "SUCCESS", body(envelope)
    assert json.loads(body(envelope)) == {"claimId": "C-2", "policy": "P-78", "amount": 99.9}


def test_decimal_results_keep_every_digit() -> None:
    """12345678901234567.89 was sent as 1.2345678901234568e+16, and 12.50 as 12.5."""
    text = body(answer(claims, "function_quote_premium"))
    assert text == '{"premium":12.50,"insured":12345678901234567.89}'
    assert json.loads(text, parse_float=Decimal) == {
        "premium": Decimal("12.50"),
        "insured": Decimal("12345678901234567.89"),
    }


@pytest.mark.parametrize(
    "name", ["function_tag_claim_escaped_twice", "function_tag_claim_typographic_quotes"]
)
def test_array_quotes_the_model_mangled_are_read_as_meant(name: str) -> None:
    r"""``[\"a\", \"b\"]`` succeeded with the backslashes kept; “a” kept its quotes."""
    envelope = answer(claims, name)
    assert state(envelope) == "SUCCESS"
    assert json.loads(body(envelope)) == ["urgent", "water damage"]


def test_an_array_still_mangled_after_repair_is_a_reprompt() -> None:
    event = load_event("function_tag_claim_escaped_twice")
    event["parameters"][1]["value"] = '[\\"urgent, \\"water damage\\"]'
    envelope = claims.resolve(event)
    assert state(envelope) == "REPROMPT"
    assert body(envelope).startswith("Invalid input for tag_claim: tags must be a JSON array")


def test_a_whole_number_written_as_a_float_books_the_table() -> None:
    """``guests="4.0"`` was refused, costing the model a round trip."""
    envelope = answer(booking, "function_book_table_integral_float")
    assert state(envelope) == "SUCCESS", body(envelope)
    assert body(envelope) == "Booked a table for 4 on 2026-02-14 at 19:00 for Ana."


@pytest.mark.parametrize(
    ("guests", "message"),
    [
        ("4.5", "guests must be a whole number such as 42, from 1 to 12, got '4.5'"),
        ("13", "guests must be a whole number such as 42, from 1 to 12, got '13'; more than 12"),
    ],
)
def test_fractions_and_bounds_are_still_refused(guests: str, message: str) -> None:
    event = load_event("function_book_table_integral_float")
    event["parameters"][2]["value"] = guests
    envelope = booking.resolve(event)
    assert state(envelope) == "REPROMPT"
    assert body(envelope) == (
        f"Invalid input for book_table: {message}. Correct these parameters and call again."
    )


def test_bounds_are_written_into_the_descriptions_and_the_openapi_schema() -> None:
    parameters = booking.function_schema()["functions"][0]["parameters"]
    assert parameters["guests"]["description"] == (
        "How many people come. A whole number such as 42, from 1 to 12."
    )
    assert parameters["name"]["description"] == (
        "The name the table is booked under. A string, at most 40 characters."
    )
    properties = booking.openapi()["paths"]["/book_table"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]["properties"]
    assert properties["hour"]["minimum"] == 12
    assert properties["hour"]["maximum"] == 22
    assert properties["name"]["maxLength"] == 40


def test_an_openapi_operation_with_six_query_parameters_registers_and_answers() -> None:
    """Six query parameters were refused at import: the function quota was applied."""
    envelope = answer(costs, "openapi_get_cost_and_usage_six_query")
    assert state(envelope) == "200", body(envelope)
    assert json.loads(body(envelope))["service"] == "Amazon S3"
    operation = costs.openapi()["paths"]["/costs"]["get"]
    assert [p["in"] for p in operation["parameters"]] == ["query"] * 6


def test_an_empty_event_is_a_malformed_event() -> None:
    """``{}`` answered "no function ''" (501); the README promised a malformed event."""
    envelope = claims.resolve(load_event("empty_event"))
    assert envelope["response"]["functionResponse"] == {
        "responseState": "FAILURE",
        "responseBody": {
            "TEXT": {
                "body": "Malformed event: expected a function (function details) or an "
                "apiPath (OpenAPI) to call."
            }
        },
    }
