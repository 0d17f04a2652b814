"""The reference tutorial's conversation, run locally through the real Lambda handler.

    scripts/demo.sh          # or: python -m sample_tools.demo [--verbose]

Each step sends the event Bedrock would send for the model's tool call to
``sample_tools.hr.lambda_handler``, on the embedded SQLite store, and prints the call and the
answer. Every run starts from a fresh database.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from agent_tools.testing import fake_lambda_context, tool_event

SESSION = {"employee_id": "2"}  # set by the application that calls InvokeAgent: trusted
LAMBDA_CONTEXT = fake_lambda_context(
    function_name="hr-vacation-tools", aws_request_id="00000000-0000-4000-8000-000000000000"
)

STEPS: list[tuple[str, str, dict[str, str]]] = [
    ("How many vacation days do I have left?", "get_available_vacation_days",
     {"employee_id": "2"}),
    ("Book me off from January 24 to January 26, 2026.", "reserve_vacation_time",
     {"employee_id": "2", "start_date": "2026-01-24", "end_date": "2026-01-26"}),
    ("How many days do I have now?", "get_available_vacation_days", {"employee_id": "2"}),
    ("(the model writes the date the European way)", "reserve_vacation_time",
     {"employee_id": "2", "start_date": "24/02/2026", "end_date": "2026-02-27"}),
    ("Book all of February and March too.", "reserve_vacation_time",
     {"employee_id": "2", "start_date": "2026-02-01", "end_date": "2026-03-31"}),
    ("How much vacation does employee 3 have?", "get_available_vacation_days",
     {"employee_id": "3"}),
]  # fmt: skip


def event(function: str, parameters: dict[str, str], turn: int) -> dict[str, Any]:
    """The function-details event Bedrock sends for this step.

    See docs/bedrock-agents.md#function-details-event.
    """
    from sample_tools import hr

    return tool_event(
        hr.app,
        function,
        parameters,
        session_attributes=SESSION,
        input_text=STEPS[turn][0],
        session_id="demo-session",
        agent={"name": "hr-assistant"},
    )


def fresh_database() -> Path:
    """A clean database for this run, in the demo's own place (never the user's HR_DB_PATH)."""
    path = Path(tempfile.gettempdir()) / "bedrock-agent-tools-demo" / "hr.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def run(verbose: bool = False) -> list[dict[str, Any]]:
    """Play the conversation; return the envelopes, for the tests."""
    database = fresh_database()
    os.environ.update(HR_STORE="sqlite", HR_DB_PATH=str(database), HR_TODAY="2026-01-10")
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "INFO" if verbose else "WARNING")
    from sample_tools import hr  # after the environment is set: it reads it at import

    hr.store.cache_clear()
    print(f"HR vacation tools on a fresh SQLite database ({database}).")
    print(f"Session attributes set by the calling application: {SESSION}\n")
    envelopes = []
    for turn, (said, function, parameters) in enumerate(STEPS):
        envelope = hr.lambda_handler(event(function, parameters, turn), LAMBDA_CONTEXT)
        envelopes.append(envelope)
        answer = envelope["response"]["functionResponse"]
        status = answer.get("responseState", "OK")
        text = answer["responseBody"]["TEXT"]["body"]
        arguments = ", ".join(f"{name}={value!r}" for name, value in parameters.items())
        print(f"User: {said}")
        print(f"  tool call  {function}({arguments})")
        print(f"  answer     {status}: {_readable(text)}\n")
    return envelopes


def _readable(text: str) -> str:
    try:
        return json.dumps(json.loads(text), ensure_ascii=False)
    except ValueError:
        return text


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the HR vacation demo conversation.")
    parser.add_argument("--verbose", action="store_true", help="show the structured logs too")
    run(parser.parse_args().verbose)


if __name__ == "__main__":
    main()
