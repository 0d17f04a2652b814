"""ActionGroup and Router: registration rules of the group, and routing between groups."""

from __future__ import annotations

from typing import Any

import pytest

from agent_tools import ActionGroup, Limits, RegistrationError, Router, SchemaError
from tests.conftest import load_event
from tests.contract import body, check_envelope, state


def noop() -> None:
    """Do nothing."""


def test_decorator_returns_the_function_unchanged_bare_and_called() -> None:
    group = ActionGroup("Decorated")

    def add(a: int, b: int = 1) -> int:
        """Add."""
        return a + b

    assert group.tool(add) is add
    assert group.tool(name="add_again")(add) is add
    assert add(2) == 3
    assert [t.name for t in group.tools] == ["add", "add_again"]
    assert [t.path for t in group.tools] == ["/add", "/add_again"]


def test_the_group_exposes_no_plumbing() -> None:
    public = {name for name in dir(ActionGroup) if not name.startswith("_")}
    assert public == {
        "add_tool",
        "call_tool",
        "cloudformation",
        "converse_tools",
        "exception_handler",
        "function_schema",
        "gateway_target",
        "gateway_tools",
        "inline_functions",
        "lambda_handler",
        "max_body_bytes",
        "mcp_tools",
        "openapi",
        "resolve",
        "run_tool_use",
        "tool",
        "tools",
    }


def test_duplicate_names_and_routes_are_refused() -> None:
    group = ActionGroup("Dupes")
    group.add_tool(noop)
    with pytest.raises(RegistrationError, match="already registered; pass name="):
        group.add_tool(noop)
    with pytest.raises(RegistrationError, match="POST /noop is already the operation of tool"):
        group.add_tool(noop, name="other", path="/noop")


def test_tool_count_limit_is_checked_and_configurable() -> None:
    group = ActionGroup("Many")
    for index in range(11):
        group.add_tool(noop, name=f"tool{index}")
    with pytest.raises(SchemaError) as info:
        group.add_tool(noop, name="tool11")
    assert info.value.rule == "an action group may have at most 11 tools"
    assert info.value.value == 12
    bigger = ActionGroup("More", limits=Limits(max_tools=12))
    for index in range(12):
        bigger.add_tool(noop, name=f"tool{index}")


def test_name_the_model_sees_is_at_most_64_characters() -> None:
    group = ActionGroup("A" * 30)
    group.add_tool(noop, name="b" * 26)  # post__ + 30 + __ + 26 = 64
    with pytest.raises(SchemaError) as info:
        group.add_tool(noop, name="c" * 27)
    assert info.value.value == f"post__{'A' * 30}__{'c' * 27}"
    assert "must be at most 64 characters, not 65" in info.value.rule


def test_group_name_and_description_rules() -> None:
    with pytest.raises(SchemaError, match="action group name"):
        ActionGroup("Vacation Tools")
    with pytest.raises(SchemaError) as info:
        ActionGroup("Vacation", description="x" * 201)
    assert info.value.rule == "action group description must be 1 to 200 characters long, not 201"
    with pytest.raises(ValueError, match="max_body_bytes must be positive"):
        ActionGroup("Vacation", max_body_bytes=0)


def _hr() -> ActionGroup:
    group = ActionGroup("HR")

    @group.tool
    def get_available_vacation_days(employee_id: int) -> str:
        """Days left."""
        return f"hr:{employee_id}"

    return group


def _it() -> ActionGroup:
    group = ActionGroup("IT")

    @group.tool
    def get_available_vacation_days(employee_id: int) -> str:
        """Same name, other group."""
        return f"it:{employee_id}"

    return group


def test_router_dispatches_on_action_group_name_and_aliases() -> None:
    hr, it = _hr(), _it()
    router = Router(hr, it, aliases={"VacationTools": hr})
    for group_name, expected in (("HR", "hr:2"), ("IT", "it:2"), ("VacationTools", "hr:2")):
        event = load_event("function_get_available_vacation_days", actionGroup=group_name)
        envelope = router.lambda_handler(event, None)
        check_envelope(event, envelope)
        assert body(envelope) == expected


def test_router_unknown_group_is_a_failure_naming_it() -> None:
    router = Router(_hr(), _it())
    event = load_event("function_get_available_vacation_days", actionGroup="Payroll")
    envelope = router.resolve(event)
    check_envelope(event, envelope)
    assert state(envelope) == "FAILURE"
    assert body(envelope) == "This Lambda serves no action group 'Payroll'; it serves HR, IT."


@pytest.mark.parametrize("event", ["x", None, {}, {"actionGroup": 3}])
def test_router_never_raises(event: Any) -> None:
    envelope = Router(_hr()).resolve(event)
    check_envelope(event, envelope)
    assert state(envelope) == "FAILURE"


def test_router_refuses_two_groups_with_one_name() -> None:
    with pytest.raises(RegistrationError, match="two action groups are named 'HR'"):
        Router(_hr(), _hr())
    with pytest.raises(RegistrationError, match="at least one"):
        Router()


def test_group_accepts_events_addressed_to_its_deployed_name() -> None:
    event = load_event("function_get_available_vacation_days", actionGroup="hr-prod")
    envelope = _hr().resolve(event)
    assert envelope["response"]["actionGroup"] == "hr-prod"
    assert body(envelope) == "hr:2"
