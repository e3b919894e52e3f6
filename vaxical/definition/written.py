"""Values as people write them that TOML cannot read, each with its fix: dates and times
written the French way or short, and a bare word where a value was meant (advised as the
value its key takes). Days and times that do not exist are said by ranges.py."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable

from vaxical.definition.ranges import SessionStart, out_of_range
from vaxical.definition.reader import shown_key
from vaxical.definition.values import (
    FALSE_WORDS,
    FRENCH_DATE,
    FRENCH_TIME,
    TRUE_WORDS,
    WORDED_DATE,
    no_24,
    real_date,
    real_time,
    slashed_date,
    worded_date,
)

# A line `key = value`, and where its value ends (a comment may follow). The key may be
# dotted (`confirmation.time = 18h` in a block's table: TOML's other way to write it).
# Possessive (`++`, `*+`): what follows a key's characters (a dot, a space, `=`) is none
# of them, so giving some back never makes a match, and a line that fails a pattern is
# not retried from each character of its key (a key of a megabyte took 45 ms a pattern).
_KEY = r"^\s*([A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)*+)\s*=\s*"
_END = r"\s*(?:#.*)?$"
_BARE_VALUE = re.compile(_KEY + r"([^\"'\[{\s][^#]*?)" + _END)
# A date or a time as French notices write them, without quotes: TOML stops at the
# first character after the number (`date = 25/10/2024`, `time = 18h00`).
_FRENCH_DATE = re.compile(_KEY + FRENCH_DATE + _END)
_WORDED_DATE = re.compile(_KEY + WORDED_DATE + _END, re.IGNORECASE)
_FRENCH_TIME = re.compile(_KEY + FRENCH_TIME + _END)
# What TOML refuses of times and dates people write: no seconds (18:00), a one-digit hour
# (8:00:00), a one-digit month or day (2025-3-3). A time or date written in full that
# TOML refuses is no real one: not matched here.
_SHORT_TIME = re.compile(
    _KEY + r"(?!\d\d:\d\d:\d\d" + _END + r")(\d{1,2}):(\d{2})(?::(\d{2}))?" + _END
)
_SHORT_DATE = re.compile(
    _KEY + r"(?!\d{4}-\d\d-\d\d" + _END + r")(\d{4})-(\d{1,2})-(\d{1,2})" + _END
)


def _french_date(key: str, day: str, month: str, year: str) -> tuple[str, str]:
    written, order = slashed_date(day, month, year)
    if written is None:
        return _no_such("date", key)
    return (
        f"`{key}` is a date written {order}.",
        f"write dates as year-month-day without quotes: `{key} = {written}`.",
    )


def _worded_date(key: str, day: str, month: str, year: str) -> tuple[str, str] | None:
    written = worded_date(day, month, year)
    if written is None:
        return None  # no French month: TOML stopped on something else
    return (
        f"`{key}` is a date written in words.",
        f"write dates as year-month-day without quotes: `{key} = {written}`.",
    )


def _french_time(key: str, hour: str, minute: str | None) -> tuple[str, str]:
    written = real_time(int(hour), int(minute or 0))
    if written is None:
        return _no_such("time", key, int(hour))
    return (
        f"`{key}` is a time written the French way.",
        f"write times as HH:MM:SS without quotes: `{key} = {written}`.",
    )


def _short_time(key: str, hour: str, minute: str, second: str | None) -> tuple[str, str]:
    written = real_time(int(hour), int(minute), int(second or 0))
    if written is None:
        return _no_such("time", key, int(hour))
    return (
        f"`{key}` is a time TOML cannot read: it needs HH:MM:SS, two digits each.",
        f"write `{key} = {written}`.",
    )


def _short_date(key: str, year: str, month: str, day: str) -> tuple[str, str] | None:
    written = real_date(int(year), int(month), int(day))
    if written is None:
        return None  # no such day: said by ranges.out_of_range, as for a date in full
    return (
        f"`{key}` is a date TOML cannot read: it needs YYYY-MM-DD, with two-digit months and days.",
        f"write `{key} = {written}`.",
    )


def _no_such(kind: str, key: str, hour: int = 0) -> tuple[str, str]:
    """A date or time that does not exist, however written: no fix to copy, and no
    stock example either (`2023-07-24` and `18:00:00` were given, which pass `check`
    copied as told, a wrong date or time)."""
    if kind == "date":
        return (
            f"`{key}` is not a real date.",
            "check the day and month, and write it as year-month-day without quotes: "
            f"`{key} = YYYY-MM-DD`.",
        )
    return (
        f"`{key}` is not a real time of day{no_24(hour)}.",
        f"check the hour and minutes, and write it as HH:MM:SS without quotes: `{key} = HH:MM:SS`.",
    )


# Lines TOML stops reading, and what each means.
_WRITTEN_WRONG: tuple[tuple[re.Pattern[str], Callable[..., tuple[str, str] | None], str], ...] = (
    (_FRENCH_DATE, _french_date, "date"),
    (_WORDED_DATE, _worded_date, "date"),
    (_FRENCH_TIME, _french_time, "time"),
    (_SHORT_TIME, _short_time, "time"),
    (_SHORT_DATE, _short_date, "date"),
)


_KINDS_FOR = {"date": ("date", "span", "unknown"), "time": ("time", "unknown")}
"""The keys a date or a time written wrong is advised for: those that take one (an
exception's days and delivery, two dates), and a key vaxical does not know (taken at its
word); not a text's (`reason = 18h`) nor a number's (`minutes = 1h30`)."""


def written_wrong(
    line_text: str,
    kind: Callable[[str], str] = lambda key: "unknown",
    starts: Callable[[str], SessionStart | None] = lambda key: None,
) -> tuple[str, str] | None:
    """The message and fix for a date or time on ``line_text`` that TOML cannot read, when
    its key takes one (``kind``: what the key of that name holds; an unknown key, text,
    is taken at its word). `minutes = 1h30` is no time: a review found it advised as
    `01:30:00`. A date or time in full, with a field out of range, is said by
    :func:`~vaxical.definition.ranges.out_of_range` (``starts``: the keys whose date is
    a session's first day)."""
    for pattern, advice, wanted in _WRITTEN_WRONG:
        found = pattern.match(line_text)
        if found is None or kind(found.group(1)) not in _KINDS_FOR[wanted]:
            continue
        key, *value = found.groups()
        said = advice(shown_key(key), *value)
        if said is not None:
            return said
    return out_of_range(line_text, kind, starts)


def bare_word(line_text: str, kind: Callable[[str], str]) -> tuple[str, str] | None:
    """The message and fix for a value written without quotes on ``line_text``, as the
    value its key takes (``kind``: what the key of that name holds)."""
    bare = _BARE_VALUE.match(line_text)
    if bare is None:
        return None
    key, value = bare.groups()
    if kind(key) == "number" and _HOURS_AND_MINUTES.fullmatch(value.strip()):
        return _bare_value(shown_key(key), value, "number")  # `minutes = 1:30`
    if re.fullmatch(r"[0-9:+TZ.-]+|true|false", value):
        return None
    return _bare_value(shown_key(key), value, kind(key))


_HOURS_AND_MINUTES = re.compile(r"(\d{1,2}) ?[:hH] ?(\d{2})?")
"""A duration written as hours and minutes (`1:30`, `1h30`, `2h`), where a key takes a
number: for `minutes` (a confirmation's length), their sum is the fix."""


_NUMBER_WORDS = (
    ("zero", "zéro"),
    ("one", "un", "une"),
    ("two", "deux"),
    ("three", "trois"),
    ("four", "quatre"),
    ("five", "cinq"),
    ("six",),
    ("seven", "sept"),
    ("eight", "huit"),
    ("nine", "neuf"),
    ("ten", "dix"),
    ("eleven", "onze"),
    ("twelve", "douze"),
)
_SHOWN = 200
"""The longest value a syntax message copies out: a longer one is named by its start."""


def _bare_value(key: str, value: str, kind: str) -> tuple[str, str]:
    """A value TOML cannot read that is no quoted text, no number, no date: what the key
    wants (``kind``, :func:`~vaxical.definition.schema.kind_of`) and how to write it."""
    value = value.strip()
    if len(value) > _SHOWN:
        shown = value[:_SHOWN] + "…"
        return (
            f"the value `{shown}` is not in quotes.",
            "write text in double quotes, dates as 2023-07-24 and times as 18:00:00 "
            "without quotes, numbers in digits.",
        )
    stray = _stray(key, value, kind)
    if stray is not None:
        return stray
    word = value.lower()
    if kind == "boolean":
        if word in TRUE_WORDS | FALSE_WORDS:
            written = "true" if word in TRUE_WORDS else "false"
            return (
                f"`{key}` takes true or false, not `{value}`.",
                f"write `{key} = {written}` (in lower case, without quotes).",
            )
        return (
            f"`{key}` takes true or false, not `{value}`.",
            f"write `{key} = true` or `{key} = false` (in lower case, without quotes).",
        )
    if kind == "date":
        return (
            f"`{key}` takes a date, not `{value}`.",
            f"write the date as year-month-day without quotes: `{key} = YYYY-MM-DD`.",
        )
    if kind == "time":
        return (
            f"`{key}` takes a time of day, not `{value}`.",
            f"write the time as hours, minutes and seconds without quotes: `{key} = HH:MM:SS`.",
        )
    if kind == "number":
        number = next((n for n, names in enumerate(_NUMBER_WORDS) if word in names), None)
        if number is not None:
            return (
                f"`{key}` takes a number, not `{value}`.",
                f"write it in digits, without quotes: `{key} = {number}`.",
            )
        duration = _HOURS_AND_MINUTES.fullmatch(value)
        hours, minutes = duration.groups("0") if duration is not None else ("0", "60")
        if key.rpartition(".")[2] == "minutes" and int(minutes) < 60:
            total = int(hours) * 60 + int(minutes)
            return (
                f"`{key}` counts minutes, not hours and minutes: `{value}`.",
                f"write the total in minutes: `{key} = {total}`.",
            )
        return (
            f"`{key}` takes a whole number, not `{value}`.",
            "write the number in digits, without quotes.",
        )
    if kind in ("weekdays", "regions"):
        names = [name for name in re.split(r"[\s,;]+", value) if name]
        written = ", ".join(_quoted(name) for name in names)
        noun = "day names" if kind == "weekdays" else "regions"
        return (
            f"`{key}` takes a list of {noun} in quotes, not `{value}`.",
            f"write them in brackets, each in double quotes: `{key} = [{written}]`.",
        )
    if kind == "span":
        return (
            f"`{key}` takes two dates, the first and last day, not `{value}`.",
            f"write them in brackets without quotes: `{key} = [YYYY-MM-DD, YYYY-MM-DD]`.",
        )
    if kind == "list":
        return (
            f"`{key}` takes a list in brackets, not `{value}`.",
            "see the example definition, schedules/vaccins-covid.toml.",
        )
    return (
        f"the text `{value}` is not in quotes.",
        f"write it in double quotes: `{key} = {_quoted(value)}`.",
    )


def _stray(key: str, value: str, kind: str) -> tuple[str, str] | None:
    """A value of the kind ``key`` wants, after characters that have nothing to do
    there (``é"America/Martinique"``, ``J+10``): which, and the value without them. Only
    a few characters without space or digit are stray: `Essai "bis"` is text that holds
    quotes, and `J+10 à J+11` or `entre 10 et 11` say more than one number (a review:
    they were advised as `+11` and `11`)."""
    for start in range(1, min(len(value), 40)):
        rest = value[start:].lstrip()
        try:
            parsed = tomllib.loads(f"v = {rest}")["v"]
        except tomllib.TOMLDecodeError:
            continue
        stray = value[:start].strip()
        if len(stray) > 3 or " " in stray or any(character.isdigit() for character in stray):
            return None
        if not _of_kind(parsed, kind):
            continue
        return (
            f"`{stray}` stands before the value.",
            f"remove it: `{key} = {rest}`.",
        )
    return None


def _of_kind(value: object, kind: str) -> bool:
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date)
    if kind == "time":
        return isinstance(value, dt.time)
    if kind == "number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    return isinstance(value, list)


def _quoted(text: str) -> str:
    """``text`` as TOML text in double quotes, whatever it holds."""
    escaped = "".join(
        "\\" + character
        if character in '"\\'
        else f"\\u{ord(character):04X}"
        if (ord(character) < 32 and character != "\t") or ord(character) == 127
        else character
        for character in text
    )
    return f'"{escaped}"'
