"""A JSON Schema reduced to what an AgentCore Gateway tool schema can say.

A Gateway tool schema (``SchemaDefinition``) has five keys only: ``type``, ``description``,
``properties``, ``required`` and ``items``; the top level of ``inputSchema`` and
``outputSchema`` is an object. ``gateway_schema`` reduces a full JSON Schema (OpenAPI 3.0 or
2020-12, as this package's OpenAPI writer and Pydantic produce) to that subset. Like
``json_schema.to_openapi30``, it keeps or widens the set of accepted values: what the subset
cannot say (allowed values, formats, bounds, defaults, nullability) moves into the
``description``, where the model reads it; what cannot be said at all is dropped. It reports
each move and drop as a note, so a migration can show what changed. See
``docs/agentcore-exports.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .json_schema import _is_null

__all__ = ["gateway_schema"]

Schema = dict[str, Any]

TYPES = ("string", "number", "integer", "boolean", "array", "object")
_KEPT = frozenset({"type", "description", "properties", "required", "items"})
# Dropped without a note: they describe nothing a caller must respect.
_QUIET = frozenset({"title", "$schema", "$id", "$comment", "examples", "example", "xml"})
_REF_PREFIXES = ("#/components/schemas/", "#/$defs/", "#/definitions/")

# A format's sentence, and a word that shows a description already says it.
_FORMATS = {
    "date": ("A date as YYYY-MM-DD.", "YYYY-MM-DD"),
    "date-time": ("An ISO 8601 date-time such as 2026-01-24T09:30:00Z.", "ISO 8601"),
    "time": ("A time as HH:MM:SS.", "HH:MM"),
    "uuid": ("A UUID.", "UUID"),
    "email": ("An email address.", "email"),
    "uri": ("A URI.", "URI"),
}

_BOUNDS = (
    ("minimum", "At least {}."),
    ("maximum", "At most {}."),
    ("exclusiveMinimum", "More than {}."),
    ("exclusiveMaximum", "Less than {}."),
    ("multipleOf", "A multiple of {}."),
    ("minLength", "At least {} characters."),
    ("maxLength", "At most {} characters."),
    ("pattern", "Matches the regular expression {}."),
    ("minItems", "At least {} items."),
    ("maxItems", "At most {} items."),
    ("minProperties", "At least {} keys."),
    ("maxProperties", "At most {} keys."),
)


def gateway_schema(
    schema: Mapping[str, Any], *, definitions: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Reduce a JSON Schema to a Gateway ``SchemaDefinition``; also say what changed.

    Args:
        schema: the schema; its ``$ref``s point at ``#/components/schemas/``, ``#/$defs/`` or
            ``#/definitions/``.
        definitions: the schemas the references name, by name (an OpenAPI document's
            ``components/schemas``); ``$defs`` and ``definitions`` inside ``schema`` count too.

    Returns:
        The reduced schema (only ``type``, ``description``, ``properties``, ``required``,
        ``items``) and one note per keyword moved into a description or dropped, naming
        where (``"$"`` is the top level).

    Raises:
        ValueError: a ``$ref`` names no definition, or is not a local reference.
    """
    known: dict[str, Any] = dict(definitions or {})
    for key in ("$defs", "definitions"):
        known.update(schema.get(key) or {})
    nested = schema.get("components")
    if isinstance(nested, Mapping):
        known.update(nested.get("schemas") or {})
    reducer = _Reducer(known)
    return reducer.reduce(schema, "$", ()), reducer.notes


