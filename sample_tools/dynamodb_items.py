"""How the sample's data is laid out in its DynamoDB table: keys and items.

Every item of an employee shares the partition key ``EMP#<id>``; the sort key says what it is:

=====================  ==============================================================
``PROFILE``            ``name``, ``active``, ``role``
``BALANCE#<year>``     ``total_days``, ``taken_days``
``BOOKING#<id>``       ``booking_id``, ``start_date``, ``end_date`` (ISO), ``status``
``DAY#<YYYY-MM-DD>``   ``booking_id``: one lock item per calendar day a planned booking holds
``REQUEST#<key>``      ``booking_id``: the booking a request made
=====================  ==============================================================
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from .store import Booking

# The key schema, as template.yaml declares it (a test compares the two).
PARTITION_KEY = "PK"
SORT_KEY = "SK"

PROFILE = "PROFILE"
BALANCE = "BALANCE#"
BOOKING = "BOOKING#"
DAY = "DAY#"
REQUEST = "REQUEST#"

# Key sizes DynamoDB accepts: a longer key is refused with ValidationException, so an
# employee id too long for one can have no items at all.
MAX_PARTITION_KEY_BYTES = 2048
MAX_SORT_KEY_BYTES = 1024

Item = dict[str, dict[str, Any]]


def text(value: str) -> dict[str, Any]:
    return {"S": value}


def number(value: int) -> dict[str, Any]:
    return {"N": str(value)}


def pk(employee_id: int) -> str:
    return f"EMP#{employee_id}"


def fits(employee_id: int) -> bool:
    """Whether the employee's partition key is short enough for DynamoDB to accept."""
    return len(pk(employee_id)) <= MAX_PARTITION_KEY_BYTES  # ASCII: a byte per character


def item_key(item: Item) -> str:
    return f"{item[PARTITION_KEY]['S']}/{item[SORT_KEY]['S']}"


def key(employee_id: int, sort_key: str) -> Item:
    return {PARTITION_KEY: text(pk(employee_id)), SORT_KEY: text(sort_key)}


def profile_item(employee_id: int, name: str, active: bool, role: str) -> Item:
    return {
        **key(employee_id, PROFILE),
        "name": text(name),
        "active": {"BOOL": active},
        "role": text(role),
    }


def balance_item(employee_id: int, year: int, total: int, taken: int) -> Item:
    return {
        **key(employee_id, f"{BALANCE}{year}"),
        "total_days": number(total),
        "taken_days": number(taken),
    }


def booking_item(booking: Booking) -> Item:
    return {
        **key(booking.employee_id, f"{BOOKING}{booking.booking_id}"),
        "booking_id": text(booking.booking_id),
        "start_date": text(booking.start_date.isoformat()),
        "end_date": text(booking.end_date.isoformat()),
        "status": text(booking.status),
    }


def day_item(pk: str, day: date, owner: str) -> Item:
    return {
        PARTITION_KEY: text(pk),
        SORT_KEY: text(f"{DAY}{day.isoformat()}"),
        "booking_id": text(owner),
    }


def booking(employee_id: int, item: Item) -> Booking:
    return Booking(
        item["booking_id"]["S"],
        employee_id,
        date.fromisoformat(item["start_date"]["S"]),
        date.fromisoformat(item["end_date"]["S"]),
        item["status"]["S"],
    )


def days(booking: Booking) -> Iterator[date]:
    for offset in range(booking.days):
        yield booking.start_date + timedelta(days=offset)
