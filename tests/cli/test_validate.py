"""The checks behind ``agent-tools check``, on documents the exporters would never write.

The apps' own documents pass (tests/cli/test_check.py); these show that each check fails when
its rule is broken, and says where.
"""

from __future__ import annotations

import json
from typing import Any

from agent_tools.cli.check import problems
from agent_tools.cli.validate import openapi_problems, request_problems
from tests.apps import all_types, vacation

ARN = "arn:aws:lambda:us-east-1:123456789012:function:tools"


def request(**schema: Any) -> dict[str, Any]:
    return {
        "agentId": "AGENT12345",
        "agentVersion": "DRAFT",
        "actionGroupName": "Tools",
        "actionGroupExecutor": {"lambda": ARN},
        **schema,
    }


def document(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": paths, **extra}


OK_RESPONSES = {"200": {"description": "The result."}}


def test_the_apps_have_no_problems() -> None:
    assert problems(vacation.app) == []
    assert problems(all_types.app) == []
    schema = {"functions": vacation.app.function_schema()["functions"]}
    assert request_problems(request(functionSchema=schema)) == []
    payload = json.dumps(vacation.app.openapi())
    assert request_problems(request(apiSchema={"payload": payload})) == []
    assert openapi_problems(all_types.app.openapi()) == []


def test_request_problems_name_the_tool_and_the_parameter() -> None:
    functions = [
        {
            "name": "get_x",
            "description": "Get x.",
            "parameters": {"x": {"type": "object", "description": "X.", "required": "yes"}},
            "requireConfirmation": "YES",
        },
        {
            "name": "bad name",
            "description": "d" * 1201,
            "parameters": {"bad__p": {"type": "string", "description": ""}},
        },
    ]
    found = request_problems(request(functionSchema={"functions": functions}))
    assert found == [
        "create_agent_action_group request: Invalid type for parameter "
        "functionSchema.functions[0].parameters.x.required, value: yes, type: <class 'str'>, "
        "valid types: <class 'bool'>. Fix: make the exported schema match the service model",
        "create_agent_action_group request: Invalid length for parameter "
        "functionSchema.functions[1].parameters.bad__p.description, value: 0, valid min "
        "length: 1. Fix: make the exported schema match the service model",
        "tool 'get_x', parameter 'x' type: must be one of string, number, integer, boolean, "
        "array (got 'object'). Fix: Use one of those.",
        "tool 'get_x', requireConfirmation: must be one of ENABLED, DISABLED (got 'YES'). "
        "Fix: Use one of those.",
        "tool 'bad name', name: must match ([0-9a-zA-Z][_-]?){1,100} (got 'bad name'). "
        "Fix: Rename it to match the pattern.",
        "tool 'bad name', description: must be 1 to 1200 characters long, not 1201 "
        f"(got '{'d' * 76}...). Fix: Shorten it.",
        "tool 'bad name', parameter 'bad__p' name: must match ([0-9a-zA-Z][_-]?){1,100} "
        "(got 'bad__p'). Fix: Rename it to match the pattern.",
    ]


def test_request_problems_outside_the_functions() -> None:
    found = request_problems(
        {**request(apiSchema={"payload": "{}"}), "agentId": "agent", "description": "x" * 201}
    )
    assert found == [
        "create_agent_action_group request, agentId: must match [0-9a-zA-Z]{10} "
        "(got 'agent'). Fix: Rename it to match the pattern.",
        "create_agent_action_group request, description: must be 1 to 200 characters long, "
        f"not 201 (got '{'x' * 76}...). Fix: Shorten it.",
    ]


def test_bedrock_rules_on_a_valid_openapi_30_document() -> None:
    found = openapi_problems(
        document(
            {
                "/a": {
                    "get": {
                        "operationId": "a",
                        "responses": OK_RESPONSES,
                        "requestBody": {
                            "content": {"application/json": {"schema": {"type": "object"}}}
                        },
                        "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                        "security": [{"key": []}],
                    },
                    "post": {"operationId": "bad id", "description": "B.", "responses": {}},
                },
                "/b": {
                    "delete": {"operationId": "a", "description": "A.", "responses": OK_RESPONSES}
                },
            },
            security=[{"key": []}],
        )
    )
    assert found == [
        "OpenAPI 3.0 document['paths']['/a']['post']['responses']: {} should be non-empty. "
        "Fix: make the document valid OpenAPI 3.0",
        "OpenAPI 3.0 document (the root): Operation ID 'a' for 'delete' in '/b' is not unique. "
        "Fix: make the document valid OpenAPI 3.0",
        "OpenAPI document, security: Bedrock refuses security. Fix: remove it",
        "tool 'a', GET /a: the operation needs a description (the model reads it). Fix: add one",
        "tool 'a', GET /a: Bedrock refuses security. Fix: remove it",
        "tool 'a', GET /a: Bedrock refuses a requestBody on GET. Fix: use POST",
        "tool 'a', GET /a parameter 'q': needs description. Fix: add it",
        "tool 'bad id', POST /a: operationId must be letters, digits, '_' or '-' "
        "(got 'bad id'). Fix: rename it",
        "tool 'bad id', POST /a: the operation needs responses. Fix: add a 200 response",
        "tool 'a', DELETE /b: operationId is also the id of GET /a (got 'a'). Fix: make it unique",
    ]


def test_31_isms_and_enum_are_found_in_every_schema() -> None:
    schema = {
        "type": "object",
        "properties": {
            "n": {"type": "integer", "minimum": 0, "exclusiveMinimum": True},  # 3.0: fine
            "m": {"type": "number", "exclusiveMaximum": 10},
            "t": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "c": {"type": "integer", "const": 3},
            "e": {"type": "string", "examples": ["a"]},
            "p": {"type": "array", "prefixItems": [{"type": "string"}]},
            "s": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}},
        },
    }
    found = openapi_problems(
        document(
            {
                "/a": {
                    "post": {
                        "operationId": "a",
                        "description": "A.",
                        "requestBody": {"content": {"application/json": {"schema": schema}}},
                        "responses": OK_RESPONSES,
                    }
                }
            },
            components={"schemas": {"M": {"type": ["string", "null"], "$defs": {}}}},
        )
    )
    bedrock = [line for line in found if not line.startswith("OpenAPI 3.0 document")]
    where = "tool 'a', POST /a requestBody application/json schema.properties"
    assert bedrock == [
        f"{where}.m: a numeric exclusiveMaximum is OpenAPI 3.1 (got 10). "
        "Fix: write maximum: 10 and exclusiveMaximum: true",
        f"{where}.t.anyOf[1]: type 'null' is not OpenAPI 3.0. Fix: use one type and nullable: true",
        f"{where}.c: const is not OpenAPI 3.0 (got 3). Fix: use a description: OpenAPI 3.0 has "
        "no const",
        f"{where}.e: examples is not OpenAPI 3.0 (got ['a']). Fix: use example (one value): "
        "OpenAPI 3.0 schemas have no examples",
        f"{where}.p: prefixItems is not OpenAPI 3.0 (got [{{'type': 'string'}}]). Fix: use "
        "items: OpenAPI 3.0 has no prefixItems",
        f"{where}.s.items: Bedrock refuses enum (got ['x', 'y']). Fix: list the allowed values "
        "in the description",
        "components/schemas/M: type ['string', 'null'] is not OpenAPI 3.0. Fix: use one type "
        "and nullable: true",
        "OpenAPI document, $.components.schemas.M.$defs: OpenAPI 3.0 has no $defs. Fix: put the "
        "schemas under components/schemas",
    ]
    # openapi-spec-validator finds the 3.1-isms too, though not enum (valid OpenAPI 3.0).
    spec = "OpenAPI 3.0 document['paths']['/a']['post']['requestBody']['content']"
    spec += "['application/json']['schema']['properties']"
    valid = "Fix: make the document valid OpenAPI 3.0"
    assert found[: -len(bedrock)] == [
        f"{spec}['c']: 'const' does not match any of the regexes: '^x-'. {valid}",
        f"{spec}['e']: 'examples' does not match any of the regexes: '^x-'. {valid}",
        f"{spec}['m']['exclusiveMaximum']: 10 is not of type 'boolean'. {valid}",
        f"{spec}['p']: 'prefixItems' does not match any of the regexes: '^x-'. {valid}",
        f"{spec}['t']['anyOf'][1]['type']: 'null' is not one of ['array', 'boolean', "
        f"'integer', 'number', 'object', 'string']. {valid}",
        "OpenAPI 3.0 document['components']['schemas']['M']['type']: ['string', 'null'] is not "
        f"of type 'string'. {valid}",
        "OpenAPI 3.0 document['components']['schemas']['M']['type']: ['string', 'null'] is not "
        f"one of ['array', 'boolean', 'integer', 'number', 'object', 'string']. {valid}",
    ]


def test_the_version_and_paths() -> None:
    found = openapi_problems(
        {
            **document(
                {
                    "a": {
                        "post": {"operationId": "a", "description": "A.", "responses": OK_RESPONSES}
                    }
                }
            ),
            "openapi": "3.1.0",
        }
    )
    assert found == [
        "OpenAPI 3.0 document['openapi']: '3.1.0' does not match '^3\\\\.0\\\\.\\\\d(-.+)?$'. "
        "Fix: make the document valid OpenAPI 3.0",
        "OpenAPI 3.0 document['paths']: 'a' does not match any of the regexes: '^\\\\/', '^x-'. "
        "Fix: make the document valid OpenAPI 3.0",
        "OpenAPI document, openapi: Bedrock takes OpenAPI 3.0 (got '3.1.0'). "
        "Fix: write openapi: 3.0.0",
        "OpenAPI path 'a': must start with '/'. Fix: add a leading '/'",
    ]
