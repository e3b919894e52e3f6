"""Rules 2 and 3, on VTIMEZONEs: what Outlook reads of a zone's STANDARD and DAYLIGHT
parts, how they differ from the zone's current rules in the tz database
(:mod:`.database`), and whether each part starts before the first time given in the zone.

What Outlook reads is MS-OXCICAL §2.1.3.1.1.19.2: one yearly pair, each part's DTSTART,
RRULE and offsets, and nothing else. A theme of its own (the registered checks and the
reading of a zone they need), kept apart from :mod:`vaxical.lint.rules`; the table keeps
the document's order.
"""

from __future__ import annotations

import calendar
import re
from typing import Final

from vaxical.lint.database import Change, YearlyRules, current_rules
from vaxical.lint.lines import Component, Feed, Onset, clip
from vaxical.lint.octets import Report
from vaxical.lint.registry import component_rule
from vaxical.schedule.zones import LAST_WEEK, Transition

READ: Final = frozenset({"STANDARD", "DAYLIGHT", "TZID", "TZOFFSETFROM", "TZOFFSETTO"})
"""What the checks read of a zone besides DTSTART, RRULE and RDATE (which rules.py keeps
for events too): the reader keeps these."""

_WEEKDAY = "(?:SU|MO|TU|WE|TH|FR|SA)"
_WEEKDAYS: Final = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
"""In the order of POSIX TZ strings, which :class:`~vaxical.schedule.zones.Transition`
counts in (0 = Sunday)."""
_OUTLOOK_BYDAY = re.compile(rf"\+?[1-4]{_WEEKDAY}|-1{_WEEKDAY}")
"""One weekday of the first to fourth, or the last, week: what Outlook's one yearly
change (a SYSTEMTIME) can hold, and a -1 the others read alike."""
_MONTH = re.compile(r"0?[1-9]|1[0-2]")
_MONTH_DAY = re.compile(r"0?[1-9]|[12][0-9]|3[01]")
_UTC_OFFSET = re.compile(r"([+-])([0-9]{2})([0-9]{2})([0-9]{2})?")
_ZONE_START = re.compile(r"[0-9]{4}([0-9]{2})[0-9]{2}T([0-9]{2})([0-9]{2})([0-9]{2})")


_YEARLY: Final = "RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=… (every year, without UNTIL or COUNT)."

MAX_ZONES_COMPARED: Final = 32
"""Zones of one file compared with the tz database: a file has a few, and each name
looked up stays in the tz database's caches (``zones.known``)."""


@component_rule(
    2,
    "Outlook-safe VTIMEZONE",
    "MS-OXCICAL §2.1.3.1.1.19.2; iCalcreator#86 and #106; RFC 5545 §3.6.5",
    *("zone", "calendar"),
)
def outlook_zone(zone: Component, feed: Feed, report: Report) -> None:
    """Outlook keeps one STANDARD and one DAYLIGHT part of a zone, each as a yearly
    RRULE: any other shape shifts events by an hour. It reads their DTSTART, RRULE and
    offsets and nothing else: a rule that ends, or names another day than other clients
    read, or offsets that are not the zone's, shift them too. And no client applies a
    part before its DTSTART: a zone that starts after its first event shifts it too.
    (The calendar, last, holds the first time given in each zone.)"""
    if zone.depth == 0:
        _onsets(feed, report)
        return
    standard = [part for part in zone.children if part.name == "STANDARD"]
    daylight = [part for part in zone.children if part.name == "DAYLIGHT"]
    shaped = len(standard) == 1 and len(daylight) <= 1
    if not shaped:
        report(
            zone.line,
            f"{len(standard)} STANDARD and {len(daylight)} DAYLIGHT parts: "
            "Outlook keeps one yearly pair.",
            "write one STANDARD and one DAYLIGHT part, each with a yearly RRULE.",
        )
    fixed = not daylight and len(standard) == 1  # a zone without DST needs no rule
    stated = [(part, read_part(part, report, fixed=fixed)) for part in zone.children]
    tzid = zone.first("TZID")
    if not shaped or tzid is None:
        return
    feed.onsets[tzid.value] = tuple(_onset(part, change) for part, change in stated)
    if feed.zones_compared < MAX_ZONES_COMPARED:
        feed.zones_compared += 1
        rules = current_rules(tzid.value)
        if rules is not None:
            compare(zone, tzid.value, rules, stated, report)


