"""Keep the action group in a CloudFormation or SAM template in step with the code.

``action_group_drift`` lists how the template differs from what ``ActionGroup.cloudformation``
renders; ``sync_action_group`` rewrites what differs and leaves the rest of the file as it
was, comments and quoting included. Both cover two places:

- the ``ActionGroups`` entry of the ``AWS::Bedrock::Agent`` resource;
- the ``Description`` of each ``AWS::Bedrock::AgentAlias`` of that agent, which ends with a
  hash of the agent's definition. CloudFormation moves an alias to a new agent version only
  when the alias itself changes, so the hash is what makes ``live`` follow the code.

A template the command cannot work with (no such resource, an entry without an executor, an
alias of another agent) raises ``TemplateError``: a configuration mistake, not drift.

This is the ``agent-tools template`` command's engine; ruamel.yaml is imported only when a
template is read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_tools.app import RETURN_CONTROL, ActionGroup, Executor

from .compare import differences, show
from .yaml_roundtrip import (
    attach_trailing,
    detach_trailing,
    dump,
    faithful_yaml,
    merge_mapping,
    plain,
    round_trip_yaml,
    to_node,
)

__all__ = [
    "AGENT_TYPE",
    "ALIAS_TYPE",
    "TemplateError",
    "action_group_drift",
    "definition_hash",
    "sync_action_group",
]

AGENT_TYPE = "AWS::Bedrock::Agent"
ALIAS_TYPE = "AWS::Bedrock::AgentAlias"
_EXECUTOR = "ActionGroupExecutor"
# "(agent definition 0123456789ab)" at the end of an alias's Description.
_MARKER = re.compile(r"\s*\(agent definition [0-9a-f]{12}\)\Z")
_DESCRIPTION_LIMIT = 200  # AgentAlias Description, botocore's bedrock-agent model


class TemplateError(ValueError):
    """The template cannot be checked or updated as asked: a configuration mistake."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """What the code asks of one template: the agent's entry and its aliases' descriptions."""

    agent: Any  # the resource's ruamel node
    entry: Any  # the existing ActionGroups entry, or None
    code_entry: dict[str, Any]
    descriptions: dict[str, Any]  # alias logical id -> the Description it needs (plain)


def action_group_drift(
    template: str | Path,
    resource: str,
    group: ActionGroup,
    *,
    executor: Executor | None = None,
    aliases: Sequence[str] | None = None,
) -> list[str]:
    """How the template differs from the code, one line per difference.

    An empty list means the two are in step; an action group missing from the agent is a
    difference.

    Args:
        template: the CloudFormation or SAM template (YAML or JSON).
        resource: the logical id of the ``AWS::Bedrock::Agent`` resource.
        group: the action group as the code declares it.
        executor: the executor for an entry that has none (as in ``sync_action_group``); the
            entry's own ``ActionGroupExecutor`` always wins.
        aliases: the logical ids of the agent's aliases to keep in step; ``None`` for every
            ``AWS::Bedrock::AgentAlias`` whose ``AgentId`` is this agent's.

    Raises:
        TemplateError: see ``sync_action_group``.
    """
    path = Path(template)
    document = round_trip_yaml().load(path.read_text(encoding="utf-8"))
    plan = _plan(path, document, resource, group, executor, aliases)
    label = f"ActionGroups[{group.name}]"
    if plan.entry is None:
        tools = len(group.tools)
        lines = [f"{label}: template has nothing, code has the action group ({tools} tools)"]
    else:
        lines = list(differences(label, plain(plan.entry), plan.code_entry))
    resources = _resources(document)
    for alias, wanted in plan.descriptions.items():
        found = plain(resources[alias]["Properties"].get("Description"))
        if found != wanted:
            lines.append(
                f"Resources.{alias}.Properties.Description: template has {show(found)}, code "
                f"needs {show(wanted)} (the alias moves to a new agent version only when it "
                "changes)"
            )
    return lines


def sync_action_group(
    template: str | Path,
    resource: str,
    group: ActionGroup,
    *,
    executor: Executor | None = None,
    aliases: Sequence[str] | None = None,
) -> bool:
    """Rewrite the template's entry for ``group`` and its aliases' hashes; True if it changed.

    Only those values change; values already right keep their node, comments and quoting.
    The entry's own ``ActionGroupExecutor`` is kept; ``executor`` is used only for an entry
    that has none, such as a new one (appended to ``ActionGroups``).

    Args:
        template: the CloudFormation or SAM template (YAML).
        resource: the logical id of the ``AWS::Bedrock::Agent`` resource.
        group: the action group as the code declares it.
        executor: a Lambda ARN, an intrinsic such as ``{"Fn::GetAtt": [fn, "Arn"]}`` or
            ``RETURN_CONTROL``, for an entry without an executor.
        aliases: as in ``action_group_drift``.

    Raises:
        TemplateError: the resource is missing or not an agent, no executor is known for the
            entry, an alias is not this agent's, or its description cannot hold the hash.
        ValueError: the file cannot be rewritten without reformatting other lines.
    """
    path = Path(template)
    with path.open(encoding="utf-8", newline="") as file:
        raw = file.read()
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    yaml, document = faithful_yaml(path, text)
    plan = _plan(path, document, resource, group, executor, aliases)

    properties = plan.agent["Properties"]
    # The comment lines after a block belong, for ruamel.yaml, to its last value: hold them
    # while that value may move or go, and put them back after the block's new last line.
    holder = properties if plan.entry is None else plan.entry
    trailing = detach_trailing(holder)
    if plan.entry is None:
        if not isinstance(properties.get("ActionGroups"), list):
            properties["ActionGroups"] = to_node([])
        properties["ActionGroups"].append(to_node(plan.code_entry))
    else:
        merge_mapping(plan.entry, plan.code_entry)
    attach_trailing(holder, trailing)
    resources = _resources(document)
    for alias, wanted in plan.descriptions.items():
        alias_properties = resources[alias]["Properties"]
        if plain(alias_properties.get("Description")) != wanted:
            alias_properties["Description"] = to_node(wanted)

    updated = dump(yaml, document, text)
    if updated == text:
        return False
    with path.open("w", encoding="utf-8", newline=newline) as file:
        file.write(updated)
    return True


def definition_hash(properties: Mapping[str, Any]) -> str:
    """12 hex digits of SHA-256 over the agent's ``Properties``, as plain data."""
    canonical = json.dumps(properties, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _plan(
    path: Path,
    document: Any,
    resource: str,
    group: ActionGroup,
    executor: Executor | None,
    aliases: Sequence[str] | None,
) -> _Plan:
    resources = _resources(document)
    agent = resources.get(resource)
    if not isinstance(agent, Mapping) or agent.get("Type") != AGENT_TYPE:
        found = "nothing" if not isinstance(agent, Mapping) else f"a {agent.get('Type')}"
        agents = [name for name, value in resources.items() if _is_type(value, AGENT_TYPE)]
        hint = f"; its agents: {', '.join(agents)}" if agents else "; it has no agent"
        raise TemplateError(
            f"{path}: Resources.{resource} is {found}, not an {AGENT_TYPE}{hint}. "
            "Pass the agent's logical id with --resource"
        )
    if not isinstance(agent.get("Properties"), Mapping):
        raise TemplateError(f"{path}: Resources.{resource} has no Properties")
    entry = _find_entry(_action_groups(agent), group.name)
    chosen = (_existing_executor(entry) if entry is not None else None) or executor
    if chosen is None:
        what = "has no usable" if entry is not None else "is not in the template yet and has no"
        raise TemplateError(
            f"{path}: action group {group.name!r} of Resources.{resource} {what} "
            f"{_EXECUTOR}. Name the tool Lambda with --executor-getatt LOGICAL_ID (e.g. "
            "ToolFunction), or write the entry's ActionGroupExecutor by hand"
        )
    code_entry = group.cloudformation(chosen)
    expected = plain(agent["Properties"])
    groups = [g for g in expected.get("ActionGroups") or [] if isinstance(g, dict)]
    names = [g.get("ActionGroupName") for g in groups]
    if group.name in names:
        groups[names.index(group.name)] = code_entry
    else:
        groups.append(code_entry)
    expected["ActionGroups"] = groups
    marker = f"(agent definition {definition_hash(expected)})"
    descriptions = {
        alias: _described(path, alias, resources[alias], marker)
        for alias in _aliases(path, resources, resource, aliases)
    }
    return _Plan(agent, entry, code_entry, descriptions)


def _aliases(
    path: Path, resources: Mapping[str, Any], resource: str, named: Sequence[str] | None
) -> list[str]:
    ours = [name for name, value in resources.items() if _alias_of(value) == resource]
    if named is None:
        return ours
    for name in named:
        if name not in ours:
            value = resources.get(name)
            what = (
                "nothing"
                if value is None
                else f"an alias of {_alias_of(value) or 'another agent'}"
                if _is_type(value, ALIAS_TYPE)
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
    if not _is_type(value, ALIAS_TYPE) or not isinstance(value.get("Properties"), Mapping):
        return None
    agent_id = plain(value["Properties"].get("AgentId"))
    if isinstance(agent_id, dict) and list(agent_id) == ["Fn::GetAtt"]:
        target = agent_id["Fn::GetAtt"]
        if isinstance(target, list) and len(target) == 2 and target[1] == "AgentId":
            return str(target[0])
    return None


def _described(path: Path, alias: str, value: Mapping[str, Any], marker: str) -> Any:
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


def _is_type(value: Any, kind: str) -> bool:
    return isinstance(value, Mapping) and value.get("Type") == kind


def _resources(document: Any) -> Mapping[str, Any]:
    resources = document.get("Resources") if isinstance(document, Mapping) else None
    return resources if isinstance(resources, Mapping) else {}


def _action_groups(agent: Mapping[str, Any]) -> list[Any]:
    properties = agent.get("Properties")
    entries = properties.get("ActionGroups") if isinstance(properties, Mapping) else None
    return entries if isinstance(entries, list) else []


def _find_entry(entries: list[Any], name: str) -> Any:
    for entry in entries:
        if isinstance(entry, Mapping) and entry.get("ActionGroupName") == name:
            return entry
    return None


def _existing_executor(entry: Mapping[str, Any]) -> Executor | None:
    """The entry's executor as ``cloudformation()`` takes it, or None if it has none usable."""
    value = plain(entry.get(_EXECUTOR))
    if value == {"CustomControl": RETURN_CONTROL}:
        return RETURN_CONTROL
    if not (isinstance(value, dict) and list(value) == ["Lambda"]):
        return None
    function = value["Lambda"]
    if isinstance(function, str) and function.startswith("arn:"):
        return function
    if isinstance(function, dict) and len(function) == 1:
        (key,) = function
        if key == "Ref" or key.startswith("Fn::"):
            return function
    return None
