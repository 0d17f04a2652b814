"""``agent-tools schema``: the function schema, OpenAPI document or CloudFormation entry;
the AgentCore Gateway tool schema, MCP tool list or Converse tool configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from agent_tools.app import RETURN_CONTROL, ActionGroup

from .errors import user_errors
from .render import to_json, to_yaml
from .targets import load_group

__all__ = ["export", "schema"]

FORMATS = ("function", "openapi", "cloudformation", "gateway", "mcp", "converse")


@click.command(short_help="Print the tools' schema in one of several formats.")
@click.argument("target")
@click.option(
    "--format",
    "kind",
    type=click.Choice(FORMATS),
    default="function",
    show_default=True,
    help="function: the functionSchema of create_agent_action_group; openapi: the OpenAPI "
    "3.0 document; cloudformation: one ActionGroups entry of AWS::Bedrock::Agent; gateway: "
    "the ToolDefinition list of an AgentCore Gateway Lambda target (inline or in S3); mcp: "
    "an MCP tools/list result; converse: the toolConfig of Bedrock Converse.",
)
@click.option("--yaml", "as_yaml", is_flag=True, help="Write YAML instead of JSON.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--executor",
    metavar="ARN|RETURN_CONTROL",
    help="With --format cloudformation: the tool Lambda's ARN, or RETURN_CONTROL.",
)
def schema(
    target: str, kind: str, as_yaml: bool, output: Path | None, executor: str | None
) -> None:
    """Print the schema of the action group TARGET (MODULE:ATTRIBUTE)."""
    if kind == "cloudformation" and executor is None:
        raise click.UsageError(
            f"--format cloudformation needs --executor: a Lambda ARN or {RETURN_CONTROL}"
        )
    if kind != "cloudformation" and executor is not None:
        raise click.UsageError("--executor applies only to --format cloudformation")
    group = load_group(target)
    with user_errors():
        document = export(group, kind, executor)
        text = to_yaml(document) if as_yaml else to_json(document)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")


def export(group: ActionGroup, kind: str, executor: str | None = None) -> Any:
    """The document of ``kind``; raises ``SchemaError`` where Bedrock would refuse."""
    if kind == "function":
        return group.function_schema()
    if kind == "openapi":
        return group.openapi()
    if kind == "gateway":
        return group.gateway_tools()
    if kind == "mcp":
        return {"tools": group.mcp_tools()}
    if kind == "converse":
        return group.converse_tools()
    return group.cloudformation(executor or RETURN_CONTROL)
