"""Expand a definition's rules into dated sessions. Pure: no clock, no I/O.

Each period has one session slot a week, starting on the session's first weekday and
counted from the period's ``start`` (never from ISO week numbers, which break in years
with a week 53). The cadence marks which slots are open; the others are closed sessions,
as the seed's table shows them. Each session follows the rules in force from its nominal
day (:meth:`Definition.rules_at`): exceptions close, open, move, lengthen or re-time it,
the holiday policy may close or lengthen it, and the offset rules give each open session
its delivery window, confirmation and appointments start.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from dateutil.rrule import rrulestr

from vaxical.model import Definition
from vaxical.rules import (
    Anchor,
    DateSpan,
    DeliveryPolicy,
    HolidayPolicy,
    Period,
    Rules,
    SessionException,
    SessionPolicy,
    Weekday,
)
from vaxical.schedule.holidays import Holiday, holiday_on, is_working_day
from vaxical.schedule.zones import stated_in, zone

WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Order:
    """What follows from an order placed during an open session."""

    delivery: DateSpan
    """The delivery window."""
    confirmation: dt.datetime | None
    """When the confirmation becomes visible: naive wall-clock time in the calendar's zone;
    ``None`` when the rules announce none."""
    appointments: dt.date | None
    """First day recommended for vaccination appointments; ``None`` when the rules give none."""
    j: dt.date
    """J, the day the rules count from: the Monday of a session opened from the Friday
    before or made longer at both ends (see :func:`_order`)."""
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
    rules: Rules | None = None
    """The rules in force for this session (``None`` only in hand-made test values)."""
    opened_early_for: Holiday | None = None
    """The public holiday that made the session open from the Friday before."""
    suspended: bool = False
    """The portal closes here until further notice: no session follows."""

    def __hash__(self) -> int:
        # Equal sessions have the same nominal and actual days, so this agrees with the
        # generated ``__eq__``. Hashing every field walked the rules and their enums (in
        # Python): a ledger of 261 notices spent half its replay hashing sessions.
        return hash((self.nominal, self.days.first, self.days.last))

    @property
    def is_open(self) -> bool:
        return self.order is not None

    @property
    def moved(self) -> bool:
        """An exception gave it other days, as many or none in common with the planned."""
        return self.change == "déplacée"

    def portal(self, tzid: str) -> tuple[dt.datetime, dt.datetime] | None:
        """When the portal opens on the first day of an open session and closes on its
        last, as aware times of the calendar's zone ``tzid`` (the rules may state them in
        another: 23:00 in Paris is 01:00 the next day in La Réunion); None when closed or
        when the rules state no hours."""
        hours = None if self.rules is None else self.rules.hours
        if self.order is None or hours is None:
            return None
        return (
            stated_in(self.days.first, hours.opens, hours.timezone, tzid),
            stated_in(self.days.last, hours.closes, hours.timezone, tzid),
        )

    @property
    def planned(self) -> DateSpan:
        """The days the rules gave it, before any exception or holiday moved them."""
        length = self.rules.length if self.rules is not None else len(self.days.days())
        return DateSpan(self.nominal, self.nominal + dt.timedelta(days=length - 1))

    @property
    def change(self) -> str:
        """How an exception changed its days (:func:`span_change` from :attr:`planned`);
        ``""`` without one (a session opened from the Friday before says why itself)."""
        return "" if self.exception is None else span_change(self.planned, self.days)


def span_change(before: DateSpan, after: DateSpan) -> str:
    """How a session's days went from ``before`` to ``after``, in the words of the events,
    the table and the change log alike: ``déplacée`` (other days, as many, or none in
    common), ``allongée`` (more days, some in common), ``raccourcie`` (fewer days, some in
    common), ``""`` (the same days)."""
    if after == before:
        return ""
    if after.last < before.first or before.last < after.first:
        return "déplacée"
    grown = (after.last - after.first) - (before.last - before.first)
    if grown.days > 0:
        return "allongée"
    return "raccourcie" if grown.days < 0 else "déplacée"


@dataclass(frozen=True, slots=True)
class Slot:
    """A week of a period: its first day and whether the cadence opens it."""

    day: dt.date
    scheduled_open: bool
    suspended: bool = False


def _open_days(period: Period, last: dt.date) -> frozenset[dt.date]:
    if period.rrule is None:
        return frozenset()
    start = dt.datetime.combine(period.start, dt.time())
    rule = rrulestr(period.rrule, dtstart=start)
    until = dt.datetime.combine(last, dt.time())
    return frozenset(moment.date() for moment in rule.between(start, until, inc=True))


def slots(periods: Sequence[Period], horizon: dt.date) -> Iterator[Slot]:
    """Every slot of the periods up to ``horizon``, in chronological order."""
    return iter(_slots(tuple(periods), horizon))


# Remembered: a ledger's states mostly share their periods and horizon, and the very
# slot objects let the sessions made from them be found by identity (_session_under).
@functools.lru_cache(maxsize=256)
def _slots(periods: tuple[Period, ...], horizon: dt.date) -> tuple[Slot, ...]:
    return tuple(_each_slot(periods, horizon))


def _each_slot(periods: tuple[Period, ...], horizon: dt.date) -> Iterator[Slot]:
    for period in periods:
        if period.suspended:
            # One closed session says so, and the sessions announced before stay, closed
            # too; no other follows until a later period reopens.
            yield Slot(period.start, False, suspended=True)
            last = horizon if period.end is None else min(period.end, horizon)
            yield from (Slot(day, False, suspended=True) for day in period.announced if day <= last)
            if period.end is None:
                return
            continue
        last = min(period.end, horizon) if period.end is not None else horizon
        by_rule = _open_days(period, last)
        day = period.start
        week = 0
        while day <= last:
            if period.rrule is not None:
                if day in by_rule or period.closed_weeks:
                    yield Slot(day, day in by_rule)
            else:
                yield Slot(day, week % period.every_weeks == 0)
            day += WEEK
            week += 1


def session_slots(periods: Sequence[Period], horizon: dt.date) -> Iterator[tuple[dt.date, bool]]:
    """Each slot's first day, and whether the cadence opens it, in chronological order."""
    for slot in slots(periods, horizon):
        yield slot.day, slot.scheduled_open


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
        day += DAY
    return DateSpan(days[0], days[-1])


