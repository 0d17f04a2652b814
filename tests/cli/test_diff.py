"""``agent-tools diff``: the deployed action group (``get_agent_action_group``) against the code."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml

from tests.apps import vacation
from tests.cli.aws_stubs import AGENT_ID, ARN, GROUP_ID, OTHER_ID, Aws, action_group
from tests.cli.conftest import Run

TARGET = "tests.apps.vacation:app"
NAME = "VacationTools"
DESCRIPTION = "Look up and book employee vacation."
IN_STEP = f"action group {NAME} on agent {AGENT_ID} DRAFT is in step with {TARGET}\n"
DIFFERS = f"action group {NAME} on agent {AGENT_ID} DRAFT differs from {TARGET}\n"


def deployed_functions() -> list[dict[str, Any]]:
    """The code's functions as the service might return them: defaults left out."""
    functions = copy.deepcopy(vacation.app.function_schema()["functions"])
    for function in functions:
        if function["requireConfirmation"] == "DISABLED":
            del function["requireConfirmation"]
        for parameter in function.get("parameters", {}).values():
            if parameter["required"] is False:
                del parameter["required"]
    return functions


def stub_group(aws: Aws, **fields: Any) -> None:
    aws.list_groups(("UserInput", OTHER_ID), (NAME, GROUP_ID))
    group = action_group(
        NAME, description=DESCRIPTION, actionGroupExecutor={"lambda": ARN}, **fields
    )
    aws.stubber.add_response(
        "get_agent_action_group",
        {"agentActionGroup": group},
        {"agentId": AGENT_ID, "agentVersion": "DRAFT", "actionGroupId": GROUP_ID},
    )


def test_in_step(run: Run, aws: Aws) -> None:
    stub_group(aws, functionSchema={"functions": deployed_functions()})
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--region", "us-east-1"]
    result = run("diff", TARGET, *arguments, obj=aws.services)
    assert (result.exit_code, result.stdout, result.stderr) == (0, IN_STEP, "")
    assert aws.factory_calls == [("us-east-1", None)]


def test_drift_is_one_line_per_difference(run: Run, aws: Aws) -> None:
    functions = deployed_functions()
    functions[0]["parameters"]["employee_id"]["type"] = "string"
    functions[1]["requireConfirmation"] = "DISABLED"
    del functions[2]
    functions.append({"name": "retired", "description": "Gone."})
    stub_group(aws, functionSchema={"functions": functions}, actionGroupState="DISABLED")
    result = run("diff", TARGET, "--agent-id", AGENT_ID, "--return-control", obj=aws.services)
    listed = vacation.app.function_schema()["functions"][2]
    listed_entry = {k: v for k, v in listed.items() if k != "name"}
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "actionGroupState: deployed has 'DISABLED', code has 'ENABLED'",
        f"actionGroupExecutor: deployed has {{'lambda': '{ARN}'}}, code has "
        "{'customControl': 'RETURN_CONTROL'}",
        "functions.get_available_vacation_days.parameters.employee_id.type: deployed has "
        "'string', code has 'integer'",
        "functions.reserve_vacation_time.requireConfirmation: deployed has 'DISABLED', code "
        "has 'ENABLED'",
        f"functions.list_planned_vacations: deployed has nothing, code has {listed_entry!r}",
        "functions.retired: deployed has {'description': 'Gone.', 'requireConfirmation': "
        "'DISABLED'}, code has nothing",
    ]
    assert result.stderr == DIFFERS


def test_a_changed_description(run: Run, aws: Aws) -> None:
    aws.list_groups((NAME, GROUP_ID))
    aws.stubber.add_response(
        "get_agent_action_group",
        {
            "agentActionGroup": action_group(
                NAME, functionSchema={"functions": deployed_functions()}
            )
        },
        {"agentId": AGENT_ID, "agentVersion": "DRAFT", "actionGroupId": GROUP_ID},
    )
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert result.exit_code == 1
    assert result.stdout == f"description: deployed has nothing, code has {DESCRIPTION!r}\n"


def test_a_missing_group_is_drift(run: Run, aws: Aws) -> None:
    aws.list_groups(("UserInput", OTHER_ID))
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert result.exit_code == 1
    assert result.stdout == (
        f"agent {AGENT_ID} DRAFT has no action group {NAME}; the code has one with 10 tools "
        "(agent-tools deploy creates it)\n"
    )


