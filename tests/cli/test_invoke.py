"""``agent-tools invoke``: the event Bedrock would send, run in-process, and its answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agent_tools.cli.invoke import AGENT, SESSION_ID
from sample_tools import hr
from tests.apps import vacation
from tests.cli.conftest import Run
from tests.conftest import load_event
from tests.contract import check_envelope

VACATION = "tests.apps.vacation:app"
HR = "sample_tools.hr:app"


def expected_event(name: str, **changes: Any) -> dict[str, Any]:
    """A contract event from tests/events, with the CLI's agent, session and empty input."""
    return load_event(name, agent=AGENT, sessionId=SESSION_ID, inputText="", **changes)


def event_of(run: Run, *arguments: str) -> dict[str, Any]:
    result = run("invoke", *arguments, "--event")
    assert (result.exit_code, result.stderr) == (0, "")
    event: dict[str, Any] = json.loads(result.stdout)
    return event


# -- the event -------------------------------------------------------------------------------


def test_the_agent_defaults() -> None:
    assert AGENT == {
        "name": "agent-tools-cli",
        "id": "AGENT12345",
        "alias": "TSTALIASID",
        "version": "DRAFT",
    }


def test_function_event(run: Run) -> None:
    event = event_of(
        run, VACATION, "get_available_vacation_days", "employee_id=2", "--session", "employee_id=2"
    )
    expected = expected_event("function_get_available_vacation_days")
    assert event == expected
    assert list(event) == list(expected)


def test_function_event_with_arrays_as_strings(run: Run) -> None:
    event = event_of(
        run,
        VACATION,
        "tag_days",
        "days=[2026-01-24, 2026-01-25]",
        'tags=["travel", "offsite"]',
    )
    assert event == expected_event("function_tag_days")


def test_openapi_event_places_path_and_body_parameters(run: Run) -> None:
    event = event_of(
        run,
        VACATION,
        "reserve_vacation_time",
        "employee_id=2",
        "start_date=2026-01-24",
        "end_date=2026-01-26",
        "--session",
        "employee_id=2",
        "--openapi",
    )
    expected = expected_event("openapi_reserve_vacation_time")
    assert event == expected
    assert list(event) == list(expected)


def test_openapi_event_sends_a_model_body_flat(run: Run) -> None:
    event = event_of(
        run,
        VACATION,
        "submit_request",
        "start_date=2026-02-03",
        "employee_id=2",
        "end_date=2026-02-04",
        "kind=sick",
        "--session",
        "employee_id=2",
        "--session",
        "last_booking=2026-01-24/2026-01-26",
        "--openapi",
    )
    assert event == expected_event("openapi_submit_request")


def test_openapi_event_of_a_get_has_query_parameters_and_no_body(run: Run) -> None:
    arguments = ["employee_id=2", "year=2026", "--session", "employee_id=2", "--openapi"]
    event = event_of(run, VACATION, "list_planned_vacations", *arguments)
    assert event == expected_event("openapi_list_planned_vacations")
    assert "requestBody" not in event


def test_values_split_at_the_first_equals_sign(run: Run) -> None:
    event = event_of(
        run,
        VACATION,
        "ping",
        "message=a=b",
        "--session",
        "token=x=y",
        "--prompt-session",
        "empty=",
        "--input-text",
        "Say a=b",
    )
    assert event["parameters"] == [{"name": "message", "type": "string", "value": "a=b"}]
    assert event["sessionAttributes"] == {"token": "x=y"}
    assert event["promptSessionAttributes"] == {"empty": ""}
    assert event["inputText"] == "Say a=b"


# -- the answer ------------------------------------------------------------------------------


def test_success_is_readable(run: Run) -> None:
    result = run("invoke", VACATION, "get_available_vacation_days", "employee_id=2")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        'get_available_vacation_days: SUCCESS\n{\n  "employee_id": 2,\n  "available_days": 22\n}\n'
    )


def test_a_text_body_is_printed_as_it_is(run: Run) -> None:
    result = run("invoke", VACATION, "ping", "message=hello", "--openapi")
    assert (result.exit_code, result.stdout) == (0, "POST /ping (ping): 200\nHELLO\n")


def test_reprompt_exits_0_and_says_so(run: Run) -> None:
    result = run("invoke", VACATION, "get_available_vacation_days", "employee_id=9")
    assert result.exit_code == 0
    assert result.stdout == (
        "get_available_vacation_days: REPROMPT (the model is asked to correct its call)\n"
        "There is no employee 9; ask the user for their id.\n"
    )
    result = run("invoke", VACATION, "get_available_vacation_days", "employee_id=x", "--openapi")
    assert result.exit_code == 0
    assert result.stdout == (
        "POST /get_available_vacation_days (get_available_vacation_days): 400 (the model is "
        "asked to correct its call)\n"
        "Invalid input for get_available_vacation_days: employee_id must be a whole number "
        "such as 42, got 'x'. Correct these parameters and call again.\n"
    )


