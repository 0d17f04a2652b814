"""``agent-tools migrate``: Classic schemas in, Gateway tools the bridge serves out."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import botocore.session
import pytest
import yaml
from botocore.validate import validate_parameters
from cfnlint.api import lint

from agent_tools.bridge import gateway_handler
from tests.cli.aws_stubs import AGENT_ID, GROUP_ID, NOW, Aws
from tests.cli.conftest import Run

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:hr-tools"

FUNCTION_SCHEMA = {
    "functions": [
        {
            "name": "get_available_vacation_days",
            "description": "Days left for an employee.",
            "parameters": {
                "employee_id": {"type": "integer", "description": "Id", "required": True}
            },
        },
        {
            "name": "reserve_vacation_time_for_the_whole_team_in_one_go",
            "description": "Reserve days.",
            "parameters": {
                "start_date": {"type": "string", "description": "YYYY-MM-DD", "required": True},
                "days": {"type": "number", "description": "How many", "required": False},
            },
            "requireConfirmation": "ENABLED",
        },
    ]
}

OPENAPI = {
    "openapi": "3.0.0",
    "info": {"title": "Claims", "version": "1.0.0"},
    "paths": {
        "/claims/{claimId}": {
            "get": {
                "operationId": "readClaim",
                "description": "Read one claim.",
                "parameters": [
                    {
                        "name": "claimId",
                        "in": "path",
                        "description": "The claim",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "view",
                        "in": "query",
                        "description": "How much",
                        "schema": {"type": "string", "enum": ["short", "full"]},
                    },
                    {
                        "name": "X-Tenant",
                        "in": "header",
                        "description": "Tenant",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {"200": {"description": "The claim"}},
            }
        },
        "/claims": {
            "post": {
                "operationId": "fileClaim",
                "description": "File a claim.",
                "requestBody": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Claim"}}
                    }
                },
                "responses": {"200": {"description": "Filed"}},
            }
        },
    },
    "components": {
        "schemas": {
            "Claim": {
                "type": "object",
                "properties": {
                    "amount": {"type": "integer", "minimum": 1},
                    "items": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["amount"],
            }
        }
    },
}


def run_json(run: Run, *arguments: str, obj: Any = None) -> dict[str, Any]:
    result = run("migrate", *arguments, obj=obj)
    assert result.exit_code == 0, result.output
    output: dict[str, Any] = json.loads(result.stdout)
    return output


def lambda_of(output: dict[str, Any]) -> Any:
    return output["gatewayTarget"]["Properties"]["TargetConfiguration"]["Mcp"]["Lambda"][
        "LambdaArn"
    ]


def check_against_models(output: dict[str, Any]) -> None:
    """The tools fit CreateGatewayTarget's model; the resource passes cfn-lint."""
    model = botocore.session.get_session().get_service_model("bedrock-agentcore-control")
    request = {
        "gatewayIdentifier": "hr-gw-abcdefghij",
        "targetConfiguration": {
            "mcp": {
                "lambda": {
                    "lambdaArn": LAMBDA,
                    "toolSchema": {"inlinePayload": output["toolDefinitions"]},
                }
            }
        },
    }
    validate_parameters(request, model.operation_model("CreateGatewayTarget").input_shape)
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {
            name: {"Type": "String"}
            for name in ("GatewayId", "ToolsFunctionArn")
            if {"Ref": name} in output["gatewayTarget"]["Properties"].values()
            or {"Ref": name} == lambda_of(output)
        },
        "Resources": {"Target": output["gatewayTarget"]},
    }
    assert [m.message for m in lint(json.dumps(template), regions=["us-east-1"])] == []


def test_function_schema_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "VacationTools.json"
    path.write_text(json.dumps(FUNCTION_SCHEMA), encoding="utf-8")
    output = run_json(
        run,
        "--function-schema",
        str(path),
        "--lambda-arn",
        LAMBDA,
        "--gateway",
        "hr-gw-abcdefghij",
        "--session-header",
        "employee_id=X-Employee-Id",
    )
    check_against_models(output)
    first = output["toolDefinitions"][0]
    assert first == {
        "name": "get_available_vacation_days",
        "description": "Days left for an employee.",
        "inputSchema": {
            "type": "object",
            "properties": {"employee_id": {"type": "integer", "description": "Id"}},
            "required": ["employee_id"],
        },
    }
    properties = output["gatewayTarget"]["Properties"]
    assert properties["Name"] == "VacationTools"
    assert properties["MetadataConfiguration"] == {"AllowedRequestHeaders": ["x-employee-id"]}
    notes = " ".join(output["notes"])
    assert "requireConfirmation is ENABLED" in notes
    assert "'VacationTools___reserve_vacation_time_for_the_whole_team_in_one_go' is 66" in notes


