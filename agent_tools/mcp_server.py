"""An MCP server for an action group, on the official ``mcp`` SDK: ``agent-tools mcp``.

For trying tools before deploying them: it lists what a Gateway target lists and runs each
call through the same core as a Lambda (``ActionGroup.call_tool``). A refusal or failure is a
result with ``isError: true`` and the message a model can act on; a failure's text carries
only a reference, never the exception. Needs the ``mcp`` extra; never imported by a Lambda.

Trusted values: ``SessionAttr`` parameters read ``session_attributes`` and ``headers`` given
when the server starts, and over HTTP also the request's headers named by
``SessionAttr(header=...)``, as a Gateway propagates them. The HTTP server listens on the
loopback interface only, since it takes identity from whoever calls it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anyio
import mcp_types as types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server

from agent_tools.app import ActionGroup

__all__ = ["LOOPBACK", "build_server", "http_app", "serve_stdio"]

LOOPBACK = "127.0.0.1"


def build_server(
    group: ActionGroup,
    *,
    prefix: str | None = None,
    session_attributes: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Server[Any]:
    """An MCP ``Server`` whose tools are ``group``'s.

    Args:
        group: the action group.
        prefix: list tools as ``<prefix>___<tool>``, as a Gateway target named ``prefix``
            does; calls are accepted under either name.
        session_attributes: trusted values for ``SessionAttr`` parameters, by key.
        headers: trusted headers for ``SessionAttr(header=...)`` parameters.
    """
    listed = types.ListToolsResult.model_validate({"tools": group.mcp_tools(prefix=prefix)})
    lock = anyio.Lock()  # one call at a time: the group's event loop is not shared

    async def list_tools(
        ctx: Any, params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return listed

    async def call_tool(ctx: Any, params: types.CallToolRequestParams) -> types.CallToolResult:
        name = params.name
        if prefix and name.startswith(f"{prefix}___"):
            name = name.removeprefix(f"{prefix}___")
        trusted = {**(headers or {}), **_request_headers(ctx)}
        async with lock:
            outcome = await anyio.to_thread.run_sync(
                lambda: group.call_tool(
                    name,
                    params.arguments,
                    session_attributes=session_attributes,
                    headers=trusted,
                )
            )
        return types.CallToolResult(
            content=[types.TextContent(text=outcome.body)], is_error=not outcome.ok
        )

    return Server(
        group.name,
        version=group.version,
        instructions=group.description,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )


def _request_headers(ctx: Any) -> dict[str, str]:
    request = getattr(ctx, "request", None)
    found = getattr(request, "headers", None)
    return {str(k).lower(): str(v) for k, v in found.items()} if found is not None else {}


async def serve_stdio(server: Server[Any]) -> None:
    """Serve ``server`` over standard input and output until the client disconnects."""
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


def http_app(server: Server[Any]) -> Any:
    """The streamable HTTP ASGI application of ``server``, at ``/mcp``, for the loopback host."""
    return server.streamable_http_app(host=LOOPBACK, stateless_http=True, json_response=True)
