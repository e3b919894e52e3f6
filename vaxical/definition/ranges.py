"""Dates and times TOML refuses for a field out of range (2023-09-31, 25:00:00, a
minute 60), wherever they stand on a line: which field, and a value to write instead.

TOML says only « expected newline or end of document » of `date = 2023-09-15T25:00:00`
(it reads 2023-09-15, then stops at the T), and « unclosed inline table » of
`{ day = 0, time = 29:00:00 }`; the literal is looked for on the line it stopped on.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from vaxical.definition.reader import FIRST_DATE, LAST_DATE, shown_key
from vaxical.definition.values import real_day
from vaxical.rules import Weekday


@dataclass(frozen=True, slots=True)
class SessionStart:
    """A key whose date must be the first day of a session (a period's `start`, a
    block's `from`, an exception's `session`), and that day's weekday when the text
    says it."""

    weekday: Weekday | None
    placed: bool = False
    """Whether the day must also be one the periods' cadence gives (an exception's
    session): its weekday alone makes no example (every other Monday, say)."""


_LITERAL = re.compile(
    r"(?<![\w.:+-])(?:"
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:(?P<sep>[Tt ])(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)(?P<rest>\.\d+)?"
    r"(?P<offset>[Zz]|[+-]\d\d:\d\d)?)?"
    r"|(?P<clock>(?P<h>\d\d):(?P<m>\d\d):(?P<s>\d\d))(?P<frac>\.\d+)?"
    r")(?![\w:-])"
)
"""A date, a date and time, or a time, its fields read whatever their range (a month or
day of one digit too, which TOML refuses as well)."""
_KEYS_BEFORE = re.compile(r"([A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)*+)\s*=")
_QUOTED = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")

Advice = tuple[str, str]

_DATES_HELD = f"a calendar's dates run from {FIRST_DATE.year} to {LAST_DATE.year}"
"""The years a calendar's dates may be in (reader.FIRST_DATE, reader.LAST_DATE), as a fix
says them."""


def out_of_range(
    line_text: str,
    kind: Callable[[str], str],
    starts: Callable[[str], SessionStart | None],
) -> Advice | None:
    """The message and fix for the first date or time on ``line_text`` with a field out
    of range, when its key takes one (``kind``, as for written.written_wrong); ``starts``
    says which keys' dates are a session's first day, for an example on its weekday."""
    # Text in quotes and a comment hold no value: blanked, the columns kept.
    code = _QUOTED.sub(lambda text: " " * len(text.group()), line_text).split("#", 1)[0]
    for found in _LITERAL.finditer(code):
        advice = _advice(found)
        if advice is None:
            continue
        keys = _KEYS_BEFORE.findall(code, 0, found.start())
        if not keys:
            return None
        key = keys[-1]
        wanted = ("time", "unknown") if found.group("clock") else ("date", "span", "unknown")
        if kind(key) not in wanted:
            return None
        # In a list, the item alone is the example: the others stay as written.
        in_list = "[" in code[code.rindex("=", 0, found.start()) : found.start()]
        message, fix, example = advice
        shown = shown_key(key)
        start = starts(key) if found.group("year") and not found.group("sep") else None
        if start is not None:
            message, fix, example = _date(shown, found, start)
        written = example if in_list else f"{shown} = {example}"
        return f"`{shown}` {message}", fix.format(key=shown, example=f"`{written}`")
    return None


def _advice(found: re.Match[str]) -> tuple[str, str, str] | None:
    """What is out of range in ``found``, the fix (a template: ``{example}``) and the
    literal with that field in range; None when every field is."""
    if found.group("clock"):
        hour, minute, second = (int(found.group(name)) for name in ("h", "m", "s"))
        time = _time(hour, minute, second, found.group("frac") or "", next_day=None)
        return None if time is None else (time[0], time[1], time[2])
    year, month, day = (int(found.group(name)) for name in ("year", "month", "day"))
    on = real_day(year, month, day)
    if on is None:
        message, fix, meant = no_such_date(year, month, day)
        if meant is None:
            return message, fix + ".", ""
        lead = "; if the day was written first: {example}." if month > 12 else ", e.g. {example}."
        return message, fix + lead, meant.isoformat() + _time_part(found)
    if not found.group("sep"):
        return None
    hour, minute, second = (int(found.group(name)) for name in ("hour", "minute", "second"))
    time = _time(hour, minute, second, found.group("rest") or "", next_day=on)
    if time is None:
        return None
    message, fix, clock = time
    if not _holdable(int(clock[:4]) if "T" in clock else year):
        # Any example on this date is refused in turn: 9999-12-31T24:00:00 was advised
        # as 9999-12-31T23:59:59, outside the dates a calendar holds.
        field = (
            "hour (00 to 23)"
            if hour > 23
            else "minutes (00 to 59)"
            if minute > 59
            else "seconds (00 to 59)"
        )
        return message, f"check the {field} and the date: {_DATES_HELD}.", ""
    if "T" not in clock and "t" not in clock:  # the same day: its date as written
        clock = on.isoformat() + found.group("sep") + clock
    return message, fix, clock + (found.group("offset") or "")


def _time(
    hour: int, minute: int, second: int, fraction: str, *, next_day: dt.date | None
) -> tuple[str, str, str] | None:
    """A time's field out of range, the fix and the time with that field in range (the
    next day's midnight, date included, for 24:00:00 after ``next_day``)."""
    if hour == 24 and minute == second == 0 and next_day == LAST_DATE:
        # Its next day is outside the dates a calendar holds (2999-12-31T24:00:00 was
        # advised as 3000-01-01T00:00:00, refused in turn): the day's last second.
        return (
            "is not a real time of day: there is no hour 24.",
            f"{LAST_DATE.isoformat()} is the last day a calendar holds: for its end, write "
            "{example}.",
            f"{LAST_DATE.isoformat()}T23:59:59",
        )
    # 9999-12-31 has no next day a date can hold (it crashed, OverflowError): the end
    # of the day is advised as for a time alone.
    if hour == 24 and minute == second == 0 and next_day is not None and next_day < dt.date.max:
        after = next_day + dt.timedelta(days=1)
        return (
            "is not a real time of day: there is no hour 24.",
            f"the midnight that ends {next_day.isoformat()} is the next day's 00:00:00: "
            "{example}.",
            f"{after.isoformat()}T00:00:00",
        )
    if hour == 24 and minute == second == 0:
        return (
            "is not a real time of day: there is no hour 24 (00:00:00 starts a day).",
            "for the end of a day, write {example}.",
            "23:59:59",
        )
    if hour > 23:
        return (
            f"is not a real time of day: there is no hour {hour:02d}.",
            "check the hour (00 to 23), e.g. {example}.",
            f"23:{min(minute, 59):02d}:{min(second, 59):02d}{fraction}",
        )
    if minute > 59:
        return (
            f"is not a real time of day: there is no minute {minute:02d}.",
            "check the minutes (00 to 59), e.g. {example}.",
            f"{hour:02d}:59:{min(second, 59):02d}{fraction}",
        )
    if second > 59:
        # TOML (and Python's datetime) have no leap second: 60 is refused too.
        return (
            f"is not a real time of day: there is no second {second:02d}"
            + (" (TOML has no leap second)." if second == 60 else "."),
            "check the seconds (00 to 59), e.g. {example}.",
            f"{hour:02d}:{minute:02d}:59{fraction}",
        )
    return None


