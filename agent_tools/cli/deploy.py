"""``agent-tools deploy``: create or update the action group on an agent, then prepare it."""

from __future__ import annotations

import json
import re
from typing import Any

import click

from agent_tools.app import ActionGroup

from .aws import (
    DRAFT,
    Services,
    aws_errors,
    check_agent_id,
    find_action_group,
    region_profile_options,
    services,
)
from .errors import CommandError, user_errors
from .targets import load_group

__all__ = ["action_group_request", "deploy"]

POLL_SECONDS = 2.0
# LambdaArn in botocore's bedrock-agent model; botocore leaves patterns to the service.
_LAMBDA_ARN = re.compile(
    r"arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:function:"
    r"[a-zA-Z0-9_.-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?"
)


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
@click.option("--no-prepare", is_flag=True, help="Change the draft; do not prepare the agent.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    help="Seconds to wait for the agent to be prepared (or the gateway target to be READY).",
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
    no_prepare: bool,
    timeout: float,
) -> None:
    """Create or update TARGET's action group on the agent's DRAFT, then prepare the agent;
    or, with --gateway, TARGET's Lambda target on an AgentCore Gateway, then wait until it
    is READY.

    Exits 1 if the agent fails to prepare (the target fails) or is not ready within --timeout.
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
    if lambda_arn is not None:
        _check_lambda_arn(lambda_arn)
    check_agent_id(agent_id)
    group = load_group(target)
    executor = {"customControl": "RETURN_CONTROL"} if return_control else {"lambda": lambda_arn}
    with user_errors():
        request = action_group_request(group, agent_id, executor, kind)
    given = services()
    with aws_errors():
        client = given.client_factory(region, profile)
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
        if no_prepare:
            click.echo(f"agent {agent_id} not prepared (--no-prepare): prepare it to test")
            return
        _prepare(client, agent_id, timeout, given)


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


def _prepare(client: Any, agent_id: str, timeout: float, given: Services) -> None:
    """Prepare the agent and wait until it is ``PREPARED``; exit 1 if it fails or times out."""
    started = given.clock()
    status = client.prepare_agent(agentId=agent_id)["agentStatus"]
    click.echo(f"preparing agent {agent_id}: {status}")
    while True:
        agent = client.get_agent(agentId=agent_id)["agent"]
        status = agent["agentStatus"]
        elapsed = given.clock() - started
        if status == "PREPARED":
            click.echo(f"agent {agent_id} is PREPARED ({elapsed:.0f} s)")
            return
        if status in ("FAILED", "NOT_PREPARED"):
            reasons = "; ".join(agent.get("failureReasons") or ["no reason given"])
            actions = "; ".join(agent.get("recommendedActions") or [])
            click.echo(
                f"agent {agent_id} is {status}: {reasons}"
                + (f" (recommended: {actions})" if actions else ""),
                err=True,
            )
            click.get_current_context().exit(1)
        if elapsed >= timeout:
            click.echo(
                f"agent {agent_id} is still {status} after {timeout:g} s; "
                "see its status in the Bedrock console, or deploy again with a longer --timeout",
                err=True,
            )
            click.get_current_context().exit(1)
        click.echo(f"agent {agent_id}: {status} ({elapsed:.0f} s)")
        given.sleep(min(POLL_SECONDS, timeout - elapsed))


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
    if not _LAMBDA_ARN.fullmatch(lambda_arn):
        raise CommandError(
            f"--lambda-arn must be a Lambda function's ARN, such as "
            f"arn:aws:lambda:us-east-1:123456789012:function:tools; got {lambda_arn!r}"
        )
