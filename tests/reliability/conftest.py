"""Shared fixtures: the sample on a fresh SQLite database or on the moto DynamoDB table."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sample_tools import hr
from tests.sample.conftest import dynamodb_table  # noqa: F401 (a fixture, used by name)


@pytest.fixture
def hr_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The sample on a seeded SQLite file of its own; yields the file's path."""
    path = tmp_path / "hr.sqlite3"
    monkeypatch.setenv("HR_STORE", "sqlite")
    monkeypatch.setenv("HR_DB_PATH", str(path))
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    hr.store()  # created and seeded now, so that snapshots taken before a call see the data
    yield path
    hr.store.cache_clear()


@pytest.fixture
def dynamodb_store(
    dynamodb_table: str,  # noqa: F811 (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Any]:
    """The sample on the moto DynamoDB table; yields its store."""
    monkeypatch.setenv("HR_STORE", "dynamodb")
    monkeypatch.setenv("HR_TABLE", dynamodb_table)
    monkeypatch.setenv("HR_TODAY", "2026-01-10")
    hr.store.cache_clear()
    yield hr.store()
    hr.store.cache_clear()


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """caplog on the framework's and the sample's loggers (both stop propagating once the
    sample's Powertools logger is configured, so caplog's root handler alone sees nothing)."""
    loggers = [logging.getLogger(name) for name in ("agent_tools", "hr-vacation-tools")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(caplog.handler)
        logger.setLevel(logging.INFO)
    caplog.handler.setLevel(logging.INFO)
    yield caplog
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(caplog.handler)
        logger.setLevel(level)
