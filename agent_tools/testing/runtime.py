"""Run a handler under the real Lambda runtime client, against a local Runtime API.

``run_in_lambda_runtime`` serves the Lambda Runtime API (version 2018-06-01) on the
loopback interface and starts ``python -m awslambdaric <handler>`` in a child process with
Lambda's environment, as Lambda's bootstrap does. The handler is imported, called and its
answer serialised by AWS's own code, so what passes here passes the same steps in Lambda:
the module imports from the task root, the answer is JSON, a raised exception becomes an
invocation error. It needs ``awslambdaric`` (the ``runtime`` extra).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from .runtime_api import (
    FUNCTION_NAME,
    POLL_SECONDS,
    REGION,
    InvocationError,
    RuntimeAPI,
    RuntimeAPIServer,
    RuntimeInvocation,
)

__all__ = [
    "InvocationError",
    "LambdaRuntimeError",
    "LambdaRuntimeTimeout",
    "RuntimeInvocation",
    "run_in_lambda_runtime",
]


class LambdaRuntimeError(RuntimeError):
    """The runtime could not be run to the end; ``output`` holds what it printed."""

    def __init__(self, message: str, output: str) -> None:
        super().__init__(f"{message}\n--- runtime output ---\n{output}" if output else message)
        self.output = output


class LambdaRuntimeTimeout(LambdaRuntimeError, TimeoutError):
    """Not every event was answered within the timeout."""


def run_in_lambda_runtime(
    handler: str,
    events: Iterable[Any],
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 30.0,
    client_contexts: Sequence[Mapping[str, Any] | None] | None = None,
) -> list[RuntimeInvocation]:
    """Send ``events`` one by one to ``handler`` running under ``awslambdaric``.

    The child process sees Lambda's variables (``AWS_LAMBDA_FUNCTION_NAME``,
    ``AWS_LAMBDA_FUNCTION_MEMORY_SIZE``, ``AWS_LAMBDA_FUNCTION_VERSION``, ``AWS_REGION``,
    ``LAMBDA_TASK_ROOT``, ``_HANDLER``...), ``PATH`` and ``env``, not this process's
    environment. If the runtime exits during an invocation, that invocation gets a
    ``Runtime.ExitError`` and a new runtime takes the next events, as Lambda starts a new
    environment. What the runtime prints (the handler's logs) is written to ``sys.stderr``,
    where pytest shows it for a failing test.

    Args:
        handler: ``module.function``, as in Lambda's handler setting.
        events: the events to send, in order; each must be JSON-serialisable.
        cwd: the task root: the directory the module is imported from; the current
            directory by default.
        env: more environment variables for the function; they win over Lambda's.
        timeout: seconds for the whole run.
        client_contexts: the client context of each event, in order (``None`` for none),
            sent in ``Lambda-Runtime-Client-Context`` as Lambda sends an invoke's
            ``ClientContext``; ``{"custom": gateway_custom(...)}`` makes a gateway call.

    Returns:
        One ``RuntimeInvocation`` per event, in order.

    Raises:
        LambdaRuntimeTimeout: the events were not all answered in ``timeout`` seconds.
        LambdaRuntimeError: awslambdaric is not installed, or the runtime kept exiting
            without taking events.
    """
    import importlib.util

    if importlib.util.find_spec("awslambdaric") is None:
        raise LambdaRuntimeError(
            "awslambdaric is not installed; install the runtime extra: "
            "pip install 'bedrock-agent-tools[runtime]'",
            "",
        )
    listed = list(events)
    contexts: list[Mapping[str, Any] | None] = (
        list(client_contexts) if client_contexts is not None else [None] * len(listed)
    )
    if len(contexts) != len(listed):
        raise ValueError(
            f"client_contexts has {len(contexts)} entries for {len(listed)} events; "
            "give one per event (None for none)"
        )
    api = RuntimeAPI(listed, contexts)
    root = Path(os.getcwd() if cwd is None else cwd).resolve()
    server = RuntimeAPIServer(api)
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
    )
    serving.start()
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryFile() as output:
        try:
            environment = _environment(handler, root, server.server_address[1], env)
            # Each runtime started either answers or fails at least one event, or ends the
            # run with an init error: at most one start per event.
            for _ in range(max(len(api.invocations), 1)):
                if api.done():
                    break
                child = subprocess.Popen(
                    [sys.executable, "-m", "awslambdaric", handler],
                    cwd=root,
                    env=environment,
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=subprocess.STDOUT,
                )
                try:
                    _supervise(api, child, deadline, output, timeout)
                finally:
                    _stop(child)
            if not api.done():
                raise LambdaRuntimeError(
                    "the runtime kept exiting without answering the events", _read(output)
                )
        finally:
            api.close()
            server.shutdown()
            server.server_close()
            serving.join(timeout=5)
            text = _read(output)
            if text:
                sys.stderr.write(f"--- output of awslambdaric {handler} ---\n{text}")
    return api.results()


# -- the child process --------------------------------------------------------------------


def _environment(
    handler: str, root: Path, port: int, extra: Mapping[str, str] | None
) -> dict[str, str]:
    passed = ("PATH", "LANG", "TMPDIR", "SYSTEMROOT")  # SYSTEMROOT: Python needs it on Windows
    environment = {key: os.environ[key] for key in passed if key in os.environ}
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    environment.update(
        {
            "AWS_LAMBDA_RUNTIME_API": f"127.0.0.1:{port}",
            "AWS_LAMBDA_FUNCTION_NAME": FUNCTION_NAME,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{FUNCTION_NAME}",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2026/01/01/[$LATEST]" + "0" * 32,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_EXECUTION_ENV": f"AWS_Lambda_python{python}",
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "LAMBDA_TASK_ROOT": str(root),
            "PYTHONPATH": str(root),
            "_HANDLER": handler,
            "TZ": ":UTC",
            # The runtime client speaks through libcurl, which honours proxy variables.
            "NO_PROXY": "127.0.0.1",
            "no_proxy": "127.0.0.1",
        }
    )
    environment.update(extra or {})
    return environment


def _supervise(
    api: RuntimeAPI,
    child: subprocess.Popen[bytes],
    deadline: float,
    output: IO[bytes],
    timeout: float,
) -> None:
    api.child_started()
    with api.changed:
        while not api.done():
            code = child.poll()
            if code is not None:
                api.child_exited(code)
                return
            if time.monotonic() > deadline:
                answered = sum(1 for i in api.invocations if i.answered)
                raise LambdaRuntimeTimeout(
                    f"the runtime answered {answered} of {len(api.invocations)} events in "
                    f"{timeout} seconds",
                    _read(output),
                )
            api.changed.wait(POLL_SECONDS)


def _stop(child: subprocess.Popen[bytes]) -> None:
    # Lambda freezes, then kills, a runtime waiting for its next event: it never exits alone.
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", "replace")
