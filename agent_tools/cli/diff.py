"""``agent-tools diff``: how the action group deployed on an agent differs from the code."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

import click

from agent_tools.app import ActionGroup

from .aws import (
    DRAFT,
    aws_errors,
    check_agent_id,
    find_action_group,
    region_profile_options,
    services,
)
from .compare import differences
from .errors import CommandError, user_errors
from .render import to_json
from .targets import load_group

__all__ = ["diff", "drift"]


@click.command(short_help="Compare the action group deployed on an agent with the code.")
@click.argument("target")
@click.option("--agent-id", required=True, help="The agent's id (10 letters or digits).")
@click.option(
    "--schema",
    "kind",
    type=click.Choice(["function", "openapi"]),
    help="The schema the group should have; default: whichever kind is deployed.",
)
@click.option("--lambda-arn", metavar="ARN", help="Also compare the executor with this Lambda.")
@click.option(
    "--return-control", is_flag=True, help="Also check that the executor is RETURN_CONTROL."
)
@region_profile_options
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def diff(
    target: str,
    agent_id: str,
    kind: str | None,
    lambda_arn: str | None,
    return_control: bool,
    region: str | None,
    profile: str | None,
    as_json: bool,
) -> None:
    """Compare TARGET with the action group of the same name on the agent's DRAFT.

    Prints one line per difference and exits 1 if there is any; a missing group is one.
    """
    if lambda_arn is not None and return_control:
        raise CommandError("pass at most one of --lambda-arn ARN and --return-control")
    check_agent_id(agent_id)
    group = load_group(target)
    executor = (
        {"lambda": lambda_arn}
        if lambda_arn is not None
        else {"customControl": "RETURN_CONTROL"}
        if return_control
        else None
    )
    with aws_errors():
        client = services().client_factory("bedrock-agent", region, profile)
        summary = find_action_group(client, agent_id, group.name)
        deployed = None
        if summary is not None:
            deployed = client.get_agent_action_group(
                agentId=agent_id, agentVersion=DRAFT, actionGroupId=summary["actionGroupId"]
            )["agentActionGroup"]
    where = f"action group {group.name} on agent {agent_id} {DRAFT}"
    if deployed is None:
        lines = [
            f"{where}: deployed has nothing, the code has the group with "
            f"{len(group.tools)} tools (agent-tools deploy creates it)"
        ]
    else:
        with user_errors():
            lines = list(drift(group, deployed, kind=kind, executor=executor))
    if as_json:
        summary = {
            "target": target,
            "agent_id": agent_id,
            "agent_version": DRAFT,
            "action_group": group.name,
            "deployed": deployed is not None,
            "in_step": not lines,
            "differences": lines,
        }
        click.echo(to_json(summary), nl=False)
    elif deployed is None:
        click.echo(
            f"agent {agent_id} {DRAFT} has no action group {group.name}; the code has one "
            f"with {len(group.tools)} tools (agent-tools deploy creates it)"
        )
    elif lines:
        click.echo("\n".join(lines))
        click.echo(f"{where} differs from {target}", err=True)
    else:
        click.echo(f"{where} is in step with {target}")
    if lines:
        click.get_current_context().exit(1)


def drift(
    group: ActionGroup,
    deployed: Mapping[str, Any],
    *,
    kind: str | None = None,
    executor: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """How ``deployed`` (``get_agent_action_group``'s group) differs from ``group``."""
    settings = ("description", "actionGroupState")
    code = {"description": group.description, "actionGroupState": "ENABLED"}
    yield from differences(
        "",
        {key: deployed[key] for key in settings if deployed.get(key) is not None},
        {key: value for key, value in code.items() if value is not None},
        label="deployed",
    )
    deployed_executor = deployed.get("actionGroupExecutor")
    if executor is not None and deployed_executor != executor:  # one value, one line
        expected = dict(executor)
        yield f"actionGroupExecutor: deployed has {deployed_executor!r}, code has {expected!r}"
    api_schema: Mapping[str, Any] | None = deployed.get("apiSchema")
    deployed_kind = "function" if api_schema is None else "openapi"
    wanted = kind or deployed_kind
    if wanted != deployed_kind:
        yield (
            f"schema: deployed has {_KIND_NAMES[deployed_kind]}, "
            f"code asks for {_KIND_NAMES[wanted]}"
        )
    elif api_schema is None:
        functions = deployed.get("functionSchema", {}).get("functions", [])
        yield from differences(
            "functions",
            _by_name(functions),
            _by_name(group.function_schema()["functions"]),
            label="deployed",
        )
    elif "payload" in api_schema:
        yield from differences(
            "apiSchema.payload", _document(api_schema["payload"]), group.openapi(), label="deployed"
        )
    else:
        location = api_schema.get("s3", {})
        where = f"s3://{location.get('s3BucketName')}/{location.get('s3ObjectKey')}"
        yield f"apiSchema: deployed has {where}, which diff does not read; code has a payload"


_KIND_NAMES = {"function": "a function schema", "openapi": "an OpenAPI schema"}


def _by_name(functions: list[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Functions keyed by name, with the service's defaults written out.

    Keyed by name so that a moved function is not a difference in every one after it; the
    defaults (``required: false``, ``requireConfirmation: DISABLED``) so that a service that
    leaves them out is not taken for drift.
    """
    named = {}
    for function in functions:
        entry: dict[str, Any] = {}
        for key, value in function.items():
            if key == "parameters":
                value = {
                    name: {**parameter, "required": parameter.get("required", False)}
                    for name, parameter in (value or {}).items()
                }
            if key != "name" and value != {}:
                entry[key] = value
        entry.setdefault("requireConfirmation", "DISABLED")
        named[str(function.get("name"))] = entry
    return named


def _document(payload: str) -> Any:
    """The deployed OpenAPI payload, JSON or YAML."""
    try:
        return json.loads(payload)
    except ValueError:
        import yaml  # type: ignore[import-untyped,unused-ignore]

        try:
            return yaml.safe_load(payload)
        except yaml.YAMLError as error:
            raise ValueError(
                f"the deployed OpenAPI payload is neither JSON nor YAML: {error}"
            ) from error
