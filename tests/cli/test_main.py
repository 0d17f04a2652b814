"""``agent_tools.cli.main``: the console script, its help, and a missing ``cli`` extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent_tools.cli import MISSING_EXTRA, main, template_main
from tests.cli.conftest import Run

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    "module", ["click", "yaml", "ruamel.yaml", "boto3", "openapi_spec_validator"]
)
def test_a_missing_extra_is_one_line_and_exit_2(
    module: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an uninstalled module looks like
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "tests.apps.vacation:app"])
    assert exit_info.value.code == 2
    assert capsys.readouterr() == ("", MISSING_EXTRA + "\n")
    assert MISSING_EXTRA == (
        "agent-tools needs the cli extra: pip install 'bedrock-agent-tools[cli]'"
    )


def test_the_alias_needs_the_extra_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    with pytest.raises(SystemExit) as exit_info:
        template_main(["tests.test_template:LEAVE", "--check"])
    assert exit_info.value.code == 2
    assert capsys.readouterr() == ("", MISSING_EXTRA + "\n")


def test_main_runs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["invoke", "tests.apps.vacation:app", "ping", "message=hello"])
    assert exit_info.value.code == 0
    assert capsys.readouterr() == ("ping: SUCCESS\nHELLO\n", "")


def test_help_lists_every_command(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    commands = result.stdout.split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in commands] == [
        "check",
        "deploy",
        "diff",
        "invoke",
        "migrate",
        "schema",
        "template",
    ]
    assert all("..." not in line for line in commands), commands


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "agent-tools"
    result = subprocess.run(
        [str(script), "check", "tests.apps.vacation:app"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: VacationTools, 10 tools and 14 parameters")


def test_the_cli_is_not_imported_by_the_package() -> None:
    code = (
        "import agent_tools, sys\n"
        "print([m for m in sys.modules if m.startswith(('agent_tools.cli', 'click'))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
