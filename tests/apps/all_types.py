"""An action group whose tools use every supported parameter type, for the schema tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, IntEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from agent_tools import ActionGroup, Context, Param, SessionAttr

app = ActionGroup("AllTypes", description="Every parameter type the framework supports.")


class Color(Enum):
    RED = "red"
    GREEN = "green"


class Priority(IntEnum):
    LOW = 1
    HIGH = 2


@dataclass
class Address:
    """A postal address."""

    street: str
    city: str = field(default="Paris", metadata={"description": "City name"})


class Item(BaseModel):
    """One line of an order."""

    sku: str = Field(description="Stock keeping unit")
    quantity: int = Field(gt=0, lt=100, examples=[2])
    kind: Literal["book", "toy"] = "book"
    tags: list[str] = []
    note: str | None = None


class Order(BaseModel):
    """An order to place."""

    items: list[Item] = Field(description="What to order")
    ship_to: Item | None = None
    priority: Priority = Priority.LOW
    deliver_on: dt.date | None = None
    tuple_field: tuple[int, str] = (1, "a")


@app.tool
def scalars(
    text: Annotated[str, Param("Some text")],
    count: int,
    ratio: float,
    flag: bool,
    amount: Decimal = Decimal("1.50"),
) -> dict[str, object]:
    """Take every scalar type.

    Args:
        count: How many.
        ratio: A ratio between 0 and 1.
        flag: Whether to do it.
        amount: How much money.
    """
    return {}


@app.tool(method="GET", path="/dates/{day}")
def dates(
    day: dt.date,
    moment: dt.datetime | None = None,
    ident: UUID | None = None,
    color: Color = Color.RED,
    level: Literal[1, 2, 3] = 1,
) -> list[dt.date]:
    """Take dates, identifiers and choices.

    Parameters
    ----------
    day : date
        The day.
    moment : datetime
        A precise moment.
    """
    return []


@app.tool(method="DELETE", path="/lists")
def lists(
    numbers: list[int],
    names: tuple[str, ...] = (),
    colors: set[Color] | None = None,
    priorities: frozenset[Priority] = frozenset(),
) -> None:
    """Take arrays of several element types.

    :param numbers: Some numbers.
    :param names: Some names.
    """


@app.tool(confirm=True)
def place_order(order: Order, caller: Annotated[str, SessionAttr("employee_id")]) -> Order:
    """Place an order described by a Pydantic model."""
    return order


@app.tool(method="PATCH", path="/addresses/{address_id}")
def update_address(
    address_id: int,
    address: Address,
    extra: dict[str, int] | None = None,
    ctx: Context | None = None,
) -> Address:
    """Change an address.

    Args:
        address_id: Which address.
        address: The new address.
        extra: Extra counters by name.
    """
    return address


@app.tool(description="Take nothing at all.")
def nothing() -> str:
    return "nothing"
