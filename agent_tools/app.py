"""``ActionGroup`` and ``Router``: where tools are declared, and the Lambda's entry points.

Declaring analyses each tool once into a frozen ``ToolSpec`` (``_declare``); a call is read by
the runtime of its platform (``_runtimes``) and run by the platform-free core (``_serve``);
exports are functions over the specs (``export``), imported only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from ._declare.analyze import analyze_tool
from ._declare.registry import ToolRegistry
from ._declare.rules import Limits, check_length, check_name
from ._declare.spec import ToolSpec
from ._runtimes import CLAIMING, FALLBACK, bedrock_agents, gateway
from ._serve.call import ExceptionHandler, Runner
from .errors import RegistrationError
from .outcome import OutcomeKind

if TYPE_CHECKING:
    from .export.cloudformation import Executor
    from .outcome import Outcome

__all__ = ["RETURN_CONTROL", "ActionGroup", "Router"]

F = TypeVar("F", bound=Callable[..., Any])
H = TypeVar("H", bound=ExceptionHandler)

RETURN_CONTROL = "RETURN_CONTROL"
"""Pass as ``executor`` to ``cloudformation()`` for a group run client-side (return of control)."""


class ActionGroup:
    """A named set of tools: one Bedrock action group, or one AgentCore Gateway Lambda target.

    Args:
        name: the action group's name (letters, digits, single ``_`` or ``-``).
        description: what the group is for, 1-200 characters; the model reads it.
        limits: Bedrock's quotas to check against; raise them if AWS raised yours.
        max_body_bytes: results larger than this (UTF-8) are not sent; the model is told
            to ask for less instead.
        version: the ``info.version`` of the OpenAPI document.
        error_media_type: the content type of REPROMPT and FAILURE bodies in OpenAPI answers
            and in the document's 4xx and 5xx responses: ``"application/json"`` (the
            default) or ``"text/plain"``.
    """

    def __init__(
        self,
        name: str,
        description: str | None = None,
        *,
        limits: Limits | None = None,
        max_body_bytes: int = 25_000,
        version: str = "1.0.0",
        error_media_type: Literal["application/json", "text/plain"] = "application/json",
    ) -> None:
        check_name(name, field="action group name", group=name)
        if description is not None:
            check_length(
                description,
                low=1,
                high=200,
                field="action group description",
                group=name,
                fix="Shorten it; put details in the tools' descriptions.",
            )
        if max_body_bytes < 1:
            raise ValueError(f"max_body_bytes must be positive, got {max_body_bytes}")
        if error_media_type not in ("application/json", "text/plain"):
            raise ValueError(
                "error_media_type must be 'application/json' or 'text/plain', "
                f"got {error_media_type!r}"
            )
        self.name = name
        self.description = description
        self.limits = limits or Limits()
        self.version = version
        self.error_media_type = error_media_type
        self._registry = ToolRegistry(name, self.limits, error_media_type)
        self._runner = Runner(max_body_bytes)

    @property
    def max_body_bytes(self) -> int:
        """Results larger than this (UTF-8) are not sent; the model is asked for less."""
        return self._runner.max_body_bytes

    # -- declare -------------------------------------------------------------------------

    @overload
    def tool(self, function: F, /) -> F: ...

    @overload
    def tool(
        self,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        confirm: bool = False,
        method: str | None = None,
        path: str | None = None,
    ) -> Callable[[F], F]: ...

    def tool(
        self,
        function: Callable[..., Any] | None = None,
        /,
        *,
        name: str | None = None,
        description: str | None = None,
        confirm: bool = False,
        method: str | None = None,
        path: str | None = None,
    ) -> Any:
        """Register a function as a tool; works bare (``@app.tool``) and called.

        The function is returned unchanged, so it can still be called and tested directly.

        Args:
            name: the function name the model sees; defaults to the Python name.
            description: what the tool does; defaults to the docstring's text.
            confirm: ask the user to confirm before the tool runs.
            method: the OpenAPI method (default ``POST``).
            path: the OpenAPI path template (default ``/<name>``); ``{placeholders}`` name
                parameters.
        """

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            self.add_tool(
                function,
                name=name,
                description=description,
                confirm=confirm,
                method=method,
                path=path,
            )
            return function

        if function is not None:
            return register(function)
        return register

    def add_tool(
        self,
        function: Callable[..., Any],
        *,
        name: str | None = None,
        description: str | None = None,
        confirm: bool = False,
        method: str | None = None,
        path: str | None = None,
    ) -> ToolSpec:
        """Register ``function``; the non-decorator form of ``tool``."""
        spec = analyze_tool(
            function,
            group=self.name,
            name=name,
            description=description,
            confirm=confirm,
            method=method,
            path=path,
        )
        self._registry.add(spec)
        return spec

    @property
    def tools(self) -> tuple[ToolSpec, ...]:
        """The registered tools, in registration order."""
        return self._registry.tools

    def exception_handler(self, *exceptions: type[BaseException]) -> Callable[[H], H]:
        """Register a function that turns a domain exception into the call's answer.

        The handler is chosen along the raised exception's class hierarchy (the nearest
        registered class wins) and gets the exception. It returns the tool's result (a
        ``Response``, say), or returns or raises ``Reprompt`` or ``Failure`` to refuse the
        call. It applies to exceptions raised by tools and their dependencies, never to the
        package's own refusal of bad input. The function is returned unchanged.

        Args:
            exceptions: the exception classes it handles.
        """
        for exception in exceptions:
            if not (isinstance(exception, type) and issubclass(exception, BaseException)):
                raise RegistrationError(
                    f"exception_handler takes exception classes, got {exception!r}"
                )
        if not exceptions:
            raise RegistrationError(
                "exception_handler needs at least one exception class, "
                "e.g. @app.exception_handler(NotEnoughDays)"
            )

        def register(handler: H) -> H:
            for exception in exceptions:
                self._runner.handlers[exception] = handler
            return handler

        return register

    # -- serve ---------------------------------------------------------------------------

    def resolve(self, event: Any, context: Any = None) -> dict[str, Any]:
        """Answer one Bedrock Agents action-group event with its envelope. Never raises.

        Args:
            event: the event Bedrock sent (function details or OpenAPI).
            context: the Lambda context, if any; tools can reach it through ``Context``.
        """
        return bedrock_agents.answer(self._registry, self._runner, event, context)

    def call_tool(
        self,
        name: str,
        arguments: Mapping[str, Any] | None = None,
        *,
        session_attributes: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        context: Any = None,
    ) -> Outcome:
        """Run the tool called ``name`` with a JSON object of ``arguments``; never raises.

        What a client that runs tools itself needs (an MCP server, a Converse loop): the
        same conversion, checks and outcome as a Lambda call.

        Args:
            name: the tool's name.
            arguments: the model's values by parameter key: JSON values or strings.
            session_attributes: trusted values for ``SessionAttr`` parameters, by key.
            headers: trusted headers for ``SessionAttr(header=...)`` parameters (names
                matched case-insensitively); they win over ``session_attributes``.
            context: a Lambda context, if any; tools reach it via ``Context``.
        """
        from ._runtimes.tool_use import run_named

        return run_named(
            self._registry,
            self._runner,
            name,
            arguments,
            session_attributes=session_attributes,
            headers=headers,
            lambda_context=context,
        )

    def run_tool_use(
        self,
        tool_use: Mapping[str, Any],
        *,
        session_attributes: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        context: Any = None,
    ) -> dict[str, Any]:
        """Run the tool a Converse ``toolUse`` asks for; return its ``{"toolResult": ...}``.

        Put the block in the next user message. Bad input and failures have
        ``status: "error"`` and a message the model can act on. Never raises.

        Args:
            tool_use: the ``toolUse`` content block the model sent.
            session_attributes: trusted values for ``SessionAttr`` parameters, by key.
            headers: trusted headers for ``SessionAttr(header=...)`` parameters (names
                matched case-insensitively); they win over ``session_attributes``.
            context: a Lambda context, if the loop runs in one; tools reach it via ``Context``.
        """
        from ._runtimes.tool_use import run_tool_use

        return run_tool_use(
            self._registry,
            self._runner,
            tool_use,
            session_attributes=session_attributes,
            headers=headers,
            lambda_context=context,
        )

    def lambda_handler(self, event: Any, context: Any) -> Any:
        """The Lambda entry point: ``lambda_handler = app.lambda_handler``.

        Answers every platform the package speaks (``agent_tools._runtimes``): Bedrock Agents
        events with their envelope, AgentCore Gateway calls with the result or an error
        object (``docs/agentcore-gateway.md#the-answer``).
        """
        for runtime in CLAIMING:
            if runtime.matches(event, context):
                return runtime.answer(self._registry, self._runner, event, context)
        return FALLBACK.answer(self._registry, self._runner, event, context)

    # -- export (imported lazily: the Lambda's cold start never pays for them) -------------

    def function_schema(self) -> dict[str, Any]:
        """The ``functionSchema`` argument of ``create_agent_action_group``."""
        from .export.function_schema import function_schema

        return function_schema(
            group=self.name, tools=self.tools, max_parameters=self.limits.max_parameters
        )

    def openapi(self) -> dict[str, Any]:
        """The action group as an OpenAPI 3.0 document Bedrock accepts."""
        from .export.openapi import openapi

        return openapi(
            title=self.name,
            version=self.version,
            description=self.description,
            tools=self.tools,
            error_media_type=self.error_media_type,
        )

    def cloudformation(
        self, executor: Executor, *, schema: Literal["function", "openapi"] = "function"
    ) -> dict[str, Any]:
        """The group as one ``ActionGroups`` entry of an ``AWS::Bedrock::Agent`` resource.

        Args:
            executor: a Lambda ARN, an intrinsic such as ``{"Fn::GetAtt": [fn, "Arn"]}``, or
                ``RETURN_CONTROL``.
            schema: ``"function"`` for a ``FunctionSchema``; ``"openapi"`` for an
                ``ApiSchema`` whose payload is the OpenAPI document as JSON.
        """
        from .export.cloudformation import cloudformation

        return cloudformation(
            name=self.name,
            description=self.description,
            version=self.version,
            tools=self.tools,
            executor=executor,
            schema=schema,
            max_parameters=self.limits.max_parameters,
            error_media_type=self.error_media_type,
        )

    def gateway_tools(self) -> list[dict[str, Any]]:
        """The ``ToolDefinition`` list of an AgentCore Gateway target's ``inlinePayload``."""
        from .export.gateway import gateway_tools

        return gateway_tools(group=self.name, tools=self.tools)

    def gateway_target(
        self,
        lambda_arn: str | Mapping[str, Any],
        *,
        gateway: str | Mapping[str, Any],
        name: str | None = None,
    ) -> dict[str, Any]:
        """The ``Properties`` of an ``AWS::BedrockAgentCore::GatewayTarget`` for this group.

        Args:
            lambda_arn: the function's ARN (a version or alias may be given), or an intrinsic
                such as ``{"Fn::GetAtt": ["ToolFunction", "Arn"]}``.
            gateway: the gateway's identifier, or an intrinsic such as ``{"Ref": "Gateway"}``.
            name: the target's name; defaults to the group's name with ``_`` written ``-``
                (target names cannot contain ``_``). Tools are listed as ``<name>___<tool>``.
        """
        from .export.gateway import gateway_target

        return gateway_target(
            group=self.name,
            name=name or self.name,
            description=self.description,
            tools=self.tools,
            lambda_arn=lambda_arn,
            gateway=gateway,
        )

    def mcp_tools(self, *, prefix: str | None = None) -> list[dict[str, Any]]:
        """MCP ``tools/list`` entries, with annotations read from the declarations.

        Args:
            prefix: a Gateway target name, to list the names as ``<prefix>___<tool>`` the way
                the Gateway does; plain tool names by default.
        """
        from .export.mcp import mcp_tools

        return mcp_tools(group=self.name, tools=self.tools, prefix=prefix)

    def converse_tools(self) -> dict[str, Any]:
        """The ``toolConfig`` argument of Bedrock Converse; answer with ``run_tool_use``."""
        from .export.converse import converse_tools

        return converse_tools(group=self.name, tools=self.tools)

    def inline_functions(self) -> list[dict[str, Any]]:
        """The tools as AgentCore harness ``inline_function`` tools (run by the caller).

        Pass them as ``tools`` to ``CreateHarness`` or ``InvokeHarness``; answer the calls
        with ``agent_tools.harness.run_harness``.
        """
        from .export.harness import inline_functions

        return inline_functions(group=self.name, tools=self.tools)

    def __repr__(self) -> str:
        return f"ActionGroup({self.name!r}, tools={[tool.name for tool in self.tools]})"


class Router:
    """Serve several action groups from one Lambda, dispatching on ``event["actionGroup"]``.

    Args:
        groups: the action groups, found by their names.
        aliases: more names for a group, for when it is deployed under another name.
    """

    def __init__(
        self, *groups: ActionGroup, aliases: Mapping[str, ActionGroup] | None = None
    ) -> None:
        if not groups:
            raise RegistrationError("Router needs at least one ActionGroup")
        self.groups: dict[str, ActionGroup] = {}
        for group in groups:
            self._add(group.name, group)
        for alias, group in (aliases or {}).items():
            self._add(alias, group)

    def _add(self, name: str, group: ActionGroup) -> None:
        if name in self.groups and self.groups[name] is not group:
            raise RegistrationError(f"two action groups are named {name!r}")
        self.groups[name] = group

    def resolve(self, event: Any, context: Any = None) -> dict[str, Any]:
        """Answer one event with the group it names. Never raises."""
        name = event.get("actionGroup") if isinstance(event, Mapping) else None
        group = self.groups.get(name) if isinstance(name, str) else None
        if group is None:
            first = next(iter(self.groups))
            known = ", ".join(sorted(self.groups))
            return bedrock_agents.refusal(
                bedrock_agents.read_request(event, first),
                f"This Lambda serves no action group {name!r}; it serves {known}.",
            )
        return group.resolve(event, context)

    def lambda_handler(self, event: Any, context: Any) -> Any:
        """The Lambda entry point: ``lambda_handler = router.lambda_handler``.

        A Bedrock Agents event goes to the group it names. An AgentCore Gateway call goes to
        the group whose name (or alias) is the call's target name, else to the one group
        that has a tool of the called name
        (``docs/agentcore-gateway.md#one-lambda-several-groups``).
        """
        if gateway.matches(event, context):
            return self._gateway(event, context)
        return self.resolve(event, context)

    def _gateway(self, event: Any, context: Any) -> Any:
        qualified = gateway.tool_name(context)
        if isinstance(qualified, str):
            target, name = gateway.split_tool_name(qualified)
            group = self.groups.get(target)
            if group is None:
                having = {id(g): g for g in self.groups.values() if name in g._registry.by_name}
                if len(having) > 1:
                    names = ", ".join(sorted(g.name for g in having.values()))
                    return gateway.error_answer(
                        f"The tool {name!r} is in several groups ({names}) and the target "
                        f"{target!r} names none of them.",
                        OutcomeKind.NOT_FOUND,
                    )
                group = next(iter(having.values()), None)
            if group is None:
                known = ", ".join(sorted({t.name for g in self.groups.values() for t in g.tools}))
                return gateway.error_answer(
                    f"There is no tool {name!r:.100}; the tools are {known}.",
                    OutcomeKind.NOT_FOUND,
                )
        else:
            group = next(iter(self.groups.values()))  # it refuses the malformed name
        return gateway.answer(group._registry, group._runner, event, context)
