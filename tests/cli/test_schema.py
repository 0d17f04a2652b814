"""``agent-tools schema``: the exported documents, as JSON or YAML, on stdout or in a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from agent_tools import RETURN_CONTROL, ActionGroup
from agent_tools.cli.render import to_yaml
from sample_tools import hr
from tests.apps import all_types, vacation
from tests.cli.conftest import Run, WriteModule

APPS = [
    pytest.param("sample_tools.hr:app", hr.app, id="hr"),
    pytest.param("tests.apps.vacation:app", vacation.app, id="vacation"),
    pytest.param("tests.apps.all_types:app", all_types.app, id="all_types"),
]
ARN = "arn:aws:lambda:us-east-1:123456789012:function:tools"


@pytest.mark.parametrize(("target", "app"), APPS)
def test_function_schema_json(run: Run, target: str, app: ActionGroup) -> None:
    result = run("schema", target, "--format", "function")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == app.function_schema()
    assert result.stdout == json.dumps(app.function_schema(), indent=2, ensure_ascii=False) + "\n"
    assert run("schema", target).stdout == result.stdout  # function is the default


@pytest.mark.parametrize(("target", "app"), APPS)
def test_openapi_json_and_yaml(run: Run, target: str, app: ActionGroup) -> None:
    as_json = run("schema", target, "--format", "openapi")
    as_yaml = run("schema", target, "--format", "openapi", "--yaml")
    assert as_json.exit_code == as_yaml.exit_code == 0
    assert json.loads(as_json.stdout) == app.openapi()
    assert yaml.safe_load(as_yaml.stdout) == app.openapi()
    assert list(yaml.safe_load(as_yaml.stdout)) == list(app.openapi())  # keys in order


@pytest.mark.parametrize(("target", "app"), APPS)
def test_cloudformation_yaml(run: Run, target: str, app: ActionGroup) -> None:
    result = run("schema", target, "--format", "cloudformation", "--executor", ARN, "--yaml")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout) == app.cloudformation(ARN)
    assert result.stdout.startswith(f"ActionGroupName: {app.name}\n")
    assert "\nActionGroupState: ENABLED\n" in result.stdout
    assert "    RequireConfirmation: DISABLED\n" in result.stdout


def test_cloudformation_return_control_json(run: Run) -> None:
    result = run(
        "schema",
        "tests.apps.vacation:app",
        "--format",
        "cloudformation",
        "--executor",
        RETURN_CONTROL,
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document == vacation.app.cloudformation(RETURN_CONTROL)
    assert document["ActionGroupExecutor"] == {"CustomControl": "RETURN_CONTROL"}


def test_yaml_quotes_what_yaml_1_1_reads_as_booleans(run: Run, write_module: WriteModule) -> None:
    write_module(
        "switches",
        """
        from typing import Annotated
        from agent_tools import ActionGroup, Param

        app = ActionGroup("Switches", description="Off")

        @app.tool
        def set_status(state: Annotated[str, Param("on")]) -> str:
            '''Yes'''
            return state
        """,
    )
    result = run(
        "schema", "switches:app", "--format", "cloudformation", "--executor", ARN, "--yaml"
    )
    assert result.stdout == (
        "ActionGroupName: Switches\n"
        "Description: 'Off'\n"
        "ActionGroupExecutor:\n"
        f"  Lambda: {ARN}\n"
        "ActionGroupState: ENABLED\n"
        "FunctionSchema:\n"
        "  Functions:\n"
        "  - Name: set_status\n"
        "    Description: 'Yes'\n"
        "    Parameters:\n"
        "      state:\n"
        "        Type: string\n"
        "        Description: 'on'\n"
        "        Required: true\n"
        "    RequireConfirmation: DISABLED\n"
    )


def test_a_multi_line_string_is_a_literal_block() -> None:
    document = vacation.app.cloudformation(ARN, schema="openapi")
    text = to_yaml(document)
    assert '\nApiSchema:\n  Payload: |-\n    {\n      "openapi": "3.0.0",\n' in text
    assert yaml.safe_load(text) == document


def test_output_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "openapi.yaml"
    result = run(
        "schema", "sample_tools.hr:app", "--format", "openapi", "--yaml", "-o", str(target)
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert yaml.safe_load(target.read_text(encoding="utf-8")) == hr.app.openapi()


def test_an_unwritable_output_is_one_line(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "missing-directory" / "schema.json"
    result = run("schema", "sample_tools.hr:app", "-o", str(target))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {target}: No such file or directory\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["--format", "cloudformation"],
            "Error: --format cloudformation needs --executor: a Lambda ARN or RETURN_CONTROL",
            id="no-executor",
        ),
        pytest.param(
            ["--executor", ARN],
            "Error: --executor applies only to --format cloudformation",
            id="executor-without-cloudformation",
        ),
    ],
)
def test_executor_usage(run: Run, arguments: list[str], message: str) -> None:
    result = run("schema", "tests.apps.vacation:app", *arguments)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


@pytest.mark.parametrize("executor", ["tools", "arn:aws:s3:::tools-bucket"])
def test_a_bad_executor_is_one_line(run: Run, executor: str) -> None:
    result = run(
        "schema", "tests.apps.vacation:app", "--format", "cloudformation", "--executor", executor
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: executor must be a Lambda ARN, an intrinsic function such as "
        f'{{"Fn::GetAtt": ["ToolFunction", "Arn"]}}, or RETURN_CONTROL; got {executor!r}\n'
    )


def test_a_schema_error_is_one_line(run: Run, write_module: WriteModule) -> None:
    write_module(
        "undocumented",
        """
        from agent_tools import ActionGroup

        app = ActionGroup("Undocumented")

        @app.tool
        def silent(x: int) -> int:
            return x
        """,
    )
    for kind in ("function", "openapi"):
        result = run("schema", "undocumented:app", "--format", kind)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            "error: tool 'silent', description: a tool needs a description: the model chooses "
            "tools by it (got None). Add a docstring to the function or pass description= to "
            "@tool.\n"
        )
