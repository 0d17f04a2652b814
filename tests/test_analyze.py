"""Registration: what a signature becomes, and every mistake caught with a fix-it message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

import pytest

from agent_tools import (
    ActionGroup,
    Context,
    Depends,
    Limits,
    Param,
    RegistrationError,
    SchemaError,
    SessionAttr,
)
from agent_tools._declare.spec import Location, Source
from agent_tools._declare.typeinfo import Kind


@dataclass
class Period:
    start: date
    end: date


def test_signature_becomes_a_spec() -> None:
    group = ActionGroup("Specs")

    @group.tool(confirm=True, method="put", path="/people/{person_id}")
    def update(
        person_id: int,
        nickname: Annotated[str, Param("What to call them", log=True)] = "",
        caller: Annotated[str, SessionAttr("employee_id")] = "",
        hint: Annotated[str | None, SessionAttr(prompt=True)] = None,
        ctx: Context | None = None,
    ) -> None:
        """Update a person."""

    (spec,) = group.tools
    assert (spec.name, spec.method, spec.path, spec.confirm) == (
        "update",
        "PUT",
        "/people/{person_id}",
        True,
    )
    assert spec.function is update
    assert [(p.name, p.source, p.location, p.required) for p in spec.params] == [
        ("person_id", Source.MODEL, Location.PATH, True),
        ("nickname", Source.MODEL, Location.BODY, False),
        ("caller", Source.SESSION, None, False),
        ("hint", Source.PROMPT_SESSION, None, False),
        ("ctx", Source.CONTEXT, None, False),
    ]
    assert [p.name for p in spec.inputs] == ["person_id", "nickname"]
    nickname = spec.inputs[1]
    assert (nickname.description, nickname.log, nickname.default) == ("What to call them", True, "")
    assert spec.params[2].key == "employee_id"
    assert spec.params[3].key == "hint"
    assert spec.returns is None
    assert spec.body_model is None


def test_defaults_that_are_falsy_are_still_defaults() -> None:
    group = ActionGroup("Defaults")

    @group.tool
    def tool(a: int = 0, b: bool = False, c: str = "", d: int | None = None, e: int = 1) -> None:
        """Defaults."""

    assert [p.required for p in group.tools[0].inputs] == [False] * 5


def test_get_and_delete_parameters_go_in_the_query() -> None:
    group = ActionGroup("Query")

    @group.tool(method="GET", path="/items/{item_id}")
    def read(item_id: str, verbose: bool = False) -> None:
        """Read."""

    assert [p.location for p in group.tools[0].inputs] == [Location.PATH, Location.QUERY]


def test_single_model_parameter_is_the_whole_body() -> None:
    group = ActionGroup("Bodies")

    @group.tool
    def book(period: Period) -> None:
        """Book."""

    @group.tool
    def book_two(period: Period, note: str) -> None:
        """Book with a note."""

    assert group.tools[0].body_model is group.tools[0].inputs[0]
    assert group.tools[1].body_model is None


def test_async_and_return_types_are_recorded() -> None:
    group = ActionGroup("Returns")

    @group.tool
    async def fetch() -> list[int]:
        """Fetch."""
        return []

    (spec,) = group.tools
    assert spec.is_async
    assert spec.returns is not None
    assert spec.returns.kind is Kind.ARRAY


def test_unannotated_parameters_are_strings() -> None:
    group = ActionGroup("Plain")

    @group.tool
    def echo(text):  # type: ignore[no-untyped-def]
        """Echo."""
        return text

    assert group.tools[0].inputs[0].type.kind is Kind.STR


def _register(function: Any, **options: Any) -> None:
    ActionGroup("Mistakes").add_tool(function, **options)


def test_unsupported_type_names_tool_parameter_and_fix() -> None:
    def tool(when: int | str) -> None:
        """Tool."""

    with pytest.raises(RegistrationError) as info:
        _register(tool)
    assert str(info.value) == (
        "tool 'tool', parameter 'when': union int | str is not supported: Bedrock sends one "
        "string per parameter, so use a single type (Optional[X] is fine)"
    )
    assert (info.value.tool, info.value.parameter) == ("tool", "when")


@pytest.mark.parametrize(
    ("function", "options", "message"),
    [
        pytest.param(
            lambda *args: None,
            {"name": "star"},
            "tool 'star', parameter 'args': *args and **kwargs cannot be filled from an event",
            id="varargs",
        ),
        pytest.param(
            lambda a, /: None,
            {"name": "posonly"},
            "tool 'posonly', parameter 'a': positional-only parameters are not supported; "
            "remove the '/'",
            id="positional-only",
        ),
        pytest.param(
            lambda: None,
            {"name": "m", "method": "HEAD"},
            "tool 'm': method 'HEAD' is not one of DELETE, GET, PATCH, POST, PUT",
            id="method",
        ),
        pytest.param(
            lambda: None,
            {"name": "p", "path": "items"},
            "tool 'p': path 'items' must start with '/'",
            id="path-slash",
        ),
        pytest.param(
            lambda: None,
            {"name": "p", "path": "/items/{item_id}"},
            "tool 'p': path '/items/{item_id}' names {item_id}, but the function has no model "
            "parameter 'item_id'; add it to the signature or fix the path",
            id="path-unknown-placeholder",
        ),
        pytest.param(
            lambda: None,
            {"name": "d", "description": "  "},
            "tool 'd': description= is empty; leave it out to use the docstring",
            id="empty-description",
        ),
    ],
)
def test_registration_mistakes(function: Any, options: dict[str, Any], message: str) -> None:
    with pytest.raises(RegistrationError) as info:
        _register(function, **options)
    assert str(info.value) == message


def test_path_parameter_must_be_required_and_scalar() -> None:
    def with_default(item_id: int = 1) -> None:
        """Tool."""

    with pytest.raises(RegistrationError, match="a path parameter is always sent"):
        _register(with_default, path="/items/{item_id}")

    def with_list(item_id: list[int]) -> None:
        """Tool."""

    with pytest.raises(RegistrationError, match="must be a single value"):
        _register(with_list, path="/items/{item_id}")


def test_object_parameters_need_a_body_method() -> None:
    def query(period: Period) -> None:
        """Tool."""

    with pytest.raises(RegistrationError) as info:
        _register(query, method="GET")
    assert "GET has no request body, so an object parameter cannot be sent" in str(info.value)


def test_param_and_session_attr_together_are_refused() -> None:
    def both(x: Annotated[str, Param("x"), SessionAttr()]) -> None:
        """Tool."""

    with pytest.raises(RegistrationError, match="one of Param"):
        _register(both)


def test_unresolvable_annotation_is_named() -> None:
    def later(x: Missing) -> None:  # type: ignore[name-defined]  # noqa: F821
        """Tool."""

    with pytest.raises(RegistrationError, match="cannot resolve the annotations"):
        _register(later)


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        pytest.param("get__days", "must not contain two separators in a row", id="double-sep"),
        pytest.param("_private", "must start with a letter or a digit", id="leading-underscore"),
        pytest.param("has space", "may contain only letters, digits", id="space"),
        pytest.param("a.b", "may contain only letters, digits", id="dot"),
        pytest.param("x" * 101, "must be 1 to 100 letters or digits", id="too-long"),
    ],
)
def test_tool_names_follow_bedrock_pattern(name: str, rule: str) -> None:
    with pytest.raises(SchemaError) as info:
        _register(lambda: None, name=name)
    error = info.value
    assert (error.tool, error.field) == (name, "tool name")
    assert rule in error.rule
    assert "Rename it to match ([0-9a-zA-Z][_-]?){1,100}" in str(error)


def test_parameter_names_follow_bedrock_pattern() -> None:
    def tool(_hidden: int) -> None:
        """Tool."""

    with pytest.raises(SchemaError) as info:
        _register(tool)
    assert info.value.field == "parameter name"
    assert info.value.value == "_hidden"


def test_too_many_parameters_is_refused_by_the_function_schema_and_configurable() -> None:
    def six(a: int, b: int, c: int, d: int, e: int, f: int) -> None:
        """Six parameters."""

    group = ActionGroup("Six")
    group.add_tool(six)  # an OpenAPI operation is not held to the quota
    assert (
        len(
            group.openapi()["paths"]["/six"]["post"]["requestBody"]["content"]["application/json"][
                "schema"
            ]["properties"]
        )
        == 6
    )
    with pytest.raises(SchemaError) as info:
        group.function_schema()
    assert str(info.value) == (
        "tool 'six', parameters: a function in function details may have "
        "at most 5 parameters (got 6). Group related values in a dataclass or Pydantic model, "
        "split the tool, export the group as OpenAPI (which has no such quota), or raise "
        "Limits(max_parameters=...) if AWS raised the quota for your account."
    )
    raised = ActionGroup("Raised", limits=Limits(max_parameters=6))
    raised.add_tool(six)
    assert len(raised.function_schema()["functions"][0]["parameters"]) == 6


def test_session_and_context_parameters_do_not_count_towards_the_limit() -> None:
    def five(
        a: int,
        b: int,
        c: int,
        d: int,
        e: int,
        who: Annotated[str, SessionAttr("employee_id")],
        ctx: Context,
    ) -> None:
        """Five model parameters."""

    group = ActionGroup("Five")
    group.add_tool(five)
    assert len(group.function_schema()["functions"][0]["parameters"]) == 5


def test_a_powertools_style_path_is_refused_with_the_openapi_form() -> None:
    def get_claim(claim_id: str, page: int) -> str:
        """Get one page of a claim."""
        return claim_id

    with pytest.raises(RegistrationError) as info:
        ActionGroup("Claims").add_tool(
            get_claim, method="GET", path="/claims/<claim_id>/pages/<int:page>"
        )
    assert str(info.value) == (
        "tool 'get_claim': path '/claims/<claim_id>/pages/<int:page>' marks a parameter with "
        "<...>; OpenAPI paths use braces: '/claims/{claim_id}/pages/{page}'"
    )


def _whoami(marker: Any) -> Any:
    def whoami(employee_id: str) -> str:
        """Who is calling."""
        return employee_id

    whoami.__annotations__ = {"employee_id": Annotated[str, marker], "return": str}
    return whoami


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("x employee id", "is not an HTTP header name"),
        ("x-employee-id:", "is not an HTTP header name"),
        ("x-" + "e" * 99, "is not an HTTP header name"),
        ("Authorization", "does not propagate the Authorization header"),
    ],
)
def test_a_session_header_no_gateway_can_propagate_is_refused(header: str, words: str) -> None:
    with pytest.raises(RegistrationError) as info:
        _register(_whoami(SessionAttr("employeeId", header=header)))
    message = str(info.value)
    assert "tool 'whoami', parameter 'employee_id'" in message
    assert words in message
    assert "header='x-employee-id'" in message


def test_a_dependency_session_header_is_checked_too() -> None:
    caller = _whoami(SessionAttr("employeeId", header="x employee"))
    with pytest.raises(RegistrationError, match="is not an HTTP header name"):
        _register(_whoami(Depends(caller)))


def test_a_session_header_in_any_case_is_accepted_lower_cased() -> None:
    marker = SessionAttr("employeeId", header="X-Employee_Id")
    spec = ActionGroup("Headers").add_tool(_whoami(marker))
    assert spec.params[0].header == "x-employee_id"
