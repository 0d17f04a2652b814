"""One call: convert the arguments, call the tool, decide the outcome. Knows no platform.

A runtime reads its platform's request into a ``Call`` and writes the ``Outcome`` that
``Runner.run`` returns into its platform's answer; everything between is here, the same for
every platform. ``run`` never raises.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from agent_tools._declare.kinds import expected
from agent_tools._declare.spec import Dependency, ParamSpec, Source, ToolSpec
from agent_tools.context import Context
from agent_tools.errors import CoercionError, Failure, Reprompt
from agent_tools.outcome import Outcome
from agent_tools.text import shorten, shown

from .decide import BadInput, finish, outcome_for
from .log import WARNING, log

if TYPE_CHECKING:
    import asyncio

__all__ = ["Call", "ExceptionHandler", "Runner"]

ExceptionHandler = Callable[[Any], Any]

_EMPTY: Mapping[str, str] = {}
_UNSEEN: Any = object()
_MAX_LOGGED_NAMES = 20
_MAX_LOGGED_NAME = 100


class Call:
    """What a runtime read from its platform's request, in no platform's terms.

    Attributes:
        arguments: the model's values by name: strings from Bedrock Agents, JSON values from
            a gateway.
        repeated: names that arrived more than once with different values.
        session_attributes: the trusted values ``SessionAttr`` parameters read, by key.
        prompt_session_attributes: the same for ``SessionAttr(prompt=True)``.
        flat_body: a model that is the whole request body arrives as its fields, flat (how
            Bedrock Agents sends OpenAPI bodies).
        event: the request as received, for ``Context``.
        action_group: the name the caller used for the group.
        lambda_context: the Lambda context, if any.
        source: what the trusted values are called in a refusal ("session attribute",
            "propagated header").
        setter: who must set them, named in a refusal.
        by_header: the trusted values came from ``SessionAttr(header=...)`` headers; a
            refusal names the header.
    """

    __slots__ = (
        "action_group",
        "arguments",
        "by_header",
        "event",
        "flat_body",
        "lambda_context",
        "prompt_session_attributes",
        "repeated",
        "session_attributes",
        "setter",
        "source",
    )

    def __init__(
        self,
        arguments: Mapping[str, Any],
        event: Mapping[str, Any],
        action_group: str,
        lambda_context: Any = None,
        repeated: list[str] | None = None,
        session_attributes: Mapping[str, str] = _EMPTY,
        prompt_session_attributes: Mapping[str, str] = _EMPTY,
        flat_body: bool = False,
        source: str = "session attribute",
        setter: str = "the application that calls InvokeAgent",
        by_header: bool = False,
    ) -> None:
        self.arguments = arguments
        self.event = event
        self.action_group = action_group
        self.lambda_context = lambda_context
        self.repeated = repeated
        self.session_attributes = session_attributes
        self.prompt_session_attributes = prompt_session_attributes
        self.flat_body = flat_body
        self.source = source
        self.setter = setter
        self.by_header = by_header


class Runner:
    """Runs tools for one action group: its body limit, exception handlers and event loop."""

    __slots__ = ("_loop", "_plain", "handlers", "max_body_bytes")

    def __init__(self, max_body_bytes: int) -> None:
        self.max_body_bytes = max_body_bytes
        self.handlers: dict[type[BaseException], ExceptionHandler] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._plain: dict[str, tuple[tuple[str, str, Any, ParamSpec], ...] | None] = {}

    def run(self, tool: ToolSpec, call: Call) -> Outcome:
        """Convert, call and decide; never raises."""
        plain = self._plain.get(tool.name, _UNSEEN)
        if plain is _UNSEEN:
            plain = self._plain[tool.name] = _plain_parameters(tool)
        context: Context | None = None
        try:
            if plain is not None:
                kwargs = _plain_arguments(tool, plain, call)
            else:
                kwargs, context = self._arguments(tool, call)
            result = tool.function(**kwargs)
            if tool.is_async:
                result = self.run_async(result)
            if tool.check_result is not None:  # only tools declaring a model pay for the check
                tool.check_result(result)
        except Exception as exc:
            context = None  # what the tool set before raising is not sent: nothing half-written
            try:
                result = self._handled(exc)
            except Exception as refusal:
                return outcome_for(refusal, tool.name, self.max_body_bytes, call.lambda_context)
        try:
            return finish(
                tool,
                result,
                context,
                call.session_attributes,
                call.prompt_session_attributes,
                self.max_body_bytes,
            )
        except Exception as exc:  # a result that cannot be sent: the tool's failure
            return outcome_for(exc, tool.name, self.max_body_bytes, call.lambda_context)

    def run_async(self, awaitable: Awaitable[Any]) -> Any:
        """Run a coroutine on the group's loop, kept for the life of the process.

        Clients a tool caches on the loop (an aiohttp session, say) stay usable across warm
        invocations.
        """
        if self._loop is None or self._loop.is_closed():
            import asyncio  # ~10 ms: paid only by groups with async tools, on first use

            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    def _handled(self, exc: Exception) -> Any:
        """What the handler registered for ``exc``'s class or nearest base makes of it.

        The handler's return value is the tool's result; an exception it returns or raises
        (``Reprompt``, ``Failure``) is raised. Without a handler ``exc`` is raised again.
        ``Reprompt`` and ``Failure`` are answers already: only a handler registered for
        their class (or a subclass) sees them, never one for ``Exception``.
        """
        if not isinstance(exc, BadInput):
            for cls in type(exc).__mro__:
                handler = self.handlers.get(cls)
                if handler is not None:
                    result = handler(exc)
                    if isinstance(result, BaseException):
                        raise result from exc
                    return result
                if cls is Reprompt or cls is Failure:
                    break
        raise exc

    def _arguments(self, tool: ToolSpec, call: Call) -> tuple[dict[str, Any], Context | None]:
        """Every parameter, whatever its source; see ``_plain_arguments`` for the common case."""
        values = call.arguments
        kwargs: dict[str, Any] = {}
        problems: list[str] = []
        context: Context | None = None
        used = 0  # how many values a parameter took: fewer than sent means unknown ones
        cache: dict[Any, Any] = {}
        deferred: list[ParamSpec] = []
        body_model = tool.body_model if call.flat_body else None
        for param in tool.params:
            source = param.source
            if source is Source.DEPENDENCY:
                deferred.append(param)  # computed once the model's input is known good
                continue
            if source is not Source.MODEL:
                kwargs[param.name] = self._trusted(tool, param, call, cache)
                continue
            if param is body_model:
                raw, found = _body_fields(param, values)
                used += found
            else:
                raw = values.get(param.key)
                if raw is not None or param.key in values:
                    used += 1
            if raw is None:
                _missing(param, kwargs, problems)
                continue
            try:
                kwargs[param.name] = param.convert(raw)
            except CoercionError as exc:
                problems.append(_refusal(param, exc))
        if not problems and not call.repeated:
            for param in deferred:
                kwargs[param.name] = self._trusted(tool, param, call, cache)
        elif deferred:
            # The dependencies do not run on bad input, but a call without its identity is
            # refused for that first, as it is when a tool reads the session itself.
            for param in tool.session_params:
                _session_value(tool, param, call)
        context = cache.get(Context)
        _check(tool, call, problems, used)
        return kwargs, context

    def _trusted(self, tool: ToolSpec, param: ParamSpec, call: Call, cache: dict[Any, Any]) -> Any:
        """A value the model cannot write: the context, a session value or a dependency."""
        source = param.source
        if source is Source.CONTEXT:
            if Context not in cache:
                cache[Context] = _context(tool, call)
            return cache[Context]
        if source is Source.DEPENDENCY:
            return self._depend(tool, param.dependency, call, cache)  # type: ignore[arg-type]
        return _session_value(tool, param, call)

    def _depend(
        self, tool: ToolSpec, dependency: Dependency, call: Call, cache: dict[Any, Any]
    ) -> Any:
        function = dependency.function
        if function in cache:
            return cache[function]
        kwargs = {p.name: self._trusted(tool, p, call, cache) for p in dependency.params}
        value = function(**kwargs)
        if dependency.is_async:
            value = self.run_async(value)
        cache[function] = value
        return value


def _plain_arguments(
    tool: ToolSpec, plain: tuple[tuple[str, str, Any, ParamSpec], ...], call: Call
) -> dict[str, Any]:
    """The fast path: every parameter is a plain model parameter (most tools).

    The loop needs no branch on the source and reads precomputed tuples; it saves about a
    tenth of a warm call. ``Runner._arguments`` is the general path and must agree with it.
    """
    values = call.arguments
    kwargs: dict[str, Any] = {}
    problems: list[str] = []
    used = 0  # how many values a parameter took: fewer than sent means unknown ones
    for name, key, convert, param in plain:
        raw = values.get(key)
        if raw is None:
            _missing(param, kwargs, problems)
            continue
        used += 1
        try:
            kwargs[name] = convert(raw)
        except CoercionError as exc:
            problems.append(_refusal(param, exc))
    if problems or call.repeated or used < len(values):
        _check(tool, call, problems, used)
    return kwargs


def _check(tool: ToolSpec, call: Call, problems: list[str], used: int) -> None:
    """Refuse the call if any value was bad or repeated; log the names nobody took."""
    if problems or call.repeated:
        repeated = [
            f"{name} was sent more than once with different values" for name in call.repeated or ()
        ]
        raise BadInput(tool.name, repeated + problems)
    if used < len(call.arguments):
        _log_unknown(tool, call.arguments)


def _plain_parameters(tool: ToolSpec) -> tuple[tuple[str, str, Any, ParamSpec], ...] | None:
    """``(name, key, convert, spec)`` per parameter when all are plain model parameters."""
    if tool.body_model is not None or any(p.source is not Source.MODEL for p in tool.params):
        return None
    return tuple((p.name, p.key, p.convert, p) for p in tool.params)


def _context(tool: ToolSpec, call: Call) -> Context:
    return Context(
        call.event,
        tool=tool.name,
        action_group=call.action_group,
        lambda_context=call.lambda_context,
        session_attributes=dict(call.session_attributes),
        prompt_session_attributes=dict(call.prompt_session_attributes),
    )


def _missing(param: ParamSpec, kwargs: dict[str, Any], problems: list[str]) -> None:
    if param.required:
        problems.append(f"{param.key} is missing ({expected(param.type)})")
    else:
        kwargs[param.name] = param.default


def _log_unknown(tool: ToolSpec, values: Mapping[str, Any]) -> None:
    known = {p.key for p in tool.inputs}
    if tool.body_model is not None:
        for field in tool.body_model.type.fields:
            known.update((field.name, *field.other_names))
    unknown = values.keys() - known
    if unknown:
        # The names come from the model: a few of them, each cut short, so that a megabyte
        # of name costs the log a line, not megabytes.
        shown = [shorten(name, _MAX_LOGGED_NAME) for name in sorted(unknown)[:_MAX_LOGGED_NAMES]]
        if len(unknown) > _MAX_LOGGED_NAMES:
            shown.append(f"and {len(unknown) - _MAX_LOGGED_NAMES} more")
        log(
            WARNING,
            "%s ignored parameters it does not declare: %s",
            tool.name,
            ", ".join(shown),
            extra={"tool": tool.name, "ignored_parameters": shown},
        )


def _body_fields(param: ParamSpec, values: Mapping[str, Any]) -> tuple[Any, int]:
    """A model that is the whole body, from its fields sent flat; see ``Call.flat_body``.

    Returns the value to convert and how many values it took.
    """
    names = [name for f in param.type.fields for name in (f.name, *f.other_names)]
    if param.key in values and not any(name in values for name in names):
        return values[param.key], 1
    found = {name: values[name] for name in names if name in values}
    return found, len(found)


def _refusal(param: ParamSpec, exc: CoercionError) -> str:
    detail = f"; {exc.detail}" if exc.detail else ""
    return f"{param.key} must be {exc.expected}, got {shown(exc.got)}{detail}"


def _session_value(tool: ToolSpec, param: ParamSpec, call: Call) -> Any:
    prompt = param.source is Source.PROMPT_SESSION
    attributes = call.prompt_session_attributes if prompt else call.session_attributes
    kind = f"prompt {call.source}" if prompt else call.source
    raw = attributes.get(param.key)
    name, holder = param.key, "this session"
    if call.by_header:
        holder = "this call"
        kind = call.source
        name = param.header or ""
        if raw is None and not name and param.required:
            raise Failure(
                f"{tool.name} needs the session value {param.key!r}, which has no header "
                f"here: declare SessionAttr({param.key!r}, header=...) with the header "
                "that carries it."
            )
    if raw is None:
        if param.required:
            raise Failure(
                f"{tool.name} needs the {kind} {name!r}, which {holder} does not "
                f"have. {call.setter[:1].upper()}{call.setter[1:]} must set it."
            )
        return param.default
    try:
        return param.convert(raw)
    except CoercionError as exc:
        raise Failure(
            f"{tool.name} needs the {kind} {name!r} to be {exc.expected}; "
            f"{call.setter} must set it correctly."
        ) from exc
