"""Regressions of the HR sample found by an adversarial pass, through its real
``lambda_handler``, each with the input that showed it. The store-level ones run on both
backends in tests/sample/test_store.py."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ReadTimeoutError

from agent_tools.testing import fake_lambda_context
from sample_tools import hr
from sample_tools.dynamodb_client import CLIENT_CONFIG
from sample_tools.rules import InvalidDates, check_dates
from tests.reliability import LAMBDA_CONTEXT, assert_clean, send
from tests.reliability.test_faults import (
    BOOKING,
    assert_outage,
    outage_logged,
    table_items,
)

ADMIN = {"employee_id": "1"}
GET = "get_available_vacation_days"
BOOK = "reserve_vacation_time"
LIST = "list_planned_vacations"
CANCEL = "cancel_vacation"
UNCONFIRMED = "The vacation system did not confirm the change: it may or may not have been made."


def book(start: str, end: str, employee: str = "2") -> list[tuple[str, str]]:
    return [("employee_id", employee), ("start_date", start), ("end_date", end)]


def on(monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setenv("HR_TODAY", day)


# -- defect 1: cancelling what is taken or under way ---------------------------------------


def test_a_vacation_of_last_year_cannot_be_cancelled(
    hr_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "2026-06-15")
    before = send(hr.lambda_handler, GET, [("employee_id", "1")], session=ADMIN)
    cancelled = send(
        hr.lambda_handler,
        CANCEL,
        [("employee_id", "1"), ("reservation_id", "V0000000001")],  # 2025-08-04..08
        session=ADMIN,
    )
    assert cancelled.state == "REPROMPT", cancelled.text
    assert cancelled.text.startswith(
        "The vacation V0000000001 from 2025-08-04 to 2025-08-08 is over (today is 2026-06-15), "
        "so it cannot be cancelled and its days are not given back."
    )
    listed = send(hr.lambda_handler, LIST, [("employee_id", "1")], session=ADMIN)
    assert [v["status"] for v in listed.json["vacations"]] == ["planned"]
    after = send(hr.lambda_handler, GET, [("employee_id", "1")], session=ADMIN)
    assert after.json == before.json


def test_a_vacation_that_started_last_week_cannot_be_cancelled(
    hr_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    booked = send(hr.lambda_handler, BOOK, book("2026-06-08", "2026-06-19"))
    assert booked.state == "SUCCESS", booked.text
    reservation = booked.json["reservation"]["reservation_id"]
    on(monkeypatch, "2026-06-15")
    cancelled = send(
        hr.lambda_handler, CANCEL, [("employee_id", "2"), ("reservation_id", reservation)]
    )
    assert cancelled.state == "REPROMPT"
    assert "has already started (today is 2026-06-15)" in cancelled.text
    assert send(hr.lambda_handler, GET, [("employee_id", "2")]).json["available_days"] == 12


def test_a_booking_that_starts_in_the_past_is_refused(
    hr_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on(monkeypatch, "2026-06-15")
    refused = send(hr.lambda_handler, BOOK, book("2026-06-08", "2026-06-19"))
    assert refused.state == "REPROMPT"
    assert refused.text.startswith("start_date 2026-06-08 is in the past (today is 2026-06-15)")
    assert send(hr.lambda_handler, GET, [("employee_id", "2")]).json["available_days"] == 24


# -- defect 3: an oversized employee id on DynamoDB ----------------------------------------


def test_an_oversized_employee_id_is_no_employee_on_dynamodb_as_on_sqlite(
    dynamodb_store: Any, logs: pytest.LogCaptureFixture
) -> None:
    huge = "9" * 2045  # "EMP#" and 2,045 digits: 2,049 bytes, over the key limit
    for function, parameters in (
        (GET, [("employee_id", huge)]),
        (BOOK, book("2026-02-02", "2026-02-03", employee=huge)),
        (LIST, [("employee_id", huge)]),
    ):
        result = send(hr.lambda_handler, function, parameters, session=ADMIN)
        assert result.state == "REPROMPT", result.text[:200]
        assert result.text.startswith(f"There is no employee {huge}."), result.text[:200]
    assert not [r for r in logs.records if r.levelno >= logging.ERROR]


# -- defects 5 and 6: the advice -----------------------------------------------------------


def test_a_range_over_two_year_ends_gets_the_cap_not_a_wrong_split(hr_db: Path) -> None:
    refused = send(hr.lambda_handler, BOOK, book("2026-12-30", "2028-01-02"))
    assert refused.state == "REPROMPT"
    assert refused.text == (
        "A single booking can cover at most 90 days; this one covers 369. Split it into "
        "bookings of at most 90 days, each within one calendar year."
    )


def test_the_split_advice_writes_years_as_the_tool_reads_them() -> None:
    with pytest.raises(InvalidDates) as refusal:
        check_dates(date(999, 12, 30), date(1000, 1, 2), today=date(999, 1, 1))
    assert str(refusal.value).endswith(
        "book 0999-12-30 to 0999-12-31 and 1000-01-01 to 1000-01-02 separately."
    )


def test_with_no_days_left_the_advice_says_so(hr_db: Path) -> None:
    assert send(hr.lambda_handler, BOOK, book("2026-02-02", "2026-02-25")).state == "SUCCESS"
    refused = send(hr.lambda_handler, BOOK, book("2026-05-04", "2026-05-05"))
    assert refused.state == "REPROMPT"
    assert refused.text == (
        "Not enough vacation days: the request needs 2 days but no days are left for 2026."
    )


# -- trust -----------------------------------------------------------------------------------


def test_a_role_in_the_session_grants_nothing(hr_db: Path) -> None:
    claimed = {"employee_id": "2", "role": "hr_admin"}
    refused = send(hr.lambda_handler, BOOK, book("2026-05-04", "2026-05-05", "3"), session=claimed)
    assert refused.state == "REPROMPT"
    assert refused.text.startswith("Access denied")
    admin = send(hr.lambda_handler, BOOK, book("2026-05-04", "2026-05-05", "3"), session=ADMIN)
    assert admin.state == "SUCCESS", admin.text


@pytest.mark.parametrize("caller", ["9", "42"], ids=["inactive", "unknown"])
def test_an_inactive_or_unknown_caller_cannot_book_for_anyone(hr_db: Path, caller: str) -> None:
    for employee in ("3", caller):
        refused = send(
            hr.lambda_handler,
            BOOK,
            book("2026-05-04", "2026-05-05", employee),
            session={"employee_id": caller, "role": "hr_admin"},
        )
        assert refused.state == "FAILURE", refused.text
        assert f"This session's employee {caller} is not a current employee" in refused.text
        assert_clean(refused)
    assert (
        send(hr.lambda_handler, GET, [("employee_id", "3")], session={"employee_id": "3"}).json[
            "taken_days"
        ]
        == 0
    )


# -- a sample with an expiry date ------------------------------------------------------------


def test_the_sample_works_after_2027(hr_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HR_DB_PATH", str(hr_db.parent / "later.sqlite3"))
    on(monkeypatch, "2028-01-01")
    hr.store.cache_clear()
    balance = send(hr.lambda_handler, GET, [("employee_id", "2")])
    assert balance.json["year"] == 2028
    assert balance.json["available_days"] == 24
    booked = send(hr.lambda_handler, BOOK, book("2029-01-08", "2029-01-09"))
    assert booked.state == "SUCCESS", booked.text


# -- time budget and lost answers on DynamoDB ------------------------------------------------


def test_the_dynamodb_client_has_timeouts_and_bounded_retries(dynamodb_store: Any) -> None:
    config = dynamodb_store._client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (1.0, 2.0)
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}
    assert CLIENT_CONFIG.retries == config.retries


def test_no_request_starts_once_the_lambdas_time_is_spent(
    dynamodb_store: Any, logs: pytest.LogCaptureFixture
) -> None:
    sent: list[str] = []

    def count(**_: Any) -> None:
        sent.append("sent")

    events = dynamodb_store._client.meta.events
    events.register("before-send.dynamodb", count)
    before = table_items(dynamodb_store)
    sent.clear()
    almost_over = fake_lambda_context(remaining_time_in_millis=2_500)  # 1.5 s after the margin
    try:
        result = send(hr.lambda_handler, BOOK, BOOKING, context=almost_over)
    finally:
        events.unregister("before-send.dynamodb", count)
    assert_outage(result)
    assert sent == []
    assert "left, an attempt may take" in logs.text
    assert table_items(dynamodb_store) == before


def throttled(request: Any, **_: Any) -> Any:
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse

    body = json.dumps(
        {"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate"}
    ).encode()
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "t"}
    return AWSResponse(request.url, 400, headers, MockRawResponse(body))


def test_throttling_within_a_10_second_timeout_answers_unavailable(
    dynamodb_store: Any, logs: pytest.LogCaptureFixture
) -> None:
    """With no Config, botocore retried throttling for 12-25 s against a 10 s timeout."""
    sent: list[str] = []

    def throttle(request: Any, **kwargs: Any) -> Any:
        sent.append("sent")
        return throttled(request)

    events = dynamodb_store._client.meta.events
    events.register_first("before-send.dynamodb.GetItem", throttle)
    try:
        result = send(
            hr.lambda_handler,
            GET,
            [("employee_id", "2")],
            context=fake_lambda_context(remaining_time_in_millis=10_000),
        )
    finally:
        events.unregister("before-send.dynamodb.GetItem", throttle)
    assert_outage(result)
    assert 1 <= len(sent) <= 3


class LoseAnswers:
    """Let moto apply each TransactWriteItems, then lose the answer, as a dropped connection
    after the service committed would; ``times`` answers are lost."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.lost = 0

    def __call__(self, request: Any, **_: Any) -> None:
        target = request.headers.get("X-Amz-Target", b"")
        if b"TransactWriteItems" in target and self.lost < self.times:
            self.lost += 1
            raise ReadTimeoutError(endpoint_url=request.url)


