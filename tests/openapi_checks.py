"""Checks of OpenAPI 3.0 Schema Objects shared by the schema tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ALLOWED_30 = {
    "$ref", "title", "description", "default", "example", "deprecated", "readOnly", "writeOnly",
    "nullable", "type", "format", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items", "minItems", "maxItems",
    "uniqueItems", "properties", "additionalProperties", "required", "minProperties",
    "maxProperties", "allOf", "anyOf", "oneOf", "not", "discriminator", "externalDocs", "xml",
}  # fmt: skip


def schema_objects(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every Schema Object under node, however nested, with a path for error messages."""
    if not isinstance(node, dict):
        return
    yield path, node
    for key, value in node.items():
        if key == "properties":
            for name, sub in value.items():
                yield from schema_objects(sub, f"{path}.properties.{name}")
        elif key in ("allOf", "anyOf", "oneOf"):
            for i, sub in enumerate(value):
                yield from schema_objects(sub, f"{path}.{key}[{i}]")
        elif key in ("items", "not", "additionalProperties"):
            yield from schema_objects(value, f"{path}.{key}")


def leftovers_31(root: dict[str, Any], defs: dict[str, dict[str, Any]]) -> list[str]:
    """What in the output would make Bedrock (or a 3.0 reader) reject or misread it."""
    found = []
    everything = [
        *schema_objects(root),
        *(s for n, d in defs.items() for s in schema_objects(d, n)),
    ]
    for path, schema in everything:
        found += [f"{path}: {k}" for k in schema if k not in ALLOWED_30 and not k.startswith("x-")]
        if isinstance(schema.get("type"), list) or schema.get("type") == "null":
            found.append(f"{path}: type {schema['type']!r}")
        for key in ("exclusiveMinimum", "exclusiveMaximum"):
            if key in schema and not isinstance(schema[key], bool):
                found.append(f"{path}: numeric {key}")
        if "$ref" in schema and len(schema) > 1:
            found.append(f"{path}: $ref with siblings {sorted(schema)}")
        refs = [schema.get("$ref"), *schema.get("discriminator", {}).get("mapping", {}).values()]
        for ref in filter(None, refs):
            name = ref.removeprefix("#/components/schemas/")
            if ref == name or name not in defs:
                found.append(f"{path}: dangling {ref}")
    return found
