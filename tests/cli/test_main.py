"""``agent_tools.cli.main``: the console script, its help, and a missing ``cli`` extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent_tools.cli import MISSING_EXTRA, main
from tests.cli.conftest import Run

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("module", ["click", "yaml", "ruamel.yaml", "botocore"])
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
        "chat",
        "check",
        "deploy",
        "diff",
        "invoke",
        "mcp",
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


def test_shell_completion_scripts_and_completions() -> None:
    """Click's completion, under the console script's name, as the help text documents."""
    from click.testing import CliRunner

    from agent_tools.cli.commands import cli

    runner = CliRunner()
    source = runner.invoke(
        cli, [], prog_name="agent-tools", env={"_AGENT_TOOLS_COMPLETE": "bash_source"}
    )
    assert source.exit_code == 0
    assert "_agent_tools_completion()" in source.stdout
    assert "complete -o nosort -F _agent_tools_completion agent-tools" in source.stdout
    completed = runner.invoke(
        cli,
        [],
        prog_name="agent-tools",
        env={
            "_AGENT_TOOLS_COMPLETE": "bash_complete",
            "COMP_WORDS": "agent-tools te",
            "COMP_CWORD": "1",
        },
    )
    assert completed.stdout.split() == ["plain,template"]
    help_text = runner.invoke(cli, ["--help"]).stdout
    assert 'eval "$(_AGENT_TOOLS_COMPLETE=bash_source agent-tools)"' in help_text
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_AGENT_TOOLS_COMPLETE=bash_source agent-tools)"' in readme
    assert "_AGENT_TOOLS_COMPLETE=zsh_source" in readme
