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
    "mcp",
    "starlette",
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


def test_a_tool_handler_never_imports_the_interceptor_or_jwt() -> None:
    modules = loaded_after(PLAIN_HANDLER)
    assert [m for m in modules if m.startswith(("jwt", "agent_tools.interceptor"))] == []
    # The probe sees them when something does import them.
    assert "jwt" in loaded_after(PLAIN_HANDLER + "\nimport agent_tools.interceptor, jwt\n")


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


def _package_imports() -> dict[str, set[str]]:
    """Every import between the package's modules: module level, TYPE_CHECKING and local."""
    import ast
    import pathlib

    root = pathlib.Path(agent_tools_path())
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = (path, parts[-1] == "__init__")
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")
                    anchor = anchor[: len(anchor) - (node.level - 1)]
                    base = ".".join([*anchor, base] if base else anchor)
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def agent_tools_path() -> str:
    import agent_tools

    return str(agent_tools.__path__[0])


def test_no_import_cycles_in_the_package() -> None:
    graph = _package_imports()
    # A package's __init__ re-exports its modules; an import of a sibling module does not run
    # through it, so edges into package __init__s of the package itself are left out.
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if target == "agent_tools":
                continue
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_import_graph_sees_every_kind_of_import() -> None:
    graph = _package_imports()
    # module level, relative
    assert "agent_tools._serve.call" in graph["agent_tools._runtimes.bedrock_agents"]
    # under TYPE_CHECKING
    assert "agent_tools.export.cloudformation" in graph["agent_tools._exports"]
    # inside a function
    assert "agent_tools.export.openapi" in graph["agent_tools._exports"]


def test_runtime_modules_never_import_the_export_cli_or_testing_folders() -> None:
    graph = _package_imports()
    serving = [
        name
        for name in graph
        if name.startswith(("agent_tools._serve", "agent_tools._runtimes", "agent_tools._declare"))
    ]
    offenders = {
        name: sorted(
            t
            for t in graph[name]
            if t.startswith(
                (
                    "agent_tools.export",
                    "agent_tools.cli",
                    "agent_tools.testing",
                    "agent_tools.mcp_server",
                )
            )
        )
        for name in serving
    }
    assert {name: targets for name, targets in offenders.items() if targets} == {}
