"""The frozen description of a registered tool: what analysis produces and everything reads."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .coerce import Converter
from .frozen import Frozen
from .typeinfo import TypeInfo

if TYPE_CHECKING:
    from .returns import ResultCheck

__all__ = ["Location", "ParamSpec", "Source", "ToolSpec"]


class Source(enum.Enum):
    """Where a parameter's value comes from."""

    MODEL = "model"  # the event's parameters or request body: written by the model
    SESSION = "session"  # sessionAttributes: written by the caller of InvokeAgent
    PROMPT_SESSION = "prompt_session"  # promptSessionAttributes
    CONTEXT = "context"  # the Context object


class Location(enum.Enum):
    """Where a model parameter sits in the OpenAPI operation."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    BODY = "body"


class ParamSpec(Frozen):
    """One parameter of a tool.

    Attributes:
        name: the Python parameter name.
        key: the name in the event (model parameters) or the attribute key (session).
        type: the analysed annotation.
        source: where the value comes from.
        location: path, query or body, for model parameters.
        required: no default in the signature.
        default: the default, when not required.
        description: the explicit description from ``Param``, if any.
        log: the value may appear in logs.
        convert: string (or JSON value) to Python value.
    """

    __slots__ = (
        "convert",
        "default",
        "description",
        "key",
        "location",
        "log",
        "name",
        "required",
        "source",
        "type",
    )
    name: str
    key: str
    type: TypeInfo
    source: Source
    location: Location | None
    required: bool
    default: Any
    description: str | None
    log: bool
    convert: Converter

    def __init__(
        self,
        *,
        name: str,
        key: str,
        type: TypeInfo,
        source: Source,
        location: Location | None = None,
        required: bool,
        default: Any = None,
        description: str | None = None,
        log: bool = False,
        convert: Converter,
    ) -> None:
        self._set(
            name=name,
            key=key,
            type=type,
            source=source,
            location=location,
            required=required,
            default=default,
            description=description,
            log=log,
            convert=convert,
        )


class ToolSpec(Frozen):
    """One registered tool.

    Attributes:
        name: the function name Bedrock calls, and the OpenAPI ``operationId``.
        function: the user's function, unchanged.
        description: the explicit description from the decorator, if any; the docstring is
            read only when a schema is exported.
        confirm: ask the user before the tool runs (``requireConfirmation``).
        method: the OpenAPI method, upper case.
        path: the OpenAPI path template.
        params: every parameter, in signature order.
        inputs: the parameters the model fills in, the only ones in a schema.
        body_model: a dataclass or Pydantic parameter that is the whole request body.
        returns: the analysed return annotation, or ``None`` when it has no schema.
        check_result: raises when a result is not the declared model, or ``None`` when no
            model is declared (most tools: nothing is checked).
        is_async: the function is a coroutine function.
        direct: the model parameters as tuples for dispatch's fast path, or ``None`` when a
            parameter comes from the session or the context, or is a whole request body.
    """

    __slots__ = (
        "body_model",
        "check_result",
        "confirm",
        "description",
        "direct",
        "function",
        "inputs",
        "is_async",
        "method",
        "name",
        "params",
        "path",
        "returns",
    )
    name: str
    function: Callable[..., Any]
    description: str | None
    confirm: bool
    method: str
    path: str
    params: tuple[ParamSpec, ...]
    inputs: tuple[ParamSpec, ...]
    body_model: ParamSpec | None
    returns: TypeInfo | None
    check_result: ResultCheck | None
    is_async: bool
    direct: tuple[tuple[str, str, Any, ParamSpec], ...] | None

    def __init__(
        self,
        *,
        name: str,
        function: Callable[..., Any],
        description: str | None,
        confirm: bool,
        method: str,
        path: str,
        params: tuple[ParamSpec, ...],
        body_model: ParamSpec | None,
        returns: TypeInfo | None,
        is_async: bool,
        check_result: ResultCheck | None = None,
    ) -> None:
        self._set(
            name=name,
            function=function,
            description=description,
            confirm=confirm,
            method=method,
            path=path,
            params=params,
            inputs=tuple(p for p in params if p.source is Source.MODEL),
            body_model=body_model,
            returns=returns,
            check_result=check_result,
            is_async=is_async,
            # (name, key, convert, spec) per parameter when every one is a plain model
            # parameter: the common case, which dispatch walks without branching.
            direct=tuple((p.name, p.key, p.convert, p) for p in params)
            if body_model is None and all(p.source is Source.MODEL for p in params)
            else None,
        )
