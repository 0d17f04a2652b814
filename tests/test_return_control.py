"""Return of control: payloads in, whole ``sessionState`` dicts out, checked against botocore."""

from __future__ import annotations

import copy
import re
from typing import Any

import botocore.session
import pytest
from botocore.model import ListShape, MapShape, Shape, StringShape, StructureShape
from botocore.validate import ParamValidator

from agent_tools import ActionGroup, Context, Router
from agent_tools.return_control import DECLINED, ToolCall, session_state
from tests.apps.vacation import app

INVOKE_AGENT = (
    botocore.session.get_session()
    .get_service_model("bedrock-agent-runtime")
    .operation_model("InvokeAgent")
    .input_shape
)


def problems(state: dict[str, Any]) -> list[str]:
    """What botocore finds wrong with ``state`` as InvokeAgent's ``sessionState``.

    ``ParamValidator`` checks members, types, required members and minimums, but not enums
    or maximums, so those are checked here against the same model.
    """
    params = {
        "agentId": "AGENT12345",
        "agentAliasId": "TSTALIASID",
        "sessionId": "s1",
        "sessionState": state,
    }
    report = ParamValidator().validate(params, INVOKE_AGENT)
    found = [report.generate_report()] if report.has_errors() else []
    _enums_and_maximums(state, INVOKE_AGENT.members["sessionState"], "sessionState", found)
    return found


def _enums_and_maximums(value: Any, shape: Shape, where: str, found: list[str]) -> None:
    if isinstance(shape, StructureShape) and isinstance(value, dict):
        for name, member in value.items():
            if name in shape.members:
                _enums_and_maximums(member, shape.members[name], f"{where}.{name}", found)
    elif isinstance(shape, ListShape) and isinstance(value, list):
        if len(value) > shape.metadata.get("max", len(value)):
            found.append(f"{where}: {len(value)} members, at most {shape.metadata['max']}")
        for index, member in enumerate(value):
            _enums_and_maximums(member, shape.member, f"{where}[{index}]", found)
    elif isinstance(shape, MapShape) and isinstance(value, dict):
        for key, member in value.items():
            _enums_and_maximums(member, shape.value, f"{where}[{key!r}]", found)
    elif isinstance(shape, StringShape) and _breaks_enum(value, shape.enum):
        found.append(f"{where}: {value!r} is not one of {shape.enum}")


def _breaks_enum(value: Any, enum: list[str]) -> bool:
    # A value that is not a string is ParamValidator's to report, as a wrong type.
    return bool(enum) and isinstance(value, str) and value not in enum


def answer(group: ActionGroup | Router, payload: dict[str, Any], **options: Any) -> Any:
    """``session_state``, checked against the real InvokeAgent model; the payload unchanged."""
    before = copy.deepcopy(payload)
    state = session_state(group, payload, **options)
    assert problems(state) == []
    assert payload == before
    return state


def returned(*inputs: Any, invocation_id: str = "79e0feaa-1") -> dict[str, Any]:
    """A ``returnControl`` payload as InvokeAgent's stream yields it.

    See docs/bedrock-agents.md#return-of-control.
    """
    return {"invocationId": invocation_id, "invocationInputs": list(inputs)}


def function_input(
    function: str,
    invocation_type: str = "RESULT",
    group: str = "VacationTools",
    **values: str,
) -> dict[str, Any]:
    return {
        "functionInvocationInput": {
            "actionGroup": group,
            "function": function,
            "parameters": [{"name": k, "type": "string", "value": v} for k, v in values.items()],
            "actionInvocationType": invocation_type,
        }
    }


GET_DAYS: dict[str, Any] = {
    "functionInvocationInput": {
        "actionGroup": "VacationTools",
        "function": "get_available_vacation_days",
        "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
        "actionInvocationType": "RESULT",
    }
}

