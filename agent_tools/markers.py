"""Markers that go inside ``Annotated[...]`` to say where a parameter's value comes from."""

from __future__ import annotations

from ._declare.frozen import Frozen

__all__ = ["Param", "SessionAttr"]


class Param(Frozen):
    """Describe a parameter the model fills in.

    Args:
        description: what the model should send; wins over the docstring's entry.
        log: include the value in the call's log line (values are left out by default,
            since the model may put personal data in them).
    """

    __slots__ = ("description", "log")
    description: str | None
    log: bool

    def __init__(self, description: str | None = None, *, log: bool = False) -> None:
        self._set(description=description, log=log)


class SessionAttr(Frozen):
    """Bind a parameter to a session attribute instead of the model's input.

    The value comes from ``sessionAttributes`` (set by the application that calls
    ``InvokeAgent``, so it can be trusted), or from ``promptSessionAttributes`` with
    ``prompt=True``. It is coerced to the annotation like any value and never appears in a
    schema. When it is missing and the parameter has no default, the call is a ``FAILURE``:
    the model cannot supply it.

    Args:
        key: the attribute's name; defaults to the parameter's name.
        prompt: read ``promptSessionAttributes`` instead of ``sessionAttributes``.
    """

    __slots__ = ("key", "prompt")
    key: str | None
    prompt: bool

    def __init__(self, key: str | None = None, *, prompt: bool = False) -> None:
        self._set(key=key, prompt=prompt)
