"""What to write for a time zone name that is no tz database name, with a fix that
gives the right times when followed.

A fix by spelling alone is wrong for anything that is an offset (`UTC+2` was advised as
`UTC`, two hours off all year) or a city in the wrong region (`Europe/Cayenne` as
`Europe/Vienna`): offsets, French names of zones and abbreviations are told apart
first, a city is looked up wherever its region, and spelling comes last.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

import pytz

from vaxical.definition.reader import close_matches
from vaxical.schedule import zones

FRENCH_ZONES = (
    "Europe/Paris",
    "America/Martinique",
    "America/Guadeloupe",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
)
"""The zones of the regions whose holidays vaxical knows (rules.Region): the places
whose clocks the ministry's notices follow, so the zones an offset may mean there."""

_FRENCH_PLACES = {
    "paris": "Europe/Paris",
    "france": "Europe/Paris",
    "metropole": "Europe/Paris",
    "france metropolitaine": "Europe/Paris",
    "martinique": "America/Martinique",
    "guadeloupe": "America/Guadeloupe",
    "guyane": "America/Cayenne",
    "cayenne": "America/Cayenne",
    "reunion": "Indian/Reunion",
    "mayotte": "Indian/Mayotte",
}
"""What follows « heure de » in a notice (accents and articles left out), and its zone."""

_OFFSET = re.compile(
    r"(?:(?:UTC|GMT|UT)\s?)?([+\-\u2212])\s?(\d{1,2})(?:\s?(?:[:hH]\s?(\d{2})?|(\d{2})))?",
    re.IGNORECASE,
)
"""An offset from UTC, as people write one: UTC+2, GMT-3, +02:00, UTC+0200, UTC+2h."""

_ZERO = re.compile(r"Z|UTC\s?[+-]?\s?0+(?::?00)?|GMT\s?[+-]?\s?0+(?::?00)?", re.IGNORECASE)

_FRENCH = re.compile(r"heure\s+(?:d[e'\u2019]\s*(?:la\s+|l['\u2019]\s*)?)?(.*)", re.IGNORECASE)
"""« heure de Paris », « heure de la Martinique », « heure d'été »: a notice's words."""

_NAMED = "the tz database name of the place whose clock the notice follows (Region/City)"


