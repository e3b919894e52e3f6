"""What changed between two versions of a calendar, session by session. Pure.

:func:`session_changes` compares the facts subscribers see of each session and returns
data (:class:`Change`: kinds, dates, reasons); :func:`human_text` words a change in
French for the page, the Atom feed and ``vaxical diff``, as notices word them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from vaxical.rules import DateSpan, SessionException
from vaxical.schedule import french
from vaxical.schedule.expand import Session, span_change
from vaxical.schedule.texts import SUSPENDED
from vaxical.schedule.zones import zone


@dataclass(frozen=True, slots=True)
class Facts:
    """What subscribers see of one session: what a change is measured on."""

    session: dt.date
    """The nominal first day: the session's identity."""
    days: DateSpan
    open: bool
    delivery: DateSpan | None = None
    confirmation: dt.datetime | None = None
    """Zone-aware."""
    appointments: dt.date | None = None
    reason: str | None = None
    """Why the session is not as the rules place it (an exception's reason)."""
    opens: dt.datetime | None = None
    """When the portal opens on the session's first day, zone-aware (an open session)."""
    closes: dt.datetime | None = None
    """When it closes on the session's last day."""
    hours_known: bool = True
    """False for a session read from a build that did not record the hours."""
    excepted: frozenset[str] = frozenset()
    """The kinds of change its exception makes (``reason`` goes with the first of them);
    none known for a session read from a published build."""


def facts(session: Session, timezone: str) -> Facts:
    order, exception = session.order, session.exception
    confirmation = None
    if order is not None and order.confirmation is not None:
        confirmation = order.confirmation.replace(tzinfo=zone(timezone))
    opens, closes = session.portal(timezone) or (None, None)
    return Facts(
        session=session.nominal,
        days=session.days,
        open=order is not None,
        delivery=None if order is None else order.delivery,
        confirmation=confirmation,
        appointments=None if order is None else order.appointments,
        reason=SUSPENDED if session.suspended else exception.reason if exception else None,
        opens=opens,
        closes=closes,
        excepted=frozenset() if exception is None else _excepted(exception),
    )


def _excepted(exception: SessionException) -> frozenset[str]:
    kinds = {"closed"} if exception.close else {"opened"} if exception.open else set()
    if exception.move_to is not None or exception.days is not None:
        kinds |= {"moved", "lengthened", "shortened"}
    if exception.delivery is not None:
        kinds.add("delivery")
    return frozenset(kinds)


