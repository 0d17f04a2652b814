from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Short in CI and by default; HYPOTHESIS_PROFILE=thorough for a long run on demand.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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
