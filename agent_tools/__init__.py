"""Typed Python tools for Amazon Bedrock Agents action groups and AgentCore Gateway targets.

Declare each tool once as a typed function; the same declaration answers function-details
and OpenAPI events and AgentCore Gateway Lambda-target calls, and exports the function
schema, the OpenAPI document and the CloudFormation entry.
"""

from __future__ import annotations

from ._declare.rules import Limits
from .app import RETURN_CONTROL, ActionGroup
from .context import Context
from .errors import AgentToolsError, Failure, RegistrationError, Reprompt, SchemaError
from .markers import Depends, Param, SessionAttr
from .outcome import Outcome, OutcomeKind
from .response import Response
from .router import Router
from .spec import ParamSpec, ToolSpec

__all__ = [
    "RETURN_CONTROL",
    "ActionGroup",
    "AgentToolsError",
    "Context",
    "Depends",
    "Failure",
    "Limits",
    "Outcome",
    "OutcomeKind",
    "Param",
    "ParamSpec",
    "RegistrationError",
    "Reprompt",
    "Response",
    "Router",
    "SchemaError",
    "SessionAttr",
    "ToolSpec",
]

__version__ = "0.1.0"
