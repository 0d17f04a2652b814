"""Gateway, MCP and Converse exports, each checked by the service's or SDK's own model."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

import pytest
from cfnlint.api import lint
from mcp import types

from agent_tools import ActionGroup, Depends, SessionAttr
from sample_tools.hr import app as hr_app
from tests.apps import all_types, vacation
from tests.botocore_checks import check_request, create_target_request, gateway_keys_only

APPS = [all_types.app, vacation.app, hr_app]
ARN = "arn:aws:lambda:us-east-1:123456789012:function:hr-tools"


@dataclass
class Booking:
    """One booking."""

    reference: str
    days: int


def _user(user: Annotated[str, SessionAttr("user", header="X-User-Id")]) -> str:
    return user


shop = ActionGroup("shop_tools", description="Bookings for the signed-in user.")


@shop.tool(method="GET")
def show_booking(reference: str, user: Annotated[str, Depends(_user)]) -> Booking:
    """Show one of the user's bookings."""
    return Booking(reference=f"{user}:{reference}", days=2)


@shop.tool(confirm=True, method="DELETE")
def cancel_booking(
    reference: str, tenant: Annotated[str, SessionAttr("tenant", header="x-tenant")]
) -> dict[str, str]:
    """Cancel one booking."""
    return {"cancelled": reference, "tenant": tenant}


@shop.tool
def add_note(reference: str, note: str) -> str:
    """Add a note to a booking."""
    return "noted"


@pytest.mark.parametrize("app", [*APPS, shop], ids=lambda a: a.name)
def test_gateway_tools_pass_the_create_gateway_target_model(app: ActionGroup) -> None:
    tools = app.gateway_tools()
    check_request("bedrock-agentcore-control", "CreateGatewayTarget", create_target_request(tools))
    assert [t["name"] for t in tools] == [t.name for t in app.tools]
    for tool in tools:
        gateway_keys_only(tool["inputSchema"])
        assert tool["inputSchema"]["type"] == "object"
        if "outputSchema" in tool:
            gateway_keys_only(tool["outputSchema"])
            assert tool["outputSchema"]["type"] == "object"


def test_only_model_parameters_appear_and_described_results_have_an_output_schema() -> None:
    tools = {t["name"]: t for t in all_types.app.gateway_tools()}
    assert set(tools["place_order"]["inputSchema"]["properties"]) == {"order"}  # not caller
    assert set(tools["update_address"]["inputSchema"]["properties"]) == {
        "address_id",
        "address",
        "extra",
    }
    order = tools["place_order"]["inputSchema"]["properties"]["order"]
    assert order["properties"]["items"]["items"]["properties"]["quantity"]["type"] == "integer"
    assert set(tools["update_address"]["outputSchema"]["properties"]) == {"street", "city"}
    assert "outputSchema" not in tools["scalars"]  # dict[str, object] describes nothing
    assert "outputSchema" not in tools["dates"]  # a list is not an object
    colors = tools["dates"]["inputSchema"]["properties"]["color"]
    assert "One of: red, green." in colors["description"]
    shop_tools = {t["name"]: t for t in shop.gateway_tools()}
    assert set(shop_tools["show_booking"]["inputSchema"]["properties"]) == {"reference"}
    assert shop_tools["show_booking"]["outputSchema"]["required"] == ["reference", "days"]


def _template(properties: dict[str, Any]) -> str:
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "ToolFunction": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                    "Runtime": "python3.12",
                    "Handler": "app.lambda_handler",
                    "Role": "arn:aws:iam::123456789012:role/hr-tools",
                    "Code": {"ZipFile": "def lambda_handler(event, context): return {}"},
                },
            },
            "Target": {"Type": "AWS::BedrockAgentCore::GatewayTarget", "Properties": properties},
        },
    }
    return json.dumps(template)


