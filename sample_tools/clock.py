"""Today's date for the sample: ``HR_TODAY`` (YYYY-MM-DD) if set, so that demos and tests are
reproducible, else the real date."""

from __future__ import annotations

import os
from datetime import date

__all__ = ["today"]


def today() -> date:
    """Today, or ``HR_TODAY``."""
    fixed = os.environ.get("HR_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()
