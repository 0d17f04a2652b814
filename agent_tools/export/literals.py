"""The values a template or a request may give literally or as an intrinsic function.

A Lambda ARN, a gateway id or a target name is either a literal, checked here against the
pattern the service's model gives, or a CloudFormation intrinsic function (``{"Ref": ...}``,
``{"Fn::GetAtt": [...]}``) that only CloudFormation can resolve, passed on as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["LAMBDA_ARN", "TARGET_NAME", "checked", "is_intrinsic"]

LAMBDA_ARN = re.compile(
    r"arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:function:"
    r"[a-zA-Z0-9_.-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?"
)
"""A Lambda function's ARN, optionally with a version or alias: ``LambdaArn`` in the
``bedrock-agent`` model (the ``bedrock-agentcore-control`` model's says the same)."""

TARGET_NAME = re.compile(r"([0-9a-zA-Z][-]?){1,100}")
"""A Gateway target's name (``TargetName`` in ``bedrock-agentcore-control``): no ``_``, so the
first ``___`` of ``target___tool`` ends it."""


def is_intrinsic(value: Any) -> bool:
    """``value`` is one CloudFormation intrinsic function: ``Ref`` or ``Fn::...``."""
    return (
        isinstance(value, Mapping)
        and len(value) == 1
        and all(isinstance(k, str) and (k == "Ref" or k.startswith("Fn::")) for k in value)
    )


def checked(value: str | Mapping[str, Any], pattern: re.Pattern[str], rule: str) -> Any:
    """``value`` if it is a literal matching ``pattern`` or an intrinsic function; otherwise
    ``ValueError`` with ``rule`` and the value."""
    if is_intrinsic(value):
        return dict(value)  # type: ignore[arg-type]
    if isinstance(value, str) and pattern.fullmatch(value):
        return value
    raise ValueError(f'{rule}, or an intrinsic function such as {{"Ref": ...}}; got {value!r}')