def _time_part(found: re.Match[str]) -> str:
    """The time after a date, as written, or its fields brought in range."""
    if not found.group("sep"):
        return ""
    hour, minute, second = (int(found.group(name)) for name in ("hour", "minute", "second"))
    clock = f"{min(hour, 23):02d}:{min(minute, 59):02d}:{min(second, 59):02d}"
    return found.group("sep") + clock + (found.group("rest") or "") + (found.group("offset") or "")


def _date(key: str, found: re.Match[str], start: SessionStart) -> tuple[str, str, str]:
    """A session's first day out of range: the example falls on its weekday (the last
    day of the month was advised, a Saturday, refused in turn), or the fix says that
    it must."""
    year, month, day = (int(found.group(name)) for name in ("year", "month", "day"))
    message, fix, meant = no_such_date(year, month, day)
    weekday = start.weekday.name.lower() if start.weekday is not None else None
    if start.placed:
        on = f" (a {weekday})" if weekday else ""
        return (
            message,
            f"{fix}; `{key}` is the first day of a session as the rules place it{on}.",
            "",
        )
    fix += f"; `{key}` is the first day of a session"
    if start.weekday is None:
        return message, fix + ", on the weekday sessions start on.", ""
    fix += f", a {weekday}"
    if meant is None:
        return message, fix + ".", ""
    if month > 12:
        # The date meant is told only when it is such a day: no other is.
        if meant.weekday() != start.weekday:
            return message, fix + ".", ""
        return message, fix + "; if the day was written first: {example}.", meant.isoformat()
    on_weekday = meant - dt.timedelta(days=(meant.weekday() - start.weekday) % 7)
    return message, fix + ": e.g. {example}.", on_weekday.isoformat()


def no_such_date(year: int, month: int, day: int) -> tuple[str, str, dt.date | None]:
    """A date that does not exist: what is wrong, the fix (without its example) and the
    date that can be told was meant: the month's last day for a day past it, or, for a
    month out of range, the date with the day and month the other way round when that
    is one (`2023-13-05` for 13 May; July 24 was advised whatever was written, a wrong
    date that passed `check`). None when no date can be told."""
    if year == 0:
        # TOML's dates, as Python's, start at 0001-01-01: 0000-02-30 was advised as
        # 0000-02-29, refused in turn.
        return (
            "is not a real date: there is no year 0000 (dates start at 0001-01-01).",
            f"check the year ({_DATES_HELD})",
            None,
        )
    if not 1 <= month <= 12:
        message = f"is not a real date: there is no month {month:02d}."
        fix = "write it as year-month-day, the month from 01 to 12"
        meant = real_day(year, day, month)
    else:
        days = calendar.monthrange(year, month)[1]
        message = f"is not a real date: {year:04d}-{month:02d} has {days} days."
        fix, meant = f"check the day (01 to {days})", dt.date(year, month, days)
    if not _holdable(year):
        # A date of this year is refused in turn (3000-02-30 was advised as 3000-02-28).
        return message, f"{fix}, and the year: {_DATES_HELD}", None
    return message, fix, meant


def _holdable(year: int) -> bool:
    """Whether a date of ``year`` is within the dates a calendar holds."""
    return FIRST_DATE.year <= year <= LAST_DATE.year
