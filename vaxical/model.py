"""The schedule definition as typed, frozen values. No I/O here.

A definition is read once by :mod:`vaxical.definition` and never changes afterwards;
everything downstream (expansion, rendering) is a pure function of these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum, IntEnum


class Weekday(IntEnum):
    """Days of the week, numbered as :meth:`datetime.date.weekday` numbers them."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6


class Region(Enum):
    """Where a public holiday applies. Values are what definitions write."""

    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"
    GUADELOUPE = "guadeloupe"
    GUYANE = "guyane"
    MARTINIQUE = "martinique"
    MAYOTTE = "mayotte"
    REUNION = "reunion"


REGION_LABELS = {
    Region.METROPOLE: "métropole",
    Region.ALSACE_MOSELLE: "Alsace-Moselle",
    Region.GUADELOUPE: "Guadeloupe",
    Region.GUYANE: "Guyane",
    Region.MARTINIQUE: "Martinique",
    Region.MAYOTTE: "Mayotte",
    Region.REUNION: "La Réunion",
}


class SessionPolicy(Enum):
    """What to do with a session that falls on a public holiday."""

    KEEP = "keep"
    CLOSE = "close"


class DeliveryPolicy(Enum):
    """What to do with a delivery window that holds a public holiday."""

    KEEP = "keep"
    NEXT_WORKING_DAY = "next-working-day"


@dataclass(frozen=True, slots=True)
class HolidayPolicy:
    """The "sauf exception" cases that follow from public holidays, as a rule."""

    regions: frozenset[Region]
    """Whose holidays the policy follows: ``metropole`` alone means the national ones."""
    sessions: SessionPolicy
    deliveries: DeliveryPolicy


@dataclass(frozen=True, slots=True, order=True)
class DateSpan:
    """Consecutive days, both ends included (as people say "17-18 juillet")."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"DateSpan ends before it starts: {self.first} > {self.last}")

    @property
    def end_exclusive(self) -> dt.date:
        """The day after the last, as iCalendar's DTEND for all-day events wants it."""
        return self.last + dt.timedelta(days=1)

    def shifted(self, days: int) -> DateSpan:
        step = dt.timedelta(days=days)
        return DateSpan(self.first + step, self.last + step)

    def days(self) -> tuple[dt.date, ...]:
        count = (self.last - self.first).days + 1
        return tuple(self.first + dt.timedelta(days=i) for i in range(count))


@dataclass(frozen=True, slots=True)
class Notice:
    """An official notice the rules come from (for instance a DGS-Urgent)."""

    reference: str
    """How the notice names itself: ``DGS-Urgent N°2023-11``."""
    date: dt.date
    title: str
    url: str
    summary: str
    """What the notice changed, in one or two sentences for the "Actualités" box."""


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time with one cadence.

    Every week of the period has a session slot starting on the session's first
    weekday. The cadence decides which slots are open; the others are published as
    closed sessions, as the seed's table shows them.
    """

    start: dt.date
    """The first session of the period (its first day). Anchors an every-N-weeks cadence."""
    end: dt.date | None
    """The last day on which a session of this period may start; ``None``: up to the horizon."""
    every_weeks: int
    """1: every week; 2: every other week counted from ``start``; ignored when ``rrule`` is set."""
    rrule: str | None
    """An RFC 5545 RRULE (without DTSTART) for cadences that "every N weeks" cannot say."""


@dataclass(frozen=True, slots=True)
class DeliveryRule:
    """When the orders of a session arrive, counted in days from the session's first day."""

    first_day: int
    """J+N of the first delivery day (J = first day of the session): 10 in the seed."""
    last_day: int
    note: str


@dataclass(frozen=True, slots=True)
class ConfirmationRule:
    """When the order confirmation becomes visible."""

    day: int
    """Days after the session's first day: 2 (the Wednesday) in the seed."""
    time: dt.time
    """Local wall-clock time in the calendar's zone: 18:00 in the seed."""
    minutes: int
    """How long the calendar event lasts, so that clients draw it as a block."""
    note: str


@dataclass(frozen=True, slots=True)
class AppointmentsRule:
    """When vaccination appointments can be planned from."""

    days_after_delivery: int
    """Days after the last day of the delivery window: 1 ("le lendemain") in the seed."""
    note: str


@dataclass(frozen=True, slots=True, order=True)
class Reminder:
    """An alarm of the opt-in reminders feed: a day of the session, at a local time."""

    day: int
    """Days from the session's first day (J): 0 the opening day, -1 the day before."""
    time: dt.time


@dataclass(frozen=True, slots=True)
class SessionException:
    """A "sauf exception" case: one session treated differently from the rule.

    Exactly one of ``close`` and ``open`` may be set, and ``close`` excludes the others.
    """

    session: dt.date
    """The first day of the session as the rules place it: the exception's target."""
    reason: str
    """Why, in French, shown to subscribers."""
    close: bool
    """Close a session the rules open."""
    open: bool
    """Open a session the rules leave closed."""
    move_to: dt.date | None
    """New first day of the session; its UID stays that of the nominal session."""
    delivery: DateSpan | None
    """Delivery window replacing the one the offset rule gives."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a calendar's change log (the "Actualités" box and the Atom feed)."""

    key: str
    """Stable identity: the Atom entry id derives from it."""
    date: dt.datetime
    """UTC."""
    title: str
    summary: str
    changes: tuple[str, ...]
    url: str


@dataclass(frozen=True, slots=True)
class Definition:
    """One calendar: everything a schedule definition file states."""

    source: str
    """The file it was read from, as the user named it (for messages)."""
    id: str
    """Stable identifier: file names, URLs and UIDs derive from it. Never changes once published."""
    name: str
    product: str
    """What is ordered, as it reads inside a sentence: ``vaccins Covid-19``."""
    description: str
    timezone: str
    base_url: str
    """Public https URL of the published folder, ending with ``/``."""
    portal_url: str
    revised: dt.datetime
    """When the rules last changed (UTC): DTSTAMP and LAST-MODIFIED of every event."""
    horizon: dt.date
    """The last day on which a session may start; open-ended periods stop there."""
    session_weekdays: tuple[Weekday, ...]
    """Consecutive weekdays a session spans, first to last."""
    periods: tuple[Period, ...]
    """In chronological order, not overlapping."""
    delivery: DeliveryRule
    confirmation: ConfirmationRule
    appointments: AppointmentsRule
    exceptions: tuple[SessionException, ...]
    """Sorted by target session."""
    notices: tuple[Notice, ...]
    """Newest first."""
    refresh_hours: int
    """How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL, Cache-Control)."""
    holidays: HolidayPolicy
    reminders: tuple[Reminder, ...]
    """Alarms of ``<id>-rappels.ics``; empty: no reminders feed (alarms stay out of the
    main feeds, docs/calendar-clients.md rule 16)."""

    @property
    def session_length(self) -> int:
        return len(self.session_weekdays)

    @property
    def latest_notice(self) -> Notice:
        return self.notices[0]
