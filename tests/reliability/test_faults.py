"""Faults in the HR sample's dependencies, mid-request.

A broken store answers FAILURE (the model cannot fix it) with a message that says nothing
was changed and to try later, never an internal detail; the cause, with its traceback, is
in the log; and nothing is half-written.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from agent_tools import ActionGroup
from agent_tools.testing import AgentSession, ToolResult
from sample_tools import hr
from sample_tools.sqlite_store import SQLiteStore
from tests.reliability import LAMBDA_CONTEXT, assert_clean, send, snapshot

BOOKING = [("employee_id", "2"), ("start_date", "2026-01-24"), ("end_date", "2026-01-26")]
UNAVAILABLE = "The vacation system is unavailable right now and nothing was changed."


def outage_logged(logs: pytest.LogCaptureFixture, cause: type[BaseException]) -> None:
    """An ERROR record carries the cause, its type in the traceback of the record."""
    errors = [r for r in logs.records if r.levelno >= logging.ERROR]
    assert errors, "no ERROR record for the outage"
    record = errors[-1]
    assert record.exc_info is not None
    exc = record.exc_info[1]
    chain = []
    while exc is not None:
        chain.append(exc)
        exc = exc.__cause__
    found = [e for e in chain if isinstance(e, cause)]
    assert found, chain
    assert "Traceback" in logs.text
    assert type(found[0]).__name__ in logs.text


def assert_outage(result: ToolResult) -> None:
    assert result.state == "FAILURE", result.text
    assert result.text.startswith(UNAVAILABLE), result.text
    assert "try again later" in result.text
    assert_clean(result)
    for internal in ("locked", "readonly", "read-only", "Throttling", "Transaction", "sqlite"):
        assert internal not in result.text


# -- SQLite ---------------------------------------------------------------------------------


@pytest.fixture
def short_timeout_store(hr_db: Path) -> Iterator[SQLiteStore]:
    """The sample's store, waiting 0.2 s (not 30) for a lock."""
    store = SQLiteStore(hr_db, timeout=0.2)
    with pytest.MonkeyPatch.context() as patch:  # undone before hr_db's own teardown
        patch.setattr(hr, "store", lambda: store)
        yield store


