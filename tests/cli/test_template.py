"""``agent-tools template``: check or rewrite a template's action group, from the command line.

The templates are those of tests/cli/test_template_sync.py, which tests the functions underneath.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from tests.cli.conftest import Run
from tests.cli.test_template_sync import ENTRY, FUNCTIONS, HEAD, IN_STEP, TAIL, edit, write

TARGET = "tests.cli.test_template_sync:LEAVE"


def test_check_in_step(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    result = run("template", TARGET, "--template", str(path), "--resource", "Agent", "--check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{path}: action group LeaveTools of Agent is in step with {TARGET}\n"


def test_check_drift_exits_1_and_says_how_to_update(run: Run, tmp_path: Path) -> None:
    drifted = edit(IN_STEP, "Type: boolean", "Type: string")
    path = write(tmp_path, drifted)
    result = run("template", TARGET, "--template", str(path), "--check")
    assert result.exit_code == 1
    assert result.stdout == (
        f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'\n"
    )
    assert result.stderr == (
        f"{path}: action group LeaveTools of Agent differs from {TARGET}; update it with: "
        f"agent-tools template {TARGET} --template {path} --resource Agent\n"
    )
    assert path.read_text(encoding="utf-8") == drifted


def test_rewrite(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, edit(IN_STEP, "Type: boolean", "Type: string"))
    result = run("template", TARGET, "--template", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"updated {path}: action group LeaveTools of Agent from {TARGET}:\n"
        f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'\n"
    )
    assert path.read_text(encoding="utf-8") == IN_STEP
    again = run("template", TARGET, "--template", str(path))
    assert (
        again.stdout
        == f"{path}: action group LeaveTools of Agent already matches {TARGET}; nothing to do\n"
    )


def test_a_new_entry_takes_the_executor_getatt(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    result = run("template", TARGET, "--template", str(path), "--executor-getatt", "LeaveFunction")
    assert result.exit_code == 0
    assert path.read_text(encoding="utf-8") == HEAD + ENTRY + TAIL


NO_EXECUTOR = (
    "action group 'LeaveTools' of Resources.Agent is not in the template yet and has no "
    "ActionGroupExecutor. Name the tool Lambda with --executor-getatt LOGICAL_ID "
    "(e.g. ToolFunction), or write the entry's ActionGroupExecutor by hand"
)


@pytest.mark.parametrize("check", [[], ["--check"]], ids=["rewrite", "check"])
def test_a_new_entry_without_executor_is_a_configuration_error(
    run: Run, tmp_path: Path, check: list[str]
) -> None:
    path = write(tmp_path, HEAD + TAIL)
    result = run("template", TARGET, "--template", str(path), *check)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {path}: {NO_EXECUTOR}\n"


def test_a_resource_that_is_not_an_agent_is_a_configuration_error(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    result = run("template", TARGET, "--template", str(path), "--resource", "Nope", "--check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: Resources.Nope is nothing, not an AWS::Bedrock::Agent; its agents: "
        "Agent. Pass the agent's logical id with --resource\n"
    )


def test_the_suggested_command_works(run: Run, tmp_path: Path) -> None:
    """A new entry: the check suggests the command with the same --executor-getatt, and that
    command brings the template in step."""
    path = write(tmp_path, HEAD + TAIL)
    options = ["--template", str(path), "--executor-getatt", "LeaveFunction"]
    result = run("template", TARGET, *options, "--check")
    assert result.exit_code == 1
    suggested = result.stderr.split("update it with: ")[1].strip()
    assert suggested == (
        f"agent-tools template {TARGET} --template {path} --resource Agent "
        "--executor-getatt LeaveFunction"
    )
    fixed = run(*shlex.split(suggested)[1:])
    assert fixed.exit_code == 0
    assert run("template", TARGET, *options, "--check").exit_code == 0
    assert path.read_text(encoding="utf-8") == HEAD + ENTRY + TAIL


def test_check_json(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, edit(IN_STEP, "Type: boolean", "Type: string"))
    result = run("template", TARGET, "--template", str(path), "--check", "--json")
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "target": TARGET,
        "template": str(path),
        "resource": "Agent",
        "action_group": "LeaveTools",
        "differences": [
            f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'"
        ],
        "in_step": False,
        "update_command": f"agent-tools template {TARGET} --template {path} --resource Agent",
    }
    result = run("template", TARGET, "--template", str(path), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["updated"] is True
    result = run("template", TARGET, "--template", str(path), "--check", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["in_step"] is True


def test_a_missing_template_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run("template", TARGET, "--template", str(tmp_path / "nope.yaml"), "--check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: no such template: {tmp_path / 'nope.yaml'}\n"


def test_invalid_yaml_is_one_line(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "Resources: [unclosed\n")
    result = run("template", TARGET, "--template", str(path), "--check")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"error: {path} is not valid YAML: ")
    assert result.stderr.count("\n") == 1


def test_a_file_it_cannot_rewrite_faithfully_is_one_line(run: Run, tmp_path: Path) -> None:
    text = "# leave agent\n---\n" + edit(IN_STEP, "Type: boolean", "Type: string")
    path = write(tmp_path, text)
    result = run("template", TARGET, "--template", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: {path}: cannot rewrite the action group without reformatting other lines "
        "(ruamel.yaml would change line 1, '# leave agent');"
    )
    assert path.read_text(encoding="utf-8") == text


def test_the_repository_template_is_in_step(run: Run) -> None:
    root = Path(__file__).parents[2]
    template = root / "template.yaml"
    result = run("template", "sample_tools.hr:app", "--template", str(template), "--check")
    assert result.exit_code == 0, result.stdout
