"""A strict reading of the response Bedrock Agents accept from an action-group Lambda.

``check_response`` holds a handler's answer to docs/bedrock-agents.md#response-envelope: the
envelope's fields and
nothing else, string-to-string attribute maps, a well-formed knowledge-base configuration,
and a ``response`` of the event's kind that echoes the event's action group, function or
operation. Each violation raises ``ContractError`` naming the offending field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_RESPONSE_BYTES", "ContractError", "check_response"]

MAX_RESPONSE_BYTES = 6_291_556
"""Lambda's limit on a synchronous response, in its own figure.

See docs/bedrock-agents.md#size-limits.
"""

_TOP = (
    "messageVersion",
    "response",
    "sessionAttributes",
    "promptSessionAttributes",
    "knowledgeBasesConfiguration",
)
_FUNCTION_FIELDS = ("actionGroup", "function", "functionResponse")
_API_FIELDS = ("actionGroup", "apiPath", "httpMethod", "httpStatusCode", "responseBody")
_STATES = ("REPROMPT", "FAILURE")
_SEARCH_TYPES = ("HYBRID", "SEMANTIC")
# The members botocore's bedrock-agent-runtime model gives these shapes.
_VECTOR_SEARCH_FIELDS = (
    "numberOfResults",
    "overrideSearchType",
    "filter",
    "implicitFilterConfiguration",
    "rerankingConfiguration",
)
_KNOWLEDGE_BASE_ID = re.compile(r"[0-9a-zA-Z]{1,10}")


class ContractError(AssertionError):
    """A response Bedrock would refuse or misread.

    Attributes:
        field: where the problem is, as a path such as ``response.functionResponse``.
        problem: what is wrong there.
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_response(event: Any, response: Any) -> None:
    """Raise ``ContractError`` unless ``response`` is an answer Bedrock accepts for ``event``.

    Args:
        event: the event the handler was given. When it is not an object (``None``, say),
            the echoes cannot be checked and the response's own shape says its kind.
        response: what the handler returned.
    """
    if not isinstance(response, Mapping):
        raise ContractError("(envelope)", f"must be a JSON object, got {_kind(response)}")
    for key in response:
        if key not in _TOP:
            raise ContractError(
                str(key), f"is not a field of the response envelope; Bedrock reads {_list(_TOP)}"
            )
    if "messageVersion" not in response:
        raise ContractError("messageVersion", 'is missing; it must be "1.0"')
    if response["messageVersion"] != "1.0":
        raise ContractError("messageVersion", f'must be "1.0", got {response["messageVersion"]!r}')
    for key in ("sessionAttributes", "promptSessionAttributes"):
        _check_attributes(key, response)
    if "knowledgeBasesConfiguration" in response:
        _check_knowledge_bases(response["knowledgeBasesConfiguration"])
    if "response" not in response:
        raise ContractError("response", "is missing")
    body = response["response"]
    if not isinstance(body, Mapping):
        raise ContractError("response", f"must be an object, got {_kind(body)}")
    event = event if isinstance(event, Mapping) else None
    api = "apiPath" in event if event is not None else "apiPath" in body
    if api:
        _check_api(event, body)
    else:
        _check_function(event, body)
    _check_size(response)


def _check_attributes(key: str, response: Mapping[str, Any]) -> None:
    if key not in response:
        # Whether an omitted map clears the session's is undocumented
        # (docs/bedrock-agents.md#open-questions).
        raise ContractError(key, "is missing; echo the event's, with your changes")
    attributes = response[key]
    if not isinstance(attributes, Mapping):
        raise ContractError(key, f"must be an object, got {_kind(attributes)}")
    for name, value in attributes.items():
        if not isinstance(name, str):
            raise ContractError(f"{key}[{name!r}]", "keys must be strings")
        if not isinstance(value, str):
            raise ContractError(
                f"{key}[{name!r}]",
                f"must be a string, got {_kind(value)} {value!r}: Bedrock keeps only strings",
            )


def _check_knowledge_bases(entries: Any) -> None:
    field = "knowledgeBasesConfiguration"
    if not isinstance(entries, list):
        raise ContractError(field, f"must be a list, got {_kind(entries)}")
    if not entries:
        raise ContractError(field, "must hold at least one entry; leave it out instead")
    for index, entry in enumerate(entries):
        where = f"{field}[{index}]"
        _fields_exactly(where, entry, ("knowledgeBaseId", "retrievalConfiguration"))
        kb_id = entry["knowledgeBaseId"]
        if not isinstance(kb_id, str) or not _KNOWLEDGE_BASE_ID.fullmatch(kb_id):
            raise ContractError(
                f"{where}.knowledgeBaseId", f"must be 1-10 letters and digits, got {kb_id!r}"
            )
        where = f"{where}.retrievalConfiguration"
        retrieval = entry["retrievalConfiguration"]
        _fields_exactly(where, retrieval, ("vectorSearchConfiguration",))
        where = f"{where}.vectorSearchConfiguration"
        search = retrieval["vectorSearchConfiguration"]
        _fields_within(where, search, _VECTOR_SEARCH_FIELDS)
        if "numberOfResults" in search:
            count = search["numberOfResults"]
            if not _is_int(count) or not 1 <= count <= 100:
                raise ContractError(
                    f"{where}.numberOfResults", f"must be an integer from 1 to 100, got {count!r}"
                )
        if "overrideSearchType" in search and search["overrideSearchType"] not in _SEARCH_TYPES:
            raise ContractError(
                f"{where}.overrideSearchType",
                f"must be HYBRID or SEMANTIC, got {search['overrideSearchType']!r}",
            )
        if "filter" in search and not isinstance(search["filter"], Mapping):
            raise ContractError(
                f"{where}.filter", f"must be an object, got {_kind(search['filter'])}"
            )


