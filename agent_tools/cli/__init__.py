"""The ``agent-tools`` command: export, check, try and deploy an action group.

A build-time tool, never imported by a Lambda handler. Its dependencies are the ``cli``
extra; without them ``main`` says how to install it instead of failing with a traceback.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

__all__ = ["MISSING_EXTRA", "main", "template_main"]

MISSING_EXTRA = "agent-tools needs the cli extra: pip install 'bedrock-agent-tools[cli]'"

# The modules of pyproject.toml's ``cli`` extra.
_EXTRA_MODULES = ("click", "yaml", "ruamel.yaml", "boto3", "openapi_spec_validator")


def main(argv: Sequence[str] | None = None) -> None:
    """The ``agent-tools`` console script."""
    _run(None, argv, "agent-tools")


def template_main(argv: Sequence[str] | None = None) -> None:
    """``python -m agent_tools.template``: the ``template`` command under its old name."""
    _run("template", argv, "python -m agent_tools.template")


def _run(command: str | None, argv: Sequence[str] | None, prog_name: str) -> None:
    if not all(map(_installed, _EXTRA_MODULES)):
        print(MISSING_EXTRA, file=sys.stderr)
        raise SystemExit(2)
    from .commands import cli

    chosen = cli if command is None else cli.commands[command]
    chosen.main(args=None if argv is None else list(argv), prog_name=prog_name)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a missing parent package, or a broken module
        return False
