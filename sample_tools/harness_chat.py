"""The HR tools as AgentCore harness inline functions, with the user confirming bookings.

A Gateway tool has no confirmation flag, so on AgentCore the tools that change data
(``confirm=True``: booking and cancelling) run client-side, as inline functions: the harness
hands each call to this loop, which asks the user before a booking or a cancellation runs and
tells the model when the user said no. Identity comes from the signed-in user, passed as
``session_attributes``, never from the model.

    python -m sample_tools.harness_chat --harness-arn ARN --employee-id 2 "Book me Jan 24-26"
"""

from __future__ import annotations

import argparse
import json
import uuid
from collections.abc import Mapping
from typing import Any

from agent_tools.harness import HarnessReply, run_harness

from .hr import app

__all__ = ["ask_on_terminal", "chat"]


def ask_on_terminal(name: str, arguments: Mapping[str, Any]) -> bool:
    """Ask the person at the terminal whether ``name`` may run with ``arguments``."""
    answer = input(f"Run {name} with {json.dumps(dict(arguments))}? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def chat(
    client: Any,
    message: str,
    *,
    harness_arn: str,
    session_id: str,
    employee_id: str,
    confirm: Any = ask_on_terminal,
) -> HarnessReply:
    """One user message, with the HR tools answered here until the model is done.

    ``employee_id`` is the signed-in user's, the only identity the tools take; whether they
    administer HR is the store's record, not something the session claims.
    """
    return run_harness(
        client,
        app,
        message,
        harness_arn=harness_arn,
        session_id=session_id,
        confirm=confirm,
        session_attributes={"employee_id": employee_id},
        tools=app.inline_functions(),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("message")
    parser.add_argument("--harness-arn", required=True)
    parser.add_argument("--employee-id", required=True)
    parser.add_argument("--session-id", default=f"hr-chat-{uuid.uuid4()}")
    arguments = parser.parse_args()
    import boto3  # type: ignore[import-untyped,unused-ignore]

    reply = chat(
        boto3.client("bedrock-agentcore"),
        arguments.message,
        harness_arn=arguments.harness_arn,
        session_id=arguments.session_id,
        employee_id=arguments.employee_id,
    )
    print(reply.text)


if __name__ == "__main__":
    main()
