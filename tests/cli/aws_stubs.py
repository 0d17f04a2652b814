"""A ``bedrock-agent`` client under botocore's ``Stubber``, and the responses the tests stub.

The Stubber checks each request (``expected_params``) and each stubbed response against the
real service model; moto has no action groups.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from botocore.stub import Stubber

from agent_tools.cli.aws import Services

AGENT_ID = "AGENT12345"
GROUP_ID = "GROUP12345"
OTHER_ID = "OTHER12345"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:tools"
NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


@dataclass
class FakeTime:
    """A clock that moves only when the command sleeps."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class Aws:
    """The ``bedrock-agent`` client and its Stubber, and the other services' in ``stubbers``."""

    client: Any
    stubber: Stubber
    stubbers: dict[str, Stubber] = field(default_factory=dict)
    time: FakeTime = field(default_factory=FakeTime)
    factory_calls: list[tuple[str | None, str | None]] = field(default_factory=list)
    services_used: list[str] = field(default_factory=list)

    @property
    def services(self) -> Services:
        def factory(service: str, region: str | None, profile: str | None) -> Any:
            self.services_used.append(service)
            if service == "bedrock-agent":
                self.factory_calls.append((region, profile))
                return self.client
            return self.stubbers[service].client

        return Services(client_factory=factory, sleep=self.time.sleep, clock=self.time.clock)

    def list_groups(
        self, *names: tuple[str, str], next_token: str | None = None, sent_token: str | None = None
    ) -> None:
        response: dict[str, Any] = {
            "actionGroupSummaries": [
                {
                    "actionGroupId": group_id,
                    "actionGroupName": name,
                    "actionGroupState": "ENABLED",
                    "updatedAt": NOW,
                }
                for name, group_id in names
            ]
        }
        if next_token:
            response["nextToken"] = next_token
        expected = {"agentId": AGENT_ID, "agentVersion": "DRAFT"}
        if sent_token:
            expected["nextToken"] = sent_token
        self.stubber.add_response("list_agent_action_groups", response, expected)

    def prepare(self) -> None:
        self.stubber.add_response(
            "prepare_agent",
            {
                "agentId": AGENT_ID,
                "agentStatus": "PREPARING",
                "agentVersion": "DRAFT",
                "preparedAt": NOW,
            },
            {"agentId": AGENT_ID},
        )

    def get_agent(self, status: str, **extra: Any) -> None:
        agent = {
            "agentId": AGENT_ID,
            "agentName": "hr-assistant",
            "agentArn": f"arn:aws:bedrock:us-east-1:123456789012:agent/{AGENT_ID}",
            "agentVersion": "DRAFT",
            "agentStatus": status,
            "idleSessionTTLInSeconds": 600,
            "agentResourceRoleArn": "arn:aws:iam::123456789012:role/hr-agent",
            "createdAt": NOW,
            "updatedAt": NOW,
            **extra,
        }
        self.stubber.add_response("get_agent", {"agent": agent}, {"agentId": AGENT_ID})


def action_group(name: str, group_id: str = GROUP_ID, **fields: Any) -> dict[str, Any]:
    """An ``agentActionGroup`` as the service answers it."""
    return {
        "agentId": AGENT_ID,
        "agentVersion": "DRAFT",
        "actionGroupId": group_id,
        "actionGroupName": name,
        "createdAt": NOW,
        "updatedAt": NOW,
        "actionGroupState": "ENABLED",
        **fields,
    }


AGENT_ARN = f"arn:aws:bedrock:us-east-1:123456789012:agent/{AGENT_ID}"
ALIAS_ID = "ALIAS12345"
BEDROCK_STATEMENT = {
    "Sid": f"agent-tools-bedrock-{AGENT_ID}",
    "Effect": "Allow",
    "Principal": {"Service": "bedrock.amazonaws.com"},
    "Action": "lambda:InvokeFunction",
    "Resource": ARN,
    "Condition": {
        "StringEquals": {"AWS:SourceAccount": "123456789012"},
        "ArnLike": {"AWS:SourceArn": AGENT_ARN},
    },
}


def stub_policy(aws: Aws, *statements: dict[str, Any]) -> None:
    """``get_policy`` of the tool Lambda: these statements, or no policy at all."""
    lambda_stubber = aws.stubbers["lambda"]
    if not statements:
        lambda_stubber.add_client_error(
            "get_policy",
            service_error_code="ResourceNotFoundException",
            service_message="The resource you requested does not exist.",
            http_status_code=404,
            expected_params={"FunctionName": ARN},
        )
        return
    policy = {"Version": "2012-10-17", "Id": "default", "Statement": list(statements)}
    lambda_stubber.add_response(
        "get_policy",
        {"Policy": json.dumps(policy), "RevisionId": "1"},
        {"FunctionName": ARN},
    )


def stub_add_permission(aws: Aws) -> None:
    aws.stubbers["lambda"].add_response(
        "add_permission",
        {"Statement": json.dumps(BEDROCK_STATEMENT)},
        {
            "FunctionName": ARN,
            "StatementId": f"agent-tools-bedrock-{AGENT_ID}",
            "Action": "lambda:InvokeFunction",
            "Principal": "bedrock.amazonaws.com",
            "SourceArn": AGENT_ARN,
            "SourceAccount": "123456789012",
        },
    )


def agent_alias(status: str, version: str = "3", **extra: Any) -> dict[str, Any]:
    """An ``agentAlias`` as the service answers it."""
    return {
        "agentId": AGENT_ID,
        "agentAliasId": ALIAS_ID,
        "agentAliasName": "live",
        "agentAliasArn": AGENT_ARN.replace(":agent/", ":agent-alias/") + f"/{ALIAS_ID}",
        "routingConfiguration": [{"agentVersion": version}],
        "createdAt": NOW,
        "updatedAt": NOW,
        "agentAliasStatus": status,
        **extra,
    }
