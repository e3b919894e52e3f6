"""Time zones from the tz database that pytz ships, in the form calendar clients need.

Why pytz: it carries its own copy of the tz database, so a build gives the same bytes
on every machine, whatever tzdata the system has (or lacks).

Outlook reduces a VTIMEZONE to one yearly pair of transitions and ignores RDATE lists
(MS-OXCICAL 2.1.3.1.1.19.2; docs/calendar-clients.md rule 2). The Outlook-safe form is one
STANDARD and one DAYLIGHT part, each with a yearly RRULE. Those rules are exactly what
the POSIX TZ string at the end of every TZif (version 2+) file states: the zone's
*current* rules, valid for every future year, past 2038 included (RFC 8536 §3.3).
pytz itself stops computing transitions after 2037; :func:`zone` reads the same file
with :mod:`zoneinfo`, which applies that footer rule for later years.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

import pytz

from vaxical.errors import ZoneError

# In POSIX "Mm.w.d" rules, week 5 means "the last such weekday of the month".
LAST_WEEK = 5


@dataclass(frozen=True, slots=True)
class Transition:
    """A yearly change: the ``week``-th ``weekday`` of ``month`` (week 5 = the last)."""

    month: int
    week: int
    weekday: int
    """0 = Sunday, as in POSIX TZ strings."""
    seconds: int
    """Local wall-clock time of the change, in the offset in force before it."""

    def day_in(self, year: int) -> dt.date:
        first = dt.date(year, self.month, 1)
        # date.weekday(): Monday = 0; POSIX: Sunday = 0.
        shift = (self.weekday - (first.isoweekday() % 7)) % 7
        day = first + dt.timedelta(days=shift + 7 * (self.week - 1))
        while day.month != self.month:
            day -= dt.timedelta(days=7)
        return day

    def moment_in(self, year: int) -> dt.datetime:
        return dt.datetime.combine(self.day_in(year), dt.time()) + dt.timedelta(
            seconds=self.seconds
        )

    @property
    def byday(self) -> str:
        names = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
        ordinal = -1 if self.week == LAST_WEEK else self.week
        return f"{ordinal}{names[self.weekday]}"


@dataclass(frozen=True, slots=True)
class Daylight:
    """A zone's daylight-saving time: its name, offset, and yearly start and end."""

    name: str
    offset: dt.timedelta
    start: Transition
    end: Transition


@dataclass(frozen=True, slots=True)
class ZoneRules:
    """A zone's current rules: standard time, and daylight time if it has any."""

    tzid: str
    std_name: str
    std_offset: dt.timedelta
    daylight: Daylight | None = None

    def utcoffset(self, local: dt.datetime) -> dt.timedelta:
        """The offset these rules give a naive wall-clock time (the earlier one when ambiguous)."""
        daylight = self.daylight
        if daylight is None:
            return self.std_offset
        start = daylight.start.moment_in(local.year)
        end = daylight.end.moment_in(local.year)
        # In the southern hemisphere daylight time spans the new year: start > end.
        in_dst = start <= local < end if start < end else not end <= local < start
        return daylight.offset if in_dst else self.std_offset


_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}(?::\d{2})?)?)"
_RULE = r"(M\d{1,2}\.\d\.\d(?:/[+-]?\d{1,3}(?::\d{2}(?::\d{2})?)?)?)"
_POSIX = re.compile(rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,{_RULE},{_RULE})?$")


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(part) for part in text.lstrip("+-").split(":")]
    parts += [0] * (3 - len(parts))
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _transition(text: str, tzid: str, posix: str) -> Transition:
    date_part, _, time_part = text.partition("/")
    month, week, weekday = (int(part) for part in date_part[1:].split("."))
    seconds = _seconds(time_part) if time_part else 2 * 3600
    if not 0 <= seconds < 24 * 3600:
        # e.g. America/Nuuk: "M3.5.0/-1" (the Saturday before the last Sunday, 23:00),
        # which a single BYDAY cannot say and Outlook's one-pair model cannot hold.
        raise ZoneError(
            f"time zone {tzid}: its rule {posix!r} changes time outside 00:00–24:00, "
            "which the Outlook-safe VTIMEZONE form cannot express."
        )
    return Transition(month=month, week=week, weekday=weekday, seconds=seconds)


