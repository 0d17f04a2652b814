"""``agent-tools migrate``: a Classic action group's schema as Gateway tools for the bridge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from agent_tools.export.migrate import classic_target, classic_tools

from .aws import DRAFT, aws_errors, check_agent_id, find_action_group, region_profile_options
from .aws import services as aws_services
from .errors import CommandError, user_errors

__all__ = ["migrate", "validate_tools"]


@click.command(short_help="Gateway tools for a Classic action group served by the bridge.")
@click.option(
    "--function-schema",
    "function_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A functionSchema JSON file ({'functions': [...]}).",
)
@click.option(
    "--openapi",
    "openapi_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An OpenAPI 3.0 file, JSON or YAML.",
)
@click.option("--agent-id", help="Read the group from this agent's DRAFT instead of a file.")
@click.option(
    "--action-group",
    "group_name",
    help="The action group's name; with --agent-id, the group to read. It names the "
    "target ('_' as '-'); default: the file's name without its extension.",
)
@click.option(
    "--lambda-arn",
    default=None,
    metavar="ARN",
    help="The function that runs the bridge; default: a Ref to a ToolsFunctionArn parameter.",
)
@click.option(
    "--gateway",
    default=None,
    metavar="ID",
    help="The gateway's id; default: a Ref to a GatewayId parameter.",
)
@click.option(
    "--session-header",
    "session_headers",
    multiple=True,
    metavar="ATTRIBUTE=HEADER",
    help="A session attribute and the propagated header carrying it (repeatable); the "
    "header is allowed on the target. Pass the same mapping to gateway_handler.",
)
@region_profile_options
def migrate(
    function_file: Path | None,
    openapi_file: Path | None,
    agent_id: str | None,
    group_name: str | None,
    lambda_arn: str | None,
    gateway: str | None,
    session_headers: tuple[str, ...],
    region: str | None,
    profile: str | None,
) -> None:
    """Print the Gateway tools and GatewayTarget resource for a Classic action group.

    The old Lambda keeps its code: wrap its handler with
    agent_tools.bridge.gateway_handler and give it the same schema. Prints one JSON
    object: "toolDefinitions" (the target's inline tool schema), "gatewayTarget" (the
    AWS::BedrockAgentCore::GatewayTarget resource) and "notes" (what could not be carried
    over as it was; also written to stderr).

    For a group written with agent_tools there is nothing to migrate: its own
    Gateway export (ActionGroup.gateway_tools / gateway_target) describes it fully.
    """
    sources = [s for s in (function_file, openapi_file, agent_id) if s is not None]
    if len(sources) != 1:
        raise CommandError(
            "pass exactly one of --function-schema FILE, --openapi FILE and --agent-id ID"
        )
    headers = _header_pairs(session_headers)
    with user_errors():
        if agent_id is not None:
            if group_name is None:
                raise CommandError("--agent-id needs --action-group NAME: the group to read")
            group, description, function_schema, openapi = _from_account(
                agent_id, group_name, region, profile
            )
        else:
            group = group_name or (function_file or openapi_file).stem  # type: ignore[union-attr]
            description = None
            function_schema = _read(function_file) if function_file else None
            openapi = _read(openapi_file) if openapi_file else None
        tools, notes = classic_tools(group=group, function_schema=function_schema, openapi=openapi)
        validate_tools(tools)
        target = classic_target(
            group=group,
            description=description,
            tools=tools,
            lambda_arn=lambda_arn or {"Ref": "ToolsFunctionArn"},
            gateway=gateway or {"Ref": "GatewayId"},
            headers=[header for _, header in headers],
        )
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        json.dumps({"toolDefinitions": tools, "gatewayTarget": target, "notes": notes}, indent=2)
    )


def validate_tools(tools: list[dict[str, Any]]) -> None:
    """Check the tools against the ``bedrock-agentcore-control`` model's ``ToolDefinition``."""
    import botocore.session  # type: ignore[import-untyped,unused-ignore]
    from botocore.validate import validate_parameters  # type: ignore[import-untyped,unused-ignore]

    model = botocore.session.get_session().get_service_model("bedrock-agentcore-control")
    shape = model.shape_for("ToolDefinition")
    for tool in tools:
        try:
            validate_parameters(tool, shape)
        except Exception as error:  # ParamValidationError: the report says where
            raise CommandError(
                f"tool {tool.get('name')!r} is not a ToolDefinition: {error}"
            ) from error


def _header_pairs(pairs: tuple[str, ...]) -> list[tuple[str, str]]:
    result = []
    for pair in pairs:
        attribute, _, header = pair.partition("=")
        if not attribute or not header:
            raise CommandError(
                f"--session-header takes ATTRIBUTE=HEADER, e.g. employee_id=x-employee-id; "
                f"got {pair!r}"
            )
        result.append((attribute, header.lower()))
    return result


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except ValueError:
        pass
    import yaml  # type: ignore[import-untyped,unused-ignore]

    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CommandError(f"{path}: neither JSON nor YAML ({error})") from error
    if not isinstance(loaded, dict | list):
        raise CommandError(f"{path}: expected a JSON or YAML object, got {type(loaded).__name__}")
    return loaded


def _from_account(
    agent_id: str, name: str, region: str | None, profile: str | None
) -> tuple[str, str | None, Any, Any]:
    check_agent_id(agent_id)
    with aws_errors():
        client = aws_services().client_factory("bedrock-agent", region, profile)
        summary = find_action_group(client, agent_id, name)
        if summary is None:
            raise CommandError(f"agent {agent_id} has no action group {name!r} on its DRAFT")
        group = client.get_agent_action_group(
            agentId=agent_id, agentVersion=DRAFT, actionGroupId=summary["actionGroupId"]
        )["agentActionGroup"]
    description = group.get("description")
    if "functionSchema" in group:
        return name, description, group["functionSchema"], None
    api = group.get("apiSchema") or {}
    if "payload" in api:
        import yaml  # type: ignore[import-untyped,unused-ignore]

        payload = api["payload"]
        try:
            return name, description, None, json.loads(payload)
        except ValueError:
            return name, description, None, yaml.safe_load(payload)
    if "s3" in api:
        s3 = api["s3"]
        raise CommandError(
            f"the group's OpenAPI document is in s3://{s3.get('s3BucketName')}/"
            f"{s3.get('s3ObjectKey')}; download it and pass --openapi FILE"
        )
    raise CommandError(f"action group {name!r} has no function schema and no API schema")
