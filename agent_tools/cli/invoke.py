"""``agent-tools invoke``: send a tool the event Bedrock would send, and show the answer."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import click

from agent_tools import ToolSpec
from agent_tools.app import ActionGroup
from agent_tools.outcome import State, state_for_status

from .errors import CommandError
from .render import to_json
from .targets import load_group

__all__ = ["AGENT", "SESSION_ID", "build_event", "invoke", "pairs", "session_options"]

AGENT = {"name": "agent-tools-cli", "id": "AGENT12345", "alias": "TSTALIASID", "version": "DRAFT"}
SESSION_ID = "agent-tools-cli"


def session_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--session`` and ``--prompt-session``, each KEY=VALUE and repeatable."""
    command = click.option(
        "--prompt-session",
        multiple=True,
        metavar="KEY=VALUE",
        help="A prompt session attribute (promptSessionAttributes); repeat for more.",
    )(command)
    return click.option(
        "--session",
        multiple=True,
        metavar="KEY=VALUE",
        help="A session attribute (sessionAttributes), e.g. employee_id=2; repeat for more.",
    )(command)


@click.command(short_help="Call a tool in-process with the event Bedrock sends.")
@click.argument("target")
@click.argument("tool_name", metavar="TOOL")
@click.argument("arguments", nargs=-1, metavar="[KEY=VALUE]...")
@session_options
@click.option(
    "--openapi",
    is_flag=True,
    help="Send the OpenAPI event (apiPath, httpMethod, requestBody) instead of the "
    "function-details one.",
)
@click.option(
    "--gateway",
    is_flag=True,
    help="Send the call an AgentCore Gateway sends a Lambda target: the arguments as JSON "
    "(KEY:=JSON for a JSON value), the tool named in the client context.",
)
@click.option(
    "--header",
    multiple=True,
    metavar="KEY=VALUE",
    help="With --gateway: a propagated header (identity for SessionAttr(header=...)).",
)
@click.option(
    "--target",
    "gateway_target",
    default=None,
    help="With --gateway: the target name before ___ (default: the group's name, _ as -).",
)
@click.option("--input-text", default="", help="The user's text for this turn (inputText).")
@click.option("--event", "event_only", is_flag=True, help="Print the event; run nothing.")
@click.option("--raw", is_flag=True, help="Print the response envelope as JSON.")
def invoke(
    target: str,
    tool_name: str,
    arguments: tuple[str, ...],
    session: tuple[str, ...],
    prompt_session: tuple[str, ...],
    openapi: bool,
    gateway: bool,
    header: tuple[str, ...],
    gateway_target: str | None,
    input_text: str,
    event_only: bool,
    raw: bool,
) -> None:
    """Call TOOL of the action group TARGET in-process, as Bedrock would call the Lambda.

    Values are sent as strings, as Bedrock sends them: employee_id=2 start_date=2026-01-24
    tags='["a", "b"]'. Exits 1 if the answer is FAILURE or a 5xx status.

    With --gateway the call is the one an AgentCore Gateway sends; identity goes in
    --header x-employee-id=2.
    """
    if event_only and raw:
        raise click.UsageError("--event and --raw cannot be used together")
    if gateway and (openapi or session or prompt_session or input_text):
        raise click.UsageError(
            "--gateway sends no session attributes, input text or OpenAPI event; "
            "pass identity as --header"
        )
    if not gateway and (header or gateway_target is not None):
        raise click.UsageError("--header and --target go with --gateway")
    group = load_group(target)
    tool = next((t for t in group.tools if t.name == tool_name), None)
    if tool is None:
        names = ", ".join(t.name for t in group.tools) or "none"
        raise CommandError(
            f"action group {group.name} has no tool {tool_name!r}; its tools: {names}"
        )
    if gateway:
        from .invoke_gateway import invoke_gateway

        invoke_gateway(
            group,
            tool,
            pairs(arguments, "argument"),
            headers=dict(pairs(header, "--header")),
            target=gateway_target,
            event_only=event_only,
            raw=raw,
        )
        return
    event = build_event(
        group,
        tool,
        pairs(arguments, "argument"),
        openapi=openapi,
        session_attributes=dict(pairs(session, "--session")),
        prompt_session_attributes=dict(pairs(prompt_session, "--prompt-session")),
        input_text=input_text,
    )
    if event_only:
        click.echo(to_json(event), nl=False)
        return
    with contextlib.redirect_stdout(sys.stderr):  # what the tool prints is not the answer
        envelope = group.resolve(event)
    click.echo(to_json(envelope) if raw else _readable(tool, event, envelope), nl=False)
    if _failed(envelope):
        click.get_current_context().exit(1)


