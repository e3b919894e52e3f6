"""Calendar events from expanded sessions: identity (UID), dates and French text. Pure.

UIDs derive from what an event *is*: calendar, kind and the nominal session it belongs
to (docs/calendar-clients.md rules 7 and 8). An open session and the same session closed by
an exception share a UID, so subscribers see the event change rather than a duplicate;
a moved session keeps the UID of the session it replaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from vaxical import french
from vaxical.expand import Order, Session
from vaxical.model import Definition, Notice
from vaxical.zones import zone


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


def moved_for_holidays(order: Order) -> str:
    """Why a delivery window moved by the holiday policy, or ``""``."""
    if not order.moved_for:
        return ""
    days = " ; ".join(french.holiday(h.day, h.name) for h in order.moved_for)
    return f"Livraison décalée au jour ouvré suivant : {days}."


class _Writer:
    """The French texts of one calendar's events."""

    def __init__(self, definition: Definition) -> None:
        self.definition = definition
        # Links as plain text: Google ignores the URL property (rule 15). The portal link
        # goes only where the pharmacist acts on it, to keep feeds small (rule 19).
        self.portal = f"Outil de commande : {definition.portal_url}"
        self.site = f"Calendrier complet et abonnements : {definition.base_url}"

    def _join(self, session: Session, *parts: str, portal: bool = False) -> str:
        """The text, then the links. The source cited is the notice in force when the
        session starts: a new notice then changes only the events it governs, not every
        event of every subscriber."""
        notice = source_notice(self.definition, session.days.first)
        source = (
            f"Source : {notice.reference} du {french.day_month(notice.date, year=True)}"
            f" – {notice.url}"
        )
        footer = "\n".join((self.portal, self.site, source) if portal else (self.site, source))
        return "\n".join(part for part in parts if part) + "\n\n" + footer

    def _closed_reason(self, session: Session) -> str:
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
            how = f"J+{self.definition.delivery.first_day}, date indicative, sauf exception"
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

    def open_session(self, session: Session, order: Order) -> tuple[str, str]:
        product = self.definition.product
        confirmation = order.confirmation
        return (
            f"Portail de commande ouvert – {product}",
            self._join(
                session,
                f"Session de commande ({product}) : {french.long_range(session.days)}.",
                self._changes(session),
                moved_for_holidays(order),
                f"Livraison : {self._delivery_line(session, order)}.",
                f"Confirmation de commande : {french.long_date(confirmation.date())} "
                f"à partir de {french.clock(confirmation.time())}.",
                f"Rendez-vous : à planifier à partir du {french.long_date(order.appointments)}.",
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
                self.definition.delivery.note,
            ),
        )

    def confirmation(self, session: Session, order: Order) -> tuple[str, str]:
        moment = order.confirmation
        return (
            f"Confirmation de commande visible – {self.definition.product}",
            self._join(
                session,
                f"La confirmation de la commande passée {french.long_range(session.days)} est "
                f"consultable à partir du {french.long_date(moment.date())} "
                f"à {french.clock(moment.time())}.",
                self.definition.confirmation.note,
                portal=True,
            ),
        )

    def appointments(self, session: Session, order: Order) -> tuple[str, str]:
        return (
            f"Début des rendez-vous – {self.definition.product}",
            self._join(
                session,
                "Il est recommandé de planifier les rendez-vous de vaccination à partir du "
                f"{french.long_date(order.appointments)}, après la livraison prévue "
                f"{french.between(order.delivery)} (commande du "
                f"{french.short_range(session.days)}).",
                self.definition.appointments.note,
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
    last = definition.session_length - 1
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


def build_events(definition: Definition, sessions: tuple[Session, ...]) -> tuple[Event, ...]:
    """Every event of one calendar, sorted by start, then kind, then UID."""
    writer = _Writer(definition)
    tz = zone(definition.timezone)
    next_open = _next_open(sessions)
    events: list[Event] = []

    def add(
        kind: Kind,
        session: Session,
        start: dt.date | dt.datetime,
        end: dt.date | dt.datetime,
        texts: tuple[str, str],
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
            )
        )

    for session in sessions:
        order = session.order
        if order is None:
            texts = writer.closed_session(session, next_open[session.nominal])
            add(Kind.SESSION_CLOSED, session, session.days.first, session.days.end_exclusive, texts)
            continue
        texts = writer.open_session(session, order)
        add(Kind.SESSION_OPEN, session, session.days.first, session.days.end_exclusive, texts)
        if definition.reminders:
            summary, description = texts
            events.append(
                Event(
                    uid(definition.id, Kind.REMINDER, session.nominal),
                    Kind.REMINDER,
                    session.nominal,
                    session.days.first,
                    session.days.end_exclusive,
                    summary,
                    description,
                    _alarms(definition, session, tz),
                )
            )
        texts = writer.delivery(session, order)
        add(Kind.DELIVERY, session, order.delivery.first, order.delivery.end_exclusive, texts)
        confirmation = order.confirmation.replace(tzinfo=tz)
        # Wall-clock arithmetic: "18:00 + 30 min" stays 18:30 local on a DST day.
        confirmation_end = confirmation + dt.timedelta(minutes=definition.confirmation.minutes)
        texts = writer.confirmation(session, order)
        add(Kind.CONFIRMATION, session, confirmation, confirmation_end, texts)
        appointments_end = order.appointments + dt.timedelta(days=1)
        texts = writer.appointments(session, order)
        add(Kind.APPOINTMENTS, session, order.appointments, appointments_end, texts)
    events.sort(key=lambda event: event.sort_key)
    return tuple(events)