SUBMIT_REQUEST: dict[str, Any] = {
    "apiInvocationInput": {
        "actionGroup": "VacationTools",
        "apiPath": "/employees/{employee_id}/requests",
        "httpMethod": "post",
        "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
        "requestBody": {
            "content": {
                "application/json": {
                    "properties": [
                        {"name": "start_date", "type": "string", "value": "2026-02-03"},
                        {"name": "end_date", "type": "string", "value": "2026-02-04"},
                        {"name": "kind", "type": "string", "value": "sick"},
                    ]
                }
            }
        },
        "actionInvocationType": "RESULT",
    }
}

RESERVE: dict[str, Any] = {
    "apiInvocationInput": {
        "actionGroup": "VacationTools",
        "apiPath": "/employees/{employee_id}/vacations",
        "httpMethod": "post",
        "parameters": [{"name": "employee_id", "type": "integer", "value": "2"}],
        "requestBody": {
            "content": {
                "application/json": {
                    "properties": [
                        {"name": "start_date", "type": "string", "value": "2026-01-24"},
                        {"name": "end_date", "type": "string", "value": "2026-01-26"},
                    ]
                }
            }
        },
        "actionInvocationType": "USER_CONFIRMATION_AND_RESULT",
    }
}

RESERVED_BODY = '{"employee_id":2,"caller":"2","days":3,"start_date":"2026-01-24"}'


def recording_group() -> tuple[ActionGroup, list[dict[str, Any]]]:
    """A group whose tools record the event each call received."""
    group = ActionGroup("BookingTools")
    calls: list[dict[str, Any]] = []

    @group.tool(confirm=True)
    def book_room(room: str, ctx: Context) -> str:
        """Book a meeting room."""
        calls.append(copy.deepcopy(dict(ctx.event)))
        return f"booked {room}"

    @group.tool(confirm=True, method="DELETE", path="/rooms/{room}")
    def free_room(room: str, ctx: Context) -> str:
        """Free a meeting room."""
        calls.append(copy.deepcopy(dict(ctx.event)))
        return f"freed {room}"

    return group, calls


def book(invocation_type: str, **extra: str) -> dict[str, Any]:
    fields = function_input("book_room", invocation_type, group="BookingTools", room="A1")
    fields["functionInvocationInput"].update(extra)
    return fields


FREE: dict[str, Any] = {
    "apiInvocationInput": {
        "actionGroup": "BookingTools",
        "apiPath": "/rooms/{room}",
        "httpMethod": "delete",
        "parameters": [{"name": "room", "type": "string", "value": "A1"}],
        "actionInvocationType": "USER_CONFIRMATION_AND_RESULT",
    }
}


# -- results ---------------------------------------------------------------------------------


def test_function_input_answers_with_a_function_result() -> None:
    state = answer(app, returned(GET_DAYS), session_attributes={"employee_id": "2"})
    assert state == {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "functionResult": {
                    "actionGroup": "VacationTools",
                    "function": "get_available_vacation_days",
                    "responseBody": {"TEXT": {"body": '{"employee_id":2,"available_days":22}'}},
                }
            }
        ],
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {},
    }


def test_the_whole_stream_event_is_accepted_too() -> None:
    payload = returned(GET_DAYS)
    assert answer(app, {"returnControl": payload}) == answer(app, payload)


def test_api_input_with_path_parameter_and_body_updates_the_session_attributes() -> None:
    state = answer(
        app,
        returned(SUBMIT_REQUEST),
        session_attributes={"employee_id": "2", "last_booking": "2026-01-24/2026-01-26"},
        prompt_session_attributes={"tone": "brief"},
    )
    assert state == {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "apiResult": {
                    "actionGroup": "VacationTools",
                    "apiPath": "/employees/{employee_id}/requests",
                    "httpMethod": "post",
                    "httpStatusCode": 200,
                    "responseBody": {
                        "application/json": {
                            "body": '{"employee_id":2,"booking":{"start_date":"2026-02-03",'
                            '"end_date":"2026-02-04","kind":"sick"}}'
                        }
                    },
                }
            }
        ],
        # The tool's Response set "pending" and removed "last_booking".
        "sessionAttributes": {"employee_id": "2", "pending": "sick"},
        "promptSessionAttributes": {"tone": "brief", "hint": "request submitted"},
    }


