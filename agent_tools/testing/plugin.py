"""The ``agent_tools`` pytest plugin: fixtures for testing action groups.

Registered through the ``pytest11`` entry point, so it loads in every pytest run of an
environment that has the package: it imports nothing but pytest until a fixture is used.

* ``agent_session``: a factory, ``agent_session(app_or_handler, **keywords)``, that makes an
  ``AgentSession``.
* ``bedrock_event``: the event builders (``function_event``, ``openapi_event``,
  ``tool_event``).
* ``lambda_context``: a ``fake_lambda_context()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from .events import BedrockEvents
    from .lambda_context import FakeLambdaContext
    from .session import AgentSession


@pytest.fixture
def agent_session() -> Callable[..., AgentSession]:
    """Make ``AgentSession``s: ``agent_session(app, session_attributes={...})``."""
    from .session import AgentSession

    def make(app: Any, /, **keywords: Any) -> AgentSession:
        return AgentSession(app, **keywords)

    return make


@pytest.fixture
def bedrock_event() -> BedrockEvents:
    """The event builders: ``bedrock_event.tool_event(app, "tool", {...})`` and others."""
    from .events import BedrockEvents

    return BedrockEvents()


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    """A fake Lambda context, as ``fake_lambda_context()`` makes it."""
    from .lambda_context import fake_lambda_context

    return fake_lambda_context()
