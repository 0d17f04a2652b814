"""Every exception the package raises or lets tool code raise.

Two families, kept apart on purpose:

* ``AgentToolsError`` and its subclasses are *developer* mistakes, found when tools are
  registered or schemas exported. They name the tool, the field, the rule and the fix.
* ``Reprompt`` and ``Failure`` are raised *by tool code* at call time to choose the answer
  Bedrock gets: the model may retry after a ``Reprompt``; a ``Failure`` ends the turn.
"""

from __future__ import annotations

from . import text

__all__ = [
    "AgentToolsError",
    "CoercionError",
    "Failure",
    "RegistrationError",
    "Reprompt",
    "SchemaError",
]


class AgentToolsError(Exception):
    """Base class of the errors that point at a mistake in the code declaring the tools."""


class RegistrationError(AgentToolsError, TypeError):
    """A tool cannot be registered: an annotation, a marker or a decorator argument is wrong."""

    def __init__(self, message: str, *, tool: str | None = None, parameter: str | None = None):
        where = _where(tool, parameter)
        super().__init__(f"{where}: {message}" if where else message)
        self.tool = tool
        self.parameter = parameter


class SchemaError(AgentToolsError, ValueError):
    """A declaration breaks one of Bedrock's schema rules (docs/bedrock-agents.md#names-and-quotas).

    Attributes:
        tool: the tool concerned, or ``None`` for the action group itself.
        field: what is wrong: ``"name"``, ``"description"``, ``"parameter employee_id"``...
        rule: the rule broken, in words.
        value: the offending value.
        fix: what to change.
    """

    def __init__(
        self,
        *,
        tool: str | None,
        field: str,
        rule: str,
        value: object,
        fix: str,
        group: str | None = None,
    ) -> None:
        self.group = group
        self.tool = tool
        self.field = field
        self.rule = rule
        self.value = value
        self.fix = fix
        shown = value if isinstance(value, int) else text.shown(value, 80)
        where = f"tool {tool!r}" if tool else f"action group {group!r}" if group else "schema"
        super().__init__(f"{where}, {field}: {rule} (got {shown}). {fix}")


class CoercionError(ValueError):
    """A value the model sent does not fit the annotated type.

    ``expected`` says in words what would have been accepted and ``detail`` what was wrong
    with the value, when there is more to say; both are what the model reads.
    """

    def __init__(self, expected: str, got: object, detail: str | None = None) -> None:
        super().__init__(f"expected {expected}" + (f" ({detail})" if detail else ""))
        self.expected = expected
        self.got = got
        self.detail = detail


class Reprompt(Exception):
    """Raise from a tool to hand a message back to the model so it can correct its call.

    Answers ``responseState: REPROMPT`` to function-details events and ``status`` (default
    400) to OpenAPI events.
    """

    def __init__(self, message: str, *, status: int = 400) -> None:
        if not 400 <= status <= 499:
            raise ValueError(f"Reprompt status must be a 4xx HTTP code, got {status}")
        super().__init__(message)
        self.message = message
        self.status = status


class Failure(Exception):
    """Raise from a tool when a dependency is broken and the model cannot fix it by retrying.

    Answers ``responseState: FAILURE`` to function-details events and ``status`` (default
    500) to OpenAPI events. The message is shown to the caller as is: keep internals out.
    """

    def __init__(self, message: str, *, status: int = 500) -> None:
        if not 500 <= status <= 599:
            raise ValueError(f"Failure status must be a 5xx HTTP code, got {status}")
        super().__init__(message)
        self.message = message
        self.status = status


def _where(tool: str | None, parameter: str | None) -> str:
    parts = []
    if tool:
        parts.append(f"tool {tool!r}")
    if parameter:
        parts.append(f"parameter {parameter!r}")
    return ", ".join(parts)
