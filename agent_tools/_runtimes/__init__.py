"""Runtimes: one adapter per platform.

Each module reads its platform's request into a ``Call``, has the group's ``Runner`` run it,
and writes the ``Outcome`` in its platform's answer. It offers two functions:

* ``matches(event, lambda_context) -> bool``: the request is this platform's;
* ``answer(registry, runner, event, lambda_context)``: the platform's answer; never raises.

``RUNTIMES`` is asked in order; the last one takes whatever the others did not claim.
"""

from __future__ import annotations

from . import bedrock_agents, gateway

__all__ = ["RUNTIMES"]

RUNTIMES = (gateway, bedrock_agents)