def test_the_tool_gets_the_event_a_lambda_would_have_got() -> None:
    group, calls = recording_group()
    free = copy.deepcopy(FREE)
    free["apiInvocationInput"]["agentId"] = "AGENT12345"
    free["apiInvocationInput"]["requestBody"] = {
        "content": {"application/json": {"properties": []}}
    }
    answer(
        group,
        returned(free),
        confirm=lambda call: True,
        session_attributes={"employee_id": "2"},
        prompt_session_attributes={"tone": "brief"},
    )
    assert calls == [
        {
            "messageVersion": "1.0",
            "actionGroup": "BookingTools",
            "agent": {"id": "AGENT12345"},
            "apiPath": "/rooms/{room}",
            "httpMethod": "DELETE",
            "parameters": [{"name": "room", "type": "string", "value": "A1"}],
            "requestBody": {"content": {"application/json": {"properties": []}}},
            "sessionAttributes": {"employee_id": "2"},
            "promptSessionAttributes": {"tone": "brief"},
        }
    ]


def test_several_inputs_run_in_order_each_seeing_the_session_the_last_one_left() -> None:
    list_vacations = {
        "apiInvocationInput": {
            "actionGroup": "VacationTools",
            "apiPath": "/employees/{employee_id}/vacations",
            "httpMethod": "get",
            "parameters": [
                {"name": "employee_id", "type": "integer", "value": "2"},
                {"name": "year", "type": "integer", "value": "2026"},
            ],
            "actionInvocationType": "RESULT",
        }
    }
    state = answer(
        app,
        returned(GET_DAYS, SUBMIT_REQUEST, RESERVE, list_vacations),
        confirm=lambda call: True,
        session_attributes={"employee_id": "2"},
    )
    assert state == {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "functionResult": {
                    "actionGroup": "VacationTools",
                    "function": "get_available_vacation_days",
                    "responseBody": {"TEXT": {"body": '{"employee_id":2,"available_days":22}'}},
                }
            },
            {
                "apiResult": {
                    "actionGroup": "VacationTools",
                    "apiPath": "/employees/{employee_id}/requests",
                    "httpMethod": "post",
                    "httpStatusCode": 200,
                    "responseBody": {
                        "application/json": {
                            "body": '{"employee_id":2,"booking":{"start_date":"2026-02-03",'
                            '"end_date":"2026-02-04","kind":"sick"}}'
                        }
                    },
                }
            },
            {
                "apiResult": {
                    "actionGroup": "VacationTools",
                    "apiPath": "/employees/{employee_id}/vacations",
                    "httpMethod": "post",
                    "confirmationState": "CONFIRM",
                    "httpStatusCode": 200,
                    "responseBody": {"application/json": {"body": RESERVED_BODY}},
                }
            },
            {
                "apiResult": {
                    "actionGroup": "VacationTools",
                    "apiPath": "/employees/{employee_id}/vacations",
                    "httpMethod": "get",
                    "httpStatusCode": 200,
                    "responseBody": {
                        "application/json": {
                            "body": '[{"employee_id":2,"year":2026,"status":"planned"}]'
                        }
                    },
                }
            },
        ],
        # "pending" from the second call survives the third, which added "last_booking".
        "sessionAttributes": {
            "employee_id": "2",
            "pending": "sick",
            "last_booking": "2026-01-24/2026-01-26",
        },
        "promptSessionAttributes": {"hint": "request submitted"},
    }


