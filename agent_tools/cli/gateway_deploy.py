"""``agent-tools deploy --gateway``: create or update an AgentCore Gateway Lambda target."""

from __future__ import annotations

from typing import Any

import click

from agent_tools.app import ActionGroup
from agent_tools.export.gateway import target_request

from .aws import Services, aws_errors
from .errors import user_errors

__all__ = ["deploy_target"]

POLL_SECONDS = 2.0
_FAILED = ("FAILED", "UPDATE_UNSUCCESSFUL", "SYNCHRONIZE_UNSUCCESSFUL")
_WAITING_FOR_AUTH = ("CREATE_PENDING_AUTH", "UPDATE_PENDING_AUTH", "SYNCHRONIZE_PENDING_AUTH")


def deploy_target(
    group: ActionGroup,
    *,
    gateway: str,
    lambda_arn: str,
    name: str | None,
    region: str | None,
    profile: str | None,
    timeout: float,
    given: Services,
) -> None:
    """Create the group's target on ``gateway``, or update the one of the same name; then
    wait until it is ``READY``. Exits 1 if it fails or is not ready within ``timeout``."""
    with user_errors():
        request = target_request(
            group=group.name,
            name=name or group.name,
            description=group.description,
            tools=group.tools,
            lambda_arn=lambda_arn,
            gateway=gateway,
        )
    with aws_errors():
        client = given.control_factory(region, profile)
        existing = _find_target(client, gateway, request["name"])
        if existing is None:
            answer = client.create_gateway_target(**request)
            done = "created"
        else:
            answer = client.update_gateway_target(targetId=existing, **request)
            done = "updated"
        target_id = answer["targetId"]
        tools = len(group.tools)
        click.echo(
            f"{done} gateway target {request['name']} ({target_id}) on gateway {gateway}: "
            f"{tools} tool{'' if tools == 1 else 's'}, listed as {request['name']}___<tool>"
        )
        _wait(client, gateway, target_id, answer["status"], timeout, given)


def _find_target(client: Any, gateway: str, name: str) -> str | None:
    token: str | None = None
    while True:
        page = client.list_gateway_targets(
            gatewayIdentifier=gateway, **({"nextToken": token} if token else {})
        )
        for summary in page["items"]:
            if summary["name"] == name:
                found: str = summary["targetId"]
                return found
        token = page.get("nextToken")
        if not token:
            return None


def _wait(
    client: Any, gateway: str, target_id: str, status: str, timeout: float, given: Services
) -> None:
    """Poll until ``READY``; exit 1 on a failed status or after ``timeout`` seconds."""
    started = given.clock()
    while True:
        elapsed = given.clock() - started
        if status == "READY":
            click.echo(f"gateway target {target_id} is READY ({elapsed:.0f} s)")
            return
        if status in _FAILED or status in _WAITING_FOR_AUTH:
            target = client.get_gateway_target(gatewayIdentifier=gateway, targetId=target_id)
            reasons = "; ".join(target.get("statusReasons") or ["no reason given"])
            hint = (
                "complete the authorization the target waits for, then deploy again"
                if status in _WAITING_FOR_AUTH
                else "fix the cause (often the gateway role lacks lambda:InvokeFunction on "
                "the function), then deploy again"
            )
            click.echo(f"gateway target {target_id} is {status}: {reasons}; {hint}", err=True)
            click.get_current_context().exit(1)
        if elapsed >= timeout:
            click.echo(
                f"gateway target {target_id} is still {status} after {timeout:g} s; "
                "see it with `aws bedrock-agentcore-control get-gateway-target`, or deploy "
                "again with a longer --timeout",
                err=True,
            )
            click.get_current_context().exit(1)
        click.echo(f"gateway target {target_id}: {status} ({elapsed:.0f} s)")
        given.sleep(min(POLL_SECONDS, timeout - elapsed))
        status = client.get_gateway_target(gatewayIdentifier=gateway, targetId=target_id)["status"]
