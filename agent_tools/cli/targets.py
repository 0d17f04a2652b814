"""``MODULE:ATTRIBUTE`` to the ``ActionGroup`` it names, as uvicorn and flask find apps."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from types import ModuleType
from typing import Any

from agent_tools.app import ActionGroup

from .errors import CommandError

__all__ = ["load_group"]


def load_group(target: str) -> ActionGroup:
    """The action group ``target`` names; ``MODULE`` alone if it holds exactly one.

    Raises:
        CommandError: the module cannot be imported, the attribute is missing or is not an
            ``ActionGroup``; the message lists the action groups the module does hold.
    """
    module_name, colon, attribute = target.partition(":")
    if not module_name or (colon and not attribute):
        raise CommandError(
            f"the target must be MODULE:ATTRIBUTE (or MODULE), e.g. tools.hr:app; got {target!r}"
        )
    module = _import(module_name)
    groups = _groups_in(module)
    if not attribute:
        if len(groups) == 1:
            return next(iter(groups.values()))
        if not groups:
            raise CommandError(
                f"module {module_name} has no ActionGroup at module level; "
                f"name one as {module_name}:ATTRIBUTE"
            )
        names = ", ".join(groups)
        raise CommandError(
            f"module {module_name} has several ActionGroups ({names}); "
            f"name one, e.g. {module_name}:{next(iter(groups))}"
        )
    found: Any = module
    for part in attribute.split("."):
        if not hasattr(found, part):
            raise CommandError(
                f"module {module_name} has no attribute {attribute!r}{_hint(groups)}"
            )
        found = getattr(found, part)
    if not isinstance(found, ActionGroup):
        raise CommandError(
            f"{target} is a {type(found).__name__}, not an ActionGroup{_hint(groups)}"
        )
    return found


def _import(module_name: str) -> ModuleType:
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # as `python -m` does: the project's modules import
    try:
        # What the module prints, and the stream handlers it creates, go to stderr: stdout
        # is the command's answer (a schema, an envelope) and must stay parseable.
        with contextlib.redirect_stdout(sys.stderr):
            return importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is not None and _is_parent_or_self(error.name, module_name):
            raise CommandError(
                f"cannot import {module_name}: there is no module {error.name!r} in the "
                "current directory or on sys.path"
            ) from error
        raise CommandError(f"cannot import {module_name}: ModuleNotFoundError: {error}") from error
    except Exception as error:  # the user's module: any failure is theirs to read, in one line
        raise CommandError(
            f"cannot import {module_name}: {type(error).__name__}: {error}"
        ) from error


def _is_parent_or_self(missing: str, module_name: str) -> bool:
    return module_name == missing or module_name.startswith(missing + ".")


def _groups_in(module: ModuleType) -> dict[str, ActionGroup]:
    """The module's ActionGroups by attribute name; one name per group, the first bound."""
    groups: dict[str, ActionGroup] = {}
    for name, value in vars(module).items():
        if isinstance(value, ActionGroup) and all(value is not g for g in groups.values()):
            groups[name] = value
    return groups


def _hint(groups: dict[str, ActionGroup]) -> str:
    if not groups:
        return "; the module has no ActionGroup at module level"
    return f"; ActionGroups found: {', '.join(groups)}"
