"""``agent-tools chat``: talk to a deployed agent, and see what it does with the tools.

Each line typed (or each ``--message``) is one InvokeAgent call on one session, with the
session attributes given on the command line, the trace on, and the final response streamed.
The answer is printed as it arrives; the action group calls, what they returned and the
turn's token usage go to stderr. When the agent returns control (an action group deployed
with RETURN_CONTROL), ``--tools TARGET`` runs the calls locally through the same
``ActionGroup`` and sends the results back, as ``agent_tools.return_control`` does.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import click

from agent_tools.app import ActionGroup
from agent_tools.return_control import ToolCall, session_state

from .agent_turn import Turn, read_stream
from .aws import aws_errors, check_agent_id, region_profile_options, services
from .errors import CommandError
from .invoke import pairs, session_options
from .targets import load_group

__all__ = ["chat"]

_QUIT = frozenset({"exit", "quit"})
# InvokeAgent's agentAliasId and sessionId in botocore's bedrock-agent-runtime model.
_ALIAS_ID = re.compile(r"[0-9a-zA-Z]{10}")  # ids are 10 characters (bedrock-agent)
_SESSION_ID = re.compile(r"[0-9a-zA-Z._:-]{2,100}")
_ROUNDS = 10  # return-of-control round trips in one turn before giving up


@click.command(short_help="Talk to a deployed agent and see its tool calls.")
@click.option("--agent-id", required=True, help="The agent's id (10 letters or digits).")
@click.option(
    "--alias-id",
    default="TSTALIASID",
    show_default=True,
    help="The alias to talk to; TSTALIASID runs the prepared DRAFT.",
)
@session_options
@click.option("--session-id", help="Continue this session; default: a new one.")
@click.option(
    "-m",
    "--message",
    "messages",
    multiple=True,
    help="Send this message instead of reading lines from stdin; repeat for more turns.",
)
@click.option(
    "--tools",
    metavar="TARGET",
    help="The action group (MODULE:ATTRIBUTE) that runs return-of-control calls locally.",
)
@click.option("--yes", is_flag=True, help="Confirm every call that asks for confirmation.")
@click.option(
    "--stream/--no-stream",
    default=True,
    show_default=True,
    help="Stream the final response (streamingConfigurations.streamFinalResponse).",
)
@region_profile_options
def chat(
    agent_id: str,
    alias_id: str,
    session: tuple[str, ...],
    prompt_session: tuple[str, ...],
    session_id: str | None,
    messages: tuple[str, ...],
    tools: str | None,
    yes: bool,
    stream: bool,
    region: str | None,
    profile: str | None,
) -> None:
    """Talk to the agent: one InvokeAgent call per line of input, until exit or end of input.

    The session attributes stand for the signed-in user; the model never sets them.
    """
    check_agent_id(agent_id)
    if not _ALIAS_ID.fullmatch(alias_id):
        raise CommandError(
            f"--alias-id must be the alias's id, 10 letters or digits such as "
            f"TSTALIASID; got {alias_id!r}"
        )
    if session_id is not None and not _SESSION_ID.fullmatch(session_id):
        raise CommandError(
            f"--session-id must be 2 to 100 letters, digits or . _ : -; got {session_id!r}"
        )
    group = load_group(tools) if tools is not None else None
    state: dict[str, Any] = {
        "sessionAttributes": dict(pairs(session, "--session")),
        "promptSessionAttributes": dict(pairs(prompt_session, "--prompt-session")),
    }
    conversation = _Conversation(
        agent_id=agent_id,
        alias_id=alias_id,
        session_id=session_id or uuid.uuid4().hex,
        stream=stream,
        group=group,
        confirm=_always if yes else _ask,
    )
    click.echo(f"session {conversation.session_id} with agent {agent_id} ({alias_id})", err=True)
    with aws_errors():
        conversation.client = services().client_factory("bedrock-agent-runtime", region, profile)
        for text in messages or _lines():
            if text.strip().lower() in _QUIT:
                break
            if text.strip():
                state = conversation.turn(text, state)


class _Conversation:
    def __init__(
        self,
        *,
        agent_id: str,
        alias_id: str,
        session_id: str,
        stream: bool,
        group: ActionGroup | None,
        confirm: Callable[[ToolCall], bool],
    ) -> None:
        self.agent_id, self.alias_id, self.session_id = agent_id, alias_id, session_id
        self.stream, self.group, self.confirm = stream, group, confirm
        self.client: Any = None

    def turn(self, text: str, state: dict[str, Any]) -> dict[str, Any]:
        """One user message, with its return-of-control round trips; the next turn's state."""
        turn = Turn()
        request: dict[str, Any] = {"inputText": text, "sessionState": state}
        for _ in range(_ROUNDS):
            response = self.client.invoke_agent(**self._common(), **request)
            turn.return_control = None
            returned = read_stream(response["completion"], turn).return_control
            if returned is None:
                break
            request = {"sessionState": self._run_locally(returned, state)}
            state = {
                key: request["sessionState"][key]
                for key in ("sessionAttributes", "promptSessionAttributes")
            }
        else:
            raise CommandError(f"the agent returned control {_ROUNDS} times in one turn")
        if turn.answer and not turn.answer.endswith("\n"):
            click.echo()
        calls = f"{turn.tool_calls} tool call{'' if turn.tool_calls == 1 else 's'}"
        click.echo(f"[{calls}; tokens: {turn.input_tokens} in, {turn.output_tokens} out]", err=True)
        return state

    def _common(self) -> dict[str, Any]:
        common: dict[str, Any] = {
            "agentId": self.agent_id,
            "agentAliasId": self.alias_id,
            "sessionId": self.session_id,
            "enableTrace": True,
        }
        if self.stream:
            common["streamingConfigurations"] = {"streamFinalResponse": True}
        return common

    def _run_locally(self, payload: Mapping[str, Any], state: Mapping[str, Any]) -> Any:
        if self.group is None:
            raise CommandError(
                "the agent returned control to this application for "
                f"{_names(payload)}: pass --tools MODULE:ATTRIBUTE to run them locally"
            )
        for entry in payload.get("invocationInputs") or []:
            for fields in entry.values():
                values = ", ".join(
                    f"{p['name']}={p['value']}" for p in fields.get("parameters", [])
                )
                name = fields.get("function") or fields.get("apiPath")
                click.echo(f"-> {fields.get('actionGroup')}.{name}({values}) (locally)", err=True)
        try:
            return session_state(
                self.group,
                payload,
                confirm=self.confirm,
                session_attributes=state.get("sessionAttributes"),
                prompt_session_attributes=state.get("promptSessionAttributes"),
            )
        except ValueError as error:
            raise CommandError(f"cannot run the returned calls: {error}") from error


def _names(payload: Mapping[str, Any]) -> str:
    names = [
        str(fields.get("function") or fields.get("apiPath"))
        for entry in payload.get("invocationInputs") or []
        for fields in entry.values()
    ]
    return ", ".join(names) or "its calls"


def _always(call: ToolCall) -> bool:
    return True


def _ask(call: ToolCall) -> bool:
    values = ", ".join(f"{k}={v}" for k, v in call.arguments.items())
    return click.confirm(f"run {call.name}({values})?", default=False, err=True)


def _lines() -> Iterator[str]:
    """The lines typed, with a prompt when a person is typing them."""
    while True:
        if sys.stdin.isatty():
            click.echo("> ", nl=False, err=True)
        line = sys.stdin.readline()
        if not line:
            return
        yield line.rstrip("\n")
