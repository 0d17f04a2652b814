"""``Response`` checks its status when it is built, not when Bedrock rejects it."""

from __future__ import annotations

from typing import Any

import pytest

from agent_tools import Failure, Reprompt, Response


@pytest.mark.parametrize("status", [None, "REPROMPT", "FAILURE", 200, 201, 404, 503, 599])
def test_valid_statuses(status: Any) -> None:
    assert Response("x", status=status).status == status


@pytest.mark.parametrize("status", ["OK", "reprompt", 199, 600, True, 3.5])
def test_invalid_statuses(status: Any) -> None:
    with pytest.raises(ValueError, match="Response status must be None, 'REPROMPT', 'FAILURE'"):
        Response("x", status=status)


def test_reprompt_and_failure_status_ranges() -> None:
    assert Reprompt("fix it").status == 400
    assert Reprompt("gone", status=404).status == 404
    assert Failure("down").status == 500
    with pytest.raises(ValueError, match="Reprompt status must be a 4xx HTTP code, got 500"):
        Reprompt("x", status=500)
    with pytest.raises(ValueError, match="Failure status must be a 5xx HTTP code, got 400"):
        Failure("x", status=400)
