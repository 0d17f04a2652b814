"""``agent-tools deploy``: the action group on an agent, prepared, and served by an alias.

Creates or updates the action group on the agent's DRAFT, makes sure the tool Lambda's
resource policy lets Bedrock invoke it for this agent, prepares the agent and, with
``--alias``, points the alias at a new version of it.
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

from agent_tools.app import ActionGroup
from agent_tools.export.literals import LAMBDA_ARN

from .agent_state import move_alias, prepare
from .aws import (
    DRAFT,
    aws_errors,
    check_agent_id,
    find_action_group,
    region_profile_options,
    services,
)
from .errors import CommandError, user_errors
from .permission import PRINCIPAL, ensure_bedrock_may_invoke
from .targets import load_group

__all__ = ["action_group_request", "deploy"]

_ALIAS_NAME = re.compile(r"([0-9a-zA-Z][_-]?){1,100}")  # AgentAliasName in the model


@click.command(short_help="Create or update the tools on an agent or an AgentCore Gateway.")
@click.argument("target")
@click.option("--agent-id", help="The agent's id (10 letters or digits).")
@click.option(
    "--gateway",
    metavar="ID",
    help="Instead of an agent: the AgentCore Gateway to create or update a Lambda target on "
    "(needs --lambda-arn).",
)
@click.option(
    "--target-name",
    help="With --gateway: the target's name; default: the group's name, '_' written '-'.",
)
@click.option("--lambda-arn", metavar="ARN", help="The tool Lambda's ARN.")
@click.option(
    "--return-control",
    is_flag=True,
    help="No Lambda: InvokeAgent returns the calls to its caller (customControl).",
)
@click.option(
    "--schema",
    "kind",
    type=click.Choice(["function", "openapi"]),
    default="function",
    show_default=True,
    help="Deploy a function schema or an OpenAPI schema.",
)
@region_profile_options
@click.option(
    "--alias",
    "alias_name",
    metavar="NAME",
    help="After preparing, point this alias (created if missing) at a new agent version.",
)
@click.option(
    "--no-lambda-permission",
    is_flag=True,
    help="Do not read or add the Lambda's resource policy statement for Bedrock.",
)
@click.option("--no-prepare", is_flag=True, help="Change the draft; do not prepare the agent.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    help="Seconds to wait for the agent to be prepared, and again for the alias (or for the "
    "gateway target to be READY).",
)
def deploy(
    target: str,
    agent_id: str | None,
    gateway: str | None,
    target_name: str | None,
    lambda_arn: str | None,
    return_control: bool,
    kind: str,
    region: str | None,
    profile: str | None,
    alias_name: str | None,
    no_lambda_permission: bool,
    no_prepare: bool,
    timeout: float,
) -> None:
    """Create or update TARGET's action group on the agent's DRAFT, then prepare the agent;
    or, with --gateway, TARGET's Lambda target on an AgentCore Gateway, then wait until it
    is READY.

    With --lambda-arn, the function's resource policy must let bedrock.amazonaws.com invoke
    it for this agent: deploy adds that statement (restricted to the agent's ARN and account)
    when none allows it. With --alias NAME, the alias then serves a new version made from the
    prepared draft. Exits 1 if the agent, the alias or the gateway target is not ready (or
    fails) within --timeout.
    """
    if (agent_id is None) == (gateway is None):
        raise CommandError("pass exactly one of --agent-id ID and --gateway ID")
    if gateway is not None:
        _deploy_gateway(
            target, gateway, target_name, lambda_arn, return_control, kind, region, profile, timeout
        )
        return
    assert agent_id is not None
    if target_name is not None:
        raise CommandError("--target-name applies only to --gateway")
    if (lambda_arn is None) == (not return_control):
        raise CommandError("pass exactly one of --lambda-arn ARN and --return-control")
    if alias_name is not None and no_prepare:
        raise CommandError(
            "--alias needs a prepared agent: a new version is made from the prepared draft; "
            "drop --no-prepare"
        )
    if alias_name is not None and not _ALIAS_NAME.fullmatch(alias_name):
        raise CommandError(
            f"--alias must be 1 to 100 letters, digits, '_' or '-' (not two in a row), such "
            f"as live; got {alias_name!r}"
        )
    if lambda_arn is not None:
        _check_lambda_arn(lambda_arn)
    check_agent_id(agent_id)
    group = load_group(target)
    executor = {"customControl": "RETURN_CONTROL"} if return_control else {"lambda": lambda_arn}
    with user_errors():
        request = action_group_request(group, agent_id, executor, kind)
    given = services()
    with aws_errors():
        client = given.client_factory("bedrock-agent", region, profile)
        existing = find_action_group(client, agent_id, group.name)
        if existing is None:
            answer = client.create_agent_action_group(**request)
            done = "created"
        else:
            answer = client.update_agent_action_group(
                actionGroupId=existing["actionGroupId"], **request
            )
            done = "updated"
        group_id = answer["agentActionGroup"]["actionGroupId"]
        tools = len(group.tools)
        click.echo(
            f"{done} action group {group.name} ({group_id}) on agent {agent_id} {DRAFT}: "
            f"{tools} tool{'' if tools == 1 else 's'}, {kind} schema"
        )
        if lambda_arn is not None and not no_lambda_permission:
            agent_arn = client.get_agent(agentId=agent_id)["agent"]["agentArn"]
            functions = given.client_factory("lambda", region, profile)
            if ensure_bedrock_may_invoke(functions, lambda_arn, agent_arn):
                click.echo(f"allowed {PRINCIPAL} to invoke {lambda_arn} for agent {agent_id}")
            else:
                click.echo(f"{lambda_arn} already lets {PRINCIPAL} invoke it for agent {agent_id}")
        if no_prepare:
            click.echo(f"agent {agent_id} not prepared (--no-prepare): prepare it to test")
            return
        ready = prepare(client, agent_id, timeout, given)
        if ready and alias_name is not None:
            ready = move_alias(client, agent_id, alias_name, timeout, given)
    if not ready:
        click.get_current_context().exit(1)


def action_group_request(
    group: ActionGroup, agent_id: str, executor: dict[str, Any], kind: str
) -> dict[str, Any]:
    """The arguments of ``create_agent_action_group`` (and, with an id, of its update)."""
    request: dict[str, Any] = {
        "agentId": agent_id,
        "agentVersion": DRAFT,
        "actionGroupName": group.name,
    }
    if group.description:
        request["description"] = group.description
    request["actionGroupExecutor"] = executor
    if kind == "openapi":
        payload = json.dumps(group.openapi(), indent=2, ensure_ascii=False)
        request["apiSchema"] = {"payload": payload}
    else:
        request["functionSchema"] = {"functions": group.function_schema()["functions"]}
    request["actionGroupState"] = "ENABLED"
    return request


def _deploy_gateway(
    target: str,
    gateway: str,
    target_name: str | None,
    lambda_arn: str | None,
    return_control: bool,
    kind: str,
    region: str | None,
    profile: str | None,
    timeout: float,
) -> None:
    if return_control or lambda_arn is None:
        raise CommandError(
            "--gateway needs --lambda-arn ARN; a gateway target has no return of control"
        )
    if kind != "function":
        raise CommandError("--schema applies only to --agent-id; a gateway target has one schema")
    _check_lambda_arn(lambda_arn)
    from .gateway_deploy import deploy_target

    deploy_target(
        load_group(target),
        gateway=gateway,
        lambda_arn=lambda_arn,
        name=target_name,
        region=region,
        profile=profile,
        timeout=timeout,
        given=services(),
    )


def _check_lambda_arn(lambda_arn: str) -> None:
    if not LAMBDA_ARN.fullmatch(lambda_arn):
        raise CommandError(
            f"--lambda-arn must be a Lambda function's ARN, such as "
            f"arn:aws:lambda:us-east-1:123456789012:function:tools; got {lambda_arn!r}"
        )
