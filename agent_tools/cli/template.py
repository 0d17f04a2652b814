"""``agent-tools template``: check or rewrite the action group in a CloudFormation template."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click

from agent_tools.export.cloudformation import Executor

from .errors import CommandError, user_errors
from .gateway_template import TARGET_TYPE, gateway_target_command, resource_type
from .render import to_json
from .targets import load_group
from .template_sync import TemplateError, action_group_drift, sync_action_group

__all__ = ["template"]


@click.command(short_help="Check or update the action group in a CloudFormation template.")
@click.argument("target")
@click.option(
    "--template",
    "template_path",
    default="template.yaml",
    show_default=True,
    help="The CloudFormation or SAM template.",
)
@click.option(
    "--resource",
    default="Agent",
    show_default=True,
    help="The logical id of the agent, or of an AWS::BedrockAgentCore::GatewayTarget.",
)
@click.option(
    "--alias",
    "aliases",
    multiple=True,
    metavar="LOGICAL_ID",
    help="An AgentAlias whose description carries the agent definition's hash; repeat for "
    "more. Default: every AgentAlias of the agent.",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Print the differences and exit 1 if there are any; change nothing.",
)
@click.option(
    "--executor-getatt",
    metavar="LOGICAL_ID",
    help="The tool Lambda's logical id, for an entry that has no ActionGroupExecutor yet.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def template(
    target: str,
    template_path: str,
    resource: str,
    aliases: tuple[str, ...],
    check_only: bool,
    executor_getatt: str | None,
    as_json: bool,
) -> None:
    """Check or rewrite the ActionGroups entry of an AWS::Bedrock::Agent resource from TARGET,
    or the Properties of an AWS::BedrockAgentCore::GatewayTarget resource.

    Only that entry changes, and the hash of the agent's definition at the end of each of its
    aliases' descriptions (so that the alias moves to the new version); the rest of the file
    keeps its comments and quoting. Exits 1 with --check if anything differs, 2 if the
    template or the options are wrong.
    """
    from ruamel.yaml.error import YAMLError

    executor: Executor | None = (
        {"Fn::GetAtt": [executor_getatt, "Arn"]} if executor_getatt else None
    )
    if not Path(template_path).is_file():
        raise CommandError(f"no such template: {template_path}")
    group = load_group(target)
    where = f"{template_path}: action group {group.name} of {resource}"
    chosen = list(aliases) or None
    summary: dict[str, Any] = {"target": target, "template": template_path, "resource": resource}
    try:
        with user_errors():
            if resource_type(template_path, resource) == TARGET_TYPE:
                gateway_target_command(
                    click.get_current_context(), target, template_path, resource, group, check_only
                )
                return
            differences = action_group_drift(
                template_path, resource, group, executor=executor, aliases=chosen
            )
            summary |= {"action_group": group.name, "differences": differences}
            if check_only:
                update = _update_command(target, template_path, resource, aliases, executor_getatt)
                _report_check(summary, where, update, as_json)
                return
            changed = sync_action_group(
                template_path, resource, group, executor=executor, aliases=chosen
            )
    except TemplateError as error:
        raise CommandError(str(error)) from error
    except YAMLError as error:
        raise CommandError(f"{template_path} is not valid YAML: {error}") from error
    if as_json:
        click.echo(to_json(summary | {"updated": changed}), nl=False)
    elif changed:
        click.echo("\n".join([f"updated {where} from {target}:", *differences]))
    else:
        click.echo(f"{where} already matches {target}; nothing to do")


def _update_command(
    target: str,
    template_path: str,
    resource: str,
    aliases: tuple[str, ...],
    executor_getatt: str | None,
) -> str:
    """The command that brings the template in step: the same options, without --check."""
    arguments = [target, "--template", template_path, "--resource", resource]
    for alias in aliases:
        arguments += ["--alias", alias]
    if executor_getatt:
        arguments += ["--executor-getatt", executor_getatt]
    return shlex.join(["agent-tools", "template", *arguments])


def _report_check(summary: dict[str, Any], where: str, update: str, as_json: bool) -> None:
    differences = summary["differences"]
    if as_json:
        in_step = not differences
        click.echo(to_json(summary | {"in_step": in_step, "update_command": update}), nl=False)
    elif not differences:
        click.echo(f"{where} is in step with {summary['target']}")
    else:
        click.echo("\n".join(differences))
        click.echo(f"{where} differs from {summary['target']}; update it with: {update}", err=True)
    if differences:
        click.get_current_context().exit(1)
