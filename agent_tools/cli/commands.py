"""The ``agent-tools`` group: one subcommand per module of this package."""

from __future__ import annotations

import click

from .chat import chat
from .check import check
from .deploy import deploy
from .diff import diff
from .invoke import invoke
from .logs import configure, logging_options
from .mcp import mcp
from .migrate import migrate
from .schema import schema
from .template import template

__all__ = ["cli"]


@click.group(name="agent-tools", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bedrock-agent-tools")
@logging_options
def cli(verbose: int, log_level: str | None) -> None:
    """Export, check, try and deploy a Bedrock Agents action group declared with agent_tools.

    TARGET is MODULE:ATTRIBUTE naming an ActionGroup (e.g. tools.hr:app), or MODULE alone if
    it holds exactly one, or a file path instead of the module (tools/hr.py:app); a Router
    names its group after a dot (tools.main:router.VacationTools). The current directory is
    searched first, as `python -m` does.

    Shell completion: eval "$(_AGENT_TOOLS_COMPLETE=bash_source agent-tools)" in ~/.bashrc
    (zsh_source in ~/.zshrc; fish_source for fish).
    """
    configure(verbose, log_level)


for command in (schema, check, invoke, template, deploy, diff, chat, mcp, migrate):
    cli.add_command(command)
