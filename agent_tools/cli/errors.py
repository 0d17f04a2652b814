"""How the command reports a mistake: one line on stderr, exit status 2, no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from agent_tools.errors import SchemaError
from agent_tools.text import shown as shown_value

__all__ = ["CommandError", "TemplateError", "schema_problem", "user_errors"]


class CommandError(click.ClickException):
    """A mistake on the command line, in the files it names or in the code it loads."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # one line, whatever the message held

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", file=file, err=True)


class TemplateError(ValueError):
    """A template that cannot be checked or updated as asked: a configuration mistake."""


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn what a user's code or files can cause into a ``CommandError``.

    ``SchemaError`` is a declaration Bedrock would refuse; ``ValueError`` an argument the
    exporters refuse (an executor that is not an ARN, say); ``OSError`` a file that cannot be
    read or written.
    """
    try:
        yield
    except SchemaError as error:
        raise CommandError(str(error)) from error
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise CommandError(f"{where}{error.strerror or error}") from error
    except ValueError as error:
        raise CommandError(str(error)) from error


def schema_problem(error: SchemaError) -> str:
    """``error`` as one line of ``agent-tools check``: where, what, the value, the fix."""
    where = (
        f"tool {error.tool!r}"
        if error.tool
        else f"action group {error.group!r}"
        if error.group
        else "schema"
    )
    # The rules of rules.check_length and check_name repeat the field: say it once.
    rule = error.rule.removeprefix(error.field).lstrip()
    shown = error.value if isinstance(error.value, int) else shown_value(error.value, 80)
    return f"{where}, {error.field}: {rule} (got {shown}). Fix: {error.fix}"
