"""Documents as the text the commands print: JSON, or YAML that YAML 1.1 readers agree with."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["to_json", "to_yaml"]


def to_json(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_yaml(document: Any) -> str:
    """Safe YAML, keys in their order, one value per line.

    PyYAML writes YAML 1.1, as CloudFormation and cfn-lint read it: the strings that 1.1
    would take for booleans (``on``, ``off``, ``yes``...) come out quoted, while ``ENABLED``
    and ``DISABLED`` stay plain (docs/bedrock-agents.md#cloudformation). Multi-line strings, such
    as an OpenAPI
    payload, are written as literal blocks.
    """
    import yaml  # type: ignore[import-untyped,unused-ignore]

    dumper: Any = type("_Dumper", (yaml.SafeDumper,), {})
    dumper.add_representer(str, _string)
    text: str = yaml.dump(
        document,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,  # never fold a long description over several lines
    )
    return text


def _string(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