def test_reprompt_results_carry_the_state_for_both_kinds() -> None:
    bad_year = {
        "apiInvocationInput": {
            "actionGroup": "VacationTools",
            "apiPath": "/employees/{employee_id}/vacations",
            "httpMethod": "get",
            "parameters": [
                {"name": "employee_id", "type": "integer", "value": "2"},
                {"name": "year", "type": "integer", "value": "soon"},
            ],
            "actionInvocationType": "RESULT",
        }
    }
    state = answer(
        app, returned(function_input("get_available_vacation_days", employee_id="9"), bad_year)
    )
    assert state["returnControlInvocationResults"] == [
        {
            "functionResult": {
                "actionGroup": "VacationTools",
                "function": "get_available_vacation_days",
                "responseState": "REPROMPT",
                "responseBody": {
                    "TEXT": {"body": "There is no employee 9; ask the user for their id."}
                },
            }
        },
        {
            "apiResult": {
                "actionGroup": "VacationTools",
                "apiPath": "/employees/{employee_id}/vacations",
                "httpMethod": "get",
                "httpStatusCode": 400,
                "responseState": "REPROMPT",
                "responseBody": {
                    "application/json": {
                        "body": "Invalid input for list_planned_vacations: year must be a whole "
                        "number such as 42, got 'soon'. Correct these parameters and call again."
                    }
                },
            }
        },
    ]


def test_failure_results_carry_the_state_for_both_kinds() -> None:
    broken_api = {
        "apiInvocationInput": {
            "actionGroup": "VacationTools",
            "apiPath": "/broken",
            "httpMethod": "post",
            "parameters": [{"name": "reason", "type": "string", "value": "dependency"}],
        }
    }
    state = answer(app, returned(function_input("broken", reason="dependency"), broken_api))
    assert state["returnControlInvocationResults"] == [
        {
            "functionResult": {
                "actionGroup": "VacationTools",
                "function": "broken",
                "responseState": "FAILURE",
                "responseBody": {"TEXT": {"body": "The HR system is down; try again later."}},
            }
        },
        {
            "apiResult": {
                "actionGroup": "VacationTools",
                "apiPath": "/broken",
                "httpMethod": "post",
                "httpStatusCode": 503,
                "responseState": "FAILURE",
                "responseBody": {
                    "application/json": {"body": "The HR system is down; try again later."}
                },
            }
        },
    ]


def test_knowledge_bases_a_tool_sets_go_into_knowledge_base_configurations() -> None:
    state = answer(app, returned(function_input("apply_kb")))
    assert state["knowledgeBaseConfigurations"] == [
        {
            "knowledgeBaseId": "KB12345678",
            "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}},
        }
    ]
    assert "knowledgeBasesConfiguration" not in state


def test_a_router_answers_for_each_group_and_fails_an_unknown_one() -> None:
    group, calls = recording_group()
    state = answer(
        Router(app, group),
        returned(GET_DAYS, book("USER_CONFIRMATION_AND_RESULT"), function_input("x", group="Nope")),
        confirm=lambda call: True,
    )
    assert state["returnControlInvocationResults"] == [
        {
            "functionResult": {
                "actionGroup": "VacationTools",
                "function": "get_available_vacation_days",
                "responseBody": {"TEXT": {"body": '{"employee_id":2,"available_days":22}'}},
            }
        },
        {
            "functionResult": {
                "actionGroup": "BookingTools",
                "function": "book_room",
                "confirmationState": "CONFIRM",
                "responseBody": {"TEXT": {"body": "booked A1"}},
            }
        },
        {
            "functionResult": {
                "actionGroup": "Nope",
                "function": "x",
                "responseState": "FAILURE",
                "responseBody": {
                    "TEXT": {
                        "body": "This Lambda serves no action group 'Nope'; "
                        "it serves BookingTools, VacationTools."
                    }
                },
            }
        },
    ]
    assert len(calls) == 1


# -- confirmation ----------------------------------------------------------------------------


