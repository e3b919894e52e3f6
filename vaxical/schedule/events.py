"""Calendar events from expanded sessions: identity (UID), dates and French text. Pure.

UIDs derive from what an event *is*: calendar, kind and the nominal session it belongs
to (docs/calendar-clients.md rules 7 and 8). An open session and the same session closed by
an exception share a UID, so subscribers see the event change rather than a duplicate;
a moved session keeps the UID of the session it replaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from vaxical.model import (
    Definition,
    Notice,
)
from vaxical.schedule import french
from vaxical.schedule.expand import Session
from vaxical.schedule.texts import Writer, rules_of
from vaxical.schedule.zones import zone


class Kind(Enum):
    """What an event is. The value is the JSON name; see :attr:`category` for clients."""

    SESSION_OPEN = "session_open"
    SESSION_CLOSED = "session_closed"
    DELIVERY = "delivery"
    CONFIRMATION = "confirmation"
    APPOINTMENTS = "appointments"
    REMINDER = "reminder"
    """An open session again, with alarms: only in the opt-in reminders feed."""

    # Members are singletons compared by identity: hashed by it too, in C, where Enum's
    # own hash (of the name, in Python) cost a five-year deployment 700,000 calls for
    # the feeds' selections and the tables by kind. No output depends on set order.
    __hash__ = object.__hash__

    @property
    def category(self) -> str:
        """The CATEGORIES value: Outlook and Thunderbird colour events by it."""
        return _CATEGORIES[self]


_CATEGORIES = {
    Kind.SESSION_OPEN: "Portail ouvert",
    Kind.SESSION_CLOSED: "Portail fermé",
    Kind.DELIVERY: "Livraison",
    Kind.CONFIRMATION: "Confirmation de commande",
    Kind.APPOINTMENTS: "Rendez-vous",
    Kind.REMINDER: "Portail ouvert",
}
# Open and closed sessions share "session": closing a session changes the event in place.
_UID_PARTS = {
    Kind.SESSION_OPEN: "session",
    Kind.SESSION_CLOSED: "session",
    Kind.DELIVERY: "livraison",
    Kind.CONFIRMATION: "confirmation",
    Kind.APPOINTMENTS: "rendez-vous",
    Kind.REMINDER: "rappel",
}
# Same-day events appear in the order a pharmacist meets them.
_ORDER = {kind: index for index, kind in enumerate(Kind)}


@dataclass(frozen=True, slots=True)
class Alarm:
    """A VALARM of the reminders feed."""

    trigger: dt.timedelta
    """From the start of the (all-day) event: 9 hours is 09:00 on its first day."""
    at: dt.datetime
    """The wall-clock moment it fires in the calendar's zone (for JSON and the page)."""
    description: str


@dataclass(frozen=True, slots=True, init=False)
class Event:
    """One calendar event, ready for any renderer."""

    uid: str
    kind: Kind
    session: dt.date
    """First day of the nominal session the event belongs to."""
    start: dt.date | dt.datetime
    """A date for all-day events; a zone-aware datetime for timed ones."""
    end: dt.date | dt.datetime
    """Exclusive, as iCalendar's DTEND: the day after the last day of an all-day event."""
    summary: str
    description: str
    alarms: tuple[Alarm, ...] = ()
    sequence: int = 0
    """RFC 5545 SEQUENCE: how many times the event's content changed since first published."""
    modified: dt.datetime | None = None
    """When its content last changed (UTC): DTSTAMP and LAST-MODIFIED. ``None``: the
    definition's ``revised``."""

    def __init__(
        self,
        uid: str,
        kind: Kind,
        session: dt.date,
        start: dt.date | dt.datetime,
        end: dt.date | dt.datetime,
        summary: str,
        description: str,
        alarms: tuple[Alarm, ...] = (),
        sequence: int = 0,
        modified: dt.datetime | None = None,
    ) -> None:
        # The __init__ a frozen dataclass writes calls object.__setattr__ for each field,
        # which took twice as long as setting each slot through its descriptor (set
        # below the class) for the 40,000 events of a five-year deployment. A new field
        # goes here too, and in :meth:`published`.
        _set_uid(self, uid)
        _set_kind(self, kind)
        _set_session(self, session)
        _set_start(self, start)
        _set_end(self, end)
        _set_summary(self, summary)
        _set_description(self, description)
        _set_alarms(self, alarms)
        _set_sequence(self, sequence)
        _set_modified(self, modified)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    def stamp(self, revised: dt.datetime) -> dt.datetime:
        """Its DTSTAMP and LAST-MODIFIED: its last change, else the definition's
        ``revised`` (what the feeds, the JSON and a build read back all say)."""
        return self.modified or revised

    def published(self, sequence: int, modified: dt.datetime) -> Event:
        """This event with its SEQUENCE and last change: ``dataclasses.replace``, without
        its cost (a look-up by name of each field), for every event a revision changes.
        A new field must be passed on here too (tests/test_expand.py compares the two)."""
        return Event(
            self.uid,
            self.kind,
            self.session,
            self.start,
            self.end,
            self.summary,
            self.description,
            self.alarms,
            sequence,
            modified,
        )

    @property
    def sort_key(self) -> tuple[dt.date, dt.time, int, str]:
        if isinstance(self.start, dt.datetime):
            return (self.start.date(), self.start.time(), _ORDER[self.kind], self.uid)
        return (self.start, dt.time.min, _ORDER[self.kind], self.uid)


