"""The sample on AgentCore: template.yaml's Gateway stack and the identity interceptor Lambda."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import lint
from cfnlint.decode import decode_str

import sample_tools.gateway_interceptor as gateway_interceptor
import sample_tools.hr
from agent_tools.cli.gateway_template import gateway_target_drift
from agent_tools.testing import gateway_call
from tests.test_interceptor import CLIENT, key_server, token

__all__ = ["key_server"]  # a fixture of tests/test_interceptor.py, used here too

ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "template.yaml"
ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example"


def template() -> dict[str, Any]:
    document, errors = decode_str(TEMPLATE.read_text(encoding="utf-8"))
    assert errors == []
    assert document is not None
    return dict(document)


def resources() -> dict[str, Any]:
    return dict(template()["Resources"])


# -- which platform ------------------------------------------------------------------------


def test_agentcore_is_the_default_and_classic_is_opt_in() -> None:
    document = template()
    parameter = document["Parameters"]["AgentPlatform"]
    assert parameter["Default"] == "AgentCore"
    assert parameter["AllowedValues"] == ["AgentCore", "Classic", "Both"]
    conditions = document["Conditions"]
    assert conditions["DeployClassic"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "AgentPlatform"}, "AgentCore"]}]
    }
    assert conditions["DeployAgentCore"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "AgentPlatform"}, "Classic"]}]
    }
    by_condition: dict[str | None, set[str]] = {}
    for name, resource in resources().items():
        by_condition.setdefault(resource.get("Condition"), set()).add(name)
    assert by_condition["DeployClassic"] == {"Agent", "AgentAlias", "AgentRole", "ToolPermission"}
    assert by_condition["DeployAgentCore"] == {
        "Gateway",
        "GatewayRole",
        "InterceptorFunction",
        "VacationToolsTarget",
    }
    assert by_condition["OwnUserPool"] == {"UserPool", "UserPoolClient"}
    # Shared by both platforms: one tool Lambda, one table.
    assert by_condition[None] == {"ToolFunction", "ToolFunctionLogs", "VacationTable"}


@pytest.mark.parametrize("platform", ["AgentCore", "Classic", "Both"])
def test_every_platform_choice_lints_clean(platform: str) -> None:
    text = TEMPLATE.read_text(encoding="utf-8").replace(
        "    Default: AgentCore\n", f"    Default: {platform}\n", 1
    )
    assert f"Default: {platform}" in text
    matches = lint(text, regions=["us-east-1"])
    assert [f"{m.rule.id} line {m.linenumber}: {m.message}" for m in matches] == []


# -- the gateway and its target -------------------------------------------------------------


def test_gateway_target_is_in_step_with_the_code() -> None:
    drift = gateway_target_drift(TEMPLATE, "VacationToolsTarget", sample_tools.hr.app)
    assert drift == [], (
        "template.yaml's VacationToolsTarget differs from sample_tools/hr.py; run\n"
        "    agent-tools template sample_tools.hr:app --template template.yaml "
        "--resource VacationToolsTarget\nand commit the result. Differences:\n" + "\n".join(drift)
    )


def test_target_serves_the_tool_lambda_and_lets_the_identity_headers_through() -> None:
    target = resources()["VacationToolsTarget"]["Properties"]
    assert target["GatewayIdentifier"] == {"Ref": "Gateway"}
    assert target["TargetConfiguration"]["Mcp"]["Lambda"]["LambdaArn"] == {
        "Fn::GetAtt": ["ToolFunction", "Arn"]
    }
    assert target["CredentialProviderConfigurations"] == [
        {"CredentialProviderType": "GATEWAY_IAM_ROLE"}
    ]
    headers = target["MetadataConfiguration"]["AllowedRequestHeaders"]
    assert headers == [gateway_interceptor.EMPLOYEE_ID_HEADER]
    names = [
        tool["Name"]
        for tool in target["TargetConfiguration"]["Mcp"]["Lambda"]["ToolSchema"]["InlinePayload"]
    ]
    assert names == [tool.name for tool in sample_tools.hr.app.tools]


def test_gateway_verifies_tokens_and_runs_the_interceptor_on_requests() -> None:
    gateway = resources()["Gateway"]["Properties"]
    assert gateway["AuthorizerType"] == "CUSTOM_JWT"
    jwt_config = gateway["AuthorizerConfiguration"]["CustomJWTAuthorizer"]
    own, other = jwt_config["DiscoveryUrl"]["Fn::If"][1:]
    assert own["Fn::Sub"].endswith("${UserPool}/.well-known/openid-configuration")
    assert other == {"Fn::Sub": "${TokenIssuer}/.well-known/openid-configuration"}
    assert jwt_config["AllowedAudience"] == [
        {"Fn::If": ["OwnIssuer", {"Ref": "UserPoolClient"}, {"Ref": "TokenAudience"}]}
    ]
    assert gateway["InterceptorConfigurations"] == [
        {
            "InterceptionPoints": ["REQUEST"],
            "Interceptor": {"Lambda": {"Arn": {"Fn::GetAtt": ["InterceptorFunction", "Arn"]}}},
            "InputConfiguration": {"PassRequestHeaders": True},
        }
    ]


def test_gateway_role_is_for_this_accounts_gateways_and_invokes_only_the_two_functions() -> None:
    role = resources()["GatewayRole"]["Properties"]
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "bedrock-agentcore.amazonaws.com"}
    assert trust["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert trust["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"].startswith(
        "arn:${AWS::Partition}:bedrock-agentcore:${AWS::Region}:${AWS::AccountId}:gateway/"
    )
    (policy,) = role["Policies"]
    (statement,) = policy["PolicyDocument"]["Statement"]
    assert statement["Action"] == "lambda:InvokeFunction"
    assert statement["Resource"] == [
        {"Fn::GetAtt": ["ToolFunction", "Arn"]},
        {"Fn::GetAtt": ["InterceptorFunction", "Arn"]},
    ]


def test_users_cannot_write_their_own_identity_claims() -> None:
    pool = resources()["UserPool"]["Properties"]
    assert pool["AdminCreateUserConfig"] == {"AllowAdminCreateUserOnly": True}
    attributes = {item["Name"]: item for item in pool["Schema"]}
    assert attributes["employee_id"]["Mutable"] is False
    client = resources()["UserPoolClient"]["Properties"]
    assert "custom:employee_id" not in client["WriteAttributes"]
    assert "custom:employee_id" in client["ReadAttributes"]


# -- the interceptor Lambda -----------------------------------------------------------------


def test_interceptor_handler_and_environment_match_the_module() -> None:
    function = resources()["InterceptorFunction"]["Properties"]
    module_name, _, attribute = function["Handler"].rpartition(".")
    handler = getattr(importlib.import_module(module_name), attribute)
    assert handler is gateway_interceptor.lambda_handler
    variables = function["Environment"]["Variables"]
    documented = set(re.findall(r"``(HR_[A-Z_]+)``", gateway_interceptor.__doc__ or ""))
    assert set(variables) <= documented
    assert variables["HR_TOKEN_USE"] == {"Fn::If": ["OwnIssuer", "id", ""]}


def test_interceptor_artifact_holds_the_packages_and_pyjwt(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            "make",
            "build-InterceptorFunction",
            f"ARTIFACTS_DIR={tmp_path}",
            f"PYTHON={sys.executable}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    for name in ("agent_tools", "sample_tools", "jwt", "cryptography"):
        assert (tmp_path / name / "__init__.py").is_file(), name
    assert (tmp_path / "sample_tools" / "gateway_interceptor.py").is_file()
    assert not list(tmp_path.rglob("__pycache__"))


def call(interceptor: Any, bearer: str, **headers: str) -> dict[str, Any]:
    event = {
        "interceptorInputVersion": "1.0",
        "mcp": {
            "gatewayRequest": {
                "headers": {"Authorization": f"Bearer {bearer}", **headers},
                "body": {"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
            }
        },
    }
    return dict(interceptor.lambda_handler(event, None))


def test_cognito_configuration_takes_id_tokens_and_their_custom_claims(key_server: str) -> None:
    interceptor = gateway_interceptor.interceptor_from(
        {"HR_TOKEN_ISSUER": key_server, "HR_TOKEN_AUDIENCE": CLIENT, "HR_TOKEN_USE": "id"}
    )
    bearer = token(iss=key_server, **{"custom:employee_id": "5", "custom:hr_role": "hr_admin"})
    answer = call(interceptor, bearer, **{"X-Employee-Id": "9"})
    headers = answer["mcp"]["transformedGatewayRequest"]["headers"]
    assert headers["x-employee-id"] == "5"
    assert "x-hr-role" not in headers  # a role claim becomes no header: the store says who is admin
    assert "X-Employee-Id" not in headers
    access = token(iss=key_server, token_use="access")
    assert call(interceptor, access)["mcp"]["transformedGatewayResponse"]["statusCode"] == 401


def test_another_issuer_uses_its_own_claims_and_no_token_use(key_server: str) -> None:
    interceptor = gateway_interceptor.interceptor_from(
        {
            "HR_TOKEN_ISSUER": key_server,
            "HR_TOKEN_AUDIENCE": f"api://hr, {CLIENT}",
            "HR_JWKS_URL": f"{key_server}/.well-known/jwks.json",
            "HR_TOKEN_USE": "",
            "HR_EMPLOYEE_ID_CLAIM": "employee_number",
        }
    )
    bearer = token(iss=key_server, token_use=None, employee_number=12, hr_role="employee")
    headers = call(interceptor, bearer)["mcp"]["transformedGatewayRequest"]["headers"]
    assert headers["x-employee-id"] == "12"


@pytest.mark.parametrize("missing", ["HR_TOKEN_ISSUER", "HR_TOKEN_AUDIENCE"])
def test_a_missing_setting_is_named(missing: str) -> None:
    environment = {"HR_TOKEN_ISSUER": ISSUER, "HR_TOKEN_AUDIENCE": CLIENT}
    del environment[missing]
    with pytest.raises(ValueError, match=missing):
        gateway_interceptor.interceptor_from(environment)


# -- the sample's tools over the Gateway ----------------------------------------------------


@pytest.fixture
def sample_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path / "hr.sqlite3"))
    monkeypatch.setenv("HR_TODAY", "2026-11-22")
    sample_tools.hr.store.cache_clear()
    yield
    sample_tools.hr.store.cache_clear()


def gateway(tool: str, arguments: dict[str, Any], headers: dict[str, Any] | None) -> Any:
    return sample_tools.hr.lambda_handler(
        *gateway_call(tool, arguments, target="VacationTools", headers=headers)
    )


@pytest.mark.usefixtures("sample_store")
def test_the_sample_serves_gateway_calls_with_identity_from_the_headers() -> None:
    own = gateway("get_available_vacation_days", {"employee_id": 2}, {"x-employee-id": "2"})
    assert own["employee_id"] == 2
    assert "error" not in own

    other = gateway("get_available_vacation_days", {"employee_id": "3"}, {"X-Employee-Id": "2"})
    assert "error" in other
    assert "3" in other["error"]

    # A role header grants nothing; the store's HR administrator (employee 1) may.
    claimed = {"x-employee-id": "2", "x-hr-role": "hr_admin"}
    assert "error" in gateway("get_available_vacation_days", {"employee_id": 3}, claimed)
    admin = {"x-employee-id": "1"}
    assert gateway("get_available_vacation_days", {"employee_id": 3}, admin)["employee_id"] == 3


@pytest.mark.usefixtures("sample_store")
def test_identity_in_the_arguments_is_never_used() -> None:
    arguments = {"employee_id": 3, "caller": 3, "employee_id_session": 3, "role": "hr_admin"}
    answer = gateway("get_available_vacation_days", arguments, {"x-employee-id": "2"})
    assert "error" in answer
    missing = gateway("get_available_vacation_days", {"employee_id": 2, "caller": 2}, None)
    assert "x-employee-id" in missing["error"]


def test_the_employee_id_claim_cannot_be_left_empty() -> None:
    # An empty claim name would make the interceptor refuse every token, with no hint why.
    parameter = template()["Parameters"]["EmployeeIdClaim"]
    pattern = re.compile(parameter["AllowedPattern"])
    assert pattern.fullmatch(parameter["Default"])
    assert pattern.fullmatch("employee_number")
    assert not pattern.fullmatch("")
    assert not pattern.fullmatch("custom:employee id")
