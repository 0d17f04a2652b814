"""Reading parameters from code objects agrees with ``inspect.signature``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from agent_tools._declare.signature import (
    EMPTY,
    KEYWORD,
    POSITIONAL_ONLY,
    VARIADIC,
    _from_inspect,
    is_coroutine,
    parameters,
)


def plain(a, b=1):  # type: ignore[no-untyped-def]
    pass


def everything(p, /, q=2, *args, k, m=3, **kwargs):  # type: ignore[no-untyped-def]
    pass


def keyword_only(*, x, y=None):  # type: ignore[no-untyped-def]
    pass


def with_locals(a, b=0):  # type: ignore[no-untyped-def]
    total = 0  # locals come after the arguments in co_varnames
    for value in (a, b):
        total += value
    return total


def kwargs_only(**options):  # type: ignore[no-untyped-def]
    pass


def no_parameters() -> None:
    pass


async def asynchronous(a: int = 5) -> int:
    return a


FUNCTIONS: list[Callable[..., Any]] = [
    plain,
    everything,
    keyword_only,
    with_locals,
    kwargs_only,
    no_parameters,
    asynchronous,
    lambda a, *rest: None,
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_code_object_reading_matches_inspect(function: Callable[..., Any]) -> None:
    assert parameters(function) == _from_inspect(function)


def test_kinds_and_defaults() -> None:
    assert parameters(everything) == [
        ("p", POSITIONAL_ONLY, EMPTY),
        ("q", KEYWORD, 2),
        ("args", VARIADIC, EMPTY),
        ("k", KEYWORD, EMPTY),
        ("m", KEYWORD, 3),
        ("kwargs", VARIADIC, EMPTY),
    ]


def test_wrapped_methods_and_partials_go_through_inspect() -> None:
    @functools.wraps(asynchronous)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return asynchronous(*args, **kwargs)

    class Tools:
        def method(self, a: int, b: str = "x") -> None:
            pass

    assert parameters(wrapper) == [("a", KEYWORD, 5)]
    assert parameters(Tools().method) == [("a", KEYWORD, EMPTY), ("b", KEYWORD, "x")]
    assert parameters(functools.partial(plain, 1)) == [("b", KEYWORD, 1)]
    assert is_coroutine(wrapper) is False  # a sync wrapper, whatever it wraps
    assert is_coroutine(asynchronous) is True
    assert is_coroutine(plain) is False
    assert repr(EMPTY) == "EMPTY"
