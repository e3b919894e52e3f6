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
    Anchor,
    AppointmentsRule,
    ConfirmationRule,
    Definition,
    DeliveryRule,
    Notice,
    Rules,
)
from vaxical.schedule import french
from vaxical.schedule.expand import Order, Session
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

    @property
    def category(self) -> str:
        """The CATEGORIES value: Outlook and Thunderbird colour events by it."""
        return _CATEGORIES[self]

    @property
    def uid_part(self) -> str:
        return _UID_PARTS[self]


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


@dataclass(frozen=True, slots=True)
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

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def sort_key(self) -> tuple[dt.date, dt.time, int, str]:
        if isinstance(self.start, dt.datetime):
            return (self.start.date(), self.start.time(), _ORDER[self.kind], self.uid)
        return (self.start, dt.time.min, _ORDER[self.kind], self.uid)


def uid(calendar_id: str, kind: Kind, session: dt.date) -> str:
    return f"{calendar_id}-{kind.uid_part}-{session:%Y%m%d}@vaxical"


def source_notice(definition: Definition, day: dt.date) -> Notice:
    """The newest notice published on or before ``day``; the oldest for earlier days."""
    published = [notice for notice in definition.notices if notice.date <= day]
    return published[0] if published else definition.notices[-1]


def _rules(session: Session) -> Rules:
    assert session.rules is not None  # noqa: S101 - expand() always sets them
    return session.rules


def _note(rule: ConfirmationRule | AppointmentsRule | None) -> str:
    return rule.note if rule is not None else ""


def _delay(rule: DeliveryRule) -> str:
    """The delivery rule as notices write it: J+10, or "fin de session + 2"."""
    if rule.counted_from is Anchor.LAST_DAY:
        return f"{rule.first_day} jour{'s' if rule.first_day > 1 else ''} après la session"
    return f"J+{rule.first_day}"


def moved_for_holidays(order: Order) -> str:
    """Why a delivery window moved by the holiday policy, or ``""``."""
    if not order.moved_for:
        return ""
    days = " ; ".join(french.holiday(h.day, h.name) for h in order.moved_for)
    return f"Livraison décalée au jour ouvré suivant : {days}."


