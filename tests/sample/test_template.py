"""template.yaml: valid for CloudFormation, in step with the code, least privilege."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from cfnlint.api import lint
from cfnlint.decode import decode_str

import sample_tools.hr
from agent_tools.cli.template_sync import action_group_drift

ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "template.yaml"
TABLE_ARN = {"Fn::GetAtt": ["VacationTable", "Arn"]}


def resources() -> dict[str, Any]:
    """The template as cfn-lint reads it: short-form tags become their long-form dicts."""
    template, errors = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert errors == []
    assert template is not None
    return dict(template["Resources"])


def test_cfn_lint_finds_nothing() -> None:
    matches = lint(TEMPLATE.read_text(encoding="utf-8"), regions=["us-east-1"])
    assert [f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches] == []


def test_action_group_is_in_step_with_the_code() -> None:
    drift = action_group_drift(TEMPLATE, "Agent", sample_tools.hr.app)
    assert drift == [], (
        "template.yaml's VacationTools action group differs from sample_tools/hr.py; run\n"
        "    agent-tools template sample_tools.hr:app --template template.yaml "
        "--resource Agent\nand commit the result. Differences:\n" + "\n".join(drift)
    )


def test_table_keys_are_the_stores() -> None:
    from sample_tools.dynamodb_store import PARTITION_KEY, SORT_KEY

    table = resources()["VacationTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    assert (table["DeletionPolicy"], table["UpdateReplacePolicy"]) == ("Retain", "Retain")
    assert table["Properties"] == {
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [
            {"AttributeName": PARTITION_KEY, "AttributeType": "S"},
            {"AttributeName": SORT_KEY, "AttributeType": "S"},
        ],
        "KeySchema": [
            {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
        ],
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
    }


def test_handler_resolves_to_the_samples_lambda_handler() -> None:
    function = resources()["ToolFunction"]["Properties"]
    module_name, _, attribute = function["Handler"].rpartition(".")
    assert (ROOT / function["CodeUri"] / (module_name.replace(".", "/") + ".py")).is_file()
    handler = getattr(importlib.import_module(module_name), attribute)
    assert handler is sample_tools.hr.lambda_handler
    assert (function["Runtime"], function["Architectures"]) == ("python3.13", ["arm64"])
    assert function["Environment"]["Variables"] == {
        "HR_STORE": "dynamodb",
        "HR_TABLE": {"Ref": "VacationTable"},
        "POWERTOOLS_SERVICE_NAME": "hr-vacation-tools",
        "POWERTOOLS_METRICS_NAMESPACE": "HRVacationAgent",
    }


def test_function_may_touch_only_the_tables_items() -> None:
    function = resources()["ToolFunction"]["Properties"]
    assert "Role" not in function  # SAM's role: basic execution (logs) plus these policies
    policies = function["Policies"]
    assert policies == [
        {
            "Statement": [
                {
                    "Sid": "VacationTableItems",
                    "Effect": "Allow",
                    "Action": [
                        "dynamodb:GetItem",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:Query",
                        "dynamodb:ConditionCheckItem",
                    ],
                    "Resource": TABLE_ARN,
                }
            ]
        }
    ]
    assert "*" not in json.dumps(policies)


def test_only_this_agent_may_invoke_the_function() -> None:
    permission = resources()["ToolPermission"]
    assert permission["Type"] == "AWS::Lambda::Permission"
    assert permission["Properties"] == {
        "FunctionName": {"Fn::GetAtt": ["ToolFunction", "Arn"]},
        "Action": "lambda:InvokeFunction",
        "Principal": "bedrock.amazonaws.com",
        "SourceAccount": {"Ref": "AWS::AccountId"},
        "SourceArn": {"Fn::GetAtt": ["Agent", "AgentArn"]},
    }


def test_agent_role_is_bedrocks_for_this_account_and_one_model() -> None:
    role = resources()["AgentRole"]["Properties"]
    assert role["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Effect": "Allow",
            "Principal": {"Service": "bedrock.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                "ArnLike": {
                    "aws:SourceArn": {
                        "Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}:"
                        "${AWS::AccountId}:agent/*"
                    }
                },
            },
        }
    ]
    (policy,) = role["Policies"]
    assert policy["PolicyDocument"]["Statement"] == [
        {
            "Effect": "Allow",
            "Action": "bedrock:InvokeModel",
            "Resource": {
                "Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/"
                "${FoundationModel}"
            },
        }
    ]


def test_agent_prepares_itself_and_has_an_alias() -> None:
    everything = resources()
    agent = everything["Agent"]["Properties"]
    assert agent["AutoPrepare"] is True
    assert agent["FoundationModel"] == {"Ref": "FoundationModel"}
    assert len(agent["Instruction"]) >= 40
    assert [group["ActionGroupName"] for group in agent["ActionGroups"]] == ["VacationTools"]
    assert everything["AgentAlias"]["Properties"]["AgentId"] == {"Fn::GetAtt": ["Agent", "AgentId"]}
