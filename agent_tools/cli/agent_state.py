"""Waiting for the agent: ``PrepareAgent`` until ``PREPARED``, an alias until it serves.

Both poll through every transient state until a deadline. Right after ``PrepareAgent`` the
agent can still read ``NOT_PREPARED`` (the state before the call) for a moment, so that is
not a failure either; only ``FAILED`` ends the wait early.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import click

from .aws import Services

__all__ = ["POLL_SECONDS", "move_alias", "prepare"]

POLL_SECONDS = 2.0


def prepare(client: Any, agent_id: str, timeout: float, given: Services) -> bool:
    """Prepare the agent and wait until it is ``PREPARED``; False (said on stderr) if not."""
    status = client.prepare_agent(agentId=agent_id)["agentStatus"]
    click.echo(f"preparing agent {agent_id}: {status}")
    agent = _wait(
        lambda: client.get_agent(agentId=agent_id)["agent"],
        "agentStatus",
        "PREPARED",
        f"agent {agent_id}",
        timeout,
        given,
    )
    return agent is not None


def move_alias(client: Any, agent_id: str, name: str, timeout: float, given: Services) -> bool:
    """Point the alias ``name`` at a new version made from the prepared draft.

    Creates the alias if the agent has none of that name. Either way the request carries no
    routing configuration, which makes Bedrock version the draft and route the alias to it.
    """
    existing = _find_alias(client, agent_id, name)
    if existing is None:
        alias = client.create_agent_alias(agentId=agent_id, agentAliasName=name)["agentAlias"]
        done = "created"
    else:
        alias = client.update_agent_alias(
            agentId=agent_id, agentAliasId=existing["agentAliasId"], agentAliasName=name
        )["agentAlias"]
        done = "updated"
    alias_id = alias["agentAliasId"]
    click.echo(f"{done} alias {name} ({alias_id}) of agent {agent_id}: {alias['agentAliasStatus']}")
    served = _wait(
        lambda: client.get_agent_alias(agentId=agent_id, agentAliasId=alias_id)["agentAlias"],
        "agentAliasStatus",
        "PREPARED",
        f"alias {name} ({alias_id})",
        timeout,
        given,
    )
    if served is None:
        return False
    versions = [r.get("agentVersion") for r in served.get("routingConfiguration") or []]
    click.echo(f"alias {name} ({alias_id}) serves version {', '.join(map(str, versions))}")
    return True


def _find_alias(client: Any, agent_id: str, name: str) -> Mapping[str, Any] | None:
    for page in client.get_paginator("list_agent_aliases").paginate(agentId=agent_id):
        for summary in page["agentAliasSummaries"]:
            if summary["agentAliasName"] == name:
                found: Mapping[str, Any] = summary
                return found
    return None


def _wait(
    read: Callable[[], Mapping[str, Any]],
    key: str,
    goal: str,
    what: str,
    timeout: float,
    given: Services,
) -> Mapping[str, Any] | None:
    """Read until ``read()[key] == goal``; None after ``FAILED`` or the deadline."""
    started = given.clock()
    while True:
        current = read()
        status = current[key]
        elapsed = given.clock() - started
        if status == goal:
            click.echo(f"{what} is {goal} ({elapsed:.0f} s)")
            return current
        if status == "FAILED":
            click.echo(f"{what} is FAILED: {_reasons(current)}", err=True)
            return None
        if elapsed >= timeout:
            click.echo(
                f"{what} is still {status} after {timeout:g} s ({_reasons(current)}); see its "
                "status in the Bedrock console, or deploy again with a longer --timeout",
                err=True,
            )
            return None
        click.echo(f"{what}: {status} ({elapsed:.0f} s)")
        given.sleep(min(POLL_SECONDS, timeout - elapsed))


def _reasons(current: Mapping[str, Any]) -> str:
    reasons = "; ".join(current.get("failureReasons") or ["no reason given"])
    actions = "; ".join(current.get("recommendedActions") or [])
    return reasons + (f" (recommended: {actions})" if actions else "")
