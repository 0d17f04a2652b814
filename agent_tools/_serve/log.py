"""The package's logger, created only once something could show what it logs.

Importing ``logging`` costs about 5 ms of a cold start here. The Lambda runtime has always
imported it before the handler, and so has any application that configured logging; until
then no handler exists that could show a record (ours is a ``NullHandler``), so the package
logs nothing and imports nothing.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from agent_tools.outcome import OutcomeKind

if TYPE_CHECKING:
    import logging

__all__ = ["ERROR", "INFO", "WARNING", "call_level", "log", "logger"]

INFO = 20  # logging.INFO
WARNING = 30  # logging.WARNING
ERROR = 40  # logging.ERROR

_logger: logging.Logger | None = None
_WARNED = (OutcomeKind.FAILURE, OutcomeKind.NOT_FOUND)  # for the people running the tool


def call_level(kind: OutcomeKind) -> int:
    """The level a call's log line has: WARNING when no retry by the model can fix it."""
    return WARNING if kind in _WARNED else INFO


def logger() -> logging.Logger | None:
    """The ``agent_tools`` logger, or ``None`` while ``logging`` has not been imported."""
    global _logger
    if _logger is None:
        logging = sys.modules.get("logging")
        if logging is None:
            return None
        _logger = logging.getLogger("agent_tools")
        _logger.addHandler(logging.NullHandler())  # the application decides where logs go
    return _logger


def log(level: int, message: str, *args: Any, **options: Any) -> None:
    """``Logger.log`` on the package's logger, when there is one."""
    target = logger()
    if target is not None:
        target.log(level, message, *args, **options)
