"""``agent-tools mcp``: serve an action group's tools over MCP, locally."""

from __future__ import annotations

import importlib.util

import click

from .errors import CommandError, user_errors
from .invoke import pairs
from .invoke_gateway import target_option
from .targets import load_group

__all__ = ["mcp"]

MISSING_EXTRA = "agent-tools mcp needs the mcp extra: pip install 'bedrock-agent-tools[mcp]'"


@click.command(short_help="Serve the tools over MCP (stdio, or HTTP on loopback).")
@click.argument("target")
@click.option(
    "--http",
    "port",
    type=click.IntRange(1, 65535),
    help="Serve streamable HTTP at http://127.0.0.1:PORT/mcp instead of stdio.",
)
@click.option(
    "--prefix",
    metavar="TARGET_NAME",
    help="List tools as TARGET_NAME___tool, as a Gateway target of that name does.",
)
@click.option(
    "--session",
    multiple=True,
    metavar="KEY=VALUE",
    help="A trusted session value for SessionAttr parameters; repeatable.",
)
@click.option(
    "--header",
    multiple=True,
    metavar="NAME=VALUE",
    help="A trusted header for SessionAttr(header=...) parameters, as a Gateway propagates "
    "it; repeatable. Over HTTP, the request's own headers of those names count too.",
)
def mcp(
    target: str,
    port: int | None,
    prefix: str | None,
    session: tuple[str, ...],
    header: tuple[str, ...],
) -> None:
    """Serve the tools of TARGET (MODULE:ATTRIBUTE) to an MCP client, for trying them.

    Calls run through the same code as the Lambda: bad input and failures come back as
    results with isError set and a message the model can act on.
    """
    if importlib.util.find_spec("mcp") is None:
        raise CommandError(MISSING_EXTRA)
    prefix = target_option(prefix, "--prefix")
    sessions = dict(pairs(session, "--session"))
    headers = {k.lower(): v for k, v in pairs(header, "--header")}
    group = load_group(target)
    from agent_tools import mcp_server

    with user_errors():
        server = mcp_server.build_server(
            group, prefix=prefix, session_attributes=sessions, headers=headers
        )
    if port is None:
        import anyio

        anyio.run(mcp_server.serve_stdio, server)
        return
    import uvicorn

    click.echo(f"Serving {group.name} at http://{mcp_server.LOOPBACK}:{port}/mcp", err=True)
    uvicorn.run(
        mcp_server.http_app(server), host=mcp_server.LOOPBACK, port=port, log_level="warning"
    )
