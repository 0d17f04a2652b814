"""The ``agent-tools`` command: export, check, try and deploy an action group.

A build-time tool, never imported by a Lambda handler. The offline commands (schema, check,
invoke, template) need the ``cli`` extra; without it ``main`` says how to install it instead
of failing with a traceback. The commands that talk to AWS (deploy, diff, chat) need boto3
as well, the ``aws`` extra, and say so when it is missing.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

__all__ = ["MISSING_EXTRA", "main"]

MISSING_EXTRA = "agent-tools needs the cli extra: pip install 'bedrock-agent-tools[cli]'"

# The modules of pyproject.toml's ``cli`` extra.
_EXTRA_MODULES = ("click", "yaml", "ruamel.yaml", "botocore")


def main(argv: Sequence[str] | None = None) -> None:
    """The ``agent-tools`` console script."""
    if not all(map(_installed, _EXTRA_MODULES)):
        print(MISSING_EXTRA, file=sys.stderr)
        raise SystemExit(2)
    from .commands import cli

    cli.main(args=None if argv is None else list(argv), prog_name="agent-tools")


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a missing parent package, or a broken module
        return False
