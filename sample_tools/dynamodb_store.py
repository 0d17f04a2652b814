"""The AWS backend: one DynamoDB table, single-table design, seeded on first use.

Every item of an employee shares the partition key ``EMP#<id>``; the sort key says what it is:

=====================  ==============================================================
``PROFILE``            ``name``, ``active``
``BALANCE#<year>``     ``total_days``, ``taken_days``
``BOOKING#<id>``       ``booking_id``, ``start_date``, ``end_date`` (ISO), ``status``
``DAY#<YYYY-MM-DD>``   ``booking_id``: one lock item per calendar day a planned booking holds
``REQUEST#<key>``      ``booking_id``: the booking a request made
=====================  ==============================================================

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
never that nothing changed. The client has connect and read timeouts and a bounded number
of attempts, and no attempt starts once the request's time budget (``budget.py``) is spent.

The reads before a transaction (consistent, so they see every committed write) only choose
the answer and save a doomed write; when a condition fails anyway, the store reads again and
names the refusal from what is there now, or tries again if the winner has since gone.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionClosedError,
    ParamValidationError,
    ReadTimeoutError,
)

from . import clock, seed
from .budget import remaining
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
    "CLIENT_CONFIG",
    "MAX_BOOKING_DAYS",
    "PARTITION_KEY",
    "SORT_KEY",
    "DynamoDBStore",
    "StoreBusy",
    "create_table",
]

# The key schema, as template.yaml declares it (a test compares the two).
PARTITION_KEY = "PK"
SORT_KEY = "SK"

# A transaction holds at most 100 items: a booking writes its balance, itself, its request
# and one item per day, a cancellation updates two items and deletes the days.
_MAX_TRANSACTION_ITEMS = 100
MAX_BOOKING_DAYS = _MAX_TRANSACTION_ITEMS - 3

# Every call is bounded: a connection within 1 s, an answer within 2 s, 3 attempts at most
# (botocore's standard retry mode, with its jittered backoff). Without this, botocore waits
# 60 s per read and retries throttling for longer than a Lambda's timeout.
_CONNECT_SECONDS = 1.0
_READ_SECONDS = 2.0
CLIENT_CONFIG = Config(
    connect_timeout=_CONNECT_SECONDS,
    read_timeout=_READ_SECONDS,
    retries={"mode": "standard", "total_max_attempts": 3},
)
# An attempt starts only if it can finish, timeouts included, within the time budget.
_ATTEMPT_SECONDS = _CONNECT_SECONDS + _READ_SECONDS

# Key sizes DynamoDB accepts: a longer key is refused with ValidationException, so an
# employee id too long for one can have no items at all.
_MAX_PARTITION_KEY_BYTES = 2048

# Transactions touching the same balance at the same moment are refused with
# ``TransactionConflict`` rather than queued; they are retried after a jittered pause.
_ATTEMPTS = 8
_BACKOFF_BASE = 0.05
_BACKOFF_CAP = 1.0

_PROFILE = "PROFILE"
_BALANCE = "BALANCE#"
_BOOKING = "BOOKING#"
_DAY = "DAY#"
_REQUEST = "REQUEST#"
_PLANNED = "planned"
_CANCELLED = "cancelled"
_SEED_MARK = seed.EMPLOYEES[0][0]  # its profile is written last: present = seeding finished
_MAX_SORT_KEY_BYTES = 1024

_Item = dict[str, dict[str, Any]]
_Reasons = list[dict[str, Any]]


class _OutOfTime(Exception):
    """Raised from botocore's send hook: no attempt may start once the budget is spent."""


class StoreBusy(StoreError):
    """Concurrent changes kept winning; nothing was written, so the same request is safe."""

    def __init__(self) -> None:
        super().__init__(
            "The vacation system is busy with other changes right now and nothing was "
            "changed. Try the same request again in a moment."
        )


