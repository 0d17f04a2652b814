"""The action group as an OpenAPI 3.0 document Bedrock accepts (contract section 4).

Bedrock takes a subset of OpenAPI 3.0: no ``enum`` (allowed values go into descriptions),
a ``description`` and a unique ``operationId`` on every operation, a ``description`` on every
parameter, no request body on GET or DELETE. Pydantic's 3.1-flavoured JSON Schema is
converted by ``jsonschema.to_openapi30``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .constraints import constraint_schema
from .describe import field_description
from .encode import encode_body
from .errors import SchemaError
from .kinds import leaf_schema
from .spec import Location, ParamSpec, ToolSpec
from .typeinfo import Kind, TypeInfo

if TYPE_CHECKING:
    from .app import ActionGroup

__all__ = ["openapi"]

_REF = "#/components/schemas/"


def openapi(group: ActionGroup) -> dict[str, Any]:
    """The OpenAPI document of ``group``, with its tools in registration order."""
    components = _Components(group.name)
    paths: dict[str, dict[str, Any]] = {}
    for tool in group.tools:
        paths.setdefault(tool.path, {})[tool.method.lower()] = _operation(group, tool, components)
    info: dict[str, Any] = {"title": group.name, "version": group.version}
    if group.description:
        info["description"] = group.description
    document: dict[str, Any] = {"openapi": "3.0.0", "info": info, "paths": paths}
    if components.schemas:
        document["components"] = {"schemas": dict(sorted(components.schemas.items()))}
    return document


def _operation(group: ActionGroup, tool: ToolSpec, components: _Components) -> dict[str, Any]:
    docs = group.docs(tool)
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
    operation["responses"] = {"200": response, **_error_responses(group.error_media_type)}
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
        from .jsonschema import to_openapi30

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
