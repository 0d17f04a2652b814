"""pyproject.toml and LICENSE as a user installing the package sees them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_license_is_the_full_apache_2_text() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License\n                           Version 2.0, January 2004" in text
    assert "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION" in text
    for section in range(1, 10):
        assert f"\n   {section}. " in text, f"section {section}"
    assert "END OF TERMS AND CONDITIONS" in text
    assert PROJECT["license"] == "Apache-2.0"


def test_classifiers_and_project_urls() -> None:
    assert "Framework :: Pytest" in PROJECT["classifiers"]
    urls = PROJECT["urls"]
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


def closure(extra: str) -> set[str]:
    """Every distribution an install of ``bedrock-agent-tools[extra]`` brings, by name."""
    wanted = [Requirement(line) for line in PROJECT["dependencies"]]
    for line in PROJECT["optional-dependencies"][extra]:
        requirement = Requirement(line)
        if canonicalize_name(requirement.name) == "bedrock-agent-tools":
            extras = requirement.extras
            wanted += [Requirement(r) for e in extras for r in PROJECT["optional-dependencies"][e]]
        else:
            wanted.append(requirement)
    seen: set[str] = set()
    while wanted:
        requirement = wanted.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.distribution(name).requires or []:
            nested = Requirement(line)
            environment = {"extra": ""}
            if nested.marker is None or nested.marker.evaluate(environment):
                wanted.append(nested)
    return seen


def test_the_cli_extra_brings_neither_boto3_nor_pydantic() -> None:
    brought = closure("cli")
    assert {"click", "pyyaml", "ruamel-yaml", "botocore"} <= brought
    assert not brought & {"boto3", "pydantic", "pydantic-core"}, sorted(brought)


def test_the_aws_and_validate_extras_bring_what_they_name() -> None:
    assert "boto3" in closure("aws")
    assert "openapi-spec-validator" in closure("validate")


OFFLINE = textwrap.dedent(
    """
    import sys
    for name in ("boto3", "pydantic", "openapi_spec_validator"):
        sys.modules[name] = None  # as if not installed
    from agent_tools.cli import main
    main(sys.argv[1:])
    """
)


@pytest.mark.parametrize(
    "arguments",
    [
        ["schema", "sample_tools.hr:app"],
        ["check", "sample_tools.hr:app"],
        ["template", "sample_tools.hr:app", "--check"],
        ["invoke", "examples/quickstart.py:app", "get_available_vacation_days", "employee_id=2"],
    ],
    ids=lambda arguments: arguments[0],
)
def test_offline_commands_run_without_boto3_pydantic_or_the_validator(
    arguments: list[str],
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", OFFLINE, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr


def test_an_aws_command_without_boto3_says_what_to_install() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            OFFLINE,
            "diff",
            "sample_tools.hr:app",
            "--agent-id",
            "AGENT12345",
            "--region",
            "us-east-1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == (
        "error: agent-tools diff talks to AWS and needs boto3: "
        "pip install 'bedrock-agent-tools[aws]'\n"
    )
