"""``agent-tools deploy`` against botocore's model of ``bedrock-agent``, through a Stubber."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.apps import vacation
from tests.cli.aws_stubs import (
    AGENT_ARN,
    AGENT_ID,
    ALIAS_ID,
    ARN,
    BEDROCK_STATEMENT,
    GROUP_ID,
    NOW,
    OTHER_ID,
    Aws,
    action_group,
    agent_alias,
    stub_add_permission,
    stub_policy,
)
from tests.cli.conftest import Run, WriteModule

TARGET = "tests.apps.vacation:app"
NAME = "VacationTools"
DESCRIPTION = "Look up and book employee vacation."


def create_request(**changes: Any) -> dict[str, Any]:
    return {
        "agentId": AGENT_ID,
        "agentVersion": "DRAFT",
        "actionGroupName": NAME,
        "description": DESCRIPTION,
        "actionGroupExecutor": {"lambda": ARN},
        "functionSchema": {"functions": vacation.app.function_schema()["functions"]},
        "actionGroupState": "ENABLED",
        **changes,
    }


def test_create_then_prepare(run: Run, aws: Aws) -> None:
    aws.list_groups(("UserInput", OTHER_ID))
    aws.stubber.add_response(
        "create_agent_action_group",
        {"agentActionGroup": action_group(NAME)},
        create_request(),
    )
    aws.get_agent("NOT_PREPARED")
    stub_policy(aws, BEDROCK_STATEMENT)
    aws.prepare()
    aws.get_agent("PREPARING")
    aws.get_agent("PREPARED")
    result = run(
        "deploy",
        TARGET,
        "--agent-id",
        AGENT_ID,
        "--lambda-arn",
        ARN,
        "--region",
        "eu-west-1",
        "--profile",
        "hr",
        obj=aws.services,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"created action group {NAME} ({GROUP_ID}) on agent {AGENT_ID} DRAFT: 10 tools, "
        "function schema\n"
        f"{ARN} already lets bedrock.amazonaws.com invoke it for agent {AGENT_ID}\n"
        f"preparing agent {AGENT_ID}: PREPARING\n"
        f"agent {AGENT_ID}: PREPARING (0 s)\n"
        f"agent {AGENT_ID} is PREPARED (2 s)\n"
    )
    assert aws.factory_calls == [("eu-west-1", "hr")]
    assert aws.services_used == ["bedrock-agent", "lambda"]
    assert aws.time.sleeps == [2.0]


def test_update_found_on_a_later_page(run: Run, aws: Aws) -> None:
    aws.list_groups(("UserInput", OTHER_ID), next_token="page-2")
    aws.list_groups(("Payroll", "PAYROL1234"), (NAME, GROUP_ID), sent_token="page-2")
    payload = json.dumps(vacation.app.openapi(), indent=2, ensure_ascii=False)
    request = create_request(
        actionGroupId=GROUP_ID,
        actionGroupExecutor={"customControl": "RETURN_CONTROL"},
        apiSchema={"payload": payload},
    )
    del request["functionSchema"]
    aws.stubber.add_response(
        "update_agent_action_group", {"agentActionGroup": action_group(NAME)}, request
    )
    result = run(
        "deploy",
        TARGET,
        "--agent-id",
        AGENT_ID,
        "--return-control",
        "--schema",
        "openapi",
        "--no-prepare",
        obj=aws.services,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"updated action group {NAME} ({GROUP_ID}) on agent {AGENT_ID} DRAFT: 10 tools, "
        "openapi schema\n"
        f"agent {AGENT_ID} not prepared (--no-prepare): prepare it to test\n"
    )
    assert aws.factory_calls == [(None, None)]
    assert json.loads(payload) == vacation.app.openapi()


def stub_update(aws: Aws) -> None:
    """The group exists and is updated."""
    aws.list_groups((NAME, GROUP_ID))
    aws.stubber.add_response(
        "update_agent_action_group",
        {"agentActionGroup": action_group(NAME)},
        create_request(actionGroupId=GROUP_ID),
    )


def update_group(aws: Aws) -> None:
    """The group is updated; the function's policy already allows the agent."""
    stub_update(aws)
    aws.get_agent("PREPARED")
    stub_policy(aws, BEDROCK_STATEMENT)