@component_rule(3, "no RDATE time zones", "icalendar 7.3 Timezone.from_tzid(); rule 2", "zone part")
def no_rdate_zones(part: Component, feed: Feed, report: Report) -> None:
    """The RDATE form of a zone (icalendar's own) is ignored by Outlook and ends in 2038."""
    for rdate in part.all("RDATE"):
        message = "the time zone lists RDATEs, which Outlook ignores."
        report(rdate.number, message, "use one yearly RRULE per part.")


def _onset(part: Component, change: Change | None) -> Onset | None:
    """When ``part`` starts, and when its yearly rule changed the year before, as local
    times (``YYYYMMDDTHHMMSS``); None if its DTSTART cannot be read, or its rule (reported
    apart)."""
    start = part.first("DTSTART")
    if start is None or not _ZONE_START.fullmatch(start.value):
        return None
    if change is None:
        return None if part.first("RRULE") else Onset(start.number, part.name, start.value, "")
    year = int(start.value[:4]) - 1
    if year < 1:
        return Onset(start.number, part.name, start.value, "")
    kind, _, spec = change.day.partition("=")
    if kind == "BYMONTHDAY":
        day = min(int(spec), calendar.monthrange(year, change.month)[1])
    else:  # BYDAY=2SU, BYDAY=-1SU: a day of the tz database's form, as zones reckons it
        nth = int(spec[:-2])
        week = nth if nth > 0 else LAST_WEEK
        day = Transition(change.month, week, _WEEKDAYS.index(spec[-2:]), 0).day_in(year).day
    before = f"{year:04}{change.month:02}{day:02}T{start.value[9:]}"
    return Onset(start.number, part.name, start.value, before)


def _onsets(feed: Feed, report: Report) -> None:
    """Rule 2 on each zone's parts against the first time given in the zone: a VTIMEZONE
    gives valid information for every time that uses it (RFC 5545 §3.6.5), and before a
    part's DTSTART no client applies it. A part that starts after that time is harmless
    only if its yearly rule would not have changed the offset in between (a zone written
    from the year of its first event), and some part starts before it."""
    for tzid, onsets in feed.onsets.items():
        first = feed.first_times.get(tzid)
        if first is None:
            continue
        time, line = first
        started = [onset for onset in onsets if onset is not None and onset.start <= time]
        for onset in onsets:
            if onset is None or onset.start <= time:
                continue
            if started and onset.before and onset.before < time:
                continue  # its first change after the first time is its DTSTART
            message = (
                f"{onset.part} starts at DTSTART:{onset.start}, after the first time given "
                f"in {clip(tzid)} ({time}, line {line}): clients apply a part only from its "
                "DTSTART (RFC 5545 §3.6.5), and give earlier times the wrong offset."
            )
            fix = (
                "start it no later than that time: e.g. in 1970 (a yearly part on its RRULE's day)."
            )
            report(onset.line, message, fix)


