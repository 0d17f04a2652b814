"""The sample's data: ten employees and three years of balances, the same on every backend."""

from __future__ import annotations

from datetime import date

__all__ = ["BALANCES", "EMPLOYEES", "PLANNED", "YEARS"]

YEARS = (2025, 2026, 2027)

# (employee_id, name, active)
EMPLOYEES: tuple[tuple[int, str, bool], ...] = (
    (1, "Amaya Okafor", True),
    (2, "Bruno Lindqvist", True),
    (3, "Chen Wei", True),
    (4, "Dalia Haddad", True),
    (5, "Emil Novak", True),
    (6, "Farah Siddiqui", True),
    (7, "Gustavo Pereira", True),
    (8, "Hana Kobayashi", True),
    (9, "Ivan Petrov", False),  # has left: refused with a clear message
    (10, "Jade Mbeki", True),
)

# (booking_id, employee_id, start, end): already planned, and counted in the balances below.
PLANNED: tuple[tuple[str, int, date, date], ...] = (
    ("V0000000001", 1, date(2025, 8, 4), date(2025, 8, 8)),
    ("V0000000002", 3, date(2025, 12, 22), date(2025, 12, 31)),
    ("V0000000003", 4, date(2026, 7, 13), date(2026, 7, 24)),
)


def _taken(employee_id: int, year: int) -> int:
    booked = sum(
        (end - start).days + 1
        for _, employee, start, end in PLANNED
        if employee == employee_id and start.year == year
    )
    earlier = 5 + employee_id % 4 if year == 2025 else 0  # days taken before bookings were kept
    return booked + earlier


# (employee_id, year, total_days, taken_days): deterministic, varied, never overdrawn.
BALANCES: tuple[tuple[int, int, int, int], ...] = tuple(
    (employee_id, year, 20 + employee_id % 3 * 2, _taken(employee_id, year))
    for employee_id, _, _ in EMPLOYEES
    for year in YEARS
)
