"""The frozen description of registered tools, as ``ActionGroup.tools`` returns them.

Exporters, the CLI and the test kit read tools only through these records.
"""

from __future__ import annotations

from ._declare.spec import Dependency, Location, ParamSpec, Source, ToolSpec
from ._declare.typeinfo import FieldInfo, Kind, TypeInfo

__all__ = [
    "Dependency",
    "FieldInfo",
    "Kind",
    "Location",
    "ParamSpec",
    "Source",
    "ToolSpec",
    "TypeInfo",
]