def zone_advice(name: str, calendar_zone: str | None = None) -> str:
    """The fix for ``name``, which is no tz database name; ``calendar_zone`` is the
    calendar's own zone when ``name`` is a rule's (a confirmation's, a session's)."""
    stripped = name.strip()
    if _ZERO.fullmatch(stripped):
        return _offset(stripped, dt.timedelta(0), calendar_zone)
    offset = _OFFSET.fullmatch(stripped)
    if offset is not None:
        sign, hours, minutes, packed = offset.groups()
        span = dt.timedelta(hours=int(hours), minutes=int(minutes or packed or 0))
        return _offset(stripped, -span if sign != "+" else span, calendar_zone)
    french = _FRENCH.fullmatch(stripped)
    if french is not None:
        place = _FRENCH_PLACES.get(_bare(french.group(1)))
        if place is not None:
            return (
                f"`{stripped}` is how a notice names the zone: write its tz database name, "
                f"`{place}`."
            )
        return (
            f"`{stripped}` names no place: write {_NAMED}, such as `Europe/Paris` "
            "(mainland France) or `America/Martinique`."
        )
    by_lower = _by_lower()
    if stripped.lower() in by_lower:
        return f"did you mean `{by_lower[stripped.lower()]}`? (Names are case-sensitive.)"
    region, _, city = stripped.rpartition("/")
    by_city = _by_city()
    found = by_city.get(city.replace(" ", "_").lower())
    if found is not None and region:
        return f"did you mean `{found}`? ({city} is in {found.rsplit('/', 1)[0]}.)"
    if found is not None:
        return f"did you mean `{found}`? (A zone is named by its region and city.)"
    if stripped in _abbreviations():
        # CEST would otherwise be read as a typo of EST (New York's zone).
        return (
            f"`{stripped}` is an abbreviation, which names one season's offset, not a zone: "
            "write the tz database name of a city in it, such as `Europe/Paris` (CET, CEST) "
            "or `America/Martinique` (AST)."
        )
    # A misspelt city first: matched on the whole name, `Europe/Cayene` was nearest
    # `Europe/Tirane`, the region's letters outweighing the city's.
    near = close_matches(city.replace(" ", "_").lower(), list(by_city), n=3, cutoff=0.8)
    if near:
        same = [by_city[c] for c in near if by_city[c].startswith(f"{region}/")]
        return f"did you mean `{(same or [by_city[near[0]]])[0]}`?"
    close = close_matches(stripped, pytz.all_timezones, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "use a tz database name such as `Europe/Paris` or `America/Martinique`."


def _offset(written: str, offset: dt.timedelta, calendar_zone: str | None) -> str:
    """An offset is no zone: which zones it may be, for the places this calendar is of
    (its own zone first, then France's), and why no offset zone (Etc/GMT-2) will do."""
    shown = _utc(offset)
    said = f"`{written}` is an offset" + ("" if written == shown else f" ({shown})")
    said += ", which has no daylight-saving rules"
    places = [calendar_zone] if calendar_zone else []
    places += [zone for zone in FRENCH_ZONES if zone not in places]
    matching = [zone for zone in places if offset in _offsets(zone)]
    if not matching and offset == dt.timedelta(0):
        return f"{said}: for times the notice gives in UTC, write `UTC`; else write {_NAMED}."
    if not matching:
        own = (
            f" nor the calendar's (`{calendar_zone}`)"
            if calendar_zone and calendar_zone not in FRENCH_ZONES
            else ""
        )
        return (
            f"{said}, and none of France's zones{own} is at {shown}: write {_NAMED}, "
            "such as `Europe/Paris` for mainland France."
        )
    first = matching[0]
    rules = zones.rules(first)
    if rules.daylight is not None:
        summer = offset == rules.daylight.offset
        gap = abs(rules.daylight.offset - rules.std_offset)
        said += (
            f": {shown} is {'summer' if summer else 'winter'} time in {first}, and the "
            f"times would be {_length(gap)} off all {'winter' if summer else 'summer'}"
        )
        etc = _etc(offset)
        if etc is not None:
            said += f" (as with `{etc}`, the same offset under a zone's name)"
    named = [f"`{zone}`{_whose(zone, calendar_zone)} ({_seasons(zone)})" for zone in matching]
    return f"{said}. Write {_NAMED}: " + " or ".join(named[:3]) + "."


def _whose(tzid: str, calendar_zone: str | None) -> str:
    """``the calendar's zone``, ``for Martinique``: why a zone is named."""
    if tzid == calendar_zone:
        return ", the calendar's zone"
    return f" for {_PLACE_NAMES[tzid]}"


_PLACE_NAMES = dict(
    zip(
        FRENCH_ZONES,
        ("mainland France", "Martinique", "Guadeloupe", "French Guiana", "Réunion", "Mayotte"),
        strict=True,
    )
)


def _offsets(tzid: str) -> tuple[dt.timedelta, ...]:
    rules = zones.rules(tzid)
    return (rules.std_offset,) + ((rules.daylight.offset,) if rules.daylight else ())


def _seasons(tzid: str) -> str:
    """``UTC+1 in winter, UTC+2 in summer``, or ``UTC-4 all year``."""
    rules = zones.rules(tzid)
    if rules.daylight is None:
        return f"{_utc(rules.std_offset)} all year"
    return f"{_utc(rules.std_offset)} in winter, {_utc(rules.daylight.offset)} in summer"


def _utc(offset: dt.timedelta) -> str:
    """``UTC+2``, ``UTC-3``, ``UTC+5:30``."""
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _length(gap: dt.timedelta) -> str:
    minutes = int(gap.total_seconds()) // 60
    if minutes == 60:
        return "an hour"
    return f"{minutes // 60} hours" if minutes % 60 == 0 else f"{minutes} minutes"


def _etc(offset: dt.timedelta) -> str | None:
    """The tz database's zone for a whole-hour offset, its sign the POSIX way round
    (Etc/GMT-2 is UTC+2)."""
    seconds = int(offset.total_seconds())
    if seconds % 3600:
        return None
    hours = -seconds // 3600
    name = "Etc/GMT" if hours == 0 else f"Etc/GMT{hours:+d}"
    return name if zones.known(name) else None


def _bare(text: str) -> str:
    """Lower case, without accents, articles or extra spaces: « La Réunion » → reunion."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"^(?:la|l')\s*", "", " ".join(letters.replace("-", " ").split()))


@functools.cache
def _by_lower() -> dict[str, str]:
    return {zone.lower(): zone for zone in pytz.all_timezones}


@functools.cache
def _by_city() -> dict[str, str]:
    """Each city of the tz database's current zones (lower case, as written in the
    name) and its zone: a city is found whatever region it was given."""
    return {zone.rsplit("/", 1)[-1].lower(): zone for zone in pytz.common_timezones}


@functools.cache
def _abbreviations() -> frozenset[str]:
    """The abbreviations the tz database gives its zones' offsets (CEST, AST, MSK...):
    read only to word a refusal, from pytz's zones."""
    found: set[str] = set()
    for tzid in pytz.common_timezones:
        tz = pytz.timezone(tzid)
        infos = getattr(tz, "_tzinfos", None)
        names = [key[2] for key in infos] if infos else [tz.tzname(None)]
        found.update(name for name in names if name and name.isalpha() and name.isupper())
    return frozenset(found)
