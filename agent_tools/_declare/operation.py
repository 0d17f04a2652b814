"""Where a tool sits in its OpenAPI operation: method, path, and each parameter's location.

Read once at registration, like the rest of the ``ToolSpec``; mistakes raise
``RegistrationError`` naming the tool, the parameter and the fix.
"""

from __future__ import annotations

import re

from agent_tools.errors import RegistrationError

from .spec import Location, ParamSpec, Source
from .typeinfo import Kind, TypeInfo

__all__ = ["METHODS", "check_path", "http_method", "http_path", "location", "placeholders"]

METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_TEMPLATE = re.compile(r"\{([^{}/]*)\}")
_ANGLED = re.compile(r"<([^<>/]*)>")
_RESERVED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def http_method(tool: str, method: str | None) -> str:
    """The operation's method, upper-cased; ``POST`` unless given."""
    http_method = (method or "POST").upper()
    if http_method not in METHODS:
        raise RegistrationError(
            f"method {method!r} is not one of {', '.join(sorted(METHODS))}", tool=tool
        )
    return http_method


def http_path(tool: str, path: str | None) -> str:
    """The operation's path; ``/<tool>`` unless given."""
    http_path = path if path is not None else f"/{tool}"
    if not http_path.startswith("/"):
        raise RegistrationError(f"path {path!r} must start with '/'", tool=tool)
    if _ANGLED.search(http_path):  # Flask's and Powertools' form: OpenAPI names it {name}
        raise RegistrationError(
            f"path {path!r} marks a parameter with <...>; OpenAPI paths use braces: "
            f"{_ANGLED.sub(lambda match: '{' + match[1].split(':')[-1] + '}', http_path)!r}",
            tool=tool,
        )
    return http_path


def placeholders(path: str) -> list[str]:
    """The names of the path's ``{placeholder}``s, in order."""
    return _TEMPLATE.findall(path)


def location(
    tool: str,
    name: str,
    info: TypeInfo,
    method: str,
    in_path: list[str],
    declared: str | None,
) -> Location:
    """Where a model parameter sits in the OpenAPI operation: path, query, header or body."""
    if name in in_path:
        if declared is not None:
            raise RegistrationError(
                f"the path names {{{name}}}, so it cannot also be in the {declared}; "
                "remove location= or rename the placeholder",
                tool=tool,
                parameter=name,
            )
        return Location.PATH
    if declared is not None:
        if info.kind is Kind.OBJECT:
            raise RegistrationError(
                f"an object cannot be sent in the {declared}; leave it in the request body",
                tool=tool,
                parameter=name,
            )
        if declared == "header" and name.lower() in _RESERVED_HEADERS:
            raise RegistrationError(
                f"OpenAPI ignores a header parameter named {name}; choose another name",
                tool=tool,
                parameter=name,
            )
        return Location(declared)
    if method in _BODY_METHODS:
        return Location.BODY
    if info.kind is Kind.OBJECT:
        raise RegistrationError(
            f"{method} has no request body, so an object parameter cannot be sent; "
            "use method='POST' or split the object into simple parameters",
            tool=tool,
            parameter=name,
        )
    return Location.QUERY


def check_path(tool: str, path: str, in_path: list[str], params: tuple[ParamSpec, ...]) -> None:
    """Every ``{placeholder}`` names a required, single-valued model parameter."""
    model = {p.key: p for p in params if p.source is Source.MODEL}
    for key in in_path:
        param = model.get(key)
        if param is None:
            raise RegistrationError(
                f"path {path!r} names {{{key}}}, but the function has no model parameter "
                f"{key!r}; add it to the signature or fix the path",
                tool=tool,
            )
        if not param.required:
            raise RegistrationError(
                "a path parameter is always sent: remove its default", tool=tool, parameter=key
            )
        if param.type.kind in (Kind.ARRAY, Kind.OBJECT):
            raise RegistrationError(
                "a path parameter must be a single value, not an array or object",
                tool=tool,
                parameter=key,
            )
