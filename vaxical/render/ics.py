"""Render a feed as iCalendar bytes. Pure.

Content lines are written straight from vaxical's typed events, in the order, escaping
and value forms icalendar 7.3 gives the same components (``Component.to_ical()`` with
sorted properties), folded by :func:`fold`. icalendar's component tree cost a build
most of its time (a 100-year calendar spent half of it in ``content_lines()``); it is
now the tests' oracle: ``tests/oracle.py`` builds every feed through icalendar and
``tests/test_serializer.py`` compares the bytes, on generated text too.

Each choice below answers a rule of docs/calendar-clients.md (cited as "rule N").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping

from vaxical.errors import FeedError, ZoneError
from vaxical.model import Definition
from vaxical.safety import check_text, check_url, is_text, refuse_texts
from vaxical.schedule.events import Event, Kind
from vaxical.schedule.feeds import Feed, feed_name
from vaxical.schedule.zones import Transition, ZoneRules, agrees, rules

# No version in PRODID: a release must not change the bytes (and ETags) of every feed.
PRODID = "-//vaxical//vaxical//FR"
# Observances start in 1970, before any event; their yearly RRULEs carry them forward.
EPOCH_YEAR = 1970
CRLF = b"\r\n"

# Zones that icalendar 7.3 writes as UTC ("Z", no TZID): those it holds equivalent to
# UTC. Instants are the same either way; the list keeps the bytes icalendar's, and a
# test compares it with icalendar's own answer for every zone pytz knows.
UTC_EQUIVALENT = frozenset(
    {
        "Africa/Abidjan", "Africa/Accra", "Africa/Bamako", "Africa/Banjul", "Africa/Conakry",
        "Africa/Dakar", "Africa/Freetown", "Africa/Lome", "Africa/Nouakchott",
        "Africa/Ouagadougou", "Africa/Timbuktu", "Atlantic/Reykjavik", "Atlantic/St_Helena",
        "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "Etc/Greenwich", "Etc/UCT",
        "Etc/UTC", "Etc/Universal", "Etc/Zulu", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich",
        "Iceland", "UCT", "UTC", "Universal", "Zulu",
    }
)  # fmt: skip


FOLD_LIMIT = 75
# TEXT escapes (RFC 5545 §3.3.11) and parameter escapes (RFC 6868).
_ESCAPE_BYTES = frozenset(b"\\^")


def _fold_octets(data: bytes) -> bytes:
    if len(data) < FOLD_LIMIT:
        return data
    pieces = []
    start = 0
    while len(data) - start >= FOLD_LIMIT:
        cut = start + FOLD_LIMIT - 1
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the lead byte
            cut -= 1
        last = data[cut - 1]
        if last in _ESCAPE_BYTES and cut - 1 > start:
            first = cut - 1
            while first > start and data[first - 1] == last:
                first -= 1
            if (cut - first) % 2 == 1:  # an unpaired escape character starts a sequence
                cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def fold(line: str) -> bytes:
    """Fold one content line at 75 octets (RFC 5545 §3.1), as icalendar 7.3 does, but never
    inside a UTF-8 character nor between an escape character and what it escapes
    (docs/calendar-clients.md rule 17).

    icalendar 7.3.2's fold moves a trailing backslash to the next line whatever precedes
    it, so an escaped backslash ``\\\\`` at the boundary is split in two (an incomplete
    fix of collective/icalendar#1501). The parity of the trailing run tells whether the
    last one starts an escape. Cuts are found by byte offset: a chunk is at most 74 octets
    (one fewer than the limit, as in icalendar), backed off to a character boundary.
    """
    return _fold_octets(line.encode("utf-8"))


def _line(text: str) -> bytes:
    """One content line, folded, with its CRLF."""
    data = text.encode("utf-8")
    if len(data) < FOLD_LIMIT:
        return data + CRLF
    return _fold_octets(data) + CRLF


def escape(text: str) -> str:
    r"""TEXT escaping (RFC 5545 §3.3.11, docs/calendar-clients.md rule 18): every
    backslash doubled (icalendar reads a literal ``\N`` as a newline first, which made
    ``C:\Nouveau`` a line break in every client), and CRLF, LF and a lone CR each become
    ``\n``, as icalendar normalizes them."""
    # Each replacement only where its character occurs: most texts hold no backslash
    # and no carriage return, and an event's description is its longest line.
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    text = text.replace(";", "\\;").replace(",", "\\,")
    if "\r" in text:
        text = text.replace("\r\n", "\\n").replace("\n", "\\n")
        return text.replace("\r", "\\n")
    return text.replace("\n", "\\n")


def escape_octets(data: bytes) -> bytes:
    """:func:`escape` on UTF-8 text: ``escape(text).encode()`` is
    ``escape_octets(text.encode())``, as every character it replaces is ASCII, whose
    octets UTF-8 uses for nothing else. Faster on a long text: bytes.replace reads one
    octet a character where French text (an en dash) is two octets a character in a str."""
    if b"\\" in data:
        data = data.replace(b"\\", b"\\\\")
    data = data.replace(b";", b"\\;").replace(b",", b"\\,")
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\\n").replace(b"\n", b"\\n")
        return data.replace(b"\r", b"\\n")
    return data.replace(b"\n", b"\\n")


def _date(day: dt.date) -> str:
    # YYYYMMDD: ISO 8601's basic form; isoformat() pads the year to four digits too.
    return day.isoformat().replace("-", "")


def _clock(moment: dt.datetime) -> str:
    # YYYYMMDDTHHMMSS, the seconds truncated, the year padded to four digits as
    # isoformat() pads it. Formatted from the fields, with %: isoformat() of an aware
    # time looks up its UTC offset only to have it cut off, and an f-string with these
    # format specs takes as long (each twice the time of this, for each timed event's
    # DTSTART and DTEND).
    return "%04d%02d%02dT%02d%02d%02d" % (  # noqa: UP031 - see above
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
    )


def _tzid(moment: dt.datetime) -> str | None:
    """The zone a moment is written in: None for UTC (the ``Z`` form), else its TZID."""
    tzinfo = moment.tzinfo
    if tzinfo is dt.UTC:
        return None
    key = getattr(tzinfo, "key", None)  # zoneinfo, as schedule.zones.zone() makes them
    if not isinstance(key, str):
        raise FeedError(f"cannot name the time zone of {moment.isoformat()} in a feed.")
    return None if key in UTC_EQUIVALENT else key


def date_property(name: str, value: dt.date | dt.datetime) -> str:
    """``NAME;VALUE=DATE:…``, ``NAME;TZID=…:…``, ``NAME:…Z`` or floating ``NAME:…``, as
    icalendar's vDDDTypes writes a date, a zoned, a UTC and a naive date-time."""
    if not isinstance(value, dt.datetime):
        return f"{name};VALUE=DATE:{_date(value)}"
    if value.tzinfo is None:
        return f"{name}:{_clock(value)}"
    tzid = _tzid(value)
    if tzid is None:
        return f"{name}:{_clock(value)}Z"
    return f"{name};TZID={tzid}:{_clock(value)}"


def duration(delta: dt.timedelta) -> str:
    """An RFC 5545 DURATION as icalendar writes it: ``PT9H``, ``P1DT9H``, ``-PT15H``."""
    sign = ""
    if delta.days < 0:
        sign = "-"
        delta = -delta
    clock = ""
    if delta.seconds:
        hours, rest = divmod(delta.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        clock = "T"
        if hours:
            clock += f"{hours}H"
        if minutes or (hours and seconds):
            clock += f"{minutes}M"
        if seconds:
            clock += f"{seconds}S"
    if delta.days == 0 and clock:
        return f"{sign}P{clock}"
    return f"{sign}P{delta.days}D{clock}"


def utc_offset(delta: dt.timedelta) -> str:
    """A UTC-OFFSET as icalendar writes it: ``+0100``, ``-0400``, ``+053000``."""
    sign = "-" if delta < dt.timedelta(0) else "+"
    seconds = abs(int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if seconds:
        return f"{sign}{hours:02}{minutes:02}{seconds:02}"
    return f"{sign}{hours:02}{minutes:02}"


def _observance(
    part: str,
    name: str,
    start: dt.datetime,
    offset_from: dt.timedelta,
    offset_to: dt.timedelta,
    transition: Transition | None,
) -> list[str]:
    lines = [f"BEGIN:{part}", date_property("DTSTART", start)]
    if transition is not None:
        # icalendar's vRecur: FREQ first, then the other parts by name.
        lines.append(f"RRULE:FREQ=YEARLY;BYDAY={transition.byday};BYMONTH={transition.month}")
    lines += [
        f"TZNAME:{escape(name)}",
        f"TZOFFSETFROM:{utc_offset(offset_from)}",
        f"TZOFFSETTO:{utc_offset(offset_to)}",
        f"END:{part}",
    ]
    return lines


@functools.cache
def vtimezone(zone_rules: ZoneRules) -> bytes:
    """The Outlook-safe VTIMEZONE (rule 2): one STANDARD and one DAYLIGHT part with yearly
    RRULEs, or a single STANDARD part for a zone without daylight time."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{escape(zone_rules.tzid)}"]
    std = zone_rules.std_offset
    daylight = zone_rules.daylight
    if daylight is None:
        epoch = dt.datetime.combine(dt.date(EPOCH_YEAR, 1, 1), dt.time())
        lines += _observance("STANDARD", zone_rules.std_name, epoch, std, std, None)
    else:
        dst = daylight.offset
        start, end = daylight.start, daylight.end
        lines += _observance(
            "DAYLIGHT", daylight.name, start.moment_in(EPOCH_YEAR), std, dst, start
        )
        lines += _observance(
            "STANDARD", zone_rules.std_name, end.moment_in(EPOCH_YEAR), dst, std, end
        )
    lines.append("END:VTIMEZONE")
    return b"".join(_line(line) for line in lines)


def check_instants(zone_rules: ZoneRules, events: Iterable[Event]) -> None:
    """Refuse a timed event whose instant under the VTIMEZONE's rules differs from the tz
    database's: a client would show it at the wrong time (e.g. a date before the zone's
    current rules began, or a wall-clock time skipped by a DST change)."""
    for event in events:
        for moment in (event.start, event.end):
            if not isinstance(moment, dt.datetime):
                continue
            local = moment.replace(tzinfo=None)
            if not agrees(zone_rules.tzid, local):
                raise ZoneError(
                    f"{event.uid}: {local.isoformat(' ')} in {zone_rules.tzid} is not covered by "
                    "the zone's current rules (a past rule change or a time skipped by a DST "
                    "change); clients would show it at the wrong time. Move the time or the dates."
                )


def calendar_description(definition: Definition) -> str:
    notice = definition.latest_notice
    return (
        f"{definition.description}\n\n"
        f"Calendrier complet et abonnements : {definition.base_url}\n"
        f"Source : {notice.reference} – {notice.url}"
    )


# Lines that are the same in every event (rule 6: informational, never make the
# pharmacist look busy), written once.
_EVENT_TAIL = b"TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n"


# Remembered: the events of a revision share its date. The zone and the fold are part of
# the key: equal instants in two zones are written apart, and two wall-clock times of
# one zone that differ only by the fold compare equal.
@functools.lru_cache(maxsize=256)
def _stamp_lines(stamp: dt.datetime, zone: dt.tzinfo | None, fold: int) -> tuple[bytes, bytes]:
    """The DTSTAMP and LAST-MODIFIED lines of ``stamp``."""
    stamped = date_property("DTSTAMP", stamp)
    return _line(stamped), _line("LAST-MODIFIED" + stamped[len("DTSTAMP") :])


# Remembered: a calendar's events share a few summaries. The one argument is the text:
# the cache's key is then the str itself, no tuple built and hashed for each event.
# None for a text that vaxical.safety refuses: the caller names the field.
@functools.lru_cache(maxsize=1024)
def _summary_line(summary: str) -> bytes | None:
    return _line(f"SUMMARY:{escape(summary)}") if is_text(summary) else None


# Each kind's CATEGORIES line, written once.
_CATEGORY_LINES = {kind: _line(f"CATEGORIES:{escape(kind.category)}") for kind in Kind}


@functools.lru_cache(maxsize=4096)
def _day_line(name: str, day: dt.date) -> bytes:
    return _line(date_property(name, day))


# Remembered for the calendars of a deployment in one zone, which share their
# confirmations' times. The zone and the fold are part of the key, as in _stamp_lines.
@functools.lru_cache(maxsize=4096)
def _time_line(name: str, moment: dt.datetime, zone: dt.tzinfo | None, fold: int) -> bytes:
    return _line(date_property(name, moment))


def _moment_line(name: str, value: dt.date | dt.datetime) -> bytes:
    """``NAME;VALUE=DATE:…`` or ``NAME;TZID=…:…``, remembered: most events are all-day
    and share their days."""
    if isinstance(value, dt.datetime):
        return _time_line(name, value, value.tzinfo, value.fold)
    return _day_line(name, value)


# Remembered: an event's longest line, and the calendars of a deployment (the regions of
# one product, in one zone) give their events the same descriptions. Escaped as octets
# (escape_octets) on a miss. None for a text that vaxical.safety refuses.
@functools.lru_cache(maxsize=4096)
def _description_line(description: str) -> bytes | None:
    if not is_text(description):
        return None
    return _fold_octets(b"DESCRIPTION:" + escape_octets(description.encode("utf-8"))) + CRLF


def event_bytes(event: Event, stamp: dt.datetime) -> bytes:
    """One VEVENT: its properties in icalendar's order (SUMMARY, DTSTART, DTEND, DTSTAMP,
    UID, SEQUENCE, then the others by name), then its VALARMs. ``stamp``: DTSTAMP and
    LAST-MODIFIED, the event's last revision (rule 10, no METHOD): unchanged events keep
    theirs, so a rebuild gives them the same bytes."""
    dtstamp, last_modified = _stamp_lines(stamp, stamp.tzinfo, stamp.fold)
    uid, summary, description = event.uid, event.summary, event.description
    # RFC 5545 §3.3.11: no control characters in TEXT (vaxical.safety, last line of
    # defence), checked with each line remembered. The fields are named only for a
    # refusal: most events pass.
    titled, described = _summary_line(summary), _description_line(description)
    if titled is None or described is None:
        refuse_texts((summary, f"{uid}: SUMMARY"), (description, f"{uid}: DESCRIPTION"))
    parts = [
        b"BEGIN:VEVENT\r\n",
        titled,
        _moment_line("DTSTART", event.start),  # VALUE=DATE or TZID, by type
        _moment_line("DTEND", event.end),
        dtstamp,
        _line(f"UID:{escape(uid)}"),
        b"SEQUENCE:%d\r\n" % event.sequence,
        _CATEGORY_LINES[event.kind],
        described,
        last_modified,
        _EVENT_TAIL,
    ]
    for alarm in event.alarms:
        parts += (
            b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
            _line(f"DESCRIPTION:{escape(check_text(alarm.description, f'{uid}: VALARM'))}"),
            _line(f"TRIGGER:{duration(alarm.trigger)}"),
            b"END:VALARM\r\n",
        )
    parts.append(b"END:VEVENT\r\n")
    return b"".join(parts)


def serialize_events(definition: Definition, events: Iterable[Event]) -> dict[str, bytes]:
    """Each event's VEVENT bytes, by UID: serialized once, reused in every feed that holds
    it. Also refuses timed events that the zone's rules would misplace."""
    events = tuple(events)
    timed = [event for event in events if not event.all_day]
    if timed:
        check_instants(rules(definition.timezone), timed)
    revised = definition.revised
    return {event.uid: event_bytes(event, event.stamp(revised)) for event in events}


def feed_header(definition: Definition, feed: Feed, *, timed: bool) -> bytes:
    """A feed up to its first event (:func:`calendar_header`) and, when an event is
    timed, the VTIMEZONE."""
    head = calendar_header(
        feed.filename(definition.id),
        feed_name(definition, feed),
        calendar_description(definition),
        base_url=definition.base_url,
        refresh_hours=definition.refresh_hours,
        timezone=definition.timezone,
    )
    if timed:
        head += vtimezone(rules(definition.timezone))
    return head


def calendar_header(
    file: str, name: str, description: str, *, base_url: str, refresh_hours: int, timezone: str
) -> bytes:
    """The calendar's properties in icalendar's order (VERSION, PRODID, CALSCALE,
    DESCRIPTION, X-WR-CALDESC, NAME, X-WR-CALNAME, then the others by name)."""
    name = escape(check_text(name, f"{file}: NAME"))
    description = escape(check_text(description, f"{file}: DESCRIPTION"))
    source = check_url(base_url + file, "calendar.base_url (feed SOURCE)")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        # No METHOD: DTSTAMP then means "last revised" (rules 10 and 12).
        f"DESCRIPTION:{description}",
        f"X-WR-CALDESC:{description}",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        # RFC 7986 §5.7 requires VALUE=DURATION; X-PUBLISHED-TTL needs ISO text (rule 14).
        f"REFRESH-INTERVAL;VALUE=DURATION:{duration(dt.timedelta(hours=refresh_hours))}",
        f"SOURCE;VALUE=URI:{source}",
        f"X-PUBLISHED-TTL:{escape(f'PT{refresh_hours}H')}",
        f"X-WR-TIMEZONE:{escape(timezone)}",
    ]
    return b"".join(_line(line) for line in lines)


FEED_END = b"END:VCALENDAR\r\n"


def render_feed(
    definition: Definition,
    feed: Feed,
    events: tuple[Event, ...],
    serialized: Mapping[str, bytes] | None = None,
) -> bytes:
    """One .ics file: ``events`` are those of ``feed``, already selected and sorted;
    ``serialized`` their bytes from :func:`serialize_events` (computed if not given)."""
    if serialized is None:
        serialized = serialize_events(definition, events)
    timed = any(not event.all_day for event in events)
    head = feed_header(definition, feed, timed=timed)
    return b"".join([head, *[serialized[event.uid] for event in events], FEED_END])
