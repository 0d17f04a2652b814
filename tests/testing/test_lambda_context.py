"""``fake_lambda_context``: the attributes of Lambda's context, fixed, each overridable."""

from __future__ import annotations

import pytest

from agent_tools.testing import FakeLambdaContext, fake_lambda_context


def test_the_defaults() -> None:
    context = fake_lambda_context()
    assert isinstance(context, FakeLambdaContext)
    assert vars(context) == {
        "function_name": "test-function",
        "function_version": "$LATEST",
        "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:test-function",
        "memory_limit_in_mb": "128",
        "aws_request_id": "00000000-0000-4000-8000-000000000000",
        "log_group_name": "/aws/lambda/test-function",
        "log_stream_name": "2026/01/01/[$LATEST]00000000000000000000000000000000",
        "remaining_time_in_millis": 300_000,
        "identity": None,
        "client_context": None,
        "tenant_id": None,
    }
    assert context.get_remaining_time_in_millis() == 300_000


def test_the_arn_and_log_group_follow_the_function_name_unless_given() -> None:
    context = fake_lambda_context(function_name="hr-tools", remaining_time_in_millis=1500)
    assert context.invoked_function_arn == (
        "arn:aws:lambda:us-east-1:123456789012:function:hr-tools"
    )
    assert context.log_group_name == "/aws/lambda/hr-tools"
    assert context.get_remaining_time_in_millis() == 1500
    arn = "arn:aws:lambda:eu-west-1:210987654321:function:hr-tools:live"
    assert (
        fake_lambda_context(function_name="x", invoked_function_arn=arn).invoked_function_arn == arn
    )


def test_an_unknown_attribute_is_refused() -> None:
    with pytest.raises(TypeError, match="a Lambda context has no attribute memory_mb; it has"):
        fake_lambda_context(memory_mb=256)