def test_a_failed_prepare_exits_1_with_the_reasons(run: Run, aws: Aws) -> None:
    update_group(aws)
    aws.prepare()
    aws.get_agent(
        "FAILED",
        failureReasons=["The instruction is too short"],
        recommendedActions=["Write a longer instruction"],
    )
    result = run("deploy", TARGET, "--agent-id", AGENT_ID, "--lambda-arn", ARN, obj=aws.services)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == f"preparing agent {AGENT_ID}: PREPARING"
    assert result.stderr == (
        f"agent {AGENT_ID} is FAILED: The instruction is too short (recommended: Write a "
        "longer instruction)\n"
    )
    assert aws.time.sleeps == []


def test_not_prepared_right_after_prepare_is_polled_through(run: Run, aws: Aws) -> None:
    update_group(aws)
    aws.prepare()
    aws.get_agent("NOT_PREPARED")  # the state from before PrepareAgent, read too early
    aws.get_agent("PREPARING")
    aws.get_agent("PREPARED")
    result = run("deploy", TARGET, "--agent-id", AGENT_ID, "--lambda-arn", ARN, obj=aws.services)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-3:] == [
        f"agent {AGENT_ID}: NOT_PREPARED (0 s)",
        f"agent {AGENT_ID}: PREPARING (2 s)",
        f"agent {AGENT_ID} is PREPARED (4 s)",
    ]


def test_a_prepare_that_takes_too_long_exits_1(run: Run, aws: Aws) -> None:
    update_group(aws)
    aws.prepare()
    for _ in range(4):
        aws.get_agent("PREPARING")
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--timeout", "5"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-3:] == [
        f"agent {AGENT_ID}: PREPARING (0 s)",
        f"agent {AGENT_ID}: PREPARING (2 s)",
        f"agent {AGENT_ID}: PREPARING (4 s)",
    ]
    assert result.stderr == (
        f"agent {AGENT_ID} is still PREPARING after 5 s (no reason given); see its status in "
        "the Bedrock console, or deploy again with a longer --timeout\n"
    )
    assert aws.time.sleeps == [2.0, 2.0, 1.0]


def test_an_aws_error_is_one_line(run: Run, aws: Aws) -> None:
    aws.stubber.add_client_error(
        "list_agent_action_groups",
        service_error_code="ResourceNotFoundException",
        service_message=f"Agent {AGENT_ID} was not found",
        http_status_code=404,
        expected_params={"agentId": AGENT_ID, "agentVersion": "DRAFT"},
    )
    result = run("deploy", TARGET, "--agent-id", AGENT_ID, "--lambda-arn", ARN, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: AWS ListAgentActionGroups failed: ResourceNotFoundException: "
        f"Agent {AGENT_ID} was not found\n"
    )


@pytest.mark.usefixtures("no_aws_configuration")
def test_no_credentials(run: Run) -> None:
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--region", "us-east-1"]
    result = run("deploy", TARGET, *arguments)  # the real client, from boto3's chain
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: no AWS credentials found: pass --profile (or set AWS_PROFILE) for a "
        "configured profile, run `aws configure` or `aws sso login`, or set "
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\n"
    )


@pytest.mark.usefixtures("no_aws_configuration")
def test_no_region(run: Run) -> None:
    result = run("deploy", TARGET, "--agent-id", AGENT_ID, "--lambda-arn", ARN)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: no AWS region: pass --region, set AWS_REGION, or set the profile's region "
        "with `aws configure set region us-east-1`\n"
    )


@pytest.mark.usefixtures("no_aws_configuration")
def test_an_unknown_profile(run: Run) -> None:
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--profile", "nope"]
    result = run("deploy", TARGET, *arguments)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: The config profile (nope) could not be found; list the profiles with "
        "`aws configure list-profiles`\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["--agent-id", AGENT_ID],
            "pass exactly one of --lambda-arn ARN and --return-control",
            id="no-executor",
        ),
        pytest.param(
            ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--return-control"],
            "pass exactly one of --lambda-arn ARN and --return-control",
            id="two-executors",
        ),
        pytest.param(
            ["--agent-id", "hr-agent", "--return-control"],
            "--agent-id must be the agent's id, 10 letters or digits such as AGENT12345; "
            "got 'hr-agent'",
            id="agent-id",
        ),
        pytest.param(
            ["--agent-id", AGENT_ID, "--lambda-arn", "tools"],
            "--lambda-arn must be a Lambda function's ARN, such as "
            "arn:aws:lambda:us-east-1:123456789012:function:tools; got 'tools'",
            id="lambda-arn",
        ),
    ],
)
def test_mistakes_are_one_line_and_call_nothing(
    run: Run, aws: Aws, arguments: list[str], message: str
) -> None:
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"
    assert aws.factory_calls == []


