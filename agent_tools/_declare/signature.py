"""A function's parameters, read from its code object when it is a plain function.

``inspect.signature`` costs an import of ``inspect`` (with ``ast``, ``dis`` and ``tokenize``),
about 8 ms of a cold start here, for what a plain function's code object already says. Anything
else (methods, partials, callables, wrapped functions) goes through ``inspect``.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

__all__ = ["EMPTY", "KEYWORD", "POSITIONAL_ONLY", "VARIADIC", "is_coroutine", "parameters"]

EMPTY: Any = type("Empty", (), {"__repr__": lambda self: "EMPTY"})()
"""The default of a parameter that has none."""

POSITIONAL_ONLY = "positional-only"
KEYWORD = "keyword"  # positional-or-keyword or keyword-only: both can be passed by name
VARIADIC = "variadic"  # *args or **kwargs

_CO_VARARGS = 0x04
_CO_VARKEYWORDS = 0x08
_CO_COROUTINE = 0x80

Parameter = tuple[str, str, Any]  # name, kind, default


def parameters(function: Callable[..., Any]) -> list[Parameter]:
    """``(name, kind, default)`` for each parameter, in signature order."""
    if type(function) is not types.FunctionType or hasattr(function, "__wrapped__"):
        return _from_inspect(function)
    code = function.__code__
    names = code.co_varnames
    positional = code.co_argcount
    keyword_only = code.co_kwonlyargcount
    defaults = function.__defaults__ or ()
    keyword_defaults = function.__kwdefaults__ or {}
    first_default = positional - len(defaults)
    result: list[Parameter] = []
    for index in range(positional):
        default = defaults[index - first_default] if index >= first_default else EMPTY
        kind = POSITIONAL_ONLY if index < code.co_posonlyargcount else KEYWORD
        result.append((names[index], kind, default))
    extra = positional + keyword_only
    if code.co_flags & _CO_VARARGS:
        result.append((names[extra], VARIADIC, EMPTY))
        extra += 1
    for name in names[positional : positional + keyword_only]:
        result.append((name, KEYWORD, keyword_defaults.get(name, EMPTY)))
    if code.co_flags & _CO_VARKEYWORDS:
        result.append((names[extra], VARIADIC, EMPTY))
    return result


def is_coroutine(function: Callable[..., Any]) -> bool:
    """``async def`` functions, also behind ``functools.wraps`` or on a method."""
    if type(function) is types.FunctionType and not hasattr(function, "__wrapped__"):
        return bool(function.__code__.co_flags & _CO_COROUTINE)
    import inspect

    return inspect.iscoroutinefunction(function)


def _from_inspect(function: Callable[..., Any]) -> list[Parameter]:
    import inspect

    kinds = {
        inspect.Parameter.POSITIONAL_ONLY: POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD: KEYWORD,
        inspect.Parameter.KEYWORD_ONLY: KEYWORD,
        inspect.Parameter.VAR_POSITIONAL: VARIADIC,
        inspect.Parameter.VAR_KEYWORD: VARIADIC,
    }
    return [
        (p.name, kinds[p.kind], EMPTY if p.default is p.empty else p.default)
        for p in inspect.signature(function).parameters.values()
    ]
