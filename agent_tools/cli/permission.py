"""The tool Lambda's resource policy: may ``bedrock.amazonaws.com`` invoke it for this agent?

Bedrock calls an action group's Lambda with the agent's service principal; without a
statement in the function's resource policy that allows it, the first ``InvokeAgent`` that
needs a tool is denied. ``ensure_bedrock_may_invoke`` reads the policy and adds the
statement when none allows this agent, restricted to the agent's ARN and account (so no
other agent, in this account or another, can use the grant).
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["PRINCIPAL", "allows", "ensure_bedrock_may_invoke", "statement_id"]

PRINCIPAL = "bedrock.amazonaws.com"
_ACTIONS = frozenset({"lambda:InvokeFunction", "lambda:*", "*"})
_SOURCE_ARN = "aws:sourcearn"  # condition keys are case-insensitive
_ARN_OPERATORS = frozenset({"arnlike", "arnequals", "stringequals", "stringlike"})
_SOURCE_ACCOUNT = "aws:sourceaccount"
_ACCOUNT_OPERATORS = frozenset({"stringequals", "stringlike"})


def statement_id(agent_id: str) -> str:
    """The statement ``deploy`` adds: one per agent, so a second deploy finds it."""
    return f"agent-tools-bedrock-{agent_id}"


def ensure_bedrock_may_invoke(client: Any, function_arn: str, agent_arn: str) -> bool:
    """Add the statement unless the policy already allows the agent; True if it was added.

    Args:
        client: a ``lambda`` client.
        function_arn: the tool Lambda (qualified or not).
        agent_arn: ``arn:aws:bedrock:REGION:ACCOUNT:agent/AGENT_ID``.
    """
    try:
        policy = json.loads(client.get_policy(FunctionName=function_arn)["Policy"])
    except client.exceptions.ResourceNotFoundException:
        policy = {}  # a function without any resource policy
    if allows(policy, agent_arn):
        return False
    agent_id = agent_arn.rsplit("/", 1)[-1]
    client.add_permission(
        FunctionName=function_arn,
        StatementId=statement_id(agent_id),
        Action="lambda:InvokeFunction",
        Principal=PRINCIPAL,
        SourceArn=agent_arn,
        SourceAccount=agent_arn.split(":")[4],
    )
    return True


def allows(policy: Mapping[str, Any], agent_arn: str) -> bool:
    """Whether some statement lets Bedrock invoke the function on behalf of ``agent_arn``."""
    statements = policy.get("Statement") or []
    if isinstance(statements, Mapping):
        statements = [statements]
    return any(_allows(statement, agent_arn) for statement in statements)


def _allows(statement: Mapping[str, Any], agent_arn: str) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    principal = statement.get("Principal")
    services = principal.get("Service") if isinstance(principal, Mapping) else None
    if PRINCIPAL not in _listed(services):
        return False
    if not _ACTIONS & set(_listed(statement.get("Action"))):
        return False
    conditions = statement.get("Condition") or {}
    account = agent_arn.split(":")[4]
    for operator, keys in conditions.items():
        for key, wanted in (keys or {}).items():
            if key.lower() == _SOURCE_ARN and operator.lower() in _ARN_OPERATORS:
                value = agent_arn
                exact = operator.lower() == "stringequals"  # ArnEquals takes wildcards too
            elif key.lower() == _SOURCE_ACCOUNT and operator.lower() in _ACCOUNT_OPERATORS:
                value = account
                exact = operator.lower() == "stringequals"
            else:
                return False  # a condition this reading does not judge: add our own
            patterns = _listed(wanted)
            if not any(value == p if exact else fnmatch.fnmatchcase(value, p) for p in patterns):
                return False
    return True


def _listed(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []
