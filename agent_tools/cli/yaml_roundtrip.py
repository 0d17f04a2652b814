"""Round-trip YAML with ruamel.yaml: read a template as plain data, rewrite one part of it.

CloudFormation's short-form tags (``!GetAtt``, ``!Sub``) read as their long-form dicts, and a
rewrite keeps every node that did not change, with its comments and quoting. ruamel.yaml is
imported inside the functions, once a command needs it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .compare import same

if TYPE_CHECKING:
    from ruamel.yaml import YAML

__all__ = [
    "attach_trailing",
    "detach_trailing",
    "dump",
    "faithful_yaml",
    "merge_mapping",
    "plain",
    "round_trip_yaml",
    "to_node",
]

# Short-form tags whose long form is not "Fn::<tag>" (CloudFormation's intrinsic functions).
_UNPREFIXED = frozenset({"Ref", "Condition"})
# Intrinsics written back in short scalar form when their argument is one string.
_SHORT_SCALARS = frozenset({"Ref", "Fn::Sub", "Fn::ImportValue", "Fn::Base64", "Fn::GetAZs"})


# -- reading -------------------------------------------------------------------------------


def round_trip_yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: short-form tags, comments and quoting survive
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line that was not folded
    return yaml


def plain(node: Any) -> Any:
    """A ruamel node as plain Python, with short-form tags as their long-form dicts."""
    from ruamel.yaml.comments import TaggedScalar
    from ruamel.yaml.scalarbool import ScalarBoolean

    value: Any = node
    if isinstance(node, Mapping):
        value = {str(key): plain(item) for key, item in node.items()}
    elif isinstance(node, list):
        value = [plain(item) for item in node]
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


# -- writing -------------------------------------------------------------------------------


def faithful_yaml(path: Path, text: str) -> tuple[YAML, Any]:
    """A round-trip YAML set up to reproduce ``text`` exactly, and the document it loaded.

    ruamel.yaml re-emits the whole file, so the indentation it uses must be the file's own;
    it is found by trying the usual styles. A file it cannot reproduce is refused rather
    than reformatted.
    """
    first_difference = ""
    for mapping, offset, explicit_start in _styles():
        yaml = round_trip_yaml()
        yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
        yaml.explicit_start = explicit_start
        document = yaml.load(text)
        again = dump(yaml, document, text)
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


def dump(yaml: YAML, document: Any, text: str) -> str:
    stream = io.StringIO()
    yaml.dump(document, stream)
    dumped = stream.getvalue()
    return dumped if text.endswith("\n") else dumped.removesuffix("\n")


def detach_trailing(node: Any) -> str:
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


def attach_trailing(node: Any, lines: str) -> None:
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


def merge_mapping(old: Any, new: Mapping[str, Any]) -> None:
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
            old.insert(previous, key, to_node(value))


def _merge_sequence(old: Any, new: Sequence[Any]) -> None:
    for index, value in enumerate(new):
        if index < len(old):
            old[index] = _merged(old[index], value)
        else:
            old.append(to_node(value))
    del old[len(new) :]


def _merged(old: Any, new: Any) -> Any:
    if same(plain(old), new):
        return old
    if _tag(old) is None:
        if isinstance(old, dict) and isinstance(new, dict):
            merge_mapping(old, new)
            return old
        if isinstance(old, list) and isinstance(new, list):
            _merge_sequence(old, new)
            return old
        if isinstance(old, str) and isinstance(new, str):
            return _string(new, like=old)
    return to_node(new)


def to_node(value: Any) -> Any:
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
            mapping[key] = to_node(item)
        return mapping
    if isinstance(value, list | tuple):
        return CommentedSeq(to_node(item) for item in value)
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
    such as CloudFormation's or cfn-lint's would not see a string (contract section 3:
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
