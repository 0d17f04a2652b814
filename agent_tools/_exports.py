"""The export methods of ``ActionGroup``: each a thin call of an exporter over the group's specs.

Every exporter is imported when its method is called, never before: a Lambda answering calls
never loads them (``tests/test_imports.py``). Adding a format is a module in ``export/`` and
one method here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from ._declare.registry import ToolRegistry
    from ._declare.rules import Limits
    from .export.cloudformation import Executor

__all__ = ["GroupExports"]


class GroupExports:
    """What an action group is exported as, for each platform."""

    name: str
    description: str | None
    version: str
    limits: Limits
    error_media_type: Literal["application/json", "text/plain"]
    _registry: ToolRegistry

    def function_schema(self) -> dict[str, Any]:
        """The ``functionSchema`` argument of ``create_agent_action_group``."""
        from .export.function_schema import function_schema

        return function_schema(
            group=self.name, tools=self._registry.tools, max_parameters=self.limits.max_parameters
        )

    def openapi(self) -> dict[str, Any]:
        """The action group as an OpenAPI 3.0 document Bedrock accepts."""
        from .export.openapi import openapi

        return openapi(
            title=self.name,
            version=self.version,
            description=self.description,
            tools=self._registry.tools,
            error_media_type=self.error_media_type,
        )

    def cloudformation(
        self, executor: Executor, *, schema: Literal["function", "openapi"] = "function"
    ) -> dict[str, Any]:
        """The group as one ``ActionGroups`` entry of an ``AWS::Bedrock::Agent`` resource.

        Args:
            executor: a Lambda ARN, an intrinsic such as ``{"Fn::GetAtt": [fn, "Arn"]}``, or
                ``RETURN_CONTROL``.
            schema: ``"function"`` for a ``FunctionSchema``; ``"openapi"`` for an
                ``ApiSchema`` whose payload is the OpenAPI document as JSON.
        """
        from .export.cloudformation import cloudformation

        return cloudformation(
            name=self.name,
            description=self.description,
            version=self.version,
            tools=self._registry.tools,
            executor=executor,
            schema=schema,
            max_parameters=self.limits.max_parameters,
            error_media_type=self.error_media_type,
        )

    def gateway_tools(self) -> list[dict[str, Any]]:
        """The ``ToolDefinition`` list of an AgentCore Gateway target's ``inlinePayload``."""
        from .export.gateway import gateway_tools

        return gateway_tools(group=self.name, tools=self._registry.tools)

    def gateway_target(
        self,
        lambda_arn: str | Mapping[str, Any],
        *,
        gateway: str | Mapping[str, Any],
        name: str | None = None,
    ) -> dict[str, Any]:
        """The ``Properties`` of an ``AWS::BedrockAgentCore::GatewayTarget`` for this group.

        Args:
            lambda_arn: the function's ARN (a version or alias may be given), or an intrinsic
                such as ``{"Fn::GetAtt": ["ToolFunction", "Arn"]}``.
            gateway: the gateway's identifier, or an intrinsic such as ``{"Ref": "Gateway"}``.
            name: the target's name; defaults to the group's name with ``_`` written ``-``
                (target names cannot contain ``_``). Tools are listed as ``<name>___<tool>``.
        """
        from .export.gateway import gateway_target

        return gateway_target(
            group=self.name,
            name=name or self.name,
            description=self.description,
            tools=self._registry.tools,
            lambda_arn=lambda_arn,
            gateway=gateway,
        )

    def mcp_tools(self, *, prefix: str | None = None) -> list[dict[str, Any]]:
        """MCP ``tools/list`` entries, with annotations read from the declarations.

        Args:
            prefix: a Gateway target name, to list the names as ``<prefix>___<tool>`` the way
                the Gateway does; plain tool names by default.
        """
        from .export.mcp import mcp_tools

        return mcp_tools(group=self.name, tools=self._registry.tools, prefix=prefix)

    def converse_tools(self) -> dict[str, Any]:
        """The ``toolConfig`` argument of Bedrock Converse; answer with ``run_tool_use``."""
        from .export.converse import converse_tools

        return converse_tools(group=self.name, tools=self._registry.tools)

    def inline_functions(self) -> list[dict[str, Any]]:
        """The tools as AgentCore harness ``inline_function`` tools (run by the caller).

        Pass them as ``tools`` to ``CreateHarness`` or ``InvokeHarness``; answer the calls
        with ``agent_tools.harness.run_harness``.
        """
        from .export.harness import inline_functions

        return inline_functions(group=self.name, tools=self._registry.tools)
