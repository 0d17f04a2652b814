"""TARGET to the ``ActionGroup`` it names, as uvicorn and flask find apps.

TARGET is ``MODULE:ATTRIBUTE`` (``tools.hr:app``), ``MODULE`` alone when it holds one action
group, or a file path instead of the module (``examples/quickstart.py:app``). An attribute
that is a ``Router`` names its group after a dot (``tools.main:router.VacationTools``), or
alone when the router serves one group.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from agent_tools.app import ActionGroup
from agent_tools.router import Router

from .errors import CommandError

__all__ = ["load_group"]


def load_group(target: str) -> ActionGroup:
    """The action group ``target`` names; ``MODULE`` alone if it holds exactly one.

    Raises:
        CommandError: the module cannot be imported, the attribute is missing or is not an
            ``ActionGroup``; the message lists the action groups the module does hold.
    """
    module_name, colon, attribute = target.partition(":")
    if module_name.endswith(".py") or os.sep in module_name or "/" in module_name:
        module_name, module = _import_file(module_name)
    elif not module_name or (colon and not attribute):
        raise CommandError(
            "the target must be MODULE:ATTRIBUTE (or MODULE, or a file path such as "
            f"tools/hr.py:app), e.g. tools.hr:app; got {target!r}"
        )
    else:
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
        if isinstance(found, Router) and part in found.groups:
            found = found.groups[part]
        elif hasattr(found, part):
            found = getattr(found, part)
        else:
            raise CommandError(
                f"module {module_name} has no attribute {attribute!r}{_hint(groups)}"
            )
    if isinstance(found, Router):
        served = list(dict.fromkeys(found.groups.values()))
        if len(served) == 1:
            return served[0]
        names = ", ".join(group.name for group in served)
        raise CommandError(
            f"{target} is a Router serving {len(served)} action groups ({names}); name one "
            f"after a dot, e.g. {target}.{served[0].name}"
        )
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


def _import_file(given: str) -> tuple[str, ModuleType]:
    """The module a file path names: by its dotted name if it is in a package under the
    current directory (so its relative imports work), else on its own, with its folder first
    on ``sys.path`` as ``python FILE`` would have it."""
    path = Path(given)
    if not path.is_file():
        raise CommandError(f"cannot import {given}: there is no such file")
    if path.suffix != ".py":
        raise CommandError(f"cannot import {given}: a target file must be a .py file")
    resolved = path.resolve()
    try:
        relative = resolved.relative_to(Path.cwd())
    except ValueError:
        relative = None
    if relative is not None and all(
        (Path.cwd() / parent / "__init__.py").is_file() for parent in relative.parents[:-1]
    ):
        dotted = ".".join(relative.with_suffix("").parts)
        return dotted, _import(dotted)
    name = resolved.stem
    folder = str(resolved.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(name, resolved)
    if spec is None or spec.loader is None:  # a .py file always has both
        raise CommandError(f"cannot import {given}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        with contextlib.redirect_stdout(sys.stderr):
            spec.loader.exec_module(module)
    except Exception as error:  # the user's module: any failure is theirs to read, in one line
        sys.modules.pop(name, None)
        raise CommandError(f"cannot import {given}: {type(error).__name__}: {error}") from error
    return given, module


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
