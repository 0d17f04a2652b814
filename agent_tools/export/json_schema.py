"""Convert Pydantic's JSON Schema (2020-12) into the OpenAPI 3.0 Schema Objects Bedrock accepts.

Pydantic v2 emits JSON Schema 2020-12, the dialect of OpenAPI 3.1, but Bedrock Agents accept only
OpenAPI 3.0 and also reject ``enum`` (docs/bedrock-agents.md#openapi-schema). ``to_openapi30``
rewrites one schema, as produced by
``Model.model_json_schema(ref_template="#/components/schemas/{model}")``, into that subset. It
works on plain dicts and never imports pydantic.

The schema is a hint for the model, not a validator, so every rewrite keeps the set of accepted
values the same or widens it: what 3.0 cannot say goes into ``description`` (``const``, ``enum``,
``{"type": "null"}``) or is dropped (``if``/``then``, ``propertyNames``, ...). Keywords under
``not`` get the same rewrites, where widening the inner schema narrows the outer one; Pydantic
never emits ``not``. ``nullable: true`` is also put beside ``allOf``/``anyOf`` without a ``type``
(the common convention, and what an optional nested model needs), although strict OpenAPI 3.0.3
readers only honour it next to ``type``.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["to_openapi30"]

Schema = dict[str, Any]

_COMPONENTS = "#/components/schemas/"
_DEFS_PREFIXES = ("#/$defs/", "#/definitions/")

# What the 3.0 Schema Object allows, minus `enum` (Bedrock rejects it). Listing what is allowed
# rather than what is not means 2020-12 keywords nobody thought of are dropped too, instead of
# failing the upload.
_ALLOWED = frozenset(
    {
        "$ref", "title", "description", "default", "example", "deprecated", "readOnly",
        "writeOnly", "nullable", "type", "format", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items",
        "minItems", "maxItems", "uniqueItems", "properties", "additionalProperties", "required",
        "minProperties", "maxProperties", "allOf", "anyOf", "oneOf", "not", "discriminator",
        "externalDocs", "xml",
    }
)  # fmt: skip


def to_openapi30(schema: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Convert one JSON Schema (as from
    model_json_schema(ref_template="#/components/schemas/{model}")) to OpenAPI 3.0.

    Returns (converted root schema without $defs, converted definitions to put under
    components/schemas).
    """
    defs: dict[str, Schema] = {}
    return _convert(_plain(schema), defs), defs


def _plain(schema: Mapping[str, Any]) -> Any:
    """A deep copy made of plain JSON types (no tuples, no enum members) to rewrite in place."""
    return json.loads(json.dumps(schema, default=_mapping_as_dict, allow_nan=False))


def _mapping_as_dict(value: object) -> dict[Any, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"not a JSON value: {value!r}")


def _convert(node: Any, defs: dict[str, Schema]) -> Schema:
    if isinstance(node, bool):
        # 3.0 has no boolean schemas (except as additionalProperties, which never gets here).
        return {} if node else {"not": {}}
    if not isinstance(node, dict):
        raise TypeError(f"not a schema: {node!r}")
    _hoist_defs(node, defs)
    while _flatten_null_union(node, "anyOf") or _flatten_null_union(node, "oneOf"):
        _hoist_defs(node, defs)  # the member merged in may have brought its own
    _convert_type(node)
    _convert_const(node)
    _convert_enum(node)
    _convert_bounds(node)
    _convert_examples(node)
    _convert_tuple(node)
    _convert_pattern_properties(node)
    node = {k: v for k, v in node.items() if k in _ALLOWED or k.startswith("x-")}
    if node.get("required") == []:
        del node["required"]  # 3.0 requires at least one entry
    _convert_children(node, defs)
    _rewrite_refs(node)
    return _wrap_ref(node)


def _hoist_defs(node: Schema, defs: dict[str, Schema]) -> None:
    for key in ("$defs", "definitions"):
        for name, sub in node.pop(key, {}).items():
            converted = _convert(sub, defs)
            if defs.setdefault(name, converted) != converted:
                raise ValueError(f"two different definitions are both named {name!r}")


def _is_null(member: Any) -> bool:
    if not isinstance(member, dict):
        return False
    if "const" in member:
        return member["const"] is None
    return member.get("type") in ("null", ["null"]) or member.get("enum") == [None]


def _flatten_null_union(node: Schema, key: str) -> bool:
    members = node.get(key)
    if not isinstance(members, list) or not any(_is_null(m) for m in members):
        return False
    rest = [m for m in members if not _is_null(m)]
    del node[key]
    node["nullable"] = True
    if len(rest) > 1:
        node[key] = rest
    elif not rest:
        node["type"] = "null"
    else:
        # The parent's keys describe the field, so they win; a `$ref` merged in here gets
        # wrapped in allOf later, because 3.0 ignores the siblings of `$ref`.
        for k, v in (rest[0] if isinstance(rest[0], dict) else {}).items():
            if k == "description" and "description" in node:
                _describe(node, v)
            else:
                node.setdefault(k, v)
    return True


def _describe(node: Schema, text: str) -> None:
    node["description"] = f"{node['description']} {text}" if node.get("description") else text


def _mark_only_null(node: Schema) -> None:
    # 3.0 cannot say "only null": nullable without a type accepts anything, the text says the rest.
    node["nullable"] = True
    _describe(node, "Always null.")