def test_a_schema_error_is_one_line_and_calls_nothing(
    run: Run, aws: Aws, write_module: WriteModule
) -> None:
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
    arguments = ["--agent-id", AGENT_ID, "--return-control"]
    result = run("deploy", "undocumented:app", *arguments, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: tool 'silent', description: a tool needs a description: the model chooses "
        "tools by it (got None). Add a docstring to the function or pass description= to "
        "@tool.\n"
    )
    assert aws.factory_calls == []


# -- the Lambda's resource policy ------------------------------------------------------------


def deploy_until_policy(aws: Aws) -> None:
    stub_update(aws)
    aws.get_agent("PREPARED")


OTHER_AGENT = {
    **BEDROCK_STATEMENT,
    "Sid": "someone-else",
    "Condition": {"ArnLike": {"AWS:SourceArn": AGENT_ARN.replace(AGENT_ID, "OTHERAGENT")}},
}
OTHER_ACCOUNT = {
    **BEDROCK_STATEMENT,
    "Sid": "another-account",
    "Condition": {"StringEquals": {"AWS:SourceAccount": "999999999999"}},
}
ANOTHER_CONDITION = {
    **BEDROCK_STATEMENT,
    "Sid": "from-an-organization",
    "Condition": {"StringEquals": {"aws:SourceOrgID": "o-example"}},
}
S3 = {**BEDROCK_STATEMENT, "Sid": "s3", "Principal": {"Service": "s3.amazonaws.com"}}
DENY = {**BEDROCK_STATEMENT, "Sid": "deny", "Effect": "Deny"}


@pytest.mark.parametrize(
    "statements",
    [
        pytest.param((), id="no-policy"),
        pytest.param((OTHER_AGENT, S3, DENY), id="only-other-grants"),
        pytest.param((OTHER_ACCOUNT,), id="another-account"),
        pytest.param((ANOTHER_CONDITION,), id="a-condition-not-judged"),
    ],
)
def test_a_missing_grant_is_added_for_this_agent_only(
    run: Run, aws: Aws, statements: tuple[dict[str, Any], ...]
) -> None:
    deploy_until_policy(aws)
    stub_policy(aws, *statements)
    stub_add_permission(aws)
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--no-prepare"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[1] == (
        f"allowed bedrock.amazonaws.com to invoke {ARN} for agent {AGENT_ID}"
    )


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param({"ArnLike": {"AWS:SourceArn": AGENT_ARN}}, id="arn-like"),
        pytest.param(
            {"ArnLike": {"aws:sourcearn": "arn:aws:bedrock:us-east-1:123456789012:agent/*"}},
            id="every-agent-of-the-account",
        ),
        pytest.param({"StringEquals": {"AWS:SourceAccount": "123456789012"}}, id="account"),
        pytest.param(
            {
                "StringEquals": {"AWS:SourceAccount": "123456789012"},
                "ArnLike": {"AWS:SourceArn": AGENT_ARN},
            },
            id="as-deploy-adds-it",
        ),
    ],
)
def test_an_existing_grant_is_kept(run: Run, aws: Aws, condition: dict[str, Any]) -> None:
    deploy_until_policy(aws)
    stub_policy(aws, {**BEDROCK_STATEMENT, "Condition": condition})
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--no-prepare"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert result.exit_code == 0
    assert "already lets bedrock.amazonaws.com invoke it" in result.stdout


def test_no_lambda_permission_reads_no_policy(run: Run, aws: Aws) -> None:
    stub_update(aws)
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--no-prepare"]
    result = run("deploy", TARGET, *arguments, "--no-lambda-permission", obj=aws.services)
    assert result.exit_code == 0
    assert aws.services_used == ["bedrock-agent"]


