"""A strict reading of the response envelope of contract section 2, for tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TOP = {
    "messageVersion",
    "response",
    "sessionAttributes",
    "promptSessionAttributes",
    "knowledgeBasesConfiguration",
}


def check_envelope(event: Any, envelope: Mapping[str, Any]) -> None:
    """Fail unless ``envelope`` is a response Bedrock accepts for ``event``."""
    assert set(envelope) <= _TOP, set(envelope) - _TOP
    assert envelope["messageVersion"] == "1.0"
    for key in ("sessionAttributes", "promptSessionAttributes"):
        attributes = envelope[key]
        assert isinstance(attributes, dict)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in attributes.items())
    if "knowledgeBasesConfiguration" in envelope:
        for kb in envelope["knowledgeBasesConfiguration"]:
            assert isinstance(kb["knowledgeBaseId"], str)
            assert "retrievalConfiguration" in kb
    response = envelope["response"]
    api = isinstance(event, Mapping) and "apiPath" in event
    if isinstance(event, Mapping) and isinstance(event.get("actionGroup"), str):
        assert response["actionGroup"] == event["actionGroup"]
    assert isinstance(response["actionGroup"], str)
    if api:
        assert set(response) == {
            "actionGroup",
            "apiPath",
            "httpMethod",
            "httpStatusCode",
            "responseBody",
        }
        assert response["apiPath"] == event["apiPath"]
        assert response["httpMethod"] == event["httpMethod"]
        status = response["httpStatusCode"]
        assert isinstance(status, int)
        assert not isinstance(status, bool)
        assert 200 <= status <= 599
        assert set(response["responseBody"]) == {"application/json"}
        assert isinstance(response["responseBody"]["application/json"]["body"], str)
    else:
        assert set(response) == {"actionGroup", "function", "functionResponse"}
        assert isinstance(response["function"], str)
        if isinstance(event, Mapping) and isinstance(event.get("function"), str):
            assert response["function"] == event["function"]
        function_response = response["functionResponse"]
        assert set(function_response) <= {"responseState", "responseBody"}
        if "responseState" in function_response:
            assert function_response["responseState"] in ("REPROMPT", "FAILURE")
        assert set(function_response["responseBody"]) == {"TEXT"}
        assert set(function_response["responseBody"]["TEXT"]) == {"body"}
        assert isinstance(function_response["responseBody"]["TEXT"]["body"], str)


def state(envelope: Mapping[str, Any]) -> str:
    """``SUCCESS``, ``REPROMPT`` or ``FAILURE`` for function details; the status for OpenAPI."""
    response = envelope["response"]
    if "httpStatusCode" in response:
        return str(response["httpStatusCode"])
    return str(response["functionResponse"].get("responseState", "SUCCESS"))


def body(envelope: Mapping[str, Any]) -> str:
    response = envelope["response"]
    if "responseBody" in response and "application/json" in response["responseBody"]:
        return str(response["responseBody"]["application/json"]["body"])
    return str(response["functionResponse"]["responseBody"]["TEXT"]["body"])