def test_confirmed_call_runs_and_says_confirm() -> None:
    asked: list[ToolCall] = []

    def confirm(call: ToolCall) -> bool:
        asked.append(call)
        return True

    state = answer(app, returned(RESERVE), confirm=confirm, session_attributes={"employee_id": "2"})
    assert asked == [
        ToolCall(
            action_group="VacationTools",
            api_path="/employees/{employee_id}/vacations",
            http_method="post",
            arguments={"employee_id": "2", "start_date": "2026-01-24", "end_date": "2026-01-26"},
            invocation_type="USER_CONFIRMATION_AND_RESULT",
        )
    ]
    assert asked[0].name == "POST /employees/{employee_id}/vacations"
    assert state == {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "apiResult": {
                    "actionGroup": "VacationTools",
                    "apiPath": "/employees/{employee_id}/vacations",
                    "httpMethod": "post",
                    "confirmationState": "CONFIRM",
                    "httpStatusCode": 200,
                    "responseBody": {"application/json": {"body": RESERVED_BODY}},
                }
            }
        ],
        "sessionAttributes": {"employee_id": "2", "last_booking": "2026-01-24/2026-01-26"},
        "promptSessionAttributes": {},
    }


def test_denied_call_does_not_run_and_says_deny() -> None:
    group, calls = recording_group()
    state = answer(
        group,
        returned(book("USER_CONFIRMATION_AND_RESULT"), FREE),
        confirm=lambda call: False,
        session_attributes={"employee_id": "2"},
    )
    assert calls == []
    assert state == {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "functionResult": {
                    "actionGroup": "BookingTools",
                    "function": "book_room",
                    "confirmationState": "DENY",
                    "responseBody": {"TEXT": {"body": DECLINED}},
                }
            },
            {
                "apiResult": {
                    "actionGroup": "BookingTools",
                    "apiPath": "/rooms/{room}",
                    "httpMethod": "delete",
                    "confirmationState": "DENY",
                    "responseBody": {"application/json": {"body": DECLINED}},
                }
            },
        ],
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {},
    }


def test_each_call_is_confirmed_on_its_own() -> None:
    group, calls = recording_group()
    state = answer(
        group,
        returned(book("USER_CONFIRMATION_AND_RESULT"), FREE),
        confirm=lambda call: call.function == "book_room",
    )
    assert [call["function"] if "function" in call else call["apiPath"] for call in calls] == [
        "book_room"
    ]
    assert [
        next(iter(result.values()))["confirmationState"]
        for result in state["returnControlInvocationResults"]
    ] == ["CONFIRM", "DENY"]


def test_confirmation_only_sends_the_answer_and_never_runs_the_tool() -> None:
    # USER_CONFIRMATION: Bedrock runs the call itself once it reads CONFIRM.
    group, calls = recording_group()
    for answered, confirmation in ((True, "CONFIRM"), (False, "DENY")):
        state = answer(
            group,
            returned(book("USER_CONFIRMATION", agentId="AGENT12345")),
            confirm=lambda call, answered=answered: answered,
        )
        assert state["returnControlInvocationResults"] == [
            {
                "functionResult": {
                    "actionGroup": "BookingTools",
                    "agentId": "AGENT12345",
                    "function": "book_room",
                    "confirmationState": confirmation,
                }
            }
        ]
    assert calls == []


def test_a_confirmation_without_confirm_raises_before_anything_runs() -> None:
    group, calls = recording_group()
    plain = book("RESULT")
    with pytest.raises(ValueError, match="confirm=") as raised:
        session_state(group, returned(plain, FREE))
    # book_room is declared confirm=True: that wins over the payload's RESULT.
    assert str(raised.value) == (
        "book_room of action group 'BookingTools' needs the user's confirmation "
        "(USER_CONFIRMATION_AND_RESULT): pass confirm= to answer the user's confirmation"
    )
    assert calls == []


def test_confirm_must_answer_a_bool() -> None:
    group, calls = recording_group()
    with pytest.raises(TypeError) as raised:
        session_state(group, returned(FREE), confirm=lambda call: "no")  # type: ignore[arg-type, return-value]
    assert str(raised.value) == "confirm must return True or False, got 'no'"
    assert calls == []


# -- multi-agent -----------------------------------------------------------------------------


