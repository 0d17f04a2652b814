"""``AgentSession``: tool calls sent as Bedrock sends them, with the session's state carried.

Session attributes persist, as in Bedrock: every call sends the session's current ones, and
the ``sessionAttributes`` a response returns become the session's (a tool's changes, merged
by the framework, stay for later calls). Prompt session attributes belong to one turn: they
are reset after every call to the ones the current turn started with, the session's initial
ones unless ``turn()`` set others. Whether Bedrock passes a tool's prompt attributes on to a
later tool call of the same turn is not documented; the session assumes it does not, so a
test that relies on it must set them itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from agent_tools.app import ActionGroup
from agent_tools.router import Router

from .contract import check_response
from .events import (
    ArrayStyle,
    check_arguments,
    find_tool,
    function_event,
    openapi_event,
    tool_event,
)
from .gateway import gateway_context, gateway_event
from .lambda_context import fake_lambda_context
from .result import ToolResult

__all__ = ["AgentSession"]

Handler = Callable[[Any, Any], Any]
_BODY_METHODS = ("POST", "PUT", "PATCH")


class AgentSession:
    """A simulated agent session that calls one action group's tools.

    It speaks Bedrock Agents by default; with ``gateway=True`` it sends AgentCore Gateway
    calls instead (``gateway_call``): the arguments as JSON, the tool as
    ``target___tool`` and identity in the propagated ``headers``, each answer read by
    ``ToolResult.from_gateway``.

    Args:
        app: an ``ActionGroup`` or ``Router``, whose declarations build the events; or a
            Lambda handler ``(event, context) -> response``, called with events built from
            the tool's name and the argument values.
        action_group: the action group's name as deployed; required for a ``Router`` or a
            handler, and defaults to the group's own name.
        handler: for an ``ActionGroup`` or ``Router``: run the events through this entry
            point (a ``lambda_handler`` wrapped by Powertools, say) instead of ``resolve``.
        session_attributes: the attributes the caller of ``InvokeAgent`` starts with.
        prompt_session_attributes: the prompt session attributes each turn starts with.
        openapi: send OpenAPI events. With a bare handler, name the operation instead of
            a tool, as ``"POST /employees/{employee_id}/vacations"``: path placeholders
            go to ``parameters``, the other arguments to the body for POST, PUT and PATCH
            and to ``parameters`` otherwise.
        lambda_context: the context every call gets; by default a ``fake_lambda_context``
            with a new ``aws_request_id`` per call.
        session_id: the agent session's id.
        agent: fields of the calling agent that differ from ``DEFAULT_AGENT``.
        array_style: how arrays are written: ``"json"``, ``"bare"`` or ``"java"``.
        gateway: send AgentCore Gateway calls through the handler (by default the app's
            ``lambda_handler``).
        headers: the propagated headers of gateway calls (identity: ``SessionAttr(header=)``).
        target: the gateway target's name; defaults to the action group's name.

    Attributes:
        session_attributes: what the next call sends; a test may change it, as the
            caller of ``InvokeAgent`` may.
        prompt_session_attributes: what the next call sends.
        input_text: the user's text of the current turn.
        knowledge_bases: the last ``knowledgeBasesConfiguration`` a response set, if any.
        results: every call's result, in order.
        headers: the propagated headers the next gateway call sends.
    """

    def __init__(
        self,
        app: ActionGroup | Router | Handler,
        *,
        action_group: str | None = None,
        handler: Handler | None = None,
        session_attributes: Mapping[str, str] | None = None,
        prompt_session_attributes: Mapping[str, str] | None = None,
        openapi: bool = False,
        lambda_context: Any = None,
        session_id: str = "test-session",
        agent: Mapping[str, str] | None = None,
        array_style: ArrayStyle = "json",
        gateway: bool = False,
        headers: Mapping[str, str] | None = None,
        target: str | None = None,
    ) -> None:
        self._group: ActionGroup | None = None
        if gateway and openapi:
            raise ValueError("gateway=True and openapi=True cannot be used together")
        if gateway and (session_attributes or prompt_session_attributes):
            raise ValueError(
                "a Gateway call carries no session attributes: pass the trusted values as "
                "headers= (the propagated headers that SessionAttr(header=...) reads)"
            )
        if isinstance(app, ActionGroup):
            self._group = app
            self.action_group = app.name if action_group is None else action_group
            entry = app.lambda_handler if gateway else app.resolve
            self._handler: Handler = entry if handler is None else handler
        elif isinstance(app, Router):
            if action_group not in app.groups:
                raise ValueError(
                    f"name the action group to call with action_group=: one of "
                    f"{', '.join(sorted(app.groups))}, not {action_group!r}"
                )
            self._group = app.groups[action_group]
            self.action_group = action_group
            entry = app.lambda_handler if gateway else app.resolve
            self._handler = entry if handler is None else handler
        elif callable(app):
            if action_group is None:
                raise ValueError(
                    "a bare handler does not say which action group it serves: "
                    "pass action_group= (the name Bedrock sends in actionGroup)"
                )
            if handler is not None:
                raise ValueError("handler= goes with an ActionGroup or Router, not a handler")
            self.action_group = action_group
            self._handler = app
        else:
            raise TypeError(
                f"AgentSession takes an ActionGroup, a Router or a Lambda handler, "
                f"not {type(app).__name__}"
            )
        self.openapi = openapi
        self.gateway = gateway
        self.headers: dict[str, str] = dict(headers or {})
        self.target = self.action_group if target is None else target
        self.session_id = session_id
        self.agent = agent
        self.array_style: ArrayStyle = array_style
        self.session_attributes: dict[str, str] = dict(session_attributes or {})
        self._initial_prompt: dict[str, str] = dict(prompt_session_attributes or {})
        self._turn_prompt = dict(self._initial_prompt)
        self.prompt_session_attributes: dict[str, str] = dict(self._turn_prompt)
        self.input_text = ""
        self.knowledge_bases: Sequence[Mapping[str, Any]] | None = None
        self.results: list[ToolResult] = []
        self._lambda_context = lambda_context
        self._calls = 0

    def turn(
        self, input_text: str, *, prompt_session_attributes: Mapping[str, str] | None = None
    ) -> AgentSession:
        """Start a new user turn; returns the session, so ``session.turn(...).call(...)``.

        Args:
            input_text: what the user said: the ``inputText`` of this turn's calls.
            prompt_session_attributes: this turn's prompt session attributes; by default
                the session's initial ones.
        """
        self.input_text = input_text
        self._turn_prompt = dict(
            self._initial_prompt if prompt_session_attributes is None else prompt_session_attributes
        )
        self.prompt_session_attributes = dict(self._turn_prompt)
        return self

    def call(self, tool_name: str, /, **arguments: Any) -> ToolResult:
        """Send the event Bedrock would send for the model's call; check and apply the answer.

        Args:
            tool_name: the tool (with a bare handler and ``openapi=True``: the operation,
                ``"METHOD /path/{template}"``).
            arguments: the values the model fills in; each is written as Bedrock writes it.

        Raises:
            ValueError: the tool or an argument is unknown.
            ContractError: the handler's answer breaks the contract.
        """
        self._calls += 1
        request_id = f"00000000-0000-4000-8000-{self._calls:012d}"
        if self.gateway:
            return self._gateway_call(tool_name, arguments, request_id)
        event = self._event(tool_name, arguments)
        context = self._lambda_context
        if context is None:  # a new request id per call, as Lambda gives, yet the same every run
            context = fake_lambda_context(aws_request_id=request_id)
        # Through JSON both ways, as Lambda does: the handler cannot keep a reference to the
        # session's event, and an answer that cannot be serialised fails here too.
        response = self._handler(json.loads(json.dumps(event)), context)
        check_response(event, response)
        result = ToolResult.from_response(json.loads(json.dumps(response)), event=event)
        self.session_attributes = dict(result.session_attributes)
        if result.knowledge_bases is not None:
            self.knowledge_bases = result.knowledge_bases
        self.prompt_session_attributes = dict(self._turn_prompt)
        self.results.append(result)
        return result

    def _gateway_call(
        self, tool_name: str, arguments: Mapping[str, Any], request_id: str
    ) -> ToolResult:
        if self._group is not None:
            tool = find_tool(self._group, tool_name)
            if tool.body_model is None:  # a model body's fields are the arguments themselves
                check_arguments(tool, arguments, trusted="headers")
        event = gateway_event(arguments)
        context = self._lambda_context
        if context is None:
            context = gateway_context(
                tool_name, target=self.target, headers=self.headers, aws_request_id=request_id
            )
        answer = self._handler(json.loads(json.dumps(event)), context)
        result = ToolResult.from_gateway(json.loads(json.dumps(answer)), event=event)
        self.results.append(result)
        return result

    def _event(self, tool_name: str, arguments: Mapping[str, Any]) -> dict[str, Any]:
        state: dict[str, Any] = {
            "action_group": self.action_group,
            "session_attributes": self.session_attributes,
            "prompt_session_attributes": self.prompt_session_attributes,
            "input_text": self.input_text,
            "session_id": self.session_id,
            "agent": self.agent,
            "array_style": self.array_style,
        }
        if self._group is not None:
            return tool_event(self._group, tool_name, arguments, openapi=self.openapi, **state)
        if not self.openapi:
            return function_event(tool_name, arguments, **state)
        method, _, path = tool_name.partition(" ")
        if not path.startswith("/"):
            raise ValueError(
                f"with a bare handler and openapi=True, name the operation as "
                f"'METHOD /path', such as 'GET /employees/{{employee_id}}'; got {tool_name!r}"
            )
        method = method.upper()
        in_path = {name for name in arguments if "{" + name + "}" in path}
        parameters = {k: v for k, v in arguments.items() if k in in_path}
        rest = {k: v for k, v in arguments.items() if k not in in_path}
        if method in _BODY_METHODS:
            return openapi_event(path, method, parameters, rest, **state)
        return openapi_event(path, method, {**parameters, **rest}, **state)

    def __repr__(self) -> str:
        return (
            f"AgentSession(action_group={self.action_group!r}, openapi={self.openapi}, "
            f"gateway={self.gateway}, "
            f"calls={len(self.results)})"
        )
