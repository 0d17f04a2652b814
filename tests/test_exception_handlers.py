"""``ActionGroup.exception_handler``: domain exceptions become answers, along the hierarchy."""

from __future__ import annotations

import logging
from typing import Annotated

import pytest

from agent_tools import (
    ActionGroup,
    Context,
    Failure,
    RegistrationError,
    Reprompt,
    Response,
    SessionAttr,
)
from agent_tools.testing import ToolResult, function_event


class BookingError(Exception):
    """The base of the sample domain's refusals."""


class NotEnoughDays(BookingError):
    def __init__(self, left: int) -> None:
        super().__init__(f"only {left} days left")
        self.left = left


class NoDaysAtAll(NotEnoughDays):
    pass


class StoreDown(Exception):
    pass


def _group() -> ActionGroup:
    group = ActionGroup("Leave")

    @group.tool
    def book(days: int) -> dict[str, int]:
        """Book days."""
        if days > 10:
            raise NotEnoughDays(10)
        if days > 5:
            raise NoDaysAtAll(0)
        if days == 4:
            raise BookingError("closed on Fridays")
        if days == 3:
            raise StoreDown("connection refused to 10.0.0.7:5432")
        if days == 2:
            raise KeyError("secret")
        return {"booked": days}

    @group.exception_handler(BookingError)
    def any_booking_error(exc: BookingError) -> Reprompt:
        return Reprompt(f"Cannot book: {exc}.")

    @group.exception_handler(NotEnoughDays)
    def not_enough(exc: NotEnoughDays) -> Response:
        return Response({"booked": 0, "left": exc.left}, status=409)

    @group.exception_handler(NoDaysAtAll)
    def none_left(exc: NoDaysAtAll) -> None:
        raise Reprompt("No vacation days are left this year.")

    @group.exception_handler(StoreDown)
    def store_down(exc: StoreDown) -> Failure:
        return Failure("The vacation system is unavailable; nothing was changed.")

    return group


def _book(group: ActionGroup, days: int) -> ToolResult:
    event = function_event("book", {"days": days}, action_group="Leave")
    return ToolResult.from_response(group.lambda_handler(event, None), event=event)


def test_a_returned_reprompt_asks_the_model_to_correct_its_call() -> None:
    result = _book(_group(), 4)
    assert (result.state, result.text) == ("REPROMPT", "Cannot book: closed on Fridays.")


def test_the_nearest_registered_class_wins() -> None:
    group = _group()
    assert _book(group, 11).state == "REPROMPT"  # NotEnoughDays -> its own handler's 409
    assert (_book(group, 11).status, _book(group, 11).text) == (400, '{"booked":0,"left":10}')
    no_days = _book(group, 6)  # NoDaysAtAll: a subclass of NotEnoughDays with its own handler
    assert (no_days.state, no_days.text) == ("REPROMPT", "No vacation days are left this year.")


def test_a_returned_value_is_the_tools_result() -> None:
    group = _group()

    @group.tool
    def maybe(flag: bool) -> str:
        """Maybe."""
        raise LookupError("nothing")

    @group.exception_handler(LookupError)
    def empty(exc: LookupError) -> list[str]:
        return []

    event = function_event("maybe", {"flag": True}, action_group="Leave")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert (result.state, result.text) == ("SUCCESS", "[]")


def test_a_failure_is_sent_as_written() -> None:
    result = _book(_group(), 3)
    assert result.state == "FAILURE"
    assert result.text == "The vacation system is unavailable; nothing was changed."


def test_an_unhandled_exception_is_an_internal_error_that_leaks_nothing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="agent_tools"):
        result = _book(_group(), 2)
    assert result.state == "FAILURE"
    assert "secret" not in result.text
    assert "KeyError" not in result.text
    assert "internal error" in result.text
    assert any(record.exc_info for record in caplog.records)


def test_a_handler_that_breaks_is_an_internal_error() -> None:
    group = ActionGroup("Broken")

    @group.tool
    def go(x: int) -> int:
        """Go."""
        raise ValueError("domain")

    @group.exception_handler(ValueError)
    def broken(exc: ValueError) -> None:
        raise RuntimeError("handler bug at /srv/app.py")

    event = function_event("go", {"x": 1}, action_group="Broken")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.state == "FAILURE"
    assert "/srv/app.py" not in result.text
    assert "internal error" in result.text