def test_agent_id_is_sent_back_and_collaborator_name_reaches_confirm_only() -> None:
    # FunctionResult and ApiResult have agentId but no collaboratorName member.
    group, calls = recording_group()
    asked: list[ToolCall] = []

    def confirm(call: ToolCall) -> bool:
        asked.append(call)
        return True

    free = copy.deepcopy(FREE)
    free["apiInvocationInput"].update(agentId="COLLAB0001", collaboratorName="rooms-agent")
    state = answer(
        group,
        returned(book("USER_CONFIRMATION_AND_RESULT", agentId="AGENT12345"), free),
        confirm=confirm,
    )
    assert state["returnControlInvocationResults"] == [
        {
            "functionResult": {
                "actionGroup": "BookingTools",
                "agentId": "AGENT12345",
                "function": "book_room",
                "confirmationState": "CONFIRM",
                "responseBody": {"TEXT": {"body": "booked A1"}},
            }
        },
        {
            "apiResult": {
                "actionGroup": "BookingTools",
                "agentId": "COLLAB0001",
                "apiPath": "/rooms/{room}",
                "httpMethod": "delete",
                "confirmationState": "CONFIRM",
                "httpStatusCode": 200,
                "responseBody": {"application/json": {"body": "freed A1"}},
            }
        },
    ]
    assert [(call.agent_id, call.collaborator_name) for call in asked] == [
        ("AGENT12345", None),
        ("COLLAB0001", "rooms-agent"),
    ]
    assert [call["agent"] for call in calls] == [{"id": "AGENT12345"}, {"id": "COLLAB0001"}]


