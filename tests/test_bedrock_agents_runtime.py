"""The two Bedrock Agents response envelopes (docs/bedrock-agents.md#response-envelope)."""

from __future__ import annotations

from agent_tools._runtimes.bedrock_agents import Request, render
from agent_tools.outcome import Outcome, OutcomeKind

FUNCTION = Request(
    api=False,
    action_group="VacationTools",
    function="get_available_vacation_days",
    session_attributes={"employee_id": "2"},
    prompt_session_attributes={"tz": "UTC"},
)
API = Request(
    api=True,
    action_group="VacationTools",
    api_path="/employees/{employee_id}",
    http_method="GET",
    session_attributes={"employee_id": "2"},
)


def test_function_success_omits_response_state_and_echoes_attributes() -> None:
    assert render(FUNCTION, Outcome("ok")) == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "function": "get_available_vacation_days",
            "functionResponse": {"responseBody": {"TEXT": {"body": "ok"}}},
        },
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {"tz": "UTC"},
    }


def test_function_reprompt_with_changed_attributes_and_knowledge_bases() -> None:
    knowledge_base = {
        "knowledgeBaseId": "KB12345678",
        "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}},
    }
    outcome = Outcome(
        "fix it",
        OutcomeKind.BAD_INPUT,
        400,
        session_attributes={"employee_id": "2", "step": "1"},
        prompt_session_attributes={},
        knowledge_bases=[knowledge_base],
    )
    assert render(FUNCTION, outcome) == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "function": "get_available_vacation_days",
            "functionResponse": {
                "responseState": "REPROMPT",
                "responseBody": {"TEXT": {"body": "fix it"}},
            },
        },
        "sessionAttributes": {"employee_id": "2", "step": "1"},
        "promptSessionAttributes": {},
        "knowledgeBasesConfiguration": [knowledge_base],
    }


def test_api_envelope_carries_the_status_code() -> None:
    outcome = Outcome('{"a":1}', OutcomeKind.FAILURE, 503)
    assert render(API, outcome) == {
        "messageVersion": "1.0",
        "response": {
            "actionGroup": "VacationTools",
            "apiPath": "/employees/{employee_id}",
            "httpMethod": "GET",
            "httpStatusCode": 503,
            "responseBody": {"application/json": {"body": '{"a":1}'}},
        },
        "sessionAttributes": {"employee_id": "2"},
        "promptSessionAttributes": {},
    }


def test_envelope_maps_are_copies() -> None:
    envelope = render(FUNCTION, Outcome("ok"))
    envelope["sessionAttributes"]["employee_id"] = "3"
    assert FUNCTION.session_attributes == {"employee_id": "2"}