def parse_posix(tzid: str, posix: str) -> ZoneRules:
    """Parse a POSIX TZ string such as ``CET-1CEST,M3.5.0,M10.5.0/3``."""
    match = _POSIX.match(posix)
    if match is None:
        raise ZoneError(f"time zone {tzid}: cannot read its rule {posix!r}.")
    std_name, std, dst_name, dst, start, end = match.groups()
    # POSIX offsets count hours west of Greenwich: "CET-1" is UTC+1.
    std_offset = dt.timedelta(seconds=-_seconds(std))
    if dst_name is None:
        return ZoneRules(tzid, std_name.strip("<>"), std_offset)
    dst_offset = dt.timedelta(seconds=-_seconds(dst)) if dst else std_offset + dt.timedelta(hours=1)
    daylight = Daylight(
        dst_name.strip("<>"),
        dst_offset,
        _transition(start, tzid, posix),
        _transition(end, tzid, posix),
    )
    return ZoneRules(tzid, std_name.strip("<>"), std_offset, daylight)


# pytz's own copy of the tz database.
ZONEINFO = Path(pytz.__file__).resolve().parent / "zoneinfo"
_ZONE_NAME = re.compile(r"[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*")


@functools.cache
def _listing(folder: Path) -> frozenset[str]:
    return frozenset(path.name for path in folder.iterdir())


@functools.cache
def known(tzid: str) -> bool:
    """Whether ``tzid`` is one of pytz.all_timezones, found without building that list,
    which opens each of its ~600 zone files (7 ms of a shipped build): the name's own
    file, looked up by exact name in its folder (so case counts on every file system),
    holds TZif data. ``Factory`` is such a file, but pytz lists no such zone."""
    if tzid == "Factory" or not _ZONE_NAME.fullmatch(tzid):
        return False
    folder = ZONEINFO
    for part in tzid.split("/"):
        if not folder.is_dir() or part not in _listing(folder):
            return False
        folder = folder / part
    if not folder.is_file():
        return False
    with folder.open("rb") as handle:
        return handle.read(4) == b"TZif"


@functools.cache
def _tzif(tzid: str) -> bytes:
    """The TZif file pytz ships for ``tzid``."""
    if not known(tzid):  # also keeps the name from walking the disk
        raise ZoneError(f"unknown time zone {tzid!r}.")
    return ZONEINFO.joinpath(*tzid.split("/")).read_bytes()


@functools.cache
def rules(tzid: str) -> ZoneRules:
    """The current rules of ``tzid``, from the footer of pytz's TZif file."""
    data = _tzif(tzid)
    footer = data.rstrip(b"\n").rpartition(b"\n")[2].decode("ascii")
    if not data.startswith(b"TZif") or not footer:
        raise ZoneError(f"time zone {tzid}: the tz database file has no rule footer.")
    return parse_posix(tzid, footer)


def agrees(tzid: str, local: dt.datetime) -> bool:
    """Whether the Outlook-safe rules (:func:`rules`) and the tz database give the naive
    wall-clock time ``local`` the same UTC offset. They differ before the zone's current
    rules began, and for a time that a DST change skips or repeats: a client reading the
    VTIMEZONE would then show the event at the wrong hour."""
    # Remembered with its fold: two datetimes that differ by their fold alone are equal
    # and hash alike, so the answer for one (the second 02:30 of an October night, which
    # disagrees) was the other's, whichever was asked first.
    return _agrees(tzid, local, local.fold)


@functools.lru_cache(maxsize=65536)
def _agrees(tzid: str, local: dt.datetime, fold: int) -> bool:
    """:func:`agrees`, remembered: a ledger checks the same confirmation times once per
    revision."""
    database_offset = local.replace(tzinfo=zone(tzid), fold=fold).utcoffset()
    return rules(tzid).utcoffset(local.replace(tzinfo=None)) == database_offset


