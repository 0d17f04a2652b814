"""Bookings per second on the sample's SQLite store, with concurrent writer processes.

Each writer is a separate process with its own connection, as separate Lambda containers
would be when they share a file (locally) or as separate workers on one host. Every writer
books single days for its own employee, so no booking is refused: the figure is the store's
transaction rate under write contention, not the rules'.
"""

from __future__ import annotations

import multiprocessing
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

BOOKINGS_PER_WRITER = 40  # 20 single days in each of 2026 and 2027: within every balance
WRITERS = (1, 2, 3, 5)  # active employees with no planned vacation in 2026 or 2027


def _today() -> date:
    """The stores' "today": before every day booked here, with 2026 seeded as this year."""
    return date(2026, 1, 10)


def _writer(path: str, employee_id: int, start: Any, done: Any) -> None:
    from sample_tools.sqlite_store import SQLiteStore

    store = SQLiteStore(path, today=_today)
    days = [date(2026, 2, 2) + timedelta(days=7 * n) for n in range(20)]
    days += [date(2027, 2, 1) + timedelta(days=7 * n) for n in range(20)]
    start.wait()
    try:
        for day in days:
            store.book(employee_id, day, day)
    except Exception as error:  # reported by the parent, not lost in a child's stderr
        done.put(repr(error))
        return
    done.put(None)


def bookings_per_second(writers: int, rounds: int) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    rates = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as directory:
            path = str(Path(directory) / "hr.sqlite3")
            from sample_tools.sqlite_store import SQLiteStore

            SQLiteStore(path, today=_today)  # created and seeded before the clock starts
            start = context.Event()
            done = context.Queue()
            processes = [
                context.Process(target=_writer, args=(path, employee_id, start, done))
                for employee_id in WRITERS[:writers]
            ]
            for process in processes:
                process.start()
            time.sleep(1.0)  # let every writer import and connect
            began = time.perf_counter()
            start.set()
            errors = [done.get(timeout=120) for _ in processes]
            elapsed = time.perf_counter() - began
            for process in processes:
                process.join()
            if any(errors):
                raise RuntimeError(f"a writer failed: {[e for e in errors if e]}")
            rates.append(writers * BOOKINGS_PER_WRITER / elapsed)
    return {"median": statistics.median(rates), "min": min(rates), "max": max(rates)}
