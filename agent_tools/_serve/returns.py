"""Results checked against a tool's declared return type, where one is described.

A tool annotated ``-> Claim`` that returns a string would answer 200 while the exported
response schema says otherwise. Only results declared as a model (dataclass, Pydantic model,
TypedDict) or an array of models are checked: their schema is what the model relies on, and
a plain ``-> str`` or ``-> dict`` costs nothing per call. A mismatch is the tool's failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agent_tools._declare.typeinfo import Kind, TypeInfo
from agent_tools.response import Response

__all__ = ["ResultCheck", "ResultTypeError", "result_check"]

ResultCheck = Callable[[Any], None]


class ResultTypeError(TypeError):
    """A tool returned something other than its declared return type."""


def result_check(tool: str, info: TypeInfo | None) -> ResultCheck | None:
    """The check for ``tool``'s results, or ``None`` when nothing is declared to check."""
    if info is None:
        return None
    matches: Callable[[Any], bool]
    if info.kind is Kind.ARRAY and info.item is not None and info.item.is_model:
        matches_item = _matcher(info.item)
        declared = f"a list of {_name(info.item)}"

        def matches_items(result: Any) -> bool:
            return isinstance(result, list | tuple | set | frozenset) and all(
                matches_item(item) for item in result
            )

        matches = matches_items

    elif info.is_model:
        matches = _matcher(info)
        declared = _name(info)
    else:
        return None
    nullable = info.nullable

    def check(result: Any) -> None:
        if isinstance(result, Response):
            status = result.status
            if status is not None and not (isinstance(status, int) and status < 400):
                return  # a REPROMPT or FAILURE the tool chose: its body is a message
            result = result.body
        if not matches(result) and not (nullable and result is None):
            raise ResultTypeError(
                f"{tool} returned {type(result).__name__}, but its declared return type is "
                f"{declared}; return that type, or change the annotation"
            )

    return check


def _matcher(info: TypeInfo) -> Callable[[Any], bool]:
    model = info.model
    required = getattr(model, "__required_keys__", None)
    if isinstance(required, frozenset):  # a TypedDict: a dict with the required keys

        def matches_keys(result: Any) -> bool:
            return isinstance(result, dict) and required <= result.keys()

        return matches_keys

    def matches_class(result: Any) -> bool:
        return isinstance(result, model)  # type: ignore[arg-type]

    return matches_class


def _name(info: TypeInfo) -> str:
    return getattr(info.model, "__name__", "the declared model")