def with_lost_answers(store: Any, times: int, *calls: list[tuple[str, str]]) -> list[Any]:
    lose = LoseAnswers(times)
    events = store._client.meta.events
    # On the general event, after moto's handler: moto has applied the write by then.
    events.register("before-send", lose)
    try:
        return [send(hr.lambda_handler, BOOK, parameters) for parameters in calls]
    finally:
        events.unregister("before-send", lose)


def test_a_write_whose_answer_is_lost_is_never_called_unchanged(
    dynamodb_store: Any, logs: pytest.LogCaptureFixture
) -> None:
    """The answer said nothing was changed while the booking had been made."""
    [result] = with_lost_answers(dynamodb_store, 3, BOOKING)
    assert result.state == "FAILURE"
    assert result.text.startswith(UNCONFIRMED)
    assert "nothing was changed" not in result.text
    assert_clean(result)
    outage_logged(logs, ReadTimeoutError)
    [booking] = dynamodb_store.bookings(2, 2026)  # it was made, once
    assert dynamodb_store.balance(2, 2026).taken_days == 3
    resent = send(hr.lambda_handler, BOOK, BOOKING)  # the same request (session, invocation)
    assert resent.state == "SUCCESS", resent.text
    assert resent.json["reservation"]["reservation_id"] == booking.booking_id
    assert resent.json["available_days"] == 21


