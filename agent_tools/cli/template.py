"""``agent-tools template``: check or rewrite the action group in a CloudFormation template."""

from __future__ import annotations

from pathlib import Path

import click

from agent_tools.export.cloudformation import Executor
from agent_tools.template import action_group_drift, sync_action_group

from .errors import CommandError, user_errors
from .gateway_template import TARGET_TYPE, gateway_target_command, resource_type
from .targets import load_group

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
@click.pass_context
def template(
    ctx: click.Context,
    target: str,
    template_path: str,
    resource: str,
    check_only: bool,
    executor_getatt: str | None,
) -> None:
    """Check or rewrite the ActionGroups entry of an AWS::Bedrock::Agent resource from TARGET,
    or the Properties of an AWS::BedrockAgentCore::GatewayTarget resource.

    Only that entry changes; the rest of the file keeps its comments and quoting.
    """
    from ruamel.yaml.error import YAMLError

    executor: Executor | None = (
        {"Fn::GetAtt": [executor_getatt, "Arn"]} if executor_getatt else None
    )
    if not Path(template_path).is_file():
        raise CommandError(f"no such template: {template_path}")
    group = load_group(target)
    where = f"{template_path}: action group {group.name} of {resource}"
    try:
        with user_errors():
            if resource_type(template_path, resource) == TARGET_TYPE:
                gateway_target_command(ctx, target, template_path, resource, group, check_only)
                return
            differences = action_group_drift(template_path, resource, group, executor=executor)
            if check_only:
                if not differences:
                    click.echo(f"{where} is in step with {target}")
                    return
                click.echo("\n".join(differences))
                click.echo(
                    f"{where} differs from {target}; update it with: {ctx.command_path} "
                    f"{target} --template {template_path} --resource {resource}",
                    err=True,
                )
                ctx.exit(1)
            if sync_action_group(template_path, resource, group, executor=executor):
                click.echo("\n".join([f"updated {where} from {target}:", *differences]))
            else:
                click.echo(f"{where} already matches {target}; nothing to do")
    except YAMLError as error:
        raise CommandError(f"{template_path} is not valid YAML: {error}") from error