def _convert_type(node: Schema) -> None:
    kind = node.get("type")
    if kind == "null":
        del node["type"]
        _mark_only_null(node)
    elif isinstance(kind, list):
        kinds = [k for k in kind if k != "null"]
        del node["type"]
        if len(kinds) < len(kind):
            node["nullable"] = True
        if not kinds:
            _mark_only_null(node)
        elif len(kinds) == 1:
            node["type"] = kinds[0]
        else:
            union = {"anyOf": [{"type": k} for k in kinds]}
            if "anyOf" in node:
                node.setdefault("allOf", []).append(union)
            else:
                node.update(union)


_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array"}


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "object")  # exact types: _plain leaves no subclasses


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _render(value: Any) -> str:
    plain = isinstance(value, str) and value and "," not in value and value == value.strip()
    return value if plain else json.dumps(value)  # quotes keep "a, b" or "" readable in a list


def _convert_const(node: Schema) -> None:
    if "const" not in node:
        return
    value = node.pop("const")
    if value is None:
        _mark_only_null(node)
        return
    _describe(node, f"Always {_render(value)}.")
    node.setdefault("type", _json_type(value))


def _convert_enum(node: Schema) -> None:
    if "enum" not in node:
        return
    given = node.pop("enum")
    values = [v for v in given if v is not None]
    if len(values) < len(given):
        node["nullable"] = True
    if not values:
        _mark_only_null(node)
        return
    listed = ", ".join(_render(v) for v in values)
    _describe(node, f"Always {listed}." if len(values) == 1 else f"One of: {listed}.")
    kinds = {_json_type(v) for v in values}
    if kinds == {"integer", "number"}:
        kinds = {"number"}
    if len(kinds) == 1:
        node.setdefault("type", kinds.pop())


_BOUNDS: tuple[tuple[str, str, Callable[[Any, Any], bool]], ...] = (
    ("exclusiveMinimum", "minimum", operator.gt),
    ("exclusiveMaximum", "maximum", operator.lt),
)


def _convert_bounds(node: Schema) -> None:
    for exclusive, inclusive, stricter in _BOUNDS:
        bound = node.get(exclusive)
        if isinstance(bound, bool) and inclusive not in node:
            del node[exclusive]  # 3.0 (draft 4) forbids the flag without its number
        if not _is_number(bound):
            continue
        other = node.get(inclusive)
        # 3.0 has one bound per side, so keep whichever excludes more; on a tie the exclusive one.
        if _is_number(other) and stricter(other, bound):
            del node[exclusive]
        else:
            node[inclusive] = bound
            node[exclusive] = True


def _convert_examples(node: Schema) -> None:
    examples = node.pop("examples", None)
    if isinstance(examples, list) and examples:
        node.setdefault("example", examples[0])


def _union(members: list[Any]) -> Any:
    # Deduplicate by JSON text, because in Python {"const": 1} == {"const": True}.
    unique = list({json.dumps(m, sort_keys=True): m for m in members}.values())
    return unique[0] if len(unique) == 1 else {"anyOf": unique}


def _convert_tuple(node: Schema) -> None:
    prefix = node.pop("prefixItems", None)
    if isinstance(prefix, list) and prefix:
        # 3.0 `items` covers every position, so it must admit the prefix and the rest alike.
        rest = node.get("items")
        node["items"] = _union(prefix + ([] if rest is None or rest is False else [rest]))
    if node.get("type") == "array":
        node.setdefault("items", {})  # 3.0 says items MUST be present for arrays


def _convert_pattern_properties(node: Schema) -> None:
    patterns = node.pop("patternProperties", None)
    extra = node.get("additionalProperties")
    if not isinstance(patterns, dict) or not patterns or extra is True:
        return
    # Pydantic emits patternProperties for dicts whose keys all must match a pattern, so the
    # pattern schemas describe every value. Also, merely dropping them beside
    # `additionalProperties: false` would forbid every key.
    node["additionalProperties"] = _union([*patterns.values(), *([extra] if extra else [])])
    _describe(node, f"Keys match {' or '.join(patterns)}.")


def _convert_children(node: Schema, defs: dict[str, Schema]) -> None:
    for key in ("items", "not"):
        if key in node:
            node[key] = _convert(node[key], defs)
    if isinstance(node.get("additionalProperties"), dict):
        node["additionalProperties"] = _convert(node["additionalProperties"], defs)
    for key in ("allOf", "anyOf", "oneOf"):
        if key in node:
            node[key] = [_convert(m, defs) for m in node[key]]
    if "properties" in node:
        node["properties"] = {n: _convert(s, defs) for n, s in node["properties"].items()}


def _ref(ref: str) -> str:
    for prefix in _DEFS_PREFIXES:
        if ref.startswith(prefix):
            return _COMPONENTS + ref.removeprefix(prefix)
    return ref


def _rewrite_refs(node: Schema) -> None:
    if isinstance(node.get("$ref"), str):
        node["$ref"] = _ref(node["$ref"])
    mapping = node.get("discriminator", {}).get("mapping")
    if isinstance(mapping, dict):
        node["discriminator"]["mapping"] = {k: _ref(v) for k, v in mapping.items()}


def _wrap_ref(node: Schema) -> Schema:
    if "$ref" not in node or len(node) == 1:
        return node
    # 3.0 ignores the siblings of `$ref`; beside an allOf holding it, they count again.
    ref = node.pop("$ref")
    return {"allOf": [{"$ref": ref}, *node.pop("allOf", [])], **node}
