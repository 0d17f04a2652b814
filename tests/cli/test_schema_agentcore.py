"""``agent-tools schema --format gateway|mcp|converse``: each checked by its service's model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from mcp import types

from sample_tools import hr
from tests.botocore_checks import check_request, create_target_request
from tests.cli.conftest import Run

TARGET = "sample_tools.hr:app"


def test_gateway_format_is_the_tool_definition_list(run: Run, tmp_path: Path) -> None:
    result = run("schema", TARGET, "--format", "gateway")
    assert (result.exit_code, result.stderr) == (0, "")
    tools = json.loads(result.stdout)
    assert tools == hr.app.gateway_tools()
    check_request("bedrock-agentcore-control", "CreateGatewayTarget", create_target_request(tools))
    out = tmp_path / "tools.json"  # the file an S3 tool schema is
    assert run("schema", TARGET, "--format", "gateway", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == tools


def test_mcp_format_is_a_tools_list_result(run: Run) -> None:
    result = run("schema", TARGET, "--format", "mcp")
    assert result.exit_code == 0
    listed = types.ListToolsResult.model_validate(json.loads(result.stdout))
    assert [t.name for t in listed.tools] == [t.name for t in hr.app.tools]


def test_converse_format_is_a_tool_config(run: Run) -> None:
    result = run("schema", TARGET, "--format", "converse", "--yaml")
    assert result.exit_code == 0
    config = yaml.safe_load(result.stdout)
    assert config == hr.app.converse_tools()
    request = {
        "modelId": "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "messages": [{"role": "user", "content": [{"text": "How many days do I have?"}]}],
        "toolConfig": config,
    }
    check_request("bedrock-runtime", "Converse", request)


@pytest.mark.parametrize("kind", ["gateway", "mcp", "converse"])
def test_executor_is_refused_beside_the_agentcore_formats(run: Run, kind: str) -> None:
    result = run("schema", TARGET, "--format", kind, "--executor", "RETURN_CONTROL")
    assert result.exit_code == 2
    assert "--executor applies only to --format cloudformation" in result.stderr
