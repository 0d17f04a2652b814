"""TARGET: ``MODULE:ATTRIBUTE`` or ``MODULE``, and one line of help when it names nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.apps import vacation
from tests.cli.conftest import Run, WriteModule

TWO_GROUPS = """
from agent_tools import ActionGroup

leave = ActionGroup("Leave")
payroll = ActionGroup("Payroll")
also_leave = leave  # the same group under a second name is still one group
"""

ONE_GROUP = """
from agent_tools import ActionGroup

app = ActionGroup("Only")
handler = app.lambda_handler
print("imported")  # must not spoil the command's output


@app.tool
def hello() -> str:
    '''Say hello.'''
    return "hello"
"""


def test_module_attribute(run: Run) -> None:
    result = run("schema", "tests.apps.vacation:app")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == vacation.app.function_schema()


def test_a_module_with_one_action_group(run: Run, write_module: WriteModule) -> None:
    write_module("only_app", ONE_GROUP)
    result = run("schema", "only_app")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["functions"][0]["name"] == "hello"
    assert result.stderr == "imported\n"


def test_a_dotted_attribute(run: Run, write_module: WriteModule) -> None:
    write_module(
        "holder",
        """
        from types import SimpleNamespace

        from only_app import app

        ns = SimpleNamespace(group=app)
        """,
    )
    write_module("only_app", ONE_GROUP)
    result = run("check", "holder:ns.group")
    assert result.exit_code == 0
    assert result.stdout.startswith("OK: Only, 1 tool and 0 parameters")


def test_the_current_directory_is_searched(run: Run, write_module: WriteModule) -> None:
    write_module("only_app", ONE_GROUP)
    assert run("check", "only_app:app").exit_code == 0


@pytest.mark.parametrize(
    ("target", "message"),
    [
        pytest.param(
            "no_such_module:app",
            "cannot import no_such_module: there is no module 'no_such_module' in the current "
            "directory or on sys.path",
            id="no-module",
        ),
        pytest.param(
            "tests.no_such:app",
            "cannot import tests.no_such: there is no module 'tests.no_such' in the current "
            "directory or on sys.path",
            id="no-submodule",
        ),
        pytest.param(
            "broken_import:app",
            "cannot import broken_import: ModuleNotFoundError: No module named "
            "'a_dependency_not_installed'",
            id="import-inside",
        ),
        pytest.param(
            "raising:app",
            "cannot import raising: RuntimeError: HR_TABLE is not set",
            id="module-raises",
        ),
        pytest.param(
            "two_groups:nope",
            "module two_groups has no attribute 'nope'; ActionGroups found: leave, payroll",
            id="no-attribute",
        ),
        pytest.param(
            "tests.apps.vacation:BALANCES",
            "tests.apps.vacation:BALANCES is a dict, not an ActionGroup; ActionGroups found: app",
            id="not-a-group",
        ),
        pytest.param(
            "tests.apps.vacation:lambda_handler",
            "tests.apps.vacation:lambda_handler is a method, not an ActionGroup; "
            "ActionGroups found: app",
            id="the-handler",
        ),
        pytest.param(
            "two_groups",
            "module two_groups has several ActionGroups (leave, payroll); name one, e.g. "
            "two_groups:leave",
            id="several-groups",
        ),
        pytest.param(
            "tests.apps",
            "module tests.apps has no ActionGroup at module level; name one as "
            "tests.apps:ATTRIBUTE",
            id="no-group",
        ),
        pytest.param(
            "tests.apps:app",
            "module tests.apps has no attribute 'app'; the module has no ActionGroup at "
            "module level",
            id="no-group-attribute",
        ),
        pytest.param(
            "two_groups:",
            "the target must be MODULE:ATTRIBUTE (or MODULE, or a file path such as "
            "tools/hr.py:app), e.g. tools.hr:app; got 'two_groups:'",
            id="empty-attribute",
        ),
        pytest.param(
            ":app",
            "the target must be MODULE:ATTRIBUTE (or MODULE, or a file path such as "
            "tools/hr.py:app), e.g. tools.hr:app; got ':app'",
            id="empty-module",
        ),
    ],
)
def test_a_bad_target_is_one_line_and_exit_2(
    run: Run, write_module: WriteModule, target: str, message: str
) -> None:
    write_module("two_groups", TWO_GROUPS)
    write_module("broken_import", "import a_dependency_not_installed\n")
    write_module("raising", "raise RuntimeError('HR_TABLE is not set')\n")
    for command in ("schema", "check", "invoke"):
        extra = ["ping"] if command == "invoke" else []
        result = run(command, target, *extra)
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr == f"error: {message}\n", command


ROOT = Path(__file__).parents[2]

ROUTED = """
from agent_tools import ActionGroup, Router

leave = ActionGroup("Leave")
payroll = ActionGroup("Payroll")


@leave.tool
def balance() -> int:
    '''Days left.'''
    return 3


@payroll.tool
def salary() -> int:
    '''Monthly salary.'''
    return 1


one = Router(leave, aliases={"LeaveTools": leave})
both = Router(leave, payroll)
"""


def test_a_file_path_is_a_target(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run("check", "examples/quickstart.py:app")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: VacationTools, ")
    assert run("check", "examples/quickstart.py").exit_code == 0


def test_a_file_in_a_package_imports_as_its_module(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = run("schema", "sample_tools/hr.py:app")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(run("schema", "sample_tools.hr:app").stdout)


def test_a_missing_file_is_one_line(run: Run) -> None:
    result = run("check", "tools/nope.py:app")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: cannot import tools/nope.py: there is no such file\n"


def test_a_router_serving_one_group_is_that_group(run: Run, write_module: WriteModule) -> None:
    write_module("routed", ROUTED)
    result = run("check", "routed:one")
    assert result.exit_code == 0
    assert result.stdout.startswith("OK: Leave, 1 tool")


def test_a_router_names_its_group_after_a_dot(run: Run, write_module: WriteModule) -> None:
    write_module("routed", ROUTED)
    assert run("check", "routed:both.Payroll").stdout.startswith("OK: Payroll, 1 tool")
    result = run("check", "routed:both")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: routed:both is a Router serving 2 action groups (Leave, Payroll); name one "
        "after a dot, e.g. routed:both.Leave\n"
    )
