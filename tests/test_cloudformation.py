"""``cloudformation()``: the ActionGroups entry, linted by cfn-lint against AWS's own schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from cfnlint.api import lint

from agent_tools import RETURN_CONTROL, ActionGroup
from tests.apps import all_types, vacation

LAMBDA_ARN = {"Fn::GetAtt": ["ToolFunction", "Arn"]}


def template(*action_groups: dict[str, Any]) -> str:
    """A deployable CloudFormation template around the given ActionGroups entries."""
    assume = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "bedrock.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
    return json.dumps(
        {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
                "ToolRole": {
                    "Type": "AWS::IAM::Role",
                    "Properties": {
                        "AssumeRolePolicyDocument": {
                            **assume,
                            "Statement": [
                                {
                                    **assume["Statement"][0],
                                    "Principal": {"Service": "lambda.amazonaws.com"},
                                }
                            ],
                        }
                    },
                },
                "ToolFunction": {
                    "Type": "AWS::Lambda::Function",
                    "Properties": {
                        "Runtime": "python3.13",
                        "Handler": "app.lambda_handler",
                        "Role": {"Fn::GetAtt": ["ToolRole", "Arn"]},
                        "Code": {"ZipFile": "def lambda_handler(event, context):\n    pass\n"},
                    },
                },
                "AgentRole": {
                    "Type": "AWS::IAM::Role",
                    "Properties": {"AssumeRolePolicyDocument": assume},
                },
                "Agent": {
                    "Type": "AWS::Bedrock::Agent",
                    "Properties": {
                        "AgentName": "hr-assistant",
                        "AgentResourceRoleArn": {"Fn::GetAtt": ["AgentRole", "Arn"]},
                        "FoundationModel": "anthropic.claude-3-haiku-20240307-v1:0",
                        "Instruction": "You help employees look up and book their vacation days.",
                        "AutoPrepare": True,
                        "ActionGroups": list(action_groups),
                    },
                },
            },
        }
    )


def lint_errors(text: str) -> list[str]:
    return [f"{m.rule.id} {m.message}" for m in lint(text, regions=["us-east-1"])]


def test_vacation_entry_whole() -> None:
    entry = vacation.app.cloudformation(LAMBDA_ARN)
    functions = entry.pop("FunctionSchema")["Functions"]
    assert entry == {
        "ActionGroupName": "VacationTools",
        "Description": "Look up and book employee vacation.",
        "ActionGroupExecutor": {"Lambda": {"Fn::GetAtt": ["ToolFunction", "Arn"]}},
        "ActionGroupState": "ENABLED",
    }
    assert functions[0] == {
        "Name": "get_available_vacation_days",
        "Description": "Get the number of vacation days an employee has left this year.",
        "Parameters": {
            "employee_id": {
                "Type": "integer",
                "Description": "Numeric employee id, e.g. 2",
                "Required": True,
            }
        },
        "RequireConfirmation": "DISABLED",
    }
    assert len(functions) == len(vacation.app.tools)


@pytest.mark.parametrize("app", [vacation.app, all_types.app], ids=["vacation", "all_types"])
@pytest.mark.parametrize("schema", ["function", "openapi"])
def test_entries_pass_cfn_lint(app: ActionGroup, schema: Any) -> None:
    entry = app.cloudformation(LAMBDA_ARN, schema=schema)
    assert lint_errors(template(entry)) == []


def test_cfn_lint_would_catch_a_wrong_entry() -> None:
    entry = vacation.app.cloudformation(LAMBDA_ARN)
    entry["FunctionSchema"]["Functions"][0]["Parameters"]["employee_id"]["Type"] = "object"
    assert lint_errors(template(entry)) != []


def test_openapi_payload_is_the_document() -> None:
    entry = vacation.app.cloudformation(LAMBDA_ARN, schema="openapi")
    assert json.loads(entry["ApiSchema"]["Payload"]) == vacation.app.openapi()
    assert "FunctionSchema" not in entry


@pytest.mark.parametrize(
    ("executor", "expected"),
    [
        pytest.param(
            "arn:aws:lambda:us-east-1:123456789012:function:tools",
            {"Lambda": "arn:aws:lambda:us-east-1:123456789012:function:tools"},
            id="arn",
        ),
        pytest.param({"Ref": "ToolArn"}, {"Lambda": {"Ref": "ToolArn"}}, id="ref"),
        pytest.param(
            {"Fn::Sub": "${ToolFunction.Arn}"},
            {"Lambda": {"Fn::Sub": "${ToolFunction.Arn}"}},
            id="sub",
        ),
        pytest.param(RETURN_CONTROL, {"CustomControl": "RETURN_CONTROL"}, id="return-control"),
    ],
)
def test_executors(executor: Any, expected: dict[str, Any]) -> None:
    entry = vacation.app.cloudformation(executor)
    assert entry["ActionGroupExecutor"] == expected
    assert lint_errors(template(entry)) == []


@pytest.mark.parametrize(
    "executor",
    [
        "tools",
        {"Lambda": "x"},
        {"Ref": "A", "Fn::GetAtt": ["B", "Arn"]},
        42,
        "arn:aws:s3:::tools-bucket",
        "arn:aws:lambda:us-east-1:123456789012:layer:tools",
        "arn:aws:lambda:us-east-1:1234:function:tools",
    ],
    ids=[
        "not-an-arn",
        "not-an-intrinsic",
        "two-keys",
        "number",
        "another-service",
        "a-layer",
        "short-account",
    ],
)
def test_bad_executors_are_refused(executor: Any) -> None:
    with pytest.raises(ValueError, match="executor must be a Lambda ARN, an intrinsic function"):
        vacation.app.cloudformation(executor)


def test_bad_schema_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="schema must be 'function' or 'openapi'"):
        vacation.app.cloudformation(LAMBDA_ARN, schema="yaml")  # type: ignore[arg-type]
