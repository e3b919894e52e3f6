"""What rule 2 compares a VTIMEZONE with: the yearly rules the tz database gives a zone.

The build writes each zone from :func:`vaxical.schedule.zones.rules`, the rule at the
end of the zone's file in pytz's copy of the tz database (the zone's rules for every
later year), and the linter reads that same rule: one reading of the database, not
two. That rule is what Outlook's one yearly pair can hold, but it is the zone's current
rule only once the database's own transitions have come to it: Morocco's shift for
Ramadan every year until 2087, or a change of law the database already holds, make it
a rule of later years. A zone is therefore compared only if its rule gives the
database's offsets at every sample of every year from the database's release to 2037
(where pytz's transitions end): mid-month, and the days either side of each change.
Other zones, and zones whose rule the yearly form cannot state, are not compared.

Read once per zone and process (``functools.cache``, for names the database has: at
most its ~600 zones); ``rules.py`` asks about a few zones of a file only.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

import pytz

from vaxical.errors import ZoneError
from vaxical.schedule import zones

LONGEST_NAME = 64
"""No zone of the tz database has a longer name (the longest has 32 characters)."""
LAST_YEAR = 2037
"""pytz's transitions end with it; later years follow the rule by construction."""


def release_year() -> int:
    """The year of the tz database pytz ships (pytz 2026.6 holds tzdata 2026f): the first
    year compared."""
    year = pytz.VERSION.partition(".")[0]
    return int(year) if year.isascii() and year.isdigit() else LAST_YEAR


class Change(NamedTuple):
    """One yearly change of offset, as a STANDARD or DAYLIGHT part states it."""

    offset_from: int
    """Seconds east of UTC, before the change."""
    offset_to: int
    month: int
    day: str
    """As the RRULE names it: ``BYDAY=-1SU`` (the last Sunday), ``BYDAY=2SU``, or
    ``BYMONTHDAY=25``, which the tz database's yearly rules never use."""
    seconds: int
    """Wall-clock time of the change, in ``offset_from``."""


class YearlyRules(NamedTuple):
    """A zone's current rules as a VTIMEZONE states them: its standard offset, and its
    two yearly changes (none for a zone without daylight time), the change into daylight
    time first. Read from :class:`vaxical.schedule.zones.ZoneRules`; not to be confused
    with :class:`vaxical.rules.Rules`, what a notice rules."""

    standard: int
    changes: tuple[Change, ...]


def current_rules(tzid: str) -> YearlyRules | None:
    """``tzid``'s current yearly rules, or None when the tz database does not know the
    name, or the yearly form cannot state its rule, or that rule is not yet current."""
    if len(tzid) > LONGEST_NAME or not zones.known(tzid):
        return None
    return _current_rules(tzid)


@functools.cache
def _current_rules(tzid: str) -> YearlyRules | None:
    try:
        found = zones.rules(tzid)
    except ZoneError:  # e.g. a change at 24:00 or 26:00 (America/Santiago, Asia/Jerusalem)
        return None
    standard = int(found.std_offset.total_seconds())
    daylight = found.daylight
    if daylight is None:
        rules = YearlyRules(standard, ())
    else:
        summer = int(daylight.offset.total_seconds())
        rules = YearlyRules(
            standard,
            tuple(
                Change(before, after, t.month, f"BYDAY={t.byday}", t.seconds)
                for before, after, t in (
                    (standard, summer, daylight.start),
                    (summer, standard, daylight.end),
                )
            ),
        )
    return rules if _current(found) else None


def _current(found: zones.ZoneRules) -> bool:
    """Whether ``found`` gives the tz database's offset at every sample of every year from
    the database's release to LAST_YEAR."""
    database = zones.zone(found.tzid)
    # The tzinfo's own utcoffset reads a naive time as a time of its zone: the same
    # answer as local.replace(tzinfo=database).utcoffset(), without an aware copy of
    # each of the ~190 samples of each of the ~600 zones.
    return all(
        offset == database.utcoffset(local)
        for year in range(release_year(), LAST_YEAR + 1)
        for local, offset in _samples(found, year)
    )


def _samples(found: zones.ZoneRules, year: int) -> list[tuple[dt.datetime, dt.timedelta]]:
    """Wall-clock times of ``year``, each with the offset ``found`` gives it: noon on the
    15th of each month, and noon the day before and the day after each change."""
    middles = _middles(year)
    daylight = found.daylight
    if daylight is None:
        return [(local, found.std_offset) for local in middles]
    # As ZoneRules.utcoffset, with the year's two changes computed once, not per time.
    start, end = daylight.start.moment_in(year), daylight.end.moment_in(year)
    around = [
        dt.datetime.combine(moment.date() + dt.timedelta(days=days), _NOON)
        for moment in (start, end)
        for days in (-1, 1)
    ]
    samples = []
    for local in (*middles, *around):
        # In the southern hemisphere daylight time spans the new year: start > end.
        summer = start <= local < end if start < end else not end <= local < start
        samples.append((local, daylight.offset if summer else found.std_offset))
    return samples


_NOON = dt.time(12)  # naive: wall-clock times, as a VTIMEZONE's rules read them


@functools.cache
def _middles(year: int) -> tuple[dt.datetime, ...]:
    """Noon on the 15th of each month of ``year``: the same for every zone."""
    return tuple(dt.datetime.combine(dt.date(year, month, 15), _NOON) for month in range(1, 13))
