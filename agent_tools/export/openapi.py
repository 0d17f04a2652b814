"""The action group as an OpenAPI 3.0 document Bedrock accepts
(docs/bedrock-agents.md#openapi-schema).

Bedrock takes a subset of OpenAPI 3.0: no ``enum`` (allowed values go into descriptions),
a ``description`` and a unique ``operationId`` on every operation, a ``description`` on every
parameter, no request body on GET or DELETE. Pydantic's 3.1-flavoured JSON Schema is
converted by ``jsonschema.to_openapi30``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from agent_tools._declare.constraints import constraint_schema
from agent_tools._declare.kinds import leaf_schema
from agent_tools._declare.spec import Location, ParamSpec, ToolSpec
from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools._serve.encode import encode_body
from agent_tools.errors import SchemaError

from .docs import ToolDocs, field_description, tool_docs

__all__ = ["input_schema", "openapi", "output_schema"]

_REF = "#/components/schemas/"


def openapi(
    *,
    title: str,
    version: str,
    description: str | None,
    tools: Iterable[ToolSpec],
    error_media_type: str = "application/json",
) -> dict[str, Any]:
    """The OpenAPI document of an action group, with ``tools`` in their order.

    Args:
        title: the action group's name.
        version: the document's ``info.version``.
        description: the action group's description, if any.
        tools: the tools to describe.
        error_media_type: the content type of the 4xx and 5xx bodies the group sends.
    """
    components = _Components(title)
    paths: dict[str, dict[str, Any]] = {}
    for tool in tools:
        operation = _operation(title, tool, components, error_media_type)
        paths.setdefault(tool.path, {})[tool.method.lower()] = operation
    info: dict[str, Any] = {"title": title, "version": version}
    if description:
        info["description"] = description
    document: dict[str, Any] = {"openapi": "3.0.0", "info": info, "paths": paths}
    if components.schemas:
        document["components"] = {"schemas": dict(sorted(components.schemas.items()))}
    return document


def input_schema(
    group: str, tool: ToolSpec, docs: ToolDocs | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A tool's model parameters as one object schema by key, with the schemas it references.

    This is the shape of arguments that arrive as one JSON object (a gateway's, say); the
    ``$ref``s point at ``#/components/schemas/``, the second value.
    """
    docs = docs or tool_docs(group, tool)
    components = _Components(group)
    properties = {
        param.key: _described(
            _with_default(components.schema(param.type, tool), param), docs.parameters[param.key]
        )
        for param in tool.inputs
    }
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [param.key for param in tool.inputs if param.required]
    if required:
        schema["required"] = required
    return schema, components.schemas


def output_schema(
    group: str, tool: ToolSpec, docs: ToolDocs | None = None
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]] | None:
    """The schema of a tool's result, with the schemas it references; ``None`` if undescribed."""
    if tool.returns is None:
        return None
    docs = docs or tool_docs(group, tool)
    components = _Components(group)
    schema = _described(components.schema(tool.returns, tool), docs.returns)
    return schema, components.schemas


def _operation(
    group: str, tool: ToolSpec, components: _Components, error_media_type: str
) -> dict[str, Any]:
    docs = tool_docs(group, tool)
    operation: dict[str, Any] = {"operationId": tool.name}
    summary = docs.description.split("\n", 1)[0].strip()
    if summary != docs.description:  # a one-line description needs no summary beside it
        operation["summary"] = summary
    operation["description"] = docs.description
    parameters = [
        {
            "name": param.key,
            "in": param.location.value,  # type: ignore[union-attr]
            "description": docs.parameters[param.key],
            "required": param.required or param.location is Location.PATH,
            "schema": _with_default(components.schema(param.type, tool), param),
        }
        for param in tool.inputs
        if param.location is not Location.BODY
    ]
    if parameters:
        operation["parameters"] = parameters
    body = [p for p in tool.inputs if p.location is Location.BODY]
    if body:
        operation["requestBody"] = _request_body(tool, body, docs.parameters, components)
    response: dict[str, Any] = {"description": docs.returns or f"The result of {tool.name}."}
    if tool.returns is not None:
        schema = components.schema(tool.returns, tool)
        response["content"] = {"application/json": {"schema": schema}}
    operation["responses"] = {"200": response, **_error_responses(error_media_type)}
    if tool.confirm:
        operation["x-requireConfirmation"] = "ENABLED"
    return operation


def _error_responses(media_type: str) -> dict[str, Any]:
    """The answers the package itself sends when a call does not succeed: a text message."""
    content = {media_type: {"schema": {"type": "string"}}}
    return {
        "400": {
            "description": "Invalid input: the message names each parameter to correct. "
            "Call again with them corrected.",
            "content": content,
        },
        "413": {
            "description": "The result is too large to return. Ask for less.",
            "content": content,
        },
        "500": {
            "description": "The tool failed, not because of the input. The message says what "
            "happened.",
            "content": content,
        },
    }


