"""``Frozen``: immutable slotted records, for the classes on the Lambda's import path.

What ``@dataclass(frozen=True, slots=True, kw_only=True)`` gives, without its cost: importing
``dataclasses`` (which imports ``inspect``) and generating each class took about 20 ms of a
cold start here, more than the rest of the package together (see bench/). Subclasses list
their fields in ``__slots__``, annotate them, and assign them in a keyword-only ``__init__``
through ``_set``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Frozen"]


class Frozen:
    __slots__: tuple[str, ...] = ()

    def _set(self, **fields: Any) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; build a new one instead")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"
