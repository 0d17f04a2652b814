"""``ActionGroup``: the registry of tools and the entry points Lambda and the exporters use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, overload

from .analyze import analyze_tool
from .dispatch import error_envelope, read_request, resolve
from .errors import RegistrationError, SchemaError
from .rules import Limits, check_length, check_name
from .spec import ToolSpec

if TYPE_CHECKING:
    import asyncio

    from .describe import ToolDocs

__all__ = ["RETURN_CONTROL", "ActionGroup", "Router"]

F = TypeVar("F", bound=Callable[..., Any])

RETURN_CONTROL = "RETURN_CONTROL"
"""Pass as ``executor`` to ``cloudformation()`` for a group run client-side (return of control)."""

Executor = str | Mapping[str, Any]


class ActionGroup:
    """A named set of tools: one Bedrock action group.

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
        self.max_body_bytes = max_body_bytes
        self.version = version
        self.error_media_type = error_media_type
        self._tools: dict[str, ToolSpec] = {}
        self._routes: dict[tuple[str, str], ToolSpec] = {}
        self._docs: dict[str, ToolDocs] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

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
        if spec.name in self._tools:
            raise RegistrationError(
                "a tool of this name is already registered; pass name= to tell them apart",
                tool=spec.name,
            )
        route = (spec.method, spec.path)
        if route in self._routes:
            raise RegistrationError(
                f"{spec.method} {spec.path} is already the operation of tool "
                f"{self._routes[route].name!r}; give this tool another path",
                tool=spec.name,
            )
        if len(self._tools) >= self.limits.max_tools:
            raise SchemaError(
                group=self.name,
                tool=spec.name,
                field="tools",
                rule=f"an action group may have at most {self.limits.max_tools} tools",
                value=len(self._tools) + 1,
                fix="Split the tools into several action groups (see Router), or raise "
                "Limits(max_tools=...) if AWS raised the quota for your account.",
            )
        seen_name = f"{spec.method.lower()}__{self.name}__{spec.name}"
        if len(seen_name) > self.limits.max_tool_name_length:
            raise SchemaError(
                group=self.name,
                tool=spec.name,
                field="name",
                rule=f"the name the model sees, verb__group__tool, must be at most "
                f"{self.limits.max_tool_name_length} characters, not {len(seen_name)}",
                value=seen_name,
                fix="Shorten the tool or the action group name.",
            )
        self._tools[spec.name] = spec
        self._routes[route] = spec
        return spec

    @property
    def tools(self) -> tuple[ToolSpec, ...]:
        """The registered tools, in registration order."""
        return tuple(self._tools.values())

    def tool_named(self, name: str) -> ToolSpec | None:
        return self._tools.get(name)

    def route(self, method: str, path: str) -> ToolSpec | None:
        """The tool behind an OpenAPI operation; the method's case does not matter."""
        return self._routes.get((method.upper(), path))

    # -- dispatch ------------------------------------------------------------------------

    def resolve(self, event: Any, context: Any = None) -> dict[str, Any]:
        """Answer one action-group event with Bedrock's response envelope. Never raises.

        Args:
            event: the event Bedrock sent (function details or OpenAPI).
            context: the Lambda context, if any; tools can reach it through ``Context``.
        """
        return resolve(self, event, context)

    def lambda_handler(self, event: Any, context: Any) -> dict[str, Any]:
        """The Lambda entry point: ``lambda_handler = app.lambda_handler``."""
        return resolve(self, event, context)

    def run_async(self, awaitable: Awaitable[Any]) -> Any:
        """Run an ``async def`` tool's coroutine on the group's event loop.

        One loop is kept for the life of the process, so clients a tool caches on it (an
        aiohttp session, say) stay usable across warm invocations.
        """
        if self._loop is None or self._loop.is_closed():
            import asyncio  # ~10 ms: paid only by groups with async tools, on first use

            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    # -- export (imported lazily: the Lambda's cold start never pays for them) -----------------

    def function_schema(self) -> dict[str, Any]:
        """The ``functionSchema`` argument of ``create_agent_action_group``."""
        from .function_schema import function_schema

        return function_schema(self)

    def openapi(self) -> dict[str, Any]:
        """The action group as an OpenAPI 3.0 document Bedrock accepts."""
        from .openapi import openapi

        return openapi(self)

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
        from .cloudformation import cloudformation

        return cloudformation(self, executor, schema=schema)

    def docs(self, tool: ToolSpec) -> ToolDocs:
        """The descriptions of ``tool`` and its parameters, checked against Bedrock's rules."""
        docs = self._docs.get(tool.name)
        if docs is None:
            from .describe import tool_docs

            docs = self._docs[tool.name] = tool_docs(self.name, tool)
        return docs

    def __repr__(self) -> str:
        return f"ActionGroup({self.name!r}, tools={list(self._tools)})"


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
            return error_envelope(
                read_request(event, first),
                f"This Lambda serves no action group {name!r}; it serves {known}.",
            )
        return resolve(group, event, context)

    def lambda_handler(self, event: Any, context: Any) -> dict[str, Any]:
        """The Lambda entry point: ``lambda_handler = router.lambda_handler``."""
        return self.resolve(event, context)
