"""``action_group_drift`` and ``sync_action_group`` on small templates, and the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml

from agent_tools import ActionGroup, Param
from agent_tools.cli.template_sync import TemplateError, action_group_drift, sync_action_group

ROOT = Path(__file__).parents[2]
TARGET = "tests.cli.test_template_sync:LEAVE"
LEAVE_FUNCTION_ARN = {"Fn::GetAtt": ["LeaveFunction", "Arn"]}

LEAVE = ActionGroup("LeaveTools", description="Look up and book leave.")
EmployeeId = Annotated[int, Param("The employee's id, e.g. 2.")]


@LEAVE.tool
def get_leave_balance(employee_id: EmployeeId) -> int:
    """Get how many days of leave an employee has left."""
    return 20


@LEAVE.tool(confirm=True)
def book_leave(employee_id: EmployeeId, start_date: date, half_day: bool = False) -> str:
    """Book a day of leave.

    Args:
        start_date: The day off.
        half_day: Only the morning off.
    """
    return "booked"


# Everything around the LeaveTools entry: comments, quoting styles, short and long forms.
HEAD = """\
AWSTemplateFormatVersion: "2010-09-09"
# Comments, quotes and short-form tags outside the entry must come back byte for byte.
Resources:
  LeaveFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: 'leave.lambda_handler'  # single quotes, kept
      Runtime: python3.13
      Role: !GetAtt LeaveRole.Arn
      Code:
        ZipFile: "def lambda_handler(event, context):\\n    return {}\\n"
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: !Sub "${AWS::StackName}-leave"
      Instruction: >-
        You help employees look up and book their leave; always confirm the dates before
        booking.
      AutoPrepare: true
      ActionGroups:
        # Not the code's: left as it is.
        - ActionGroupName: UserInput
          ParentActionGroupSignature: AMAZON.UserInput
          ActionGroupState: DISABLED
"""

# The entry exactly as sync_action_group writes it (and as ActionGroup.cloudformation renders).
ENTRY = """\
        - ActionGroupName: LeaveTools
          Description: Look up and book leave.
          ActionGroupExecutor:
            Lambda: !GetAtt LeaveFunction.Arn
          ActionGroupState: ENABLED
          FunctionSchema:
            Functions:
              - Name: get_leave_balance
                Description: Get how many days of leave an employee has left.
                Parameters:
                  employee_id:
                    Type: integer
                    Description: The employee's id, e.g. 2.
                    Required: true
                RequireConfirmation: DISABLED
              - Name: book_leave
                Description: Book a day of leave.
                Parameters:
                  employee_id:
                    Type: integer
                    Description: The employee's id, e.g. 2.
                    Required: true
                  start_date:
                    Type: string
                    Description: The day off. A date as YYYY-MM-DD.
                    Required: true
                  half_day:
                    Type: boolean
                    Description: 'Only the morning off. Default: false.'
                    Required: false
                RequireConfirmation: ENABLED
"""

TAIL = """\

  # The bucket's comment sits after the entry: ruamel.yaml hangs it on the entry's last value.
  Bucket:
    Type: AWS::S3::Bucket
Outputs:
  AgentId:
    Value: !GetAtt [Agent, AgentId]
"""

IN_STEP = HEAD + ENTRY + TAIL

# The entry with comments of its own, which a rewrite must keep.
COMMENTED = IN_STEP.replace(
    "        - ActionGroupName: LeaveTools\n",
    "        - ActionGroupName: LeaveTools  # generated from leave.py\n",
).replace(
    "              - Name: book_leave\n",
    "              # Asks the user first.\n              - Name: book_leave\n",
)

# A parameter the code does not have, to put before half_day.
HALF_DAY = "                  half_day:\n"
NOTE = "                  note:\n                    Type: string\n"

LABEL = "ActionGroups[LeaveTools]"
FUNCTIONS = f"{LABEL}.FunctionSchema.Functions"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "template.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"the fixture should hold {old!r} once"
    return text.replace(old, new)


class CfnLoader(yaml.SafeLoader):
    """PyYAML's safe loader (YAML 1.1, as cfn-lint reads templates) plus CloudFormation tags."""


