"""The sample's harness client: a booking runs only once the user confirms it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from sample_tools import harness_chat
from tests.test_harness import ARN, SESSION, RecordedStubber, final_stream, tool_use_stream

BOOKING = {"employee_id": 2, "start_date": "2026-01-24", "end_date": "2026-01-26"}


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "hr.sqlite3"
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(path))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    from sample_tools import hr

    hr.store.cache_clear()
    hr.store()  # created and seeded before the conversation
    yield path
    hr.store.cache_clear()


def conversation(decision: bool) -> tuple[Any, list[tuple[str, dict[str, Any]]]]:
    client = boto3.client(
        "bedrock-agentcore",
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    asked: list[tuple[str, dict[str, Any]]] = []

    def confirm(name: str, arguments: Any) -> bool:
        asked.append((name, dict(arguments)))
        return decision

    with RecordedStubber(client) as stub:
        stub.add_response(
            "invoke_harness", {"stream": tool_use_stream("t-1", "reserve_vacation_time", BOOKING)}
        )
        stub.add_response("invoke_harness", {"stream": final_stream("Done.")})
        reply = harness_chat.chat(
            client,
            "Book me Jan 24 to 26",
            harness_arn=ARN,
            session_id=SESSION,
            employee_id="2",
            confirm=confirm,
        )
        stub.assert_no_pending_responses()
    return reply, asked


def test_a_confirmed_booking_is_made(database: Path) -> None:
    reply, asked = conversation(True)
    assert asked == [("reserve_vacation_time", BOOKING)]
    (run,) = reply.tool_runs
    assert (run.status, run.ran) == ("success", True)
    assert json.loads(run.text)["reservation"]["days"] == 3


def balance() -> Any:
    from sample_tools import hr

    use = {"toolUseId": "b", "name": "get_available_vacation_days", "input": {"employee_id": 2}}
    return hr.app.run_tool_use(use, session_attributes={"employee_id": "2"})


def test_a_declined_booking_changes_nothing(database: Path) -> None:
    before = database.read_bytes()
    days_before = balance()
    reply, asked = conversation(False)
    assert asked == [("reserve_vacation_time", BOOKING)]
    (run,) = reply.tool_runs
    assert (run.status, run.ran) == ("error", False)
    assert "did not confirm" in run.text
    assert database.read_bytes() == before
    assert balance() == days_before


def test_the_session_carries_the_signed_in_employee_and_no_claimed_role(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A role in the session grants nothing (the store records who administers HR), so the
    # client neither takes one nor sends one that could suggest otherwise.
    sent: dict[str, Any] = {}

    def run_harness(*args: Any, **keywords: Any) -> str:
        sent.update(keywords)
        return "reply"

    monkeypatch.setattr(harness_chat, "run_harness", run_harness)
    harness_chat.chat(None, "Hi", harness_arn=ARN, session_id=SESSION, employee_id="2")
    assert sent["session_attributes"] == {"employee_id": "2"}
    with pytest.raises(TypeError, match="role"):
        harness_chat.chat(  # type: ignore[call-arg]
            None, "Hi", harness_arn=ARN, session_id=SESSION, employee_id="1", role="hr_admin"
        )
