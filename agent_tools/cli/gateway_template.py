"""Keep an ``AWS::BedrockAgentCore::GatewayTarget`` in a template in step with the code.

The counterpart of the action group's drift check and sync for AgentCore:
``gateway_target_drift`` lists how the resource's ``Properties`` differ from what
``ActionGroup.gateway_target`` renders, and ``sync_gateway_target`` rewrites them, leaving the
rest of the file as it was. The resource's wiring is the template's own and is kept: its
``GatewayIdentifier`` and its ``LambdaArn`` (an intrinsic such as ``!GetAtt ToolFunction.Arn``).

    agent-tools template MODULE:ATTRIBUTE --template template.yaml --resource ToolsTarget [--check]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from agent_tools.app import ActionGroup

from .compare import differences
from .template_sync import template_resources
from .yaml_roundtrip import (
    attach_trailing,
    detach_trailing,
    dump,
    faithful_yaml,
    merge_mapping,
    plain,
    round_trip_yaml,
)

__all__ = [
    "TARGET_TYPE",
    "gateway_target_command",
    "gateway_target_drift",
    "resource_type",
    "sync_gateway_target",
]

TARGET_TYPE = "AWS::BedrockAgentCore::GatewayTarget"


def resource_type(template: str | Path, resource: str) -> str | None:
    """The ``Type`` of ``Resources.<resource>`` in the template, or None if it has none."""
    document = round_trip_yaml().load(Path(template).read_text(encoding="utf-8"))
    found = template_resources(document).get(resource)
    kind = found.get("Type") if isinstance(found, Mapping) else None
    return str(kind) if kind is not None else None


def gateway_target_drift(template: str | Path, resource: str, group: ActionGroup) -> list[str]:
    """How the template's target for ``group`` differs from the code, one line per difference.

    An empty list means the two are in step. A missing resource, or one without a Lambda
    ARN or gateway, is a difference too.
    """
    document = round_trip_yaml().load(Path(template).read_text(encoding="utf-8"))
    target = template_resources(document).get(resource)
    label = f"Resources.{resource}"
    if not isinstance(target, Mapping):
        return [f"{label}: template has nothing, code needs an {TARGET_TYPE}"]
    if target.get("Type") != TARGET_TYPE:
        return [
            f"{label}.Type: template has {plain(target.get('Type'))!r}, code needs {TARGET_TYPE!r}"
        ]
    properties = plain(target.get("Properties"))
    if not isinstance(properties, dict):
        properties = {}
    wiring = _wiring(properties)
    if isinstance(wiring, str):
        return [f"{label}.Properties: {wiring}"]
    lambda_arn, gateway = wiring
    code = group.gateway_target(lambda_arn, gateway=gateway)
    return list(differences(f"{label}.Properties", properties, code))


def sync_gateway_target(template: str | Path, resource: str, group: ActionGroup) -> bool:
    """Rewrite the target's ``Properties`` from the code; True if the file changed.

    Values already right keep their node, comments and quoting. The resource must exist with
    its ``GatewayIdentifier`` and ``TargetConfiguration.Mcp.Lambda.LambdaArn``: they tie it
    to the stack, so they are the template's to say.

    Raises:
        ValueError: the resource is missing, is not a gateway target, lacks its wiring, or the
            file cannot be rewritten without reformatting other lines.
    """
    path = Path(template)
    with path.open(encoding="utf-8", newline="") as file:
        raw = file.read()
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    yaml, document = faithful_yaml(path, text)
    target = template_resources(document).get(resource)
    if not isinstance(target, Mapping) or target.get("Type") != TARGET_TYPE:
        raise ValueError(f"{path}: Resources.{resource} is not an {TARGET_TYPE} resource")
    properties = target.get("Properties")
    wiring = _wiring(plain(properties)) if isinstance(properties, Mapping) else "none"
    if isinstance(wiring, str):
        raise ValueError(
            f"{path}: Resources.{resource}.Properties: {wiring}; add GatewayIdentifier "
            "(such as !Ref Gateway) and TargetConfiguration.Mcp.Lambda.LambdaArn (such as "
            "!GetAtt ToolFunction.Arn), then run this again"
        )
    lambda_arn, gateway = wiring
    trailing = detach_trailing(properties)  # the comments after the block stay after it
    merge_mapping(properties, group.gateway_target(lambda_arn, gateway=gateway))
    attach_trailing(properties, trailing)
    updated = dump(yaml, document, text)
    if updated == text:
        return False
    with path.open("w", encoding="utf-8", newline=newline) as file:
        file.write(updated)
    return True


def _wiring(properties: Any) -> tuple[Any, Any] | str:
    """The target's (LambdaArn, GatewayIdentifier), or what is missing."""
    if not isinstance(properties, Mapping):
        return "template has no Properties"
    gateway = properties.get("GatewayIdentifier")
    config = properties.get("TargetConfiguration")
    for key in ("Mcp", "Lambda"):
        config = config.get(key) if isinstance(config, Mapping) else None
    lambda_arn = config.get("LambdaArn") if isinstance(config, Mapping) else None
    if gateway is None:
        return "template has no GatewayIdentifier"
    if lambda_arn is None:
        return "template has no TargetConfiguration.Mcp.Lambda.LambdaArn"
    return lambda_arn, gateway


def gateway_target_command(
    ctx: click.Context,
    target: str,
    template: str,
    resource: str,
    group: ActionGroup,
    check_only: bool,
) -> None:
    """``agent-tools template`` for a gateway target: check (exit 1 on drift) or rewrite."""
    where = f"{template}: gateway target {resource} of {group.name}"
    drift = gateway_target_drift(template, resource, group)
    if check_only:
        if not drift:
            click.echo(f"{where} is in step with {target}")
            return
        click.echo("\n".join(drift))
        click.echo(
            f"{where} differs from {target}; update it with: {ctx.command_path} "
            f"{target} --template {template} --resource {resource}",
            err=True,
        )
        ctx.exit(1)
    if sync_gateway_target(template, resource, group):
        click.echo("\n".join([f"updated {where} from {target}:", *drift]))
    else:
        click.echo(f"{where} already matches {target}; nothing to do")
