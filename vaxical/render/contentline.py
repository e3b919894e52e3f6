"""RFC 5545 content lines and value forms: folding (to bytes), TEXT escaping (of a str,
or of its UTF-8 bytes), dates and date-times, durations and UTC offsets, written as
icalendar 7.3 writes them. Pure.

:mod:`vaxical.render.ics` builds feeds from these; the rules cited are those of
docs/calendar-clients.md ("rule N").
"""

from __future__ import annotations

import datetime as dt

from vaxical.errors import FeedError

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


def fold_octets(data: bytes) -> bytes:
    """:func:`fold` of a content line already in UTF-8, without its CRLF: ``\r\n `` every
    74 octets at most, never inside a character nor after an unpaired escape character."""
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
    return fold_octets(line.encode("utf-8"))


def line(text: str) -> bytes:
    """One content line, folded, with its CRLF."""
    data = text.encode("utf-8")
    if len(data) < FOLD_LIMIT:
        return data + CRLF
    return fold_octets(data) + CRLF


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