def _check_function(event: Mapping[str, Any] | None, response: Mapping[str, Any]) -> None:
    if "apiPath" in response:
        raise ContractError(
            "response.apiPath",
            "is in the answer to a function-details event (one without apiPath); "
            f"answer with {_list(_FUNCTION_FIELDS)}",
        )
    _fields_exactly("response", response, _FUNCTION_FIELDS)
    _check_echo("actionGroup", event, response)
    _check_echo("function", event, response)
    where = "response.functionResponse"
    answer = response["functionResponse"]
    _fields_within(where, answer, ("responseState", "responseBody"))
    if "responseState" in answer and answer["responseState"] not in _STATES:
        raise ContractError(
            f"{where}.responseState",
            f"must be REPROMPT or FAILURE, or left out on success; got {answer['responseState']!r}",
        )
    if "responseBody" not in answer:
        raise ContractError(f"{where}.responseBody", "is missing")
    _check_body(f"{where}.responseBody", answer["responseBody"], "TEXT")


def _check_api(event: Mapping[str, Any] | None, response: Mapping[str, Any]) -> None:
    if "functionResponse" in response:
        raise ContractError(
            "response.functionResponse",
            "is in the answer to an OpenAPI event (one with apiPath); "
            f"answer with {_list(_API_FIELDS)}",
        )
    _fields_exactly("response", response, _API_FIELDS)
    for key in ("actionGroup", "apiPath", "httpMethod"):
        _check_echo(key, event, response)
    status = response["httpStatusCode"]
    if not _is_int(status) or not 200 <= status <= 599:
        raise ContractError(
            "response.httpStatusCode", f"must be an integer HTTP status 200-599, got {status!r}"
        )
    body = response["responseBody"]
    # application/json always; text/plain for an error body where the group declares it
    media_types = ("application/json",) if status < 400 else _API_MEDIA_TYPES
    _fields_within("response.responseBody", body, media_types)
    _check_body("response.responseBody", body, next(iter(body), "application/json"))


_API_MEDIA_TYPES = ("application/json", "text/plain")


def _check_echo(key: str, event: Mapping[str, Any] | None, response: Mapping[str, Any]) -> None:
    value = response[key]
    if not isinstance(value, str):
        raise ContractError(f"response.{key}", f"must be a string, got {_kind(value)}")
    sent = event.get(key) if event is not None else None
    if isinstance(sent, str) and value != sent:
        raise ContractError(f"response.{key}", f"must echo the event's {sent!r}, got {value!r}")


def _check_body(where: str, body: Any, content_type: str) -> None:
    _fields_exactly(where, body, (content_type,))
    _fields_exactly(f"{where}.{content_type}", body[content_type], ("body",))
    text = body[content_type]["body"]
    if not isinstance(text, str):
        raise ContractError(
            f"{where}.{content_type}.body",
            f"must be a string, got {_kind(text)}: write JSON results as JSON text",
        )


def _check_size(response: Mapping[str, Any]) -> None:
    try:
        text = json.dumps(response, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ContractError("(envelope)", f"is not JSON: {exc}") from exc
    size = len(text.encode("utf-8"))
    if size > MAX_RESPONSE_BYTES:
        raise ContractError(
            "(envelope)",
            f"is {size} bytes, over Lambda's {MAX_RESPONSE_BYTES}-byte response limit",
        )


def _fields_exactly(where: str, value: Any, fields: tuple[str, ...]) -> None:
    _fields_within(where, value, fields)
    for field in fields:
        if field not in value:
            raise ContractError(f"{where}.{field}", "is missing")


def _fields_within(where: str, value: Any, fields: tuple[str, ...]) -> None:
    if not isinstance(value, Mapping):
        raise ContractError(where, f"must be an object, got {_kind(value)}")
    for key in value:
        if key not in fields:
            raise ContractError(
                f"{where}.{key}", f"is not a field here; the fields are {_list(fields)}"
            )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _list(fields: tuple[str, ...]) -> str:
    return ", ".join(fields)
