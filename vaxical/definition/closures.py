"""Closures of the portal until further notice: the sessions earlier blocks had announced
after one stay, closed (:func:`announced`), and no exception may open, move or change a
session inside one (:class:`Closure`, which the exceptions are checked against)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from vaxical.definition.timeline import State, at
from vaxical.rules import DateSpan, Period
from vaxical.schedule.expand import session_slots

EARLY = 3
"""How many days before its first day a reopening session may open: a Monday's, from the
Friday before."""


@dataclass(frozen=True, slots=True)
class Closure:
    """A closure of the portal until further notice, from ``start``; ``reopened``: the
    first session of the period that reopened the portal, if one did. Every day between
    is closed; the reopening session's own days may still start up to :data:`EARLY` days
    before it (from the Friday before a Monday, as over a holiday), on no day of a
    session the closure closed (``closed``)."""

    start: dt.date
    reopened: dt.date | None
    closed: tuple[DateSpan, ...]

    def holds(self, day: dt.date, *, reopening: bool = False) -> bool:
        """Whether ``day`` is closed; ``reopening``: a day of the reopening session."""
        if self.reopened is not None and reopening:
            early = self.reopened - dt.timedelta(days=EARLY)
            closed = any(span.first <= day <= span.last for span in self.closed)
            return closed or self.start <= day < early
        return self.start <= day and (self.reopened is None or day < self.reopened)

    def __str__(self) -> str:
        if self.reopened is None:
            return f"the closure until further notice (from {self.start.isoformat()})"
        return (
            f"the portal's closure (from {self.start.isoformat()} to the session of "
            f"{self.reopened.isoformat()})"
        )


def closures(state: State) -> tuple[Closure, ...]:
    """The closures until further notice of ``state``'s periods, each with the days of the
    sessions it closed. A closure that another follows lasts through it."""
    found = []
    for index, period in enumerate(state.periods):
        if not period.suspended:
            continue
        later = state.periods[index + 1 :]
        reopening = next((p.start for p in later if not p.suspended), None)
        starts = [period.start, *period.announced]
        closed = tuple(
            DateSpan(day, day + dt.timedelta(days=len(at(state.sessions, day).days) - 1))
            for day in starts
        )
        found.append(Closure(period.start, reopening, closed))
    return tuple(found)


def announced(state: State, new: tuple[Period, ...]) -> tuple[Period, ...]:
    """``new`` with a closure until further notice that knows the sessions published
    after its start (:attr:`Period.announced`): they stay in the feeds, closed, where they
    would vanish from subscribers' calendars without a word."""
    last = new[-1]
    if not last.suspended or state.horizon is None:
        return new
    slots = (day for day, _ in session_slots(state.periods, state.horizon))
    extras = (e.session for e in state.exceptions if e.extra)  # within the horizon
    days = tuple(sorted(day for day in {*slots, *extras} if day > last.start))
    return (*new[:-1], replace(last, announced=days))
