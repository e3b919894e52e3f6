"""TOML values as they read in a message (``show_value``, ``type_name``), how to retype
one as the type a key wants (``typed_fix``), and the conversions that tell a value of
the wrong type (``None``) from a right one. Pure.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from vaxical.schedule.french import MONTHS


def show_value(value: object) -> str:
    """A value as it would be written in TOML, shortened for a one-line message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[" + ", ".join(show_value(item) for item in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


# A date and a time as French notices write them: 25/10/2024, 18h00 (groups: the numbers).
FRENCH_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
FRENCH_TIME = r"(\d{1,2})h(\d{2})?"
# A date as a notice's sentence writes it: « lundi 28 octobre 2024 », « 1er octobre 2024 ».
WORDED_DATE = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) +)?"
    r"(\d{1,2})(?:er)? +([a-zA-Zéûè]{3,9}) +(\d{4})"
)
_FRENCH_DATE = re.compile(rf"^\s*{FRENCH_DATE}\s*$")
_WORDED_DATE = re.compile(rf"^\s*{WORDED_DATE}\s*$", re.IGNORECASE)
_FRENCH_TIME = re.compile(rf"^\s*{FRENCH_TIME}\s*$")
_ISO_LIKE = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s*$|^\s*\d{2}:\d{2}(?::\d{2})?\s*$"
)


TRUE_WORDS = frozenset({"true", "yes", "y", "oui", "o", "vrai", "on", "ok"})
FALSE_WORDS = frozenset({"false", "no", "n", "non", "faux", "off"})
"""The words people write for true and false, in English and French."""


def real_day(year: int, month: int, day: int) -> dt.date | None:
    """The date of these fields, None when there is no such date."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def real_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` for a date that exists, else None."""
    day_of = real_day(year, month, day)
    return None if day_of is None else day_of.isoformat()


def unaccented(text: str) -> str:
    """``text`` in lower case, without its accents: « Février » → fevrier, « Nouméa » →
    noumea; how a French name is compared whatever its writer's keyboard."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def worded_date(day: str, month: str, year: str) -> str | None:
    """What ``28 octobre 2024`` names, as ``YYYY-MM-DD``; None when the month is no
    French month's name (accents optional: « fevrier », « aout ») or no such day."""
    names = [unaccented(name) for name in MONTHS]
    if unaccented(month) not in names:
        return None
    return real_date(int(year), names.index(unaccented(month)) + 1, int(day))


def slashed_date(day: str, month: str, year: str) -> tuple[str | None, str]:
    """What ``25/10/2024`` names, as ``YYYY-MM-DD`` (None when no such date), and the
    order it was read in: day/month/year, or month/day/year when the middle number
    cannot be a month and the first can (``10/25/2024``, as English writes it)."""
    first, middle = int(day), int(month)
    if middle > 12 and first <= 12:
        return real_date(int(year), first, middle), "month/day/year"
    return real_date(int(year), middle, first), "day/month/year"


def real_time(hour: int, minute: int, second: int = 0) -> str | None:
    """``HH:MM:SS`` for a time of day that exists (24:00 does not), else None."""
    if hour < 24 and minute < 60 and second < 60:
        return f"{hour:02d}:{minute:02d}:{second:02d}"
    return None


def no_24(hour: int) -> str:
    """What to write for the hour 24, which a time of day does not have."""
    return " (there is no 24:00: write 23:59:59, or 00:00:00 the next day)" if hour == 24 else ""


