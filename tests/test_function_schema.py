"""``function_schema()``: whole documents, and botocore's own model of the API that takes it."""

from __future__ import annotations

from typing import Annotated, Any

import botocore.session
import pytest

from agent_tools import ActionGroup, Param, SchemaError
from tests.apps import all_types, vacation
from tests.botocore_checks import check_request


def create_request(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return {
        "agentId": "AGENT12345",
        "agentVersion": "DRAFT",
        "actionGroupName": name,
        "actionGroupExecutor": {"lambda": "arn:aws:lambda:us-east-1:123456789012:function:tools"},
        "functionSchema": schema,
    }


def bedrock_agent_model() -> Any:
    return botocore.session.get_session().get_service_model("bedrock-agent")


def check_against_botocore(request: dict[str, Any]) -> None:
    """Shapes, types and enums as botocore checks them, plus the patterns it leaves out."""
    check_request("bedrock-agent", "CreateAgentActionGroup", request)


def test_vacation_schema_whole_document() -> None:
    assert vacation.app.function_schema()["functions"][:3] == [
        {
            "name": "get_available_vacation_days",
            "description": "Get the number of vacation days an employee has left this year.",
            "parameters": {
                "employee_id": {
                    "type": "integer",
                    "description": "Numeric employee id, e.g. 2",
                    "required": True,
                }
            },
            "requireConfirmation": "DISABLED",
        },
        {
            "name": "reserve_vacation_time",
            "description": "Reserve vacation days for an employee.",
            "parameters": {
                "employee_id": {"type": "integer", "description": "Employee id.", "required": True},
                "start_date": {
                    "type": "string",
                    "description": "First day off. A date as YYYY-MM-DD.",
                    "required": True,
                },
                "end_date": {
                    "type": "string",
                    "description": "Last day off, inclusive. A date as YYYY-MM-DD.",
                    "required": True,
                },
            },
            "requireConfirmation": "ENABLED",
        },
        {
            "name": "list_planned_vacations",
            "description": "List an employee's vacations.",
            "parameters": {
                "employee_id": {
                    "type": "integer",
                    "description": "The employee.",
                    "required": True,
                },
                "year": {
                    "type": "integer",
                    "description": "Only this year's vacations.",
                    "required": False,
                },
                "status": {
                    "type": "string",
                    "description": (
                        'Which vacations to list. One of: planned, taken. Default: "planned".'
                    ),
                    "required": False,
                },
            },
            "requireConfirmation": "DISABLED",
        },
    ]


def test_all_types_whole_document() -> None:
    assert all_types.app.function_schema() == {
        "functions": [
            {
                "name": "scalars",
                "description": "Take every scalar type.",
                "parameters": {
                    "text": {"type": "string", "description": "Some text", "required": True},
                    "count": {"type": "integer", "description": "How many.", "required": True},
                    "ratio": {
                        "type": "number",
                        "description": "A ratio between 0 and 1.",
                        "required": True,
                    },
                    "flag": {
                        "type": "boolean",
                        "description": "Whether to do it.",
                        "required": True,
                    },
                    "amount": {
                        "type": "number",
                        "description": "How much money. A decimal number such as 12.50. "
                        "Default: 1.50.",
                        "required": False,
                    },
                },
                "requireConfirmation": "DISABLED",
            },
            {
                "name": "dates",
                "description": "Take dates, identifiers and choices.",
                "parameters": {
                    "day": {
                        "type": "string",
                        "description": "The day. A date as YYYY-MM-DD.",
                        "required": True,
                    },
                    "moment": {
                        "type": "string",
                        "description": "A precise moment. An ISO 8601 date-time such as "
                        "2026-01-24T09:30:00Z.",
                        "required": False,
                    },
                    "ident": {
                        "type": "string",
                        "description": "Ident. A UUID such as "
                        "123e4567-e89b-12d3-a456-426614174000.",
                        "required": False,
                    },
                    "color": {
                        "type": "string",
                        "description": 'Color. One of: red, green. Default: "red".',
                        "required": False,
                    },
                    "level": {
                        "type": "integer",
                        "description": "Level. One of: 1, 2, 3. Default: 1.",
                        "required": False,
                    },
                },
                "requireConfirmation": "DISABLED",
            },
            {
                "name": "lists",
                "description": "Take arrays of several element types.",
                "parameters": {
                    "numbers": {
                        "type": "array",
                        "description": "Some numbers. A JSON array of whole numbers, "
                        "such as [1, 2].",
                        "required": True,
                    },
                    "names": {
                        "type": "array",
                        "description": 'Some names. A JSON array of strings, such as ["a", "b"]. '
                        "Default: [].",
                        "required": False,
                    },
                    "colors": {
                        "type": "array",
                        "description": "Colors. A JSON array of values from: red, green, such as "
                        '["red", "green"].',
                        "required": False,
                    },
                    "priorities": {
                        "type": "array",
                        "description": "Priorities. A JSON array of values from: 1, 2, such as "
                        "[1, 2]. Default: [].",
                        "required": False,
                    },
                },
                "requireConfirmation": "DISABLED",
            },
            {
                "name": "place_order",
                "description": "Place an order described by a Pydantic model.",
                "parameters": {
                    "order": {
                        "type": "string",
                        "description": "An order to place. A JSON object with the fields: items "
                        "(array), ship_to (object, optional), priority (integer, optional), "
                        "deliver_on (string, optional), tuple_field (string, optional).",
                        "required": True,
                    }
                },
                "requireConfirmation": "ENABLED",
            },
            {
                "name": "update_address",
                "description": "Change an address.",
                "parameters": {
                    "address_id": {
                        "type": "integer",
                        "description": "Which address.",
                        "required": True,
                    },
                    "address": {
                        "type": "string",
                        "description": "The new address. A JSON object with the fields: street "
                        "(string), city (string, optional).",
                        "required": True,
                    },
                    "extra": {
                        "type": "string",
                        "description": "Extra counters by name. A JSON object.",
                        "required": False,
                    },
                },
                "requireConfirmation": "DISABLED",
            },
            {
                "name": "nothing",
                "description": "Take nothing at all.",
                "requireConfirmation": "DISABLED",
            },
        ]
    }


@pytest.mark.parametrize("app", [vacation.app, all_types.app], ids=["vacation", "all_types"])
def test_schema_passes_botocore_validation_for_create_agent_action_group(app: ActionGroup) -> None:
    check_against_botocore(create_request(app.function_schema(), app.name))


@pytest.mark.parametrize("app", [vacation.app, all_types.app], ids=["vacation", "all_types"])
def test_no_type_bedrock_rejects(app: ActionGroup) -> None:
    allowed = {"string", "number", "integer", "boolean", "array"}
    for function in app.function_schema()["functions"]:
        for parameter in function.get("parameters", {}).values():
            assert parameter["type"] in allowed
            assert set(parameter) == {"type", "description", "required"}


def test_botocore_check_would_catch_a_bad_schema() -> None:
    schema = vacation.app.function_schema()
    schema["functions"][0]["parameters"]["employee_id"]["type"] = "object"
    with pytest.raises(AssertionError):
        check_against_botocore(create_request(schema, "VacationTools"))


def test_missing_tool_description_fails_at_export_naming_the_tool() -> None:
    group = ActionGroup("Undocumented")

    @group.tool
    def silent(x: int) -> int:
        return x

    with pytest.raises(SchemaError) as info:
        group.function_schema()
    assert str(info.value) == (
        "tool 'silent', description: a tool needs a description: the model chooses tools by it "
        "(got None). Add a docstring to the function or pass description= to @tool."
    )


def test_description_lengths_are_checked_at_export() -> None:
    group = ActionGroup("Wordy")

    @group.tool(description="x" * 1201)
    def long_tool() -> None:
        pass

    with pytest.raises(
        SchemaError, match="description must be 1 to 1200 characters long, not 1201"
    ):
        group.function_schema()

    wordy_param = ActionGroup("WordyParam")

    def tool(x: int) -> None:
        pass

    tool.__doc__ = f"Do it.\n\nArgs:\n    x: {'y' * 501}\n"
    wordy_param.add_tool(tool)
    with pytest.raises(SchemaError) as info:
        wordy_param.function_schema()
    assert info.value.field == "parameter 'x' description"
    assert "must be 1 to 500 characters long, not 501" in info.value.rule


def test_docstring_styles_give_the_same_descriptions() -> None:
    group = ActionGroup("Styles")

    @group.tool
    def google(a: int) -> None:
        """Do A.

        Longer explanation.

        Args:
            a: The a value,
                over two lines.

        Returns:
            Nothing.
        """

    @group.tool
    def numpy(a: int) -> None:
        """Do A.

        Longer explanation.

        Parameters
        ----------
        a : int
            The a value,
            over two lines.
        """

    @group.tool
    def sphinx(a: int) -> None:
        """Do A.

        Longer explanation.

        :param a: The a value,
            over two lines.
        :raises ValueError: never.
        """

    functions = group.function_schema()["functions"]
    assert {f["description"] for f in functions} == {"Do A.\n\nLonger explanation."}
    assert {f["parameters"]["a"]["description"] for f in functions} == {
        "The a value, over two lines."
    }


def test_param_description_wins_over_the_docstring() -> None:
    group = ActionGroup("Priority")

    @group.tool(description="From the decorator.")
    def tool(a: Annotated[int, Param("From Param.")]) -> None:
        """From the docstring.

        Args:
            a: From the docstring.
        """

    (function,) = group.function_schema()["functions"]
    assert function["description"] == "From the decorator."
    assert function["parameters"]["a"]["description"] == "From Param."


def test_exporting_does_not_change_dispatch_or_registration_state() -> None:
    before = vacation.app.tools
    first = vacation.app.function_schema()
    assert vacation.app.function_schema() == first
    assert vacation.app.tools == before
