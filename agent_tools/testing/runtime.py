"""Run a handler under the real Lambda runtime client, against a local Runtime API.

``run_in_lambda_runtime`` serves the Lambda Runtime API (version 2018-06-01) on the
loopback interface and starts ``python -m awslambdaric <handler>`` in a child process with
Lambda's environment, as Lambda's bootstrap does. The handler is imported, called and its
answer serialised by AWS's own code, so what passes here passes the same steps in Lambda:
the module imports from the task root, the answer is JSON, a raised exception becomes an
invocation error. It needs ``awslambdaric`` (the ``runtime`` extra).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from .result import ToolResult

__all__ = [
    "InvocationError",
    "LambdaRuntimeError",
    "LambdaRuntimeTimeout",
    "RuntimeInvocation",
    "run_in_lambda_runtime",
]

FUNCTION_NAME = "test-function"
REGION = "us-east-1"
_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:{FUNCTION_NAME}"
_NEXT = "/2018-06-01/runtime/invocation/next"
_INIT_ERROR = "/2018-06-01/runtime/init/error"
_ANSWER = re.compile(r"/2018-06-01/runtime/invocation/([^/]+)/(response|error)")
_MAX_RESPONSE_BYTES = 6_291_556  # Lambda's figure for its 6 MB synchronous response limit
_POLL_SECONDS = 0.05


@dataclass(frozen=True, slots=True, kw_only=True)
class InvocationError:
    """An error the runtime reported: what Lambda returns for a failed invocation.

    Attributes:
        error_type: ``errorType``: the exception's class name, or a ``Runtime.*`` fault.
        error_message: ``errorMessage``.
        stack_trace: ``stackTrace``, one formatted frame per item.
    """

    error_type: str
    error_message: str
    stack_trace: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class RuntimeInvocation:
    """What became of one event.

    Exactly one of ``response``, ``error`` and ``init_error`` is set.

    Attributes:
        request_id: the ``Lambda-Runtime-Aws-Request-Id`` the event was handed out with.
        event: the event.
        response: the handler's answer, parsed from the JSON the runtime posted.
        error: the invocation error the runtime posted, when the handler raised (or the
            runtime exited: ``Runtime.ExitError``, or the answer was over 6 MB:
            ``Function.ResponseSizeTooLarge``).
        init_error: the error of the runtime's initialisation (the module failed to
            import, say); the event was never handed out.
        client_context: the client context the event was handed out with, if any.
    """

    request_id: str
    event: Any
    response: Any = None
    error: InvocationError | None = None
    init_error: InvocationError | None = None
    client_context: Mapping[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """The handler answered."""
        return self.error is None and self.init_error is None

    def result(self) -> ToolResult:
        """The answer, checked against the contract and read (a gateway call's, when the
        client context names a gateway tool).

        Raises:
            AssertionError: there is no answer; the message gives the error.
            ContractError: the answer breaks the contract.
        """
        problem = self.init_error or self.error
        if problem is not None:
            kind = "initialisation" if self.init_error is not None else "invocation"
            raise AssertionError(
                f"the {kind} failed: {problem.error_type}: {problem.error_message}"
            )
        event = self.event if isinstance(self.event, Mapping) else None
        custom = (self.client_context or {}).get("custom")
        if isinstance(custom, Mapping) and "bedrockAgentCoreToolName" in custom:
            return ToolResult.from_gateway(self.response, event=event)
        return ToolResult.from_response(self.response, event=event)


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
    api = _RuntimeAPI(listed, contexts)
    root = Path(os.getcwd() if cwd is None else cwd).resolve()
    server = _Server(api)
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS}, daemon=True
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
    api: _RuntimeAPI,
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
            api.changed.wait(_POLL_SECONDS)


def _stop(child: subprocess.Popen[bytes]) -> None:
    # Lambda freezes, then kills, a runtime waiting for its next event: it never exits alone.
    if child.poll() is None:
        child.kill()
    child.wait(timeout=10)


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", "replace")


# -- the Runtime API ------------------------------------------------------------------------


class _Invocation:
    __slots__ = (
        "answered",
        "client_context",
        "error",
        "event",
        "payload",
        "request_id",
        "response",
    )

    def __init__(self, event: Any, client_context: Mapping[str, Any] | None) -> None:
        self.request_id = str(uuid.uuid4())
        self.event = event
        self.client_context = client_context
        self.payload = json.dumps(event).encode("utf-8")
        self.response: Any = None
        self.error: InvocationError | None = None
        self.answered = False


class _RuntimeAPI:
    """The state the server's threads and the supervising thread share, under one lock."""

    def __init__(self, events: list[Any], contexts: list[Mapping[str, Any] | None]) -> None:
        self.invocations = [
            _Invocation(event, context) for event, context in zip(events, contexts, strict=True)
        ]
        self._pending = deque(self.invocations)
        self._by_id = {i.request_id: i for i in self.invocations}
        self.in_flight: _Invocation | None = None
        self.init_error: InvocationError | None = None
        self.polled = False  # the current runtime got as far as asking for an event
        self.closed = False
        self.changed = threading.Condition()

    def done(self) -> bool:
        with self.changed:
            return self.init_error is not None or all(i.answered for i in self.invocations)

    def child_started(self) -> None:
        with self.changed:
            self.polled = False

    def child_exited(self, code: int) -> None:
        with self.changed:
            message = f"Runtime exited with error: exit status {code}"
            if self.in_flight is not None:
                failed, self.in_flight = self.in_flight, None
                failed.error = InvocationError(
                    error_type="Runtime.ExitError",
                    error_message=f"RequestId: {failed.request_id} Error: {message}",
                )
                failed.answered = True
            elif not self.polled and self.init_error is None:
                self.init_error = InvocationError(
                    error_type="Runtime.ExitError", error_message=message
                )
            self.changed.notify_all()

    def next(self) -> _Invocation | None:
        """The next event, waiting for one like Lambda's long poll; ``None`` once closed."""
        with self.changed:
            self.polled = True
            self.changed.notify_all()
            while not self._pending:
                if self.closed:
                    return None
                self.changed.wait(_POLL_SECONDS)
            if self.closed:
                return None
            invocation = self.in_flight = self._pending.popleft()
            return invocation

    def answer(
        self, request_id: str, response: Any = None, error: InvocationError | None = None
    ) -> bool:
        with self.changed:
            invocation = self._by_id.get(request_id)
            if invocation is None or invocation is not self.in_flight:
                return False
            invocation.response = response
            invocation.error = error
            invocation.answered = True
            self.in_flight = None
            self.changed.notify_all()
            return True

    def fail_init(self, error: InvocationError) -> None:
        with self.changed:
            self.init_error = error
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def results(self) -> list[RuntimeInvocation]:
        with self.changed:
            return [
                RuntimeInvocation(
                    request_id=i.request_id,
                    event=i.event,
                    response=i.response,
                    error=i.error,
                    init_error=None if i.answered else self.init_error,
                    client_context=i.client_context,
                )
                for i in self.invocations
            ]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: _RuntimeAPI) -> None:
        self.api = api
        # Loopback only, on a free port the system picks.
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        if self.path != _NEXT:
            self._reply(404, {"errorMessage": f"no route {self.path}", "errorType": "NotFound"})
            return
        invocation = self.server.api.next()
        if invocation is None:  # the run is over; the runtime is being stopped
            self._reply(503, {"errorMessage": "shutting down", "errorType": "ServiceUnavailable"})
            return
        remaining_ms = 900_000  # Lambda's longest timeout; the run's own timeout bounds a call
        headers = {}
        if invocation.client_context is not None:
            headers["Lambda-Runtime-Client-Context"] = json.dumps(invocation.client_context)
        self._reply(
            200,
            invocation.payload,
            {
                **headers,
                "Lambda-Runtime-Aws-Request-Id": invocation.request_id,
                "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + remaining_ms),
                "Lambda-Runtime-Invoked-Function-Arn": _ARN,
                "Lambda-Runtime-Trace-Id": (
                    f"Root=1-{int(time.time()):08x}-{secrets.token_hex(12)};"
                    f"Parent={secrets.token_hex(8)};Sampled=0"
                ),
            },
        )

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        api = self.server.api
        if self.path == _INIT_ERROR:
            api.fail_init(_error(body, self.headers.get("Lambda-Runtime-Function-Error-Type")))
            self._reply(202, {"status": "OK"})
            return
        match = _ANSWER.fullmatch(self.path)
        if match is None:
            self._reply(404, {"errorMessage": f"no route {self.path}", "errorType": "NotFound"})
            return
        request_id, kind = match.groups()
        if kind == "error":
            error = _error(body, self.headers.get("Lambda-Runtime-Function-Error-Type"))
            accepted = api.answer(request_id, error=error)
        elif len(body) > _MAX_RESPONSE_BYTES:
            error = InvocationError(
                error_type="Function.ResponseSizeTooLarge",
                error_message="Response payload size exceeded maximum allowed payload size "
                f"({_MAX_RESPONSE_BYTES} bytes).",
            )
            if api.answer(request_id, error=error):
                self._reply(
                    413, {"errorMessage": error.error_message, "errorType": error.error_type}
                )
                return
            accepted = False
        else:
            accepted = api.answer(request_id, response=_json_or_text(body))
        if accepted:
            self._reply(202, {"status": "OK"})
        else:
            self._reply(
                400, {"errorMessage": "Invalid request ID", "errorType": "InvalidRequestID"}
            )

    def _reply(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except OSError:  # the runtime was stopped while it waited: nobody is listening
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: the runtime's own output is what matters; request lines would drown it."""


def _error(body: bytes, header: str | None) -> InvocationError:
    parsed = _json_or_text(body)
    if not isinstance(parsed, Mapping):
        parsed = {"errorMessage": str(parsed)}
    trace = parsed.get("stackTrace")
    return InvocationError(
        error_type=str(parsed.get("errorType") or header or "Unknown"),
        error_message=str(parsed.get("errorMessage") or ""),
        stack_trace=tuple(str(t) for t in trace) if isinstance(trace, list) else (),
    )


def _json_or_text(body: bytes) -> Any:
    text = body.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except ValueError:
        return text
