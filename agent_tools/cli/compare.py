"""Plain values compared as the drift checks report them: one line per difference."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = ["differences", "same", "show"]


def differences(path: str, theirs: Any, code: Any, *, label: str = "template") -> Iterator[str]:
    """How ``theirs`` (a template's entry, a deployed group) differs from ``code``.

    One line per difference, ``<path>: <label> has <value>, code has <value>``; mappings are
    compared key by key (an empty ``path`` starts with their keys) and lists item by item,
    and values by type as well as by value.
    """
    if isinstance(theirs, dict) and isinstance(code, dict):
        for key in [*code, *(key for key in theirs if key not in code)]:
            yield from _compare_item(f"{path}.{key}" if path else key, theirs, code, key, label)
    elif isinstance(theirs, list) and isinstance(code, list):
        for index in range(max(len(theirs), len(code))):
            yield from _compare_item(f"{path}[{index}]", theirs, code, index, label)
    elif not same(theirs, code):
        yield f"{path}: {label} has {show(theirs)}, code has {show(code)}"


def _compare_item(path: str, theirs: Any, code: Any, key: Any, label: str) -> Iterator[str]:
    in_theirs = key in theirs if isinstance(key, str) else key < len(theirs)
    in_code = key in code if isinstance(key, str) else key < len(code)
    if not in_theirs:
        yield f"{path}: {label} has nothing, code has {show(code[key])}"
    elif not in_code:
        yield f"{path}: {label} has {show(theirs[key])}, code has nothing"
    else:
        yield from differences(path, theirs[key], code[key], label=label)


def same(left: Any, right: Any) -> bool:
    """Equal, and of the same type: ``True`` is not ``1``, ``"true"`` is not ``True``."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same, left, right))
    return type(left) is type(right) and left == right


def show(value: Any) -> str:
    return repr(value)
