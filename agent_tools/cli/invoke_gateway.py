"""``agent-tools invoke --gateway``: send a tool the call an AgentCore Gateway would send.

The call is the arguments as a JSON object and a Lambda context whose client context names
the tool as ``target___tool`` and carries the propagated headers (``docs/agentcore-gateway.md``).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click

from agent_tools._declare.spec import ToolSpec
from agent_tools.app import ActionGroup
from agent_tools.export.gateway import target_name
from agent_tools.export.literals import TARGET_NAME
from agent_tools.testing.result import ToolResult

from .errors import CommandError
from .render import to_json

__all__ = ["gateway_arguments", "invoke_gateway", "target_option"]

_MEANING = {
    "REPROMPT": " (the model is asked to correct its call)",
    "FAILURE": " (the model is told the call failed)",
}


def gateway_arguments(tool: ToolSpec, values: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The arguments object: ``KEY=VALUE`` sends the text, ``KEY:=JSON`` a JSON value.

    Raises:
        CommandError: a name the tool does not declare, or JSON that does not parse.
    """
    known = [p.key for p in tool.inputs]
    arguments: dict[str, Any] = {}
    for name, value in values:
        if name.endswith(":"):
            name = name[:-1]
            try:
                arguments[name] = json.loads(value)
            except ValueError as error:
                raise CommandError(f"{name}:={value} is not JSON ({error})") from error
        else:
            arguments[name] = value
        if name not in known:
            raise CommandError(
                f"tool {tool.name!r} has no parameter {name!r}; its parameters: "
                + (", ".join(known) or "none")
            )
    return arguments


def target_option(value: str | None, option: str) -> str | None:
    """``value`` if it is a name a Gateway target can have; ``CommandError`` otherwise."""
    if value is None or TARGET_NAME.fullmatch(value):
        return value
    raise CommandError(
        f"{option} {value!r} is not a Gateway target name: 1-100 letters or digits with single "
        "'-' between, and no '_' (the Gateway writes target___tool); e.g. "
        f"{target_name(value) or 'tools'!r}"
    )


def invoke_gateway(
    group: ActionGroup,
    tool: ToolSpec,
    values: Sequence[tuple[str, str]],
    *,
    headers: Mapping[str, str],
    target: str | None,
    event_only: bool,
    raw: bool,
) -> None:
    """Run the call through ``group.lambda_handler`` and print the answer; exit 1 on failure."""
    from agent_tools.testing.gateway import gateway_context, gateway_custom

    arguments = gateway_arguments(tool, values)
    target = target_name(group.name) if target is None else target_option(target, "--target")
    if event_only:
        custom = gateway_custom(tool.name, target=target, headers=headers)
        click.echo(to_json({"event": arguments, "clientContext": {"custom": custom}}), nl=False)
        return
    context = gateway_context(tool.name, target=target, headers=headers)
    with contextlib.redirect_stdout(sys.stderr):  # what the tool prints is not the answer
        answer = group.lambda_handler(json.loads(json.dumps(arguments)), context)
    result = ToolResult.from_gateway(json.loads(json.dumps(answer)), event=arguments)
    if raw:
        click.echo(to_json(answer), nl=False)
    else:
        click.echo(_readable(tool, result), nl=False)
    if result.state == "FAILURE":
        click.get_current_context().exit(1)


def _readable(tool: ToolSpec, result: ToolResult) -> str:
    lines = [f"{tool.name}: {result.state}{_MEANING.get(result.state, '')}"]
    answer = result.value
    if result.ok:
        shown = isinstance(answer, str)
        lines.append(answer if shown else json.dumps(answer, indent=2, ensure_ascii=False))
    else:
        lines.append(answer["error"])
        if "reference" in answer:
            lines.append(f"reference: {answer['reference']}")
    return "\n".join(lines) + "\n"
