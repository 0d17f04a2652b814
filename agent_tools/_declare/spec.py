"""The frozen description of a registered tool: what analysis produces and everything reads."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from agent_tools._serve.convert import Converter

from .frozen import Frozen
from .typeinfo import TypeInfo

if TYPE_CHECKING:
    from agent_tools._serve.returns import ResultCheck

__all__ = ["Dependency", "Location", "ParamSpec", "Source", "ToolSpec", "every_param"]


class Source(enum.Enum):
    """Where a parameter's value comes from."""

    MODEL = "model"  # the event's parameters or request body: written by the model
    SESSION = "session"  # sessionAttributes: written by the caller of InvokeAgent
    PROMPT_SESSION = "prompt_session"  # promptSessionAttributes
    CONTEXT = "context"  # the Context object
    DEPENDENCY = "dependency"  # computed by a Depends function from the trusted sources


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
        header: the propagated header that carries a session value on an AgentCore Gateway.
        dependency: the function that computes a ``DEPENDENCY`` parameter.
    """

    __slots__ = (
        "convert",
        "default",
        "dependency",
        "description",
        "header",
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
    header: str | None
    dependency: Dependency | None

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
        header: str | None = None,
        dependency: Dependency | None = None,
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
            header=header,
            dependency=dependency,
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
        session_params: the ``SessionAttr`` parameters of the tool and of its dependencies.
        body_model: a dataclass or Pydantic parameter that is the whole request body.
        returns: the analysed return annotation, or ``None`` when it has no schema.
        check_result: raises when a result is not the declared model, or ``None`` when no
            model is declared (most tools: nothing is checked).
        is_async: the function is a coroutine function.
    """

    __slots__ = (
        "body_model",
        "check_result",
        "confirm",
        "description",
        "function",
        "inputs",
        "is_async",
        "method",
        "name",
        "params",
        "path",
        "returns",
        "session_params",
    )
    name: str
    function: Callable[..., Any]
    description: str | None
    confirm: bool
    method: str
    path: str
    params: tuple[ParamSpec, ...]
    inputs: tuple[ParamSpec, ...]
    session_params: tuple[ParamSpec, ...]
    body_model: ParamSpec | None
    returns: TypeInfo | None
    check_result: ResultCheck | None
    is_async: bool

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
            session_params=_session_params(params),
            body_model=body_model,
            returns=returns,
            check_result=check_result,
            is_async=is_async,
        )


class Dependency(Frozen):
    """A ``Depends`` function, analysed like a tool: its parameters come from trusted places.

    Attributes:
        function: the user's function.
        params: its parameters: session values, the context, or other dependencies.
        is_async: the function is a coroutine function.
    """

    __slots__ = ("function", "is_async", "params")
    function: Callable[..., Any]
    params: tuple[ParamSpec, ...]
    is_async: bool

    def __init__(
        self, *, function: Callable[..., Any], params: tuple[ParamSpec, ...], is_async: bool
    ) -> None:
        self._set(function=function, params=params, is_async=is_async)


def every_param(params: Iterable[ParamSpec]) -> Iterator[ParamSpec]:
    """``params`` and, depth first, the parameters of the ``Depends`` functions among them."""
    for param in params:
        yield param
        if param.dependency is not None:
            yield from every_param(param.dependency.params)


def _session_params(params: tuple[ParamSpec, ...]) -> tuple[ParamSpec, ...]:
    trusted = (Source.SESSION, Source.PROMPT_SESSION)
    return tuple(param for param in every_param(params) if param.source in trusted)
