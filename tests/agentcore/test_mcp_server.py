"""``agent-tools mcp``, end to end with the ``mcp`` SDK's own client, over stdio and HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

ROOT = Path(__file__).resolve().parents[2]
CLI = ["-c", "from agent_tools.cli import main; main()", "mcp", "tests.agentcore.apps:shop"]


async def _exercise(session: ClientSession, prefix: str, user: str) -> None:
    await session.initialize()
    listed = await session.list_tools()
    tools = {tool.name: tool for tool in listed.tools}
    assert set(tools) == {
        f"{prefix}___{name}"
        for name in (
            "show_booking",
            "cancel_booking",
            "add_note",
            "extend_booking",
            "audit_booking",
        )
    }
    show = tools[f"{prefix}___show_booking"]
    assert show.annotations is not None
    assert show.annotations.read_only_hint is True
    assert show.input_schema["required"] == ["reference"]  # the identity is not an argument
    cancel = tools[f"{prefix}___cancel_booking"].annotations
    assert cancel is not None
    assert cancel.destructive_hint is True

    result = await session.call_tool(f"{prefix}___show_booking", {"reference": "B1", "user": "eve"})
    assert result.is_error is not True
    assert json.loads(result.content[0].text) == {"reference": f"{user}:B1", "days": 2}  # type: ignore[union-attr]

    plain = await session.call_tool("extend_booking", {"reference": "B1", "days": "7"})
    assert json.loads(plain.content[0].text) == {"reference": "B1", "days": 7}  # type: ignore[union-attr]

    bad = await session.call_tool(f"{prefix}___extend_booking", {"days": "a week"})
    assert bad.is_error is True
    message = bad.content[0].text  # type: ignore[union-attr]
    assert "days must be a whole number" in message
    assert "reference is missing" in message

    missing = await session.call_tool(f"{prefix}___cancel_booking", {"reference": "B1"})
    assert missing.is_error is True
    assert "'tenant'" in missing.content[0].text  # type: ignore[union-attr]

    failed = await session.call_tool(f"{prefix}___audit_booking", {"reference": "B1"})
    assert failed.is_error is True
    text = failed.content[0].text  # type: ignore[union-attr]
    assert "internal error (reference " in text
    for secret in ("secret", "/srv/audit", "RuntimeError", "Traceback"):
        assert secret not in text

    unknown = await session.call_tool("nope", {})
    assert unknown.is_error is True
    assert "There is no tool 'nope'" in unknown.content[0].text  # type: ignore[union-attr]


def test_stdio_server_lists_and_calls_through_the_same_core() -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=[*CLI, "--prefix", "shop-tools", "--header", "X-User-Id=alice"],
        cwd=ROOT,
    )

    async def run() -> None:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await _exercise(session, "shop-tools", "alice")

    anyio.run(run)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def http_server() -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, *CLI, "--http", str(port), "--prefix", "shop"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    _, err = process.communicate(timeout=5)
                    pytest.fail(f"the server did not start: {err.decode()}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.terminate()
        process.communicate(timeout=10)  # waits, and closes the pipe


def test_http_server_takes_identity_from_the_request_headers(http_server: str) -> None:
    async def run() -> None:
        headers = {"X-User-Id": "bob"}
        async with (
            httpx2.AsyncClient(headers=headers) as client,
            streamable_http_client(http_server, http_client=client) as streams,
            ClientSession(*_pair(streams)) as session,
        ):
            await _exercise(session, "shop", "bob")

    anyio.run(run)


def _pair(streams: Any) -> tuple[Any, Any]:
    return streams[0], streams[1]
