"""A stand-in for the context object Lambda hands a handler."""

from __future__ import annotations

from typing import Any

__all__ = ["FakeLambdaContext", "fake_lambda_context"]

_REGION = "us-east-1"
_ACCOUNT = "123456789012"


class FakeLambdaContext:
    """The attributes and method of awslambdaric's ``LambdaContext``, with fixed values.

    ``memory_limit_in_mb`` is a string, as in Lambda, where it is read from the environment.
    ``get_remaining_time_in_millis()`` returns a fixed ``remaining_time_in_millis``, so that
    code which watches the clock behaves the same on every run.
    """

    def __init__(
        self,
        *,
        function_name: str,
        function_version: str,
        invoked_function_arn: str,
        memory_limit_in_mb: str,
        aws_request_id: str,
        log_group_name: str,
        log_stream_name: str,
        remaining_time_in_millis: int,
        identity: Any = None,
        client_context: Any = None,
        tenant_id: str | None = None,
    ) -> None:
        self.function_name = function_name
        self.function_version = function_version
        self.invoked_function_arn = invoked_function_arn
        self.memory_limit_in_mb = memory_limit_in_mb
        self.aws_request_id = aws_request_id
        self.log_group_name = log_group_name
        self.log_stream_name = log_stream_name
        self.remaining_time_in_millis = remaining_time_in_millis
        self.identity = identity
        self.client_context = client_context
        self.tenant_id = tenant_id

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_time_in_millis

    def __repr__(self) -> str:
        return (
            f"FakeLambdaContext(function_name={self.function_name!r}, "
            f"aws_request_id={self.aws_request_id!r})"
        )


def fake_lambda_context(**overrides: Any) -> FakeLambdaContext:
    """A Lambda context for tests; pass any attribute to change it.

    The ARN and the log group follow ``function_name`` unless given too.

    Args:
        overrides: ``function_name`` (default ``"test-function"``), ``function_version``,
            ``invoked_function_arn``, ``memory_limit_in_mb`` (``"128"``), ``aws_request_id``,
            ``log_group_name``, ``log_stream_name``, ``remaining_time_in_millis`` (300000),
            ``identity``, ``client_context`` or ``tenant_id``.

    Raises:
        TypeError: an override names no attribute of a Lambda context.
    """
    name = overrides.get("function_name", "test-function")
    values: dict[str, Any] = {
        "function_name": name,
        "function_version": "$LATEST",
        "invoked_function_arn": f"arn:aws:lambda:{_REGION}:{_ACCOUNT}:function:{name}",
        "memory_limit_in_mb": "128",
        "aws_request_id": "00000000-0000-4000-8000-000000000000",
        "log_group_name": f"/aws/lambda/{name}",
        "log_stream_name": "2026/01/01/[$LATEST]00000000000000000000000000000000",
        "remaining_time_in_millis": 300_000,
        "identity": None,
        "client_context": None,
        "tenant_id": None,
    }
    unknown = sorted(set(overrides) - set(values))
    if unknown:
        raise TypeError(
            f"a Lambda context has no attribute {', '.join(unknown)}; it has {', '.join(values)}"
        )
    values.update(overrides)
    return FakeLambdaContext(**values)
