"""Worker functions for the concurrency tests (importable by child processes)."""

from __future__ import annotations

from datetime import date

from sample_tools.sqlite_store import SQLiteStore
from sample_tools.store import StoreError


def book_in_process(path: str, employee_id: int, start: str, end: str) -> str:
    """Book through a fresh store, as another Lambda container would; the outcome's name."""
    store = SQLiteStore(path)
    try:
        booking, _ = store.book(employee_id, date.fromisoformat(start), date.fromisoformat(end))
    except StoreError as refusal:
        return type(refusal).__name__
    return booking.booking_id
