"""``agent-tools template`` on an ``AWS::BedrockAgentCore::GatewayTarget`` resource."""

from __future__ import annotations

from pathlib import Path

import pytest
from cfnlint.api import lint
from cfnlint.decode import decode_str

import sample_tools.hr
from agent_tools.cli.gateway_template import gateway_target_drift, sync_gateway_target
from tests.cli.conftest import Run

ROOT = Path(__file__).parents[2]
TARGET = "sample_tools.hr:app"

WIRED_ONLY = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Gateway:
    Type: AWS::BedrockAgentCore::Gateway
    Properties:
      Name: hr
      RoleArn: arn:aws:iam::123456789012:role/gateway
      AuthorizerType: AWS_IAM
  # The tools, generated.
  Tools:
    Type: AWS::BedrockAgentCore::GatewayTarget
    Properties:
      GatewayIdentifier: !Ref Gateway
      TargetConfiguration:
        Mcp:
          Lambda:
            LambdaArn: arn:aws:lambda:us-east-1:123456789012:function:hr-tools  # kept
  # After the target.
  Other:
    Type: AWS::SNS::Topic
"""


def test_a_wired_target_is_filled_in_from_the_code(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(WIRED_ONLY, encoding="utf-8")
    checked = run("template", TARGET, "--template", str(path), "--resource", "Tools", "--check")
    assert checked.exit_code == 1
    assert "Tools.Properties.TargetConfiguration.Mcp.Lambda.ToolSchema" in checked.output
    assert "--resource Tools" in checked.stderr

    result = run("template", TARGET, "--template", str(path), "--resource", "Tools")
    assert result.exit_code == 0, result.output
    assert "updated" in result.output
    text = path.read_text(encoding="utf-8")
    assert "  # The tools, generated.\n" in text
    assert "hr-tools  # kept\n" in text
    assert text.index("  # After the target.") > text.index("x-employee-id")
    assert gateway_target_drift(path, "Tools", sample_tools.hr.app) == []
    document, errors = decode_str(text)
    assert errors == []
    assert document is not None
    properties = document["Resources"]["Tools"]["Properties"]
    assert properties == sample_tools.hr.app.gateway_target(
        "arn:aws:lambda:us-east-1:123456789012:function:hr-tools", gateway={"Ref": "Gateway"}
    )
    assert [f"{m.rule.id}: {m.message}" for m in lint(text, regions=["us-east-1"])] == []

    again = run("template", TARGET, "--template", str(path), "--resource", "Tools")
    assert "nothing to do" in again.output
    assert (
        run("template", TARGET, "--template", str(path), "--resource", "Tools", "--check").exit_code
        == 0
    )


def test_a_changed_description_is_drift(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(WIRED_ONLY, encoding="utf-8")
    sync_gateway_target(path, "Tools", sample_tools.hr.app)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Book vacation days", "Book days"),
        encoding="utf-8",
    )
    (line,) = gateway_target_drift(path, "Tools", sample_tools.hr.app)
    assert "InlinePayload[1].Description: template has 'Book days" in line


@pytest.mark.parametrize(
    ("remove", "missing"),
    [
        ("      GatewayIdentifier: !Ref Gateway\n", "GatewayIdentifier"),
        (
            "            LambdaArn: arn:aws:lambda:us-east-1:123456789012:function:hr-tools"
            "  # kept\n",
            "LambdaArn",
        ),
    ],
)
def test_a_target_without_its_wiring_is_named(
    run: Run, tmp_path: Path, remove: str, missing: str
) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(WIRED_ONLY.replace(remove, ""), encoding="utf-8")
    (line,) = gateway_target_drift(path, "Tools", sample_tools.hr.app)
    assert missing in line
    result = run("template", TARGET, "--template", str(path), "--resource", "Tools")
    assert result.exit_code != 0
    assert missing in result.output
    assert "Traceback" not in result.output


def test_the_repository_template_target_is_in_step(run: Run) -> None:
    template = str(ROOT / "template.yaml")
    result = run(
        "template", TARGET, "--template", template, "--resource", "VacationToolsTarget", "--check"
    )
    assert result.exit_code == 0, result.output