@pytest.fixture
def exclusive_lock(hr_db: Path) -> Iterator[sqlite3.Connection]:
    """Another process's write transaction, held for the whole test."""
    holder = sqlite3.connect(hr_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def test_a_locked_database_fails_the_booking_and_writes_nothing(
    hr_db: Path,
    short_timeout_store: SQLiteStore,
    exclusive_lock: sqlite3.Connection,
    logs: pytest.LogCaptureFixture,
) -> None:
    before = snapshot(hr_db)
    result = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
    assert_outage(result)
    outage_logged(logs, sqlite3.OperationalError)
    assert "database is locked" in logs.text
    exclusive_lock.execute("ROLLBACK")
    assert snapshot(hr_db) == before
    after = send(hr.lambda_handler, "get_available_vacation_days", [("employee_id", "2")])
    assert after.json["available_days"] == 24
    listed = send(hr.lambda_handler, "list_planned_vacations", [("employee_id", "2")])
    assert listed.json["vacations"] == []


def test_a_locked_database_fails_the_cancellation_and_keeps_the_booking(
    hr_db: Path,
    short_timeout_store: SQLiteStore,
    logs: pytest.LogCaptureFixture,
) -> None:
    booked = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
    reservation = booked.json["reservation"]["reservation_id"]
    before = snapshot(hr_db)
    holder = sqlite3.connect(hr_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = send(
            hr.lambda_handler,
            "cancel_vacation",
            [("employee_id", "2"), ("reservation_id", reservation)],
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_outage(result)
    outage_logged(logs, sqlite3.OperationalError)
    assert snapshot(hr_db) == before


def test_a_read_only_database_fails_writes_and_still_answers_reads(
    hr_db: Path,
    short_timeout_store: SQLiteStore,
    monkeypatch: pytest.MonkeyPatch,
    logs: pytest.LogCaptureFixture,
) -> None:
    # Root ignores file modes, so the store's connections are opened read-only instead.
    def read_only() -> sqlite3.Connection:
        return sqlite3.connect(f"file:{hr_db}?mode=ro", uri=True, timeout=0.2, isolation_level=None)

    monkeypatch.setattr(short_timeout_store, "_connect", read_only)
    # A reader keeps the WAL index alive, as the other containers of a deployment would.
    keeper = sqlite3.connect(hr_db)
    keeper.execute("SELECT 1 FROM balances").fetchall()
    try:
        before = snapshot(hr_db)
        read = send(hr.lambda_handler, "get_available_vacation_days", [("employee_id", "2")])
        assert read.state == "SUCCESS", read.text  # the file opens; only writes fail
        result = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
        assert_outage(result)
        outage_logged(logs, sqlite3.OperationalError)
        assert "readonly" in logs.text
        assert snapshot(hr_db) == before
    finally:
        keeper.close()


def test_a_database_that_cannot_be_opened_fails_every_tool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    # HR_DB_PATH names a directory: the store cannot even be created on first use.
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(tmp_path))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    try:
        result = send(hr.lambda_handler, "get_available_vacation_days", [("employee_id", "2")])
    finally:
        hr.store.cache_clear()
    assert_outage(result)
    outage_logged(logs, sqlite3.OperationalError)


# -- DynamoDB -------------------------------------------------------------------------------


def table_items(store: Any) -> list[Any]:
    items: list[Any] = []
    request: dict[str, Any] = {"TableName": store.table_name, "ConsistentRead": True}
    while True:
        page = store._client.scan(**request)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def client_error(store: Any, code: str, reasons: list[str] | None = None) -> Exception:
    from botocore.exceptions import ClientError

    response: dict[str, Any] = {
        "Error": {"Code": code, "Message": f"{code} for arn:aws:dynamodb:us-east-1:123:table/x"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    if reasons is not None:
        response["CancellationReasons"] = [{"Code": r} for r in reasons]
        return store._client.exceptions.TransactionCanceledException(response, "TransactWriteItems")
    return ClientError(response, "TransactWriteItems")


@pytest.mark.parametrize(
    ("code", "reasons"),
    [
        pytest.param("ThrottlingException", None, id="throttling"),
        pytest.param("ProvisionedThroughputExceededException", None, id="provisioned-throughput"),
        pytest.param(
            "TransactionCanceledException",
            ["None", "ThrottlingError", "None"],
            id="transaction-cancelled-throttled",
        ),
        pytest.param("InternalServerError", None, id="internal-server-error"),
    ],
)
def test_dynamodb_capacity_errors_fail_the_booking_and_write_nothing(
    dynamodb_store: Any,
    monkeypatch: pytest.MonkeyPatch,
    logs: pytest.LogCaptureFixture,
    code: str,
    reasons: list[str] | None,
) -> None:
    """Throttling reaches the store only once botocore's own retries have given up (see the
    next test): the store adds no retries of its own, it answers FAILURE at once."""
    from botocore.exceptions import ClientError

    before = table_items(dynamodb_store)
    calls: list[Any] = []

    def refuse(**request: Any) -> Any:
        calls.append(request)
        raise client_error(dynamodb_store, code, reasons)

    monkeypatch.setattr(dynamodb_store._client, "transact_write_items", refuse)
    result = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
    assert_outage(result)
    assert "arn:aws" not in result.text
    outage_logged(logs, ClientError)
    assert code in logs.text
    assert len(calls) == 1
    assert table_items(dynamodb_store) == before


def test_dynamodb_reads_throttled_fail_the_lookup(
    dynamodb_store: Any, monkeypatch: pytest.MonkeyPatch, logs: pytest.LogCaptureFixture
) -> None:
    from botocore.exceptions import ClientError

    def refuse(**request: Any) -> Any:
        raise ClientError(
            {"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, "GetItem"
        )

    monkeypatch.setattr(dynamodb_store._client, "get_item", refuse)
    result = send(hr.lambda_handler, "get_available_vacation_days", [("employee_id", "2")])
    assert_outage(result)
    outage_logged(logs, ClientError)


def test_botocore_retries_throttling_before_the_store_sees_it(dynamodb_store: Any) -> None:
    """Two throttled answers from the service, then moto's: the booking goes through once."""
    from botocore.awsrequest import AWSResponse
    from moto.core.botocore_stubber import MockRawResponse

    sent: list[str] = []

    def throttle_twice(request: Any, **_: Any) -> Any:
        sent.append("TransactWriteItems")
        if len(sent) > 2:
            return None  # moto answers
        body = json.dumps(
            {
                "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                "message": "Rate of requests exceeds the allowed throughput.",
            }
        ).encode()
        headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "t"}
        return AWSResponse(request.url, 400, headers, MockRawResponse(body))

    events = dynamodb_store._client.meta.events
    events.register_first("before-send.dynamodb.TransactWriteItems", throttle_twice)
    try:
        result = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
    finally:
        events.unregister("before-send.dynamodb.TransactWriteItems", throttle_twice)
    assert result.state == "SUCCESS", result.text
    assert len(sent) == 3
    assert result.json["available_days"] == 21
    planned = dynamodb_store.bookings(2, 2026)
    assert len(planned) == 1


def test_dynamodb_condition_failing_every_time_is_busy_not_half_written(
    dynamodb_store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conditional check that keeps failing while the reads show nothing in the way (a
    writer that wins every race): the store retries, then says it is busy, and nothing was
    written. That is a REPROMPT: the same request is safe to send again."""
    before = table_items(dynamodb_store)
    calls: list[Any] = []

    def cancelled(**request: Any) -> Any:
        calls.append(request)
        raise client_error(
            dynamodb_store, "TransactionCanceledException", ["ConditionalCheckFailed", "None"]
        )

    monkeypatch.setattr(dynamodb_store._client, "transact_write_items", cancelled)
    result = send(hr.lambda_handler, "reserve_vacation_time", BOOKING)
    assert result.state == "REPROMPT", result.text
    assert "busy" in result.text
    assert "nothing was changed" in result.text
    assert_clean(result)
    assert len(calls) > 1
    assert table_items(dynamodb_store) == before


# -- the framework: an unexpected exception, a result too large -----------------------------

faulty = ActionGroup("Faulty", description="Tools that go wrong.", max_body_bytes=1_000)


@faulty.tool
def explode(employee_id: int) -> str:
    """Raise an unexpected exception carrying internals."""
    raise KeyError(
        f"/var/task/secret.py arn:aws:iam::123456789012:role/x SELECT * FROM t {employee_id}"
    )


@faulty.tool
def flood(count: int) -> str:
    """Return ``count`` characters."""
    return "x" * count


def test_an_unexpected_exception_is_a_failure_with_a_reference(
    logs: pytest.LogCaptureFixture,
) -> None:
    result = send(faulty.resolve, "explode", [("employee_id", "7")], action_group="Faulty")
    assert result.state == "FAILURE"
    reference = LAMBDA_CONTEXT.aws_request_id
    assert f"(reference {reference})" in result.text
    assert_clean(result)
    assert "KeyError" not in result.text
    assert "secret" not in result.text
    errors = [r for r in logs.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert isinstance(errors[0].exc_info[1], KeyError)
    assert reference in errors[0].getMessage()
    assert "Traceback" in logs.text
    assert "secret.py" in logs.text


@pytest.mark.parametrize("openapi", [False, True], ids=["function", "openapi"])
def test_a_result_too_large_is_refused_with_its_size(
    logs: pytest.LogCaptureFixture, openapi: bool
) -> None:
    session = AgentSession(faulty, openapi=openapi, lambda_context=LAMBDA_CONTEXT)
    result = session.call("flood", count=5_000)
    assert result.state == "REPROMPT"
    assert result.status == (413 if openapi else 400)
    assert "too large to return: 5000 bytes, 4000 over the limit of 1000" in result.text
    assert_clean(result)
    warnings = [r for r in logs.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "5000 bytes" in warnings[0].getMessage()
    assert session.call("flood", count=1_000).state == "SUCCESS"
