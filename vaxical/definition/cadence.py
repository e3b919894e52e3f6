"""Periods (the cadence) and exceptions: which sessions there are, and which are special."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from dateutil.rrule import rrule, rrulestr

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.definition.values import as_bool
from vaxical.rules import Period, Weekday

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