def previous_friday(day: dt.date) -> dt.date:
    """The last Friday strictly before ``day``."""
    back = (day.weekday() - Weekday.FRIDAY) % 7 or 7
    return day - dt.timedelta(days=back)


def _confirmation(rules: Rules, anchor: dt.date, timezone: str) -> dt.datetime | None:
    rule = rules.confirmation
    if rule is None:
        return None
    local = dt.datetime.combine(anchor + dt.timedelta(days=rule.day), rule.time)
    if rule.timezone is None or rule.timezone == timezone:
        return local
    # "18h00, heure de Paris" in an overseas calendar: the same instant, in its own zone.
    stated = local.replace(tzinfo=zone(rule.timezone))
    return stated.astimezone(zone(timezone)).replace(tzinfo=None)


def _appointments(rules: Rules, delivery: DateSpan) -> dt.date | None:
    rule = rules.appointments
    if rule is None:
        return None
    if rule.weekday is None:
        return delivery.last + dt.timedelta(days=rule.days_after_delivery)
    ahead = (rule.weekday - delivery.last.weekday()) % 7 or 7
    return delivery.last + dt.timedelta(days=ahead)


def _order(
    rules: Rules, nominal: dt.date, days: DateSpan, delivery: DateSpan | None, timezone: str
) -> Order:
    # J: a session longer or shorter than the rule's that holds its nominal first day
    # keeps that day as J, whether opened from the Friday before (DGS-Urgent 2023-08:
    # 26-30 May 2023 delivered 8-9 June, J+10 from Monday 29 May), made longer at both
    # ends (Friday 22 to Wednesday 27 December: J is Monday 25) or cut to its Monday.
    # Otherwise (a moved session), J is the first day of a regular-length session
    # ending on the session's last day.
    other_length = (days.last - days.first).days + 1 != rules.length
    if other_length and days.first <= nominal <= days.last:
        anchor = nominal
    else:
        anchor = days.last - dt.timedelta(days=rules.length - 1)
    moved_for: tuple[Holiday, ...] = ()
    if delivery is None:
        rule = rules.delivery
        base = anchor if rule.counted_from is Anchor.FIRST_DAY else days.last
        delivery = DateSpan(
            base + dt.timedelta(days=rule.first_day), base + dt.timedelta(days=rule.last_day)
        )
        if rules.holidays.deliveries is DeliveryPolicy.NEXT_WORKING_DAY:
            moved_for = _holiday_in(delivery, rules.holidays)
            if moved_for:
                delivery = _working_window(delivery, rules.holidays)
    return Order(
        delivery=delivery,
        confirmation=_confirmation(rules, anchor, timezone),
        appointments=_appointments(rules, delivery),
        j=anchor,
        moved_for=moved_for,
    )