def create_table(name: str, *, client: Any = None) -> None:
    """Create the table as template.yaml does (on demand, ``PK``/``SK`` strings) and wait."""
    client = client or _client()
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
        self._client = client or _client()
        self._local = threading.local()  # per thread: was this call's answer lost?
        events = self._client.meta.events
        events.register_first("before-send.dynamodb", self._before_send)
        events.register("needs-retry.dynamodb", self._after_attempt)
        if self._get(_key(_SEED_MARK, _PROFILE)) is None:
            self._seed()
        elif self._get(_key(_SEED_MARK, f"{_BALANCE}{self.today().year + 1}")) is None:
            self._seed_balances()  # a new year: its balances, however old the table

    # -- reads -----------------------------------------------------------------------------

    def employee(self, employee_id: int) -> Employee:
        item = self._get(_key(employee_id, _PROFILE)) if _fits(employee_id) else None
        if item is None:
            raise UnknownEmployee(employee_id)
        role = item["role"]["S"] if "role" in item else seed.EMPLOYEE
        return Employee(employee_id, item["name"]["S"], item["active"]["BOOL"], role)

    def balance(self, employee_id: int, year: int) -> Balance:
        if not _fits(employee_id) or not has_year(year):
            raise NoBalance(employee_id, year)
        item = self._get(_key(employee_id, f"{_BALANCE}{year}"))
        if item is None:
            raise NoBalance(employee_id, year)
        return Balance(
            employee_id, year, int(item["total_days"]["N"]), int(item["taken_days"]["N"])
        )

    def bookings(self, employee_id: int, year: int | None = None) -> list[Booking]:
        if not _fits(employee_id):
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
            reasons = self._transact(writes, _token("book", booking.booking_id, attempt))
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
        if not _fits(employee_id) or len(f"{_BOOKING}{booking_id}".encode()) > _MAX_SORT_KEY_BYTES:
            raise NoSuchBooking(employee_id, booking_id)  # no key can be that long
        for attempt in range(_ATTEMPTS):
            item = self._get(_key(employee_id, f"{_BOOKING}{booking_id}"))
            if item is None:
                raise NoSuchBooking(employee_id, booking_id)
            booking = _booking(employee_id, item)
            if booking.status == _CANCELLED:
                return booking, self.balance(employee_id, booking.year)  # a retry
            today = self.today()
            if booking.start_date <= today:
                raise AlreadyStarted(booking, today)
            token = _token("cancel", employee_id, booking_id, attempt)
            reasons = self._transact(self._cancel_writes(booking), token)
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
        made = self._get(_key(employee_id, f"{_REQUEST}{request}"))
        if made is None:
            return None
        item = self._get(_key(employee_id, f"{_BOOKING}{made['booking_id']['S']}"))
        return None if item is None else _booking(employee_id, item)

    def _booking_writes(
        self, booking: Booking, balance: Balance, request: str | None
    ) -> list[dict[str, Any]]:
        pk = _pk(booking.employee_id)
        new = "attribute_not_exists(#pk)"
        names = {"#pk": PARTITION_KEY}
        writes: list[dict[str, Any]] = [
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": _key(booking.employee_id, f"{_BALANCE}{balance.year}"),
                    "UpdateExpression": "SET taken_days = taken_days + :days",
                    # total_days never changes, so this is "taken + days <= total", which a
                    # condition cannot compute; a missing balance fails it too.
                    "ConditionExpression": "taken_days <= :limit",
                    "ExpressionAttributeValues": {
                        ":days": _n(booking.days),
                        ":limit": _n(balance.total_days - booking.days),
                    },
                }
            },
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": _booking_item(booking),
                    "ConditionExpression": new,
                    "ExpressionAttributeNames": names,
                }
            },
        ]
        writes.extend(
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": _day_item(pk, day, booking.booking_id),
                    "ConditionExpression": new,
                    "ExpressionAttributeNames": names,
                }
            }
            for day in _days(booking)
        )
        if request is not None:
            writes.append(
                {
                    "Put": {
                        "TableName": self.table_name,
                        "Item": {
                            **_key(booking.employee_id, f"{_REQUEST}{request}"),
                            "booking_id": _s(booking.booking_id),
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
                    "Key": _key(booking.employee_id, f"{_BOOKING}{booking.booking_id}"),
                    "UpdateExpression": "SET #status = :cancelled",
                    "ConditionExpression": "#status = :planned",
                    "ExpressionAttributeNames": {"#status": "status"},
                    "ExpressionAttributeValues": {
                        ":cancelled": _s(_CANCELLED),
                        ":planned": _s(_PLANNED),
                    },
                }
            },
            {
                "Update": {
                    "TableName": self.table_name,
                    "Key": _key(booking.employee_id, f"{_BALANCE}{booking.year}"),
                    "UpdateExpression": "SET taken_days = taken_days - :days",
                    # Never below zero, and never creates a missing balance.
                    "ConditionExpression": "taken_days >= :days",
                    "ExpressionAttributeValues": {":days": _n(booking.days)},
                }
            },
        ]
        writes.extend(
            {
                "Delete": {
                    "TableName": self.table_name,
                    "Key": _key(booking.employee_id, f"{_DAY}{day.isoformat()}"),
                    # Only this booking's locks: never free a day another booking holds.
                    "ConditionExpression": "booking_id = :id",
                    "ExpressionAttributeValues": {":id": _s(booking.booking_id)},
                }
            }
            for day in _days(booking)
        )
        return writes

    def _get(self, key: _Item) -> _Item | None:
        # Consistent: a read right after a write (here or in another container) must see it.
        try:
            answer = self._client.get_item(TableName=self.table_name, Key=key, ConsistentRead=True)
        except (BotoCoreError, ClientError, _OutOfTime) as exc:
            raise self._failed("GetItem", exc) from exc
        item: _Item | None = answer.get("Item")
        return item

    def _bookings(self, employee_id: int) -> Iterator[Booking]:
        """All of the employee's bookings, planned and cancelled, page by page."""
        request: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": "#pk = :pk AND begins_with(#sk, :prefix)",
            "ExpressionAttributeNames": {"#pk": PARTITION_KEY, "#sk": SORT_KEY},
            "ExpressionAttributeValues": {":pk": _s(_pk(employee_id)), ":prefix": _s(_BOOKING)},
            "ConsistentRead": True,
        }
        while True:
            try:
                page = self._client.query(**request)
            except (BotoCoreError, ClientError, _OutOfTime) as exc:
                raise self._failed("Query", exc) from exc
            for item in page.get("Items", []):
                yield _booking(employee_id, item)
            if "LastEvaluatedKey" not in page:
                return
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _transact(self, writes: list[dict[str, Any]], token: str) -> _Reasons | None:
        """Commit all of ``writes`` or none; the cancellation reasons, one per write, if none.

        ``token`` makes the call idempotent for DynamoDB: botocore's retries of an attempt
        whose answer was lost send it again, and it is applied once.
        """
        self._local.answer_lost = False
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
        except (BotoCoreError, ClientError, _OutOfTime) as exc:
            # Throttling reaches here only once botocore's own retries have given up.
            if self._local.answer_lost:
                raise OutcomeUnknown(
                    f"DynamoDB table {self.table_name}: TransactWriteItems was sent but no "
                    f"answer came back, so it may have been applied: {exc}"
                ) from exc
            raise self._failed("TransactWriteItems", exc) from exc
        return None

    def _failed(self, action: str, exc: Exception) -> Exception:
        """What a failed call means: the service is unavailable, or the request was wrong.

        A request DynamoDB (``ValidationException``) or botocore (``ParamValidationError``,
        before sending) refuses as invalid is a defect of the request, never an outage to
        try again later.
        """
        if isinstance(exc, ParamValidationError) or (
            isinstance(exc, ClientError) and _error_code(exc) == "ValidationException"
        ):
            return RuntimeError(f"DynamoDB table {self.table_name}: {action} is invalid: {exc}")
        return StoreUnavailable(f"DynamoDB table {self.table_name}: {action} failed: {exc}")

    def _before_send(self, **_: Any) -> None:
        """Refuse to start an attempt that could not finish within the time budget."""
        left = remaining()
        if left is not None and left < _ATTEMPT_SECONDS:
            raise _OutOfTime(f"{max(left, 0):.2f} s left, an attempt may take {_ATTEMPT_SECONDS} s")

    def _after_attempt(self, response: Any = None, caught_exception: Any = None, **_: Any) -> None:
        """Note an attempt whose answer was lost: it may have been applied."""
        status = response[0].status_code if response is not None else None
        if isinstance(caught_exception, ReadTimeoutError | ConnectionClosedError) or (
            status is not None and status >= 500
        ):
            self._local.answer_lost = True

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
        groups: list[list[_Item]] = []
        for employee_id, name, active, role in seed.EMPLOYEES:
            group = [
                _balance_item(e, year, total, taken)
                for e, year, total, taken in balances
                if e == employee_id
            ]
            if employee_id != _SEED_MARK:
                group.insert(0, _profile_item(employee_id, name, active, role))
            groups.append(group)
        for planned_id, employee_id, start, end in seed.planned(this_year):
            booking = Booking(planned_id, employee_id, start, end, _PLANNED)
            pk = _pk(employee_id)
            group = [_booking_item(booking)]
            group.extend(_day_item(pk, day, planned_id) for day in _days(booking))
            groups.append(group)
        mark = next(e for e in seed.EMPLOYEES if e[0] == _SEED_MARK)
        groups.append([_profile_item(*mark)])
        for chunk in _chunks(groups):
            self._seed_chunk(chunk)

    def _seed_balances(self) -> None:
        """Add the balances of the years the sample now runs in, one year per transaction
        (a year's balances are written together, so they are all there or none is)."""
        balances = seed.balances(self.today().year)
        for year in sorted({year for _, year, _, _ in balances}):
            self._seed_chunk(
                [_balance_item(e, y, total, taken) for e, y, total, taken in balances if y == year]
            )

    def _seed_chunk(self, items: list[_Item]) -> None:
        writes = [
            {
                "Put": {
                    "TableName": self.table_name,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(#pk)",
                    "ExpressionAttributeNames": {"#pk": PARTITION_KEY},
                }
            }
            for item in items
        ]
        for attempt in range(_ATTEMPTS):
            reasons = self._transact(writes, _token("seed", attempt, *map(_item_key, items)))
            if reasons is None or any(_failed(reason) for reason in reasons):
                return  # written now, or by an earlier or concurrent first use
            _pause(attempt)
        raise StoreBusy()


# -- helpers ---------------------------------------------------------------------------------


def _client() -> Any:
    import boto3  # only the DynamoDB backend needs it; SQLite runs never import it

    # A session of its own: boto3's default session is not safe to share between threads.
    return boto3.session.Session().client("dynamodb", config=CLIENT_CONFIG)


def _s(value: str) -> dict[str, Any]:
    return {"S": value}


def _n(value: int) -> dict[str, Any]:
    return {"N": str(value)}


def _pk(employee_id: int) -> str:
    return f"EMP#{employee_id}"


def _fits(employee_id: int) -> bool:
    """Whether the employee's partition key is short enough for DynamoDB to accept."""
    return len(_pk(employee_id)) <= _MAX_PARTITION_KEY_BYTES  # ASCII: a byte per character


def _token(*parts: object) -> str:
    """A ClientRequestToken (at most 36 characters) naming one transaction attempt."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:36]


def _item_key(item: _Item) -> str:
    return f"{item[PARTITION_KEY]['S']}/{item[SORT_KEY]['S']}"


def _error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _key(employee_id: int, sort_key: str) -> _Item:
    return {PARTITION_KEY: _s(_pk(employee_id)), SORT_KEY: _s(sort_key)}


def _profile_item(employee_id: int, name: str, active: bool, role: str) -> _Item:
    return {
        **_key(employee_id, _PROFILE),
        "name": _s(name),
        "active": {"BOOL": active},
        "role": _s(role),
    }


def _balance_item(employee_id: int, year: int, total: int, taken: int) -> _Item:
    return {
        **_key(employee_id, f"{_BALANCE}{year}"),
        "total_days": _n(total),
        "taken_days": _n(taken),
    }


def _booking_item(booking: Booking) -> _Item:
    return {
        **_key(booking.employee_id, f"{_BOOKING}{booking.booking_id}"),
        "booking_id": _s(booking.booking_id),
        "start_date": _s(booking.start_date.isoformat()),
        "end_date": _s(booking.end_date.isoformat()),
        "status": _s(booking.status),
    }


def _day_item(pk: str, day: date, owner: str) -> _Item:
    return {
        PARTITION_KEY: _s(pk),
        SORT_KEY: _s(f"{_DAY}{day.isoformat()}"),
        "booking_id": _s(owner),
    }


def _booking(employee_id: int, item: _Item) -> Booking:
    return Booking(
        item["booking_id"]["S"],
        employee_id,
        date.fromisoformat(item["start_date"]["S"]),
        date.fromisoformat(item["end_date"]["S"]),
        item["status"]["S"],
    )


def _days(booking: Booking) -> Iterator[date]:
    for offset in range(booking.days):
        yield booking.start_date + timedelta(days=offset)


def _chunks(groups: Sequence[list[_Item]]) -> Iterator[list[_Item]]:
    """Whole groups packed in order into transactions of at most 100 items."""
    chunk: list[_Item] = []
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