@pytest.mark.parametrize("app", [*APPS, shop], ids=lambda a: a.name)
def test_gateway_target_is_cfn_lint_clean(app: ActionGroup) -> None:
    properties = app.gateway_target(
        {"Fn::GetAtt": ["ToolFunction", "Arn"]}, gateway="hr-gw-abcdefghij"
    )
    matches = lint(_template(properties), regions=["us-east-1"])
    assert [f"{m.rule.id} {m.message}" for m in matches] == []
    tools = properties["TargetConfiguration"]["Mcp"]["Lambda"]["ToolSchema"]["InlinePayload"]
    assert [t["Name"] for t in tools] == [t.name for t in app.tools]


def test_gateway_target_names_propagated_headers_and_a_valid_target_name() -> None:
    properties = shop.gateway_target(ARN, gateway={"Ref": "Gateway"})
    assert properties["Name"] == "shop-tools"
    assert properties["GatewayIdentifier"] == {"Ref": "Gateway"}
    assert properties["MetadataConfiguration"] == {
        "AllowedRequestHeaders": ["x-user-id", "x-tenant"]
    }
    assert properties["CredentialProviderConfigurations"] == [
        {"CredentialProviderType": "GATEWAY_IAM_ROLE"}
    ]
    lambda_config = properties["TargetConfiguration"]["Mcp"]["Lambda"]
    assert lambda_config["LambdaArn"] == ARN
    first = lambda_config["ToolSchema"]["InlinePayload"][0]
    assert first["InputSchema"] == {
        "Type": "object",
        "Properties": {"reference": {"Type": "string", "Description": "Reference."}},
        "Required": ["reference"],
    }
    assert first["OutputSchema"]["Properties"]["days"] == {"Type": "integer"}
    assert "MetadataConfiguration" not in vacation.app.gateway_target(
        ARN, gateway="hr-gw-abcdefghij"
    )
    assert shop.gateway_target(ARN, gateway="hr-gw-abcdefghij", name="Shop")["Name"] == "Shop"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gateway": "my_gateway"}, "gateway must be a gateway identifier"),
        ({"gateway": "hr-gw-abcdefghij", "name": "my target"}, "target name 'my target'"),
        ({"gateway": "hr-gw-abcdefghij", "lambda_arn": "hr-tools"}, "lambda_arn must be"),
    ],
)
def test_gateway_target_refuses_values_the_service_would(kwargs: Any, message: str) -> None:
    arguments = {"lambda_arn": ARN, **kwargs}
    with pytest.raises(ValueError, match=message):
        shop.gateway_target(**arguments)


@pytest.mark.parametrize("app", [*APPS, shop], ids=lambda a: a.name)
def test_mcp_tools_are_valid_mcp_tools(app: ActionGroup) -> None:
    for entry in app.mcp_tools():
        tool = types.Tool.model_validate(entry)
        assert tool.input_schema["type"] == "object"
        assert tool.annotations is not None


def test_mcp_annotations_follow_the_declarations() -> None:
    entries = {e["name"]: e for e in shop.mcp_tools(prefix="shop-tools")}
    show = types.Tool.model_validate(entries["shop-tools___show_booking"]).annotations
    assert show is not None
    assert show.read_only_hint is True
    cancel = types.Tool.model_validate(entries["shop-tools___cancel_booking"]).annotations
    assert cancel is not None
    assert (cancel.read_only_hint, cancel.destructive_hint, cancel.idempotent_hint) == (
        False,
        True,
        True,
    )
    note = types.Tool.model_validate(entries["shop-tools___add_note"]).annotations
    assert note is not None
    assert (note.read_only_hint, note.destructive_hint) == (False, False)
    assert [e["name"] for e in shop.mcp_tools()] == [t.name for t in shop.tools]


def _converse_request(app: ActionGroup, result: dict[str, Any], tool: str) -> dict[str, Any]:
    use = {"toolUseId": "tooluse_1", "name": tool, "input": {"reference": "B1"}}
    return {
        "modelId": "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "messages": [
            {"role": "user", "content": [{"text": "Show booking B1"}]},
            {"role": "assistant", "content": [{"toolUse": use}]},
            {"role": "user", "content": [result]},
        ],
        "toolConfig": app.converse_tools(),
    }


