"""``agent-tools template``: check or rewrite a template's action group, from the command line.

The templates are those of tests/test_template.py, which tests the functions underneath.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run
from tests.test_template import ENTRY, FUNCTIONS, HEAD, IN_STEP, TAIL, edit, write

TARGET = "tests.test_template:LEAVE"


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


def test_a_new_entry_without_executor_is_one_line(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    result = run("template", TARGET, "--template", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: {path}: action group 'LeaveTools' of Resources.Agent has no usable "
        "ActionGroupExecutor; pass executor= (on the command line, --executor-getatt "
        "LOGICAL_ID for the tool Lambda)\n"
    )


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
