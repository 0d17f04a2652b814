"""The README's demo: the tutorial conversation, the same on every run."""

from __future__ import annotations

import json
from typing import Any

import pytest

from agent_tools.testing import ToolResult
from sample_tools import demo


def answers(envelopes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Each answer as (state, body), checked against the contract for the event it answers."""
    result: list[tuple[str, str]] = []
    for turn, (envelope, (_, function, parameters)) in enumerate(
        zip(envelopes, demo.STEPS, strict=True)
    ):
        answer = ToolResult.from_response(envelope, event=demo.event(function, parameters, turn))
        result.append(("OK" if answer.ok else answer.state, answer.text))
    return result


def test_demo_conversation_and_a_second_run_starts_clean(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo sets these for its process; the test gets them back as they were.
    for key in (
        "HR_STORE",
        "HR_DB_PATH",
        "HR_TODAY",
        "POWERTOOLS_METRICS_DISABLED",
        "POWERTOOLS_LOG_LEVEL",
    ):
        monkeypatch.setenv(key, "")
        monkeypatch.delenv(key)
    first = answers(demo.run())
    second = answers(demo.run())
    assert [s for s, _ in first] == ["OK", "OK", "OK", "REPROMPT", "REPROMPT", "REPROMPT"]
    before, booked, after = (json.loads(body) for _, body in first[:3])
    assert (before["available_days"], after["available_days"]) == (24, 21)
    assert booked["reservation"]["days"] == 3
    assert "start_date must be a date as YYYY-MM-DD, got '24/02/2026'" in first[3][1]
    assert "only 21 are left for 2026" in first[4][1]
    assert first[5][1].startswith("Access denied")
    # Reservation ids are new on every run; everything else is the same.
    assert [s for s, _ in second] == [s for s, _ in first]
    assert json.loads(second[2][1]) == after
    output = capsys.readouterr().out
    assert "tool call  reserve_vacation_time(employee_id='2', start_date='2026-01-24'" in output
    assert output.count("HR vacation tools on a fresh SQLite database") == 2