def test_a_policy_it_may_not_read_is_one_line(run: Run, aws: Aws) -> None:
    deploy_until_policy(aws)
    aws.stubbers["lambda"].add_client_error(
        "get_policy",
        service_error_code="AccessDeniedException",
        service_message="User is not authorized to perform: lambda:GetPolicy",
        http_status_code=403,
        expected_params={"FunctionName": ARN},
    )
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: AWS GetPolicy failed: AccessDeniedException: User is not authorized to "
        "perform: lambda:GetPolicy\n"
    )


# -- --alias: a new version, served ------------------------------------------------------------


def list_aliases(aws: Aws, *names: str) -> None:
    summaries = [
        {
            "agentAliasId": ALIAS_ID if name == "live" else "OTHERALIAS",
            "agentAliasName": name,
            "agentAliasStatus": "PREPARED",
            "createdAt": NOW,
            "updatedAt": NOW,
        }
        for name in names
    ]
    aws.stubber.add_response(
        "list_agent_aliases", {"agentAliasSummaries": summaries}, {"agentId": AGENT_ID}
    )


def prepared(aws: Aws) -> None:
    deploy_until_policy(aws)
    stub_policy(aws, BEDROCK_STATEMENT)
    aws.prepare()
    aws.get_agent("PREPARED")


def test_alias_is_updated_to_a_new_version(run: Run, aws: Aws) -> None:
    prepared(aws)
    list_aliases(aws, "beta", "live")
    aws.stubber.add_response(
        "update_agent_alias",
        {"agentAlias": agent_alias("UPDATING", version="2")},
        {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID, "agentAliasName": "live"},
    )
    read = {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID}
    aws.stubber.add_response("get_agent_alias", {"agentAlias": agent_alias("UPDATING")}, read)
    aws.stubber.add_response("get_agent_alias", {"agentAlias": agent_alias("PREPARED")}, read)
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--alias", "live"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-4:] == [
        f"updated alias live ({ALIAS_ID}) of agent {AGENT_ID}: UPDATING",
        f"alias live ({ALIAS_ID}): UPDATING (0 s)",
        f"alias live ({ALIAS_ID}) is PREPARED (2 s)",
        f"alias live ({ALIAS_ID}) serves version 3",
    ]


def test_a_missing_alias_is_created(run: Run, aws: Aws) -> None:
    prepared(aws)
    list_aliases(aws, "beta")
    aws.stubber.add_response(
        "create_agent_alias",
        {"agentAlias": agent_alias("CREATING", version="1")},
        {"agentId": AGENT_ID, "agentAliasName": "live"},
    )
    read = {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID}
    aws.stubber.add_response(
        "get_agent_alias", {"agentAlias": agent_alias("PREPARED", version="1")}, read
    )
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--alias", "live"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"alias live ({ALIAS_ID}) serves version 1"


def test_a_failed_alias_exits_1(run: Run, aws: Aws) -> None:
    prepared(aws)
    list_aliases(aws, "live")
    aws.stubber.add_response(
        "update_agent_alias",
        {"agentAlias": agent_alias("UPDATING")},
        {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID, "agentAliasName": "live"},
    )
    failed = agent_alias("FAILED", failureReasons=["Version limit reached"])
    aws.stubber.add_response(
        "get_agent_alias", {"agentAlias": failed}, {"agentId": AGENT_ID, "agentAliasId": ALIAS_ID}
    )
    arguments = ["--agent-id", AGENT_ID, "--lambda-arn", ARN, "--alias", "live"]
    result = run("deploy", TARGET, *arguments, obj=aws.services)
    assert result.exit_code == 1
    assert result.stderr == f"alias live ({ALIAS_ID}) is FAILED: Version limit reached\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        pytest.param(
            ["--alias", "live", "--no-prepare"],
            "--alias needs a prepared agent: a new version is made from the prepared draft; "
            "drop --no-prepare",
            id="alias-without-prepare",
        ),
        pytest.param(
            ["--alias", "live now"],
            "--alias must be 1 to 100 letters, digits, '_' or '-' (not two in a row), such as "
            "live; got 'live now'",
            id="alias-name",
        ),
    ],
)
def test_alias_mistakes_call_nothing(
    run: Run, aws: Aws, arguments: list[str], message: str
) -> None:
    base = ["--agent-id", AGENT_ID, "--lambda-arn", ARN]
    result = run("deploy", TARGET, *base, *arguments, obj=aws.services)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"
    assert aws.services_used == []