def test_openapi_in_step_as_json_or_yaml(run: Run, aws: Aws) -> None:
    for payload in (json.dumps(vacation.app.openapi()), yaml.safe_dump(vacation.app.openapi())):
        stub_group(aws, apiSchema={"payload": payload})
        arguments = ["--agent-id", AGENT_ID, "--schema", "openapi"]
        result = run("diff", TARGET, *arguments, obj=aws.services)
        assert (result.exit_code, result.stdout) == (0, IN_STEP)


def test_openapi_drift(run: Run, aws: Aws) -> None:
    document = vacation.app.openapi()
    document["paths"]["/ping"]["post"]["description"] = "Old."
    document["info"]["version"] = "0.9.0"
    stub_group(aws, apiSchema={"payload": json.dumps(document)})
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "apiSchema.payload.info.version: deployed has '0.9.0', code has '1.0.0'",
        "apiSchema.payload.paths./ping.post.description: deployed has 'Old.', code has "
        "'Answer from an async tool.'",
    ]


@pytest.mark.parametrize(
    ("deployed", "wanted", "line"),
    [
        pytest.param(
            {"apiSchema": {"payload": "{}"}},
            "function",
            "schema: deployed has an OpenAPI schema, code asks for a function schema",
            id="openapi-deployed",
        ),
        pytest.param(
            {"functionSchema": {"functions": []}},
            "openapi",
            "schema: deployed has a function schema, code asks for an OpenAPI schema",
            id="function-deployed",
        ),
    ],
)
def test_the_schema_kind(
    run: Run, aws: Aws, deployed: dict[str, Any], wanted: str, line: str
) -> None:
    stub_group(aws, **deployed)
    result = run("diff", TARGET, "--agent-id", AGENT_ID, "--schema", wanted, obj=aws.services)
    assert (result.exit_code, result.stdout) == (1, line + "\n")


def test_a_schema_in_s3_is_drift(run: Run, aws: Aws) -> None:
    stub_group(aws, apiSchema={"s3": {"s3BucketName": "schemas", "s3ObjectKey": "hr.json"}})
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert (result.exit_code, result.stdout) == (
        1,
        "apiSchema: deployed has s3://schemas/hr.json, which diff does not read; code has a "
        "payload\n",
    )


def test_an_unreadable_payload_is_one_line(run: Run, aws: Aws) -> None:
    stub_group(aws, apiSchema={"payload": "openapi: [3.0.0"})
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "error: the deployed OpenAPI payload is neither JSON nor YAML: "
    )
    assert result.stderr.count("\n") == 1


def test_an_aws_error_is_one_line(run: Run, aws: Aws) -> None:
    aws.stubber.add_client_error(
        "list_agent_action_groups",
        service_error_code="AccessDeniedException",
        service_message="User is not authorized to perform bedrock:ListAgentActionGroups",
        http_status_code=403,
    )
    result = run("diff", TARGET, "--agent-id", AGENT_ID, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: AWS ListAgentActionGroups failed: AccessDeniedException: User is not "
        "authorized to perform bedrock:ListAgentActionGroups\n"
    )


@pytest.mark.usefixtures("no_aws_configuration")
def test_no_credentials(run: Run) -> None:
    result = run("diff", TARGET, "--agent-id", AGENT_ID, "--region", "us-east-1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("error: no AWS credentials found: ")


def test_two_executors_are_one_line(run: Run, aws: Aws) -> None:
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--return-control"]
    result = run("diff", TARGET, *arguments, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: pass at most one of --lambda-arn ARN and --return-control\n"
    assert aws.factory_calls == []


def test_json(run: Run, aws: Aws) -> None:
    functions = deployed_functions()
    functions[0]["parameters"]["employee_id"]["type"] = "string"
    stub_group(aws, functionSchema={"functions": functions})
    result = run("diff", TARGET, "--agent-id", AGENT_ID, "--json", obj=aws.services)
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "target": TARGET,
        "agent_id": AGENT_ID,
        "agent_version": "DRAFT",
        "action_group": NAME,
        "deployed": True,
        "in_step": False,
        "differences": [
            "functions.get_available_vacation_days.parameters.employee_id.type: deployed has "
            "'string', code has 'integer'"
        ],
    }
    aws.list_groups(("UserInput", OTHER_ID))
    result = run("diff", TARGET, "--agent-id", AGENT_ID, "--json", obj=aws.services)
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["deployed"], summary["in_step"]) == (False, False)
    assert summary["differences"] == [
        f"action group {NAME} on agent {AGENT_ID} DRAFT: deployed has nothing, the code has "
        "the group with 10 tools (agent-tools deploy creates it)"
    ]
