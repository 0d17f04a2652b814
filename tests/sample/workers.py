"""Worker functions for the concurrency tests (importable by child processes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sample_tools.sqlite_store import SQLiteStore
from sample_tools.store import StoreError, StoreUnavailable
from tests.sample.conftest import today


def book_in_process(path: str, employee_id: int, start: str, end: str, request: str) -> str:
    """Book through a fresh store, as another Lambda container would; the outcome's name."""
    store = SQLiteStore(path, today=today)
    try:
        booking, _ = store.book(
            employee_id, date.fromisoformat(start), date.fromisoformat(end), request=request
        )
    except StoreError as refusal:
        return type(refusal).__name__
    return booking.booking_id


def open_in_process(path: str, start: Any, outcomes: Any) -> None:
    """Open (so create and seed) the file the moment all workers are ready, as a burst of
    cold starts would; put what came of it on ``outcomes``."""
    start.wait()
    try:
        store = SQLiteStore(path, today=today)
        outcomes.put(f"{store.employee(2).name}, {store.balance(2, 2026).available_days} days")
    except StoreUnavailable as outage:
        outcomes.put(f"unavailable: {outage}")
