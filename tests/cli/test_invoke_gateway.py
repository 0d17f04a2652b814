"""``agent-tools invoke --gateway``: the call an AgentCore Gateway sends, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

HR = "sample_tools.hr:app"
GET = "get_available_vacation_days"


@pytest.fixture(autouse=True)
def hr_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sample_tools import hr

    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path / "hr.sqlite3"))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()


def test_the_call_is_the_arguments_and_a_client_context(run: Run) -> None:
    result = run(
        "invoke", HR, GET, "employee_id=2", "--gateway", "--header", "x-employee-id=2",
        "--target", "hr-tools", "--event",
    )  # fmt: skip
    assert result.exit_code == 0
    call = json.loads(result.stdout)
    assert call["event"] == {"employee_id": "2"}
    custom = call["clientContext"]["custom"]
    assert custom["bedrockAgentCoreToolName"] == f"hr-tools___{GET}"
    assert custom["bedrockAgentCorePropagatedHeaders"] == {"x-employee-id": "2"}


def test_json_values_and_the_default_target(run: Run) -> None:
    result = run("invoke", HR, GET, "employee_id:=2", "--gateway", "--event")
    call = json.loads(result.stdout)
    assert call["event"] == {"employee_id": 2}
    assert call["clientContext"]["custom"]["bedrockAgentCoreToolName"] == f"VacationTools___{GET}"


def test_success_prints_the_result(run: Run) -> None:
    result = run("invoke", HR, GET, "employee_id:=2", "--gateway", "--header", "X-Employee-Id=2")
    assert result.exit_code == 0
    head, _, body = result.stdout.partition("\n")
    assert head == f"{GET}: SUCCESS"
    assert json.loads(body)["available_days"] == 24
    raw = run(
        "invoke", HR, GET, "employee_id=2", "--gateway", "--header", "x-employee-id=2", "--raw"
    )
    assert json.loads(raw.stdout)["name"] == "Bruno Lindqvist"


def test_bad_input_exits_0_and_missing_identity_exits_1(run: Run) -> None:
    bad = run("invoke", HR, GET, "employee_id=two", "--gateway", "--header", "x-employee-id=2")
    assert bad.exit_code == 0
    assert bad.stdout.startswith(f"{GET}: REPROMPT (the model is asked to correct its call)\n")
    assert "employee_id must be a whole number" in bad.stdout
    anonymous = run("invoke", HR, GET, "employee_id=2", "--gateway", "--raw")
    assert anonymous.exit_code == 1
    assert json.loads(anonymous.stdout) == {
        "error": f"{GET} needs the propagated header 'x-employee-id', which this call does not "
        "have. The gateway, from the verified caller's token, must set it.",
        "kind": "failure",
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["employee_id=2", "--gateway", "--session", "employee_id=2"], "pass identity as --header"),
        (["employee_id=2", "--gateway", "--openapi"], "--gateway sends no session"),
        (["employee_id=2", "--header", "x-employee-id=2"], "--header and --target go with"),
        (["employee_id:=[", "--gateway"], "employee_id:=[ is not JSON"),
        (["who=2", "--gateway"], "has no parameter 'who'"),
        (
            ["employee_id:=2", "--gateway", "--target", "hr_tools"],
            "--target 'hr_tools' is not a Gateway target name",
        ),
        (
            ["employee_id:=2", "--gateway", "--target", "hr___tools", "--event"],
            "e.g. 'hr-tools'",
        ),
    ],
)
def test_mistakes_are_named(run: Run, arguments: list[str], message: str) -> None:
    result = run("invoke", HR, GET, *arguments)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_mcp_server_refuses_a_prefix_no_gateway_target_has(run: Run) -> None:
    result = run("mcp", HR, "--prefix", "hr_tools")
    assert result.exit_code == 2
    assert "--prefix 'hr_tools' is not a Gateway target name" in result.stderr
    assert "e.g. 'hr-tools'" in result.stderr
