"""What changed between two versions of a calendar, session by session, in plain French.
Pure: compares the session records of two builds (the ``sessions`` of ``<id>.json``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vaxical import french
from vaxical.model import DateSpan

Record = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Change:
    calendar_id: str
    session: str
    """ISO date of the nominal session concerned."""
    kind: str
    """added, removed, closed, opened, moved, lengthened, delivery, confirmation,
    appointments."""
    before: str | None
    after: str | None
    text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "calendar": self.calendar_id,
            "session": self.session,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        }


def _span(record: Mapping[str, str] | None) -> DateSpan | None:
    if record is None:
        return None
    return DateSpan(
        dt.date.fromisoformat(record["first_day"]), dt.date.fromisoformat(record["last_day"])
    )


def _short(record: Mapping[str, str] | None) -> str:
    span = _span(record)
    return french.short_range(span) if span else "—"


def _moment(text: str | None) -> str:
    if text is None:
        return "—"
    moment = dt.datetime.fromisoformat(text)
    return f"{french.long_date(moment.date(), year=False)}, {french.clock(moment.time())}"


def _day(text: str | None) -> str:
    return french.long_date(dt.date.fromisoformat(text), year=False) if text else "—"


def _session_changes(calendar_id: str, before: Record, after: Record) -> list[Change]:
    nominal = after["session"]
    name = f"La session du {_short(before['days'])}"
    changes: list[Change] = []

    def add(kind: str, old: str | None, new: str | None, text: str) -> None:
        changes.append(Change(calendar_id, nominal, kind, old, new, text))

    if before["open"] and not after["open"]:
        reason = f" Motif : {after['exception']}" if after.get("exception") else ""
        add("closed", "open", "closed", f"{name} est fermée.{reason}")
        return changes
    if not before["open"] and after["open"]:
        add("opened", "closed", "open", f"{name} est ouverte.")
    if before["days"] != after["days"]:
        was, now = _span(before["days"]), _span(after["days"])
        # A session opened from the Friday before a holiday keeps its days and gains some.
        longer = (
            was is not None and now is not None and now.first <= was.first <= was.last <= now.last
        )
        kind, verb = ("lengthened", "est allongée :") if longer else ("moved", "est déplacée au")
        add(
            kind,
            _short(before["days"]),
            _short(after["days"]),
            f"{name} {verb} {_short(after['days'])}.",
        )
    if not (before["open"] and after["open"]):
        return changes
    of = f"de la session du {_short(after['days'])}"
    if before["delivery"] != after["delivery"]:
        old, new = _short(before["delivery"]), _short(after["delivery"])
        add("delivery", old, new, f"Livraison {of} : {old} → {new}")
    elif before["appointments"] != after["appointments"]:
        old, new = _day(before["appointments"]), _day(after["appointments"])
        add("appointments", old, new, f"Rendez-vous {of} : à partir du {old} → du {new}")
    if before["confirmation"] != after["confirmation"]:
        old, new = _moment(before["confirmation"]), _moment(after["confirmation"])
        add("confirmation", old, new, f"Confirmation de commande {of} : {old} → {new}")
    return changes


def session_changes(
    calendar_id: str, before: Sequence[Record], after: Sequence[Record]
) -> tuple[Change, ...]:
    """Changes from ``before`` to ``after``, in session order."""
    old = {record["session"]: record for record in before}
    new = {record["session"]: record for record in after}
    changes: list[Change] = []
    for nominal in sorted(old.keys() | new.keys()):
        if nominal not in new:
            record = old[nominal]
            text = f"Session retirée : {_short(record['days'])}."
            changes.append(
                Change(calendar_id, nominal, "removed", _short(record["days"]), None, text)
            )
        elif nominal not in old:
            record = new[nominal]
            state = "ouverte" if record["open"] else "fermée"
            text = f"Nouvelle session : {_short(record['days'])} ({state})."
            changes.append(
                Change(calendar_id, nominal, "added", None, _short(record["days"]), text)
            )
        else:
            changes += _session_changes(calendar_id, old[nominal], new[nominal])
    return tuple(changes)