def read_part(part: Component, report: Report, *, fixed: bool) -> Change | None:
    """What Outlook reads of a STANDARD or DAYLIGHT part: its DTSTART, offsets (RFC 5545
    §3.6.5 requires them) and RRULE, each reported if missing or unreadable; and the
    yearly change they state, or None if they do not state one that can be read."""
    found = {prop.name: prop for prop in reversed(part.properties)}  # the first of each
    start, at = found.get("DTSTART"), None
    if start is None:
        report(part.line, f"{part.name} has no DTSTART.", "write DTSTART:19700329T020000.")
    elif (at := _ZONE_START.fullmatch(start.value)) is None:
        message = f"DTSTART:{clip(start.value)} is not a local date and time."
        report(start.number, message, "write it as YYYYMMDDTHHMMSS, without Z or TZID.")
    offsets: list[int | None] = []
    for name in ("TZOFFSETFROM", "TZOFFSETTO"):
        prop = found.get(name)
        offsets.append(None if prop is None else _offset(prop.value))
        if prop is None:
            report(part.line, f"{part.name} has no {name}.", f"write {name}:+0100.")
        elif offsets[-1] is None:
            message = f"{name}:{clip(prop.value)} is not a UTC offset."
            report(prop.number, message, "write it as +HHMM or -HHMM.")
    rrule = found.get("RRULE")
    if rrule is None:
        if not fixed:
            report(part.line, f"{part.name} has no RRULE.", f"give it {_YEARLY}")
        return None
    parts = _rrule_parts(rrule.value)
    problem = _not_yearly(parts, fixed=fixed)
    if problem is not None:
        report(rrule.number, problem, f"write {_YEARLY}")
    offset_from, offset_to = offsets
    if at is None or offset_from is None or offset_to is None:
        return None
    month = parts.get("BYMONTH", at[1])  # without BYMONTH, DTSTART's month
    day = _day(parts)
    if day is None or not _MONTH.fullmatch(month):
        return None
    seconds = int(at[2]) * 3600 + int(at[3]) * 60 + int(at[4])
    return Change(offset_from, offset_to, int(month), day, seconds)


def _day(parts: dict[str, str]) -> str | None:
    """The day of the month an RRULE names, as Change.day writes it, if Outlook reads it."""
    byday, monthday = parts.get("BYDAY"), parts.get("BYMONTHDAY")
    if byday is not None and monthday is None and _OUTLOOK_BYDAY.fullmatch(byday):
        return f"BYDAY={byday.lstrip('+')}"
    if monthday is not None and byday is None and _MONTH_DAY.fullmatch(monthday):
        return f"BYMONTHDAY={int(monthday)}"
    return None


def _rrule_parts(value: str) -> dict[str, str]:
    """``FREQ=YEARLY;BYDAY=-1SU`` → {"FREQ": "YEARLY", "BYDAY": "-1SU"}."""
    parts: dict[str, str] = {}
    for item in value.upper().split(";"):
        key, _, part = item.partition("=")
        parts[key] = part
    return parts


def _not_yearly(parts: dict[str, str], *, fixed: bool) -> str | None:
    """What keeps a zone part's RRULE from being a yearly change that Outlook reads as
    other clients do (MS-OXCICAL §2.1.3.1.1.19.2.2), or None. A zone without daylight
    time needs only FREQ=YEARLY: Outlook reads no rule of it."""
    if parts.get("FREQ") != "YEARLY":
        return "the RRULE is not yearly."
    if fixed:
        return None
    for key in ("UNTIL", "COUNT"):
        if key in parts:
            return (
                f"the yearly RRULE ends ({key}=…): Outlook repeats it every year, other "
                "clients stop it."
            )
    if parts.get("INTERVAL", "1") not in ("1", "01"):
        return "the RRULE skips years (INTERVAL): Outlook repeats it every year."
    if "BYMONTH" in parts and not _MONTH.fullmatch(parts["BYMONTH"]):
        return f"BYMONTH={clip(parts['BYMONTH'])} is not one month: Outlook reads one."
    byday, monthday = parts.get("BYDAY"), parts.get("BYMONTHDAY")
    if (byday is None) == (monthday is None):
        return "the RRULE needs one of BYDAY (e.g. -1SU) or BYMONTHDAY: Outlook reads one."
    if byday is not None and not _OUTLOOK_BYDAY.fullmatch(byday):
        return (
            f"BYDAY={clip(byday)} is not one weekday of the 1st to 4th or last (-1) week: "
            "Outlook reads no other."
        )
    if monthday is not None and not _MONTH_DAY.fullmatch(monthday):
        return f"BYMONTHDAY={clip(monthday)} is not one day of the month: Outlook reads one."
    return None