class _Writer:
    """The French texts of one calendar's events."""

    def __init__(self, definition: Definition, sources: Mapping[dt.date, Notice]) -> None:
        self.definition = definition
        self.sources = sources
        # Links as plain text: Google ignores the URL property (rule 15). The portal link
        # goes only where the pharmacist acts on it, to keep feeds small (rule 19).
        self.portal = f"Outil de commande : {definition.portal_url}"
        self.site = f"Calendrier complet et abonnements : {definition.base_url}"

    def _join(self, session: Session, *parts: str, portal: bool = False) -> str:
        """The text, then the links. The source cited is the notice that made the session
        what it is (:func:`vaxical.history.publish`), or the notice in force when it starts:
        a new notice then changes only the events it governs, not every event of every
        subscriber."""
        notice = self.source(session)
        source = (
            f"Source : {notice.reference} du {french.day_month(notice.date, year=True)}"
            f" – {notice.url}"
        )
        footer = "\n".join((self.portal, self.site, source) if portal else (self.site, source))
        return "\n".join(part for part in parts if part) + "\n\n" + footer

    def _closed_reason(self, session: Session) -> str:
        if session.suspended:
            return "Motif : portail fermé jusqu'à nouvel ordre."
        if session.exception is not None and session.exception.close:
            return f"Motif : {session.exception.reason}"
        if session.closed_for is not None:
            holiday = session.closed_for
            return f"Motif : {french.holiday(holiday.day, holiday.name)}."
        for period in self.definition.periods:
            ended = period.end is not None and session.nominal > period.end
            if period.start <= session.nominal and not ended:
                if period.rrule is None:
                    return f"Motif : ouverture {french.cadence(period.every_weeks)}."
                return "Motif : calendrier d'ouverture."
        return ""

    def _changes(self, session: Session) -> str:
        exception = session.exception
        if exception is None or exception.close:
            return ""
        lines = []
        if session.moved:
            nominal = session.days.shifted((session.nominal - session.days.first).days)
            lines.append(f"Session déplacée (prévue initialement {french.long_range(nominal)}).")
        if exception.open:
            lines.append("Ouverture exceptionnelle.")
        if exception.delivery is not None:
            lines.append("Livraison modifiée.")
        lines.append(f"Motif : {exception.reason}")
        return "\n".join(lines)

    def _delivery_line(self, session: Session, order: Order) -> str:
        exception = session.exception
        if exception is not None and exception.delivery is not None:
            how = "date indicative, modifiée par exception"
        elif order.moved_for:
            how = "date indicative, décalée au jour ouvré suivant"
        else:
            how = f"{_delay(_rules(session).delivery)}, date indicative, sauf exception"
        return f"{french.between(order.delivery)} ({how})"

    def closed_session(self, session: Session, next_open: Session | None) -> tuple[str, str]:
        product = self.definition.product
        following = f"Prochaine session : {french.long_range(next_open.days)}." if next_open else ""
        return (
            f"Portail de commande fermé – {product}",
            self._join(
                session,
                f"Pas de session de commande ({product}) {french.long_range(session.days)}.",
                self._closed_reason(session),
                following,
            ),
        )

    def source(self, session: Session) -> Notice:
        """The notice the session's events cite."""
        return self.sources.get(session.nominal) or source_notice(
            self.definition, session.days.first
        )

    def _clock(self, session: Session, moment: dt.datetime) -> str:
        """A confirmation time, with the time in the zone the notice states it in when
        that is not the calendar's ("13h00 (18h00, heure de Paris)")."""
        text = french.clock(moment.time())
        rule = _rules(session).confirmation
        if rule is None or rule.timezone in (None, self.definition.timezone):
            return text
        return f"{text} ({french.clock(rule.time)}, {french.zone_name(rule.timezone)})"

    def _opening(self, session: Session) -> str:
        product = self.definition.product
        hours = _rules(session).hours
        if hours is None:
            text = f"Session de commande ({product}) : {french.long_range(session.days)}."
        else:
            first, last = session.days.first, session.days.last
            text = (
                f"Session de commande ({product}) : du {french.long_date(first, year=False)} "
                f"à {french.clock(hours.opens)} au {french.long_date(last, year=False)} "
                f"à {french.clock(hours.closes)}."
            )
        holiday = session.opened_early_for
        if holiday is not None:
            text += (
                " Ouverte dès le vendredi précédent en raison du jour férié : "
                f"{french.holiday(holiday.day, holiday.name)}."
            )
        return text

    def open_session(self, session: Session, order: Order) -> tuple[str, str]:
        product = self.definition.product
        confirmation = order.confirmation
        return (
            f"Portail de commande ouvert – {product}",
            self._join(
                session,
                self._opening(session),
                self._changes(session),
                moved_for_holidays(order),
                f"Livraison : {self._delivery_line(session, order)}.",
                f"Confirmation de commande : {french.long_date(confirmation.date())} "
                f"à partir de {self._clock(session, confirmation)}."
                if confirmation is not None
                else "",
                f"Rendez-vous : à planifier à partir du {french.long_date(order.appointments)}."
                if order.appointments is not None
                else "",
                portal=True,
            ),
        )

    def delivery(self, session: Session, order: Order) -> tuple[str, str]:
        exception = session.exception
        changed = (
            f"Livraison modifiée. Motif : {exception.reason}"
            if exception is not None and (exception.delivery is not None or exception.move_to)
            else moved_for_holidays(order)
        )
        product = self.definition.product
        return (
            f"Livraison – {product} (commande du {french.short_range(session.days)})",
            self._join(
                session,
                f"Commande passée {french.long_range(session.days)} : "
                f"livraison {self._delivery_line(session, order)}.",
                changed,
                _rules(session).delivery.note,
            ),
        )

    def confirmation(self, session: Session, moment: dt.datetime) -> tuple[str, str]:
        return (
            f"Confirmation de commande visible – {self.definition.product}",
            self._join(
                session,
                f"La confirmation de la commande passée {french.long_range(session.days)} est "
                f"consultable à partir du {french.long_date(moment.date())} "
                f"à {self._clock(session, moment)}.",
                _note(_rules(session).confirmation),
                portal=True,
            ),
        )

    def appointments(self, session: Session, order: Order, day: dt.date) -> tuple[str, str]:
        return (
            f"Début des rendez-vous – {self.definition.product}",
            self._join(
                session,
                "Il est recommandé de planifier les rendez-vous de vaccination à partir du "
                f"{french.long_date(day)}, après la livraison prévue "
                f"{french.between(order.delivery)} (commande du "
                f"{french.short_range(session.days)}).",
                _note(_rules(session).appointments),
            ),
        )


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
    product = definition.product
    last = _rules(session).length - 1
    alarms = []
    for reminder in definition.reminders:
        day = session.days.first + dt.timedelta(days=reminder.day)
        if reminder.day < 0:
            text = (
                f"Le portail de commande ouvre {french.long_date(session.days.first)} – {product}"
            )
        elif reminder.day == 0:
            text = f"Le portail de commande est ouvert aujourd'hui – {product}"
        elif reminder.day == last:
            text = f"Dernier jour pour commander – {product}"
        elif reminder.day < last:
            text = f"Session de commande en cours – {product}"
        else:
            text = f"Session de commande terminée – {product}"
        trigger = dt.timedelta(days=reminder.day) + dt.timedelta(
            hours=reminder.time.hour, minutes=reminder.time.minute
        )
        alarms.append(Alarm(trigger, dt.datetime.combine(day, reminder.time, tzinfo=tz), text))
    return tuple(alarms)


