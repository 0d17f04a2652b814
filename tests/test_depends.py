"""``Depends``: values computed once per call from trusted sources, never from the model."""

from __future__ import annotations

import asyncio
from typing import Annotated

import pytest

from agent_tools import (
    ActionGroup,
    Context,
    Depends,
    Failure,
    Param,
    RegistrationError,
    Reprompt,
    SessionAttr,
)
from agent_tools.testing import ToolResult, function_event


class Employee:
    def __init__(self, employee_id: int, admin: bool) -> None:
        self.employee_id = employee_id
        self.admin = admin


class Inactive(Exception):
    pass


LOOKUPS: list[int] = []


def signed_in(employee_id: Annotated[int, SessionAttr("employee_id")]) -> Employee:
    LOOKUPS.append(employee_id)
    if employee_id == 9:
        raise Inactive()
    if employee_id == 8:
        raise Failure("Your account cannot book vacations; ask HR.")
    return Employee(employee_id, admin=employee_id == 1)


def admin(caller: Annotated[Employee, Depends(signed_in)]) -> Employee:
    if not caller.admin:
        raise Reprompt("Only an HR administrator may do this.")
    return caller


async def session_id(context: Context) -> str:
    await asyncio.sleep(0)
    return context.session_id or ""


def from_model(employee_id: int) -> int:
    return employee_id


def looping(again: Annotated[int, Depends(lambda: 1)]) -> int:
    return again


looping.__annotations__["again"] = Annotated[int, Depends(looping)]


def _group() -> tuple[ActionGroup, list[int]]:
    group = ActionGroup("Leave")
    LOOKUPS.clear()
    lookups = LOOKUPS

    @group.tool
    def balance(
        year: int,
        caller: Annotated[Employee, Depends(signed_in)],
        same_caller: Annotated[Employee, Depends(signed_in)],
    ) -> dict[str, int]:
        """The caller's balance."""
        assert caller is same_caller
        return {"employee_id": caller.employee_id, "year": year}

    @group.tool
    def correct(
        employee_id: Annotated[int, Param("Whose record")],
        by: Annotated[Employee, Depends(admin)],
        caller: Annotated[Employee, Depends(signed_in)],
    ) -> dict[str, int]:
        """Correct a record."""
        return {"employee_id": employee_id, "by": by.employee_id, "caller": caller.employee_id}

    @group.exception_handler(Inactive)
    def inactive(exc: Inactive) -> Reprompt:
        return Reprompt("Your employee record is inactive.")

    return group, lookups


def _call(
    group: ActionGroup, tool: str, arguments: dict[str, object], employee: str | None
) -> ToolResult:
    session = {"employee_id": employee} if employee is not None else {}
    event = function_event(tool, arguments, action_group="Leave", session_attributes=session)
    return ToolResult.from_response(group.lambda_handler(event, None), event=event)


def test_the_value_is_computed_once_per_call_however_many_use_it() -> None:
    group, lookups = _group()
    result = _call(group, "correct", {"employee_id": 4}, "1")
    assert result.json == {"employee_id": 4, "by": 1, "caller": 1}
    assert lookups == [1]  # admin -> signed_in, and caller -> signed_in: one lookup
    assert _call(group, "balance", {"year": 2026}, "3").json == {"employee_id": 3, "year": 2026}
    assert lookups == [1, 3]


def test_a_dependency_can_refuse_the_call() -> None:
    group, _ = _group()
    refused = _call(group, "correct", {"employee_id": 4}, "3")
    assert (refused.state, refused.text) == ("REPROMPT", "Only an HR administrator may do this.")
    failed = _call(group, "balance", {"year": 2026}, "8")
    assert (failed.state, failed.text) == (
        "FAILURE",
        "Your account cannot book vacations; ask HR.",
    )


def test_a_dependencys_domain_exception_goes_through_the_handlers() -> None:
    group, _ = _group()
    result = _call(group, "balance", {"year": 2026}, "9")
    assert (result.state, result.text) == ("REPROMPT", "Your employee record is inactive.")


def test_missing_identity_is_refused_before_the_dependency_runs() -> None:
    group, lookups = _group()
    result = _call(group, "balance", {"year": 2026}, None)
    assert result.state == "FAILURE"
    assert "session attribute 'employee_id'" in result.text
    assert lookups == []


def test_bad_model_input_is_refused_before_any_dependency_runs() -> None:
    group, lookups = _group()
    result = _call(group, "balance", {"year": "soon"}, "3")
    assert result.state == "REPROMPT"
    assert "year must be" in result.text
    assert lookups == []


def test_missing_identity_is_refused_first_even_with_bad_input() -> None:
    group, lookups = _group()
    result = _call(group, "balance", {"year": "soon"}, None)
    assert result.state == "FAILURE"
    assert "session attribute 'employee_id'" in result.text
    assert lookups == []


def test_dependencies_never_appear_in_a_schema() -> None:
    group, _ = _group()
    functions = {f["name"]: f for f in group.function_schema()["functions"]}
    assert list(functions["balance"]["parameters"]) == ["year"]
    assert list(functions["correct"]["parameters"]) == ["employee_id"]


def test_an_argument_named_like_a_dependency_is_ignored() -> None:
    group, _ = _group()
    result = _call(group, "balance", {"year": 2026, "caller": "1"}, "3")
    assert result.json == {"employee_id": 3, "year": 2026}


# At module level, as in a Lambda: the group's event loop lives as long as the process.
ASYNC = ActionGroup("Async")


@ASYNC.tool
def whoami(x: int, session: Annotated[str, Depends(session_id)]) -> str:
    """Who am I."""
    return f"{session}:{x}"


def test_async_dependencies_and_the_context() -> None:
    event = function_event("whoami", {"x": 1}, action_group="Async", session_id="s-42")
    result = ToolResult.from_response(ASYNC.lambda_handler(event, None), event=event)
    assert result.text == "s-42:1"


def test_a_dependency_reading_model_input_is_refused_at_registration() -> None:
    group = ActionGroup("Leaky")
    with pytest.raises(RegistrationError) as info:

        @group.tool
        def book(days: int, who: Annotated[int, Depends(from_model)]) -> None:
            """Book."""

    message = str(info.value)
    assert "tool 'book', parameter 'who'" in message
    assert "'employee_id' of dependency from_model would be written by the model" in message
    assert "SessionAttr" in message


def test_a_dependency_on_itself_is_refused_at_registration() -> None:
    group = ActionGroup("Loop")
    with pytest.raises(RegistrationError, match="depends on itself"):

        @group.tool
        def go(x: Annotated[int, Depends(looping)]) -> None:
            """Go."""


def test_depends_needs_a_function() -> None:
    with pytest.raises(TypeError, match="Depends needs a function"):
        Depends(3)  # type: ignore[arg-type]