class _Reducer:
    def __init__(self, definitions: Mapping[str, Any]) -> None:
        self.definitions = definitions
        self.notes: list[str] = []

    def note(self, where: str, text: str) -> None:
        line = f"{where}: {text}"
        if line not in self.notes:
            self.notes.append(line)

    def reduce(self, node: Any, where: str, seen: tuple[str, ...]) -> Schema:
        if node is True or node == {}:
            return self._any(where, {})
        if node is False or not isinstance(node, Mapping):
            raise ValueError(f"{where}: not a schema: {node!r}")
        node = dict(node)
        nullable = False
        while True:  # a nullable union's member may bring another $ref or null
            flat, seen = self._flatten(node, where, seen)
            if flat is None:  # a reference back to a schema being reduced
                return {"type": "object", "description": "The same shape as an enclosing object."}
            node = flat
            if not self._nullable(node, where):
                break
            nullable = True
        extra: list[str] = []
        kind = self._type(node, where, seen, extra)
        if kind is None:
            return self._any(where, node)
        out: Schema = {"type": kind}
        self._values(node, where, extra)
        for key, text in _BOUNDS:
            if key in node and not isinstance(node[key], bool):
                extra.append(text.format(_shown(node[key])))
                self.note(where, f"{key} moved to the description")
        if node.get("uniqueItems") is True:
            extra.append("No duplicates.")
            self.note(where, "uniqueItems moved to the description")
        if "default" in node:
            extra.append(f"Default: {_shown(node['default'])}.")
            self.note(where, "default moved to the description")
        if nullable:
            extra.append("May be null.")
        if kind == "object":
            self._object(node, out, where, seen, extra)
        elif kind == "array":
            item = node.get("items")
            if isinstance(item, list):  # draft-4 tuple form: every position in one schema
                item = {"anyOf": item} if item else {}
            out["items"] = self.reduce(item if item is not None else {}, f"{where}[]", seen)
        for key in node:
            if key not in _KEPT and key not in _QUIET and key not in _HANDLED:
                self.note(where, f"{key} dropped (a Gateway schema cannot say it)")
        description = _join(node.get("description"), extra)
        if description:
            out["description"] = description
        return out

    # -- structure ------------------------------------------------------------------------

    def _flatten(
        self, node: Schema, where: str, seen: tuple[str, ...]
    ) -> tuple[Schema | None, tuple[str, ...]]:
        """Resolve ``$ref`` and merge ``allOf``, until neither is left."""
        while "$ref" in node or "allOf" in node:
            if "$ref" in node:
                name = self._ref_name(node.pop("$ref"), where)
                if name in seen:
                    self.note(where, f"recursive reference to {name} cut to a plain object")
                    return None, seen
                seen = (*seen, name)
                node = _merge(dict(self.definitions[name]), node)
            else:
                members = node.pop("allOf")
                for member in members if isinstance(members, list) else []:
                    if isinstance(member, Mapping):
                        node = _merge(dict(member), node)
        return node, seen

    def _ref_name(self, ref: Any, where: str) -> str:
        if isinstance(ref, str):
            for prefix in _REF_PREFIXES:
                if ref.startswith(prefix) and ref.removeprefix(prefix) in self.definitions:
                    return ref.removeprefix(prefix)
        raise ValueError(
            f"{where}: $ref {ref!r} names no definition; pass the schemas it points at as "
            "definitions= (an OpenAPI document's components/schemas)"
        )

    def _nullable(self, node: Schema, where: str) -> bool:
        """Take ``null`` out of ``nullable``, ``type`` lists and ``anyOf``/``oneOf``."""
        nullable = node.pop("nullable", False) is True
        kind = node.get("type")
        if isinstance(kind, list) and "null" in kind:
            node["type"] = [k for k in kind if k != "null"]
            nullable = True
        for key in ("anyOf", "oneOf"):
            members = node.get(key)
            if not (isinstance(members, list) and any(_is_null(m) for m in members)):
                continue
            nullable = True
            rest = [m for m in members if not _is_null(m)]
            del node[key]
            if len(rest) == 1 and isinstance(rest[0], Mapping):
                merged = _merge(dict(rest[0]), node)  # Optional[X]: X, described by the field
                node.clear()
                node.update(merged)
            elif rest:
                node[key] = rest
        if nullable:
            self.note(where, "null moved to the description")
        return nullable

    def _type(
        self, node: Schema, where: str, seen: tuple[str, ...], extra: list[str]
    ) -> str | None:
        union = [m for key in ("anyOf", "oneOf") for m in (node.get(key) or [])]
        kind = node.get("type")
        if isinstance(kind, list):
            kinds = [k for k in kind if k in TYPES]
            if len(kinds) > 1:
                extra.append(f"A value of type {' or '.join(kinds)}.")
                self.note(where, f"type {kind} reduced to {kinds[0]}")
            kind = kinds[0] if kinds else None
        if kind is None and union:
            return self._union(node, union, where, seen, extra)
        if kind is None:
            kind = _implied_type(node)
        if union:
            self.note(where, "anyOf/oneOf dropped beside a type")
        return kind if kind in TYPES else None

    def _union(
        self,
        node: Schema,
        members: list[Any],
        where: str,
        seen: tuple[str, ...],
        extra: list[str],
    ) -> str:
        reduced = [self.reduce(m, where, seen) for m in members]
        kinds = list(dict.fromkeys(m["type"] for m in reduced))
        if kinds == ["object"]:
            # One object whose keys are every member's; required only where all agree.
            properties: Schema = {}
            for member in members:
                flat, _ = self._flatten(dict(member), where, seen)
                properties.update((flat or {}).get("properties") or {})
            required = set.intersection(*(set(m.get("required", [])) for m in reduced))
            node["properties"] = properties
            node["required"] = [name for name in properties if name in required]
            self.note(where, "anyOf/oneOf of objects merged into one object")
        elif kinds == ["array"]:
            node["items"] = {"anyOf": [m.get("items", {}) for m in members if isinstance(m, dict)]}
            self.note(where, "anyOf/oneOf of arrays merged into one array")
        else:
            texts = [
                f"{m['type']} ({m['description'].rstrip('.')})" if "description" in m else m["type"]
                for m in reduced
            ]
            extra.append(f"One of: {'; '.join(texts)}.")
            # The model's text converts to the tool's types, so a string admits every member.
            kind = "string" if "string" in kinds else "number" if "number" in kinds else kinds[0]
            self.note(where, f"anyOf/oneOf of {', '.join(kinds)} reduced to {kind}")
            return str(kind)
        return str(kinds[0])

    def _values(self, node: Schema, where: str, extra: list[str]) -> None:
        if "const" in node:
            extra.append(f"Always {_shown(node['const'])}.")
            self.note(where, "const moved to the description")
        if isinstance(node.get("enum"), list):
            values = [v for v in node["enum"] if v is not None]
            listed = ", ".join(_shown(v) for v in values)
            extra.append(f"Always {listed}." if len(values) == 1 else f"One of: {listed}.")
            self.note(where, "enum moved to the description")
        form = node.get("format")
        if isinstance(form, str):
            sentence, marker = _FORMATS.get(form, (f"Format: {form}.", form))
            if marker not in str(node.get("description", "")):
                extra.append(sentence)
            self.note(where, "format moved to the description")

    def _object(
        self, node: Schema, out: Schema, where: str, seen: tuple[str, ...], extra: list[str]
    ) -> None:
        properties = node.get("properties")
        if isinstance(properties, Mapping) and properties:
            out["properties"] = {
                name: self.reduce(sub, f"{where}.{name}", seen) for name, sub in properties.items()
            }
            required = [n for n in node.get("required") or [] if n in out["properties"]]
            if required:
                out["required"] = required
        values = node.get("additionalProperties")
        if isinstance(values, Mapping) and values:
            shape = self.reduce(values, f"{where}{{}}", seen)
            extra.append(f"Keys are names of your choice; each value is {_a(shape)}.")
            self.note(where, "additionalProperties moved to the description")
        elif values is True and not properties:
            extra.append("Keys are names of your choice.")

    def _any(self, where: str, node: Schema) -> Schema:
        # Every Gateway schema needs a type: any JSON value travels as its JSON text.
        self.note(where, "a schema allowing any value became a string (send JSON text)")
        text = _join(node.get("description"), ["Any JSON value, written as JSON text."])
        return {"type": "string", "description": text}


