"""Markers that go inside ``Annotated[...]`` to say where a parameter's value comes from."""

from __future__ import annotations

from typing import Literal

from .frozen import Frozen

__all__ = ["Param", "SessionAttr"]


class Param(Frozen):
    """Describe a parameter the model fills in.

    Args:
        description: what the model should send; wins over the docstring's entry.
        log: include the value in the call's log line (values are left out by default,
            since the model may put personal data in them).
        alias: the parameter's name in the schemas and the events, when it differs from the
            Python name (``claimId`` for ``claim_id``).
        location: ``"query"`` or ``"header"`` to place the parameter there in the OpenAPI
            operation; by default it is in the path when the path names it, in the query for
            GET and DELETE, and in the JSON body otherwise.
    """

    __slots__ = ("alias", "description", "location", "log")
    description: str | None
    log: bool
    alias: str | None
    location: Literal["query", "header"] | None

    def __init__(
        self,
        description: str | None = None,
        *,
        log: bool = False,
        alias: str | None = None,
        location: Literal["query", "header"] | None = None,
    ) -> None:
        if location not in (None, "query", "header"):
            raise ValueError(f"Param(location=...) must be 'query' or 'header', got {location!r}")
        self._set(description=description, log=log, alias=alias, location=location)


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
