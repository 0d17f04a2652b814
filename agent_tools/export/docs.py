"""Descriptions for the schemas: decorator, then ``Param``, then the docstring, plus hints.

Read at the first export, never at dispatch: parsing docstrings is the slowest part of
describing a tool, and a Lambda answering events never needs it.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent_tools._declare.rules import check_length
from agent_tools._declare.spec import ParamSpec, ToolSpec
from agent_tools._declare.typeinfo import FieldInfo
from agent_tools._serve.encode import encode_body
from agent_tools.errors import SchemaError
from agent_tools.export.wording import format_hint

__all__ = ["ToolDocs", "field_description", "tool_docs", "tool_problems"]

TOOL_DESCRIPTION_MAX = 1200
PARAM_DESCRIPTION_MAX = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolDocs:
    """What the model reads about one tool."""

    description: str
    parameters: dict[str, str]  # by parameter key
    returns: str | None  # the docstring's Returns section


def tool_docs(group: str, tool: ToolSpec) -> ToolDocs:
    """Describe ``tool`` for the schemas; raise ``SchemaError`` where Bedrock would refuse."""
    parsed = _parse(tool.function)
    description = _tool_description(group, tool, parsed)
    parameters = {
        param.key: _param_description(group, tool, param, parsed.params.get(param.name))
        for param in tool.inputs
    }
    return ToolDocs(description=description, parameters=parameters, returns=parsed.returns)


def tool_problems(group: str, tool: ToolSpec) -> list[SchemaError]:
    """Every problem ``tool_docs`` would raise, the tool's and each parameter's, not the first."""
    parsed = _parse(tool.function)
    checks: list[Callable[[], object]] = [lambda: _tool_description(group, tool, parsed)]
    checks += [
        functools.partial(_param_description, group, tool, param, parsed.params.get(param.name))
        for param in tool.inputs
    ]
    problems = []
    for check in checks:
        try:
            check()
        except SchemaError as problem:
            problems.append(problem)
    return problems


def _tool_description(group: str, tool: ToolSpec, parsed: _Parsed) -> str:
    description = tool.description or parsed.text
    if not description:
        raise SchemaError(
            group=group,
            tool=tool.name,
            field="description",
            rule="a tool needs a description: the model chooses tools by it",
            value=None,
            fix="Add a docstring to the function or pass description= to @tool.",
        )
    check_length(
        description,
        low=1,
        high=TOOL_DESCRIPTION_MAX,
        field="description",
        group=group,
        tool=tool.name,
        fix="Shorten the docstring's text (Args/Returns/Raises sections do not count).",
    )
    return description


def field_description(field: FieldInfo) -> str | None:
    """A model field's description with its format hint, for function-mode summaries."""
    return _join(field.description, format_hint(field.type))


def _param_description(group: str, tool: ToolSpec, param: ParamSpec, documented: str | None) -> str:
    # Bedrock requires a description on OpenAPI parameters; the name in words beats none.
    text = (
        param.description or documented or _model_summary(param.type.model) or _humanize(param.key)
    )
    default = None
    if not param.required and param.default is not None:
        try:
            default = f"Default: {_default_text(param.default)}."
        except (TypeError, ValueError):
            default = None
    description = _join(text, format_hint(param.type), default) or text
    check_length(
        description,
        low=1,
        high=PARAM_DESCRIPTION_MAX,
        field=f"parameter {param.key!r} description",
        group=group,
        tool=tool.name,
        fix="Shorten the parameter's description; the type hint added to it says what "
        "format to send.",
    )
    return description


def _humanize(name: str) -> str:
    words = name.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] + "."


def _default_text(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return encode_body(value)


def _model_summary(model: type | None) -> str | None:
    doc = getattr(model, "__doc__", None) if model is not None else None
    # A dataclass without a docstring gets its signature as __doc__: not a description.
    if not doc or model is None or doc.startswith(f"{model.__name__}("):
        return None
    return _parse_text(doc).text


def _join(*parts: str | None) -> str | None:
    """Sentences joined with spaces; a full stop ends each one that another follows."""
    sentences = [part.strip() for part in parts if part and part.strip()]
    for index, text in enumerate(sentences[:-1]):
        if text[-1] not in ".!?:;)":
            sentences[index] = text + "."
    return " ".join(sentences) or None


@dataclass(frozen=True, slots=True)
class _Parsed:
    text: str | None
    params: dict[str, str]
    returns: str | None = None


def _parse(function: Any) -> _Parsed:
    doc = inspect.getdoc(function)
    return _parse_text(doc) if doc else _Parsed(None, {})


def _parse_text(doc: str) -> _Parsed:
    import docstring_parser  # a maintained parser for Google, NumPy and Sphinx styles

    parsed = docstring_parser.parse(inspect.cleandoc(doc))
    text = "\n\n".join(
        part.strip()
        for part in (parsed.short_description, parsed.long_description)
        if part and part.strip()
    )
    params = {
        p.arg_name: " ".join(p.description.split())
        for p in parsed.params
        if p.description and p.description.strip()
    }
    returns = parsed.returns.description if parsed.returns else None
    return _Parsed(text or None, params, " ".join(returns.split()) if returns else None)
