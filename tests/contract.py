"""The response contract, for the tests: ``agent_tools.testing``'s checker and two readers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agent_tools.testing import ToolResult
from agent_tools.testing import check_response as check_envelope

__all__ = ["body", "check_envelope", "state"]


def state(envelope: Mapping[str, Any]) -> str:
    """``SUCCESS``, ``REPROMPT`` or ``FAILURE`` for function details; the status for OpenAPI."""
    result = ToolResult.from_response(envelope)
    return str(result.status) if "httpStatusCode" in envelope["response"] else result.state


def body(envelope: Mapping[str, Any]) -> str:
    return ToolResult.from_response(envelope).text
