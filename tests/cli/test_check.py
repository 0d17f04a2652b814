"""``agent-tools check``: passing apps, and every problem of a broken one, one line each."""

from __future__ import annotations

import json
import sys

import pytest

from tests.cli.conftest import Run, WriteModule

OK = (
    "the function schema, the OpenAPI 3.0 document and the create_agent_action_group request "
    "pass Bedrock's rules\n"
)

BROKEN = '''
import dataclasses
from typing import Annotated

from agent_tools import ActionGroup, Param

app = ActionGroup("Broken", description="Tools with several problems.")
Home = dataclasses.make_dataclass("Address", [("street", str)])
Work = dataclasses.make_dataclass("Address", [("city", str)])
Home.__module__ = Work.__module__ = __name__


@app.tool
def silent(x: int) -> int:
    return x


def wordy(x: int) -> int:
    return x


wordy.__doc__ = "Do it.\\n\\nArgs:\\n    x: " + "y" * 501 + "\\n"
app.add_tool(wordy)


@app.tool(description="z" * 1201)
def rambling() -> None:
    pass


@app.tool
def fine(employee_id: Annotated[int, Param("The employee.")]) -> int:
    """Look an employee up."""
    return employee_id


@app.tool
def set_home(address: Home) -> None:
    """Set the home address."""


@app.tool
def set_work(address: Work) -> None:
    """Set the work address."""
'''


@pytest.mark.parametrize(
    ("target", "summary"),
    [
        pytest.param("sample_tools.hr:app", "VacationTools, 4 tools and 10 parameters", id="hr"),
        pytest.param(
            "tests.apps.vacation:app", "VacationTools, 10 tools and 14 parameters", id="vacation"
        ),
        pytest.param("tests.apps.all_types:app", "AllTypes, 6 tools and 18 parameters", id="all"),
    ],
)
def test_the_apps_pass(run: Run, target: str, summary: str) -> None:
    result = run("check", target)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"OK: {summary}: {OK}"


def test_every_problem_is_reported_one_line_each(run: Run, write_module: WriteModule) -> None:
    write_module("broken", BROKEN)
    result = run("check", "broken:app")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "tool 'silent', description: a tool needs a description: the model chooses tools by it "
        "(got None). Fix: Add a docstring to the function or pass description= to @tool.",
        "tool 'wordy', parameter 'x' description: must be 1 to 500 characters long, not 501 "
        f"(got '{'y' * 76}...). Fix: Shorten the parameter's description; the type hint added "
        "to it says what format to send.",
        "tool 'rambling', description: must be 1 to 1200 characters long, not 1201 "
        f"(got '{'z' * 76}...). Fix: Shorten the docstring's text (Args/Returns/Raises "
        "sections do not count).",
        "tool 'set_work', components/schemas: two different models have the same name "
        "(got 'Address'). Fix: Rename one of broken.Address and broken.Address.",
    ]
    assert result.stderr == "Broken: 4 problems\n"


def test_an_action_group_without_tools(run: Run, write_module: WriteModule) -> None:
    write_module("empty", "from agent_tools import ActionGroup\n\napp = ActionGroup('Empty')\n")
    result = run("check", "empty:app")
    assert result.exit_code == 1
    assert result.stdout == (
        "action group 'Empty', tools: an action group needs at least one tool (got 0). "
        "Fix: register a function with @app.tool\n"
    )
    assert result.stderr == "Empty: 1 problem\n"


def test_a_registration_error_stops_the_import(run: Run, write_module: WriteModule) -> None:
    write_module(
        "unregistrable",
        """
        from agent_tools import ActionGroup

        app = ActionGroup("Bad")

        @app.tool(name="bad__name")
        def tool() -> None:
            '''Do it.'''
        """,
    )
    result = run("check", "unregistrable:app")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: cannot import unregistrable: SchemaError: tool 'bad__name', tool name: tool "
        "name must not contain two separators in a row: the model sees verb__group__tool "
        "(got 'bad__name'). Rename it to match ([0-9a-zA-Z][_-]?){1,100}, e.g. 'bad_name'.\n"
    )


def test_json(run: Run, write_module: WriteModule) -> None:
    result = run("check", "tests.apps.vacation:app", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "target": "tests.apps.vacation:app",
        "action_group": "VacationTools",
        "schema": "both",
        "ok": True,
        "tools": 10,
        "parameters": 14,
        "problems": [],
        "skipped": [],
    }
    write_module("broken", BROKEN)
    result = run("check", "broken:app", "--json")
    assert (result.exit_code, result.stderr) == (1, "")
    summary = json.loads(result.stdout)
    assert summary["ok"] is False
    assert summary["problems"] == run("check", "broken:app").stdout.splitlines()


def test_without_openapi_spec_validator_check_says_what_it_skipped(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openapi_spec_validator", None)
    result = run("check", "tests.apps.vacation:app")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: the OpenAPI 3.0 schema check did not run: it needs openapi-spec-validator, "
        "pip install 'bedrock-agent-tools[validate]'\n"
    )
    skipped = json.loads(run("check", "tests.apps.vacation:app", "--json").stdout)["skipped"]
    assert skipped == [result.stderr.removeprefix("note: ").strip()]


def test_the_parameter_quota_is_checked_only_for_the_function_schema(run: Run) -> None:
    target = "tests.apps.third_party:costs"
    both = run("check", target)
    assert both.exit_code == 1
    assert both.stdout.startswith(
        "tool 'get_cost_and_usage', parameters: a function in function details may have at "
        "most 5 parameters (got 6)."
    )
    openapi = run("check", "--schema", "openapi", target)
    assert (openapi.exit_code, openapi.stderr) == (0, "")
    assert openapi.stdout == (
        "OK: CostExplorer, 1 tool and 6 parameters: the OpenAPI 3.0 document and the "
        "create_agent_action_group request pass Bedrock's rules\n"
    )


DISAGREEING = '''
from pydantic import BaseModel, ConfigDict, Field

from agent_tools import ActionGroup

app = ActionGroup("Claims")


def rename(schema: dict) -> None:
    schema["properties"] = {"id": schema["properties"].pop("claimId")}
    schema["required"] = ["id"]


class Claim(BaseModel):
    model_config = ConfigDict(json_schema_extra=rename)
    claim_id: str = Field(validation_alias="claimId")


@app.tool
def open_claim(claim: Claim) -> None:
    """Open a claim."""
'''


def test_a_model_whose_schema_and_reader_disagree_is_not_ok(
    run: Run, write_module: WriteModule
) -> None:
    write_module("disagreeing", DISAGREEING)
    result = run("check", "--schema", "openapi", "disagreeing:app")
    assert result.exit_code == 1
    assert result.stdout == (
        "tool 'open_claim', model Claim: the schema names the fields id but requests are read "
        "by claimId. Fix: give each field one alias the schema and validation share "
        "(Field(alias=...) or validation_alias=...).\n"
    )
