"""Rules in force session by session: one timeline per kind of rule, replaced from a
session on by each block that states it, and merged into rulings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TypeVar

from vaxical.definition.identity import Identity
from vaxical.definition.reader import FIRST_DATE
from vaxical.model import Definition, Notice
from vaxical.rules import (
    AppointmentsRule,
    ConfirmationRule,
    DeliveryPolicy,
    DeliveryRule,
    HolidayPolicy,
    Period,
    Region,
    Reminder,
    Rules,
    Ruling,
    SessionException,
    SessionHours,
    SessionPolicy,
    Weekday,
)

V = TypeVar("V")


RULE_TABLES = ("sessions", "delivery", "confirmation", "appointments", "holidays")


_DEFAULT_HOLIDAYS = HolidayPolicy(
    frozenset({Region.METROPOLE}), SessionPolicy.KEEP, DeliveryPolicy.KEEP
)


@dataclass(frozen=True, slots=True)
class SessionSpec:
    days: tuple[Weekday, ...]
    hours: SessionHours | None


Timeline = tuple[tuple[dt.date, V], ...]


def at(timeline: Timeline[V], day: dt.date) -> V:
    found = timeline[0][1]
    for start, value in timeline:
        if start > day:
            break
        found = value
    return found


def replaced_from(timeline: Timeline[V], start: dt.date, value: V) -> Timeline[V]:
    """``timeline`` with ``value`` in force from ``start`` on, replacing what was."""
    return (*((s, v) for s, v in timeline if s < start), (start, value))


@dataclass(frozen=True, slots=True)
class State:
    """The rules after the blocks folded so far."""

    sessions: Timeline[SessionSpec] = ()
    delivery: Timeline[DeliveryRule] = ()
    confirmation: Timeline[ConfirmationRule | None] = ()
    appointments: Timeline[AppointmentsRule | None] = ()
    holidays: Timeline[HolidayPolicy] = ((FIRST_DATE, _DEFAULT_HOLIDAYS),)
    periods: tuple[Period, ...] = ()
    exceptions: tuple[SessionException, ...] = ()
    horizon: dt.date | None = None
    notices: tuple[Notice, ...] = field(default=())

    def definition(
        self,
        identity: Identity,
        source: str,
        revised: dt.datetime,
        reminders: tuple[Reminder, ...] = (),
    ) -> Definition:
        """The calendar as the revision of ``revised`` leaves the rules."""
        assert self.horizon is not None  # noqa: S101 - the first block states it
        return identity.definition(
            source,
            revised,
            self.horizon,
            self.rulings(),
            self.periods,
            self.exceptions,
            self.notices,
            reminders,
        )

    def rulings(self) -> tuple[Ruling, ...]:
        starts = sorted(
            {
                start
                for timeline in (
                    self.sessions,
                    self.delivery,
                    self.confirmation,
                    self.appointments,
                    self.holidays,
                )
                for start, _ in timeline
            }
        )
        rulings: list[Ruling] = []
        for start in starts:
            session = at(self.sessions, start)
            rules = Rules(
                session.days,
                session.hours,
                at(self.delivery, start),
                at(self.confirmation, start),
                at(self.appointments, start),
                at(self.holidays, start),
            )
            if not rulings or rulings[-1].rules != rules:
                rulings.append(Ruling(start, rules))
        return tuple(rulings)


def restated(state: State, new: tuple[Period, ...]) -> State:
    """The cadence from ``new``'s first start on replaced by ``new``; exceptions of the
    sessions it restates dropped."""
    start = new[0].start
    before = tuple(
        replace(
            period,
            end=min(period.end or start, start - dt.timedelta(days=1)),
            # What a closure kept closed ends with it: the new periods say the rest.
            announced=tuple(day for day in period.announced if day < start),
        )
        for period in state.periods
        if period.start < start
    )
    return replace(
        state,
        periods=(*before, *new),
        exceptions=tuple(e for e in state.exceptions if e.session < start),
    )
