"""A session's orders come after it: the delivery after its last day, the confirmation
on that day or later, as the calendar's clocks read them; and its portal closes after it
opens. A table's own values are checked as it is read (vaxical.definition.sections);
here, each session of the calendar a block leaves, which a later block that lengthens
the sessions, an exception that lengthens one, a confirmation stated in another zone or
hours in the night of a clock change can make wrong though each table reads right.

Each problem is said once, of the first session it concerns, at the key of the block
that makes it so: the exception that gives the session its days, the block's own
delivery, confirmation or hours, the sessions whose days the rules in force no longer
fit; the block itself otherwise. The fix it gives holds for every session the problem
concerns.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from vaxical.definition import sections
from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.rules import ConfirmationRule, Rules, SessionHours
from vaxical.schedule import zones
from vaxical.schedule.expand import DAY, Order, Session


@dataclass(frozen=True, slots=True)
class Stated:
    """What one block states: a ledger's ``[[revisions]]`` block at ``where``, or a
    single-revision definition (``where = ()``). ``first``: its tables govern every
    session, whatever their ``from``."""

    where: KeyPath
    table: Mapping[str, Any]
    first: bool

    def governs(self, name: str, day: dt.date) -> bool:
        """Whether the block's table ``name`` is in force for the session of ``day``
        (a later block's would have replaced it, but none is read yet)."""
        start = self.start(name)
        return start is not None and start <= day

    def start(self, name: str) -> dt.date | None:
        table = self.table.get(name)
        if not isinstance(table, Mapping):
            return None
        if self.first:
            return dt.date.min
        start = table.get("from", self.table.get("from"))
        return start if isinstance(start, dt.date) else None

    def days_of(self, session: Session) -> KeyPath | None:
        """The `days` of the block's exception that gives ``session`` its days."""
        if session.exception is None or session.exception.days is None:
            return None
        found = self.exception_of(session)
        if found is None or "days" not in self.table["exceptions"][found[-1]]:
            return None
        return (*found, "days")

    def exception_of(self, session: Session) -> KeyPath | None:
        """The block's exception of ``session`` (by its nominal day), if it has one."""
        tables = self.table.get("exceptions")
        for index, table in enumerate(tables if isinstance(tables, list) else ()):
            if isinstance(table, Mapping) and table.get("session") == session.nominal:
                return (*self.where, "exceptions", index)
        return None

    def sessions_key(self, key: str) -> KeyPath:
        table = self.table["sessions"]
        return (*self.where, "sessions", key) if key in table else (*self.where, "sessions")

    def value(self, path: KeyPath) -> object:
        """The value written at ``path``, if any."""
        found: object = self.table
        for key in path[len(self.where) :]:
            if isinstance(found, Mapping) and isinstance(key, str):
                found = found.get(key)
            elif isinstance(found, list) and isinstance(key, int) and key < len(found):
                found = found[key]
            else:
                return None
        return None if isinstance(found, Mapping) else found  # a table: no one value


class Open(NamedTuple):
    """An open session, what follows from its orders, and the rules that gave it."""

    session: Session
    order: Order
    rules: Rules

    @property
    def ends(self) -> int:
        """The session's last day, counted from J."""
        return (self.session.days.last - self.order.j).days

    @property
    def regular(self) -> bool:
        """Whether the session lasts as the rules make every session, from J."""
        return self.session.days.first == self.order.j and self.ends == self.rules.length - 1

    def span(self) -> str:
        """When the session ends: as the rules make every session, or its own."""
        return sections.lasting(self.ends + 1) if self.regular else self.own_end()

    def own_end(self) -> str:
        return (
            f"the session of {self.session.nominal.isoformat()} ends on "
            f"{self.session.days.last.isoformat()}, J+{self.ends}"
        )


def check_orders(reader: Reader, tzid: str, sessions: Iterable[Session], stated: Stated) -> None:
    """The problems of the open sessions' deliveries, confirmations and hours."""
    opened: list[Open] = []
    suspect = False
    for session in sessions:
        order, rules = session.order, session.rules
        if order is None or rules is None:
            continue
        opened.append(Open(session, order, rules))
        # The common case in one pass, for a ledger checks every revision's calendar.
        last, shown = session.days.last, order.confirmation
        suspect = (
            suspect
            or order.delivery.first <= last
            or (shown is not None and shown.date() < last)
            or (rules.hours is not None and _wrong_hours(tzid, session) is not None)
        )
    if not suspect:
        return
    kinds: tuple[type[_Kind], ...] = (_Delivery, _Confirmation)
    for kind in kinds:
        found = [(each, kind.least(each)) for each in opened]
        wrong = [(each, least) for each, least in found if least is not None]
        if wrong:
            kind(reader, stated, tzid).report(wrong)
    _check_hours(reader, tzid, [each.session for each in opened], stated)


class _Kind:
    """A day the rules count from J for each session: the delivery's first, or the
    confirmation's; ``least``: the smallest value of its key that puts the session right,
    None when it is right."""

    name = ""
    key = ""
    restate = ""

    def __init__(self, reader: Reader, stated: Stated, tzid: str) -> None:
        self.reader, self.stated, self.tzid = reader, stated, tzid

    @staticmethod
    def least(each: Open) -> int | None:
        raise NotImplementedError

    def said(self, each: Open) -> str:
        """The rule in force, as its key is written."""
        raise NotImplementedError

    def rule_says(self, each: Open, least: int) -> tuple[str, str]:
        raise NotImplementedError

    def exception_says(self, each: Open) -> tuple[str, str]:
        raise NotImplementedError

    def blame(self, each: Open) -> KeyPath:
        days = self.stated.days_of(each.session)
        if days is not None and each.ends >= each.rules.length:
            return days  # the rules fit the sessions, not the days it gives this one
        if self.stated.governs(self.name, each.session.nominal):
            return (*self.stated.where, self.name, self.key)
        if self.stated.governs("sessions", each.session.nominal):
            return self.stated.sessions_key("days")
        return self.stated.where

    def report(self, wrong: list[tuple[Open, int]]) -> None:
        each = wrong[0][0]
        path = self.blame(each)
        least = max(least for other, least in wrong if self.blame(other) == path)
        stated = self.stated
        if path[: len(stated.where) + 1] == (*stated.where, "exceptions"):
            message, fix = self.exception_says(each)
        else:
            message, fix = self.rule_says(each, least)
            if path[len(stated.where) :][:1] != (self.name,):
                # The sessions the block lengthens, or the block: the rule in force is
                # an earlier block's, restated in this one.
                start = stated.start("sessions") if path != stated.where else None
                message = f"with the {self.name} in force ({self.said(each)}), {message}"
                since = f"`from = {(start or each.session.nominal).isoformat()}`"
                # The block's own table of that name governs later sessions only: its
                # `from` moves back (a table written twice is no TOML).
                own = stated.table.get(self.name)
                if not isinstance(own, Mapping):
                    fix = (
                        f"add [revisions.{self.name}] to this block with {since}"
                        f"{self.restate}, and in it {fix}"
                    )
                elif own.get("none") is True:  # it drops the rule: from these sessions on
                    fix = f"give [revisions.{self.name}] of this block {since}."
                else:
                    fix = f"give [revisions.{self.name}] of this block {since}, and in it {fix}"
        value = stated.value(path)
        self.reader.report(path, message, fix, value, has_value=value is not None)


class _Delivery(_Kind):
    name, key = "delivery", "first_day"

    @staticmethod
    def least(each: Open) -> int | None:
        exception = each.session.exception
        if exception is not None and exception.delivery is not None:
            return None  # given by the exception (vaxical.definition.schedule)
        if each.order.delivery.first > each.session.days.last:
            return None
        return each.ends + 1

    def said(self, each: Open) -> str:
        return f"first_day = {each.rules.delivery.first_day}"

    def rule_says(self, each: Open, least: int) -> tuple[str, str]:
        return sections.early_delivery(least, each.span())

    def exception_says(self, each: Open) -> tuple[str, str]:
        last, delivery = each.session.days.last, each.order.delivery
        after = (last + DAY, last + DAY + (delivery.last - delivery.first))
        return (
            f"would deliver before the session ends ({last.isoformat()}): the rules deliver "
            f"from J+{each.rules.delivery.first_day}, {delivery.first.isoformat()} "
            f"(J = {each.order.j.isoformat()}).",
            "give this exception a delivery after that day, e.g. "
            f"`delivery = [{after[0].isoformat()}, {after[1].isoformat()}]`, or end the "
            f"session before {delivery.first.isoformat()}.",
        )


class _Confirmation(_Kind):
    name, key = "confirmation", "day"
    restate = " and all its keys"

    @staticmethod
    def least(each: Open) -> int | None:
        rule, shown = each.rules.confirmation, each.order.confirmation
        if shown is None or rule is None or shown.date() >= each.session.days.last:
            return None
        return rule.day + (each.session.days.last - shown.date()).days

    @staticmethod
    def shown(each: Open) -> tuple[ConfirmationRule, dt.datetime]:
        rule, shown = each.rules.confirmation, each.order.confirmation
        assert rule is not None  # noqa: S101 - a session whose confirmation is shown
        assert shown is not None  # noqa: S101
        return rule, shown

    def said(self, each: Open) -> str:
        return f"day = {self.shown(each)[0].day}"

    def rule_says(self, each: Open, least: int) -> tuple[str, str]:
        rule, shown = self.shown(each)
        why = ""
        if rule.timezone is not None and rule.timezone != self.tzid:
            why = (
                f": J+{rule.day} at {rule.time:%H:%M} in {rule.timezone} is "
                f"{shown:%Y-%m-%d %H:%M} in {self.tzid}, the calendar's zone, and "
                f"{each.own_end().replace(', J+', ' (J+')})"
            )
        elif not each.regular:
            why = f" ({each.own_end()})"
        return sections.early_confirmation(least, why)

    def exception_says(self, each: Open) -> tuple[str, str]:
        rule, shown = self.shown(each)
        return (
            "would show the confirmation before the session's last day "
            f"({each.session.days.last.isoformat()}): the rules show it on J+{rule.day}, "
            f"{shown.date().isoformat()} (J = {each.order.j.isoformat()}).",
            f"end the session on or before {shown.date().isoformat()}.",
        )


def unsure_time(moment: dt.datetime, tzid: str) -> str:
    """What a local time that ``tzid``'s current rules do not place as the tz database
    does (a daylight-saving change skips or repeats it) is told."""
    return (
        f"{moment.isoformat(' ', 'minutes')} does not exist or is ambiguous in {tzid} "
        "(a daylight-saving change or a past rule change)"
    )


def _check_hours(reader: Reader, tzid: str, sessions: list[Session], stated: Stated) -> None:
    """The portal's hours of each session: said at a time that exists, and closing after
    it opens (a session an exception cuts to one day)."""
    for session in sessions:
        wrong = _wrong_hours(tzid, session)
        if wrong is None:
            continue
        key, moment = wrong
        if moment is None:
            _closes_before_opening(reader, session, stated)
            return
        zone = _hours(session).timezone or tzid
        ours = stated.governs("sessions", session.nominal)
        verb = "opens" if key == "opens" else "closes"
        reader.report(
            stated.sessions_key(key) if ours else stated.where,
            f"{unsure_time(moment, zone)}; the session's events and data would say the "
            f"portal {verb} at the wrong hour.",
            "choose session hours away from the night's DST change (e.g. `opens = "
            "08:00:00` and `closes = 23:00:00`), or move the session with an exception.",
            stated.table["sessions"].get(key) if ours else None,
            has_value=ours and key in stated.table["sessions"],
        )
        return


def _hours(session: Session) -> SessionHours:
    hours = None if session.rules is None else session.rules.hours
    assert hours is not None  # noqa: S101 - a session whose hours are wrong
    return hours


def _closes_before_opening(reader: Reader, session: Session, stated: Stated) -> None:
    hours, first = _hours(session), session.days.first
    opens, closes = hours.opens.isoformat(), hours.closes.isoformat()
    days = stated.days_of(session)
    if days is not None:
        reader.report(
            days,
            f"makes a one-day session, which would close at {closes} before it opens at "
            f"{opens} (the rules' hours).",
            f"give it two days or more, e.g. `days = [{first.isoformat()}, "
            f"{(first + DAY).isoformat()}]`, or replace `days` with `close = true`.",
            stated.value(days),
        )
        return
    fix = "give that session two days or more in a [[revisions.exceptions]] entry of this block"
    if stated.governs("sessions", session.nominal):
        path = stated.sessions_key("closes")
        reader.report(
            path,
            f"is not after `opens` ({opens}) on the session of {session.nominal.isoformat()}, "
            f"which an exception makes one day long ({first.isoformat()}).",
            f"give a closing time later than the opening one, or {fix}.",
            stated.value(path),
            has_value=stated.value(path) is not None,
        )
        return
    reader.report(
        stated.where,
        f"the session of {session.nominal.isoformat()} would close at {closes} before it "
        f"opens at {opens}, on its one day ({first.isoformat()}).",
        f"{fix}.",
        has_value=False,
    )


# Remembered as the confirmations' times are (vaxical.definition.schedule): a ledger
# checks each revision's calendar, most of whose sessions are those of the one before.
@functools.lru_cache(maxsize=8192)
def _wrong_hours(tzid: str, session: Session) -> tuple[str, dt.datetime | None] | None:
    """The key (``opens``, ``closes``) of the hours that the zone they are stated in does
    not place as the tz database does, and that time; or ``("closes", None)`` when the
    portal would close before it opens; None when the hours hold or there are none."""
    rules = session.rules
    if session.order is None or rules is None or rules.hours is None:
        return None
    hours = rules.hours
    zone = hours.timezone or tzid
    for key, day, time in (
        ("opens", session.days.first, hours.opens),
        ("closes", session.days.last, hours.closes),
    ):
        moment = dt.datetime.combine(day, time)
        if not zones.agrees(zone, moment):
            return key, moment
    portal = session.portal(tzid)
    assert portal is not None  # noqa: S101 - an open session with hours
    opens, closes = (moment.astimezone(dt.UTC) for moment in portal)
    return ("closes", None) if closes <= opens else None
