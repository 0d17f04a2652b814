"""``Context``: the event's metadata, read defensively."""

from __future__ import annotations

from types import SimpleNamespace

from agent_tools import Context
from tests.conftest import load_event


def test_properties_from_a_full_event() -> None:
    event = load_event("openapi_reserve_vacation_time", httpMethod="post")
    context = Context(
        event,
        tool="reserve_vacation_time",
        action_group="VacationTools",
        lambda_context=SimpleNamespace(aws_request_id="req-1"),
    )
    assert context.agent == {
        "name": "hr-assistant",
        "id": "AGENT12345",
        "alias": "TSTALIASID",
        "version": "DRAFT",
    }
    assert (context.agent_id, context.agent_alias) == ("AGENT12345", "TSTALIASID")
    assert context.session_id == "331e8192f7c9"
    assert context.input_text == "Book me off from January 24 to 26."
    assert context.api_path == "/employees/{employee_id}/vacations"
    assert context.http_method == "POST"
    assert context.request_id == "req-1"
    assert context.session_attributes == {}
    assert context.knowledge_bases is None
    assert repr(context) == (
        "Context(action_group='VacationTools', tool='reserve_vacation_time', "
        "session_id='331e8192f7c9')"
    )


def test_properties_from_a_sparse_event() -> None:
    context = Context({"agent": "x", "sessionId": 3}, tool="t", action_group="g")
    assert context.agent == {}
    assert context.agent_id is None
    assert context.session_id is None
    assert context.input_text is None
    assert context.api_path is None
    assert context.http_method is None
    assert context.request_id is None
