"""What ``deploy`` and ``diff`` share: the ``bedrock-agent`` client and AWS's errors.

The client comes from ``Services.client_factory``, which tests replace (through Click's
context object) with a client wrapped in botocore's ``Stubber``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import click

from .errors import CommandError

__all__ = [
    "DRAFT",
    "Services",
    "aws_errors",
    "check_agent_id",
    "default_client",
    "default_control_client",
    "find_action_group",
    "region_profile_options",
    "services",
]

DRAFT = "DRAFT"  # action groups are changed on the working draft, then the agent is prepared
_AGENT_ID = re.compile(r"[0-9a-zA-Z]{10}")


def default_client(region: str | None, profile: str | None) -> Any:
    """A ``bedrock-agent`` client from boto3's usual credential chain."""
    import boto3  # type: ignore[import-untyped,unused-ignore]

    session = boto3.session.Session(profile_name=profile, region_name=region)
    return session.client("bedrock-agent")


def default_control_client(region: str | None, profile: str | None) -> Any:
    """A ``bedrock-agentcore-control`` client (AgentCore Gateway targets)."""
    import boto3  # type: ignore[import-untyped,unused-ignore]

    session = boto3.session.Session(profile_name=profile, region_name=region)
    return session.client("bedrock-agentcore-control")


@dataclass(frozen=True, slots=True, kw_only=True)
class Services:
    """What the AWS commands take from the outside world; tests pass their own."""

    client_factory: Callable[[str | None, str | None], Any] = default_client
    control_factory: Callable[[str | None, str | None], Any] = default_control_client
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


def services() -> Services:
    """The ``Services`` given as Click's context object, or the real ones."""
    given = click.get_current_context().find_object(Services)
    return given if given is not None else Services()


def region_profile_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--region`` and ``--profile``, as the AWS CLI spells them."""
    command = click.option(
        "--profile", help="The AWS profile; default: AWS_PROFILE or the default profile."
    )(command)
    return click.option(
        "--region", help="The AWS region; default: AWS_REGION or the profile's region."
    )(command)


def check_agent_id(agent_id: str) -> None:
    if not _AGENT_ID.fullmatch(agent_id):
        raise CommandError(
            f"--agent-id must be the agent's id, 10 letters or digits such as AGENT12345; "
            f"got {agent_id!r}"
        )


@contextmanager
def aws_errors() -> Iterator[None]:
    """AWS's errors as one line each: what went wrong and how to set it right."""
    from botocore.exceptions import (  # type: ignore[import-untyped,unused-ignore]
        BotoCoreError,
        ClientError,
        NoCredentialsError,
        NoRegionError,
        ProfileNotFound,
    )

    try:
        yield
    except NoCredentialsError as error:
        raise CommandError(
            "no AWS credentials found: pass --profile (or set AWS_PROFILE) for a configured "
            "profile, run `aws configure` or `aws sso login`, or set AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY"
        ) from error
    except NoRegionError as error:
        raise CommandError(
            "no AWS region: pass --region, set AWS_REGION, or set the profile's region "
            "with `aws configure set region us-east-1`"
        ) from error
    except ProfileNotFound as error:
        raise CommandError(
            f"{error}; list the profiles with `aws configure list-profiles`"
        ) from error
    except ClientError as error:
        details = error.response.get("Error", {})
        code = details.get("Code", "Unknown")
        message = details.get("Message", str(error))
        raise CommandError(f"AWS {error.operation_name} failed: {code}: {message}") from error
    except BotoCoreError as error:
        raise CommandError(f"AWS: {error}") from error


def find_action_group(client: Any, agent_id: str, name: str) -> dict[str, Any] | None:
    """The summary of the agent's draft action group called ``name``, or ``None``."""
    pages = client.get_paginator("list_agent_action_groups").paginate(
        agentId=agent_id, agentVersion=DRAFT
    )
    for page in pages:
        for summary in page["actionGroupSummaries"]:
            if summary["actionGroupName"] == name:
                found: dict[str, Any] = summary
                return found
    return None
