"""template.yaml: valid for CloudFormation, in step with the code, least privilege."""

from __future__ import annotations

import fnmatch
import importlib
import json
import re
from pathlib import Path
from typing import Any

from cfnlint.api import lint
from cfnlint.decode import decode_str

import sample_tools.hr
from agent_tools.cli.template_sync import action_group_drift

ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "template.yaml"
MODELS = ROOT / "bedrock-models.json"
TABLE_ARN = {"Fn::GetAtt": ["VacationTable", "Arn"]}


def parameters() -> dict[str, Any]:
    template, _ = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert template is not None
    return dict(template["Parameters"])


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
    profile, model = policy["PolicyDocument"]["Statement"]
    assert profile == {
        "Sid": "InferenceProfile",
        "Effect": "Allow",
        "Action": [
            "bedrock:InvokeModel",
            "bedrock:InvokeModelWithResponseStream",
            "bedrock:GetInferenceProfile",
        ],
        "Resource": {
            "Fn::Sub": "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:"
            "inference-profile/${FoundationModel}"
        },
    }
    assert model["Action"] == ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
    arn, variables = model["Resource"]["Fn::Sub"]
    assert arn == "arn:${AWS::Partition}:bedrock:*::foundation-model/${ModelId}"
    assert list(variables) == ["ModelId"]


def resolve(value: Any, parameters: dict[str, str]) -> Any:
    """The intrinsics the model ARNs use (Ref, Split, Select, Join, Sub), evaluated."""
    if isinstance(value, dict) and len(value) == 1:
        ((name, argument),) = value.items()
        if name == "Ref":
            return parameters[argument]
        if name == "Fn::Split":
            return resolve(argument[1], parameters).split(argument[0])
        if name == "Fn::Select":
            return resolve(argument[1], parameters)[int(argument[0])]
        if name == "Fn::Join":
            return argument[0].join(resolve(item, parameters) for item in argument[1])
        if name == "Fn::Sub":
            text, names = argument if isinstance(argument, list) else (argument, {})
            values = {**parameters, **{k: resolve(v, parameters) for k, v in names.items()}}
            return re.sub(r"\$\{([^}]+)\}", lambda m: values[m.group(1)], text)
    return value


PSEUDO = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012"}


def test_the_role_grants_the_profile_and_its_model_in_every_region() -> None:
    models = json.loads(MODELS.read_text(encoding="utf-8"))
    (policy,) = resources()["AgentRole"]["Properties"]["Policies"]
    profile, model = policy["PolicyDocument"]["Statement"]
    for entry in models["current"]:
        for profile_id in entry["inference_profiles"]:
            parameters = {**PSEUDO, "FoundationModel": profile_id}
            assert resolve(profile["Resource"], parameters) == (
                f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/{profile_id}"
            )
            granted = resolve(model["Resource"], parameters)
            assert granted == f"arn:aws:bedrock:*::foundation-model/{entry['model']}"
            # IAM's * matches any region the profile routes to, and none (a global model ARN).
            for region in ("us-east-1", "eu-west-3", "ap-southeast-2", ""):
                routed = f"arn:aws:bedrock:{region}::foundation-model/{entry['model']}"
                assert fnmatch.fnmatchcase(routed, granted), routed
            other = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1"
            assert not fnmatch.fnmatchcase(other, granted)


def test_the_default_model_is_current_and_served_through_a_profile() -> None:
    models = json.loads(MODELS.read_text(encoding="utf-8"))
    parameter = parameters()["FoundationModel"]
    assert parameter["Default"] == models["default"]
    current = {p: m for m in models["current"] for p in m["inference_profiles"]}
    assert parameter["Default"] in current, "the default must be a listed inference profile"
    assert current[parameter["Default"]]["lifecycle"] == "ACTIVE"
    retired = {m["model"] for m in models["retired"]}
    assert current[parameter["Default"]]["model"] not in retired
    assert not any(parameter["Default"].endswith(model) for model in retired)


def test_the_model_parameter_takes_inference_profile_ids_only() -> None:
    models = json.loads(MODELS.read_text(encoding="utf-8"))
    pattern = re.compile(parameters()["FoundationModel"]["AllowedPattern"])
    for entry in models["current"]:
        for profile_id in entry["inference_profiles"]:
            assert pattern.fullmatch(profile_id), profile_id
        assert not pattern.fullmatch(entry["model"]), "a bare model id grants nothing"
    for wrong in ("", "us.", "global.anthropic", "arn:aws:bedrock:us-east-1::x", "us.a.b"):
        assert not pattern.fullmatch(wrong), wrong


def test_the_function_logs_to_its_own_group_with_a_retention() -> None:
    everything = resources()
    logs = everything["ToolFunctionLogs"]
    assert logs["Type"] == "AWS::Logs::LogGroup"
    assert logs["DeletionPolicy"] == "Delete"
    assert logs["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionDays"}
    assert (
        parameters()["LogRetentionDays"]["Default"]
        in parameters()["LogRetentionDays"]["AllowedValues"]
    )
    logging = everything["ToolFunction"]["Properties"]["LoggingConfig"]
    assert logging == {
        "LogFormat": "JSON",
        "ApplicationLogLevel": "INFO",
        "SystemLogLevel": "WARN",
        "LogGroup": {"Ref": "ToolFunctionLogs"},
    }


def test_the_alias_follows_the_agent_and_its_model() -> None:
    alias = resources()["AgentAlias"]["Properties"]
    description = alias["Description"]["Fn::Sub"]
    assert "${FoundationModel}" in description
    assert re.search(r"\(agent definition [0-9a-f]{12}\)$", description)


def test_agent_prepares_itself_and_has_an_alias() -> None:
    everything = resources()
    agent = everything["Agent"]["Properties"]
    assert agent["AutoPrepare"] is True
    assert agent["FoundationModel"] == {"Ref": "FoundationModel"}
    assert len(agent["Instruction"]) >= 40
    assert [group["ActionGroupName"] for group in agent["ActionGroups"]] == ["VacationTools"]
    assert everything["AgentAlias"]["Properties"]["AgentId"] == {"Fn::GetAtt": ["Agent", "AgentId"]}


def test_the_readme_names_every_parameter_sam_deploy_asks_for() -> None:
    # `sam deploy --guided` asks for each of them; the README's deploy steps must say what
    # each is for, so none (the platform above all) is answered blind.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.partition("### Deploying the sample")[2].partition("\n## ")[0]
    assert "sam deploy --guided" in section
    missing = [name for name in parameters() if f"`{name}`" not in section]
    assert missing == []
