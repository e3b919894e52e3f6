"""The values of RFC 5545 that the rules read: durations, dates, date-times without a zone
or in UTC, TEXT with its escapes, and a link within a text. Plain functions of a string,
used by more than one rule or tested on their own; the rules that use them are in
:mod:`vaxical.lint.rules` and :mod:`vaxical.lint.alarms`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

# A positive dur-value of RFC 5545 §3.3.6 (a - sign is negative, and RFC 7986 §5.7 asks
# for a positive duration): weeks, or days and a time, at least one unit; a time is T and
# at least one of hours, minutes, seconds. Each run of digits is followed by its letter
# or nothing: a try reads a value a few times over at most, never more.
_DUR_TIME = r"T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?"
_DUR_VALUE = rf"P(?:\d+W|\d+D(?:{_DUR_TIME})?|{_DUR_TIME})"
_DURATION = re.compile(rf"\+?{_DUR_VALUE}")
_SIGNED_DURATION = re.compile(rf"[+-]?{_DUR_VALUE}")
_NONZERO = re.compile(r"[1-9]")
_DURATION_UNITS = re.compile(r"(\d+)([WDHMS])")
_SECONDS = {"W": 7 * 86_400, "D": 86_400, "H": 3_600, "M": 60, "S": 1}
_LONGEST_COMPARED = 40
"""Longer durations are not converted: int() refuses 4,300 digits, and no hint needs 40."""


def positive_duration(value: str) -> bool:
    """Whether ``value`` is a duration of RFC 5545 §3.3.6 longer than zero."""
    return _DURATION.fullmatch(value) is not None and _NONZERO.search(value) is not None


def is_duration(value: str) -> bool:
    """Whether ``value`` is a dur-value of RFC 5545 §3.3.6, of either sign or zero (an
    alarm's TRIGGER: ``-PT15M`` is before the start)."""
    return _SIGNED_DURATION.fullmatch(value) is not None


def duration_seconds(value: str) -> int | None:
    """How long a positive duration is, in seconds (a day as 24 hours: RFC 5545 §3.3.6
    makes it nominal, which two refresh hints need not tell apart); None for a value that
    is not one, or too long to convert."""
    if len(value) > _LONGEST_COMPARED or not positive_duration(value):
        return None
    return sum(int(count) * _SECONDS[unit] for count, unit in _DURATION_UNITS.findall(value))


# A date-time with no Z, alone or as an item of a list or a period (``a,b``, ``a/b``):
# each try reads at most 16 characters, one try per position of the value.
FLOATING: Final = re.compile(r"(?:^|[,/])\d{8}T\d{6}(?![^,/])")


def are_dates(first: str, last: str) -> bool:
    """Whether both are DATE values (``YYYYMMDD``, RFC 5545 §3.3.4) of days of the
    calendar: one call for the two dates of an all-day event."""
    if len(first) != 8 or len(last) != 8 or not first.isdigit() or not last.isdigit():
        return False  # (isdigit takes other scripts' digits too: fromisoformat does not)
    try:  # Python 3.11 reads YYYYMMDD (and 2023W051, which isdigit has ruled out)
        dt.date.fromisoformat(first)
        dt.date.fromisoformat(last)
    except ValueError:  # 20230230
        return False
    return True


def is_date(value: str) -> bool:
    """Whether ``value`` is a DATE value of a day of the calendar."""
    return are_dates(value, value)


LOCAL_TIME: Final = re.compile(r"[0-9]{8}T[0-9]{6}")
"""A DATE-TIME without Z: floating, or local to the zone its TZID names."""
_UTC_TIME = re.compile(r"[0-9]{8}T([0-9]{2})([0-9]{2})([0-9]{2})Z")


def is_utc_time(value: str) -> bool:
    """Whether ``value`` is a DATE-TIME in UTC (RFC 5545 §3.3.5, form 2) at a moment that
    exists: a day of the calendar, hours to 23, minutes to 59, seconds to 60 (a leap
    second, which §3.3.12 allows)."""
    # Remembered: a feed's DTSTAMPs and LAST-MODIFIEDs are the few dates of its
    # revisions. Only values of the form's length are: a hostile file's long ones would
    # fill the memory, and are no UTC time anyway.
    return len(value) == _UTC_LENGTH and _is_utc_time(value)


_UTC_LENGTH: Final = len("20230718T000000Z")


@functools.lru_cache(maxsize=256)
def _is_utc_time(value: str) -> bool:
    found = _UTC_TIME.fullmatch(value)
    if found is None or not is_date(value[:8]):
        return False
    hours, minutes, seconds = map(int, found.groups())
    return hours <= 23 and minutes <= 59 and seconds <= 60


def unescape_text(value: str) -> str:
    """A TEXT value as it reads (RFC 5545 §3.3.11): ``\\,`` a comma, ``\\;`` a semicolon,
    ``\\n`` or ``\\N`` a newline, ``\\\\`` a backslash. Pairs of backslashes are taken
    from the left first, as a reader does (``\\\\n`` is a backslash and an n); then no
    piece holds two backslashes in a row, and each escape is replaced in C."""
    if "\\" not in value:
        return value
    return "\\".join(
        piece.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\N", "\n")
        for piece in value.split("\\\\")
    )


def escape_problems(value: str, *, listed: bool = False) -> tuple[bool, bool]:
    """Whether a TEXT value holds a ``;`` or ``,`` that no backslash escapes, and whether
    it escapes a character other than ``\\ ; , n N`` (RFC 5545 §3.3.11). In a list of
    TEXT (``listed``: CATEGORIES), a bare comma separates two items: only ``;`` counts.

    A character is escaped when the run of backslashes just before it is odd. Taking out
    every ``\\\\`` pair leaves each run as one backslash or none, without joining
    runs (other characters stand between them): then ``\\;`` is an escaped semicolon,
    and every other backslash escapes what follows it, if anything does. Counting in
    that text gives the answers of a look-behind regular expression six times faster
    (the build lints every description of its sample: it was half of the lint's time)."""
    if "\\" not in value:  # most values: nothing is escaped
        return ";" in value or (not listed and "," in value), False
    reduced = value.replace("\\\\", "")
    semicolons, commas = reduced.count("\\;"), reduced.count("\\,")
    unescaped = reduced.count(";") > semicolons or (not listed and reduced.count(",") > commas)
    allowed = semicolons + commas + reduced.count("\\n") + reduced.count("\\N")
    escapes = reduced.count("\\") - (1 if reduced.endswith("\\") else 0)
    return unescaped, escapes > allowed


_APART: Final = "<>\"'`{}|\\^"
"""What ends a link as a space does: what RFC 3986 §2 leaves out of a URI, and the
quote that HTML puts around one (``<a href="…">…</a>``, Google's and Outlook's own
descriptions), unless the link itself holds it (a quote may be in a URI)."""
_OPENING: Final = "([{«“‘"
"""Marks before a link that readers leave out of it: "(voir https://…)", "“https://…”"."""
_CLOSING: Final = ".,;:!?)]}»>\"'”’…"
"""Marks after a link that readers leave out of it: "(voir https://…/a).", "…/a»).", "…/a…"."""
_JOINING: Final = "".join(mark for mark in "-._~/?#[]@!$&'()*+,;=%" if mark not in _OPENING)
"""What continues a URI before a link (RFC 3986 §2, but for ":" and the opening marks):
``?u=https://…`` or ``…/web/2023/https://…`` is another link, which a reader opens
instead. A colon ends a label ("Lien:https://…"): a scheme's colon comes after letters."""


@functools.lru_cache(maxsize=16)
def _words(apart: str) -> re.Pattern[str]:
    """What runs between spaces of any kind and the marks ``apart``: ``\\s`` is Unicode's,
    with the no-break spaces French puts before "!", "?", ":" and inside « »."""
    return re.compile(rf"[^\s{re.escape(apart)}]+")


def shows_link(text: str, link: str) -> bool:
    """Whether ``text`` shows ``link`` as a link of its own: a word of the text, cut at
    spaces and at what no URI holds, that ends with the link and closing marks, and in
    which the link begins the word or follows what no URI continues with (an opening
    mark, "Lien:", "[texte](" in Markdown). The link continued (``…/port`` in
    ``…/portail``, which a reader opens instead) or the end of a longer word
    (``xhttps://…``, ``?u=https://…``) is not shown.

    One pass over the text, a word at a time, and one comparison a word: the closing
    marks at a word's end are the link's own last ones and then the marks after it, so
    where the link would end is known without a search. The work is in proportion to
    the text whatever it holds (looking for the link again from each place it was found
    was quadratic: 72 s for a description and a URL of a's, 0.94 MB). A link with a
    space in it is not a URI, and is never shown whole."""
    if not link or link not in text:  # the usual answer, from one search in C
        return False
    words = _words("".join(mark for mark in _APART if mark not in link))
    own = len(link) - len(link.rstrip(_CLOSING))  # "…/a)" ends with its own mark
    for found in words.finditer(text):
        word = found.group()
        end = len(word.rstrip(_CLOSING)) + own
        start = end - len(link)
        if start >= 0 and word.endswith(link, start, end):
            before = word[start - 1 : start]
            if not before or not (before.isalnum() or before in _JOINING):
                return True
    return False
