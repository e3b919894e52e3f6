"""Dates and times written the way the DGS-Urgent notices write them.

Pure functions, independent of the machine's locale: ``strftime`` would follow LC_TIME
and break reproducible output.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

from vaxical.rules import DateSpan

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# The seed writes ranges across months with spaced en dashes: "31 juillet – 1er août".
RANGE_DASH = " – "


def day_number(day: dt.date) -> str:
    """``1er`` for the first of the month, as French typography wants; the number otherwise."""
    return "1er" if day.day == 1 else str(day.day)


# Remembered, as the ranges below: the events, the table and the month view write the
# same days again and again (a session's days in each of its four events).
@functools.lru_cache(maxsize=8192)
def day_month(day: dt.date, *, year: bool = False) -> str:
    """``17 juillet`` (``17 juillet 2023`` with ``year``)."""
    text = f"{day_number(day)} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def cited(reference: str, day: dt.date) -> str:
    """A notice as a source: ``DGS-Urgent N°2023-11 du 18 juillet 2023``; a reference that
    ends with its date already (``DGS-Urgent du 15 septembre 2023``) as it is."""
    date = day_month(day, year=True)
    return reference if reference.endswith(date) else f"{reference} du {date}"


@functools.lru_cache(maxsize=8192)
def long_date(day: dt.date, *, year: bool = True) -> str:
    """``lundi 17 juillet 2023``."""
    return f"{WEEKDAYS[day.weekday()]} {day_month(day, year=year)}"


@functools.lru_cache(maxsize=8192)
def short_range(span: DateSpan, *, year: bool = False) -> str:
    """A range as the seed's table writes it.

    ``17-18 juillet``, ``31 juillet – 1er août``, ``31 août – 1er septembre``, a single
    day as ``27 juillet``; across a new year both years are written.
    """
    first, last = span.first, span.last
    if first == last:
        return day_month(first, year=year)
    if first.year != last.year:
        return f"{day_month(first, year=True)}{RANGE_DASH}{day_month(last, year=True)}"
    if first.month == last.month:
        text = f"{day_number(first)}-{day_number(last)} {MONTHS[first.month - 1]}"
        return f"{text} {first.year}" if year else text
    return f"{day_month(first)}{RANGE_DASH}{day_month(last, year=year)}"


def _long_pair(first: dt.date, last: dt.date, joiner: str) -> str:
    if first.year != last.year:
        return f"{long_date(first)}{joiner}{long_date(last)}"
    if first.month != last.month:
        return f"{long_date(first, year=False)}{joiner}{long_date(last)}"
    return f"{WEEKDAYS[first.weekday()]} {day_number(first)}{joiner}{long_date(last)}"


@functools.lru_cache(maxsize=8192)
def long_range(span: DateSpan) -> str:
    """``lundi 17 et mardi 18 juillet 2023``; ``du jeudi 12 au lundi 16 octobre 2023``."""
    if span.first == span.last:
        return long_date(span.first)
    if (span.last - span.first).days == 1:
        return _long_pair(span.first, span.last, " et ")
    return "du " + _long_pair(span.first, span.last, " au ")


@functools.lru_cache(maxsize=8192)
def between(span: DateSpan) -> str:
    """``entre le jeudi 27 et le vendredi 28 juillet 2023``, or ``le jeudi 27 juillet 2023``."""
    if span.first == span.last:
        return "le " + long_date(span.first)
    return "entre le " + _long_pair(span.first, span.last, " et le ")


# Digit groups are separated by a narrow no-break space (U+202F, "espace fine
# insécable"): the French typographic rule, and the group separator of the Unicode CLDR's
# `fr` locale since CLDR 34. No-break, so that "62 626 octets" never wraps mid-number.
GROUP_SEPARATOR = "\u202f"


def number(count: int) -> str:
    """``62 626`` (with U+202F between groups of three digits); ``-1 000``; ``999``."""
    return f"{count:,}".replace(",", GROUP_SEPARATOR)


def counted(count: int, one: str, many: str = "") -> str:
    """``1 révision``, ``0 exception``, ``1 000 sessions``: the count as :func:`number`
    writes it and its word, singular below two as French has it (``many``: the plural
    when it is not ``one`` + s)."""
    return f"{number(count)} {one if count < 2 else many or one + 's'}"


def every_hours(hours: int) -> str:
    """``toutes les heures``, ``toutes les 6 heures``."""
    return "toutes les heures" if hours == 1 else f"toutes les {number(hours)} heures"


def clock(time: dt.time) -> str:
    """``18h00``, as the seed writes it."""
    return f"{time.hour}h{time.minute:02d}"


def weekday_after(first: int, days: int) -> tuple[str, int]:
    """The weekday ``days`` after a session's first weekday ``first`` (0 for Monday), and
    how many weeks after the session's week it falls: ``("jeudi", 1)`` for J+10 from Monday."""
    offset = first + days
    return WEEKDAYS[offset % 7], offset // 7


def weeks_later(weeks: int, *, same_week: bool = False) -> str:
    """What follows a weekday ``weeks`` after the session's week: ``" de la semaine
    suivante"``, ``", 2 semaines après le début de la session"``; for 0, ``" de la même
    semaine"`` when ``same_week`` asks for it, else nothing."""
    if weeks == 0:
        return " de la même semaine" if same_week else ""
    if weeks == 1:
        return " de la semaine suivante"
    return f", {weeks} semaines après le début de la session"


def listing(items: Sequence[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``; ``""`` for none."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def holiday(day: dt.date, name: str) -> str:
    """``lundi 1er avril 2024, Lundi de Pâques (jour férié)``."""
    return f"{long_date(day)}, {name} (jour férié)"


_ORDINALS = ("premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième")


def ordinal(number: int) -> str:
    """``premier``, ``deuxième``… for 1 to 7; ``8e`` from 8 on."""
    return _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}e"


def cadence(every_weeks: int) -> str:
    """``chaque semaine``, ``une semaine sur deux``, ``une semaine sur 5``."""
    if every_weeks == 1:
        return "chaque semaine"
    words = {2: "deux", 3: "trois", 4: "quatre"}
    return f"une semaine sur {words.get(every_weeks, str(every_weeks))}"


def elsewhere(stated: str | None, tzid: str) -> str:
    """``, heure de Paris`` after a time a notice states in another zone than the
    calendar's (``tzid``); ``""`` for the calendar's own."""
    return "" if stated in (None, tzid) else f", {zone_name(stated)}"


def zone_name(tzid: str) -> str:
    """``heure de Paris`` for Europe/Paris: the city of a tz database name, as French
    notices name a zone. Only the city part is translated where French differs."""
    city = tzid.rsplit("/", 1)[-1].replace("_", " ")
    return f"heure de {_CITIES.get(city, city)}"


# tz database cities whose French name differs (the ones French calendars meet).
_CITIES = {"Martinique": "la Martinique", "Guadeloupe": "la Guadeloupe", "Reunion": "La Réunion"}
