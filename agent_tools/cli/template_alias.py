"""The agent's aliases in a template: which follow the agent, and the hash that moves them.

CloudFormation moves an ``AWS::Bedrock::AgentAlias`` to a new agent version only when the
alias resource itself changes. ``template_sync`` therefore ends each following alias's
``Description`` with ``(agent definition <hash>)``, a hash of the agent's ``Properties``:
any change to the agent changes the alias too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .yaml_roundtrip import plain

__all__ = ["ALIAS_TYPE", "aliases_of", "definition_hash", "described", "is_type"]

ALIAS_TYPE = "AWS::Bedrock::AgentAlias"
# "(agent definition 0123456789ab)" at the end of an alias's Description.
_MARKER = re.compile(r"\s*\(agent definition [0-9a-f]{12}\)\Z")
_DESCRIPTION_LIMIT = 200  # AgentAlias Description, botocore's bedrock-agent model


def definition_hash(properties: Mapping[str, Any]) -> str:
    """12 hex digits of SHA-256 over the agent's ``Properties``, as plain data."""
    canonical = json.dumps(properties, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def aliases_of(
    path: Path, resources: Mapping[str, Any], resource: str, named: Sequence[str] | None
) -> list[str]:
    """The aliases to keep in step: ``named``, or every alias of ``resource`` that follows the
    draft (one with a ``RoutingConfiguration`` is pinned to a version on purpose).

    Raises:
        TemplateError: a named alias is not an alias of ``resource``.
    """
    ours = [name for name, value in resources.items() if _alias_of(value) == resource]
    if named is None:
        return [
            name for name in ours if "RoutingConfiguration" not in resources[name]["Properties"]
        ]
    for name in named:
        if name not in ours:
            value = resources.get(name)
            what = (
                "nothing"
                if value is None
                else f"an alias of {_alias_of(value) or 'another agent'}"
                if is_type(value, ALIAS_TYPE)
                else f"a {value.get('Type') if isinstance(value, Mapping) else 'value'}"
            )
            listed = ", ".join(ours) or "none"
            raise TemplateError(
                f"{path}: Resources.{name} is {what}, not an {ALIAS_TYPE} of {resource} "
                f"(its aliases: {listed}). Pass one of them with --alias"
            )
    return list(named)


def _alias_of(value: Any) -> str | None:
    """The agent's logical id when ``value`` is an alias with ``AgentId: !GetAtt X.AgentId``."""
    if not is_type(value, ALIAS_TYPE) or not isinstance(value.get("Properties"), Mapping):
        return None
    agent_id = plain(value["Properties"].get("AgentId"))
    if isinstance(agent_id, dict) and list(agent_id) == ["Fn::GetAtt"]:
        target = agent_id["Fn::GetAtt"]
        if isinstance(target, list) and len(target) == 2 and target[1] == "AgentId":
            return str(target[0])
    return None


def described(path: Path, alias: str, value: Mapping[str, Any], marker: str) -> Any:
    """The alias's Description with ``marker`` at its end, in the form the template wrote it."""
    current = plain(value["Properties"].get("Description"))
    sub = isinstance(current, dict) and list(current) == ["Fn::Sub"]
    text = current["Fn::Sub"] if sub else current if current is not None else ""
    if not isinstance(text, str):
        raise TemplateError(
            f"{path}: Resources.{alias}.Properties.Description must be a string or a !Sub "
            "string to carry the agent definition's hash"
        )
    base = _MARKER.sub("", text).rstrip()
    wanted = f"{base} {marker}" if base else marker
    if len(wanted) > _DESCRIPTION_LIMIT:
        raise TemplateError(
            f"{path}: Resources.{alias}.Properties.Description would be {len(wanted)} "
            f"characters with the hash {marker!r}; the limit is {_DESCRIPTION_LIMIT}. "
            "Shorten the description"
        )
    return {"Fn::Sub": wanted} if sub else wanted


def is_type(value: Any, kind: str) -> bool:
    return isinstance(value, Mapping) and value.get("Type") == kind
