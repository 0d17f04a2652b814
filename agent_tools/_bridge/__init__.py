"""The Classic-handler bridge to the AgentCore Gateway, behind ``agent_tools.bridge``."""
