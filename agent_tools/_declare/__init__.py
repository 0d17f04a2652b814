"""Declaring tools: analysis of a signature, once, into the frozen ``ToolSpec`` everything reads.

Private: the public names are re-exported by ``agent_tools``.
"""
