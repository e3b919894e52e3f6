"""Periods (the cadence) and exceptions: which sessions there are, and which are special."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dateutil.rrule import rrule, rrulestr

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader, as_bool, as_date
from vaxical.model import DateSpan, Period, SessionException, Weekday

# An exception moves a session within a few weeks of its place, and a delivery comes
# within weeks of the order: beyond that it is a typo, and a far date would make the
# calendar (and the work) as long as the distance.
MAX_MOVE_DAYS = 28
MAX_DELIVERY_DAYS = 90
MAX_SPAN_DAYS = 14
# RRULE frequencies finer than a day open sessions by the hour: never a schedule, and
# a year of FREQ=SECONDLY is 31 million occurrences.
_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
MAX_INTERVAL = 52

WeekdayAt = Callable[[dt.date], Weekday]


def periods(
    reader: Reader,
    tables: Sequence[Mapping[str, Any]],
    prefix: KeyPath,
    first_weekday: WeekdayAt,
    horizon: dt.date,
    *,
    ledger: bool,
) -> tuple[Period, ...] | None:
    """The ``[[periods]]`` of a definition, or of one ledger block (``prefix``).

    In a ledger block each period ends where the next begins; a single-revision
    definition states every end."""
    found: list[Period] = []
    for index, table in enumerate(tables):
        path: KeyPath = (*prefix, "periods", index)
        period = _period(reader, table, path, first_weekday, horizon, ledger=ledger)
        if period is not None:
            found.append(period)
    if len(found) != len(tables):
        return None
    if ledger:
        found = [
            Period(
                earlier.start,
                earlier.end or later.start - dt.timedelta(days=1),
                earlier.every_weeks,
                earlier.rrule,
                earlier.closed_weeks,
                earlier.suspended,
            )
            if earlier.end is None or earlier.end >= later.start
            else earlier
            for earlier, later in itertools.pairwise(found)
        ] + found[-1:]
    for index, (earlier, later) in enumerate(itertools.pairwise(found)):
        if later.start <= earlier.start:
            reader.report(
                (*prefix, "periods", index + 1, "start"),
                f"is not after the previous period's start ({earlier.start.isoformat()}).",
                "list periods in chronological order.",
                later.start,
            )
            return None
        if earlier.suspended:
            reader.report(
                (*prefix, "periods", index, "closed_until_further_notice"),
                "closes the portal until further notice, so no period can follow it.",
                "remove the later periods, or start the closure after them.",
                has_value=False,
            )
            return None
        if earlier.end is None or earlier.end >= later.start:
            ended = "has no end" if earlier.end is None else f"ends on {earlier.end.isoformat()}"
            reader.report(
                (*prefix, "periods", index, "end") if earlier.end else (*prefix, "periods", index),
                f"this period {ended}, so it overlaps the next one "
                f"(from {later.start.isoformat()}).",
                f"end it before the next one starts, e.g. `end = "
                f"{(later.start - dt.timedelta(days=1)).isoformat()}`.",
                earlier.end,
            )
            return None
    return tuple(found)


def _period(
    reader: Reader,
    table: Mapping[str, Any],
    path: KeyPath,
    first_weekday: WeekdayAt,
    horizon: dt.date,
    *,
    ledger: bool,
) -> Period | None:
    section = reader.section(table, path)
    start = section.date("start", "2023-07-24")
    end = section.date("end", "2023-10-01", required=False)
    every = section.integer("every_weeks", 1, 52, "2", required=False)
    rule = section.text("rrule", '"FREQ=MONTHLY;BYDAY=1MO"', required=False)
    closed_weeks = section.value("closed_weeks", as_bool, "true or false", "true", required=False)
    suspended = section.value(
        "closed_until_further_notice", as_bool, "true or false", "true", required=False
    )
    ok = start is not None and all(
        key not in table or value is not None
        for key, value in (
            ("every_weeks", every),
            ("rrule", rule),
            ("end", end),
            ("closed_weeks", closed_weeks),
            ("closed_until_further_notice", suspended),
        )
    )
    cadences = [key for key in ("every_weeks", "rrule") if key in table]
    if suspended:
        if cadences or "end" in table:
            reader.report(
                (*path, "closed_until_further_notice"),
                "a closure until further notice has no cadence and no end.",
                "keep `start` and `closed_until_further_notice = true` alone.",
                has_value=False,
            )
            ok = False
    elif len(cadences) == 2:
        reader.report(
            (*path, "rrule"),
            "a period has either `every_weeks` or `rrule`, not both.",
            "keep `every_weeks` for every-N-weeks cadences; `rrule` only for others.",
            has_value=False,
        )
        ok = False
    elif not cadences:
        also = ", or `closed_until_further_notice = true`" if ledger else ""
        reader.report(
            path,
            "the period has no cadence.",
            "add `every_weeks = 1` (weekly), `every_weeks = 2` (every other week) "
            f"or an `rrule`{also}.",
            has_value=False,
        )
        ok = False
    if "closed_weeks" in table and "rrule" not in table:
        reader.report(
            (*path, "closed_weeks"),
            "applies only to an `rrule` cadence (every-N-weeks periods always publish "
            "their closed weeks).",
            "remove `closed_weeks`.",
            has_value=False,
        )
        ok = False
    if start is not None and start.weekday() != first_weekday(start):
        first_name = first_weekday(start).name.lower()
        reader.report(
            (*path, "start"),
            f"is a {start.strftime('%A').lower()}, but sessions start on a {first_name}.",
            f"give the first day ({first_name}) of the period's first session.",
            start,
        )
        ok = False
    if start is not None and end is not None and end < start:
        reader.report(
            (*path, "end"),
            f"is before the period's start ({start.isoformat()}).",
            "give an end on or after the start.",
            end,
        )
        ok = False
    if start is not None and start > horizon:
        reader.report(
            (*path, "start"),
            f"is after the horizon ({horizon.isoformat()}), so the period would be empty.",
            "move the block's horizon later, or remove the period."
            if ledger
            else "move calendar.horizon later, or remove the period.",
            start,
        )
        ok = False
    if ok and start is not None and rule is not None:
        ok = _check_rrule(reader, (*path, "rrule"), rule, start, end, horizon, first_weekday(start))
    if not ok or start is None:
        return None
    return Period(
        start=start,
        end=end,
        every_weeks=every or 1,
        rrule=rule,
        # A single-revision definition always published an RRULE's closed weeks.
        closed_weeks=bool(closed_weeks) if ledger else True,
        suspended=bool(suspended),
    )


def _rule_parts(rule: str) -> dict[str, str]:
    parts = {}
    for item in rule.upper().split(";"):
        name, _, value = item.partition("=")
        parts[name.strip()] = value.strip()
    return parts


def _check_rrule(
    reader: Reader,
    path: KeyPath,
    rule: str,
    start: dt.date,
    end: dt.date | None,
    horizon: dt.date,
    first_weekday: Weekday,
) -> bool:
    example = 'write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.'
    parts = _rule_parts(rule)
    if "DTSTART" in rule.upper():
        reader.report(
            path,
            "must not contain DTSTART.",
            "remove DTSTART: the period's `start` anchors the rule.",
            rule,
        )
        return False
    try:
        parsed = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
    except (ValueError, TypeError, OverflowError) as error:
        reader.report(path, f"is not a valid RRULE ({error}).", example, rule)
        return False
    if parts.get("FREQ") not in _FREQUENCIES:
        reader.report(
            path,
            "needs a FREQ of DAILY, WEEKLY, MONTHLY or YEARLY (sessions are days apart).",
            example,
            rule,
        )
        return False
    interval = parts.get("INTERVAL", "1")
    if not re.fullmatch(r"\d{1,3}", interval) or not 1 <= int(interval) <= MAX_INTERVAL:
        reader.report(
            path,
            f"has INTERVAL={interval}; it must be a whole number from 1 to {MAX_INTERVAL}.",
            example,
            rule,
        )
        return False
    if not isinstance(parsed, rrule):
        reader.report(
            path, "must be a single RRULE.", "give one rule, without RDATE or EXDATE.", rule
        )
        return False
    last = min(end, horizon) if end is not None else horizon
    until = dt.datetime.combine(last, dt.time())
    moments = parsed.between(dt.datetime.combine(start, dt.time()), until, inc=True)
    if not moments:
        reader.report(
            path,
            f"opens no session between {start.isoformat()} and {last.isoformat()}.",
            "check the rule (BYMONTH, BYDAY…) against the period's dates.",
            rule,
        )
        return False
    for moment in moments:
        if moment.weekday() != first_weekday:
            reader.report(
                path,
                f"gives {moment.date().isoformat()}, a {moment.strftime('%A').lower()}, "
                f"but sessions start on a {first_weekday.name.lower()}.",
                f"restrict the rule to that day, e.g. add `;BYDAY={first_weekday.name[:2]}`.",
                rule,
            )
            return False
    return True


def exceptions(
    reader: Reader,
    tables: Sequence[Mapping[str, Any]],
    prefix: KeyPath,
    slots: Mapping[dt.date, bool],
    length_at: Callable[[dt.date], int],
) -> tuple[SessionException, ...] | None:
    """The exceptions of a definition or of one ledger block, checked against the
    sessions the cadence gives (``slots``: first day → opened by the cadence)."""
    found: list[SessionException] = []
    targets: dict[dt.date, int] = {}
    for index, table in enumerate(tables):
        path: KeyPath = (*prefix, "exceptions", index)
        exception = _exception(reader, table, path, slots, length_at)
        if exception is None:
            continue
        if exception.session in targets:
            reader.report(
                (*path, "session"),
                f"exceptions[{targets[exception.session] + 1}] already concerns this session.",
                f"merge both into one [[{'revisions.' if prefix else ''}exceptions]] entry.",
                exception.session,
            )
            continue
        targets[exception.session] = index
        found.append(exception)
    if len(found) != len(tables):
        return None
    return tuple(sorted(found, key=lambda exception: exception.session))


def _exception(
    reader: Reader,
    table: Mapping[str, Any],
    path: KeyPath,
    slots: Mapping[dt.date, bool],
    length_at: Callable[[dt.date], int],
) -> SessionException | None:
    section = reader.section(table, path)
    session = section.date("session", "2023-08-14")
    reason = section.text("reason", '"Jour férié"', one_line=False)
    flags = {
        key: section.value(key, as_bool, "true or false", "true", required=False)
        for key in ("close", "open", "extra")
    }
    move_to = section.date("move_to", "2023-08-16", required=False)
    days = span(reader, table, path, "days")
    delivery = span(reader, table, path, "delivery")
    if session is None or reason is None:
        return None
    if any(key in table and value is None for key, value in flags.items()):
        return None
    close, open_, extra = (bool(flags[key]) for key in ("close", "open", "extra"))
    length = length_at(session)

    def refuse(key: str | None, message: str, fix: str, value: object = None) -> None:
        where = (*path, key) if key else path
        reader.report(where, message, fix, value, has_value=value is not None)

    changes = ("close", "open", "move_to", "days", "delivery", "extra")
    if not any(key in table for key in changes):
        refuse(
            None,
            "the exception changes nothing.",
            "add `close = true`, `open = true`, `move_to = <date>` or "
            "`delivery = [<date>, <date>]`.",
        )
        return None
    if (close and any(key in table for key in ("move_to", "days", "delivery", "extra"))) or (
        close and open_
    ):
        refuse(
            "close",
            "a closed session has no other change.",
            "keep `close = true` alone, or remove it to move or re-time the session.",
        )
        return None
    if extra:
        if session in slots:
            refuse(
                "session",
                "the cadence already has a session on this day.",
                "remove `extra = true` and use `open = true` (or `move_to`) for that session.",
                session,
            )
            return None
        if open_:
            refuse("open", "an extra session is open already.", "remove `open = true`.", True)
            return None
        scheduled_open = True
    elif session not in slots:
        nearest = min(slots, key=lambda slot: abs((slot - session).days), default=None)
        hint = f" The nearest is {nearest.isoformat()}." if nearest else ""
        refuse(
            "session",
            "no session of the periods starts on this day." + hint,
            "give the first day of a session as the rules place it (before any move).",
            session,
        )
        return None
    else:
        scheduled_open = slots[session]
    if close and not scheduled_open:
        refuse(
            "close",
            "this session is already closed by the rules.",
            "remove the exception, or target an open session.",
            True,
        )
        return None
    if open_ and scheduled_open:
        refuse("open", "this session is already open by the rules.", "remove `open = true`.", True)
        return None
    will_open = (scheduled_open and not close) or open_
    if not will_open and any(key in table for key in ("move_to", "days", "delivery")):
        refuse(
            "session",
            "this session is closed by the rules; it has no days or delivery to change.",
            "add `open = true` to open it, or target an open session.",
            session,
        )
        return None
    if move_to is not None and days is not None:
        refuse(
            "days",
            "is given with `move_to`; they say the same thing two ways.",
            "keep `days = [first, last]` for a session of another length, `move_to` otherwise.",
        )
        return None
    if move_to is not None:
        if move_to == session:
            refuse("move_to", "is the session's own day.", "give the new first day.", move_to)
            return None
        days = DateSpan(move_to, move_to + dt.timedelta(days=length - 1))
    if days is not None:
        if abs((days.first - session).days) > MAX_MOVE_DAYS or len(days.days()) > MAX_SPAN_DAYS:
            key = "move_to" if move_to is not None else "days"
            refuse(
                key,
                f"is too far from the session of {session.isoformat()}: a session moves at "
                f"most {MAX_MOVE_DAYS} days and lasts at most {MAX_SPAN_DAYS} days.",
                "check the dates (a typo in the month or year?).",
                move_to if move_to is not None else [days.first, days.last],
            )
            return None
        clash = next(
            (
                slot
                for slot in slots
                if slot != session
                and slot <= days.last
                and days.first <= slot + dt.timedelta(days=length_at(slot) - 1)
            ),
            None,
        )
        if clash is not None:
            key = "move_to" if move_to is not None else "days"
            refuse(
                key,
                f"the moved session would overlap the session of {clash.isoformat()}.",
                "choose days that no other session uses.",
                move_to if move_to is not None else [days.first, days.last],
            )
            return None
    if delivery is not None:
        actual_last = days.last if days is not None else session + dt.timedelta(days=length - 1)
        if delivery.first <= actual_last:
            refuse(
                "delivery",
                f"starts before the session ends ({actual_last.isoformat()}): "
                "orders cannot arrive before they are placed.",
                "give delivery days after the session's last day.",
                [delivery.first, delivery.last],
            )
            return None
        if (delivery.first - actual_last).days > MAX_DELIVERY_DAYS or len(
            delivery.days()
        ) > MAX_SPAN_DAYS:
            refuse(
                "delivery",
                f"is too far from the session: a delivery comes at most {MAX_DELIVERY_DAYS} "
                f"days after it and lasts at most {MAX_SPAN_DAYS} days.",
                "check the dates (a typo in the month or year?).",
                [delivery.first, delivery.last],
            )
            return None
    return SessionException(
        session=session,
        reason=reason,
        close=close,
        open=open_,
        move_to=move_to,
        delivery=delivery,
        days=days if move_to is None else None,
        extra=extra,
    )


def span(reader: Reader, table: Mapping[str, Any], path: KeyPath, key: str) -> DateSpan | None:
    if key not in table:
        return None
    raw = table[key]
    example = f"`{key} = [2023-10-13, 2023-10-16]` (first and last day)"
    if (
        not isinstance(raw, list)
        or len(raw) != len(("first", "last"))
        or not all(as_date(item) is not None for item in raw)
    ):
        reader.report(
            (*path, key), "expected two dates: the first and last day.", f"write {example}.", raw
        )
        return None
    section = reader.section(table, path)
    first, last = raw
    if not (section.in_window(key, first) and section.in_window(key, last)):
        return None
    if last < first:
        reader.report((*path, key), "the last day is before the first.", f"write {example}.", raw)
        return None
    return DateSpan(first, last)