# Each field's slot setter, for :meth:`Event.__init__` (the slots of a frozen instance).
_set_uid, _set_kind, _set_session, _set_start, _set_end = (
    Event.__dict__[name].__set__ for name in ("uid", "kind", "session", "start", "end")
)
_set_summary, _set_description, _set_alarms, _set_sequence, _set_modified = (
    Event.__dict__[name].__set__
    for name in ("summary", "description", "alarms", "sequence", "modified")
)


def uid_day(session: dt.date) -> str:
    """A session's nominal day as its events' UIDs write it: strftime's %Y%m%d (an
    unpadded year before 1000), without strftime, once for the session's events."""
    return f"{session.year}{session.month:02}{session.day:02}"


def uid(calendar_id: str, kind: Kind, day: str) -> str:
    """The UID of the ``kind`` event of the session of ``day`` (:func:`uid_day`)."""
    return f"{calendar_id}-{_UID_PARTS[kind]}-{day}@vaxical"


def _next_open(sessions: tuple[Session, ...]) -> dict[dt.date, Session | None]:
    """For each session, the open session that follows it (for closed sessions' text)."""
    following: dict[dt.date, Session | None] = {}
    open_after: Session | None = None
    for session in reversed(sessions):
        following[session.nominal] = open_after
        if session.is_open:
            open_after = session
    return following


def _alarms(definition: Definition, session: Session, tz: dt.tzinfo) -> tuple[Alarm, ...]:
    """The reminders' alarms of one open session. A reminder's ``day`` counts from the
    session's first day (J) as the rules give the session; from the rules' last day on (J
    itself excepted), it counts from the session's own last day, so that the last-day
    reminder stays on the last day of a session made longer (opened from the Friday
    before a holiday) or shorter. Each alarm's text says where its day is in the session.
    In a session cut to one day, the J and last-day reminders fall at the same moment:
    one alarm rings, which says both."""
    product = definition.product
    days = session.days
    rules_last = rules_of(session).length - 1
    # The portal's hours as the calendar's clocks read them: 08:00 in Paris is 11:00 in La
    # Réunion, after a 09:00 reminder there, and 23:00 is 18:00 in Martinique.
    opens, closes = session.portal(definition.timezone) or (None, None)
    alarms: dict[dt.datetime, Alarm] = {}
    for reminder in definition.reminders:
        from_last = 0 < rules_last <= reminder.day
        if from_last:
            day = days.last + dt.timedelta(days=reminder.day - rules_last)
        else:
            day = days.first + dt.timedelta(days=reminder.day)
        at = dt.datetime.combine(day, reminder.time, tzinfo=tz)
        last = ", dernier jour" if from_last else ""
        if day < days.first and (opens is None or opens.date() == days.first):
            text = f"Le portail de commande ouvre {french.long_date(days.first)} – {product}"
        elif opens is not None and at < opens:
            when = "aujourd'hui" if opens.date() == day else french.long_date(opens.date())
            clock = french.clock(opens.time())
            text = f"Le portail de commande ouvre {when} à {clock}{last} – {product}"
        elif closes is not None and at >= closes:
            text = f"Session de commande terminée – {product}"
        elif day < days.first:  # open already by the local clocks (a Sunday in Martinique)
            text = f"Le portail de commande est ouvert – {product}"
        elif day == days.first:
            text = f"Le portail de commande est ouvert aujourd'hui{last} – {product}"
        elif day == days.last or (closes is not None and day == closes.date()):
            text = f"Dernier jour pour commander – {product}"
        elif day < days.last:
            text = f"Session de commande en cours – {product}"
        else:
            text = f"Session de commande terminée – {product}"
        trigger = dt.timedelta(
            days=(day - days.first).days, hours=reminder.time.hour, minutes=reminder.time.minute
        )
        # Of two reminders at one moment, the last-day one rings: its text says both.
        if at not in alarms or from_last:
            alarms[at] = Alarm(trigger, at, text)
    return tuple(alarms.values())


