"""Handlers under the real Lambda runtime client (awslambdaric), against the local Runtime API."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from agent_tools.testing import (
    LambdaRuntimeError,
    LambdaRuntimeTimeout,
    check_response,
    function_event,
    run_in_lambda_runtime,
    tool_event,
)
from sample_tools import hr

ROOT = Path(__file__).parents[2]  # the task root that holds sample_tools


def write_module(directory: Path, name: str, source: str) -> None:
    (directory / f"{name}.py").write_text(textwrap.dedent(source))


def test_the_sample_handler_answers_under_the_real_runtime(tmp_path: Path) -> None:
    session = {"employee_id": "2"}
    events = [
        tool_event(
            hr.app, "get_available_vacation_days", {"employee_id": 2}, session_attributes=session
        ),
        tool_event(
            hr.app,
            "reserve_vacation_time",
            {"employee_id": 2, "start_date": "2026-01-24", "end_date": "2026-01-26"},
            openapi=True,
            session_attributes=session,
        ),
        tool_event(
            hr.app, "get_available_vacation_days", {"employee_id": 2}, session_attributes=session
        ),
    ]
    invocations = run_in_lambda_runtime(
        "sample_tools.hr.lambda_handler",
        events,
        cwd=ROOT,
        env={
            "HR_STORE": "sqlite",
            "HR_DB_PATH": str(tmp_path / "hr.sqlite3"),
            "HR_TODAY": "2026-01-10",
            "POWERTOOLS_METRICS_DISABLED": "true",
        },
    )
    assert [i.event for i in invocations] == events
    assert len({i.request_id for i in invocations}) == 3
    for event, invocation in zip(events, invocations, strict=True):
        assert (invocation.error, invocation.init_error) == (None, None)
        check_response(event, invocation.response)
    before, booked, after = (i.result() for i in invocations)
    assert before.json == {
        "employee_id": 2,
        "name": "Bruno Lindqvist",
        "year": 2026,
        "total_days": 24,
        "taken_days": 0,
        "available_days": 24,
    }
    assert (booked.status, booked.json["reservation"]["days"]) == (200, 3)
    # One process answers every event, as a warm Lambda does: the store kept its state.
    assert after.json["available_days"] == 21


def test_a_handler_that_raises_is_an_invocation_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_module(
        tmp_path,
        "failing",
        """
        def handler(event, context):
            if event["n"] == 2:
                raise KeyError("employee_id")
            return {"n": event["n"], "request_id": context.aws_request_id}
        """,
    )
    first, second, third = run_in_lambda_runtime(
        "failing.handler", [{"n": 1}, {"n": 2}, {"n": 3}], cwd=tmp_path
    )
    assert first.response == {"n": 1, "request_id": first.request_id}
    assert second.response is None
    assert second.error is not None
    assert (second.error.error_type, second.error.error_message) == ("KeyError", "'employee_id'")
    assert 'raise KeyError("employee_id")' in "".join(second.error.stack_trace)
    assert not second.ok
    with pytest.raises(AssertionError, match="the invocation failed: KeyError: 'employee_id'"):
        second.result()
    # The runtime carries on with the next event.
    assert third.response == {"n": 3, "request_id": third.request_id}
    # What the runtime printed is passed on, for pytest to show with a failing test.
    printed = capsys.readouterr().err
    assert printed.startswith("--- output of awslambdaric failing.handler ---\n")
    assert "[ERROR] KeyError: 'employee_id'" in printed


def test_a_module_that_fails_to_import_is_an_init_error(tmp_path: Path) -> None:
    write_module(tmp_path, "broken", 'raise ImportError("no module named boto4")\n')
    invocations = run_in_lambda_runtime("broken.handler", [{}, {}], cwd=tmp_path)
    for invocation in invocations:
        assert (invocation.response, invocation.error) == (None, None)
        assert invocation.init_error is not None
        assert invocation.init_error.error_type == "Runtime.ImportModuleError"
        assert invocation.init_error.error_message == (
            "Unable to import module 'broken': no module named boto4"
        )
    with pytest.raises(
        AssertionError, match=r"the initialisation failed: Runtime\.ImportModuleError"
    ):
        invocations[0].result()


def test_a_missing_handler_function_is_an_init_error(tmp_path: Path) -> None:
    write_module(tmp_path, "tools", "def handler(event, context):\n    return {}\n")
    (invocation,) = run_in_lambda_runtime("tools.lambda_handler", [{}], cwd=tmp_path)
    assert invocation.init_error is not None
    assert invocation.init_error.error_type == "Runtime.HandlerNotFound"


def test_a_tool_that_raises_is_a_failure_envelope_not_a_runtime_error(tmp_path: Path) -> None:
    write_module(
        tmp_path,
        "tools",
        """
        from agent_tools import ActionGroup, Context

        app = ActionGroup("Tools")


        @app.tool
        def explode(reason: str) -> str:
            '''Fail.'''
            raise RuntimeError(reason)


        @app.tool
        def whoami(ctx: Context) -> dict:
            '''Say what the runtime gave.'''
            return {
                "request_id": ctx.request_id,
                "function_name": ctx.lambda_context.function_name,
                "has_time_left": ctx.lambda_context.get_remaining_time_in_millis() > 0,
            }


        lambda_handler = app.lambda_handler
        """,
    )
    events = [
        function_event("explode", {"reason": "database down"}, action_group="Tools"),
        function_event("whoami", action_group="Tools"),
    ]
    exploded, whoami = run_in_lambda_runtime("tools.lambda_handler", events, cwd=tmp_path)
    assert exploded.ok
    result = exploded.result()
    assert (result.state, result.status) == ("FAILURE", 500)
    assert "database down" not in result.text  # the framework keeps internals from the model
    assert whoami.result().json == {
        "request_id": whoami.request_id,
        "function_name": "test-function",
        "has_time_left": True,
    }


def test_a_runtime_that_exits_fails_that_invocation_and_a_new_one_takes_the_next(
    tmp_path: Path,
) -> None:
    write_module(
        tmp_path,
        "exits",
        """
        import os

        STARTED = os.getpid()


        def handler(event, context):
            if event.get("exit"):
                os._exit(3)
            return {"pid": STARTED}
        """,
    )
    first, exited, after = run_in_lambda_runtime(
        "exits.handler", [{}, {"exit": True}, {}], cwd=tmp_path
    )
    assert exited.error is not None
    assert exited.error.error_type == "Runtime.ExitError"
    assert exited.error.error_message == (
        f"RequestId: {exited.request_id} Error: Runtime exited with error: exit status 3"
    )
    assert first.response["pid"] != after.response["pid"]


def test_the_function_sees_lambdas_environment_and_not_the_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGENT_TOOLS_TEST_SECRET", "leaked")
    write_module(
        tmp_path,
        "env",
        """
        import os

        def handler(event, context):
            return {name: os.environ.get(name) for name in event["names"]}
        """,
    )
    names = [
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_REGION",
        "LAMBDA_TASK_ROOT",
        "_HANDLER",
        "AGENT_TOOLS_TEST_SECRET",
        "EXTRA",
    ]
    (invocation,) = run_in_lambda_runtime(
        "env.handler", [{"names": names}], cwd=tmp_path, env={"EXTRA": "given"}
    )
    assert invocation.response == {
        "AWS_LAMBDA_FUNCTION_NAME": "test-function",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_REGION": "us-east-1",
        "LAMBDA_TASK_ROOT": str(tmp_path.resolve()),
        "_HANDLER": "env.handler",
        "AGENT_TOOLS_TEST_SECRET": None,
        "EXTRA": "given",
    }


def test_a_handler_that_never_answers_times_out(tmp_path: Path) -> None:
    write_module(
        tmp_path,
        "slow",
        """
        import time

        def handler(event, context):
            print("started", flush=True)
            time.sleep(60)
        """,
    )
    with pytest.raises(LambdaRuntimeTimeout, match="answered 0 of 1 events") as raised:
        run_in_lambda_runtime("slow.handler", [{}], cwd=tmp_path, timeout=1)
    assert "started" in raised.value.output


def test_without_awslambdaric_the_run_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *args: None if name == "awslambdaric" else find_spec(name, *args),
    )
    with pytest.raises(LambdaRuntimeError, match=r"pip install 'bedrock-agent-tools\[runtime\]'"):
        run_in_lambda_runtime("tools.lambda_handler", [{}])
