"""``Frozen`` records behave like frozen dataclasses."""

from __future__ import annotations

import pytest

from agent_tools import Limits, Param, SessionAttr


def test_equality_hash_and_repr() -> None:
    assert Param("x", log=True) == Param("x", log=True)
    assert Param("x") != Param("y")
    assert Param("x") != SessionAttr("x")
    assert hash(SessionAttr("id")) == hash(SessionAttr("id"))
    assert repr(Param("Numeric id")) == (
        "Param(alias=None, description='Numeric id', location=None, log=False)"
    )
    assert repr(Limits()) == "Limits(max_parameters=5, max_tool_name_length=64, max_tools=11)"


def test_read_only() -> None:
    param = Param("x")
    with pytest.raises(AttributeError, match="Param is read-only"):
        param.description = "y"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="Param is read-only"):
        del param.log  # type: ignore[misc]


@pytest.mark.parametrize("value", [0, -1, True, 2.5])
def test_limits_must_be_positive_ints(value: object) -> None:
    with pytest.raises(ValueError, match="must be a positive int"):
        Limits(max_tools=value)  # type: ignore[arg-type]
