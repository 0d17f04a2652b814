"""The store contract, run against both backends: the rules, atomicity, retries, concurrency."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sample_tools import seed
from sample_tools.sqlite_store import SQLiteStore
from sample_tools.store import (
    Balance,
    Booking,
    NoBalance,
    NoSuchBooking,
    NotEnoughDays,
    Overlap,
    UnknownEmployee,
    VacationStore,
)
from tests.sample.workers import book_in_process

D = date.fromisoformat


def test_seeded_data(store: VacationStore) -> None:
    assert store.employee(2).name == "Bruno Lindqvist"
    assert store.employee(9).active is False
    assert [store.employee(i).employee_id for i in range(1, 11)] == list(range(1, 11))
    assert store.balance(2, 2026) == Balance(2, 2026, 24, 0)
    assert store.balance(1, 2025) == Balance(1, 2025, 22, 11)  # 6 earlier + 5 planned
    assert store.bookings(1) == [
        Booking("V0000000001", 1, D("2025-08-04"), D("2025-08-08"), "planned")
    ]
    for employee_id, year, total, taken in seed.BALANCES:
        assert store.balance(employee_id, year) == Balance(employee_id, year, total, taken)


def test_unknown_employee_and_year(store: VacationStore) -> None:
    with pytest.raises(UnknownEmployee, match="There is no employee 42"):
        store.employee(42)
    with pytest.raises(NoBalance, match="no vacation balance for 2031"):
        store.balance(2, 2031)
    with pytest.raises(NoBalance):
        store.book(2, D("2031-01-05"), D("2031-01-06"))


def test_book_counts_calendar_days_inclusively(store: VacationStore) -> None:
    booking, balance = store.book(2, D("2026-01-24"), D("2026-01-26"))
    assert (booking.days, booking.status, booking.employee_id) == (3, "planned", 2)
    assert balance == Balance(2, 2026, 24, 3)
    assert store.balance(2, 2026) == balance
    assert store.bookings(2) == [booking]
    assert store.bookings(2, 2026) == [booking]
    assert store.bookings(2, 2027) == []
    single, balance = store.book(2, D("2026-03-02"), D("2026-03-02"))
    assert single.days == 1
    assert balance.available_days == 20
    assert [b.start_date for b in store.bookings(2)] == [D("2026-01-24"), D("2026-03-02")]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2026-07-10", "2026-07-13"),  # ends inside
        ("2026-07-20", "2026-07-30"),  # starts inside
        ("2026-07-15", "2026-07-16"),  # inside
        ("2026-07-01", "2026-07-31"),  # around
        ("2026-07-24", "2026-07-24"),  # the last day
    ],
)
def test_overlap_is_refused_and_nothing_is_written(
    store: VacationStore, start: str, end: str
) -> None:
    before = (store.balance(4, 2026), store.bookings(4))
    with pytest.raises(Overlap) as refusal:
        store.book(4, D(start), D(end))
    assert refusal.value.existing.booking_id == "V0000000003"
    assert "overlap the planned vacation V0000000003 from 2026-07-13 to 2026-07-24" in str(
        refusal.value
    )
    assert (store.balance(4, 2026), store.bookings(4)) == before


def test_adjacent_days_do_not_overlap(store: VacationStore) -> None:
    store.book(4, D("2026-07-25"), D("2026-07-26"))
    store.book(4, D("2026-07-10"), D("2026-07-12"))
    assert len(store.bookings(4, 2026)) == 3


def test_not_enough_days_says_how_many_are_left(store: VacationStore) -> None:
    store.book(2, D("2026-02-02"), D("2026-02-21"))  # 20 of 24
    before = (store.balance(2, 2026), store.bookings(2))
    with pytest.raises(NotEnoughDays) as refusal:
        store.book(2, D("2026-05-04"), D("2026-05-08"))
    assert str(refusal.value) == (
        "Not enough vacation days: the request needs 5 days but only 4 are left for 2026. "
        "Book at most 4 days."
    )
    assert (store.balance(2, 2026), store.bookings(2)) == before
    store.book(2, D("2026-05-04"), D("2026-05-07"))  # exactly what is left
    assert store.balance(2, 2026).available_days == 0


def test_a_retried_booking_books_once_and_answers_the_same(store: VacationStore) -> None:
    first = store.book(2, D("2026-01-24"), D("2026-01-26"))
    second = store.book(2, D("2026-01-24"), D("2026-01-26"))
    assert second == first
    assert store.balance(2, 2026).taken_days == 3
    assert len(store.bookings(2)) == 1


def test_cancel_gives_days_back_once(store: VacationStore) -> None:
    booking, _ = store.book(2, D("2026-01-24"), D("2026-01-26"))
    cancelled, balance = store.cancel(2, booking.booking_id)
    assert cancelled.status == "cancelled"
    assert cancelled.booking_id == booking.booking_id
    assert balance == Balance(2, 2026, 24, 0)
    assert store.bookings(2) == []
    assert store.cancel(2, booking.booking_id) == (cancelled, balance)  # a retry
    assert store.balance(2, 2026).taken_days == 0
    again, balance = store.book(2, D("2026-01-24"), D("2026-01-26"))
    assert again.booking_id != booking.booking_id
    assert balance.taken_days == 3


def test_cancel_refuses_unknown_and_other_peoples_bookings(store: VacationStore) -> None:
    with pytest.raises(NoSuchBooking, match="no vacation with the reservation id 'V0000000404'"):
        store.cancel(1, "V0000000404")
    with pytest.raises(NoSuchBooking):
        store.cancel(2, "V0000000001")  # employee 1's
    assert store.bookings(1)[0].status == "planned"
    assert store.balance(1, 2025).taken_days == 11


# -- concurrency -----------------------------------------------------------------------------

RANGES = [  # overlapping and disjoint two-to-five-day ranges in 2026, more days than the balance
    (D("2026-03-02") + timedelta(days=offset), D("2026-03-02") + timedelta(days=offset + length))
    for offset, length in [(0, 4), (2, 3), (5, 2), (7, 4), (9, 1), (12, 3), (14, 4), (18, 2),
                           (21, 3), (23, 4), (26, 2), (29, 3), (31, 4), (33, 1), (36, 3), (40, 2)]
]  # fmt: skip


def check_invariants(store: VacationStore, employee_id: int, start_taken: int) -> None:
    bookings = store.bookings(employee_id, 2026)
    balance = store.balance(employee_id, 2026)
    assert balance.taken_days == start_taken + sum(b.days for b in bookings)
    assert 0 <= balance.taken_days <= balance.total_days
    spans = sorted((b.start_date, b.end_date) for b in bookings)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end < start, f"overlap in {spans}"


def test_concurrent_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    path = str(tmp_path / "hr.sqlite3")
    SQLiteStore(path)
    jobs = [(path, 2, s.isoformat(), e.isoformat()) for s, e in RANGES] * 2  # each twice
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        outcomes = pool.starmap(book_in_process, jobs)
    store = SQLiteStore(path)
    check_invariants(store, 2, 0)
    booked = {o for o in outcomes if o.startswith("V")}
    assert booked == {b.booking_id for b in store.bookings(2, 2026)}
    assert set(outcomes) - booked <= {"Overlap", "NotEnoughDays"}
    # Each range was sent twice: a retry never books a second time.
    assert len(booked) == len({(b.start_date, b.end_date) for b in store.bookings(2, 2026)})


def test_concurrent_threads_book_and_cancel(
    store: VacationStore,
    store_factory: Callable[[str], Callable[[], Any]],
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["store"]
    open_store = store_factory(backend)

    def book(span: tuple[date, date]) -> Booking | None:
        try:
            return open_store().book(5, *span)[0]
        except (Overlap, NotEnoughDays):
            return None

    with ThreadPoolExecutor(8) as pool:
        made = [b for b in pool.map(book, RANGES * 2) if b is not None]
    check_invariants(store, 5, 0)
    planned = store.bookings(5, 2026)
    assert {b.booking_id for b in made} == {b.booking_id for b in planned}

    def cancel(booking: Booking) -> Balance:
        return open_store().cancel(5, booking.booking_id)[1]

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(cancel, planned * 2))  # every cancellation retried once
    assert store.bookings(5, 2026) == []
    assert store.balance(5, 2026).taken_days == 0


def test_interleaved_bookings_cancellations_and_retries(
    store: VacationStore,
    store_factory: Callable[[str], Callable[[], Any]],
    request: pytest.FixtureRequest,
) -> None:
    """Workers book, retry and cancel at once; the books still balance to the day."""
    open_store = store_factory(request.node.callspec.params["store"])

    def worker(index: int) -> tuple[list[str], list[str]]:
        handle = open_store()
        made: list[str] = []
        cancelled: list[str] = []
        for span in RANGES[index::8]:  # overlapping spans, each in one worker's hands
            try:
                booking, _ = handle.book(6, *span)
                again, _ = handle.book(6, *span)  # the client's retry
            except (Overlap, NotEnoughDays):
                continue
            assert again.booking_id == booking.booking_id
            made.append(booking.booking_id)
            if len(made) % 2:  # cancel every other one while the others keep booking
                handle.cancel(6, booking.booking_id)
                cancelled.append(booking.booking_id)
        return made, cancelled

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(worker, range(8)))
    made = {booking for done, _ in outcomes for booking in done}
    cancelled = {booking for _, undone in outcomes for booking in undone}
    planned = {b.booking_id for b in store.bookings(6, 2026)}
    assert planned == made - cancelled  # nothing lost, nothing left behind
    check_invariants(store, 6, 0)