def compare(
    zone: Component,
    tzid: str,
    rules: YearlyRules,
    stated: list[tuple[Component, Change | None]],
    report: Report,
) -> None:
    """Rule 2 for a zone the tz database knows: the offsets and yearly changes of its
    current rules (:mod:`vaxical.lint.database`), in whichever part states each
    (``stated``: each part, and the change it states if it can be read)."""
    fix = f"write {clip(tzid)}'s current rules, or give other rules a TZID of their own."
    if not rules.changes:
        for part, _ in stated:
            to = part.first("TZOFFSETTO")
            offset = None if to is None else _offset(to.value)
            if to is not None and offset is not None and offset != rules.standard:
                message = (
                    f"TZOFFSETTO:{to.value}, but {clip(tzid)} is at "
                    f"{_offset_text(rules.standard)} all year in the tz database."
                )
                report(to.number, message, fix)
        return
    if not any(part.name == "DAYLIGHT" for part, _ in stated):
        message = (
            f"{clip(tzid)} has daylight time in the tz database (a change "
            f"{_described(rules.changes[0])}); the VTIMEZONE has no DAYLIGHT part."
        )
        report(zone.line, message, fix)
        return
    differs = False
    for part, change in stated:
        if change is not None and change not in rules.changes:
            differs = True
            nearest = _nearest(change, part.name, rules.changes)
            message = f"{part.name} is not how {clip(tzid)} changes in the tz database: "
            report(part.line, message + ", ".join(_differences(change, nearest)) + ".", fix)
    # Each part states one of the changes (or cannot be read, which is reported apart):
    # two parts may still state the same one.
    said = {change for _, change in stated}
    missing = [change for change in rules.changes if change not in said]
    if not differs and missing and None not in said:
        message = f"the VTIMEZONE does not state {clip(tzid)}'s change {_described(missing[0])}."
        report(zone.line, message, fix)


def _offset(value: str) -> int | None:
    """A UTC-OFFSET (``+0100``, ``-0330``, ``+053000``) in seconds east of UTC."""
    match = _UTC_OFFSET.fullmatch(value)
    if match is None:
        return None
    sign, hours, minutes, seconds = match.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)
    return -total if sign == "-" else total


def _offset_text(seconds: int) -> str:
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


def _nearest(change: Change, name: str, changes: tuple[Change, ...]) -> Change:
    """The change of the database that ``change`` most resembles: the most equal fields,
    then the one its part's name says (DAYLIGHT the change into daylight time)."""
    into_daylight = changes[0]
    return max(
        changes,
        key=lambda other: (
            sum(a == b for a, b in zip(change, other, strict=True)),
            (other == into_daylight) == (name == "DAYLIGHT"),
        ),
    )


def _differences(stated: Change, database: Change) -> list[str]:
    """What ``stated`` says otherwise than ``database``, each with the database's value."""
    said = []
    for text, ours, theirs in (
        ("TZOFFSETFROM:", _offset_text(stated.offset_from), _offset_text(database.offset_from)),
        ("TZOFFSETTO:", _offset_text(stated.offset_to), _offset_text(database.offset_to)),
        ("BYMONTH=", str(stated.month), str(database.month)),
        ("", stated.day, database.day),
        ("DTSTART at ", _clock(stated.seconds), _clock(database.seconds)),
    ):
        if ours != theirs:
            said.append(f"{text}{ours} (the database: {_same_key_cut(ours, theirs)})")
    return said


def _same_key_cut(ours: str, theirs: str) -> str:
    """``theirs`` without the key ``ours`` has too (BYDAY=1SU: the database -1SU)."""
    key, equals, value = theirs.partition("=")
    return value if equals and ours.startswith(f"{key}=") else theirs


def _described(change: Change) -> str:
    return (
        f"from {_offset_text(change.offset_from)} to {_offset_text(change.offset_to)} on "
        f"{change.day};BYMONTH={change.month} at {_clock(change.seconds)}"
    )


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours:02}:{rest // 60:02}:{rest % 60:02}"
