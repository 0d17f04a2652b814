"""``-v`` and ``--log-level``: where the logs of the framework and the user's tools go.

The commands run the user's code in-process; its log records, and the framework's (the
``agent_tools`` logger: one INFO line per call, an ERROR with the traceback when a tool
raises), go to stderr, so that stdout stays the command's answer. WARNING by default: a
tool's crash is shown with its traceback, routine lines are not.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import click

__all__ = ["LEVELS", "logging_options"]

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_FORMAT = "%(levelname)s %(name)s: %(message)s"


def logging_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``-v``/``--verbose`` (INFO; twice, DEBUG) and ``--log-level LEVEL`` for a group."""
    command = click.option(
        "--log-level",
        type=click.Choice(LEVELS, case_sensitive=False),
        help="Show log records from this level up on stderr (default: WARNING).",
    )(command)
    return click.option(
        "-v",
        "--verbose",
        count=True,
        help="Show INFO log records on stderr, such as one line per tool call; -vv for DEBUG.",
    )(command)


def configure(verbose: int, log_level: str | None) -> None:
    """Send log records to stderr for the rest of the command; undone when it ends."""
    level = (
        getattr(logging, log_level.upper())
        if log_level
        else logging.DEBUG
        if verbose >= 2
        else logging.INFO
        if verbose == 1
        else logging.WARNING
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(min(level, previous) if previous else level)

    def undo() -> None:
        root.removeHandler(handler)
        root.setLevel(previous)

    click.get_current_context().call_on_close(undo)