def test_failure_exits_1(run: Run) -> None:
    result = run("invoke", VACATION, "broken")
    assert result.exit_code == 1
    head, body = result.stdout.splitlines()
    assert head == "broken: FAILURE (the turn ends with a DependencyFailedException)"
    assert body.startswith("broken failed with an internal error (reference ")
    assert "secret" not in result.stdout


def test_a_5xx_status_exits_1(run: Run) -> None:
    result = run("invoke", VACATION, "broken", "reason=dependency", "--openapi")
    assert result.exit_code == 1
    assert result.stdout == (
        "POST /broken (broken): 503 (the turn fails)\nThe HR system is down; try again later.\n"
    )


def test_session_changes_are_listed(run: Run) -> None:
    result = run(
        "invoke",
        VACATION,
        "submit_request",
        "employee_id=2",
        "start_date=2026-02-03",
        "end_date=2026-02-04",
        "kind=sick",
        "--session",
        "employee_id=2",
        "--session",
        "last_booking=2026-01-24/2026-01-26",
        "--session",
        "pending=annual",
        "--openapi",
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "POST /employees/{employee_id}/requests (submit_request): 200\n"
        "{\n"
        '  "employee_id": 2,\n'
        '  "booking": {\n'
        '    "start_date": "2026-02-03",\n'
        '    "end_date": "2026-02-04",\n'
        '    "kind": "sick"\n'
        "  }\n"
        "}\n"
        "sessionAttributes: set pending = 'sick' (was 'annual')\n"
        "sessionAttributes: removed last_booking\n"
        "promptSessionAttributes: set hint = 'request submitted'\n"
    )


def test_knowledge_bases_are_shown(run: Run) -> None:
    result = run("invoke", VACATION, "apply_kb", "--input-text", "reprompt me")
    assert result.exit_code == 0
    assert result.stdout == (
        "apply_kb: REPROMPT (the model is asked to correct its call)\n"
        "ok\n"
        'knowledgeBasesConfiguration: [{"knowledgeBaseId": "KB12345678", '
        '"retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 5}}}]\n'
    )


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
def test_raw_prints_the_envelope(run: Run, openapi: bool) -> None:
    arguments = ["reserve_vacation_time", "employee_id=2", "start_date=2026-01-24"]
    arguments += ["end_date=2026-01-26", "--session", "employee_id=2"]
    arguments += ["--openapi"] if openapi else []
    event = event_of(run, VACATION, *arguments)
    result = run("invoke", VACATION, *arguments, "--raw")
    assert (result.exit_code, result.stderr) == (0, "")
    envelope = json.loads(result.stdout)
    check_envelope(event, envelope)
    assert envelope == vacation.app.resolve(event)
    assert envelope["sessionAttributes"] == {
        "employee_id": "2",
        "last_booking": "2026-01-24/2026-01-26",
    }


# -- the HR sample, whose Powertools logs must not mix with the answer -----------------------


@pytest.fixture
def hr_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path / "hr.sqlite3"))
    monkeypatch.setenv("HR_TODAY", "2026-11-22")
    hr.store.cache_clear()
    yield
    hr.store.cache_clear()


@pytest.mark.usefixtures("hr_database")
def test_hr_success(run: Run) -> None:
    arguments = ["get_available_vacation_days", "employee_id=2", "--session", "employee_id=2"]
    result = run("invoke", HR, *arguments, "--raw")
    assert result.exit_code == 0
    envelope = json.loads(result.stdout)  # nothing but the envelope on stdout
    body = envelope["response"]["functionResponse"]["responseBody"]["TEXT"]["body"]
    assert json.loads(body) == {
        "employee_id": 2,
        "name": "Bruno Lindqvist",
        "year": 2026,
        "total_days": 24,
        "taken_days": 0,
        "available_days": 24,
    }
    result = run("invoke", HR, *arguments, "--openapi")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "GET /employees/{employee_id}/balance (get_available_vacation_days): 200\n{\n"
    )


@pytest.mark.usefixtures("hr_database")
def test_hr_reprompt_and_failure(run: Run) -> None:
    denied = run(
        "invoke", HR, "get_available_vacation_days", "employee_id=3", "--session", "employee_id=2"
    )
    assert denied.exit_code == 0
    assert denied.stdout.startswith(
        "get_available_vacation_days: REPROMPT (the model is asked to correct its call)\n"
        "Access denied: this session belongs to employee 2"
    )
    anonymous = run("invoke", HR, "get_available_vacation_days", "employee_id=2")
    assert anonymous.exit_code == 1
    assert anonymous.stdout == (
        "get_available_vacation_days: FAILURE (the turn ends with a DependencyFailedException)\n"
        "get_available_vacation_days needs the session attribute 'employee_id', which this "
        "session does not have. The application that calls InvokeAgent must set it.\n"
    )


