"""Advice for the people who publish a schedule: what `vaxical check` warns about. Pure.

A warning does not stop a build: a session on a regional holiday may be right for a
national calendar. It tells the publisher where a "sauf exception" may be needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from vaxical.schedule import french
from vaxical.schedule.expand import Session
from vaxical.schedule.holidays import Holiday, holiday_on


@dataclass(frozen=True, slots=True)
class HolidayWarning:
    day: dt.date
    holiday: Holiday
    what: str
    """What falls on the holiday: ``session des 14-15 août``…"""
    outcome: str
    """What the definition's policy did about it, or what stays as it is."""

    def format(self) -> str:
        return (
            f"{french.long_date(self.day)} : {self.holiday.name} ({self.holiday.where()}) — "
            f"{self.what} ; {self.outcome}"
        )


def _on(days: tuple[dt.date, ...]) -> Iterator[tuple[dt.date, Holiday]]:
    for day in days:
        holiday = holiday_on(day)
        if holiday is not None:
            yield day, holiday


def holiday_warnings(sessions: tuple[Session, ...]) -> tuple[HolidayWarning, ...]:
    """Sessions, delivery days and confirmations that fall on a holiday in any region."""
    warnings: list[HolidayWarning] = []
    for session in sessions:
        label = f"session des {french.short_range(session.days, year=True)}"
        delivery, confirmation = f"livraison de la {label}", f"confirmation de la {label}"
        found: list[tuple[dt.date, Holiday, str, str]] = []
        if session.closed_for is not None:
            closed = session.closed_for
            found.append((closed.day, closed, label, "fermée par la règle [holidays]"))
        order = session.order
        if order is not None:
            moved = f"livraison décalée au {french.short_range(order.delivery)}"
            found += [(day, holiday, label, "ouverte") for day, holiday in _on(session.days.days())]
            found += [(holiday.day, holiday, delivery, moved) for holiday in order.moved_for]
            found += [(d, h, delivery, "maintenue") for d, h in _on(order.delivery.days())]
            found += [
                (d, h, confirmation, "maintenue")
                for d, h in _on(() if order.confirmation is None else (order.confirmation.date(),))
            ]
        warnings += [HolidayWarning(*item) for item in found]
    return tuple(sorted(warnings, key=lambda warning: (warning.day, warning.what)))
