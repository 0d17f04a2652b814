"""The store contract, run against both backends: the rules, atomicity, retries, concurrency."""

from __future__ import annotations

import itertools
import multiprocessing
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from sample_tools import seed
from sample_tools.rules import InvalidDates
from sample_tools.sqlite_store import SQLiteStore
from sample_tools.store import (
    AlreadyStarted,
    Balance,
    Booking,
    NoBalance,
    NoSuchBooking,
    NotEnoughDays,
    Overlap,
    StoreUnavailable,
    UnknownEmployee,
    VacationStore,
)
from tests.sample.conftest import today
from tests.sample.workers import book_in_process, open_in_process

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
    for employee_id, year, total, taken in seed.balances(2026):
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


def test_a_resent_request_books_once_and_answers_the_same(store: VacationStore) -> None:
    first = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-1")
    second = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-1")
    assert second == first
    assert store.balance(2, 2026).taken_days == 3
    assert len(store.bookings(2)) == 1


def test_a_delayed_duplicate_never_rebooks_a_cancelled_vacation(store: VacationStore) -> None:
    """Retries used to be matched on (employee, start, end): a duplicate arriving after a
    cancellation booked the vacation again."""
    booking, _ = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-1")
    store.cancel(2, booking.booking_id)
    late, balance = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-1")
    assert (late.booking_id, late.status) == (booking.booking_id, "cancelled")
    assert balance == Balance(2, 2026, 24, 0)
    assert store.bookings(2) == []
    again, balance = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-2")
    assert again.booking_id != booking.booking_id
    assert balance.taken_days == 3


def test_another_request_for_planned_dates_is_an_overlap(store: VacationStore) -> None:
    booking, _ = store.book(2, D("2026-01-24"), D("2026-01-26"), request="session-1/call-1")
    for request in ("session-1/call-2", None):
        with pytest.raises(Overlap) as refusal:
            store.book(2, D("2026-01-24"), D("2026-01-26"), request=request)
        assert refusal.value.existing == booking
    assert store.balance(2, 2026).taken_days == 3


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


# -- regressions: the dates, the seed, the keys ---------------------------------------------


def test_a_vacation_under_way_or_over_cannot_be_cancelled(
    store: VacationStore,
    store_factory: Callable[[str], Callable[[], Any]],
    request: pytest.FixtureRequest,
) -> None:
    """Cancelling a vacation already taken, or under way, used to give its days back."""
    booking, _ = store.book(2, D("2026-01-24"), D("2026-01-26"))
    before = (store.balance(2, 2026), store.bookings(2))
    later = reopened(request, store_factory, date(2026, 1, 25))  # the clock in mid-vacation
    with pytest.raises(AlreadyStarted, match=r"has already started .* cannot be cancelled"):
        later.cancel(2, booking.booking_id)
    over = reopened(request, store_factory, date(2026, 7, 1))
    with pytest.raises(AlreadyStarted, match="is over"):
        over.cancel(2, booking.booking_id)
    with pytest.raises(AlreadyStarted):  # seeded last year: taken
        store.cancel(1, "V0000000001")
    assert (store.balance(2, 2026), store.bookings(2)) == before
    assert store.balance(1, 2025).taken_days == 11
    assert store.cancel(2, booking.booking_id)[0].status == "cancelled"  # before: still fine


def reopened(
    request: pytest.FixtureRequest,
    store_factory: Callable[[str], Callable[[], Any]],
    on: date,
) -> VacationStore:
    """Another handle on the same data, whose clock says ``on``."""
    handle: VacationStore = store_factory(request.node.callspec.params["store"])()
    handle.today = lambda: on
    return handle


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2026-01-09", "2026-01-12", "start_date 2026-01-09 is in the past (today is 2026-01-10)"),
        ("2025-08-04", "2025-08-08", "start_date 2025-08-04 is in the past"),
        ("2026-01-12", "2026-01-11", "end_date 2026-01-11 is before start_date 2026-01-12"),
        ("2026-03-01", "2026-06-01", "at most 90 days; this one covers 93"),
    ],
)
def test_dates_that_cannot_be_booked_are_refused(
    store: VacationStore, start: str, end: str, message: str
) -> None:
    before = (store.balance(2, 2026), store.bookings(2))
    with pytest.raises(InvalidDates, match=re.escape(message)):
        store.book(2, D(start), D(end))
    assert (store.balance(2, 2026), store.bookings(2)) == before


def test_today_can_be_booked(store: VacationStore) -> None:
    booking, _ = store.book(2, D("2026-01-10"), D("2026-01-10"))
    assert booking.days == 1


def test_with_no_days_left_the_refusal_says_so(store: VacationStore) -> None:
    store.book(2, D("2026-02-02"), D("2026-02-25"))  # all 24
    with pytest.raises(NotEnoughDays) as refusal:
        store.book(2, D("2026-05-04"), D("2026-05-08"))
    assert str(refusal.value) == (
        "Not enough vacation days: the request needs 5 days but no days are left for 2026."
    )
    assert "at most 0" not in str(refusal.value)


