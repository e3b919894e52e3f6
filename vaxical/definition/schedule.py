"""Checks that need the expanded schedule: what the rules give, session by session."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Mapping
from typing import Any

from vaxical.definition.locate import KeyPath
from vaxical.definition.orders import Stated, check_orders, unsure_time
from vaxical.definition.reader import Reader
from vaxical.model import Definition
from vaxical.schedule import zones
from vaxical.schedule.expand import Session, expand


def check_schedule(
    reader: Reader,
    definition: Definition,
    where: KeyPath,
    block: Mapping[str, Any],
    *,
    first: bool = True,
) -> None:
    """Problems of the calendar as ``definition`` states it, reported at ``where`` (the
    ledger block, or the definition, that made it so) or at the key of ``block`` (what it
    states) that did; ``first``: whether its tables govern from the first session."""
    exceptions = "exceptions" in block
    sessions = expand(definition)
    if definition.suspended_from is None and not any(session.is_open for session in sessions):
        reader.report(
            (*where, "periods"),
            f"no session is open up to the horizon ({definition.horizon.isoformat()}).",
            "check the periods' cadence, the exceptions that close sessions, and the horizon.",
            has_value=False,
        )
    _check_shared_days(reader, sessions, (*where, "exceptions") if exceptions else where)
    _check_deliveries(reader, sessions, where)
    stated = Stated(where, block, first)
    _check_local_times(reader, definition, sessions, stated)
    check_orders(reader, definition.timezone, sessions, stated)


def _check_deliveries(reader: Reader, sessions: tuple[Session, ...], where: KeyPath) -> None:
    """A delivery an exception gives stays after its session's end: a later block that
    lengthens the session (its rules, or its days) must not put it inside."""
    for session in sessions:
        exception = session.exception
        if exception is None or exception.delivery is None or session.order is None:
            continue
        if exception.delivery.first > session.days.last:
            continue
        given = exception.delivery
        reader.report(
            where,
            f"the session of {session.nominal.isoformat()} would end on "
            f"{session.days.last.isoformat()}, when its delivery has begun: the delivery an "
            f"exception gave it runs from {given.first.isoformat()} to "
            f"{given.last.isoformat()}.",
            "give that session a delivery after its last day, in a [[revisions.exceptions]] "
            "entry of this block.",
            has_value=False,
        )
        return


def _check_shared_days(reader: Reader, sessions: tuple[Session, ...], where: KeyPath) -> None:
    """Two sessions on the same day would publish two events for one day's portal."""
    for earlier, later in itertools.pairwise(sessions):
        if later.days.first <= earlier.days.last:
            shared = later.days.first.isoformat()
            message = (
                f"the sessions of {earlier.nominal.isoformat()} and {later.nominal.isoformat()} "
                f"would share {shared}."
            )
            fix = (
                "move or lengthen only one of them onto those days, or close the other; for "
                "sessions on new days, end the earlier period before the day they share."
            )
            holiday = later.opened_early_for
            if holiday is not None:  # the holiday policy opened it from the Friday before
                message = (
                    f"the session of {later.nominal.isoformat()} opens from the Friday before "
                    f"({shared}) for {holiday.name} ({holiday.day.isoformat()}; the holiday "
                    f'policy says sessions = "previous-friday"), a day of the session of '
                    f"{earlier.nominal.isoformat()}."
                )
                fix = (
                    "sessions that hold that Friday leave it no room: close the session of the "
                    'holiday instead (sessions = "close"), keep it as it is (sessions = "keep"), '
                    "or close one of the two with an exception."
                )
            reader.report(where, message, fix, has_value=False)
            return


def _check_local_times(
    reader: Reader, definition: Definition, sessions: tuple[Session, ...], stated: Stated
) -> None:
    """Every confirmation time must exist, once, under the zone's current rules: a time
    skipped by a DST change, or a date before the zone's current rules began, would show
    at the wrong hour in Outlook (docs/calendar-clients.md rules 1-3). Said at the
    block's confirmation when it governs the session, else at the block's exception that
    moved the session there (a review: a time the block did not write was named), else
    at the block."""
    for session in sessions:
        if session.order is None:  # closed: nothing to confirm
            continue
        wrong = _wrong_confirmation(definition.timezone, session)
        if wrong is None:
            continue
        moment, time = wrong
        said = (
            f"{unsure_time(moment, definition.timezone)}; calendar clients would show it at "
            "the wrong hour."
        )
        if stated.governs("confirmation", session.nominal):
            path: KeyPath = (*stated.where, "confirmation", "time")
            reader.report(path, said, confirmation_fix(definition.timezone, session), time)
            return
        exception = stated.exception_of(session)
        own = session.exception
        moved = own is not None and (own.move_to is not None or own.days is not None)
        if exception is not None and moved:  # the block's exception put it on that night
            reader.report(
                exception,
                f"the confirmation of the session of {session.nominal.isoformat()}: {said}",
                "move the session to another day with its exception: the rules' "
                f"confirmation time does not exist once in {definition.timezone} on that day.",
                has_value=False,
            )
            return
        # The rules of an earlier block, which this one extends to that session.
        reader.report(
            stated.where,
            f"the confirmation of the session of {session.nominal.isoformat()}: {said}",
            "add [revisions.confirmation] to this block from that session, and in it "
            + confirmation_fix(definition.timezone, session),
            has_value=False,
        )
        return


# Remembered: a ledger checks each revision's whole calendar, and most of its sessions
# are the same (equal, frozen) sessions as in the revision before. A session hashes by
# its days alone (Session.__hash__), cheaper than the two moments it is checked at; the
# size holds every session of a 100-year calendar (MAX_HORIZON_YEARS).
@functools.lru_cache(maxsize=8192)
def _wrong_confirmation(tzid: str, session: Session) -> tuple[dt.datetime, dt.time] | None:
    """The start or end of ``session``'s confirmation that ``tzid``'s current rules do
    not place at the hour the tz database does, if either is, and the time the rules
    state for it."""
    order, rules = session.order, session.rules
    if order is None or order.confirmation is None or rules is None:
        return None
    rule = rules.confirmation
    if rule is None:
        return None
    length = dt.timedelta(minutes=rule.minutes)
    for moment in (order.confirmation, order.confirmation + length):
        if not zones.agrees(tzid, moment):
            return moment, rule.time
    return None


def confirmation_fix(tzid: str, session: Session) -> str:
    """The fix to a confirmation of ``session`` that ``tzid`` does not place right: a
    time of that day it does place right, or, when none is (the zone's rules that day
    were not its current ones, the only ones clients apply), another zone."""
    order, rules = session.order, session.rules
    rule = rules.confirmation if rules is not None else None
    if order is None or rule is None:
        return "move the session with an exception."
    day = order.j + dt.timedelta(days=rule.day)
    better = zones.agreeing_time(tzid, day, rule.time, rule.minutes, rule.timezone)
    if better is not None:
        example = better.isoformat()
        if rule.timezone not in (None, tzid):
            example += f", {rule.timezone} time"
        return (
            f"choose a confirmation time that exists once in {tzid} that day (e.g. "
            f"{example}), or move the session with an exception."
        )
    return (
        f"no time of {day.isoformat()} is shown right: {tzid}'s rules then were not "
        "its current ones, the only ones calendar clients apply. Use the zone of a city "
        "that keeps the same hours under rules unchanged since."
    )
