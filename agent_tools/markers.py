"""Markers that go inside ``Annotated[...]`` to say where a parameter's value comes from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ._declare.frozen import Frozen

__all__ = ["Depends", "Param", "SessionAttr"]


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
    """Bind a parameter to a value the model cannot write: who is calling, and on whose behalf.

    On Bedrock Agents the value comes from ``sessionAttributes`` (set by the application that
    calls ``InvokeAgent``), or from ``promptSessionAttributes`` with ``prompt=True``. On an
    AgentCore Gateway it comes from the propagated request header ``header``, which the
    gateway's inbound authorization or its interceptor vouches for. It is coerced to the
    annotation like any value and never appears in a schema; an argument of the same name is
    never used for it. When it is missing and the parameter has no default, the call is
    refused: the model cannot supply it.

    Args:
        key: the attribute's name; defaults to the parameter's name.
        prompt: read ``promptSessionAttributes`` instead of ``sessionAttributes``.
        header: the propagated header that carries the value on an AgentCore Gateway
            (matched case-insensitively); without it, Gateway calls cannot fill the parameter.
    """

    __slots__ = ("header", "key", "prompt")
    key: str | None
    prompt: bool
    header: str | None

    def __init__(
        self, key: str | None = None, *, prompt: bool = False, header: str | None = None
    ) -> None:
        self._set(key=key, prompt=prompt, header=header.lower() if header else None)


class Depends(Frozen):
    """Compute a parameter once per call from a function of the session, not of the model.

    The function's own parameters are filled like a tool's, but only from trusted places:
    ``SessionAttr`` values, the ``Context`` and other dependencies. It runs before the tool,
    at most once per call however many parameters depend on it, and may refuse the call by
    raising ``Reprompt``, ``Failure`` or an exception an exception handler maps.

    Args:
        function: the function that computes the value; ``async def`` is supported.
    """

    __slots__ = ("function",)
    function: Callable[..., Any]

    def __init__(self, function: Callable[..., Any]) -> None:
        if not callable(function):
            raise TypeError(f"Depends needs a function, got {function!r}")
        self._set(function=function)
