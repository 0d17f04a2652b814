"""The AWS backend: one DynamoDB table, single-table design, seeded on first use.

The table's layout (keys and items) is in ``dynamodb_items.py``.

DynamoDB has no ``BEGIN IMMEDIATE``: nothing stops another container from writing between a
read and a write. So the rules are not checked by reading first; they are conditions that the
one ``TransactWriteItems`` of each change must satisfy when it commits:

* No overdraft: the balance update adds the days only if ``taken_days <= total - days``.
* No overlap: a condition can only look at the item it writes, so "no other planned booking
  covers these dates" cannot be asked of the booking item itself. Instead each booked day is
  an item of its own, put only if it does not exist yet; two bookings sharing any day cannot
  both commit, in any interleaving. Cancelling deletes the day items in the same transaction.
* A resent request books once: a booking made for a request also writes ``REQUEST#<key>``
  (put only if it does not exist), and a request whose key is there is answered with that
  booking, as it is now, even if cancelled since.

Each transaction carries a ``ClientRequestToken`` derived from what it writes, so botocore's
own retries of a write whose answer was lost cannot apply it twice; when every attempt's
answer is lost, the store says that the change may have been made (``OutcomeUnknown``),
never that nothing changed. The client's timeouts, retries and time budget are in
``dynamodb_client.py``.

The reads before a transaction (consistent, so they see every committed write) only choose
the answer and save a doomed write; when a condition fails anyway, the store reads again and
names the refusal from what is there now, or tries again if the winner has since gone.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from . import clock, seed
from . import dynamodb_items as items
from .dynamodb_client import (
    CallGuard,
    OutOfTime,
    is_invalid_request,
    new_client,
    token,
)
from .dynamodb_items import PARTITION_KEY, SORT_KEY
from .rules import check_dates
from .store import (
    AlreadyStarted,
    Balance,
    Booking,
    Clock,
    Employee,
    NoBalance,
    NoSuchBooking,
    NotEnoughDays,
    OutcomeUnknown,
    Overlap,
    StoreError,
    StoreUnavailable,
    UnknownEmployee,
    booking_id,
    has_year,
)

__all__ = [
    "MAX_BOOKING_DAYS",
    "PARTITION_KEY",
    "SORT_KEY",
    "DynamoDBStore",
    "StoreBusy",
    "create_table",
]


# A transaction holds at most 100 items: a booking writes its balance, itself, its request
# and one item per day, a cancellation updates two items and deletes the days.
_MAX_TRANSACTION_ITEMS = 100
MAX_BOOKING_DAYS = _MAX_TRANSACTION_ITEMS - 3

# Transactions touching the same balance at the same moment are refused with
# ``TransactionConflict`` rather than queued; they are retried after a jittered pause.
_ATTEMPTS = 8
_BACKOFF_BASE = 0.05
_BACKOFF_CAP = 1.0

_PLANNED = "planned"
_CANCELLED = "cancelled"
_SEED_MARK = seed.EMPLOYEES[0][0]  # its profile is written last: present = seeding finished

_Reasons = list[dict[str, Any]]


class StoreBusy(StoreError):
    """Concurrent changes kept winning; nothing was written, so the same request is safe."""

    def __init__(self) -> None:
        super().__init__(
            "The vacation system is busy with other changes right now and nothing was "
            "changed. Try the same request again in a moment."
        )


def create_table(name: str, *, client: Any = None) -> None:
    """Create the table as template.yaml does (on demand, ``PK``/``SK`` strings) and wait."""
    client = client or new_client()
    client.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[
            {"AttributeName": PARTITION_KEY, "AttributeType": "S"},
            {"AttributeName": SORT_KEY, "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": PARTITION_KEY, "KeyType": "HASH"},
            {"AttributeName": SORT_KEY, "KeyType": "RANGE"},
        ],
    )
    client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 2, "MaxAttempts": 60}
    )


class DynamoDBStore:
    """``VacationStore`` on a DynamoDB table (see ``store.VacationStore`` for the contract)."""

    def __init__(self, table_name: str, *, client: Any = None, today: Clock = clock.today) -> None:
        self.table_name = table_name
        self.today = today
        self._client = client or new_client()
        self._guard = CallGuard(self._client)
        if self._get(items.key(_SEED_MARK, items.PROFILE)) is None:
            self._seed()
        elif self._get(items.key(_SEED_MARK, f"{items.BALANCE}{self.today().year + 1}")) is None:
            self._seed_balances()  # a new year: its balances, however old the table

    # -- reads -----------------------------------------------------------------------------

    def employee(self, employee_id: int) -> Employee:
        item = self._get(items.key(employee_id, items.PROFILE)) if items.fits(employee_id) else None
        if item is None:
            raise UnknownEmployee(employee_id)
        role = item["role"]["S"] if "role" in item else seed.EMPLOYEE
        return Employee(employee_id, item["name"]["S"], item["active"]["BOOL"], role)

    def balance(self, employee_id: int, year: int) -> Balance:
        if not items.fits(employee_id) or not has_year(year):
            raise NoBalance(employee_id, year)
        item = self._get(items.key(employee_id, f"{items.BALANCE}{year}"))
        if item is None:
            raise NoBalance(employee_id, year)
        return Balance(
            employee_id, year, int(item["total_days"]["N"]), int(item["taken_days"]["N"])
        )

    def bookings(self, employee_id: int, year: int | None = None) -> list[Booking]:
        if not items.fits(employee_id):
            return []
        planned = [
            b
            for b in self._bookings(employee_id)
            if b.status == _PLANNED and (year is None or b.year == year)
        ]
        return sorted(planned, key=lambda b: (b.start_date, b.booking_id))

    # -- writes ----------------------------------------------------------------------------

    def book(
        self, employee_id: int, start: date, end: date, *, request: str | None = None
    ) -> tuple[Booking, Balance]:
        check_dates(start, end, self.today())  # at most rules.MAX_BOOKING_DAYS, which fits
        days = (end - start).days + 1
        self.employee(employee_id)
        for attempt in range(_ATTEMPTS):
            # Read consistently, and refuse or answer a resent request here exactly as the
            # transaction's conditions would: a cancelled transaction still costs its writes.
            if request is not None:
                done = self._requested(employee_id, request)
                if done is not None:
                    return done, self.balance(employee_id, done.year)
            balance = self.balance(employee_id, start.year)
            overlapping = [
                b for b in self.bookings(employee_id) if b.start_date <= end and b.end_date >= start
            ]
            if overlapping:
                raise Overlap(overlapping[0])
            if days > balance.available_days:
                raise NotEnoughDays(days, balance.available_days, start.year)

            booking = Booking(booking_id(request), employee_id, start, end, _PLANNED)
            writes = self._booking_writes(booking, balance, request)
            reasons = self._transact(writes, token("book", booking.booking_id, attempt))
            if reasons is None:
                # The write returns nothing, and others may have written since: read what is.
                return booking, self.balance(employee_id, start.year)
            if _only_conflicts(reasons):
                _pause(attempt)
            # Otherwise a condition failed because another booking committed first (a day,
            # the balance, the request, or, once in 2**40, the id). The next pass reads what
            # it wrote and refuses, answers it as the same request, or books if it has been
            # cancelled since.
        raise StoreBusy()

    def cancel(self, employee_id: int, booking_id: str) -> tuple[Booking, Balance]:
        if (
            not items.fits(employee_id)
            or len(f"{items.BOOKING}{booking_id}".encode()) > items.MAX_SORT_KEY_BYTES
        ):
            raise NoSuchBooking(employee_id, booking_id)  # no key can be that long
        for attempt in range(_ATTEMPTS):
            item = self._get(items.key(employee_id, f"{items.BOOKING}{booking_id}"))
            if item is None:
                raise NoSuchBooking(employee_id, booking_id)
            booking = items.booking(employee_id, item)
            if booking.status == _CANCELLED:
                return booking, self.balance(employee_id, booking.year)  # a retry
            today = self.today()
            if booking.start_date <= today:
                raise AlreadyStarted(booking, today)
            attempt_token = token("cancel", employee_id, booking_id, attempt)
            reasons = self._transact(self._cancel_writes(booking), attempt_token)
            if reasons is None:
                cancelled = replace(booking, status=_CANCELLED)
                return cancelled, self.balance(employee_id, booking.year)
            if _failed(reasons[0]):
                continue  # a concurrent cancel won: the next pass answers with its result
            if any(_failed(reason) for reason in reasons):
                # The booking is planned but its balance or days disagree: never seen unless
                # the table was edited by hand; refuse rather than make it worse.
                raise RuntimeError(
                    f"Booking {booking_id} of employee {employee_id} does not match its "
                    f"balance or day items in {self.table_name}: {_codes(reasons)}"
                )
            _pause(attempt)
        raise StoreBusy()

    # -- internals -------------------------------------------------------------------------

    def _requested(self, employee_id: int, request: str) -> Booking | None:
        """The booking an earlier sending of ``request`` made, as it is now."""
        made = self._get(items.key(employee_id, f"{items.REQUEST}{request}"))
        if made is None:
            return None
        item = self._get(items.key(employee_id, f"{items.BOOKING}{made['booking_id']['S']}"))
        return None if item is None else items.booking(employee_id, item)

    def _booking_writes(
        self, booking: Booking, balance: Balance, request: str | None
    ) -> list[dict[str, Any]]:
        pk = items.pk(booking.employee_id)
        new = "attribute_not_exists(#pk)"
        names = {"#pk": PARTITION_KEY}
        writes: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": items.key(booking.employee_id, f"{items.BALANCE}{balance.year}"),
                    "UpdateExpression": "SET taken_days = taken_days + :days",
                    # total_days never changes, so this is "taken + days <= total", which a
                    # condition cannot compute; a missing balance fails it too.
                    "ConditionExpression": "taken_days <= :limit",
                    "ExpressionAttributeValues": {
                        ":days": items.number(booking.days),
                        ":limit": items.number(balance.total_days - booking.days),
                    },
                }
            },
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": items.booking_item(booking),
                    "ConditionExpression": new,
                    "ExpressionAttributeNames": names,
                }
            },
        ]
        writes.extend(
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": items.day_item(pk, day, booking.booking_id),
                    "ConditionExpression": new,
                    "ExpressionAttributeNames": names,
                }
            }
            for day in items.days(booking)
        )
        if request is not None:
            writes.append(
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": {
                            **items.key(booking.employee_id, f"{items.REQUEST}{request}"),
                            "booking_id": items.text(booking.booking_id),
                        },
                        "ConditionExpression": new,
                        "ExpressionAttributeNames": names,
                    }
                }
            )
        return writes

    def _cancel_writes(self, booking: Booking) -> list[dict[str, Any]]:
        writes: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": items.key(booking.employee_id, f"{items.BOOKING}{booking.booking_id}"),
                    "UpdateExpression": "SET #status = :cancelled",
                    "ConditionExpression": "#status = :planned",
                    "ExpressionAttributeNames": {"#status": "status"},
                    "ExpressionAttributeValues": {
                        ":cancelled": items.text(_CANCELLED),
                        ":planned": items.text(_PLANNED),
                    },
                }
            },
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": items.key(booking.employee_id, f"{items.BALANCE}{booking.year}"),
                    "UpdateExpression": "SET taken_days = taken_days - :days",
                    # Never below zero, and never creates a missing balance.
                    "ConditionExpression": "taken_days >= :days",
                    "ExpressionAttributeValues": {":days": items.number(booking.days)},
                }
            },
        ]
        writes.extend(
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": items.key(booking.employee_id, f"{items.DAY}{day.isoformat()}"),
                    # Only this booking's locks: never free a day another booking holds.
                    "ConditionExpression": "booking_id = :id",
                    "ExpressionAttributeValues": {":id": items.text(booking.booking_id)},
                }
            }
            for day in items.days(booking)
        )
        return writes

    def _get(self, key: items.Item) -> items.Item | None:
        # Consistent: a read right after a write (here or in another container) must see it.
        try:
            answer = self._client.get_item(TableName=self.table_name, Key=key, ConsistentRead=True)
        except (BotoCoreError, ClientError, OutOfTime) as exc:
            raise self._failed("GetItem", exc) from exc
        item: items.Item | None = answer.get("Item")
        return item

    def _bookings(self, employee_id: int) -> Iterator[Booking]:
        """All of the employee's bookings, planned and cancelled, page by page."""
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "#pk = :pk AND begins_with(#sk, :prefix)",
            "ExpressionAttributeNames": {"#pk": PARTITION_KEY, "#sk": SORT_KEY},
            "ExpressionAttributeValues": {
                ":pk": items.text(items.pk(employee_id)),
                ":prefix": items.text(items.BOOKING),
            },
            "ConsistentRead": True,
        }
        while True:
            try:
                page = self._client.query(**request)
            except (BotoCoreError, ClientError, OutOfTime) as exc:
                raise self._failed("Query", exc) from exc
            for item in page.get("Items", []):
                yield items.booking(employee_id, item)
            if "LastEvaluatedKey" not in page:
                return
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _transact(self, writes: list[dict[str, Any]], token: str) -> _Reasons | None:
        """Commit all of ``writes`` or none; the cancellation reasons, one per write, if none.

        ``token`` makes the call idempotent for DynamoDB: botocore's retries of an attempt
        whose answer was lost send it again, and it is applied once.
        """
        self._guard.start()
        try:
            self._client.transact_write_items(TransactItems=writes, ClientRequestToken=token)
        except self._client.exceptions.TransactionCanceledException as cancelled:
            reasons: _Reasons = cancelled.response.get("CancellationReasons", [])
            if not any(_failed(r) or _conflict(r) for r in reasons):
                # A capacity or validation problem, not a rule: nothing was written.
                raise self._failed(
                    f"TransactWriteItems ({', '.join(_codes(reasons))})", cancelled
                ) from cancelled
            return reasons
        except (BotoCoreError, ClientError, OutOfTime) as exc:
            # Throttling reaches here only once botocore's own retries have given up.
            if self._guard.answer_lost:
                raise OutcomeUnknown(
                    f"DynamoDB table {self.table_name}: TransactWriteItems was sent but no "
                    f"answer came back, so it may have been applied: {exc}"
                ) from exc
            raise self._failed("TransactWriteItems", exc) from exc
        return None

    def _failed(self, action: str, exc: Exception) -> Exception:
        """The service is unavailable, or (a defect, not an outage) the request was invalid."""
        if is_invalid_request(exc):
            return RuntimeError(f"DynamoDB table {self.table_name}: {action} is invalid: {exc}")
        return StoreUnavailable(f"DynamoDB table {self.table_name}: {action} failed: {exc}")

    def _seed(self) -> None:
        """Write the sample data unless it is there, harmlessly when several containers race.

        Each transaction holds whole groups (an employee with their balances, a booking with
        its days), always cut the same way, so a transaction's items are either all present
        or all absent: a failed ``attribute_not_exists`` means that part is already seeded.
        A booking and its day locks are never written apart, so a late seeder cannot lock the
        days of a seeded booking that has been cancelled since. The first employee's profile
        goes last: while it is missing, seeding may have been cut short and is done again.
        """
        this_year = self.today().year
        balances = seed.balances(this_year)
        groups: list[list[items.Item]] = []
        for employee_id, name, active, role in seed.EMPLOYEES:
            group = [
                items.balance_item(e, year, total, taken)
                for e, year, total, taken in balances
                if e == employee_id
            ]
            if employee_id != _SEED_MARK:
                group.insert(0, items.profile_item(employee_id, name, active, role))
            groups.append(group)
        for planned_id, employee_id, start, end in seed.planned(this_year):
            booking = Booking(planned_id, employee_id, start, end, _PLANNED)
            pk = items.pk(employee_id)
            group = [items.booking_item(booking)]
            group.extend(items.day_item(pk, day, planned_id) for day in items.days(booking))
            groups.append(group)
        mark = next(e for e in seed.EMPLOYEES if e[0] == _SEED_MARK)
        groups.append([items.profile_item(*mark)])
        for chunk in _chunks(groups):
            self._seed_chunk(chunk)

    def _seed_balances(self) -> None:
        """Add the balances of the years the sample now runs in, one year per transaction
        (a year's balances are written together, so they are all there or none is)."""
        balances = seed.balances(self.today().year)
        for year in sorted({year for _, year, _, _ in balances}):
            self._seed_chunk(
                [
                    items.balance_item(e, y, total, taken)
                    for e, y, total, taken in balances
                    if y == year
                ]
            )

    def _seed_chunk(self, batch: list[items.Item]) -> None:
        writes = [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(#pk)",
                    "ExpressionAttributeNames": {"#pk": PARTITION_KEY},
                }
            }
            for item in batch
        ]
        for attempt in range(_ATTEMPTS):
            reasons = self._transact(writes, token("seed", attempt, *map(items.item_key, batch)))
            if reasons is None or any(_failed(reason) for reason in reasons):
                return  # written now, or by an earlier or concurrent first use
            _pause(attempt)
        raise StoreBusy()