# Read by the steps above, so they need no "dropped" note.
_HANDLED = frozenset(
    {"nullable", "anyOf", "oneOf", "const", "enum", "format", "default", "uniqueItems",
     "additionalProperties", "$defs", "definitions", "components"}
    | {key for key, _ in _BOUNDS}
)  # fmt: skip


def _merge(base: Schema, over: Mapping[str, Any]) -> Schema:
    """``over`` laid on ``base``: the referring schema's keys describe the field, so they win."""
    merged = {**base}
    for key, value in over.items():
        if key == "properties" and isinstance(merged.get(key), Mapping):
            merged[key] = {**merged[key], **value}
        elif key == "required" and isinstance(merged.get(key), list):
            merged[key] = list(dict.fromkeys([*merged[key], *value]))
        elif key == "description" and merged.get(key) and value != merged[key]:
            merged[key] = f"{value} {merged[key]}"
        else:
            merged[key] = value
    return merged


def _implied_type(node: Mapping[str, Any]) -> str | None:
    if "properties" in node or "additionalProperties" in node:
        return "object"
    if "items" in node or "prefixItems" in node:
        return "array"
    values = node["enum"] if isinstance(node.get("enum"), list) else []
    if "const" in node:
        values = [node["const"]]
    kinds = {_json_type(v) for v in values if v is not None}
    if kinds == {"integer", "number"}:
        return "number"
    return kinds.pop() if len(kinds) == 1 else None


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _shown(value: Any) -> str:
    plain = isinstance(value, str) and value and "," not in value and value == value.strip()
    return str(value) if plain else json.dumps(value, ensure_ascii=False)


def _a(shape: Mapping[str, Any]) -> str:
    kind = str(shape["type"])
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _join(description: Any, extra: Sequence[str]) -> str:
    text = description if isinstance(description, str) else ""
    for sentence in extra:
        if sentence not in text:
            text = f"{text} {sentence}" if text else sentence
    return text.strip()