def _request_body(
    tool: ToolSpec,
    body: list[ParamSpec],
    descriptions: dict[str, str],
    components: _Components,
) -> dict[str, Any]:
    if tool.body_model is not None:
        param = tool.body_model
        return {
            "description": descriptions[param.key],
            "required": param.required,
            "content": {"application/json": {"schema": components.schema(param.type, tool)}},
        }
    properties = {
        param.key: _described(
            _with_default(components.schema(param.type, tool), param), descriptions[param.key]
        )
        for param in body
    }
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [param.key for param in body if param.required]
    if required:
        schema["required"] = required
    return {
        "required": bool(required),
        "content": {"application/json": {"schema": schema}},
    }


def _with_default(schema: dict[str, Any], param: ParamSpec) -> dict[str, Any]:
    if param.required or param.default is None or "$ref" in schema or "allOf" in schema:
        return schema
    try:
        default = json.loads(encode_body(param.default))
    except (TypeError, ValueError):  # not JSON (a str default), or cannot be written as JSON
        default = param.default if isinstance(param.default, str) else None
    return schema if default is None else {**schema, "default": default}


def _described(schema: dict[str, Any], description: str | None) -> dict[str, Any]:
    if not description:
        return schema
    if "$ref" in schema:  # siblings of $ref are ignored in OpenAPI 3.0
        return {"allOf": [schema], "description": description}
    return {**schema, "description": description}


class _Components:
    """Schemas for ``TypeInfo``s, with models collected under ``components/schemas``."""

    def __init__(self, group: str) -> None:
        self.group = group
        self.schemas: dict[str, dict[str, Any]] = {}
        self._owners: dict[str, type] = {}

    def schema(self, info: TypeInfo, tool: ToolSpec) -> dict[str, Any]:
        schema = self._schema(info, tool)
        if not info.nullable:
            return schema
        if "$ref" in schema:
            return {"allOf": [schema], "nullable": True}
        return {**schema, "nullable": True}

    def _schema(self, info: TypeInfo, tool: ToolSpec) -> dict[str, Any]:
        kind = info.kind
        if kind is Kind.ARRAY:
            assert info.item is not None  # an ARRAY always has an item type
            schema: dict[str, Any] = {"type": "array", "items": self.schema(info.item, tool)}
            if info.container in (set, frozenset):
                schema["uniqueItems"] = True
            if info.constraints is not None:
                schema.update(
                    constraint_schema(info.constraints, boolean_exclusive=True, array=True)
                )
            return schema
        if kind is Kind.OBJECT:
            if info.model is None:
                assert info.item is not None  # a mapping always has a value type
                values = self.schema(info.item, tool)
                return {"type": "object", "additionalProperties": values or True}
            return self._model(info, tool)
        return leaf_schema(info, boolean_exclusive=True)

    def _model(self, info: TypeInfo, tool: ToolSpec) -> dict[str, Any]:
        model = info.model
        assert model is not None
        name = model.__name__
        owner = self._owners.get(name)
        if owner is not None and owner is not model:
            raise SchemaError(
                group=self.group,
                tool=tool.name,
                field="components/schemas",
                rule="two different models have the same name",
                value=name,
                fix=f"Rename one of {owner.__module__}.{name} and {model.__module__}.{name}.",
            )
        if owner is None:
            self._owners[name] = model
            self.schemas[name] = {}  # placeholder: stops recursion through self-references
            if info.pydantic:
                self._pydantic(model)
            else:
                self.schemas[name] = self._dataclass(info, tool)
        return {"$ref": _REF + name}

    def _pydantic(self, model: Any) -> None:
        from .json_schema import to_openapi30

        root, definitions = to_openapi30(
            model.model_json_schema(ref_template=_REF + "{model}", mode="validation")
        )
        for name, schema in definitions.items():
            self.schemas.setdefault(name, schema)
        self.schemas[model.__name__] = root

    def _dataclass(self, info: TypeInfo, tool: ToolSpec) -> dict[str, Any]:
        properties = {
            field.name: _described(self.schema(field.type, tool), field_description(field))
            for field in info.fields
        }
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        required = [field.name for field in info.fields if field.required]
        if required:
            schema["required"] = required
        model = info.model
        doc = (model.__doc__ or "") if model is not None else ""
        if doc and not doc.startswith(f"{model.__name__}("):  # type: ignore[union-attr]
            schema["description"] = " ".join(doc.split())
        return schema