def test_openapi_yaml_file_and_the_bridge_serves_what_it_wrote(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump(OPENAPI, sort_keys=False), encoding="utf-8")
    output = run_json(run, "--openapi", str(path), "--action-group", "Claims")
    tools = {tool["name"]: tool for tool in output["toolDefinitions"]}
    assert set(tools) == {"readClaim", "fileClaim"}
    read = tools["readClaim"]["inputSchema"]
    assert set(read["properties"]) == {"claimId", "view"}
    assert "short" in read["properties"]["view"]["description"]
    assert tools["fileClaim"]["inputSchema"]["required"] == ["amount"]
    notes = " ".join(output["notes"])
    assert "header parameter X-Tenant" in notes
    assert "readClaim: $.view" in notes  # the enum moved into the description
    assert output["gatewayTarget"]["Properties"]["GatewayIdentifier"] == {"Ref": "GatewayId"}

    seen: list[dict[str, Any]] = []

    def classic(event: dict[str, Any], context: Any) -> dict[str, Any]:
        seen.append(event)
        return {
            "messageVersion": "1.0",
            "response": {
                "actionGroup": event["actionGroup"],
                "apiPath": event["apiPath"],
                "httpMethod": event["httpMethod"],
                "httpStatusCode": 200,
                "responseBody": {"application/json": {"body": '{"ok": true}'}},
            },
        }

    handler = gateway_handler(classic, action_group="Claims", openapi=OPENAPI)
    for name in tools:
        context = SimpleNamespace(
            client_context=SimpleNamespace(custom={"bedrockAgentCoreToolName": f"Claims___{name}"}),
            aws_request_id="r",
        )
        arguments = {"claimId": "C-1"} if name == "readClaim" else {"amount": 3, "items": ["x"]}
        assert handler(arguments, context) == {"ok": True}
    read_event, file_event = seen
    assert (read_event["apiPath"], read_event["httpMethod"]) == ("/claims/{claimId}", "GET")
    assert read_event["parameters"] == [{"name": "claimId", "type": "string", "value": "C-1"}]
    assert file_event["requestBody"] == {
        "content": {
            "application/json": {
                "properties": [
                    {"name": "amount", "type": "integer", "value": "3"},
                    {"name": "items", "type": "array", "value": '["x"]'},
                ]
            }
        }
    }


def stub_group(aws: Aws, name: str, **fields: Any) -> None:
    """The agent's DRAFT holds one action group, ``name``, with ``fields``."""
    aws.list_groups((name, GROUP_ID))
    group = {
        "agentId": AGENT_ID,
        "agentVersion": "DRAFT",
        "actionGroupId": GROUP_ID,
        "actionGroupName": name,
        "createdAt": NOW,
        "updatedAt": NOW,
        "actionGroupState": "ENABLED",
        **fields,
    }
    aws.stubber.add_response(
        "get_agent_action_group",
        {"agentActionGroup": group},
        {"agentId": AGENT_ID, "agentVersion": "DRAFT", "actionGroupId": GROUP_ID},
    )


def test_from_the_account(run: Run, aws: Aws) -> None:
    stub_group(
        aws,
        "VacationTools",
        description="Look up and book vacation.",
        actionGroupExecutor={"lambda": LAMBDA},
        functionSchema=FUNCTION_SCHEMA,
    )
    output = run_json(
        run,
        "--agent-id",
        AGENT_ID,
        "--action-group",
        "VacationTools",
        "--region",
        "us-east-1",
        obj=aws.services,
    )
    check_against_models(output)
    assert output["gatewayTarget"]["Properties"]["Description"] == "Look up and book vacation."
    assert len(output["toolDefinitions"]) == 2


def test_an_openapi_payload_from_the_account(run: Run, aws: Aws) -> None:
    stub_group(aws, "Claims", apiSchema={"payload": yaml.safe_dump(OPENAPI)})
    output = run_json(run, "--agent-id", AGENT_ID, "--action-group", "Claims", obj=aws.services)
    assert {tool["name"] for tool in output["toolDefinitions"]} == {"readClaim", "fileClaim"}


