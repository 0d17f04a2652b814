"""The Makefile's Lambda artifact: only the two packages and their wheels, and it runs.

The build installs Linux arm64 wheels for Python 3.13 from PyPI (network needed). The
artifact is then imported by this interpreter, isolated from the repository and the venv:
that works because every dependency is pure Python (checked below).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]
EVENT = ROOT / "tests" / "events" / "function_get_available_vacation_days.json"

# Runs with -I -S: no PYTHON* variables, no current directory, no site-packages at all.
INVOKE = textwrap.dedent(
    """
    import json, sys
    from types import SimpleNamespace

    artifact, event_path, answer_path = sys.argv[1:]
    sys.path.insert(0, artifact)
    from sample_tools.hr import lambda_handler

    context = SimpleNamespace(
        function_name="hr-vacation-tools",
        memory_limit_in_mb=256,
        invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:hr-vacation-tools",
        aws_request_id="00000000-0000-4000-8000-000000000000",
    )
    with open(event_path, encoding="utf-8") as file:
        answer = lambda_handler(json.load(file), context)
    modules = {
        name: module.__file__
        for name, module in sys.modules.items()
        if name in ("agent_tools", "sample_tools", "aws_lambda_powertools", "jmespath")
    }
    with open(answer_path, "w", encoding="utf-8") as file:
        json.dump({"answer": answer, "modules": modules, "path": sys.path}, file)
    """
)


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("artifact")
    build = subprocess.run(
        ["make", "build-ToolFunction", f"ARTIFACTS_DIR={target}", f"PYTHON={sys.executable}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return target


def package_files(root: Path) -> set[str]:
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_artifact_holds_the_packages_and_no_tests(artifact: Path) -> None:
    assert not (artifact / "tests").exists()
    assert not (artifact / "bench").exists()
    assert list(artifact.rglob("__pycache__")) == []
    for package in ("agent_tools", "sample_tools"):
        assert package_files(artifact / package) == package_files(ROOT / package), package
    assert (artifact / "aws_lambda_powertools" / "__init__.py").is_file()
    assert (artifact / "docstring_parser" / "__init__.py").is_file()


def test_dependencies_are_pure_python(artifact: Path) -> None:
    # A compiled extension would be built for cp313/aarch64: fine on Lambda, but this
    # machine's interpreter could not import it, and test_artifact_answers_an_event would fail.
    assert [str(path.relative_to(artifact)) for path in artifact.rglob("*.so")] == []


# Each Lambda function's pinned requirements, the Makefile variable that names them, and the
# extra of pyproject.toml they are locked from (with the package's own dependencies).
LOCKS = [
    pytest.param("requirements-lambda.txt", "REQUIREMENTS", "sample", id="ToolFunction"),
    pytest.param(
        "requirements-interceptor.txt",
        "INTERCEPTOR_REQUIREMENTS",
        "interceptor",
        id="InterceptorFunction",
    ),
]


def pinned(file: str = "requirements-lambda.txt") -> dict[str, tuple[str, list[str]]]:
    """A requirements file as name -> (version, hashes)."""
    text = (ROOT / file).read_text(encoding="utf-8")
    lines = [line for line in text.replace("\\\n", " ").splitlines() if not line.startswith("#")]
    pins = {}
    for line in lines:
        requirement, *options = line.split()
        name, equals, version = requirement.partition("==")
        assert equals, f"{requirement} is not pinned with =="
        hashes = [option.removeprefix("--hash=") for option in options]
        assert hashes, line
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), line
        pins[canonicalize_name(name)] = (version, hashes)
    return pins


@pytest.mark.parametrize(("file", "variable", "extra"), LOCKS)
def test_the_makefile_installs_the_pinned_requirements_only(
    file: str, variable: str, extra: str
) -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{variable} := (.+)$", makefile, re.MULTILINE)
    assert match is not None
    assert match.group(1) == file
    installs = [
        install.replace("\\\n", " ").split()
        for install in re.findall(r"pip install ((?:.*\\\n)*.*)", makefile)
    ]
    (arguments,) = [a for a in installs if a[-2:] == ["-r", f"$({variable})"]]
    assert "--require-hashes" in arguments
    assert "--no-deps" in arguments
    # Every install in the Makefile is one of the pinned files.
    assert all(a[-2] == "-r" for a in installs)


@pytest.mark.parametrize(("file", "variable", "extra"), LOCKS)
def test_the_pins_satisfy_pyproject_and_cover_every_dependency(
    file: str, variable: str, extra: str
) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = [
        Requirement(line)
        for line in [*project["dependencies"], *project["optional-dependencies"][extra]]
    ]
    pins = pinned(file)
    for requirement in required:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in {file}"
        assert requirement.specifier.contains(pins[name][0]), (requirement, pins[name][0])
    # What the pinned releases need, as this environment's metadata says when it holds the
    # same release: nothing may be left for pip to choose at build time.
    lambda_python = {"python_version": "3.13", "python_full_version": "3.13.0", "extra": ""}
    for name, (version, _) in pins.items():
        try:
            installed = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if installed.version != version:
            continue
        for line in installed.requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate(lambda_python):
                assert canonicalize_name(requirement.name) in pins, (name, line)


def test_artifact_answers_an_event(artifact: Path, tmp_path: Path) -> None:
    answer_path = tmp_path / "answer.json"
    environment = {
        "PATH": os.environ["PATH"],
        "HR_STORE": "sqlite",
        "HR_DB_PATH": str(tmp_path / "hr.sqlite3"),
        "HR_TODAY": "2026-03-02",  # the seeded balances cover 2025-2027
        "POWERTOOLS_METRICS_DISABLED": "true",
    }
    command = [
        sys.executable,
        "-I",
        "-S",
        "-c",
        INVOKE,
        str(artifact),
        str(EVENT),
        str(answer_path),
    ]
    run = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr

    result = json.loads(answer_path.read_text(encoding="utf-8"))
    assert {"agent_tools", "sample_tools", "aws_lambda_powertools"} <= set(result["modules"])
    for name, file in result["modules"].items():
        assert Path(file).is_relative_to(artifact), name
    assert not [entry for entry in result["path"] if "site-packages" in entry]
    answer = result["answer"]
    assert answer["response"]["function"] == "get_available_vacation_days"
    body = answer["response"]["functionResponse"]["responseBody"]["TEXT"]["body"]
    assert "responseState" not in answer["response"]["functionResponse"]
    assert json.loads(body) == {
        "employee_id": 2,
        "name": "Bruno Lindqvist",
        "year": 2026,
        "total_days": 24,
        "taken_days": 0,
        "available_days": 24,
    }
    assert answer["sessionAttributes"] == {"employee_id": "2"}
