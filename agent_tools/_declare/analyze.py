"""Registration: read a function's signature once and produce its ``ToolSpec``.

Everything that can be decided before the first event is decided here, so that dispatch
only looks values up, converts them and calls. Structural mistakes fail here, at import
time, naming the tool, the parameter and the fix. Rules that need the docstring parsed wait
for the first schema export, so a cold start does not pay for them.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from agent_tools.context import Context
from agent_tools.errors import RegistrationError
from agent_tools.markers import Depends, Param, SessionAttr
from agent_tools.response import Response

from .annotations import type_info
from .kinds import converter
from .operation import check_path, http_method, http_path, location, placeholders
from .rules import check_name
from .signature import EMPTY, POSITIONAL_ONLY, VARIADIC, is_coroutine, parameters
from .spec import Dependency, Location, ParamSpec, Source, ToolSpec
from .typeinfo import Kind, TypeInfo, UnsupportedType

if TYPE_CHECKING:
    from agent_tools._serve.returns import ResultCheck

__all__ = ["analyze_tool"]

_NO_SCHEMA_RETURNS = (type(None), None)
# An HTTP field name (RFC 9110 token), as long as the gateway's allowlist takes.
_HEADER = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]{1,100}")


def analyze_tool(
    function: Callable[..., Any],
    *,
    group: str,
    name: str | None = None,
    description: str | None = None,
    confirm: bool = False,
    method: str | None = None,
    path: str | None = None,
) -> ToolSpec:
    """Describe ``function`` as a tool of the action group ``group``."""
    if not callable(function):
        raise RegistrationError(f"a tool must be a function, got {function!r}")
    tool = name if name is not None else getattr(function, "__name__", "")
    check_name(tool, field="tool name", group=group, tool=tool)
    method = http_method(tool, method)
    path = http_path(tool, path)
    if description is not None and not description.strip():
        raise RegistrationError(
            "description= is empty; leave it out to use the docstring", tool=tool
        )

    hints = _hints(tool, function)
    in_path = placeholders(path)
    params = tuple(
        _param(tool, name, kind, default, hints.get(name, str), method, in_path)
        for name, kind, default in parameters(function)
    )
    check_path(tool, path, in_path, params)
    inputs = tuple(p for p in params if p.source is Source.MODEL)
    keys = [p.key for p in inputs]
    repeated = [key for key in keys if keys.count(key) > 1]
    if repeated:
        raise RegistrationError(
            f"two parameters are named {repeated[0]!r} in the schema; give one another alias",
            tool=tool,
            parameter=repeated[0],
        )
    returns = _returns(hints.get("return"))
    body = [p for p in inputs if p.location is Location.BODY]
    body_model = body[0] if len(body) == 1 and body[0].type.is_model else None
    return ToolSpec(
        name=tool,
        function=function,
        description=description,
        confirm=confirm,
        method=method,
        path=path,
        params=params,
        body_model=body_model,
        returns=returns,
        check_result=_result_check(tool, returns),
        is_async=is_coroutine(function),
    )


def _hints(tool: str, function: Callable[..., Any]) -> dict[str, Any]:
    try:
        return typing.get_type_hints(function, include_extras=True)
    except (NameError, TypeError) as exc:
        raise RegistrationError(
            f"cannot resolve the annotations ({exc}); import every type the signature names "
            "at module level",
            tool=tool,
        ) from exc


def _param(
    tool: str,
    name: str,
    kind: str,
    default: Any,
    annotation: Any,
    method: str,
    in_path: list[str],
    seen: tuple[Callable[..., Any], ...] = (),
) -> ParamSpec:
    _check_kind(tool, name, kind)
    base, markers = _split_annotated(annotation)
    params = [m for m in markers if isinstance(m, Param)]
    trusted = [m for m in markers if isinstance(m, SessionAttr | Depends)]
    if len(params) + len(trusted) > 1:
        raise RegistrationError(
            "use one of Param(...), SessionAttr(...) or Depends(...), not several",
            tool=tool,
            parameter=name,
        )
    required = default is EMPTY
    default = None if required else default

    if _is_context(base):
        return _context_param(name, base)
    if trusted and isinstance(trusted[0], Depends):
        return ParamSpec(
            name=name,
            key=name,
            type=TypeInfo(kind=Kind.ANY, annotation=base),
            source=Source.DEPENDENCY,
            required=False,
            convert=_identity,
            dependency=_dependency(tool, name, trusted[0].function, seen),
        )
    info = _type_info(tool, name, annotation)  # with any Annotated bounds
    convert = converter(info)
    if trusted:
        _check_header(tool, name, trusted[0].header)  # type: ignore[union-attr]
        return _session_param(name, info, trusted[0], required, default, convert)  # type: ignore[arg-type]
    param = params[0] if params else _from_field(markers)
    key = param.alias if param.alias is not None else name
    check_name(key, field="parameter name", tool=tool)
    if param.description is not None and not param.description.strip():
        raise RegistrationError("Param description is empty", tool=tool, parameter=name)
    return ParamSpec(
        name=name,
        key=key,
        type=info,
        source=Source.MODEL,
        location=location(tool, key, info, method, in_path, param.location),
        required=required,
        default=default,
        description=param.description,
        log=param.log,
        convert=convert,
    )


def _check_kind(tool: str, name: str, kind: str) -> None:
    if kind == VARIADIC:
        raise RegistrationError(
            "*args and **kwargs cannot be filled from an event", tool=tool, parameter=name
        )
    if kind == POSITIONAL_ONLY:
        raise RegistrationError(
            "positional-only parameters are not supported; remove the '/'",
            tool=tool,
            parameter=name,
        )


def _check_header(tool: str, name: str, header: str | None) -> None:
    """A ``SessionAttr(header=...)`` a gateway can propagate (docs/agentcore-gateway.md)."""
    if header is None:
        return
    if not _HEADER.fullmatch(header):
        raise RegistrationError(
            f"SessionAttr(header={header!r}) is not an HTTP header name: use 1-100 letters, "
            "digits and - (e.g. header='x-employee-id')",
            tool=tool,
            parameter=name,
        )
    if header == "authorization":
        raise RegistrationError(
            "SessionAttr(header='authorization') can never be filled: a gateway does not "
            "propagate the Authorization header. Have a REQUEST interceptor verify the token "
            "and set a header of its own (e.g. header='x-employee-id')",
            tool=tool,
            parameter=name,
        )


def _context_param(name: str, annotation: Any) -> ParamSpec:
    return ParamSpec(
        name=name,
        key=name,
        type=TypeInfo(kind=Kind.ANY, annotation=annotation),
        source=Source.CONTEXT,
        required=False,
        convert=_identity,
    )


def _session_param(
    name: str, info: TypeInfo, marker: SessionAttr, required: bool, default: Any, convert: Any
) -> ParamSpec:
    return ParamSpec(
        name=name,
        key=marker.key or name,
        type=info,
        source=Source.PROMPT_SESSION if marker.prompt else Source.SESSION,
        required=required,
        default=default,
        convert=convert,
        header=marker.header,
    )


def _dependency(
    tool: str, name: str, function: Callable[..., Any], seen: tuple[Callable[..., Any], ...]
) -> Dependency:
    """Analyse a ``Depends`` function: every parameter must come from a trusted place."""
    label = getattr(function, "__name__", repr(function))
    if function in seen:
        raise RegistrationError(
            f"dependency {label} depends on itself, through "
            + " -> ".join(getattr(f, "__name__", repr(f)) for f in (*seen, function)),
            tool=tool,
            parameter=name,
        )
    hints = _hints(tool, function)
    params = []
    for inner, kind, default in parameters(function):
        param = _param(
            tool, inner, kind, default, hints.get(inner, str), "POST", [], (*seen, function)
        )
        if param.source is Source.MODEL:
            raise RegistrationError(
                f"parameter {inner!r} of dependency {label} would be written by the model; "
                "a dependency reads only trusted values: annotate it with SessionAttr(...), "
                "Context or Depends(...)",
                tool=tool,
                parameter=name,
            )
        params.append(param)
    return Dependency(function=function, params=tuple(params), is_async=is_coroutine(function))


def _from_field(markers: tuple[Any, ...]) -> Param:
    """A Pydantic ``Field(description=..., alias=...)`` in ``Annotated`` read as ``Param``."""
    for marker in markers:
        if type(marker).__module__ == "pydantic.fields" and type(marker).__name__ == "FieldInfo":
            alias = marker.validation_alias if isinstance(marker.validation_alias, str) else None
            return Param(marker.description, alias=alias or marker.alias)
    return Param()


def _type_info(tool: str, name: str, annotation: Any) -> TypeInfo:
    try:
        return type_info(annotation)
    except UnsupportedType as exc:
        raise RegistrationError(str(exc), tool=tool, parameter=name) from exc


def _returns(annotation: Any) -> TypeInfo | None:
    base, _ = _split_annotated(annotation)
    if base in _NO_SCHEMA_RETURNS:
        return None
    if base is Response:
        return None
    try:
        return type_info(base)
    except UnsupportedType:
        return None  # the 200 response is documented without a schema


def _result_check(tool: str, returns: TypeInfo | None) -> ResultCheck | None:
    if returns is None or not (returns.is_model or returns.kind is Kind.ARRAY):
        return None  # most tools: nothing to check, and returns.py is not imported
    from agent_tools._serve.returns import result_check

    return result_check(tool, returns)


def _is_context(annotation: Any) -> bool:
    """``Context``, ``Context | None`` or a subclass of ``Context``."""
    candidates = [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        candidates = [a for a in typing.get_args(annotation) if a is not type(None)]
    return (
        len(candidates) == 1
        and isinstance(candidates[0], type)
        and issubclass(candidates[0], Context)
    )


def _split_annotated(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    if typing.get_origin(annotation) is typing.Annotated:
        args = typing.get_args(annotation)
        return args[0], tuple(args[1:])
    return annotation, ()


def _identity(value: Any) -> Any:
    return value