def test_bad_input_never_reaches_a_handler() -> None:
    group = ActionGroup("Strict")
    seen: list[BaseException] = []

    @group.tool
    def go(x: int) -> int:
        """Go."""
        return x

    @group.exception_handler(Exception)
    def everything(exc: Exception) -> str:
        seen.append(exc)
        return "swallowed"

    event = function_event("go", {"x": "seven"}, action_group="Strict")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.state == "REPROMPT"
    assert "x must be a whole number" in result.text
    assert seen == []


def test_the_decorator_returns_the_handler_unchanged() -> None:
    group = ActionGroup("Plain")

    def handler(exc: KeyError) -> str:
        return "x"

    assert group.exception_handler(KeyError)(handler) is handler


@pytest.mark.parametrize(
    "bad", [(), ("KeyError",), (KeyError, 3), (KeyboardInterrupt,), (ValueError, SystemExit)]
)
def test_registering_something_else_than_exception_classes_is_refused(
    bad: tuple[object, ...],
) -> None:
    group = ActionGroup("Plain")
    with pytest.raises(RegistrationError, match="exception"):
        group.exception_handler(*bad)  # type: ignore[arg-type]


def _catch_all_group(seen: list[BaseException]) -> ActionGroup:
    group = ActionGroup("CatchAll")

    @group.tool
    def book(days: int) -> str:
        """Book days."""
        if days > 10:
            raise Reprompt("days must be 10 or fewer; ask for fewer days")
        if days > 5:
            raise Failure("The leave system is closed for the night.")
        if days < 0:
            raise ValueError("negative")
        return "booked"

    @group.tool
    def whoami(employee_id: Annotated[str, SessionAttr("employeeId")]) -> str:
        """Who is calling."""
        return employee_id

    @group.exception_handler(Exception)
    def everything(exc: Exception) -> Failure:
        seen.append(exc)
        return Failure("Something went wrong.")

    return group


@pytest.mark.parametrize(
    ("days", "state", "text"),
    [
        (11, "REPROMPT", "days must be 10 or fewer"),
        (6, "FAILURE", "closed for the night"),
    ],
)
def test_a_catch_all_handler_leaves_the_tools_own_answers_alone(
    days: int, state: str, text: str
) -> None:
    seen: list[BaseException] = []
    group = _catch_all_group(seen)
    event = function_event("book", {"days": days}, action_group="CatchAll")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.state == state
    assert text in result.text
    assert seen == []


def test_a_catch_all_handler_still_handles_domain_exceptions() -> None:
    seen: list[BaseException] = []
    group = _catch_all_group(seen)
    event = function_event("book", {"days": -1}, action_group="CatchAll")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.state == "FAILURE"
    assert result.text == "Something went wrong."
    assert [type(exc) for exc in seen] == [ValueError]


def test_a_catch_all_handler_does_not_hide_a_missing_identity() -> None:
    seen: list[BaseException] = []
    group = _catch_all_group(seen)
    event = function_event("whoami", {}, action_group="CatchAll")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.state == "FAILURE"
    assert "employeeId" in result.text
    assert seen == []


def test_a_handler_registered_for_failure_itself_still_applies() -> None:
    group = ActionGroup("Explicit")

    @group.tool
    def go(x: int) -> str:
        """Go."""
        raise Failure("raw")

    @group.exception_handler(Failure)
    def reword(exc: Failure) -> Failure:
        return Failure(f"reworded: {exc.message}")

    event = function_event("go", {"x": 1}, action_group="Explicit")
    result = ToolResult.from_response(group.lambda_handler(event, None), event=event)
    assert result.text == "reworded: raw"


def test_session_changes_made_before_a_handled_exception_are_dropped() -> None:
    group = ActionGroup("Sessions")

    @group.tool
    def book(ctx: Context, days: int) -> str:
        """Book days."""
        ctx.session_attributes["booked"] = "yes"
        ctx.prompt_session_attributes["note"] = "booked"
        raise NotEnoughDays(0)

    @group.exception_handler(NotEnoughDays)
    def not_enough(exc: NotEnoughDays) -> Response:
        return Response(f"Not enough days: {exc.left} left.", status="REPROMPT")

    event = function_event(
        "book",
        {"days": 3},
        action_group="Sessions",
        session_attributes={"employeeId": "2"},
        prompt_session_attributes={"lang": "en"},
    )
    envelope = group.lambda_handler(event, None)
    result = ToolResult.from_response(envelope, event=event)
    assert result.state == "REPROMPT"
    assert result.text == "Not enough days: 0 left."
    assert envelope["sessionAttributes"] == {"employeeId": "2"}
    assert envelope["promptSessionAttributes"] == {"lang": "en"}