def build_event(
    group: ActionGroup,
    tool: ToolSpec,
    values: Sequence[tuple[str, str]],
    *,
    openapi: bool = False,
    session_attributes: Mapping[str, str] | None = None,
    prompt_session_attributes: Mapping[str, str] | None = None,
    input_text: str = "",
) -> dict[str, Any]:
    """The event Bedrock sends the Lambda for this call (docs/bedrock-agents.md#event-fields).

    Raises:
        CommandError: a name the tool does not declare.
    """
    from agent_tools.testing.events import tool_event

    arguments: dict[str, Any] = dict(values)
    body = tool.body_model if openapi else None
    if body is not None:  # the body is the model: its fields are named on the command line
        fields = [f.name for f in body.type.fields]
        if body.key in arguments:  # Bedrock never sends the model whole, only its fields
            names = [p.key for p in tool.inputs if p is not body] + fields
            raise CommandError(
                f"tool {tool.name!r} has no parameter {body.key!r}; its parameters: "
                + ", ".join(names)
            )
        arguments = {k: v for k, v in values if k not in fields}
        arguments[body.key] = {k: v for k, v in values if k in fields}
    try:
        return tool_event(
            group,
            tool.name,
            arguments,
            openapi=openapi,
            session_attributes=session_attributes,
            prompt_session_attributes=prompt_session_attributes,
            input_text=input_text,
            session_id=SESSION_ID,
            agent=AGENT,
        )
    except ValueError as error:  # an unknown name: the builder names it and what exists
        raise CommandError(str(error)) from error


def pairs(arguments: Sequence[str], what: str) -> list[tuple[str, str]]:
    pairs = []
    for argument in arguments:
        name, equals, value = argument.partition("=")
        if not equals or not name:
            raise CommandError(f"{what} {argument!r} is not KEY=VALUE, e.g. employee_id=2")
        pairs.append((name, value))
    return pairs


# -- the answer ------------------------------------------------------------------------------


def _failed(envelope: Mapping[str, Any]) -> bool:
    return _state(envelope["response"]) == "FAILURE"


def _state(response: Mapping[str, Any]) -> State:
    if "httpStatusCode" in response:
        return state_for_status(int(response["httpStatusCode"]))
    state: State = response["functionResponse"].get("responseState", "SUCCESS")
    return state


_MEANING = {
    "REPROMPT": " (the model is asked to correct its call)",
    "FAILURE": " (the turn fails)",
}


def _readable(tool: ToolSpec, event: Mapping[str, Any], envelope: Mapping[str, Any]) -> str:
    response = envelope["response"]
    meaning = _MEANING.get(_state(response), "")
    if "httpStatusCode" in response:
        status = int(response["httpStatusCode"])
        head = f"{response['httpMethod']} {response['apiPath']} ({tool.name}): {status}{meaning}"
        (content,) = response["responseBody"].values()  # application/json or text/plain
        body = content["body"]
    else:
        if meaning and _state(response) == "FAILURE":
            meaning = " (the turn ends with a DependencyFailedException)"
        head = f"{tool.name}: {_state(response)}{meaning}"
        body = response["functionResponse"]["responseBody"]["TEXT"]["body"]
    lines = [head, _pretty(body)]
    for key in ("sessionAttributes", "promptSessionAttributes"):
        lines += _changes(key, event[key], envelope[key])
    if "knowledgeBasesConfiguration" in envelope:
        shown = json.dumps(envelope["knowledgeBasesConfiguration"], ensure_ascii=False)
        lines.append(f"knowledgeBasesConfiguration: {shown}")
    return "\n".join(lines) + "\n"


def _pretty(body: str) -> str:
    try:
        value = json.loads(body)
    except ValueError:
        return body
    if isinstance(value, dict | list):
        return json.dumps(value, indent=2, ensure_ascii=False)
    return body


def _changes(key: str, sent: Mapping[str, str], returned: Mapping[str, str]) -> list[str]:
    lines = []
    for name, value in returned.items():
        if name not in sent:
            lines.append(f"{key}: set {name} = {value!r}")
        elif sent[name] != value:
            lines.append(f"{key}: set {name} = {value!r} (was {sent[name]!r})")
    lines += [f"{key}: removed {name}" for name in sent if name not in returned]
    return lines