@pytest.mark.parametrize("app", [*APPS, shop], ids=lambda a: a.name)
def test_converse_tools_pass_the_converse_model(app: ActionGroup) -> None:
    config = app.converse_tools()
    request = {
        "modelId": "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "messages": [{"role": "user", "content": [{"text": "hello"}]}],
        "toolConfig": config,
    }
    check_request("bedrock-runtime", "Converse", request)
    assert [t["toolSpec"]["name"] for t in config["tools"]] == [t.name for t in app.tools]
    for tool in config["tools"]:
        gateway_keys_only(tool["toolSpec"]["inputSchema"]["json"])


def test_run_tool_use_answers_with_a_tool_result_converse_accepts() -> None:
    use = {"toolUseId": "tooluse_1", "name": "show_booking", "input": {"reference": "B1"}}
    result = shop.run_tool_use(use, headers={"X-USER-ID": "alice"})
    assert result == {
        "toolResult": {
            "toolUseId": "tooluse_1",
            "content": [{"json": {"reference": "alice:B1", "days": 2}}],
            "status": "success",
        }
    }
    check_request("bedrock-runtime", "Converse", _converse_request(shop, result, "show_booking"))
    text = shop.run_tool_use({**use, "name": "add_note", "input": {"reference": "B1", "note": "x"}})
    assert text["toolResult"]["content"] == [{"text": "noted"}]


def test_run_tool_use_refuses_bad_input_with_a_usable_message() -> None:
    use = {"toolUseId": "t2", "name": "add_note", "input": {"reference": ["a"]}}
    result = shop.run_tool_use(use)["toolResult"]
    assert result["status"] == "error"
    message = result["content"][0]["text"]
    assert "reference must be" in message
    assert "note is missing" in message
    check_request(
        "bedrock-runtime", "Converse", _converse_request(shop, {"toolResult": result}, "add_note")
    )
    for bad in ("not json", ["list"], 3):
        refused = shop.run_tool_use({"toolUseId": "t3", "name": "add_note", "input": bad})
        assert "must be a JSON object" in refused["toolResult"]["content"][0]["text"]
    unknown = shop.run_tool_use({"toolUseId": "t4", "name": "nope", "input": {}})["toolResult"]
    assert unknown["status"] == "error"
    assert "show_booking, cancel_booking, add_note" in unknown["content"][0]["text"]
    assert shop.run_tool_use("garbage")["toolResult"]["status"] == "error"  # type: ignore[arg-type]


def test_identity_comes_from_trusted_values_never_from_the_input() -> None:
    use = {
        "toolUseId": "t5",
        "name": "show_booking",
        "input": {"reference": "B1", "user": "mallory"},
    }
    refused = shop.run_tool_use(use)["toolResult"]
    assert refused["status"] == "error"
    assert "'user'" in refused["content"][0]["text"]
    assert "mallory" not in refused["content"][0]["text"]
    from_session = shop.run_tool_use(use, session_attributes={"user": "bob"})
    assert from_session["toolResult"]["content"] == [{"json": {"reference": "bob:B1", "days": 2}}]
    both = shop.run_tool_use(use, session_attributes={"user": "bob"}, headers={"x-user-id": "al"})
    assert both["toolResult"]["content"] == [{"json": {"reference": "al:B1", "days": 2}}]
    odd = shop.run_tool_use(use, headers={"x-user-id": ["al"]})  # not a header value: ignored
    assert odd["toolResult"]["status"] == "error"


broken = ActionGroup("broken")


@broken.tool
def explode(path: str) -> str:
    """Fail inside."""
    raise RuntimeError(f"secret database password at {path}")


def test_run_tool_use_failure_leaks_nothing(caplog: pytest.LogCaptureFixture) -> None:
    use = {"toolUseId": "t6", "name": "explode", "input": {"path": "/srv/db"}}
    result = broken.run_tool_use(use)["toolResult"]
    assert result["status"] == "error"
    text = result["content"][0]["text"]
    assert "internal error (reference " in text
    for secret in ("secret", "/srv/db", "RuntimeError", "Traceback"):
        assert secret not in text
    assert "RuntimeError" in caplog.text  # logged for the people running it