def _exists(text: str) -> bool:
    """Whether ``text`` (a date, a date and time, or a time, ISO-like) names one that is."""
    try:
        if ":" in text and "-" not in text:
            dt.time.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def typed_fix(
    key: str,
    raw: object,
    example: str,
    *,
    moment: bool = False,
    bounds: tuple[int, int] | None = None,
) -> str:
    """How to write ``raw`` as the type the key wants (a date or a time when ``example``
    is one; a date and time too with ``moment``; a whole number within ``bounds``), from
    what people usually type: their own value retyped when there is one, never a stock
    one to copy in its place (a calendar silently wrong), nor one the key refuses."""
    wants_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", example) is not None
    wants_time = re.fullmatch(r"\d{2}:\d{2}:\d{2}", example) is not None
    shown = placeholder(example)
    if example in ("true", "false"):
        word = str(raw).strip().lower() if isinstance(raw, str | int) else ""
        if word in TRUE_WORDS | FALSE_WORDS | {"1", "0"}:
            truth = "true" if word in TRUE_WORDS | {"1"} else "false"
            return f"write true or false, in lower case and without quotes: `{key} = {truth}`."
        # Nothing else to retype: a number (« -3 », 1.0) is no answer to yes or no.
        return f"write `{key} = true` or `{key} = false`, without quotes."
    if isinstance(raw, str):
        french = _FRENCH_DATE.match(raw)
        if french and wants_date:
            written, _ = slashed_date(*french.groups())
            if written is not None:
                return f"write dates as year-month-day without quotes: `{key} = {written}`."
            return f"no such date; write it as year-month-day without quotes: `{key} = {shown}`."
        worded = _WORDED_DATE.match(raw)
        written_in_words = worded_date(*worded.groups()) if worded and wants_date else None
        if written_in_words is not None:
            return f"write dates as year-month-day without quotes: `{key} = {written_in_words}`."
        french_time = _FRENCH_TIME.match(raw)
        if french_time and wants_time:
            hour, minute = (int(part or 0) for part in french_time.groups())
            written = real_time(hour, minute)
            if written is not None:
                return f"write times as HH:MM:SS without quotes: `{key} = {written}`."
            return f"no such time{no_24(hour)}; write it as `{key} = {shown}`."
        quoted = _ISO_LIKE.match(raw)
        if quoted and (wants_date or wants_time):
            text = raw.strip()
            if re.fullmatch(r"\d{2}:\d{2}", text):
                text += ":00"
            if not _exists(text):
                kind = "date" if wants_date else "time"
                return f"no such {kind}; write it as `{key} = {shown}`."
            day, _, time = text.replace(" ", "T").partition("T") if "-" in text else ("", "", text)
            time = time and dt.time.fromisoformat(time).isoformat()
            if wants_date and day and time and not moment:
                return f"write the date alone, without quotes or its time: `{key} = {day}`."
            if wants_date and day:
                return f"remove the quotes: `{key} = {day}{'T' + time if time else ''}`."
            if wants_time and time:
                how = "remove the quotes" if not day else "write the time alone, without its date"
                return f"{how}: `{key} = {time}`."
        eight = raw.strip()
        if wants_date and re.fullmatch(r"\d{8}", eight):  # "20250301": nor quotes, nor dashes
            written = real_date(int(eight[:4]), int(eight[4:6]), int(eight[6:]))
            if written is not None:
                return f"write dates with their dashes, without quotes: `{key} = {written}`."
            # Not year, month, day: perhaps day, month, year ("10102023"); else no date
            # to retype (« 20231310 »), and no stock one to copy in its place.
            day_first = real_date(int(eight[4:]), int(eight[2:4]), int(eight[:2]))
            if day_first is not None:
                return f"write dates as year-month-day without quotes: `{key} = {day_first}`."
            return "write the date as year-month-day without quotes (YYYY-MM-DD)."
        if re.fullmatch(r"\s*-?[0-9]{1,15}\s*", raw):
            return _whole(key, int(raw), example, bounds, "remove the quotes")
    if isinstance(raw, dt.datetime) and wants_date and not moment:
        return f"write the date alone, without its time: `{key} = {raw.date().isoformat()}`."
    if isinstance(raw, dt.datetime) and wants_time:
        written = raw.time().isoformat()
        return f"write the time alone, without its date: `{key} = {written}`."
    dashless = isinstance(raw, int) and not isinstance(raw, bool) and wants_date
    if dashless and 10_000_000 <= int(str(raw)) <= 99_991_231:
        text = str(raw)  # 20250301: a date without its dashes
        written = real_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if written is not None:
            return f"write dates with their dashes, without quotes: `{key} = {written}`."
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        # Not 1e308 written out: 309 digits, and no key takes a number that large.
        return _whole(key, int(raw), example, bounds, "write a whole number")
    if bounds is not None:
        low, high = bounds
        return f"write a whole number from {low} to {high}, e.g. `{key} = {example}`."
    return f"write it as `{key} = {shown}`."