def agreeing_time(
    tzid: str, day: dt.date, time: dt.time, minutes: int, stated: str | None
) -> dt.time | None:
    """The time of ``day`` nearest ``time``, whole hours apart, at which a confirmation
    of ``minutes`` stated in the zone ``stated`` (None: ``tzid``'s own) begins and ends
    where :func:`agrees` places it in ``tzid``; None when no hour of that day does (the
    zone's rules that day were not its current ones)."""
    length = dt.timedelta(minutes=minutes)
    start = dt.datetime.combine(day, time)
    for hours in (h * sign for h in range(1, 24) for sign in (-1, 1)):
        moment = start + dt.timedelta(hours=hours)
        if moment.date() != day:
            continue
        local = moment
        if stated is not None and stated != tzid:
            local = stated_in(day, moment.time(), stated, tzid).replace(tzinfo=None)
        if agrees(tzid, local) and agrees(tzid, local + length):
            return moment.time()
    return None


@functools.cache
def zone(tzid: str) -> zoneinfo.ZoneInfo:
    """``tzid`` from pytz's database, as a tzinfo that is right past 2037 too."""
    return zoneinfo.ZoneInfo.from_file(io.BytesIO(_tzif(tzid)), key=tzid)


def wall_clock(local: dt.datetime, tzid: str) -> dt.datetime:
    """The naive wall-clock time ``local`` of the zone ``tzid``, as an aware time that is
    right past 2037 (:func:`zone`). A time the clocks repeat or skip reads as pytz's
    ``localize`` read it (``is_dst=False``), which block dates went through before:
    their instants are published (LAST-MODIFIED, the history's dates), so they must not
    move. A repeated time is the one in standard time (the later when neither or both
    are), a skipped time is read with the offset in force before the change (02:30 on
    the night Paris skips to 03:00 is 01:30 UTC)."""
    earlier = local.replace(tzinfo=zone(tzid), fold=0)
    later = local.replace(tzinfo=zone(tzid), fold=1)
    if earlier.utcoffset() == later.utcoffset():
        return earlier
    # fold=0 of a skipped time is read with the offset before the change, as pytz did;
    # a skipped time does not come back from UTC as itself.
    if earlier.astimezone(dt.UTC).astimezone(zone(tzid)).replace(tzinfo=None) != local:
        return earlier
    return earlier if later.dst() and not earlier.dst() else later


def stated_in(day: dt.date, time: dt.time, stated: str | None, tzid: str) -> dt.datetime:
    """``time`` of ``day`` as stated in the zone ``stated`` (None: ``tzid``'s own), as an
    aware time of the zone ``tzid``: 23:00 in Paris is 01:00 the next day in La Réunion."""
    moment = dt.datetime.combine(day, time, zone(stated or tzid))
    return moment.astimezone(zone(tzid))


def plain_date(day: dt.date) -> dt.datetime:
    """The instant of a block or notice dated by a day alone: the start of that day in
    UTC, simple to explain and independent of the machine's clock and zone."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def is_plain_date(moment: dt.datetime) -> bool:
    """Whether ``moment`` reads as a day alone (:func:`plain_date`): 00:00 UTC."""
    return moment.astimezone(dt.UTC).time() == dt.time(0)


def local_day(moment: dt.datetime, tzid: str) -> dt.date:
    """The day of a revision or notice dated ``moment`` (an instant), for a calendar in
    the zone ``tzid``: its day in that zone (2023-09-15T00:30:00 in Paris is of the 15th,
    though its UTC date is the 14th), but its UTC day at 00:00 UTC, which is how a plain
    date reads (the start of that day in UTC: 2024-10-15 is of the 15th in Martinique
    too, where that instant is the evening of the 14th)."""
    if is_plain_date(moment):
        return moment.astimezone(dt.UTC).date()
    return moment.astimezone(zone(tzid)).date()


def utc_text(moment: dt.datetime) -> str:
    """An instant as RFC 3339 text in UTC, to the second: ``2023-09-15T00:00:00Z``, as the
    JSON and the Atom feed write it."""
    return _utc_text(moment, moment.fold)


# Remembered: every event of a revision carries its date, and strftime is slow. The fold
# is part of the key: two wall-clock times of one zone that differ only by it compare
# equal, yet are two instants an hour apart.
@functools.lru_cache(maxsize=4096)
def _utc_text(moment: dt.datetime, fold: int) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
