"""Tests for ``agent_tools._serve.returns``: results checked against a declared model only."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, TypedDict

import pytest
from pydantic import BaseModel

from agent_tools import ActionGroup, Response
from agent_tools._declare.annotations import type_info
from agent_tools._serve.returns import ResultTypeError, result_check
from agent_tools.testing import function_event
from tests.contract import body, state


@dataclasses.dataclass
class Point:
    x: int


class Claim(BaseModel):
    claim_id: str


class Balance(TypedDict):
    employee_id: int
    days: int


@pytest.mark.parametrize(
    ("annotation", "result"),
    [
        (Point, Point(1)),
        (Claim, Claim(claim_id="C-1")),
        (Balance, {"employee_id": 1, "days": 3, "extra": True}),
        (list[Claim], [Claim(claim_id="C-1")]),
        (list[Balance], ()),
        (Claim | None, None),
        (Claim, Response(Claim(claim_id="C-1"), session_attributes={"a": "b"})),
        (Claim, Response("Ask for the claim id.", status="REPROMPT")),
        (Claim, Response("The claims store is down.", status=503)),
    ],
)
def test_results_of_the_declared_type_pass(annotation: Any, result: Any) -> None:
    check = result_check("tool", type_info(annotation))
    assert check is not None
    check(result)


@pytest.mark.parametrize(
    ("annotation", "result", "message"),
    [
        (Claim, "C-1", "tool returned str, but its declared return type is Claim"),
        (Point, {"x": 1}, "tool returned dict, but its declared return type is Point"),
        (Balance, {"days": 3}, "tool returned dict, but its declared return type is Balance"),
        (Claim, None, "tool returned NoneType, but its declared return type is Claim"),
        (
            list[Claim],
            [Claim(claim_id="C-1"), "C-2"],
            "tool returned list, but its declared return type is a list of Claim",
        ),
        (Claim, Response("C-1"), "tool returned str, but its declared return type is Claim"),
    ],
)
def test_results_of_another_type_are_refused(annotation: Any, result: Any, message: str) -> None:
    check = result_check("tool", type_info(annotation))
    assert check is not None
    with pytest.raises(ResultTypeError, match=message):
        check(result)


@pytest.mark.parametrize("annotation", [str, int, dict[str, int], list[str], None])
def test_plain_return_types_are_not_checked(annotation: Any) -> None:
    assert result_check("tool", None if annotation is None else type_info(annotation)) is None


def test_a_mismatch_is_the_tools_failure_with_the_cause_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    group = ActionGroup("Claims")

    @group.tool
    def get_claim(claim_id: str) -> Claim:
        """Get a claim."""
        return f"claim {claim_id}"  # type: ignore[return-value]

    with caplog.at_level(logging.ERROR, logger="agent_tools"):
        envelope = group.resolve(function_event("get_claim", {"claim_id": "C-1"}))
    assert state(envelope) == "FAILURE"
    assert body(envelope).startswith("get_claim failed with an internal error (reference ")
    assert "declared return type is Claim" in caplog.text
    assert "declared" not in body(envelope)


def test_a_typed_dict_parameter_is_read_as_its_fields() -> None:
    group = ActionGroup("Balances")

    @group.tool
    def store(balance: Balance) -> Balance:
        """Store a balance."""
        return balance

    envelope = group.resolve(
        function_event("store", {"balance": '{"employee_id": "7", "days": 3}'})
    )
    assert body(envelope) == '{"employee_id":7,"days":3}'
