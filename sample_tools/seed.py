"""The sample's data, the same on every backend: ten employees, and balances and planned
vacations for last year, this year and next year, relative to the year the store opens in
(so the sample keeps working as years pass; ``HR_TODAY`` fixes "today" for demos and tests)."""

from __future__ import annotations

from datetime import date

__all__ = ["EMPLOYEES", "HR_ADMIN", "balances", "planned", "years"]

HR_ADMIN = "hr_admin"
EMPLOYEE = "employee"

# (employee_id, name, active, role); employee 1 is the HR administrator.
EMPLOYEES: tuple[tuple[int, str, bool, str], ...] = (
    (1, "Amaya Okafor", True, HR_ADMIN),
    (2, "Bruno Lindqvist", True, EMPLOYEE),
    (3, "Chen Wei", True, EMPLOYEE),
    (4, "Dalia Haddad", True, EMPLOYEE),
    (5, "Emil Novak", True, EMPLOYEE),
    (6, "Farah Siddiqui", True, EMPLOYEE),
    (7, "Gustavo Pereira", True, EMPLOYEE),
    (8, "Hana Kobayashi", True, EMPLOYEE),
    (9, "Ivan Petrov", False, EMPLOYEE),  # has left: refused with a clear message
    (10, "Jade Mbeki", True, EMPLOYEE),
)


def years(this_year: int) -> tuple[int, int, int]:
    """The years that have balances: last, this and next."""
    return (this_year - 1, this_year, this_year + 1)


def planned(this_year: int) -> tuple[tuple[str, int, date, date], ...]:
    """(booking_id, employee_id, start, end): already planned, counted in the balances."""
    last = this_year - 1
    return (
        ("V0000000001", 1, date(last, 8, 4), date(last, 8, 8)),
        ("V0000000002", 3, date(last, 12, 22), date(last, 12, 31)),
        ("V0000000003", 4, date(this_year, 7, 13), date(this_year, 7, 24)),
    )


def balances(this_year: int) -> tuple[tuple[int, int, int, int], ...]:
    """(employee_id, year, total_days, taken_days): deterministic, varied, never overdrawn."""
    bookings = planned(this_year)

    def taken(employee_id: int, year: int) -> int:
        booked = sum(
            (end - start).days + 1
            for _, employee, start, end in bookings
            if employee == employee_id and start.year == year
        )
        # Days taken last year before bookings were kept.
        earlier = 5 + employee_id % 4 if year == this_year - 1 else 0
        return booked + earlier

    return tuple(
        (employee_id, year, 20 + employee_id % 3 * 2, taken(employee_id, year))
        for employee_id, *_ in EMPLOYEES
        for year in years(this_year)
    )
