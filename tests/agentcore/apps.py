"""Action groups for the AgentCore tests, importable by a server process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from agent_tools import ActionGroup, Depends, SessionAttr


@dataclass
class Booking:
    """One booking."""

    reference: str
    days: int


def _user(user: Annotated[str, SessionAttr("user", header="X-User-Id")]) -> str:
    return user


shop = ActionGroup("shop_tools", description="Bookings for the signed-in user.")


@shop.tool(method="GET")
def show_booking(reference: str, user: Annotated[str, Depends(_user)]) -> Booking:
    """Show one of the user's bookings."""
    return Booking(reference=f"{user}:{reference}", days=2)


@shop.tool(confirm=True, method="DELETE")
def cancel_booking(
    reference: str, tenant: Annotated[str, SessionAttr("tenant", header="x-tenant")]
) -> dict[str, str]:
    """Cancel one booking."""
    return {"cancelled": reference, "tenant": tenant}


@shop.tool
def add_note(reference: str, note: str) -> str:
    """Add a note to a booking."""
    return "noted"


broken = ActionGroup("broken")


@broken.tool
def explode(path: str) -> str:
    """Fail inside."""
    raise RuntimeError(f"secret database password at {path}")


@shop.tool
def extend_booking(reference: str, days: int) -> dict[str, object]:
    """Extend a booking by some days."""
    return {"reference": reference, "days": days}


@shop.tool
def audit_booking(reference: str) -> str:
    """Audit a booking."""
    raise RuntimeError(f"secret audit key for {reference} at /srv/audit")