def test_a_lost_answer_retried_by_botocore_books_once(dynamodb_store: Any) -> None:
    [result] = with_lost_answers(dynamodb_store, 1, BOOKING)
    assert result.state == "SUCCESS", result.text
    assert result.json["available_days"] == 21
    assert len(dynamodb_store.bookings(2, 2026)) == 1


def test_each_transaction_carries_a_token_derived_from_the_request(dynamodb_store: Any) -> None:
    tokens: list[str] = []

    def record(params: Any, **_: Any) -> None:
        tokens.append(params["ClientRequestToken"])

    def first_token(parameters: list[tuple[str, str]], context: Any = LAMBDA_CONTEXT) -> str:
        tokens.clear()
        send(hr.lambda_handler, BOOK, parameters, context=context)
        return tokens[0]

    events = dynamodb_store._client.meta.events
    events.register("provide-client-params.dynamodb.TransactWriteItems", record)
    try:
        made = first_token(BOOKING)
        with pytest.MonkeyPatch.context() as patch:
            # As if the first had not been seen (another container, a lost answer): the same
            # request makes the same transaction, with the same token.
            patch.setattr(dynamodb_store, "_requested", lambda *_: None)
            patch.setattr(dynamodb_store, "bookings", lambda *_: [])
            again = first_token(BOOKING)
        other = fake_lambda_context(aws_request_id="6f7e1c52-0000-4000-8000-00000000cafe")
        another = first_token(book("2026-03-02", "2026-03-03"), context=other)
    finally:
        events.unregister("provide-client-params.dynamodb.TransactWriteItems", record)
    assert again == made
    assert another != made
    assert all(1 <= len(token) <= 36 for token in (made, another))
    assert len(dynamodb_store.bookings(2, 2026)) == 2


