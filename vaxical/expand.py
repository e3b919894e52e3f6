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
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from vaxical.holidays import Holiday, holiday_on, is_working_day
from vaxical.model import (
    DateSpan,
    Definition,
    DeliveryPolicy,
    HolidayPolicy,
    Period,
    SessionException,
    SessionPolicy,
    Weekday,
)

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
    moved_for: tuple[Holiday, ...] = ()
    """The public holidays that moved the delivery window, by the definition's policy."""


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
    closed_for: Holiday | None = None
    """The public holiday that closed the session, by the definition's policy."""

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


def _holiday_in(span: DateSpan, policy: HolidayPolicy) -> tuple[Holiday, ...]:
    found = (holiday_on(day, policy.regions) for day in span.days())
    return tuple(holiday for holiday in found if holiday is not None)


def _working_window(span: DateSpan, policy: HolidayPolicy) -> DateSpan:
    """As many working days as the window has weekdays, from its first day on: a holiday
    pushes the window's end to the next working day ("jour ouvré suivant")."""
    wanted = sum(1 for day in span.days() if day.weekday() < Weekday.SATURDAY)
    days: list[dt.date] = []
    day = span.first
    while len(days) < max(wanted, 1):
        if is_working_day(day, policy.regions):
            days.append(day)
        day += dt.timedelta(days=1)
    return DateSpan(days[0], days[-1])


@functools.lru_cache(maxsize=16)
def expand(definition: Definition) -> tuple[Session, ...]:
    """Every session up to the definition's horizon, sorted by their actual first day.

    Pure, and definitions are frozen: remembered, since validation (definition.py) and
    rendering (render.py) both need it."""
    exceptions = {exception.session: exception for exception in definition.exceptions}
    length = dt.timedelta(days=definition.session_length - 1)
    delivery_rule = definition.delivery
    confirmation_rule = definition.confirmation
    appointments_after = definition.appointments.days_after_delivery
    policy = definition.holidays
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
        # Holiday rules apply where no explicit exception decided already.
        closed_for = None
        if is_open and exception is None and policy.sessions is SessionPolicy.CLOSE:
            found = _holiday_in(days, policy)
            closed_for = found[0] if found else None
            is_open = closed_for is None
        if not is_open:
            sessions.append(Session(nominal, days, None, exception, closed_for))
            continue
        moved_for: tuple[Holiday, ...] = ()
        if delivery is None:
            delivery = DateSpan(
                first + dt.timedelta(days=delivery_rule.first_day),
                first + dt.timedelta(days=delivery_rule.last_day),
            )
            if policy.deliveries is DeliveryPolicy.NEXT_WORKING_DAY:
                moved_for = _holiday_in(delivery, policy)
                if moved_for:
                    delivery = _working_window(delivery, policy)
        order = Order(
            delivery=delivery,
            confirmation=dt.datetime.combine(
                first + dt.timedelta(days=confirmation_rule.day), confirmation_rule.time
            ),
            appointments=delivery.last + dt.timedelta(days=appointments_after),
            moved_for=moved_for,
        )
        sessions.append(Session(nominal, days, order, exception))
    sessions.sort(key=lambda session: session.days.first)
    return tuple(sessions)
