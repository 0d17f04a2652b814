"""``ActionGroup.call_tool`` and ``run_tool_use``: trusted values by source, names cut short."""

from __future__ import annotations

from typing import Annotated

from agent_tools import ActionGroup, OutcomeKind, SessionAttr


def _group() -> ActionGroup:
    group = ActionGroup("Prefs")

    @group.tool
    def greet(
        employee_id: Annotated[str, SessionAttr("employeeId", header="x-employee-id")],
        lang: Annotated[str, SessionAttr("lang", prompt=True, header="x-lang")],
    ) -> str:
        """Greet the caller in their language."""
        return f"{lang}:{employee_id}"

    return group


def test_a_prompt_session_value_given_as_a_session_attribute_is_used() -> None:
    outcome = _group().call_tool("greet", {}, session_attributes={"employeeId": "7", "lang": "fr"})
    assert outcome.kind is OutcomeKind.SUCCESS
    assert outcome.value == "fr:7"


def test_a_prompt_session_value_given_as_a_header_is_used() -> None:
    outcome = _group().call_tool("greet", {}, headers={"X-Employee-Id": "7", "X-Lang": "de"})
    assert outcome.value == "de:7"


def test_a_converse_tool_use_reads_prompt_session_values() -> None:
    block = _group().run_tool_use(
        {"toolUseId": "t1", "name": "greet", "input": {}},
        session_attributes={"employeeId": "7", "lang": "it"},
    )
    assert block["toolResult"]["status"] == "success"
    assert block["toolResult"]["content"] == [{"text": "it:7"}]


def test_the_model_cannot_write_a_prompt_session_value() -> None:
    outcome = _group().call_tool(
        "greet", {"lang": "fr", "employeeId": "7"}, session_attributes={"employeeId": "7"}
    )
    assert outcome.kind is OutcomeKind.FAILURE
    assert "'lang'" in outcome.body