# -- helpers ---------------------------------------------------------------------------------


def _chunks(groups: Sequence[list[items.Item]]) -> Iterator[list[items.Item]]:
    """Whole groups packed in order into transactions of at most 100 items."""
    chunk: list[items.Item] = []
    for group in groups:
        if len(group) > _MAX_TRANSACTION_ITEMS:
            raise ValueError(f"a seed group of {len(group)} items does not fit a transaction")
        if len(chunk) + len(group) > _MAX_TRANSACTION_ITEMS:
            yield chunk
            chunk = []
        chunk.extend(group)
    if chunk:
        yield chunk


def _failed(reason: dict[str, Any]) -> bool:
    return reason.get("Code") == "ConditionalCheckFailed"


def _conflict(reason: dict[str, Any]) -> bool:
    return reason.get("Code") == "TransactionConflict"


def _only_conflicts(reasons: _Reasons) -> bool:
    return not any(_failed(reason) for reason in reasons)


def _codes(reasons: _Reasons) -> list[str]:
    return [str(reason.get("Code")) for reason in reasons]


def _pause(attempt: int) -> None:
    # Full jitter: contenders that collided once should not collide again in step.
    time.sleep(random.uniform(0, min(_BACKOFF_CAP, _BACKOFF_BASE * 2**attempt)))
