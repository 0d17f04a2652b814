"""Properties over arbitrary input: ``resolve`` never raises, always answers within the
contract, and never answers a success for input it could not convert; a gateway call, however
odd its arguments and client context, is answered with JSON, never by raising.

Hypothesis profiles (tests/conftest.py): ``ci`` (the default, short) and ``thorough``
(``HYPOTHESIS_PROFILE=thorough scripts/test.sh tests/reliability``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from agent_tools import ActionGroup, Outcome, ParamSpec, ToolSpec
from agent_tools._runtimes import gateway
from agent_tools._serve.encode import encode_body
from agent_tools.errors import CoercionError
from agent_tools.testing import (
    ClientContext,
    ToolResult,
    check_response,
    fake_lambda_context,
    gateway_context,
)
from tests.apps.all_types import app as all_types
from tests.apps.vacation import app
from tests.conftest import load_event

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
TEXT = st.text() | st.text(alphabet="0123456789-.eE+[]{}=, \"'", max_size=30)
HUGE = st.integers(min_value=1, max_value=200_000).map(lambda n: "9" * n)
BASES = [
    "function_get_available_vacation_days",
    "function_reserve_vacation_time",
    "function_tag_days",
    "openapi_reserve_vacation_time",
    "openapi_list_planned_vacations",
    "openapi_submit_request",
]
FIELDS = [
    "messageVersion", "agent", "sessionId", "inputText", "actionGroup", "function", "apiPath",
    "httpMethod", "parameters", "requestBody", "sessionAttributes", "promptSessionAttributes",
]  # fmt: skip


@st.composite
def damaged_events(draw: st.DrawFn) -> Any:
    """A real event with fields removed, replaced by any JSON, or values made hostile."""
    event: dict[str, Any] = load_event(draw(st.sampled_from(BASES)))
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=3)):
        if draw(st.booleans()):
            event.pop(field, None)
        else:
            event[field] = draw(JSON)
    for entry in _entries(event):
        if isinstance(entry, dict) and draw(st.booleans()):
            entry["value"] = draw(TEXT | HUGE | JSON)
    if isinstance(event.get("parameters"), list) and draw(st.booleans()):
        event["parameters"].append(
            {"name": draw(st.text(max_size=20)), "type": "string", "value": draw(TEXT)}
        )
    return event


def _entries(event: dict[str, Any]) -> list[Any]:
    entries = event.get("parameters")
    found = list(entries) if isinstance(entries, list) else []
    with contextlib.suppress(KeyError, TypeError):
        found += event["requestBody"]["content"]["application/json"]["properties"]
    return found


EVENTS = damaged_events() | JSON | st.dictionaries(st.text(), JSON, max_size=6)


@given(EVENTS)
def test_resolve_never_raises_and_always_answers_within_the_contract(event: Any) -> None:
    sent = copy.deepcopy(event)
    for group in (app, all_types):
        response = group.resolve(event)
        check_response(event, response)
    assert event == sent  # the event is never modified


@given(damaged_events())
def test_no_success_for_input_that_does_not_convert(event: dict[str, Any]) -> None:
    response = app.resolve(event)
    answer = response["response"]
    succeeded = answer.get("httpStatusCode", 200) < 300 and "responseState" not in answer.get(
        "functionResponse", {}
    )
    if not succeeded:
        return
    tool = next(
        (
            t
            for t in app.tools
            if (
                (t.method, t.path) == (event["httpMethod"].upper(), event["apiPath"])
                if "apiPath" in event
                else t.name == event["function"]
            )
        ),
        None,
    )
    assert tool is not None
    values: dict[str, Any] = {}
    for entry in _entries(event):
        values.setdefault(entry["name"], entry.get("value"))
    # the body model's fields arrive flat; converting them is the tool's test
    flat = tool.body_model if "apiPath" in event else None
    assert_every_value_converts(tool, values, skip=flat)


def assert_every_value_converts(
    tool: ToolSpec, values: dict[str, Any], skip: ParamSpec | None = None
) -> None:
    """After a success: every required value was there and every value converts."""
    for param in tool.inputs:
        raw = values.get(param.key)
        if param is skip:
            continue
        if raw is None:
            assert not param.required, f"{param.key} was missing, yet {tool.name} succeeded"
            continue
        try:
            param.convert(raw)
        except CoercionError as error:  # pragma: no cover - the failure this test looks for
            raise AssertionError(f"{tool.name} succeeded with {param.key}={raw!r}") from error


@given(TEXT | HUGE)
def test_bad_values_are_refused_by_name(value: str) -> None:
    event = load_event("function_get_available_vacation_days")
    event["parameters"][0]["value"] = value
    response = app.resolve(event)
    check_response(event, response)
    answer = response["response"]["functionResponse"]
    body = answer["responseBody"]["TEXT"]["body"]
    if answer.get("responseState") == "REPROMPT" and body.startswith("Invalid input"):
        assert "employee_id" in body
        assert len(body) < 400
    else:
        # Accepted: the value spells a whole number, with at most a point and zeros after it.
        whole, _, zeros = value.strip().lstrip("+-").partition(".")
        assert whole.isdigit(), value
        assert whole.isascii(), value
        assert zeros.strip("0") == "", value


# -- per type: any string gives the right value or a REPROMPT naming the parameter ----------

echo = ActionGroup("Echo")


@echo.tool
def whole(value: int) -> str:
    """Echo an int."""
    return repr(value)


@echo.tool
def number(value: float) -> str:
    """Echo a float."""
    return repr(value)


@echo.tool
def flag(value: bool) -> str:
    """Echo a bool."""
    return repr(value)


@echo.tool
def day(value: dt.date) -> str:
    """Echo a date."""
    return value.isoformat()


@echo.tool
def amount(value: Decimal) -> str:
    """Echo a Decimal."""
    return str(value)


def _oracle_int(text: str) -> str:
    whole, _, zeros = text.strip().partition(".")  # "4.0" is the whole number 4
    if zeros.strip("0"):
        raise ValueError(text)
    return repr(int(whole))


def _oracle_float(text: str) -> str:
    result = float(text.strip())
    if not math.isfinite(result) or "_" in text or not text.strip().isascii():
        raise ValueError(text)
    return repr(result)


def _oracle_bool(text: str) -> str:
    return repr(
        {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}[
            text.strip().lower()
        ]
    )


def _oracle_date(text: str) -> str:
    return dt.date.fromisoformat(text.strip()).isoformat()


def _oracle_decimal(text: str) -> str:
    return str(Decimal(text.strip()))


ORACLES = {
    "whole": _oracle_int,
    "number": _oracle_float,
    "flag": _oracle_bool,
    "day": _oracle_date,
    "amount": _oracle_decimal,
}


@given(st.sampled_from(sorted(ORACLES)), TEXT | st.from_regex(r"\s?[+-]?\d{1,6}(\.\d{0,3})?\s?"))
def test_any_string_gives_the_right_value_or_a_reprompt_naming_the_parameter(
    tool: str, text: str
) -> None:
    event = load_event("function_get_available_vacation_days", actionGroup="Echo", function=tool)
    event["parameters"] = [{"name": "value", "type": "string", "value": text}]
    response = echo.resolve(event)
    check_response(event, response)
    answer = response["response"]["functionResponse"]
    body = answer["responseBody"]["TEXT"]["body"]
    if answer.get("responseState") == "REPROMPT":
        assert body.startswith(f"Invalid input for {tool}: value must be ")
        return
    assert "responseState" not in answer, body
    assert body == ORACLES[tool](text)  # accepted: exactly what a strict reading gives


# -- the gateway: any call is answered with JSON, never a success for what does not convert --

HEADER_VALUES = st.none() | st.text(max_size=12) | JSON
CUSTOMS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"bedrockAgentCoreToolName": st.sampled_from(
            [f"t___{t.name}" for t in app.tools] + [t.name for t in all_types.tools]
        ) | st.text() | JSON},
        optional={
            "bedrockAgentCorePropagatedHeaders": st.dictionaries(
                st.sampled_from(["x-employee-id", "X-Employee-Id", "x-hr-role", "other"]),
                HEADER_VALUES,
                max_size=4,
            ) | JSON | st.text(max_size=40),
            "bedrockAgentCoreGatewayId": JSON,
        },
    ),
)  # fmt: skip


@given(JSON | st.dictionaries(st.text(max_size=12), JSON | TEXT | HUGE, max_size=6), CUSTOMS)
def test_gateway_calls_never_raise_and_always_answer_json(event: Any, custom: Any) -> None:
    context = fake_lambda_context(client_context=ClientContext(custom))
    sent = copy.deepcopy(event)
    for group in (app, all_types):
        answer = group.lambda_handler(event, context)
        assert json.loads(json.dumps(answer, allow_nan=False)) == answer
        if gateway.matches(event, context):
            result = ToolResult.from_gateway(answer)
            if not result.ok:
                assert answer["kind"] in {"bad_input", "not_found", "failure"}
                assert len(answer["error"]) < 30_000
        else:
            check_response(event, answer)
    assert event == sent  # the arguments are never modified


@st.composite
def gateway_arguments(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A tool of the vacation app and arguments for it: valid, hostile or missing."""
    tool = draw(st.sampled_from(app.tools))
    arguments = {
        p.key: draw(TEXT | HUGE | JSON | st.integers()) for p in tool.inputs if draw(st.booleans())
    }
    return tool.name, arguments


@given(gateway_arguments())
def test_no_gateway_success_for_arguments_that_do_not_convert(
    call: tuple[str, dict[str, Any]],
) -> None:
    name, arguments = call
    tool = next(t for t in app.tools if t.name == name)
    answer = app.lambda_handler(arguments, gateway_context(name, headers={"x-employee-id": "2"}))
    if ToolResult.from_gateway(answer).ok:
        assert_every_value_converts(tool, arguments)


@given(JSON | st.dictionaries(st.text(max_size=5), JSON | st.dates() | st.decimals(), max_size=9))
def test_a_gateway_result_is_what_its_body_reads_back_as(value: Any) -> None:
    """A result sent as it is (plain JSON data) is exactly what reading the body back gives."""
    try:
        body = encode_body(value)
    except ValueError:  # NaN or infinity: not JSON, never a success either
        return
    answer = gateway.render(Outcome(body, value=value))
    assert answer == (value if isinstance(value, str) else json.loads(body))
    json.dumps(answer, allow_nan=False)  # what the Lambda runtime can send
