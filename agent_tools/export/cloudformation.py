"""The action group as one ``ActionGroups`` entry of ``AWS::Bedrock::Agent``.

CloudFormation spells the function schema in PascalCase (docs/bedrock-agents.md#cloudformation);
there is no
separate action-group resource.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from agent_tools._declare.spec import ToolSpec

from .function_schema import function_schema
from .literals import LAMBDA_ARN, is_intrinsic
from .openapi import openapi

Executor = str | Mapping[str, Any]
"""A Lambda ARN, an intrinsic such as ``{"Fn::GetAtt": [fn, "Arn"]}``, or ``RETURN_CONTROL``."""

__all__ = ["Executor", "cloudformation"]


def cloudformation(
    *,
    name: str,
    description: str | None,
    version: str,
    tools: Sequence[ToolSpec],
    executor: Executor,
    schema: Literal["function", "openapi"] = "function",
    max_parameters: int = 5,
    error_media_type: str = "application/json",
) -> dict[str, Any]:
    """One ``ActionGroups`` entry of ``AWS::Bedrock::Agent``; see ``ActionGroup.cloudformation``."""
    entry: dict[str, Any] = {"ActionGroupName": name}
    if description:
        entry["Description"] = description
    entry["ActionGroupExecutor"] = _executor(executor)
    entry["ActionGroupState"] = "ENABLED"
    if schema == "function":
        functions = function_schema(group=name, tools=tools, max_parameters=max_parameters)[
            "functions"
        ]
        entry["FunctionSchema"] = {"Functions": [_function(f) for f in functions]}
    elif schema == "openapi":
        document = openapi(
            title=name,
            version=version,
            description=description,
            tools=tools,
            error_media_type=error_media_type,
        )
        entry["ApiSchema"] = {"Payload": json.dumps(document, indent=2, ensure_ascii=False)}
    else:
        raise ValueError(f"schema must be 'function' or 'openapi', got {schema!r}")
    return entry


def _executor(executor: Executor) -> dict[str, Any]:
    if executor == "RETURN_CONTROL":
        return {"CustomControl": "RETURN_CONTROL"}
    if is_intrinsic(executor):
        return {"Lambda": dict(executor)}  # type: ignore[arg-type]
    if isinstance(executor, str) and LAMBDA_ARN.fullmatch(executor):
        return {"Lambda": executor}
    raise ValueError(
        "executor must be a Lambda ARN, an intrinsic function such as "
        f'{{"Fn::GetAtt": ["ToolFunction", "Arn"]}}, or RETURN_CONTROL; got {executor!r}'
    )


def _function(function: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"Name": function["name"], "Description": function["description"]}
    parameters = function.get("parameters")
    if parameters:
        entry["Parameters"] = {
            name: {
                "Type": parameter["type"],
                "Description": parameter["description"],
                "Required": parameter["required"],
            }
            for name, parameter in parameters.items()
        }
    entry["RequireConfirmation"] = function["requireConfirmation"]
    return entry
