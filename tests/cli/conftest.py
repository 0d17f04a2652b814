"""Running ``agent-tools`` in-process with Click's ``CliRunner``, and modules to point it at."""

from __future__ import annotations

import importlib
import logging
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber
from click.testing import CliRunner, Result

from agent_tools.cli.commands import cli
from tests.cli.aws_stubs import Aws

Run = Callable[..., Result]
WriteModule = Callable[[str, str], str]


@pytest.fixture
def run() -> Run:
    """``run("schema", "tests.apps.vacation:app", obj=...)``: the command's Result.

    Exceptions the command does not turn into an exit status propagate, with their traceback.
    """

    def run(*arguments: str, obj: Any = None) -> Result:
        return CliRunner().invoke(cli, list(arguments), obj=obj, catch_exceptions=False)

    return run


@pytest.fixture
def write_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[WriteModule]:
    """Write a module into a fresh current directory, as a user's project would hold it.

    ``sys.path`` (which the command extends with the current directory) and ``sys.modules``
    are restored afterwards.
    """
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    written: list[str] = []

    def write_module(name: str, source: str) -> str:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        importlib.invalidate_caches()
        written.append(name)
        return name

    yield write_module
    for name in written:
        sys.modules.pop(name, None)


OTHER_SERVICES = ("lambda", "bedrock-agent-runtime")


@pytest.fixture
def aws() -> Iterator[Aws]:
    """Stubbed clients of ``bedrock-agent`` and of ``OTHER_SERVICES``, on botocore's models."""
    session = botocore.session.get_session()

    def client(service: str) -> Any:
        return session.create_client(
            service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        )

    stubbers = {service: Stubber(client(service)) for service in OTHER_SERVICES}
    agent = client("bedrock-agent")
    with Stubber(agent) as stubber:
        for other in stubbers.values():
            other.activate()
        yield Aws(agent, stubber, stubbers)
        stubber.assert_no_pending_responses()
        for other in stubbers.values():
            other.assert_no_pending_responses()
            other.deactivate()


@pytest.fixture
def no_aws_configuration(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An environment where boto3's credential chain finds nothing, and asks no network."""
    for name in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        "AWS_ROLE_ARN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("BOTO_CONFIG", str(tmp_path / "no-boto-config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture(autouse=True)
def plain_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """The agent_tools logger as a module that configures no logging leaves it.

    Importing sample_tools.hr (any test may have) hands it to Powertools, which stops it
    propagating and writes to the stream it found then; a command run later would log into
    a stream the runner has closed, instead of through the command's own handler.
    """
    logger = logging.getLogger("agent_tools")
    monkeypatch.setattr(logger, "propagate", True)
    monkeypatch.setattr(logger, "handlers", [logging.NullHandler()])
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    logger.manager._clear_cache()
