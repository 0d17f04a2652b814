"""The Lambda's import path stays lean: what a handler imports is what its cold start pays."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

HEAVY = (
    "boto3",
    "botocore",
    "pydantic",
    "docstring_parser",
    "asyncio",
    "uuid",
    "decimal",
    "dataclasses",
    "inspect",
    "logging",
)

PLAIN_HANDLER = """
from datetime import date
from typing import Annotated
from agent_tools import ActionGroup, Context, Param, SessionAttr

app = ActionGroup("Plain")

@app.tool
def book(employee_id: Annotated[int, Param("Id")], start: date, tags: list[str] | None = None,
         caller: Annotated[str, SessionAttr("employee_id")] = "", ctx: Context | None = None
         ) -> dict:
    '''Book.'''
    return {"employee_id": employee_id, "start": start}

event = {"messageVersion": "1.0", "actionGroup": "Plain", "function": "book",
         "parameters": [{"name": "employee_id", "type": "integer", "value": "2"},
                        {"name": "start", "type": "string", "value": "2026-01-24"}],
         "sessionAttributes": {"employee_id": "2"}, "promptSessionAttributes": {}}
answer = app.lambda_handler(event, None)
assert "responseState" not in answer["response"]["functionResponse"], answer
"""


def loaded_after(code: str) -> list[str]:
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(probe)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(result.stdout.splitlines()[-1]))


def test_plain_handler_imports_nothing_heavy() -> None:
    modules = loaded_after(PLAIN_HANDLER)
    assert [m for m in HEAVY if m in modules] == []
    assert not [
        m
        for m in modules
        if m.startswith(("agent_tools.export.openapi", "agent_tools.export.docs"))
    ]


def test_the_probe_sees_heavy_imports() -> None:
    modules = loaded_after(PLAIN_HANDLER + "\napp.function_schema()\nimport uuid, asyncio\n")
    assert "docstring_parser" in modules
    assert "uuid" in modules
    assert "asyncio" in modules


def test_pydantic_is_imported_only_by_handlers_that_use_it() -> None:
    code = PLAIN_HANDLER + textwrap.dedent(
        """
        from pydantic import BaseModel

        class Order(BaseModel):
            sku: str

        @app.tool
        def order(order: Order) -> str:
            '''Order.'''
            return order.sku
        """
    )
    assert "pydantic" in loaded_after(code)


def test_logging_configured_after_import_still_gets_the_call_lines() -> None:
    code = PLAIN_HANDLER + textwrap.dedent(
        """
        import logging
        logging.basicConfig(level=logging.INFO, format="%(name)s %(message)s %(outcome)s")
        app.lambda_handler(event, None)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "agent_tools book success in " in result.stderr
    assert result.stderr.rstrip().endswith("success")
