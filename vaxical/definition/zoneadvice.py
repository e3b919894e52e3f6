"""What to write for a time zone name that is no tz database name, with a fix that
gives the right times when followed.

A fix by spelling alone is wrong for anything that is an offset (`UTC+2` was advised as
`UTC`, two hours off all year) or a city in the wrong region (`Europe/Cayenne` as
`Europe/Vienna`): offsets, French names of zones and abbreviations are told apart
first; a French place (a region, a prefecture) is looked up before the tz database's
cities, wherever their region; spelling comes last, a city of the region written or a
French place before any other, its guess said with its offsets.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re

import pytz

from vaxical.definition.reader import close_matches
from vaxical.definition.values import unaccented
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

_PLACES_IN = {
    "Europe/Paris": (
        *("France", "Métropole", "France métropolitaine", "Hexagone", "Corse", "Corsica"),
        *("Île-de-France", "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne"),
        *("Centre-Val de Loire", "Grand Est", "Hauts-de-France", "Normandie"),
        *("Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire"),
        *("Provence-Alpes-Côte d'Azur", "Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux"),
        *("Lille", "Nantes", "Strasbourg", "Rennes", "Rouen", "Dijon", "Orléans", "Ajaccio"),
        *("Bastia", "Montpellier", "Nice", "Metz", "Besançon", "Caen", "Poitiers", "Limoges"),
        *("Clermont-Ferrand", "Amiens", "Châlons-en-Champagne", "Reims", "Grenoble"),
        *("Saint-Étienne", "Toulon", "Nîmes", "Le Havre", "Angers", "Brest", "Tours"),
        *("Le Mans", "Aix-en-Provence", "Perpignan", "Nancy", "Mulhouse", "Avignon", "Pau"),
    ),
    "America/Martinique": ("Martinique", "Fort-de-France", "Le Lamentin"),
    "America/Guadeloupe": ("Guadeloupe", "Pointe-à-Pitre", "Basse-Terre", "Les Abymes"),
    "America/Cayenne": (
        *("Guyane", "Guyane française", "French Guiana", "Cayenne", "Kourou"),
        "Saint-Laurent-du-Maroni",
    ),
    "Indian/Reunion": ("Réunion", "Saint-Denis", "Saint-Paul", "Le Tampon"),
    "Indian/Mayotte": ("Mayotte", "Mamoudzou", "Dzaoudzi"),
    # France's other places overseas: no holidays vaxical knows, but their names were
    # guessed by letters in another region (`America/Saint-Martin` as
    # `Europe/San_Marino`, five hours off; `Pacific/Papeete` as `Pacific/Ponape`, 21).
    "America/Marigot": ("Saint-Martin", "Marigot"),
    "America/St_Barthelemy": ("Saint-Barthélemy", "Gustavia"),
    "America/Miquelon": ("Saint-Pierre-et-Miquelon", "Miquelon"),
    # Most of French Polynesia keeps Tahiti's time; the Marquesas and Gambier keep
    # their own (UTC-9:30, UTC-9), named here so that « Polynésie » is not taken for them.
    "Pacific/Tahiti": ("Polynésie", "Polynésie française", "French Polynesia", "Papeete"),
    "Pacific/Marquesas": ("Marquises", "Îles Marquises", "Nuku Hiva"),
    "Pacific/Gambier": ("Gambier", "Îles Gambier", "Rikitea"),
    "Pacific/Noumea": ("Nouvelle-Calédonie", "New Caledonia", "Nouméa"),
    "Pacific/Wallis": ("Wallis-et-Futuna", "Wallis and Futuna", "Mata-Utu"),
}
"""France's regions and places overseas, their prefectures and main cities, as written
in French (and a few in English), under the zone each keeps the time of. The tz
database names one city a zone: `Europe/Lyon` was advised as `Europe/London` by its
letters, `America/Guyane` as `America/Guyana`, an hour off all year."""

_SAME_NAME = {
    ("europe", "saint denis"): "Europe/Paris",
    ("america", "saint pierre"): "America/Miquelon",
    ("indian", "saint pierre"): "Indian/Reunion",
}
"""A name found in two regions (Saint-Denis, north of Paris; Saint-Pierre, the chief
town of Saint-Pierre-et-Miquelon and a city of Réunion): the zone in a region."""


def _spelt(text: str) -> str:
    """Lower case, without accents, hyphens and underscores as spaces: a name as spelt."""
    letters = unaccented(text.replace("\u2019", "'"))
    return " ".join(re.sub(r"[-_]", " ", letters).split())


def _bare(text: str) -> str:
    """:func:`_spelt`, without a leading article: « La Réunion » → reunion,
    `Pointe_a_Pitre` → pointe a pitre."""
    return re.sub(r"^(?:la |l' ?)", "", _spelt(text))


_FRENCH_PLACES = {_bare(place): zone for zone, places in _PLACES_IN.items() for place in places}
"""What follows « heure de » in a notice or a zone's city part (:func:`_bare`), and its
zone."""

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
    # A French place before the tz database's cities and spelling, which gave a zone of
    # another time (`Europe/Lyon` → `Europe/London`); one of the zone's own name is
    # said as the tz database's city, below.
    french_place = _SAME_NAME.get((region.lower(), _bare(city)), _FRENCH_PLACES.get(_bare(city)))
    if french_place is not None and french_place != found:
        return f"did you mean `{french_place}`? ({_french_place(city.strip(), french_place)})"
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
    spelt = _spellings()
    near = close_matches(_spelt(city), list(spelt), n=10, cutoff=0.8)
    if near:
        return _guess(spelt[min(near, key=lambda name: _rank(city, region, name, spelt[name]))])
    close = close_matches(stripped, pytz.all_timezones, n=1, cutoff=0.6)
    if close:
        return _guess(close[0])
    return "use a tz database name such as `Europe/Paris` or `America/Martinique`."


def _rank(written: str, region: str, name: str, tzid: str) -> tuple[bool, float, bool]:
    """How a spelling ``name`` (of zone ``tzid``) ranks as the city meant by ``written``,
    first best. A city of another region comes after the written region's and France's
    places: by letters alone, `America/Saint-Martin` was `Europe/San_Marino`, five hours
    off. A French place keeps its rank wherever its region (`Europe/Cayene` is nearer
    Cayenne than Caen); the region then breaks a tie."""
    inside = tzid.startswith(f"{region}/")
    french = name in _FRENCH_SPELLINGS
    return (not (inside or french), -_likeness(written, name), not inside)


def _french_place(written: str, tzid: str) -> str:
    """Why ``written``, a French place, is ``tzid``: a zone is named by one city."""
    city = tzid.rsplit("/", 1)[1].replace("_", " ")
    if _bare(written) == _bare(city):
        return f"{written} is written `{city}` in the tz database."
    place = _PLACE_NAMES[tzid]
    if _bare(written) == _bare(place):
        return f"{written}'s zone is named after {city} in the tz database."
    said = f"{written} keeps the time of {place}"
    if _bare(place) == _bare(city):
        return said + "."
    return said + f", which the tz database names after {city}."


def _likeness(written: str, name: str) -> float:
    return difflib.SequenceMatcher(None, _spelt(written), name).ratio()


def _guess(tzid: str) -> str:
    """A zone guessed by its spelling, with its offsets: a wrong guess shows (it passes
    `check`, and every time would be off)."""
    rules = zones.rules(tzid)
    offsets = _utc(rules.std_offset)
    if rules.daylight is None:
        offsets += " all year"
    else:
        offsets += f", {_utc(rules.daylight.offset)} in summer"
    return f"did you mean `{tzid}` ({offsets})?"


def _offset(written: str, offset: dt.timedelta, calendar_zone: str | None) -> str:
    """An offset is no zone: which zones it may be, for the places this calendar is of
    (its own zone first, then France's), and why no offset zone (Etc/GMT-2) will do."""
    shown = _utc(offset)
    said = f"`{written}` is an offset" + ("" if written == shown else f" ({shown})")
    said += ", which has no daylight-saving rules"
    places = [calendar_zone] if calendar_zone else []
    places += [zone for zone in FRENCH_ZONES if zone not in places]
    matching = [zone for zone in places if offset in _offsets(zone)]
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


_PLACE_NAMES = {
    **dict(
        zip(
            FRENCH_ZONES,
            ("mainland France", "Martinique", "Guadeloupe", "French Guiana", "Réunion", "Mayotte"),
            strict=True,
        )
    ),
    "America/Marigot": "Saint Martin",
    "America/St_Barthelemy": "Saint Barthélemy",
    "America/Miquelon": "Saint Pierre and Miquelon",
    "Pacific/Tahiti": "French Polynesia",
    "Pacific/Marquesas": "the Marquesas Islands",
    "Pacific/Gambier": "the Gambier Islands",
    "Pacific/Noumea": "New Caledonia",
    "Pacific/Wallis": "Wallis and Futuna",
}
"""The place each zone of :data:`_PLACES_IN` is said to be the time of, in English."""


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


@functools.cache
def _by_lower() -> dict[str, str]:
    return {zone.lower(): zone for zone in pytz.all_timezones}


@functools.cache
def _by_city() -> dict[str, str]:
    """Each city of the tz database's current zones (lower case, as written in the
    name) and its zone: a city is found whatever region it was given."""
    return {zone.rsplit("/", 1)[-1].lower(): zone for zone in pytz.common_timezones}


@functools.cache
def _spellings() -> dict[str, str]:
    """The names a misspelt city is compared with (:func:`_spelt`): the tz database's
    cities and the French places, each with its zone."""
    spellings = {_spelt(city): zone for city, zone in _by_city().items()}
    spellings.update(_FRENCH_SPELLINGS)
    return spellings


_FRENCH_SPELLINGS = {_spelt(place): zone for zone, places in _PLACES_IN.items() for place in places}
"""The French places of :data:`_PLACES_IN`, as :func:`_spelt` writes them, and their zones."""


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
