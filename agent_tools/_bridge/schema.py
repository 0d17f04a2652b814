"""A Classic action group's schema, read once into the tools the bridge serves.

``read_tools`` takes a ``functionSchema`` or an OpenAPI document and gives one ``BridgeTool``
per function or operation, by Gateway tool name; a schema that cannot be served raises
``SchemaError`` naming the tool, the field and the fix (``docs/migration.md#the-bridge``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from agent_tools.errors import SchemaError

__all__ = ["BridgeTool", "header_map", "read_tools"]

_TYPES = ("string", "number", "integer", "boolean", "array", "object")
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


class BridgeTool:
    """One Classic function or OpenAPI operation, as the bridge serves it.

    Attributes:
        name: the Gateway tool name (the function name, or the operation's ``operationId``).
        description: the description the schema gives, if any.
        parameters: name -> (type, required, where): ``where`` is ``"parameter"`` for
            function details and path or query parameters, ``"body"`` for request-body
            properties.
        api_path, http_method: the operation, for OpenAPI groups ("" for function details).
        confirm: the Classic schema asked the user to confirm before the tool runs.
    """

    __slots__ = (
        "api_path",
        "confirm",
        "description",
        "http_method",
        "name",
        "parameters",
    )

    def __init__(
        self,
        name: str,
        description: str | None,
        parameters: dict[str, tuple[str, bool, str, str | None]],
        *,
        api_path: str = "",
        http_method: str = "",
        confirm: bool = False,
    ) -> None:
        self.name = name
        self.description = description
        self.parameters = parameters
        self.api_path = api_path
        self.http_method = http_method
        self.confirm = confirm


def read_tools(
    *,
    function_schema: Mapping[str, Any] | list[Any] | str | None = None,
    openapi: Mapping[str, Any] | str | None = None,
) -> dict[str, BridgeTool]:
    """The tools of a Classic schema, by Gateway tool name. Raises ``SchemaError``."""
    if (function_schema is None) == (openapi is None):
        raise _bad(
            None,
            "schema",
            "exactly one of function_schema and openapi is needed",
            None,
            "Pass the group's functionSchema or its OpenAPI document.",
        )
    if function_schema is not None:
        return _function_tools(_loaded(function_schema, "function_schema"))
    return _openapi_tools(_loaded(openapi, "openapi"))


def _loaded(value: Any, what: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise _bad(None, what, "must be JSON", value[:80], f"Fix the JSON ({exc}).") from None
    return value


def _function_tools(schema: Any) -> dict[str, BridgeTool]:
    functions = schema.get("functions") if isinstance(schema, Mapping) else schema
    if not isinstance(functions, list) or not functions:
        raise _bad(
            None,
            "functions",
            "a functionSchema is {'functions': [...]} with at least one function",
            schema,
            "Pass the functionSchema of create_agent_action_group.",
        )
    tools: dict[str, BridgeTool] = {}
    for function in functions:
        name = function.get("name") if isinstance(function, Mapping) else None
        if not isinstance(name, str) or not name:
            raise _bad(None, "name", "every function needs a name", function, "Name it.")
        declared = function.get("parameters") or {}
        if not isinstance(declared, Mapping):
            raise _bad(
                name, "parameters", "must map names to {type, required}", declared, "Fix it."
            )
        parameters: dict[str, tuple[str, bool, str, str | None]] = {}
        for pname, pspec in declared.items():
            kind = _check_type(
                name, pname, pspec.get("type") if isinstance(pspec, Mapping) else None
            )
            required = bool(pspec.get("required"))
            parameters[pname] = (kind, required, "parameter", _text(pspec.get("description")))
        _add(
            tools,
            BridgeTool(
                name,
                _text(function.get("description")),
                parameters,
                confirm=function.get("requireConfirmation") == "ENABLED",
            ),
        )
    return tools


def _openapi_tools(document: Any) -> dict[str, BridgeTool]:
    paths = document.get("paths") if isinstance(document, Mapping) else None
    if not isinstance(paths, Mapping) or not paths:
        raise _bad(
            None, "paths", "an OpenAPI document needs paths", None, "Pass the whole document."
        )
    tools: dict[str, BridgeTool] = {}
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            raise _bad(None, f"path {path}", "must be an object", item, "Fix the path.")
        shared = item.get("parameters") or []
        for method in _METHODS:
            operation = item.get(method)
            if not isinstance(operation, Mapping):
                continue
            name = operation.get("operationId")
            if not isinstance(name, str) or not name:
                raise _bad(
                    None,
                    f"{method.upper()} {path}",
                    "every operation needs an operationId: it is the tool's name",
                    None,
                    "Add a unique operationId.",
                )
            parameters: dict[str, tuple[str, bool, str, str | None]] = {}
            for parameter in [*shared, *(operation.get("parameters") or [])]:
                parameter = _resolve(document, parameter)
                if parameter.get("in") not in ("path", "query"):
                    continue  # header and cookie parameters are the caller's, not the model's
                pname = parameter.get("name")
                schema = _resolve(document, parameter.get("schema") or {"type": "string"})
                kind = _check_type(name, pname, schema.get("type", "string"))
                required = bool(parameter.get("required")) or parameter.get("in") == "path"
                parameters[pname] = (
                    kind,
                    required,
                    "parameter",
                    _text(parameter.get("description")),
                )
            _body(document, name, operation, parameters)
            _add(
                tools,
                BridgeTool(
                    name,
                    _text(operation.get("description") or operation.get("summary")),
                    parameters,
                    api_path=path,
                    http_method=method.upper(),
                    confirm=operation.get("x-requireConfirmation") == "ENABLED",
                ),
            )
    return tools


def _body(
    document: Mapping[str, Any],
    name: str,
    operation: Mapping[str, Any],
    parameters: dict[str, tuple[str, bool, str, str | None]],
) -> None:
    request_body = _resolve(document, operation.get("requestBody") or {})
    content = request_body.get("content") or {}
    media = content.get("application/json") if isinstance(content, Mapping) else None
    if not isinstance(media, Mapping):
        return
    schema = _resolve(document, media.get("schema") or {})
    required = set(schema.get("required") or ())
    for pname, pschema in (schema.get("properties") or {}).items():
        pschema = _resolve(document, pschema)
        kind = _check_type(name, pname, pschema.get("type", "object"))
        if pname in parameters:
            raise _bad(
                name,
                f"parameter {pname}",
                "a body property has the name of a path or query parameter; the Gateway "
                "tool has one flat list of arguments",
                pname,
                "Rename one of them.",
            )
        parameters[pname] = (kind, pname in required, "body", _text(pschema.get("description")))


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    """Follow local ``$ref``s (``#/components/...``)."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        reference: str = node["$ref"]
        seen += 1
        if not reference.startswith("#/") or seen > 32:
            raise _bad(None, "$ref", "only local references are served", reference, "Inline it.")
        target: Any = document
        for part in reference[2:].split("/"):
            target = target.get(part) if isinstance(target, Mapping) else None
        if target is None:
            raise _bad(None, "$ref", "points at nothing", reference, "Fix the reference.")
        node = target
    if not isinstance(node, Mapping):
        raise _bad(None, "schema", "must be an object", node, "Fix the document.")
    return node


def _check_type(tool: str, name: Any, kind: Any) -> str:
    if not isinstance(name, str) or not name:
        raise _bad(tool, "parameter", "every parameter needs a name", name, "Name it.")
    if kind not in _TYPES:
        raise _bad(
            tool,
            f"parameter {name}",
            f"type must be one of {', '.join(_TYPES)}",
            kind,
            "Declare the parameter's type.",
        )
    return str(kind)


def _add(tools: dict[str, BridgeTool], tool: BridgeTool) -> None:
    if tool.name in tools:
        raise _bad(tool.name, "name", "two tools have this name", tool.name, "Make names unique.")
    tools[tool.name] = tool


def _bad(tool: str | None, field: str, rule: str, value: Any, fix: str) -> SchemaError:
    return SchemaError(tool=tool, field=field, rule=rule, value=value, fix=fix)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def header_map(mapping: Mapping[str, str] | None, what: str) -> dict[str, str]:
    """Session attribute -> lower-cased header name, checked. Raises ``SchemaError``."""
    result: dict[str, str] = {}
    for attribute, header in (mapping or {}).items():
        if not isinstance(attribute, str) or not isinstance(header, str) or not header:
            raise _bad(
                None,
                what,
                "maps attribute names to header names",
                (attribute, header),
                'e.g. {"employee_id": "x-employee-id"}',
            )
        result[attribute] = header.lower()
    return result
