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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agent_tools.app import RETURN_CONTROL, ActionGroup
from agent_tools.export.cloudformation import Executor

from .compare import differences, show
from .errors import TemplateError
from .template_alias import aliases_of, definition_hash, described, is_type
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
    "TemplateError",
    "action_group_drift",
    "sync_action_group",
    "template_resources",
]

AGENT_TYPE = "AWS::Bedrock::Agent"
_EXECUTOR = "ActionGroupExecutor"


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
    resources = template_resources(document)
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
    resources = template_resources(document)
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


def _plan(
    path: Path,
    document: Any,
    resource: str,
    group: ActionGroup,
    executor: Executor | None,
    aliases: Sequence[str] | None,
) -> _Plan:
    resources = template_resources(document)
    agent = resources.get(resource)
    if not isinstance(agent, Mapping) or agent.get("Type") != AGENT_TYPE:
        found = "nothing" if not isinstance(agent, Mapping) else f"a {agent.get('Type')}"
        agents = [name for name, value in resources.items() if is_type(value, AGENT_TYPE)]
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
        alias: described(path, alias, resources[alias], marker)
        for alias in aliases_of(path, resources, resource, aliases)
    }
    return _Plan(agent, entry, code_entry, descriptions)


def template_resources(document: Any) -> Mapping[str, Any]:
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
