"""``ActionGroup``: where tools are declared, and the Lambda's entry point.

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
from ._exports import GroupExports
from ._runtimes import CLAIMING, FALLBACK, bedrock_agents
from ._serve.call import ExceptionHandler, Runner
from .errors import RegistrationError

if TYPE_CHECKING:
    from .outcome import Outcome

__all__ = ["RETURN_CONTROL", "ActionGroup"]

F = TypeVar("F", bound=Callable[..., Any])
H = TypeVar("H", bound=ExceptionHandler)

RETURN_CONTROL = "RETURN_CONTROL"
"""Pass as ``executor`` to ``cloudformation()`` for a group run client-side (return of control)."""


class ActionGroup(GroupExports):
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
        package's own refusal of bad input. ``Reprompt`` and ``Failure`` are answers already:
        a handler for ``Exception`` leaves them alone; register one for ``Failure`` (or a
        subclass) to reword them. Session changes the tool made through ``Context`` before
        raising are dropped; a returned ``Response`` sets its own. The function is returned
        unchanged.

        Args:
            exceptions: the exception classes it handles.
        """
        for exception in exceptions:
            if not (isinstance(exception, type) and issubclass(exception, BaseException)):
                raise RegistrationError(
                    f"exception_handler takes exception classes, got {exception!r}"
                )
            if not issubclass(exception, Exception):
                raise RegistrationError(
                    f"exception_handler cannot handle {exception.__name__}: it is not an "
                    "Exception (like KeyboardInterrupt and SystemExit), so it ends the process "
                    "and no handler ever sees it; register a subclass of Exception"
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

    def __repr__(self) -> str:
        return f"ActionGroup({self.name!r}, tools={[tool.name for tool in self.tools]})"
