"""Exporting: functions over plain tool specs that write the schemas each platform needs.

Never imported by a Lambda answering calls.
"""
