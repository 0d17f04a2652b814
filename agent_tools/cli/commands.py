"""The ``agent-tools`` group: one subcommand per module of this package."""

from __future__ import annotations

import click

from .check import check
from .deploy import deploy
from .diff import diff
from .invoke import invoke
from .migrate import migrate
from .schema import schema
from .template import template

__all__ = ["cli"]


@click.group(name="agent-tools", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bedrock-agent-tools")
def cli() -> None:
    """Export, check, try and deploy a Bedrock Agents action group declared with agent_tools.

    TARGET is MODULE:ATTRIBUTE naming an ActionGroup (e.g. tools.hr:app), or MODULE alone if
    it holds exactly one; the current directory is searched first, as `python -m` does.
    """


for command in (schema, check, invoke, template, deploy, diff, migrate):
    cli.add_command(command)
