"""``agent-tools deploy --gateway`` against botocore's ``bedrock-agentcore-control`` model,
through a Stubber that checks every request and response against it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber

from agent_tools.cli.aws import Services
from tests.agentcore.apps import shop
from tests.botocore_checks import check_request
from tests.cli.aws_stubs import ARN, FakeTime
from tests.cli.conftest import Run

GATEWAY = "hr-gw-abcdefghij"
TARGET_ID = "TARGET1234"
NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)
TARGET = "tests.agentcore.apps:shop"


class Control:
    def __init__(self, client: Any, stubber: Stubber) -> None:
        self.client = client
        self.stubber = stubber
        self.time = FakeTime()

    @property
    def services(self) -> Services:
        def factory(region: str | None, profile: str | None) -> Any:
            return self.client

        return Services(control_factory=factory, sleep=self.time.sleep, clock=self.time.clock)

    def list_targets(
        self, *names: tuple[str, str], token: str | None = None, sent: str | None = None
    ) -> None:
        response: dict[str, Any] = {
            "items": [
                {
                    "targetId": tid,
                    "name": name,
                    "status": "READY",
                    "createdAt": NOW,
                    "updatedAt": NOW,
                }
                for name, tid in names
            ]
        }
        if token:
            response["nextToken"] = token
        expected = {"gatewayIdentifier": GATEWAY, **({"nextToken": sent} if sent else {})}
        self.stubber.add_response("list_gateway_targets", response, expected)

    def target(self, status: str, **extra: Any) -> dict[str, Any]:
        return {
            "gatewayArn": f"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/{GATEWAY}",
            "targetId": TARGET_ID,
            "createdAt": NOW,
            "updatedAt": NOW,
            "status": status,
            "name": "shop-tools",
            "targetConfiguration": expected_request()["targetConfiguration"],
            "credentialProviderConfigurations": [{"credentialProviderType": "GATEWAY_IAM_ROLE"}],
            **extra,
        }

    def get(self, status: str, **extra: Any) -> None:
        self.stubber.add_response(
            "get_gateway_target",
            self.target(status, **extra),
            {"gatewayIdentifier": GATEWAY, "targetId": TARGET_ID},
        )


@pytest.fixture
def control() -> Iterator[Control]:
    client = botocore.session.get_session().create_client(
        "bedrock-agentcore-control",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    with Stubber(client) as stubber:
        yield Control(client, stubber)
        stubber.assert_no_pending_responses()


def expected_request() -> dict[str, Any]:
    return {
        "gatewayIdentifier": GATEWAY,
        "name": "shop-tools",
        "description": "Bookings for the signed-in user.",
        "targetConfiguration": {
            "mcp": {
                "lambda": {"lambdaArn": ARN, "toolSchema": {"inlinePayload": shop.gateway_tools()}}
            }
        },
        "credentialProviderConfigurations": [{"credentialProviderType": "GATEWAY_IAM_ROLE"}],
        "metadataConfiguration": {"allowedRequestHeaders": ["x-user-id", "x-tenant"]},
    }


def deploy(run: Run, control: Control, *extra: str) -> Any:
    return run(
        "deploy", TARGET, "--gateway", GATEWAY, "--lambda-arn", ARN, *extra, obj=control.services
    )


def test_the_request_passes_the_service_model() -> None:
    check_request("bedrock-agentcore-control", "CreateGatewayTarget", expected_request())
    check_request(
        "bedrock-agentcore-control",
        "UpdateGatewayTarget",
        {"targetId": TARGET_ID, **expected_request()},
    )


def test_create_then_wait_for_ready(run: Run, control: Control) -> None:
    control.list_targets(("other", "OTHER12345"), token="page2")
    control.list_targets(sent="page2")
    control.stubber.add_response(
        "create_gateway_target", control.target("CREATING"), expected_request()
    )
    control.get("CREATING")
    control.get("READY")
    result = deploy(run, control)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"created gateway target shop-tools ({TARGET_ID}) on gateway {GATEWAY}: 5 tools, "
        "listed as shop-tools___<tool>\n"
        f"gateway target {TARGET_ID}: CREATING (0 s)\n"
        f"gateway target {TARGET_ID}: CREATING (2 s)\n"
        f"gateway target {TARGET_ID} is READY (4 s)\n"
    )
    assert control.time.sleeps == [2.0, 2.0]


def test_an_existing_target_of_the_same_name_is_updated(run: Run, control: Control) -> None:
    control.list_targets(("shop-tools", TARGET_ID))
    control.stubber.add_response(
        "update_gateway_target",
        control.target("READY"),
        {"targetId": TARGET_ID, **expected_request()},
    )
    result = deploy(run, control)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"updated gateway target shop-tools ({TARGET_ID})")


def test_failed_says_why_and_exits_1(run: Run, control: Control) -> None:
    control.list_targets()
    control.stubber.add_response(
        "create_gateway_target", control.target("CREATING"), expected_request()
    )
    control.get(
        "FAILED",
        statusReasons=["Gateway execution role lacks permission to invoke Lambda function"],
    )
    control.get(
        "FAILED",
        statusReasons=["Gateway execution role lacks permission to invoke Lambda function"],
    )
    result = deploy(run, control)
    assert result.exit_code == 1
    assert (
        "is FAILED: Gateway execution role lacks permission to invoke Lambda function"
        in result.stderr
    )
    assert "lambda:InvokeFunction" in result.stderr


def test_polling_is_bounded_by_the_timeout(run: Run, control: Control) -> None:
    control.list_targets()
    control.stubber.add_response(
        "create_gateway_target", control.target("CREATING"), expected_request()
    )
    control.get("CREATING")
    control.get("CREATING")
    result = deploy(run, control, "--timeout", "3")
    assert result.exit_code == 1
    assert f"gateway target {TARGET_ID} is still CREATING after 3 s" in result.stderr
    assert control.time.sleeps == [2.0, 1.0]


def test_service_errors_are_one_line(run: Run, control: Control) -> None:
    control.stubber.add_client_error(
        "list_gateway_targets",
        service_error_code="ResourceNotFoundException",
        service_message="Gateway not found",
        http_status_code=404,
    )
    result = deploy(run, control)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: AWS ListGatewayTargets failed: ResourceNotFoundException: Gateway not found\n"
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--agent-id", "AGENT12345"], "pass exactly one of --agent-id ID and --gateway ID"),
        (["--return-control"], "--gateway needs --lambda-arn ARN"),
        (["--schema", "openapi"], "--schema applies only to --agent-id"),
        (["--target-name", "my target"], "the target name 'my target' must be"),
    ],
)
def test_wrong_options_are_refused_before_any_call(
    run: Run, control: Control, extra: list[str], message: str
) -> None:
    arguments = ["deploy", TARGET, "--gateway", GATEWAY, *extra]
    if "--return-control" not in extra:
        arguments += ["--lambda-arn", ARN]
    result = run(*arguments, obj=control.services)
    assert result.exit_code == 2
    assert message in result.stderr
