"""``Context``: the call's metadata and the session state a tool may change."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["Context"]


class Context:
    """What a tool sees of the event beyond its parameters.

    Declare a parameter annotated ``Context`` to receive it; it never appears in a schema.
    Changes to ``session_attributes``, ``prompt_session_attributes`` and
    ``knowledge_bases`` are sent back to Bedrock with the result, unless the tool raises.
    On an AgentCore Gateway the event metadata is absent (``None``): the gateway sends none,
    and its event is the model's arguments (``docs/agentcore-gateway.md#context``).
    """

    __slots__ = (
        "action_group",
        "event",
        "knowledge_bases",
        "lambda_context",
        "prompt_session_attributes",
        "session_attributes",
        "tool",
    )

    def __init__(
        self,
        event: Mapping[str, Any],
        *,
        tool: str,
        action_group: str,
        lambda_context: Any = None,
        session_attributes: dict[str, str] | None = None,
        prompt_session_attributes: dict[str, str] | None = None,
    ) -> None:
        self.event = event
        self.tool = tool
        self.action_group = action_group
        self.lambda_context = lambda_context
        self.session_attributes: dict[str, str] = (
            {} if session_attributes is None else session_attributes
        )
        self.prompt_session_attributes: dict[str, str] = (
            {} if prompt_session_attributes is None else prompt_session_attributes
        )
        self.knowledge_bases: list[dict[str, Any]] | None = None

    @property
    def agent(self) -> Mapping[str, str]:
        """The calling agent: ``name``, ``id``, ``alias`` and ``version``."""
        agent = self.event.get("agent")
        return agent if isinstance(agent, Mapping) else {}

    @property
    def agent_id(self) -> str | None:
        return self.agent.get("id")

    @property
    def agent_alias(self) -> str | None:
        return self.agent.get("alias")

    @property
    def session_id(self) -> str | None:
        value = self.event.get("sessionId")
        return value if isinstance(value, str) else None

    @property
    def input_text(self) -> str | None:
        """The user's text for this turn."""
        value = self.event.get("inputText")
        return value if isinstance(value, str) else None

    @property
    def api_path(self) -> str | None:
        """The operation's path template, for OpenAPI events."""
        value = self.event.get("apiPath")
        return value if isinstance(value, str) else None

    @property
    def http_method(self) -> str | None:
        """The operation's method in upper case, for OpenAPI events."""
        value = self.event.get("httpMethod")
        return value.upper() if isinstance(value, str) else None

    @property
    def request_id(self) -> str | None:
        """The Lambda request id, when running in Lambda."""
        return getattr(self.lambda_context, "aws_request_id", None)

    def __repr__(self) -> str:
        return (
            f"Context(action_group={self.action_group!r}, tool={self.tool!r}, "
            f"session_id={self.session_id!r})"
        )