def build_events(
    definition: Definition,
    sessions: tuple[Session, ...],
    sources: Mapping[dt.date, Notice] | None = None,
) -> tuple[Event, ...]:
    """Every event of one calendar, sorted by start, then kind, then UID. ``sources``:
    the notice each session cites, by nominal day (default: the one in force then)."""
    writer = _Writer(definition, sources or {})
    next_open = _next_open(sessions)
    events = [
        event
        for session in sessions
        for event in session_events(writer, session, next_open[session.nominal])
    ]
    events.sort(key=lambda event: event.sort_key)
    return tuple(events)


class EventMaker:
    """The events of one session at a time, for a calendar revision by revision: a
    session's events depend only on the session, the open session after a closed one,
    the notice it cites and (for a closed one) the period it falls in, so a session that
    a revision left alone keeps the very same events (:func:`vaxical.history.publish`)."""

    def __init__(self) -> None:
        self._made: dict[object, tuple[Event, ...]] = {}

    def build(
        self,
        definition: Definition,
        sessions: tuple[Session, ...],
        sources: Mapping[dt.date, Notice],
    ) -> tuple[Event, ...]:
        """The events of ``sessions``, in session order (not sorted by start)."""
        writer = _Writer(definition, sources)
        next_open = _next_open(sessions)
        events: list[Event] = []
        for session in sessions:
            following = next_open[session.nominal]
            key = (
                session,
                None if session.is_open or following is None else following.days,
                writer.source(session),
                None if session.is_open else definition.periods,
                definition.reminders,
            )
            made = self._made.get(key)
            if made is None:
                made = self._made[key] = session_events(writer, session, following)
            events += made
        return tuple(events)


def session_events(
    writer: _Writer, session: Session, next_open: Session | None
) -> tuple[Event, ...]:
    """The events of one session."""
    definition = writer.definition
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
                uid(definition.id, kind, session.nominal),
                kind,
                session.nominal,
                start,
                end,
                summary,
                description,
                alarms,
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
    rule = _rules(session).confirmation
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