def build_events(
    definition: Definition,
    sessions: tuple[Session, ...],
    sources: Mapping[dt.date, Notice] | None = None,
) -> tuple[Event, ...]:
    """Every event of one calendar, sorted by start, then kind, then UID. ``sources``:
    the notice each session cites, by nominal day (default: the one in force then)."""
    made = EventMaker().build(definition, sessions, sources or {})
    events = [event for same in made for event in same]
    return tuple(sorted(events, key=lambda event: event.sort_key))


class EventMaker:
    """The events of one session at a time, for a calendar revision by revision: a
    session's events depend only on the session, the open session after a closed one,
    the notice it cites and (for a closed one) the period it falls in, so a session that
    a revision left alone keeps the very same events
    (:func:`vaxical.history.revisions.publish`)."""

    def __init__(self) -> None:
        self._made: dict[object, tuple[Event, ...]] = {}
        """The events of the last call by key: a session back to what it was then (a
        second call of one revision, its notice cited anew) takes them again."""
        self._last: dict[dt.date, tuple[object, tuple[Event, ...]]] = {}
        """Each session's key and events in the last call: a revision leaves most
        sessions as they were (the very objects), which a tuple compares by identity
        without hashing a key."""

    def build(
        self,
        definition: Definition,
        sessions: tuple[Session, ...],
        sources: Mapping[dt.date, Notice],
        modified: dt.datetime | None = None,
    ) -> list[tuple[Event, ...]]:
        """The events of each of ``sessions``, in session order (not sorted by start):
        the very tuple an earlier call made when the session's events are unchanged.
        ``modified``: the last change of the events this call makes (an earlier call's
        keep theirs)."""
        writer = Writer(definition, sources)
        next_open = _next_open(sessions)
        events: list[tuple[Event, ...]] = []
        # Only this call's events are kept for the next: a revision that changes every
        # session of a long calendar must not hold the events of each one before it.
        made_now: dict[object, tuple[Event, ...]] = {}
        for session in sessions:
            following = next_open[session.nominal]
            key = (
                session,
                None if session.is_open or following is None else following.days,
                writer.source(session),
                None if session.is_open else definition.periods,
                definition.reminders,
            )
            last = self._last.get(session.nominal)
            if last is not None and last[0] == key:
                made = last[1]
            else:
                found = self._made.get(key)
                if found is None:
                    found = session_events(writer, session, following, modified)
                made = found
                self._last[session.nominal] = (key, made)
            made_now[key] = made
            events.append(made)
        self._made = made_now
        return events


def session_events(
    writer: Writer,
    session: Session,
    next_open: Session | None,
    modified: dt.datetime | None = None,
) -> tuple[Event, ...]:
    """The events of one session, each with SEQUENCE 0 and ``modified`` as last change."""
    definition = writer.definition
    nominal = session.nominal
    day = uid_day(nominal)
    events: list[Event] = []

    def add(
        kind: Kind,
        start: dt.date | dt.datetime,
        end: dt.date | dt.datetime,
        texts: tuple[str, str],
        alarms: tuple[Alarm, ...] = (),
    ) -> None:
        summary, description = texts
        events.append(
            Event(
                uid(definition.id, kind, day),
                kind,
                nominal,
                start,
                end,
                summary,
                description,
                alarms,
                0,
                modified,
            )
        )

    order = session.order
    days = session.days
    if order is None:
        texts = writer.closed_session(session, next_open)
        add(Kind.SESSION_CLOSED, days.first, days.end_exclusive, texts)
        return tuple(events)
    tz = zone(definition.timezone)
    texts = writer.open_session(session, order)
    add(Kind.SESSION_OPEN, days.first, days.end_exclusive, texts)
    if definition.reminders:
        add(Kind.REMINDER, days.first, days.end_exclusive, texts, _alarms(definition, session, tz))
    texts = writer.delivery(session, order)
    add(Kind.DELIVERY, order.delivery.first, order.delivery.end_exclusive, texts)
    rule = rules_of(session).confirmation
    if order.confirmation is not None and rule is not None:
        confirmation = order.confirmation.replace(tzinfo=tz)
        # Wall-clock arithmetic: "18:00 + 30 min" stays 18:30 local on a DST day.
        confirmation_end = confirmation + dt.timedelta(minutes=rule.minutes)
        texts = writer.confirmation(session, order.confirmation)
        add(Kind.CONFIRMATION, confirmation, confirmation_end, texts)
    if order.appointments is not None:
        appointments_end = order.appointments + dt.timedelta(days=1)
        texts = writer.appointments(session, order, order.appointments)
        add(Kind.APPOINTMENTS, order.appointments, appointments_end, texts)
    return tuple(events)