Value = DateSpan | dt.datetime | dt.date | None


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one session, as data."""

    calendar_id: str
    session: dt.date
    """The nominal first day of the session concerned."""
    kind: str
    """added, removed, closed, opened, moved, lengthened, shortened, opens, closes (the
    portal's hours), delivery, confirmation, appointments."""
    days: DateSpan
    """The session's days as the change names them (before a move or closure, after
    otherwise)."""
    before: Value = None
    after: Value = None
    reason: str | None = None
    """Why, when the new version says so (an exception's reason)."""

    def text(self, year: int | None = None) -> str:
        """:func:`human_text`: dates of ``year`` without it, others with theirs."""
        return human_text(self, year)

    def as_json(self, year: int | None = None) -> dict[str, Any]:
        return {
            "calendar": self.calendar_id,
            "session": self.session.isoformat(),
            "kind": self.kind,
            "days": _json(self.days),
            "before": _json(self.before),
            "after": _json(self.after),
            "reason": self.reason,
            "text": self.text(year),
        }


@dataclass(frozen=True, slots=True)
class CalendarChange:
    """A whole calendar that one side of a comparison publishes and the other does not."""

    calendar_id: str
    kind: str
    """``calendar-added`` or ``calendar-removed``."""

    def text(self, year: int | None = None) -> str:
        said = "Nouveau calendrier" if self.kind == "calendar-added" else "Calendrier retiré"
        return f"{said} : {self.calendar_id}."

    def as_json(self, year: int | None = None) -> dict[str, Any]:
        """As :meth:`Change.as_json`, no session's fields given."""
        return {
            "calendar": self.calendar_id,
            "session": None,
            "kind": self.kind,
            **dict.fromkeys(("days", "before", "after", "reason")),
            "text": self.text(year),
        }


def _json(value: Value) -> object:
    if isinstance(value, DateSpan):
        return {"first_day": value.first.isoformat(), "last_day": value.last.isoformat()}
    return None if value is None else value.isoformat()


def _words(value: Value, year: int | None) -> str:
    if isinstance(value, DateSpan):
        return french.short_range(value, year=value.last.year != year)
    if isinstance(value, dt.datetime):
        day = value.date()
        return f"{french.long_date(day, year=day.year != year)}, {french.clock(value.time())}"
    if isinstance(value, dt.date):
        return french.long_date(value, year=value.year != year)
    return "—"


def human_text(change: Change, year: int | None = None) -> str:
    """The change in French, as a notice would say it. A date carries its year unless it
    is ``year`` (a revision's: "16-17 octobre" in a notice of 2023, "16-17 octobre 2024"
    when the notice is of 2023 and the session a year later); every date does when
    ``year`` is None."""
    days = french.short_range(change.days, year=change.days.last.year != year)
    before, after = _words(change.before, year), _words(change.after, year)
    reason = f" Motif : {change.reason}" if change.reason else ""
    match change.kind:
        case "added":
            state = "ouverte" if change.after is not None else "fermée"
            return f"Nouvelle session : {days} ({state}).{reason}"
        case "removed":
            return f"Session retirée : {days}."
        case "closed":
            return f"La session du {days} est fermée.{reason}"
        case "opened":
            return f"La session du {days} est ouverte.{reason}"
        case "moved":
            return f"La session du {days} est déplacée au {after}.{reason}"
        case "lengthened":
            return f"La session du {days} est allongée : {after}.{reason}"
        case "shortened":
            return f"La session du {days} est raccourcie : {after}.{reason}"
    # The lines that end on a date: a reason follows after a full stop.
    reason = f".{reason}" if reason else ""
    match change.kind:
        case "opens" | "closes":
            word = "Ouverture" if change.kind == "opens" else "Clôture"
            old, new = change.before, change.after
            # The same day: the new hour alone ("mardi 31 janvier, 23h00 → 18h00").
            if isinstance(old, dt.datetime) and isinstance(new, dt.datetime):
                after = french.clock(new.time()) if old.date() == new.date() else after
            return f"{word} de la session du {days} : {before} → {after}{reason}"
        case "delivery":
            return f"Livraison de la session du {days} : {before} → {after}{reason}"
        case "appointments":
            # « à partir du » before the first date there is: « à partir du — » is no French
            # (rules that give appointments from none, a session added for software).
            if change.before is None:
                before, after = "—", f"à partir du {after}"
            else:
                before, after = (
                    f"à partir du {before}",
                    "—" if change.after is None else f"du {after}",
                )
            return f"Rendez-vous de la session du {days} : {before} → {after}{reason}"
        case "confirmation":
            return f"Confirmation de commande de la session du {days} : {before} → {after}{reason}"
    raise ValueError(f"unknown change kind {change.kind!r}")


def _session_changes(
    calendar_id: str, before: Facts, after: Facts, complete: bool = False
) -> list[Change]:
    changes = _what_changed(calendar_id, before, after, complete)
    closed = bool(changes) and changes[0].kind == "closed"
    if changes and after.reason and (after.reason != before.reason or closed):
        # Why, when the new version says it anew (a closure, always): with the change the
        # exception makes, not repeated on each line.
        at = next((i for i, c in enumerate(changes) if c.kind in after.excepted), 0)
        changes[at] = replace(changes[at], reason=after.reason)
    return changes


def _what_changed(calendar_id: str, before: Facts, after: Facts, complete: bool) -> list[Change]:
    changes: list[Change] = []

    def add(kind: str, days: DateSpan, old: Value, new: Value) -> None:
        changes.append(Change(calendar_id, after.session, kind, days, old, new))

    if before.open and not after.open:
        return [Change(calendar_id, after.session, "closed", before.days)]
    if not before.open and after.open:
        add("opened", before.days, None, after.delivery)  # its delivery, as an added one
    if before.days != after.days:
        kinds = {"allongée": "lengthened", "raccourcie": "shortened", "déplacée": "moved"}
        kind = kinds[span_change(before.days, after.days)]
        add(kind, before.days, before.days, after.days)
    if not after.open or not (before.open or complete):
        return changes  # a reopened session's fields, for software alone (from none)
    # The portal's hours, as clocks of the calendar's zone read them: not the days (a
    # change of days is said above), nor the offset (a session moved past a DST change).
    if before.hours_known and after.hours_known:
        hours = (("opens", before.opens, after.opens), ("closes", before.closes, after.closes))
        for kind, old, new in hours:
            if (old is None) != (new is None) or (old and new and old.time() != new.time()):
                add(kind, after.days, old, new)
    if before.delivery != after.delivery:
        add("delivery", after.days, before.delivery, after.delivery)
    if before.appointments != after.appointments and (
        complete or before.delivery == after.delivery
    ):
        add("appointments", after.days, before.appointments, after.appointments)
    if before.confirmation != after.confirmation:
        add("confirmation", after.days, before.confirmation, after.confirmation)
    return changes


def session_changes(
    calendar_id: str, before: Sequence[Facts], after: Sequence[Facts], *, complete: bool = False
) -> tuple[Change, ...]:
    """Changes from ``before`` to ``after``, in session order. The change log leaves out
    the appointments that follow a changed delivery (its readers infer them); with
    ``complete`` (`vaxical diff --json`, for software), every changed field is a change."""
    old = {item.session: item for item in before}
    new = {item.session: item for item in after}
    changes: list[Change] = []
    for nominal in sorted(old.keys() | new.keys()):
        if nominal not in new:
            changes.append(Change(calendar_id, nominal, "removed", old[nominal].days))
        elif nominal not in old:
            added = new[nominal]
            changes.append(
                Change(
                    calendar_id,
                    nominal,
                    "added",
                    added.days,
                    after=added.delivery if added.open else None,
                    reason=added.reason,
                )
            )
            if complete and added.open:  # each of its fields, from none, as a reopened one's
                none = Facts(session=nominal, days=added.days, open=False)
                changes += _what_changed(calendar_id, none, added, complete)[1:]
        else:
            changes += _session_changes(calendar_id, old[nominal], new[nominal], complete)
    return tuple(changes)
