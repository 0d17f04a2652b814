from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sample_tools.sqlite_store import SQLiteStore
from sample_tools.store import VacationStore

BACKENDS = ["sqlite", "dynamodb"]
TODAY = date(2026, 1, 10)  # the stores' "today" in tests: seeded for 2025-2027


def today() -> date:
    return TODAY


def make_sqlite(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "hr.sqlite3", today=today)


@pytest.fixture
def dynamodb_table(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A moto DynamoDB table shaped as template.yaml creates it.

    DynamoDB runs each request, a ``TransactWriteItems`` included, in isolation; moto does
    not (it copies and restores the whole table around a transaction, unlocked), so threads
    corrupt its state. Serialising moto's requests gives back the service's isolation; the
    races between the store's reads and its writes, which are the store's to handle, remain.
    """
    from moto import mock_aws
    from moto.core.botocore_stubber import BotocoreStubber

    lock = threading.RLock()
    handle = BotocoreStubber.__call__

    def isolated(self: BotocoreStubber, *args: Any, **kwargs: Any) -> Any:
        with lock:
            return handle(self, *args, **kwargs)

    monkeypatch.setattr(BotocoreStubber, "__call__", isolated)
    from sample_tools.dynamodb_store import create_table

    keys = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update(keys)
    try:
        with mock_aws():
            create_table("hr-vacations")
            yield "hr-vacations"
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend's name, for tests that open their stores themselves."""
    name: str = request.param
    return name


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> VacationStore:
    if request.param == "sqlite":
        return make_sqlite(tmp_path)
    from sample_tools.dynamodb_store import DynamoDBStore

    table = request.getfixturevalue("dynamodb_table")
    return DynamoDBStore(table, today=today)


@pytest.fixture
def store_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Callable[[str], Callable[[], Any]]:
    """Open more handles on one backend's data, as other containers or processes would."""

    def factory(backend: str) -> Callable[[], Any]:
        if backend == "sqlite":
            return lambda: SQLiteStore(tmp_path / "hr.sqlite3", today=today)
        from sample_tools.dynamodb_store import DynamoDBStore

        table = request.getfixturevalue("dynamodb_table")
        return lambda: DynamoDBStore(table, today=today)

    return factory