def _intrinsic(loader: CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}": value}


CfnLoader.add_multi_constructor("!", _intrinsic)


def load_cfn(text: str) -> Any:
    return yaml.load(text, Loader=CfnLoader)


# -- drift ---------------------------------------------------------------------------------


def test_in_step_has_no_drift(tmp_path: Path) -> None:
    assert action_group_drift(write(tmp_path, IN_STEP), "Agent", LEAVE) == []
    assert action_group_drift(str(write(tmp_path, COMMENTED)), "Agent", LEAVE) == []


def test_short_and_long_form_executors_are_the_same(tmp_path: Path) -> None:
    long_form = edit(
        IN_STEP,
        "            Lambda: !GetAtt LeaveFunction.Arn\n",
        "            Lambda:\n              Fn::GetAtt: [LeaveFunction, Arn]\n",
    )
    assert action_group_drift(write(tmp_path, long_form), "Agent", LEAVE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "Description: The day off. A date as YYYY-MM-DD.",
            "Description: The day off.",
            f"{FUNCTIONS}[1].Parameters.start_date.Description: template has 'The day off.', "
            "code has 'The day off. A date as YYYY-MM-DD.'",
            id="description",
        ),
        pytest.param(
            "Type: boolean",
            "Type: string",
            f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'",
            id="type",
        ),
        pytest.param(
            "Required: false",
            "Required: true",
            f"{FUNCTIONS}[1].Parameters.half_day.Required: template has True, code has False",
            id="required",
        ),
        pytest.param(
            "Required: false",
            "Required: 'false'",
            f"{FUNCTIONS}[1].Parameters.half_day.Required: template has 'false', code has False",
            id="required-as-a-string",
        ),
        pytest.param(
            "Required: false",
            "Required: 0",
            f"{FUNCTIONS}[1].Parameters.half_day.Required: template has 0, code has False",
            id="required-as-a-number",
        ),
        pytest.param(
            "RequireConfirmation: ENABLED",
            "RequireConfirmation: DISABLED",
            f"{FUNCTIONS}[1].RequireConfirmation: template has 'DISABLED', code has 'ENABLED'",
            id="confirmation",
        ),
        pytest.param(
            "- Name: get_leave_balance",
            "- Name: get_balance",
            f"{FUNCTIONS}[0].Name: template has 'get_balance', code has 'get_leave_balance'",
            id="function-name",
        ),
        pytest.param(
            "          Description: Look up and book leave.\n",
            "",
            f"{LABEL}.Description: template has nothing, code has 'Look up and book leave.'",
            id="group-description",
        ),
    ],
)
def test_drift_names_the_difference(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = write(tmp_path, edit(IN_STEP, old, new))
    assert action_group_drift(path, "Agent", LEAVE) == [expected]


def test_drift_names_a_missing_function(tmp_path: Path) -> None:
    start = ENTRY.index("              - Name: book_leave\n")
    path = write(tmp_path, HEAD + ENTRY[:start] + TAIL)
    book = LEAVE.cloudformation(LEAVE_FUNCTION_ARN)["FunctionSchema"]["Functions"][1]
    assert action_group_drift(path, "Agent", LEAVE) == [
        f"{FUNCTIONS}[1]: template has nothing, code has {book!r}"
    ]


def test_drift_names_a_parameter_the_code_lacks(tmp_path: Path) -> None:
    path = write(tmp_path, edit(IN_STEP, HALF_DAY, NOTE + HALF_DAY))
    assert action_group_drift(path, "Agent", LEAVE) == [
        f"{FUNCTIONS}[1].Parameters.note: template has {{'Type': 'string'}}, code has nothing"
    ]


def test_a_missing_entry_is_drift_once_an_executor_is_known(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    assert action_group_drift(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN) == [
        f"{LABEL}: template has nothing, code has the action group (2 tools)"
    ]


def test_a_missing_entry_without_an_executor_is_a_configuration_error(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    with pytest.raises(TemplateError) as raised:
        action_group_drift(path, "Agent", LEAVE)
    assert str(raised.value) == (
        f"{path}: action group 'LeaveTools' of Resources.Agent is not in the template yet and "
        "has no ActionGroupExecutor. Name the tool Lambda with --executor-getatt LOGICAL_ID "
        "(e.g. ToolFunction), or write the entry's ActionGroupExecutor by hand"
    )


def test_a_missing_or_wrong_resource_is_a_configuration_error(tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    with pytest.raises(TemplateError) as raised:
        action_group_drift(path, "HrAgent", LEAVE)
    assert str(raised.value) == (
        f"{path}: Resources.HrAgent is nothing, not an AWS::Bedrock::Agent; its agents: "
        "Agent. Pass the agent's logical id with --resource"
    )
    with pytest.raises(TemplateError) as raised:
        action_group_drift(path, "LeaveFunction", LEAVE)
    assert str(raised.value) == (
        f"{path}: Resources.LeaveFunction is a AWS::Lambda::Function, not an "
        "AWS::Bedrock::Agent; its agents: Agent. Pass the agent's logical id with --resource"
    )


def test_an_entry_without_executor_is_compared_with_the_given_one(tmp_path: Path) -> None:
    no_executor = edit(
        IN_STEP,
        "          ActionGroupExecutor:\n            Lambda: !GetAtt LeaveFunction.Arn\n",
        "",
    )
    path = write(tmp_path, no_executor)
    with pytest.raises(TemplateError, match=r"has no usable ActionGroupExecutor\. Name the tool"):
        action_group_drift(path, "Agent", LEAVE)
    assert action_group_drift(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN) == [
        f"{LABEL}.ActionGroupExecutor: template has nothing, code has "
        "{'Lambda': {'Fn::GetAtt': ['LeaveFunction', 'Arn']}}"
    ]


# -- sync ----------------------------------------------------------------------------------


def test_sync_rewrites_only_the_entry(tmp_path: Path) -> None:
    drifted = edit(
        COMMENTED, "Description: The day off. A date as YYYY-MM-DD.", "Description: Old."
    )
    drifted = edit(drifted, "Type: boolean", "Type: string")
    drifted = edit(drifted, "ActionGroupState: ENABLED", "ActionGroupState: DISABLED")
    drifted = edit(drifted, HALF_DAY, NOTE + HALF_DAY)
    path = write(tmp_path, drifted)

    assert sync_action_group(path, "Agent", LEAVE) is True
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_sync_keeps_the_quoting_of_a_value_it_changes(tmp_path: Path) -> None:
    start_date = "Description: The day off. A date as YYYY-MM-DD."
    quoted = edit(
        COMMENTED, start_date, '"The day off. A date as YYYY-MM-DD."'.join(("Description: ", ""))
    )
    path = write(tmp_path, edit(quoted, '"The day off. A date as YYYY-MM-DD."', '"Old."'))
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert path.read_text(encoding="utf-8") == quoted


def test_sync_moves_the_trailing_comment_after_a_new_last_function(tmp_path: Path) -> None:
    start = ENTRY.index("              - Name: book_leave\n")
    path = write(tmp_path, HEAD + ENTRY[:start] + TAIL)
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert path.read_text(encoding="utf-8") == IN_STEP


def test_sync_drops_a_removed_function_and_keeps_the_trailing_comment(tmp_path: Path) -> None:
    extra = "              - Name: retired_tool\n                RequireConfirmation: DISABLED\n"
    path = write(tmp_path, HEAD + ENTRY + extra + TAIL)
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert path.read_text(encoding="utf-8") == IN_STEP


def test_sync_is_idempotent(tmp_path: Path) -> None:
    path = write(tmp_path, edit(COMMENTED, "Required: false", "Required: true"))
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert sync_action_group(path, "Agent", LEAVE) is False
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_sync_leaves_an_in_step_file_alone(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    before = path.stat().st_mtime_ns
    assert sync_action_group(path, "Agent", LEAVE) is False
    assert path.stat().st_mtime_ns == before
    assert path.read_text(encoding="utf-8") == COMMENTED


def test_sync_adds_a_missing_entry_with_the_given_executor(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    assert sync_action_group(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN) is True
    assert path.read_text(encoding="utf-8") == IN_STEP


def test_sync_adds_action_groups_to_an_agent_without_any(tmp_path: Path) -> None:
    start = HEAD.index("      ActionGroups:\n")
    path = write(tmp_path, HEAD[:start] + TAIL)
    assert sync_action_group(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN) is True
    user_input = HEAD[start:].index("        # Not the code's")
    assert path.read_text(encoding="utf-8") == HEAD[: start + user_input] + ENTRY + TAIL


def test_sync_keeps_the_existing_executor(tmp_path: Path) -> None:
    other = edit(COMMENTED, "Lambda: !GetAtt LeaveFunction.Arn", 'Lambda: !Sub "${Other.Arn}"')
    path = write(tmp_path, edit(other, "Required: false", "Required: true"))
    assert sync_action_group(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN) is True
    assert path.read_text(encoding="utf-8") == other


def test_sync_needs_an_executor_for_a_new_entry(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    with pytest.raises(TemplateError, match=r"has no ActionGroupExecutor\. Name the tool Lambda"):
        sync_action_group(path, "Agent", LEAVE)
    assert path.read_text(encoding="utf-8") == HEAD + TAIL


def test_sync_refuses_a_missing_resource(tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    with pytest.raises(TemplateError, match=r"Resources.HrAgent is nothing, not an AWS::Bed"):
        sync_action_group(path, "HrAgent", LEAVE)


def test_sync_refuses_to_reformat_other_lines(tmp_path: Path) -> None:
    # ruamel.yaml drops a comment before the document start marker.
    text = "# leave agent\n---\n" + edit(IN_STEP, "Type: boolean", "Type: string")
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match=r"cannot rewrite .* would change line 1, '# leave agent'"):
        sync_action_group(path, "Agent", LEAVE)
    assert path.read_text(encoding="utf-8") == text


def test_sync_keeps_windows_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_bytes(edit(IN_STEP, "Type: boolean", "Type: string").replace("\n", "\r\n").encode())
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert path.read_bytes() == IN_STEP.replace("\n", "\r\n").encode()


def test_enabled_and_disabled_stay_plain_strings(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + TAIL)
    sync_action_group(path, "Agent", LEAVE, executor=LEAVE_FUNCTION_ARN)
    text = path.read_text(encoding="utf-8")
    assert "          ActionGroupState: ENABLED\n" in text
    assert "                RequireConfirmation: DISABLED\n" in text
    groups = load_cfn(text)["Resources"]["Agent"]["Properties"]["ActionGroups"]
    assert [g["ActionGroupState"] for g in groups] == ["DISABLED", "ENABLED"]
    functions = groups[1]["FunctionSchema"]["Functions"]
    assert [f["RequireConfirmation"] for f in functions] == ["DISABLED", "ENABLED"]
    assert groups[1]["ActionGroupExecutor"] == {"Lambda": LEAVE_FUNCTION_ARN}


def test_yaml_1_1_booleans_are_quoted(tmp_path: Path) -> None:
    switches = ActionGroup("Switches", description="Off")

    @switches.tool
    def set_status(state: Annotated[str, Param("on")]) -> str:
        """Yes"""
        return state

    path = write(tmp_path, HEAD + TAIL)
    sync_action_group(path, "Agent", switches, executor=LEAVE_FUNCTION_ARN)
    text = path.read_text(encoding="utf-8")
    assert "          Description: 'Off'\n" in text
    entry = load_cfn(text)["Resources"]["Agent"]["Properties"]["ActionGroups"][1]
    assert entry["Description"] == "Off"
    assert entry["FunctionSchema"]["Functions"][0]["Description"] == "Yes"
    assert entry["FunctionSchema"]["Functions"][0]["Parameters"]["state"]["Description"] == "on"
    assert action_group_drift(path, "Agent", switches) == []


# -- command line: the installed `agent-tools template` command, run for real ----------------
# The command's options and messages are tested in tests/cli/test_template.py.


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "agent-tools"), "template", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_the_old_module_entry_point_is_gone() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agent_tools.template", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "No module named agent_tools.template" in result.stderr


def test_check_exits_0_when_in_step(tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    result = run_cli("tests.cli.test_template_sync:LEAVE", "--template", str(path), "--check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (f"{path}: action group LeaveTools of Agent is in step with {TARGET}\n")


def test_check_exits_1_and_prints_the_drift(tmp_path: Path) -> None:
    path = write(tmp_path, edit(IN_STEP, "Type: boolean", "Type: string"))
    arguments = (
        "tests.cli.test_template_sync:LEAVE",
        "--template",
        str(path),
        "--resource",
        "Agent",
    )
    result = run_cli(*arguments, "--check")
    assert result.returncode == 1
    assert result.stdout == (
        f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'\n"
    )
    assert result.stderr == (
        f"{path}: action group LeaveTools of Agent differs from {TARGET}; "
        "update it with: agent-tools template tests.cli.test_template_sync:LEAVE "
        f"--template {path} --resource Agent\n"
    )

    result = run_cli(*arguments)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"updated {path}: action group LeaveTools of Agent from {TARGET}:\n"
        f"{FUNCTIONS}[1].Parameters.half_day.Type: template has 'string', code has 'boolean'\n"
    )
    assert path.read_text(encoding="utf-8") == IN_STEP


def test_a_module_with_one_action_group_is_a_target(tmp_path: Path) -> None:
    path = write(tmp_path, IN_STEP)
    result = run_cli("tests.cli.test_template_sync", "--template", str(path), "--check")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{path}: action group LeaveTools of Agent is in step with tests.cli.test_template_sync\n"
    )


@pytest.mark.parametrize(
    ("target", "template", "message"),
    [
        pytest.param(
            "tests.cli.test_template_sync:LEAVE",
            "missing.yaml",
            "no such template: ",
            id="no-template",
        ),
        pytest.param(
            "tests.no_such_module:app",
            "template.yaml",
            "cannot import tests.no_such_module: there is no module 'tests.no_such_module'",
            id="no-module",
        ),
        pytest.param(
            "tests.cli.test_template_sync:NOPE",
            "template.yaml",
            "module tests.cli.test_template_sync has no attribute 'NOPE'; "
            "ActionGroups found: LEAVE",
            id="no-attr",
        ),
        pytest.param(
            "tests.cli.test_template_sync:HEAD",
            "template.yaml",
            "tests.cli.test_template_sync:HEAD is a str, not an ActionGroup; "
            "ActionGroups found: LEAVE",
            id="type",
        ),
    ],
)
def test_errors_exit_2_with_one_line(
    tmp_path: Path, target: str, template: str, message: str
) -> None:
    write(tmp_path, IN_STEP)
    result = run_cli(target, "--template", str(tmp_path / template), "--check")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


# -- the alias follows the agent's definition ------------------------------------------------

ALIAS = """\
  Live:
    Type: AWS::Bedrock::AgentAlias
    Properties:
      AgentId: !GetAtt Agent.AgentId
      AgentAliasName: live
      Description: As last deployed.
"""
WITH_ALIAS = HEAD + ENTRY + ALIAS + TAIL


def alias_description(path: Path) -> Any:
    return load_cfn(path.read_text(encoding="utf-8"))["Resources"]["Live"]["Properties"][
        "Description"
    ]


def test_the_alias_description_carries_the_definitions_hash(tmp_path: Path) -> None:
    path = write(tmp_path, WITH_ALIAS)
    assert action_group_drift(path, "Agent", LEAVE) == [
        "Resources.Live.Properties.Description: template has 'As last deployed.', code needs "
        f"'As last deployed. (agent definition {agent_hash(path)})' (the alias moves to a new "
        "agent version only when it changes)"
    ]
    assert sync_action_group(path, "Agent", LEAVE) is True
    assert alias_description(path) == f"As last deployed. (agent definition {agent_hash(path)})"
    assert path.read_text(encoding="utf-8") == WITH_ALIAS.replace(
        "Description: As last deployed.\n",
        f"Description: As last deployed. (agent definition {agent_hash(path)})\n",
    )
    assert action_group_drift(path, "Agent", LEAVE) == []
    assert sync_action_group(path, "Agent", LEAVE) is False


def agent_hash(path: Path) -> str:
    """The hash as anyone can compute it: SHA-256 of the agent's Properties as JSON."""
    import hashlib
    import json

    properties = load_cfn(path.read_text(encoding="utf-8"))["Resources"]["Agent"]["Properties"]
    text = json.dumps(properties, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def test_a_tool_change_moves_the_alias(tmp_path: Path) -> None:
    path = write(tmp_path, WITH_ALIAS)
    sync_action_group(path, "Agent", LEAVE)
    before = alias_description(path)
    changed = ActionGroup("LeaveTools", description="Look up and book leave.")
    changed.add_tool(get_leave_balance, description="How many days of leave are left.")
    changed.add_tool(book_leave, confirm=True)
    drift = action_group_drift(path, "Agent", changed)
    assert any(line.startswith("Resources.Live.Properties.Description:") for line in drift)
    assert sync_action_group(path, "Agent", changed) is True
    after = alias_description(path)
    assert after != before
    assert after == f"As last deployed. (agent definition {agent_hash(path)})"


def test_a_sub_description_stays_a_sub(tmp_path: Path) -> None:
    text = edit(
        WITH_ALIAS, "Description: As last deployed.", 'Description: !Sub "${AWS::StackName}"'
    )
    path = write(tmp_path, text)
    sync_action_group(path, "Agent", LEAVE)
    marker = f"(agent definition {agent_hash(path)})"
    assert alias_description(path) == {"Fn::Sub": f"${{AWS::StackName}} {marker}"}
    assert action_group_drift(path, "Agent", LEAVE) == []


def test_aliases_can_be_named_and_must_be_the_agents(tmp_path: Path) -> None:
    path = write(tmp_path, WITH_ALIAS)
    assert action_group_drift(path, "Agent", LEAVE, aliases=[]) == []
    assert len(action_group_drift(path, "Agent", LEAVE, aliases=["Live"])) == 1
    with pytest.raises(TemplateError) as raised:
        action_group_drift(path, "Agent", LEAVE, aliases=["Bucket"])
    assert str(raised.value) == (
        f"{path}: Resources.Bucket is a AWS::S3::Bucket, not an AWS::Bedrock::AgentAlias of "
        "Agent (its aliases: Live). Pass one of them with --alias"
    )


def test_a_description_too_long_for_the_hash_is_refused(tmp_path: Path) -> None:
    long = "x" * 180
    path = write(tmp_path, edit(WITH_ALIAS, "As last deployed.", long))
    with pytest.raises(TemplateError, match=r"would be 212 characters .* the limit is 200"):
        sync_action_group(path, "Agent", LEAVE)
    assert path.read_text(encoding="utf-8") == edit(WITH_ALIAS, "As last deployed.", long)


def test_an_alias_pinned_to_a_version_is_left_alone(tmp_path: Path) -> None:
    pinned = edit(
        WITH_ALIAS,
        "      Description: As last deployed.\n",
        "      Description: As last deployed.\n"
        "      RoutingConfiguration:\n"
        '        - AgentVersion: "3"\n',
    )
    path = write(tmp_path, pinned)
    assert action_group_drift(path, "Agent", LEAVE) == []
    assert sync_action_group(path, "Agent", LEAVE) is False
    assert len(action_group_drift(path, "Agent", LEAVE, aliases=["Live"])) == 1