def test_a_group_in_s3_says_what_to_do(run: Run, aws: Aws) -> None:
    s3 = {"s3BucketName": "hr-bucket", "s3ObjectKey": "claims.yaml"}
    stub_group(aws, "Claims", apiSchema={"s3": s3})
    result = run("migrate", "--agent-id", AGENT_ID, "--action-group", "Claims", obj=aws.services)
    assert result.exit_code == 2
    assert "s3://hr-bucket/claims.yaml; download it and pass --openapi FILE" in result.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"functions": [{"name": "f", "parameters": {"a": {}}}]}', "parameter a: type must be"),
        ("{]", "neither JSON nor YAML"),
        ('{"functions": []}', "at least one function"),
    ],
)
def test_invalid_files_get_one_clear_line(
    run: Run, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "group.json"
    path.write_text(content, encoding="utf-8")
    result = run("migrate", "--function-schema", str(path))
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        ((), "pass exactly one of"),
        (("--agent-id", AGENT_ID), "--agent-id needs --action-group"),
        (("--agent-id", AGENT_ID, "--action-group", "G", "--session-header", "x"), "ATTRIBUTE="),
    ],
)
def test_usage_mistakes(run: Run, arguments: tuple[str, ...], words: str) -> None:
    result = run("migrate", *arguments)
    assert result.exit_code == 2
    assert words in result.stderr


def test_help_says_apps_of_this_package_export_instead(run: Run) -> None:
    result = run("migrate", "--help")
    assert "nothing to migrate" in result.output


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (("--action-group", "G", "--lambda-arn", "hr-tools"), "lambda_arn must be a Lambda"),
        (("--action-group", "G", "--gateway", "my gateway"), "gateway must be a gateway id"),
        (("--action-group", "vacation.tools"), "the target name 'vacation.tools' must be"),
        ((), "the target name 'vacation_tools.functions' must be"),
    ],
)
def test_a_target_the_service_would_refuse_is_not_printed(
    run: Run, tmp_path: Path, arguments: tuple[str, ...], words: str
) -> None:
    path = tmp_path / "vacation_tools.functions.json"
    path.write_text(json.dumps(FUNCTION_SCHEMA), encoding="utf-8")
    result = run("migrate", "--function-schema", str(path), *arguments)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "gatewayTarget" not in result.stdout


def test_the_target_name_comes_from_the_file_name(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "vacation_tools.json"
    path.write_text(json.dumps(FUNCTION_SCHEMA), encoding="utf-8")
    output = run_json(run, "--function-schema", str(path))
    assert output["gatewayTarget"]["Properties"]["Name"] == "vacation-tools"


def test_the_confirmation_hook_the_docs_and_notes_point_to_is_in_the_service_model() -> None:
    # The notes for a requireConfirmation tool send the developer to a before_tool_call
    # hook; docs/migration.md says where it is declared. Both must name what the model has.
    model = botocore.session.get_session().get_service_model("bedrock-agentcore-control")
    hook = model.shape_for("HarnessHook").members["beforeToolCall"]
    target = hook.members["target"].members
    failure_modes = target["lambda"].members["failureMode"].enum
    text = (Path(__file__).parents[2] / "docs" / "migration.md").read_text(encoding="utf-8")
    confirmation = text.split("## Confirmation", 1)[1]
    assert "`hooks`" in confirmation
    assert "`beforeToolCall`" in confirmation
    assert all(f"`{mode}`" in confirmation for mode in failure_modes)
    assert "not in the botocore model" not in confirmation


def test_a_header_parameter_shared_by_a_path_is_noted_for_each_operation(
    run: Run, tmp_path: Path
) -> None:
    tenant = {"name": "X-Tenant", "in": "header", "required": True, "schema": {"type": "string"}}
    document = {
        "openapi": "3.0.0",
        "info": {"title": "Claims", "version": "1.0.0"},
        "paths": {
            "/claims/{claimId}": {
                "parameters": [tenant],
                "get": {
                    "operationId": "readClaim",
                    "description": "Read one claim.",
                    "parameters": [{"name": "claimId", "in": "path", "required": True}],
                },
                "delete": {"operationId": "dropClaim", "description": "Drop one claim."},
            }
        },
    }
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    output = run_json(run, "--openapi", str(path), "--action-group", "Claims")
    header_notes = [note for note in output["notes"] if "X-Tenant" in note]
    assert [note.split(":")[0] for note in header_notes] == ["readClaim", "dropClaim"]
    assert all("header parameter X-Tenant is not a tool argument" in n for n in header_notes)
