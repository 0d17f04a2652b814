"""Action groups shaped like real samples (insurance claims, restaurant booking, cost explorer).

Their events in tests/events showed the defects these groups are regression tests for.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AliasChoices, BaseModel, Field

from agent_tools import ActionGroup

claims = ActionGroup("ClaimsTools", description="Open and look up insurance claims.")


class Claim(BaseModel):
    """An insurance claim."""

    claim_id: str = Field(validation_alias="claimId", description="The claim's id, e.g. C-1.")
    policy_number: str = Field(validation_alias=AliasChoices("policyNumber", "policy_no"))
    amount: Decimal = Field(description="The claimed amount in euros.")


@claims.tool(method="POST", path="/claims")
def open_claim(claim: Claim) -> dict[str, object]:
    """Open an insurance claim."""
    return {"claimId": claim.claim_id, "policy": claim.policy_number, "amount": claim.amount}


@claims.tool
def quote_premium(policy_number: str) -> dict[str, Decimal]:
    """Quote the yearly premium and the total insured value of a policy."""
    return {"premium": Decimal("12.50"), "insured": Decimal("12345678901234567.89")}


@claims.tool
def tag_claim(claim_id: str, tags: list[str]) -> list[str]:
    """Tag a claim."""
    return tags


booking = ActionGroup("RestaurantBooking", description="Book tables at the restaurant.")


@booking.tool
def book_table(
    day: dt.date,
    hour: Annotated[int, Field(ge=12, le=22)],
    guests: Annotated[int, Field(ge=1, le=12)],
    name: Annotated[str, Field(max_length=40)],
) -> str:
    """Book a table.

    Args:
        day: The day of the booking.
        hour: The hour the guests arrive.
        guests: How many people come.
        name: The name the table is booked under.
    """
    return f"Booked a table for {guests} on {day.isoformat()} at {hour}:00 for {name}."


costs = ActionGroup("CostExplorer", description="Answer questions about AWS costs.")


@costs.tool(method="GET", path="/costs")
def get_cost_and_usage(
    start: dt.date,
    end: dt.date,
    granularity: Literal["DAILY", "MONTHLY"],
    metric: Literal["UnblendedCost", "BlendedCost"] = "UnblendedCost",
    group_by: str | None = None,
    service: str | None = None,
) -> dict[str, object]:
    """Get the cost and usage between two dates."""
    return {
        "start": start,
        "end": end,
        "granularity": granularity,
        "metric": metric,
        "group_by": group_by,
        "service": service,
    }
