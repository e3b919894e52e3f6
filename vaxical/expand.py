"""Expand a definition's rules into dated sessions. Pure: no clock, no I/O.

Each period has one session slot a week, starting on the session's first weekday and
counted from the period's ``start`` (never from ISO week numbers, which break in years
with a week 53). The cadence marks which slots are open; the others are closed sessions,
as the seed's table shows them. Exceptions then close, open, move or re-time single
sessions, and the offset rules give each open session its delivery window,
confirmation and appointments start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from vaxical.model import DateSpan, Definition, Period, SessionException

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Order:
    """What follows from an order placed during an open session."""

    delivery: DateSpan
    """The delivery window."""
    confirmation: dt.datetime
    """When the confirmation becomes visible: naive wall-clock time in the calendar's zone."""
    appointments: dt.date
    """First day recommended for vaccination appointments."""


@dataclass(frozen=True, slots=True)
class Session:
    """One weekly slot of the schedule, open or closed."""

    nominal: dt.date
    """First day as the rules place it: the session's identity, kept when it is moved."""
    days: DateSpan
    """The days the portal is (or would be) open, after any move."""
    order: Order | None
    """What follows from the session's orders; ``None`` for a closed session."""
    exception: SessionException | None
    """The "sauf exception" entry that changed this session, if any."""

    @property
    def is_open(self) -> bool:
        return self.order is not None

    @property
    def moved(self) -> bool:
        return self.days.first != self.nominal


def _open_days(period: Period, last: dt.date) -> frozenset[dt.date]:
    if period.rrule is None:
        return frozenset()
    start = dt.datetime.combine(period.start, dt.time())
    rule = rrulestr(period.rrule, dtstart=start)
    until = dt.datetime.combine(last, dt.time())
    return frozenset(moment.date() for moment in rule.between(start, until, inc=True))


def session_slots(periods: Sequence[Period], horizon: dt.date) -> Iterator[tuple[dt.date, bool]]:
    """Each slot's first day, and whether the cadence opens it, in chronological order."""
    for period in periods:
        last = min(period.end, horizon) if period.end is not None else horizon
        by_rule = _open_days(period, last)
        day = period.start
        week = 0
        while day <= last:
            if period.rrule is not None:
                yield day, day in by_rule
            else:
                yield day, week % period.every_weeks == 0
            day += WEEK
            week += 1


def expand(definition: Definition) -> tuple[Session, ...]:
    """Every session up to the definition's horizon, sorted by their actual first day."""
    exceptions = {exception.session: exception for exception in definition.exceptions}
    length = dt.timedelta(days=definition.session_length - 1)
    delivery_rule = definition.delivery
    confirmation_rule = definition.confirmation
    appointments_after = definition.appointments.days_after_delivery
    sessions: list[Session] = []
    for nominal, scheduled_open in session_slots(definition.periods, definition.horizon):
        exception = exceptions.get(nominal)
        is_open = scheduled_open
        first = nominal
        delivery: DateSpan | None = None
        if exception is not None:
            is_open = (scheduled_open and not exception.close) or exception.open
            first = exception.move_to or nominal
            delivery = exception.delivery
        days = DateSpan(first, first + length)
        if not is_open:
            sessions.append(Session(nominal, days, None, exception))
            continue
        if delivery is None:
            delivery = DateSpan(
                first + dt.timedelta(days=delivery_rule.first_day),
                first + dt.timedelta(days=delivery_rule.last_day),
            )
        order = Order(
            delivery=delivery,
            confirmation=dt.datetime.combine(
                first + dt.timedelta(days=confirmation_rule.day), confirmation_rule.time
            ),
            appointments=delivery.last + dt.timedelta(days=appointments_after),
        )
        sessions.append(Session(nominal, days, order, exception))
    sessions.sort(key=lambda session: session.days.first)
    return tuple(sessions)
