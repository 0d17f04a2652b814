"""Serving one call: convert the arguments, call the tool, decide the outcome. Knows no platform.

Private: runtimes and the test kit reach it through ``ActionGroup``.
"""