# -- a corrupt SQLite file, and listing -------------------------------------------------------


def test_a_corrupt_sqlite_file_is_unavailable_with_its_cause_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "hr.sqlite3"
    path.write_bytes(b"\x00garbage, not a database\xff" * 200)
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(path))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    try:
        result = send(hr.lambda_handler, GET, [("employee_id", "2")])
    finally:
        hr.store.cache_clear()
    assert_outage(result)
    outage_logged(logs, sqlite3.DatabaseError)
    assert "file is not a database" in logs.text


def test_planned_vacations_come_in_pages(hr_db: Path) -> None:
    days = [f"2026-02-{day:02d}" for day in range(2, 23)]  # 21 single days
    for day in days:
        assert send(hr.lambda_handler, BOOK, book(day, day)).state == "SUCCESS"
    first = send(hr.lambda_handler, LIST, [("employee_id", "2")])
    assert [v["start_date"] for v in first.json["vacations"]] == days[:20]
    assert (first.json["page"], first.json["next_page"], first.json["total"]) == (1, 2, 21)
    second = send(hr.lambda_handler, LIST, [("employee_id", "2"), ("page", "2")])
    assert [v["start_date"] for v in second.json["vacations"]] == days[20:]
    assert second.json["next_page"] is None
    beyond = send(hr.lambda_handler, LIST, [("employee_id", "2"), ("page", "3")])
    assert beyond.state == "REPROMPT"
    assert beyond.text == (
        "page must be between 1 and 2: the employee has 21 planned vacations, 20 to a page."
    )


def test_next_years_balance_can_be_read(hr_db: Path) -> None:
    assert send(hr.lambda_handler, BOOK, book("2027-03-01", "2027-03-05")).state == "SUCCESS"
    next_year = send(hr.lambda_handler, GET, [("employee_id", "2"), ("year", "2027")])
    assert (next_year.json["year"], next_year.json["taken_days"]) == (2027, 5)
    this_year = send(hr.lambda_handler, GET, [("employee_id", "2")])
    assert (this_year.json["year"], this_year.json["taken_days"]) == (2026, 0)


def test_a_request_dynamodb_refuses_as_invalid_is_not_an_outage(
    dynamodb_store: Any, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    """A ValidationException says the request was wrong: trying again later cannot help."""
    from botocore.exceptions import ClientError

    def refuse(**request: Any) -> Any:
        error = {"Code": "ValidationException", "Message": "Key too long for arn:aws:x"}
        raise ClientError({"Error": error}, "GetItem")

    monkeypatch.setattr(dynamodb_store._client, "get_item", refuse)
    result = send(hr.lambda_handler, GET, [("employee_id", "2")])
    assert result.state == "FAILURE"
    assert "internal error" in result.text
    assert "try again later" not in result.text
    assert_clean(result)
    assert "ValidationException" in logs.text
