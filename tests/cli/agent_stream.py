"""InvokeAgent response streams as the service sends them, for a Stubber-wrapped client.

``Stubber`` checks the InvokeAgent request against botocore's ``bedrock-agent-runtime`` model
but cannot carry an event stream in its canned response. So each event is first validated
against its shape in the model, then encoded in the AWS event-stream wire format (prelude,
headers, JSON payload, CRCs) and decoded back by botocore's own ``EventStream`` and
``EventStreamJSONParser``: the command iterates exactly what boto3 would hand it.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import struct
from collections.abc import Iterator, Mapping
from typing import Any

from botocore.eventstream import EventStream
from botocore.parsers import EventStreamJSONParser
from botocore.validate import ParamValidator

OPERATION = "InvokeAgent"


def stream_shape(client: Any) -> Any:
    return client.meta.service_model.operation_model(OPERATION).output_shape.members["completion"]


def encode(client: Any, events: list[Mapping[str, Any]]) -> bytes:
    """The wire bytes of ``events``: each ``{event_type: value}``, validated first."""
    shape = stream_shape(client)
    data = b""
    for event in events:
        ((event_type, value),) = event.items()
        member = shape.members[event_type]
        if member.serialization.get("event"):
            report = ParamValidator().validate(value, member)
            assert not report.has_errors(), report.generate_report()
            headers = {":message-type": "event", ":event-type": event_type}
        else:  # an error event: the stream ends with it
            headers = {":message-type": "exception", ":exception-type": event_type}
        headers[":content-type"] = "application/json"
        data += _message(headers, json.dumps(_wire(value, member)).encode())
    return data


def event_stream(client: Any, events: list[Mapping[str, Any]]) -> EventStream:
    """A botocore ``EventStream`` over the encoded ``events``."""
    return EventStream(
        _Body(encode(client, events)), stream_shape(client), EventStreamJSONParser(), OPERATION
    )


class _Body:
    """The part of urllib3's response that ``EventStream`` reads."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self) -> Iterator[bytes]:
        for start in range(0, len(self.data), 64):  # in pieces, as a socket delivers them
            yield self.data[start : start + 64]

    def close(self) -> None:
        pass


def _message(headers: Mapping[str, str], payload: bytes) -> bytes:
    encoded = b""
    for name, value in headers.items():
        raw = value.encode()
        encoded += bytes([len(name)]) + name.encode() + bytes([7]) + struct.pack(">H", len(raw))
        encoded += raw
    total = 12 + len(encoded) + len(payload) + 4
    prelude = struct.pack(">II", total, len(encoded))
    prelude += struct.pack(">I", binascii.crc32(prelude))
    message = prelude + encoded + payload
    return message + struct.pack(">I", binascii.crc32(message))


def _wire(value: Any, shape: Any) -> Any:
    """``value`` as JSON on the wire: blobs in base64, timestamps in epoch seconds."""
    kind = shape.type_name
    if kind == "structure":
        return {key: _wire(item, shape.members[key]) for key, item in value.items()}
    if kind == "list":
        return [_wire(item, shape.member) for item in value]
    if kind == "map":
        return {key: _wire(item, shape.value) for key, item in value.items()}
    if kind == "blob":
        return base64.b64encode(value).decode()
    if kind == "timestamp":
        return value.timestamp() if isinstance(value, dt.datetime) else value
    return value


def attach_streams(client: Any, streams: list[list[Mapping[str, Any]]]) -> None:
    """Give each stubbed InvokeAgent response, in order, the next stream of events.

    The stubbed response holds ``"completion": {}`` (the model requires the member, and an
    empty structure is valid); this replaces it after the call, as botocore's parser would
    have filled it.
    """
    pending = list(streams)

    def add_completion(parsed: dict[str, Any], **_: Any) -> None:
        parsed["completion"] = event_stream(client, pending.pop(0))

    client.meta.events.register(f"after-call.bedrock-agent-runtime.{OPERATION}", add_completion)
