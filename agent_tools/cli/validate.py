"""Bedrock's rules checked on exported documents, as ``agent-tools check`` reports them.

The exporters already refuse what they know Bedrock refuses; these checks read the documents
back against independent references, so a gap in an exporter shows up before a deployment:
botocore's model of ``CreateAgentActionGroup`` (shapes, and the patterns, maximum lengths and
enums that botocore leaves to the service), ``openapi-spec-validator``'s OpenAPI 3.0 schema,
and the rules of docs/bedrock-agents.md#openapi-schema (no ``enum``, no 3.1-isms, descriptions,
unique
operation ids).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator, Mapping
from typing import Any

from agent_tools.text import shown

__all__ = [
    "SPEC_CHECK_SKIPPED",
    "openapi_problems",
    "request_problems",
    "spec_validator_installed",
]

_OPERATION = "CreateAgentActionGroup"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_OPERATION_ID = re.compile(r"[A-Za-z0-9_-]+")
# Schema Object keywords of JSON Schema 2020-12 (OpenAPI 3.1) that 3.0 does not have.
_NOT_30 = {
    "const": "use a description: OpenAPI 3.0 has no const",
    "examples": "use example (one value): OpenAPI 3.0 schemas have no examples",
    "prefixItems": "use items: OpenAPI 3.0 has no prefixItems",
}

_NOT_A_REFERENCE = "'$ref' is a required property"

Path = tuple[str | int, ...]


# -- create_agent_action_group ---------------------------------------------------------------


def request_problems(request: Mapping[str, Any]) -> list[str]:
    """What the service would refuse in this ``create_agent_action_group`` request."""
    import botocore.session  # type: ignore[import-untyped,unused-ignore]
    from botocore.validate import ParamValidator  # type: ignore[import-untyped,unused-ignore]

    model = botocore.session.get_session().get_service_model("bedrock-agent")
    shape = model.operation_model(_OPERATION).input_shape
    report = ParamValidator().validate(request, shape)
    problems = [
        f"{_label(request, ())}: {line}. Fix: make the exported schema match the service model"
        for line in (report.generate_report().splitlines() if report.has_errors() else [])
    ]
    problems += [
        f"{_label(request, path)}: {rule} (got {shown(value, 80)}). Fix: {fix}"
        for path, rule, value, fix in _constraints(request, shape, ())
    ]
    return problems


def _constraints(value: Any, shape: Any, path: Path) -> Iterator[tuple[Path, str, Any, str]]:
    """Patterns, lengths and enums of the model, which botocore does not check client-side."""
    kind = shape.type_name
    if kind == "structure" and isinstance(value, Mapping):
        for key, item in value.items():
            if key in shape.members:
                yield from _constraints(item, shape.members[key], (*path, key))
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _constraints(item, shape.member, (*path, index))
    elif kind == "map" and isinstance(value, Mapping):
        for key, item in value.items():
            yield from _constraints(key, shape.key, (*path, key, "name"))
            yield from _constraints(item, shape.value, (*path, key))
    elif kind == "string" and isinstance(value, str):
        metadata = shape.metadata
        pattern = metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            yield path, f"must match {pattern}", value, "Rename it to match the pattern."
        high = metadata.get("max")  # botocore checks "min" itself
        if high is not None and len(value) > high:
            low = metadata.get("min", 0)
            rule = f"must be {low} to {high} characters long, not {len(value)}"
            yield path, rule, value, "Shorten it."
        allowed = metadata.get("enum")
        if allowed and value not in allowed:
            yield path, f"must be one of {', '.join(allowed)}", value, "Use one of those."


def _label(request: Mapping[str, Any], path: Path) -> str:
    """``tool 'x', parameter 'y' description`` for a place in the request."""
    if path[:2] == ("functionSchema", "functions") and len(path) > 2:
        functions = request["functionSchema"]["functions"]
        name = functions[path[2]].get("name") if isinstance(functions[path[2]], Mapping) else None
        rest = path[3:]
        where = f"tool {name!r}" if isinstance(name, str) else f"function [{path[2]}]"
        if rest[:1] == ("parameters",) and len(rest) > 1:
            field = " ".join(str(part) for part in rest[2:]) or "parameter"
            return f"{where}, parameter {rest[1]!r} {field}"
        return f"{where}, {'.'.join(map(str, rest)) or 'function'}"
    if not path:
        return "create_agent_action_group request"
    return f"create_agent_action_group request, {'.'.join(map(str, path))}"


# -- OpenAPI ---------------------------------------------------------------------------------


SPEC_CHECK_SKIPPED = (
    "the OpenAPI 3.0 schema check did not run: it needs openapi-spec-validator, "
    "pip install 'bedrock-agent-tools[validate]'"
)


def spec_validator_installed() -> bool:
    """Whether ``openapi-spec-validator`` (the ``validate`` extra) can be imported."""
    try:
        return importlib.util.find_spec("openapi_spec_validator") is not None
    except (ImportError, ValueError):
        return False


def openapi_problems(document: Mapping[str, Any]) -> list[str]:
    """What OpenAPI 3.0 or Bedrock would refuse in ``document``.

    The document is read against the OpenAPI 3.0 schema only when ``openapi-spec-validator``
    is installed (``spec_validator_installed``); Bedrock's own rules are always checked.
    """
    spec = list(_spec_problems(document)) if spec_validator_installed() else []
    return [*spec, *_bedrock_problems(document)]


def _spec_problems(document: Mapping[str, Any]) -> Iterator[str]:
    from openapi_spec_validator.validation import OpenAPIV30SpecValidator

    lines: dict[str, None] = {}
    for error in OpenAPIV30SpecValidator(document).iter_errors():
        for leaf in _deepest(error):
            place = "".join(f"[{part!r}]" for part in leaf.absolute_path) or " (the root)"
            lines[
                f"OpenAPI 3.0 document{place}: {leaf.message}. "
                "Fix: make the document valid OpenAPI 3.0"
            ] = None
    yield from lines


def _deepest(error: Any) -> list[Any]:
    """The errors that say what is wrong: an anyOf/oneOf failure holds each branch's errors,
    and the branch that got deepest into the document is the one that was meant."""
    if not error.context:
        return [error]
    depth = max(len(sub.absolute_path) for sub in error.context)
    leaves = [
        leaf for sub in error.context if len(sub.absolute_path) == depth for leaf in _deepest(sub)
    ]
    # "Schema Object or Reference Object": that a Schema Object is not a Reference is noise.
    leaves = [leaf for leaf in leaves if leaf.message != _NOT_A_REFERENCE] or leaves
    return sorted(leaves, key=lambda leaf: [str(part) for part in leaf.absolute_path])


def _bedrock_problems(document: Mapping[str, Any]) -> Iterator[str]:
    version = document.get("openapi")
    if not (isinstance(version, str) and version.startswith("3.0.")):
        yield (
            f"OpenAPI document, openapi: Bedrock takes OpenAPI 3.0 (got {version!r}). "
            "Fix: write openapi: 3.0.0"
        )
    if "security" in document:
        yield "OpenAPI document, security: Bedrock refuses security. Fix: remove it"
    operation_ids: dict[str, str] = {}
    paths = document.get("paths")
    for path, item in (paths if isinstance(paths, Mapping) else {}).items():
        if not str(path).startswith("/"):
            yield f"OpenAPI path {path!r}: must start with '/'. Fix: add a leading '/'"
        if not isinstance(item, Mapping):
            continue
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                yield from _operation_problems(method, str(path), operation, operation_ids)
    components = document.get("components")
    schemas = components.get("schemas", {}) if isinstance(components, Mapping) else {}
    for name, schema in schemas.items():
        yield from _schema_problems(f"components/schemas/{name}", schema)
    for place in _keys_named(document, "$defs", "$"):
        yield (
            f"OpenAPI document, {place}: OpenAPI 3.0 has no $defs. "
            "Fix: put the schemas under components/schemas"
        )


def _operation_problems(
    method: str, path: str, operation: Mapping[str, Any], seen: dict[str, str]
) -> Iterator[str]:
    operation_id = operation.get("operationId")
    route = f"{method.upper()} {path}"
    where = f"tool {operation_id!r}, {route}" if isinstance(operation_id, str) else route
    if not operation.get("description"):
        yield f"{where}: the operation needs a description (the model reads it). Fix: add one"
    if not isinstance(operation_id, str) or not _OPERATION_ID.fullmatch(operation_id):
        yield (
            f"{where}: operationId must be letters, digits, '_' or '-' (got "
            f"{operation_id!r}). Fix: rename it"
        )
    elif operation_id in seen:
        yield (
            f"{where}: operationId is also the id of {seen[operation_id]} (got "
            f"{operation_id!r}). Fix: make it unique"
        )
    else:
        seen[operation_id] = route
    if not operation.get("responses"):
        yield f"{where}: the operation needs responses. Fix: add a 200 response"
    if "security" in operation:
        yield f"{where}: Bedrock refuses security. Fix: remove it"
    if "requestBody" in operation and method in ("get", "delete"):
        yield f"{where}: Bedrock refuses a requestBody on {method.upper()}. Fix: use POST"
    for parameter in operation.get("parameters", []):
        name = parameter.get("name") if isinstance(parameter, Mapping) else None
        label = f"{where} parameter {name!r}"
        missing = [key for key in ("name", "in", "description") if not parameter.get(key)]
        if missing:
            them = "it" if len(missing) == 1 else "them"
            yield f"{label}: needs {', '.join(missing)}. Fix: add {them}"
        if "schema" in parameter:
            yield from _schema_problems(f"{label} schema", parameter["schema"])
    body = operation.get("requestBody")
    for media, content in _content(body).items():
        yield from _schema_problems(f"{where} requestBody {media} schema", content.get("schema"))
    responses = operation.get("responses")
    for status, response in (responses if isinstance(responses, Mapping) else {}).items():
        for media, content in _content(response).items():
            schema = content.get("schema")
            yield from _schema_problems(f"{where} response {status} {media} schema", schema)


def _content(holder: Any) -> Mapping[str, Any]:
    content = holder.get("content") if isinstance(holder, Mapping) else None
    if not isinstance(content, Mapping):
        return {}
    return {media: item for media, item in content.items() if isinstance(item, Mapping)}


def _schema_problems(where: str, schema: Any) -> Iterator[str]:
    """The 3.1-isms and ``enum`` in a Schema Object and every schema under it."""
    for path, node in _schema_objects(schema, ""):
        place = f"{where}{path}"
        if "enum" in node:
            yield (
                f"{place}: Bedrock refuses enum (got {shown(node['enum'], 80)}). "
                "Fix: list the allowed values in the description"
            )
        for key, fix in _NOT_30.items():
            if key in node:
                yield f"{place}: {key} is not OpenAPI 3.0 (got {shown(node[key], 80)}). Fix: {fix}"
        kind = node.get("type")
        if kind == "null" or isinstance(kind, list):
            yield (
                f"{place}: type {kind!r} is not OpenAPI 3.0. Fix: use one type and nullable: true"
            )
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            if key in node and not isinstance(node[key], bool):
                bound = "minimum" if key == "exclusiveMinimum" else "maximum"
                yield (
                    f"{place}: a numeric {key} is OpenAPI 3.1 (got {shown(node[key], 80)}). "
                    f"Fix: write {bound}: {node[key]!r} and {key}: true"
                )


def _schema_objects(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    if not isinstance(node, Mapping):
        return
    yield path, node
    for key, value in node.items():
        if key == "properties" and isinstance(value, Mapping):
            for name, sub in value.items():
                yield from _schema_objects(sub, f"{path}.properties.{name}")
        elif key in ("allOf", "anyOf", "oneOf", "prefixItems") and isinstance(value, list):
            for index, sub in enumerate(value):
                yield from _schema_objects(sub, f"{path}.{key}[{index}]")
        elif key in ("items", "not", "additionalProperties"):
            yield from _schema_objects(value, f"{path}.{key}")


def _keys_named(node: Any, key: str, path: str) -> Iterator[str]:
    if isinstance(node, Mapping):
        for name, value in node.items():
            if name == key:
                yield f"{path}.{name}"
            yield from _keys_named(value, key, f"{path}.{name}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _keys_named(value, key, f"{path}[{index}]")