@pytest.mark.parametrize("digits", [19, 2044, 2045, 4000])
def test_an_oversized_employee_id_is_no_employee_on_every_backend(
    store: VacationStore, digits: int
) -> None:
    """On DynamoDB an id of 2,045+ digits made the key exceed 2,048 bytes: the service's
    ValidationException was answered as an outage. It is no employee, as on SQLite."""
    employee_id = int("9" * digits)
    with pytest.raises(UnknownEmployee):
        store.employee(employee_id)
    with pytest.raises(NoBalance):
        store.balance(employee_id, 2026)
    assert store.bookings(employee_id) == []
    with pytest.raises(UnknownEmployee):
        store.book(employee_id, D("2026-02-02"), D("2026-02-03"))
    with pytest.raises(NoSuchBooking):
        store.cancel(employee_id, "V0000000001")


@pytest.mark.parametrize("year", [0, -1, 10_000, 10**40])
def test_years_without_four_digits_have_no_balance(store: VacationStore, year: int) -> None:
    with pytest.raises(NoBalance):
        store.balance(2, year)


def test_the_hr_administrator_is_on_record(store: VacationStore) -> None:
    assert store.employee(1).is_hr_admin
    assert not any(store.employee(i).is_hr_admin for i in range(2, 11))


def test_the_seed_follows_the_year_the_store_opens_in(
    store_factory: Callable[[str], Callable[[], Any]], request: pytest.FixtureRequest, backend: str
) -> None:
    """Balances were seeded for 2025-2027 only: the sample stopped working in 2028."""
    store = reopened_fresh(request, store_factory, backend, date(2031, 5, 1))
    assert [store.balance(2, year).total_days for year in (2030, 2031, 2032)] == [24, 24, 24]
    with pytest.raises(NoBalance):
        store.balance(2, 2029)
    assert store.bookings(4) == [
        Booking("V0000000003", 4, D("2031-07-13"), D("2031-07-24"), "planned")
    ]
    assert store.balance(1, 2030) == Balance(1, 2030, 22, 11)


def test_a_store_opened_in_a_later_year_gets_that_years_balances(
    store_factory: Callable[[str], Callable[[], Any]], request: pytest.FixtureRequest, backend: str
) -> None:
    first = reopened_fresh(request, store_factory, backend, date(2026, 1, 10))
    first.book(2, D("2026-03-02"), D("2026-03-04"))
    later = reopened_fresh(request, store_factory, backend, date(2028, 2, 1))
    assert later.balance(2, 2029) == Balance(2, 2029, 24, 0)
    assert later.balance(2, 2026).taken_days == 3  # what was there stays
    later.book(2, D("2028-03-02"), D("2028-03-03"))
    assert later.balance(2, 2028).taken_days == 2


def reopened_fresh(
    request: pytest.FixtureRequest,
    store_factory: Callable[[str], Callable[[], Any]],
    backend: str,
    on: date,
) -> VacationStore:
    """A handle opened (so seeded, or topped up) with its clock at ``on``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tests.sample.conftest.TODAY", on)
        handle: VacationStore = store_factory(backend)()
    handle.today = lambda: on
    return handle


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
    SQLiteStore(path, today=today)
    jobs = [(path, 2, s.isoformat(), e.isoformat(), f"request-{s}") for s, e in RANGES] * 2
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        outcomes = pool.starmap(book_in_process, jobs)
    store = SQLiteStore(path, today=today)
    check_invariants(store, 2, 0)
    booked = {o for o in outcomes if o.startswith("V")}
    assert booked == {b.booking_id for b in store.bookings(2, 2026)}
    assert set(outcomes) - booked <= {"Overlap", "NotEnoughDays"}
    # Each range was sent twice: a retry never books a second time.
    assert len(booked) == len({(b.start_date, b.end_date) for b in store.bookings(2, 2026)})


def test_concurrent_first_opens_of_a_new_sqlite_file(tmp_path: Path) -> None:
    """Eight processes opening a brand-new file at once: some used to answer "unavailable",
    since switching to WAL fails at once with "database is locked" while another seeds."""
    path = str(tmp_path / "fresh.sqlite3")
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(8)
    queue = spawn.Queue()
    workers = [spawn.Process(target=open_in_process, args=(path, start, queue)) for _ in range(8)]
    for worker in workers:
        worker.start()
    outcomes = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join()
    assert outcomes == ["Bruno Lindqvist, 24 days"] * 8
    store = SQLiteStore(path, today=today)
    assert store.bookings(4) == [
        Booking("V0000000003", 4, D("2026-07-13"), D("2026-07-24"), "planned")
    ]  # seeded once
    assert store.balance(1, 2025) == Balance(1, 2025, 22, 11)


def test_a_corrupt_sqlite_file_is_unavailable(tmp_path: Path) -> None:
    """It used to raise sqlite3.DatabaseError, answered as a generic internal error."""
    path = tmp_path / "hr.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreUnavailable, match="file is not a database"):
        SQLiteStore(path, today=today)


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
                booking, _ = handle.book(6, *span, request=f"request-{span[0]}")
                again, _ = handle.book(6, *span, request=f"request-{span[0]}")  # a resend
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


def test_the_longest_booking_fits_one_dynamodb_transaction() -> None:
    from sample_tools import dynamodb_store, rules

    assert rules.MAX_BOOKING_DAYS <= dynamodb_store.MAX_BOOKING_DAYS