# -- malformed payloads ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            ["not", "a", "mapping"],
            "expected the returnControl payload as a mapping, got list",
        ),
        (
            {"invocationInputs": [GET_DAYS]},
            "the returnControl payload has no invocationId (got None); pass the returnControl "
            "member of the InvokeAgent stream event",
        ),
        (
            {"returnControl": {"invocationId": "", "invocationInputs": [GET_DAYS]}},
            "the returnControl payload has no invocationId (got ''); pass the returnControl "
            "member of the InvokeAgent stream event",
        ),
        (
            {"invocationId": "i1", "invocationInputs": []},
            "the returnControl payload 'i1' has no invocationInputs (got []); Bedrock sends 1 to 5",
        ),
        (
            {"invocationId": "i1"},
            "the returnControl payload 'i1' has no invocationInputs (got None); "
            "Bedrock sends 1 to 5",
        ),
        (
            {"invocationId": "i1", "invocationInputs": [GET_DAYS] * 6},
            "the returnControl payload 'i1' has 6 invocationInputs; "
            "Bedrock sends at most 5 and accepts at most 5 results",
        ),
        (
            returned(GET_DAYS, {"knowledgeBaseLookupInput": {"text": "x"}}),
            "invocationInputs[1] must hold exactly one of functionInvocationInput or "
            "apiInvocationInput, got keys ['knowledgeBaseLookupInput']",
        ),
        (
            returned({**GET_DAYS, **SUBMIT_REQUEST}),
            "invocationInputs[0] must hold exactly one of functionInvocationInput or "
            "apiInvocationInput, got keys ['apiInvocationInput', 'functionInvocationInput']",
        ),
        (
            returned("functionInvocationInput"),
            "invocationInputs[0] must be a mapping, got str",
        ),
        (
            returned({"functionInvocationInput": {"actionGroup": "VacationTools"}}),
            "invocationInputs[0].functionInvocationInput.function must be a non-empty string, "
            "got None",
        ),
        (
            returned({"apiInvocationInput": {"actionGroup": "VacationTools", "apiPath": "/x"}}),
            "invocationInputs[0].apiInvocationInput.httpMethod must be a non-empty string, "
            "got None",
        ),
        (
            returned(function_input("ping", "MAYBE")),
            "invocationInputs[0].functionInvocationInput.actionInvocationType must be one of "
            "RESULT, USER_CONFIRMATION, USER_CONFIRMATION_AND_RESULT, got 'MAYBE'",
        ),
        (
            returned(
                {
                    "functionInvocationInput": {
                        **GET_DAYS["functionInvocationInput"],
                        "parameters": "x",
                    }
                }
            ),
            "invocationInputs[0].functionInvocationInput.parameters must be a list of "
            "{name, type, value}, got 'x'",
        ),
        (
            returned(
                {
                    "functionInvocationInput": {
                        **GET_DAYS["functionInvocationInput"],
                        "parameters": [{"name": "employee_id", "value": 2}],
                    }
                }
            ),
            "invocationInputs[0].functionInvocationInput.parameters[0] must be {name, type, value} "
            "with string name and value, got {'name': 'employee_id', 'value': 2}",
        ),
        (
            returned(
                {
                    "apiInvocationInput": {
                        **SUBMIT_REQUEST["apiInvocationInput"],
                        "requestBody": {"properties": []},
                    }
                }
            ),
            "invocationInputs[0].apiInvocationInput.requestBody must be {content: {<media type>: "
            "{properties: [...]}}}, got {'properties': []}",
        ),
    ],
)
def test_malformed_payloads_raise_naming_what_is_wrong(payload: Any, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        session_state(app, payload)


def test_a_malformed_input_runs_none_of_the_others() -> None:
    group, calls = recording_group()
    with pytest.raises(ValueError, match=r"invocationInputs\[1\]"):
        session_state(group, returned(book("RESULT"), {"nope": {}}))
    assert calls == []


# -- the checker itself ----------------------------------------------------------------------


def valid_state() -> dict[str, Any]:
    return {
        "invocationId": "79e0feaa-1",
        "returnControlInvocationResults": [
            {
                "functionResult": {
                    "actionGroup": "BookingTools",
                    "function": "book_room",
                    "confirmationState": "CONFIRM",
                    "responseBody": {"TEXT": {"body": "booked A1"}},
                }
            }
        ],
        "sessionAttributes": {},
        "promptSessionAttributes": {},
    }


def test_the_checker_passes_a_good_state_and_catches_bad_ones() -> None:
    assert problems(valid_state()) == []

    misspelled = valid_state()
    misspelled["knowledgeBasesConfiguration"] = []  # the Lambda spelling, not SessionState's
    wrong_type = valid_state()
    wrong_type["returnControlInvocationResults"][0]["functionResult"]["confirmationState"] = True
    no_member = valid_state()
    no_member["returnControlInvocationResults"][0]["functionResult"]["collaboratorName"] = "x"
    no_results = valid_state()
    no_results["returnControlInvocationResults"] = []
    assert problems(misspelled) == [
        'Unknown parameter in sessionState: "knowledgeBasesConfiguration", must be one of: '
        "conversationHistory, files, invocationId, knowledgeBaseConfigurations, "
        "promptSessionAttributes, returnControlInvocationResults, sessionAttributes"
    ]
    assert problems(wrong_type) == [
        "Invalid type for parameter sessionState.returnControlInvocationResults[0]"
        ".functionResult.confirmationState, value: True, type: <class 'bool'>, "
        "valid types: <class 'str'>"
    ]
    assert problems(no_member) == [
        "Unknown parameter in sessionState.returnControlInvocationResults[0].functionResult: "
        '"collaboratorName", must be one of: actionGroup, agentId, confirmationState, '
        "function, responseBody, responseState"
    ]
    assert problems(no_results) == [
        "Invalid length for parameter sessionState.returnControlInvocationResults, value: 0, "
        "valid min length: 1"
    ]

    # ParamValidator does not check enums: the walk over the model does.
    bad_enum = valid_state()
    bad_enum["returnControlInvocationResults"][0]["functionResult"]["confirmationState"] = "YES"
    params = {"agentId": "AGENT12345", "agentAliasId": "A", "sessionId": "s1"}
    report = ParamValidator().validate({**params, "sessionState": bad_enum}, INVOKE_AGENT)
    assert not report.has_errors()
    assert problems(bad_enum) == [
        "sessionState.returnControlInvocationResults[0].functionResult.confirmationState: "
        "'YES' is not one of ['CONFIRM', 'DENY']"
    ]
    too_many = valid_state()
    too_many["returnControlInvocationResults"] *= 6
    assert problems(too_many) == [
        "sessionState.returnControlInvocationResults: 6 members, at most 5"
    ]
