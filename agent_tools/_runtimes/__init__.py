"""Runtimes: one adapter per platform.

Each module reads its platform's request into a ``Call``, has the group's ``Runner`` run it,
and writes the ``Outcome`` in its platform's answer. It offers two functions:

* ``matches(event, lambda_context) -> bool``: the request is this platform's;
* ``answer(registry, runner, event, lambda_context)``: the platform's answer; never raises.

``RUNTIMES`` is asked in order; the last one takes whatever the others did not claim, so its
``matches`` is never asked on the way to it (it costs a call per event).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from . import bedrock_agents, gateway

if TYPE_CHECKING:
    from agent_tools._declare.registry import ToolRegistry
    from agent_tools._serve.call import Runner

__all__ = ["CLAIMING", "FALLBACK", "RUNTIMES", "Runtime"]


class Runtime(Protocol):
    """What a runtime module offers."""

    def matches(self, event: Any, lambda_context: Any) -> bool: ...

    def answer(
        self, registry: ToolRegistry, runner: Runner, event: Any, lambda_context: Any = None
    ) -> Any: ...


RUNTIMES: tuple[Runtime, ...] = (gateway, bedrock_agents)
CLAIMING = RUNTIMES[:-1]
FALLBACK = RUNTIMES[-1]
