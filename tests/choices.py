"""Enums shared by the type tests."""

from __future__ import annotations

import enum


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2
