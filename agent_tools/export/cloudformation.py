"""The action group as one ``ActionGroups`` entry of ``AWS::Bedrock::Agent``.

CloudFormation spells the function schema in PascalCase (contract section 3); there is no
separate action-group resource.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from agent_tools.app import ActionGroup, Executor

__all__ = ["cloudformation"]


def cloudformation(
    group: ActionGroup, executor: Executor, *, schema: Literal["function", "openapi"] = "function"
) -> dict[str, Any]:
    """See ``ActionGroup.cloudformation``."""
    entry: dict[str, Any] = {"ActionGroupName": group.name}
    if group.description:
        entry["Description"] = group.description
    entry["ActionGroupExecutor"] = _executor(executor)
    entry["ActionGroupState"] = "ENABLED"
    if schema == "function":
        entry["FunctionSchema"] = {
            "Functions": [_function(f) for f in group.function_schema()["functions"]]
        }
    elif schema == "openapi":
        entry["ApiSchema"] = {"Payload": json.dumps(group.openapi(), indent=2, ensure_ascii=False)}
    else:
        raise ValueError(f"schema must be 'function' or 'openapi', got {schema!r}")
    return entry


def _executor(executor: Executor) -> dict[str, Any]:
    if executor == "RETURN_CONTROL":
        return {"CustomControl": "RETURN_CONTROL"}
    if isinstance(executor, str):
        if not executor.startswith("arn:"):
            raise ValueError(
                f"executor must be a Lambda ARN, an intrinsic function such as "
                f'{{"Fn::GetAtt": ["ToolFunction", "Arn"]}}, or RETURN_CONTROL; got {executor!r}'
            )
        return {"Lambda": executor}
    if isinstance(executor, Mapping) and len(executor) == 1:
        (key,) = executor
        if key == "Ref" or key.startswith("Fn::"):
            return {"Lambda": dict(executor)}
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