# -- mistakes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["nope"],
            "action group VacationTools has no tool 'nope'; its tools: "
            "get_available_vacation_days, reserve_vacation_time, list_planned_vacations, "
            "submit_request, tag_days, ping, broken, huge, who_am_i, apply_kb",
            id="unknown-tool",
        ),
        pytest.param(
            ["ping", "message"],
            "argument 'message' is not KEY=VALUE, e.g. employee_id=2",
            id="no-equals",
        ),
        pytest.param(
            ["ping", "=hello"],
            "argument '=hello' is not KEY=VALUE, e.g. employee_id=2",
            id="no-key",
        ),
        pytest.param(
            ["ping", "--session", "employee_id"],
            "--session 'employee_id' is not KEY=VALUE, e.g. employee_id=2",
            id="bad-session",
        ),
        pytest.param(
            ["ping", "--prompt-session", "hint"],
            "--prompt-session 'hint' is not KEY=VALUE, e.g. employee_id=2",
            id="bad-prompt-session",
        ),
        pytest.param(
            ["ping", "msg=hello"],
            "tool 'ping' has no parameter 'msg' for the model to fill in; its parameters: message",
            id="unknown-parameter",
        ),
        pytest.param(
            ["apply_kb", "x=1"],
            "tool 'apply_kb' has no parameter 'x' for the model to fill in; its parameters: none",
            id="no-parameters",
        ),
        pytest.param(
            ["submit_request", "booking={}", "--openapi"],
            "tool 'submit_request' has no parameter 'booking'; its parameters: employee_id, "
            "start_date, end_date, kind",
            id="openapi-model-body",
        ),
    ],
)
def test_mistakes_are_one_line_and_exit_2(run: Run, arguments: list[str], message: str) -> None:
    result = run("invoke", VACATION, *arguments)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"


def test_a_function_event_takes_a_model_as_json(run: Run) -> None:
    booking = '{"start_date": "2026-02-03", "end_date": "2026-02-04"}'
    event = event_of(run, VACATION, "submit_request", "employee_id=2", f"booking={booking}")
    assert event["parameters"] == [
        {"name": "employee_id", "type": "integer", "value": "2"},
        {"name": "booking", "type": "string", "value": booking},
    ]


def test_event_and_raw_are_exclusive(run: Run) -> None:
    result = run("invoke", VACATION, "ping", "--event", "--raw")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --event and --raw cannot be used together"


def test_what_the_tool_logs_goes_to_stderr(tmp_path: Path) -> None:
    """Powertools' handler is made at import; the command imports with stdout on stderr."""
    script = Path(sys.executable).parent / "agent-tools"
    environment = {
        **os.environ,
        "HR_STORE": "sqlite",
        "HR_DB_PATH": str(tmp_path / "hr.sqlite3"),
        "HR_TODAY": "2026-11-22",
    }
    arguments = ["get_available_vacation_days", "employee_id=2", "--session", "employee_id=2"]
    result = subprocess.run(
        [str(script), "invoke", HR, *arguments, "--raw"],
        cwd=Path(__file__).parents[2],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "responseState" not in json.loads(result.stdout)["response"]["functionResponse"]
    log = json.loads(result.stderr)
    assert (log["message"].split(" in ")[0], log["session_id"]) == (
        "get_available_vacation_days success",
        SESSION_ID,
    )


# -- logs: a tool's traceback, -v and --log-level ---------------------------------------------


def test_a_raising_tool_shows_its_traceback_on_stderr(run: Run) -> None:
    result = run("invoke", VACATION, "broken", "reason=disk")
    assert result.exit_code == 1
    reference = result.stdout.split("(reference ")[1].split(")")[0]
    assert "secret" not in result.stdout  # the model's answer stays clean
    assert result.stderr.startswith(
        f"ERROR agent_tools: broken raised RuntimeError (reference {reference})\n"
        "Traceback (most recent call last):\n"
    )
    *_, error, call = result.stderr.splitlines()
    assert error == "RuntimeError: secret internal detail: /var/task/db.sqlite disk"
    assert call.startswith("WARNING agent_tools: broken failure in ")
    assert "tests/apps/vacation.py" in result.stderr


def test_routine_calls_log_nothing_by_default(run: Run) -> None:
    result = run("invoke", VACATION, "ping", "message=hi")
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.parametrize("option", [["-v"], ["--log-level", "info"], ["-vv"]])
def test_verbose_shows_the_call_line(run: Run, option: list[str]) -> None:
    result = run(*option, "invoke", VACATION, "ping", "message=hi")
    assert result.exit_code == 0
    assert result.stdout == "ping: SUCCESS\nHI\n"
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("INFO")]
    assert line.startswith("INFO agent_tools: ping success in ")
    assert line.endswith(" ms")


def test_an_unknown_level_is_refused_and_error_hides_routine_lines(run: Run) -> None:
    result = run("--log-level", "CRITICAL", "invoke", VACATION, "broken")
    assert result.exit_code == 2
    assert "Invalid value for '--log-level'" in result.stderr
    quiet = run("--log-level", "error", "invoke", VACATION, "ping")
    assert (quiet.exit_code, quiet.stderr) == (0, "")