# Sessions already made under one set of rules in one zone, by slot and exception: a
# session depends on nothing else, and a ledger expands each of its states, which
# differ in a session or two. Each other session is then the very object of the
# previous state (which its replay compares by identity, vaxical.history.revisions),
# where a ledger of 261 notices made every one 261 times. Remembered for the last
# rules met: their hash walks every field, so it is taken once per state, not per slot.
Made = dict[tuple[Slot, SessionException | None], Session]


@functools.lru_cache(maxsize=64)
def _made_under(rules: Rules, timezone: str) -> Made:
    return {}


def _session(
    rules: Rules, timezone: str, slot: Slot, exception: SessionException | None
) -> Session:
    if slot.suspended:
        span = DateSpan(slot.day, slot.day + dt.timedelta(days=rules.length - 1))
        return Session(slot.day, span, None, None, rules=rules, suspended=True)
    is_open = slot.scheduled_open
    first = slot.day
    delivery: DateSpan | None = None
    given: DateSpan | None = None
    if exception is not None:
        is_open = (slot.scheduled_open and not exception.close) or exception.open
        first = exception.move_to or slot.day
        delivery = exception.delivery
        given = exception.days
    days = given or DateSpan(first, first + dt.timedelta(days=rules.length - 1))
    policy = rules.holidays
    closed_for = opened_early_for = None
    # Holiday rules apply where no explicit exception decided already.
    if is_open and exception is None and policy.sessions is not SessionPolicy.KEEP:
        found = _holiday_in(days, policy)
        if found and policy.sessions is SessionPolicy.CLOSE:
            closed_for = found[0]
            is_open = False
        elif found:
            opened_early_for = found[0]
            days = DateSpan(previous_friday(days.first), days.last)
    if not is_open:
        return Session(slot.day, days, None, exception, closed_for, rules=rules)
    order = _order(rules, slot.day, days, delivery, timezone)
    return Session(slot.day, days, order, exception, rules=rules, opened_early_for=opened_early_for)


@functools.lru_cache(maxsize=1024)
def expand(definition: Definition) -> tuple[Session, ...]:
    """Every session up to the definition's horizon, sorted by their actual first day.

    Pure, and definitions are frozen: remembered, since validation and rendering both
    need it."""
    exceptions = {exception.session: exception for exception in definition.exceptions}
    extra = [Slot(e.session, True) for e in definition.exceptions if e.extra]
    ordered = sorted(
        itertools.chain(slots(definition.periods, definition.horizon), extra),
        key=lambda slot: slot.day,
    )
    timezone = definition.timezone
    made: dict[int, Made] = {}  # by the identity of the rules, alive during the call
    sessions = []
    for slot in ordered:
        rules = definition.rules_at(slot.day)
        under = made.get(id(rules))
        if under is None:
            under = made[id(rules)] = _made_under(rules, timezone)
        key = (slot, exceptions.get(slot.day))
        session = under.get(key)
        if session is None:
            session = under[key] = _session(rules, timezone, *key)
        sessions.append(session)
    sessions.sort(key=lambda session: session.days.first)
    return tuple(sessions)
