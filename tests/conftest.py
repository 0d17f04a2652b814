from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EVENTS = Path(__file__).parent / "events"


def load_event(name: str, **changes: Any) -> dict[str, Any]:
    """An event from tests/events, with top-level fields replaced (``None`` removes one)."""
    event: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    for key, value in changes.items():
        if value is None:
            event.pop(key, None)
        else:
            event[key] = copy.deepcopy(value)
    return event


@pytest.fixture
def event() -> Callable[..., dict[str, Any]]:
    return load_event
