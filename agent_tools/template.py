"""Keep the action group in a CloudFormation or SAM template in step with the code.

``action_group_drift`` lists how the template's ``ActionGroups`` entry differs from what
``ActionGroup.cloudformation`` renders; ``sync_action_group`` rewrites that one entry and
leaves the rest of the file as it was, comments and quoting included.

    agent-tools template MODULE:ATTRIBUTE --template template.yaml --resource Agent
        [--check] [--executor-getatt LOGICAL_ID]



ruamel.yaml (round-trip mode) is imported inside the functions: this module is a build-time
tool and never on a Lambda's import path.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .app import RETURN_CONTROL, ActionGroup
from .export.cloudformation import Executor

if TYPE_CHECKING:
    from ruamel.yaml import YAML

__all__ = ["action_group_drift", "differences", "sync_action_group"]

AGENT_TYPE = "AWS::Bedrock::Agent"
_EXECUTOR = "ActionGroupExecutor"
# Short-form tags whose long form is not "Fn::<tag>" (CloudFormation's intrinsic functions).
_UNPREFIXED = frozenset({"Ref", "Condition"})
# Intrinsics written back in short scalar form when their argument is one string.
_SHORT_SCALARS = frozenset({"Ref", "Fn::Sub", "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs"})


def action_group_drift(
    template: str | Path,
    resource: str,
    group: ActionGroup,
    *,
    executor: Executor | None = None,
) -> list[str]:
    """How the template's entry for ``group`` differs from the code, one line per difference.

    An empty list means the two are in step. A missing resource or entry is a difference too.

    Args:
        template: the CloudFormation or SAM template (YAML or JSON).
        resource: the logical id of the ``AWS::Bedrock::Agent`` resource.
        group: the action group as the code declares it.
        executor: the executor to compare with when the entry has none (as in
            ``sync_action_group``); the entry's own ``ActionGroupExecutor`` always wins.
    """
    document = _yaml().load(Path(template).read_text(encoding="utf-8"))
    agent = _resources(document).get(resource)
    if not isinstance(agent, Mapping):
        return [f"Resources.{resource}: template has nothing, code needs an {AGENT_TYPE}"]
    if agent.get("Type") != AGENT_TYPE:
        found = _show(agent.get("Type"))
        return [f"Resources.{resource}.Type: template has {found}, code needs {AGENT_TYPE!r}"]
    label = f"ActionGroups[{group.name}]"
    entry = _find_entry(_action_groups(agent), group.name)
    if entry is None:
        tools = len(group.tools)
        return [f"{label}: template has nothing, code has the action group ({tools} tools)"]

    chosen = _existing_executor(entry) or executor
    template_entry = _plain(entry)
    code_entry = group.cloudformation(chosen if chosen is not None else RETURN_CONTROL)
    lines = []
    if chosen is None:
        found = _show(template_entry.pop(_EXECUTOR)) if _EXECUTOR in template_entry else "nothing"
        code_entry.pop(_EXECUTOR)
        lines.append(
            f"{label}.{_EXECUTOR}: template has {found}, code needs a Lambda ARN, an "
            "intrinsic such as !GetAtt ToolFunction.Arn, or RETURN_CONTROL"
        )
    lines.extend(differences(label, template_entry, code_entry))
    return lines


def sync_action_group(
    template: str | Path,
    resource: str,
    group: ActionGroup,
    *,
    executor: Executor | None = None,
) -> bool:
    """Rewrite the template's entry for ``group`` from the code; True if the file changed.

    Only that entry changes; values already right keep their node, comments and quoting.
    The entry's own ``ActionGroupExecutor`` is kept; ``executor`` is used only for an entry
    that has none, such as a new one (appended to ``ActionGroups``).

    Args:
        template: the CloudFormation or SAM template (YAML).
        resource: the logical id of the ``AWS::Bedrock::Agent`` resource.
        group: the action group as the code declares it.
        executor: a Lambda ARN, an intrinsic such as ``{"Fn::GetAtt": [fn, "Arn"]}`` or
            ``RETURN_CONTROL``, for an entry without an executor.

    Raises:
        ValueError: the resource is missing or not an agent, no executor is known for the
            entry, or the file cannot be rewritten without reformatting other lines.
    """
    path = Path(template)
    with path.open(encoding="utf-8", newline="") as file:
        raw = file.read()
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    yaml, document = _faithful_yaml(path, text)

    agent = _resources(document).get(resource)
    if not isinstance(agent, Mapping) or agent.get("Type") != AGENT_TYPE:
        raise ValueError(f"{path}: Resources.{resource} is not an {AGENT_TYPE} resource")
    properties = agent.get("Properties")
    if not isinstance(properties, dict):
        raise ValueError(f"{path}: Resources.{resource} has no Properties")
    entries = _action_groups(agent)
    entry = _find_entry(entries, group.name)
    chosen = (_existing_executor(entry) if entry is not None else None) or executor
    if chosen is None:
        raise ValueError(
            f"{path}: action group {group.name!r} of Resources.{resource} has no usable "
            f"{_EXECUTOR}; pass executor= (on the command line, --executor-getatt "
            "LOGICAL_ID for the tool Lambda)"
        )
    code_entry = group.cloudformation(chosen)
    # The comment lines after a block belong, for ruamel.yaml, to its last value: hold them
    # while that value may move or go, and put them back after the block's new last line.
    holder = properties if entry is None else entry
    trailing = _detach_trailing(holder)
    if entry is None:
        if not isinstance(properties.get("ActionGroups"), list):
            properties["ActionGroups"] = _node([])
        properties["ActionGroups"].append(_node(code_entry))
    else:
        _merge_mapping(entry, code_entry)
    _attach_trailing(holder, trailing)

    updated = _dump(yaml, document, text)
    if updated == text:
        return False
    with path.open("w", encoding="utf-8", newline=newline) as file:
        file.write(updated)
    return True


# -- reading -------------------------------------------------------------------------------


def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: short-form tags, comments and quoting survive
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was not folded
    return yaml


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
    value = _plain(entry.get(_EXECUTOR))
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


def _plain(node: Any) -> Any:
    """A ruamel node as plain Python, with short-form tags as their long-form dicts."""
    from ruamel.yaml.comments import TaggedScalar
    from ruamel.yaml.scalarbool import ScalarBoolean

    value: Any = node
    if isinstance(node, Mapping):
        value = {str(key): _plain(item) for key, item in node.items()}
    elif isinstance(node, list):
        value = [_plain(item) for item in node]
    elif isinstance(node, TaggedScalar):
        value = str(node.value)
    elif isinstance(node, ScalarBoolean | bool):
        value = bool(node)
    elif isinstance(node, str):  # ruamel's scalar subclasses, which keep quoting and style
        value = str(node)
    elif isinstance(node, int):
        value = int(node)
    elif isinstance(node, float):
        value = float(node)
    tag = _tag(node)
    return _long_form(tag, value) if tag else value


def _tag(node: Any) -> str | None:
    tag = getattr(node, "tag", None)
    text = getattr(tag, "value", tag)
    if isinstance(text, str) and text.startswith("!") and not text.startswith("!!"):
        return text[1:]
    return None


def _long_form(name: str, value: Any) -> dict[str, Any]:
    if name in _UNPREFIXED:
        return {name: value}
    if name == "GetAtt" and isinstance(value, str):
        logical_id, _, attribute = value.partition(".")
        return {"Fn::GetAtt": [logical_id, attribute]}
    return {f"Fn::{name}": value}


# -- comparing -----------------------------------------------------------------------------


def differences(path: str, theirs: Any, code: Any, *, label: str = "template") -> Iterator[str]:
    """How ``theirs`` (a template's entry, a deployed group) differs from ``code``.

    One line per difference, ``<path>: <label> has <value>, code has <value>``; mappings are
    compared key by key (an empty ``path`` starts with their keys) and lists item by item,
    and values by type as well as by value.
    """
    if isinstance(theirs, dict) and isinstance(code, dict):
        for key in [*code, *(key for key in theirs if key not in code)]:
            yield from _compare_item(f"{path}.{key}" if path else key, theirs, code, key, label)
    elif isinstance(theirs, list) and isinstance(code, list):
        for index in range(max(len(theirs), len(code))):
            yield from _compare_item(f"{path}[{index}]", theirs, code, index, label)
    elif not _same(theirs, code):
        yield f"{path}: {label} has {_show(theirs)}, code has {_show(code)}"


def _compare_item(path: str, theirs: Any, code: Any, key: Any, label: str) -> Iterator[str]:
    in_theirs = key in theirs if isinstance(key, str) else key < len(theirs)
    in_code = key in code if isinstance(key, str) else key < len(code)
    if not in_theirs:
        yield f"{path}: {label} has nothing, code has {_show(code[key])}"
    elif not in_code:
        yield f"{path}: {label} has {_show(theirs[key])}, code has nothing"
    else:
        yield from differences(path, theirs[key], code[key], label=label)


def _same(left: Any, right: Any) -> bool:
    """Equal, and of the same type: ``True`` is not ``1``, ``"true"`` is not ``True``."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_same(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(_same, left, right))
    return type(left) is type(right) and left == right


def _show(value: Any) -> str:
    return repr(value)


# -- writing -------------------------------------------------------------------------------


def _faithful_yaml(path: Path, text: str) -> tuple[YAML, Any]:
    """A round-trip YAML set up to reproduce ``text`` exactly, and the document it loaded.

    ruamel.yaml re-emits the whole file, so the indentation it uses must be the file's own;
    it is found by trying the usual styles. A file it cannot reproduce is refused rather
    than reformatted.
    """
    first_difference = ""
    for mapping, offset, explicit_start in _styles():
        yaml = _yaml()
        yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        yaml.explicit_start = explicit_start
        document = yaml.load(text)
        again = _dump(yaml, document, text)
        if again == text:
            return yaml, document
        first_difference = first_difference or _first_difference(text, again)
    raise ValueError(
        f"{path}: cannot rewrite the action group without reformatting other lines "
        f"(ruamel.yaml would change {first_difference}); update the entry by hand, or "
        "make the file's formatting regular (consistent indentation, no comment before "
        "'---', no plain scalar folded over several lines)"
    )


def _styles() -> Iterator[tuple[int, int, bool]]:
    for explicit_start in (False, True):
        for mapping in (2, 4, 3):
            for offset in (mapping, 0, *range(1, mapping)):
                yield mapping, offset, explicit_start


def _first_difference(text: str, again: str) -> str:
    for number, (line, other) in enumerate(
        zip(text.splitlines(), again.splitlines(), strict=False), 1
    ):
        if line != other:
            return f"line {number}, {line!r}"
    return "the end of the file"


def _dump(yaml: YAML, document: Any, text: str) -> str:
    stream = io.StringIO()
    yaml.dump(document, stream)
    dumped = stream.getvalue()
    return dumped if text.endswith("\n") else dumped.removesuffix("\n")


def _detach_trailing(node: Any) -> str:
    """Take the comment lines after ``node``'s last line away from its last value.

    The end-of-line comment of that last line stays where it is.
    """
    slot = _last_line(node)
    if slot is None:
        return ""
    container, key, index = slot
    comments: list[Any] | None = container.ca.items.get(key)
    token: Any = comments[index] if comments else None
    if comments is None or token is None:
        return ""
    own, _, following = str(token.value).partition("\n")
    if not following:
        return ""
    if own:
        token.value = own + "\n"
    else:
        comments[index] = None
    return "\n" + following


def _attach_trailing(node: Any, lines: str) -> None:
    """Put comment lines taken by ``_detach_trailing`` after ``node``'s (new) last line."""
    slot = _last_line(node)
    if not lines or slot is None:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    container, key, index = slot
    comments = container.ca.items.setdefault(key, [None, None, None, None])
    if comments[index] is None:
        comments[index] = CommentToken(lines, CommentMark(0))
    else:
        comments[index].value = comments[index].value.removesuffix("\n") + lines


def _last_line(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel.yaml keeps the comment after ``node``'s last line: (container, key, slot)."""
    while isinstance(node, dict | list) and node:
        key: Any = list(node)[-1] if isinstance(node, dict) else len(node) - 1
        if _is_block(node[key]):
            node = node[key]
            continue
        return node, key, 2 if isinstance(node, dict) else 0
    return None


def _is_block(node: Any) -> bool:
    """A non-empty mapping or sequence in block style (a ``[a, b]`` line is one value)."""
    if not isinstance(node, dict | list) or not node:
        return False
    style = getattr(node, "fa", None)
    return style is None or not style.flow_style()


def _merge_mapping(old: Any, new: Mapping[str, Any]) -> None:
    """Make the ruamel mapping ``old`` equal ``new``, keeping every node that already is."""
    for key in [key for key in old if key not in new]:
        del old[key]
    previous = -1
    for key, value in new.items():
        if key in old:
            old[key] = _merged(old[key], value)
            previous = list(old).index(key)
        else:
            previous += 1
            old.insert(previous, key, _node(value))


def _merge_sequence(old: Any, new: Sequence[Any]) -> None:
    for index, value in enumerate(new):
        if index < len(old):
            old[index] = _merged(old[index], value)
        else:
            old.append(_node(value))
    del old[len(new) :]


def _merged(old: Any, new: Any) -> Any:
    if _same(_plain(old), new):
        return old
    if _tag(old) is None:
        if isinstance(old, dict) and isinstance(new, dict):
            _merge_mapping(old, new)
            return old
        if isinstance(old, list) and isinstance(new, list):
            _merge_sequence(old, new)
            return old
        if isinstance(old, str) and isinstance(new, str):
            return _string(new, like=old)
    return _node(new)


def _node(value: Any) -> Any:
    """Plain Python as ruamel nodes: block style, short-form intrinsics, safe strings."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

    if isinstance(value, Mapping):
        if len(value) == 1:
            ((key, argument),) = value.items()
            if key in _SHORT_SCALARS and isinstance(argument, str):
                return TaggedScalar(argument, tag=f"!{key.removeprefix('Fn::')}")
            if key == "Fn::GetAtt" and _is_getatt_pair(argument):
                return TaggedScalar(".".join(argument), tag="!GetAtt")
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _node(item)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq(_node(item) for item in value)
    if isinstance(value, str):
        return _string(value)
    return value


def _is_getatt_pair(argument: Any) -> bool:
    return (
        isinstance(argument, list)
        and len(argument) == 2
        and all(isinstance(part, str) for part in argument)
        and "." not in argument[0]
    )


def _string(value: str, *, like: object = None) -> Any:
    """``value`` as a scalar that every YAML reader takes for this string.

    Quoted as ``like`` was, if it was quoted; otherwise quoted only when a YAML 1.1 reader
    such as CloudFormation's or cfn-lint's would not see a string
    (docs/bedrock-agents.md#cloudformation:
    unquoted ``yes``/``off`` are booleans there, though ruamel.yaml's 1.2 leaves them bare).
    """
    from ruamel.yaml import scalarstring

    style = type(like) if isinstance(like, scalarstring.ScalarString) else None
    if style is not None and style is not scalarstring.ScalarString:
        return style(value)
    if _resolves_to_string(value):
        return value
    return scalarstring.SingleQuotedScalarString(value)


def _resolves_to_string(value: str) -> bool:
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    plain = (True, False)
    for version in ((1, 1), (1, 2)):
        tag = VersionedResolver(version=version).resolve(ScalarNode, value, plain)
        if str(tag) != "tag:yaml.org,2002:str":
            return False
    return True
