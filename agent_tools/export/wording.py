"""Words about types in descriptions: what the model should send.

Bedrock's function schema has no ``enum``, no ``items``, no ``format`` and no bounds, so
allowed values, date formats, element types and ``Annotated`` bounds travel in the
parameter's description. The sentence is ``kinds.expected``: the same words name what was
expected when a value is refused, so the schema and the REPROMPT message never disagree.
"""

from __future__ import annotations

from agent_tools._declare.kinds import KINDS, expected, json_type
from agent_tools._declare.typeinfo import Kind, TypeInfo

__all__ = ["format_hint"]


def format_hint(info: TypeInfo) -> str | None:
    """The sentence added to a parameter's description so the model knows what to send.

    ``None`` for types whose schema ``type`` already says everything.
    """
    if not KINDS[info.kind].described and info.constraints is None:
        return None
    if info.kind is Kind.OBJECT and info.fields:
        fields = ", ".join(
            f"{f.name} ({json_type(f.type)}{'' if f.required else ', optional'})"
            for f in info.fields
        )
        return f"A JSON object with the fields: {fields}."
    text = expected(info)
    return text[0].upper() + text[1:] + "."
