"""The sample HR vacation action group: ``sample_tools.hr`` is the Lambda handler's module."""
