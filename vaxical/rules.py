"""What notices rule, as typed, frozen values: the weekdays and length of a session, the
cadence of its periods, deliveries, confirmations, appointments, hours, public holidays,
reminders and the "sauf exception" cases. No I/O here.

The vocabulary :mod:`vaxical.model` builds a calendar's definitions and ledger from.
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
    PREVIOUS_FRIDAY = "previous-friday"
    """Open from the Friday before and keep the last day (DGS-Urgent 2023-08: « ouvertes
    dès le vendredi précédent et prendront fin le mardi à 23h »)."""


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


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 28 February for 29 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


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
    closed_weeks: bool = True
    """Publish the weeks the cadence leaves closed as closed sessions. Always so for every-N
    weeks; for an RRULE only when the definition says so (a monthly rule would otherwise
    publish three closures a month)."""
    suspended: bool = False
    """The portal closes until further notice from ``start``: one closed session is
    published there, and none after it but the ``announced`` ones."""
    announced: tuple[dt.date, ...] = ()
    """Of a closure in a ledger: the sessions after ``start`` that earlier blocks had
    published (first days), each kept, closed, rather than taken from subscribers."""


class Anchor(Enum):
    """The day a delivery rule counts from."""

    FIRST_DAY = "first-day"
    """J, the session's first day as the cadence places it (before any holiday extension)."""
    LAST_DAY = "last-day"
    """The session's last day (for sessions whose length varies)."""


@dataclass(frozen=True, slots=True)
class DeliveryRule:
    """When the orders of a session arrive, counted in days from its first day or its last
    (``counted_from``)."""

    first_day: int
    """J+N of the first delivery day (J = the day ``counted_from`` names): 10 in the seed."""
    last_day: int
    note: str
    counted_from: Anchor = Anchor.FIRST_DAY


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
    timezone: str | None = None
    """The zone ``time`` is stated in when it is not the calendar's ("18h00, heure de
    Paris" for an overseas calendar); ``None``: the calendar's zone."""


@dataclass(frozen=True, slots=True)
class AppointmentsRule:
    """When vaccination appointments can be planned from."""

    days_after_delivery: int
    """Days after the last day of the delivery window: 1 ("le lendemain") in the seed."""
    note: str
    weekday: Weekday | None = None
    """When set: the first such weekday after the delivery (« le lundi suivant »), and
    ``days_after_delivery`` is not used."""


@dataclass(frozen=True, slots=True)
class SessionHours:
    """When the portal opens on a session's first day and closes on its last."""

    opens: dt.time
    closes: dt.time
    timezone: str | None = None
    """The zone they are stated in when not the calendar's (Paris, for a national portal)."""


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything that governs one session, as the notices in force for it state it."""

    weekdays: tuple[Weekday, ...]
    """Consecutive weekdays a session spans, first to last."""
    hours: SessionHours | None
    delivery: DeliveryRule
    confirmation: ConfirmationRule | None
    """``None``: the notices announce no confirmation time; no confirmation event."""
    appointments: AppointmentsRule | None
    """``None``: no appointments event."""
    holidays: HolidayPolicy

    @property
    def length(self) -> int:
        return len(self.weekdays)


@dataclass(frozen=True, slots=True)
class Ruling:
    """Rules in force from one session on (« à compter de la session du … »)."""

    start: dt.date
    """The first nominal session day they govern."""
    rules: Rules


@dataclass(frozen=True, slots=True, order=True)
class Reminder:
    """An alarm of the opt-in reminders feed: a day of the session, at a local time."""

    day: int
    """Days from the session's first day (J): 0 the opening day, -1 the day before; from
    the rules' last day on, counted from the session's own last day (a session made
    longer or shorter keeps its last-day reminder: schedule/events.py)."""
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
    days: DateSpan | None = None
    """The session's days when they differ in length from the rule (a longer session,
    Friday to Tuesday); ``move_to`` is then not used."""
    extra: bool = False
    """A session the cadence does not have (an extra session on ``session``)."""
    kept: tuple[str | None, str | None, str | None, str] | None = None
    """Of an exception that keeps what an earlier block's said: the reasons of its
    opening or extra session, of its days and of its delivery (each when kept), and its
    own; ``reason`` says the ones that hold."""