def placeholder(example: str) -> str:
    """What a fix shows for a date or a time the user has not given (a key missing, a
    value that names none): its form, never a stock one to copy (a review: « add `date =
    2023-07-18` » to a block of 2024, refused once followed); else ``example``."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", example):
        return "YYYY-MM-DD"
    if re.fullmatch(r"\d{2}:\d{2}:\d{2}", example):
        return "HH:MM:SS"
    return example


def span_fix(key: str, raw: object) -> str:
    """How to write ``raw`` as the first and last day of a span (``delivery =
    [2023-10-13, 2023-10-16]``): the dates it gives, in order, when it gives one or two
    (quoted, with a time, or alone), else an example."""
    items = raw if isinstance(raw, list) else [raw]
    days = [_day_of(item) for item in items[:3]]
    if 1 <= len(items) <= 2 and all(day is not None for day in days):
        given = sorted(day for day in days if day is not None)
        first, last = given[0], given[-1]
        how = "the same twice for one day, " if len(items) == 1 else ""
        return f"write `{key} = [{first}, {last}]` (the first and last day, {how}without quotes)."
    return f"write `{key} = [2023-10-13, 2023-10-16]` (first and last day)."


def _day_of(item: object) -> str | None:
    """The day ``item`` names, as ``YYYY-MM-DD``: a date, a date and time, or either
    in quotes (a French one too)."""
    if isinstance(item, dt.date):
        return (item.date() if isinstance(item, dt.datetime) else item).isoformat()
    if not isinstance(item, str):
        return None
    french = _FRENCH_DATE.match(item)
    if french:
        return slashed_date(*french.groups())[0]
    text = item.strip()
    if _ISO_LIKE.match(text) and "-" in text and _exists(text):
        return text[:10]
    return None


def _whole(key: str, number: int, example: str, bounds: tuple[int, int] | None, how: str) -> str:
    """The fix that writes ``number`` as the key's whole number, if the key takes it."""
    if bounds is not None and not bounds[0] <= number <= bounds[1]:
        low, high = bounds
        return f"write a whole number from {low} to {high}, e.g. `{key} = {example}`."
    return f"{how}: `{key} = {number}`."


def as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return None


def as_time(value: object) -> dt.time | None:
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    return None


def as_moment(value: object) -> dt.date | dt.datetime | None:
    return value if isinstance(value, dt.date) else None


def as_list(value: object) -> list[object] | None:
    return value if isinstance(value, list) else None


NOT_IN_URIS = frozenset('<>"{}|\\^`')
"""Characters RFC 3986 leaves out of URIs (with spaces and non-ASCII ones)."""


def encoded_url(url: str) -> str:
    """``url`` as a URI (RFC 3986), for a fix: its host in IDNA (punycode), the rest
    percent-encoded."""
    parts = urlsplit(url)
    try:
        host = parts.netloc.encode("idna").decode("ascii")
    except UnicodeError:
        host = quote(parts.netloc, safe=":@[]")
    reserved = "/?#[]@!$&'()*+,;=%~:"
    pieces = (quote(piece, safe=reserved) for piece in (parts.path, parts.query, parts.fragment))
    return urlunsplit((parts.scheme, host, *pieces))
