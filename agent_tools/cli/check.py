"""``agent-tools check``: every problem Bedrock would find, before a deployment does."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import click

from agent_tools import ToolSpec
from agent_tools.app import ActionGroup
from agent_tools.errors import SchemaError
from agent_tools.export.docs import tool_problems
from agent_tools.spec import TypeInfo

from .errors import schema_problem
from .render import to_json
from .targets import load_group
from .validate import (
    SPEC_CHECK_SKIPPED,
    openapi_problems,
    request_problems,
    spec_validator_installed,
)

__all__ = ["check", "problems"]

# Placeholders where the request needs a value the code does not declare
# (docs/bedrock-agents.md#names-and-quotas).
_AGENT_ID = "AGENT12345"
_LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:tools"


_CHECKED = {
    "both": "the function schema, the OpenAPI 3.0 document",
    "function": "the function schema",
    "openapi": "the OpenAPI 3.0 document",
}


@click.command(short_help="Check the action group against every Bedrock rule.")
@click.argument("target")
@click.option(
    "--schema",
    type=click.Choice(["both", "function", "openapi"]),
    default="both",
    show_default=True,
    help="Which schema the group is deployed with; each has its own quotas.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def check(target: str, schema: str, as_json: bool) -> None:
    """Check the action group TARGET (MODULE:ATTRIBUTE) against Bedrock's rules.

    Prints one line per problem and exits 1 if there is any.
    """
    group = load_group(target)
    found = problems(group, schema=schema)
    skipped = [] if spec_validator_installed() else [SPEC_CHECK_SKIPPED]
    parameters = sum(len(tool.inputs) for tool in group.tools)
    if as_json:
        summary = {
            "target": target,
            "action_group": group.name,
            "schema": schema,
            "ok": not found,
            "tools": len(group.tools),
            "parameters": parameters,
            "problems": found,
            "skipped": skipped,
        }
        click.echo(to_json(summary), nl=False)
    else:
        for note in skipped:
            click.echo(f"note: {note}", err=True)
        if found:
            click.echo("\n".join(found))
            click.echo(f"{group.name}: {_count(len(found), 'problem')}", err=True)
        else:
            click.echo(
                f"OK: {group.name}, {_count(len(group.tools), 'tool')} and "
                f"{_count(parameters, 'parameter')}: {_CHECKED[schema]} "
                "and the create_agent_action_group request pass Bedrock's rules"
            )
    if found:
        raise SystemExit(1)


def problems(group: ActionGroup, *, schema: str = "both") -> list[str]:
    """One line per problem, every tool's problems included, in registration order.

    ``schema`` is ``"function"``, ``"openapi"`` or ``"both"``: the schemas to check.
    """
    found: list[str] = []
    if not group.tools:
        found.append(
            f"action group {group.name!r}, tools: an action group needs at least one tool "
            "(got 0). Fix: register a function with @app.tool"
        )
    # Each tool on its own: one that Bedrock would refuse must not hide the next one.
    described: list[ToolSpec] = []
    for tool in group.tools:
        errors = tool_problems(group.name, tool)
        found += [schema_problem(error) for error in errors]
        if not errors:
            described.append(tool)
    exportable = group if len(described) == len(group.tools) else _subset(group, described)
    if schema != "openapi":
        found += _function_schema_problems(exportable)
    if schema != "function":
        found += _openapi_document_problems(exportable)
    return list(dict.fromkeys(found))  # the two requests share their name and description


def _function_schema_problems(group: ActionGroup) -> list[str]:
    try:
        functions = group.function_schema()
    except SchemaError as error:
        return [schema_problem(error)]
    return request_problems(_request(group, functionSchema=functions))


def _openapi_document_problems(group: ActionGroup) -> list[str]:
    found: list[str] = []
    try:
        document = group.openapi()
    except SchemaError as error:
        found.append(schema_problem(error))
    else:
        payload = json.dumps(document, indent=2, ensure_ascii=False)
        found += request_problems(_request(group, apiSchema={"payload": payload}))
        found += openapi_problems(document)
        found += _field_name_problems(group, document)
    return found


def _field_name_problems(group: ActionGroup, document: dict[str, Any]) -> list[str]:
    """Models whose schema names fields other than the ones the request is read by."""
    schemas = document.get("components", {}).get("schemas", {})
    found = []
    for tool in group.tools:
        for info in _models(param.type for param in tool.inputs):
            name = getattr(info.model, "__name__", "")
            schema = schemas.get(name, {})
            shown = sorted(schema.get("properties", {}))
            read = sorted(f.name for f in info.fields)
            if shown != read:
                found.append(
                    f"tool {tool.name!r}, model {name}: the schema names the "
                    f"fields {', '.join(shown)} but requests are read by "
                    f"{', '.join(read)}. Fix: give each field one alias the schema and "
                    "validation share (Field(alias=...) or validation_alias=...)."
                )
    return found


def _models(types: Iterable[TypeInfo]) -> Iterator[TypeInfo]:
    for info in types:
        if info.pydantic:
            yield info
        if info.item is not None:
            yield from _models([info.item])
        yield from _models(f.type for f in info.fields)


def _subset(group: ActionGroup, tools: list[ToolSpec]) -> ActionGroup:
    """A copy of ``group`` with only ``tools``, to export what the others do not spoil."""
    subset = ActionGroup(
        group.name,
        group.description,
        limits=group.limits,
        max_body_bytes=group.max_body_bytes,
        version=group.version,
        error_media_type=group.error_media_type,
    )
    for tool in tools:
        subset.add_tool(
            tool.function,
            name=tool.name,
            description=tool.description,
            confirm=tool.confirm,
            method=tool.method,
            path=tool.path,
        )
    return subset


def _request(group: ActionGroup, **schema: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "agentId": _AGENT_ID,
        "agentVersion": "DRAFT",
        "actionGroupName": group.name,
        "actionGroupExecutor": {"lambda": _LAMBDA_ARN},
        "actionGroupState": "ENABLED",
        **schema,
    }
    if group.description:
        request["description"] = group.description
    return request


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
