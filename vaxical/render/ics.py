"""Render a feed as iCalendar bytes. Pure.

Content lines are written straight from vaxical's typed events, in the order, escaping
and value forms icalendar 7.3 gives the same components (``Component.to_ical()`` with
sorted properties), formed and folded by :mod:`vaxical.render.contentline`. icalendar's
component tree cost a build most of its time (a 100-year calendar spent half of it in
``content_lines()``); it is now the tests' oracle: ``tests/oracle.py`` builds every feed
through icalendar and ``tests/test_serializer.py`` compares the bytes, on generated text
too.

Each choice below answers a rule of docs/calendar-clients.md (cited as "rule N").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping

from vaxical.errors import ZoneError
from vaxical.model import Definition
from vaxical.render.contentline import (
    CRLF,
    date_property,
    duration,
    escape,
    escape_octets,
    fold_octets,
    line,
    utc_offset,
)
from vaxical.safety import check_text, check_url, is_text, refuse_texts
from vaxical.schedule.events import Event, Kind
from vaxical.schedule.feeds import Feed, feed_name
from vaxical.schedule.zones import Transition, ZoneRules, agrees, rules

# No version in PRODID: a release must not change the bytes (and ETags) of every feed.
PRODID = "-//vaxical//vaxical//FR"
# Observances start in 1970, before any event; their yearly RRULEs carry them forward.
EPOCH_YEAR = 1970


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
    return b"".join(line(text) for text in lines)


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
    return line(stamped), line("LAST-MODIFIED" + stamped[len("DTSTAMP") :])


# Remembered: a calendar's events share a few summaries. The one argument is the text:
# the cache's key is then the str itself, no tuple built and hashed for each event.
# None for a text that vaxical.safety refuses: the caller names the field.
@functools.lru_cache(maxsize=1024)
def _summary_line(summary: str) -> bytes | None:
    return line(f"SUMMARY:{escape(summary)}") if is_text(summary) else None


# Each kind's CATEGORIES line, written once.
_CATEGORY_LINES = {kind: line(f"CATEGORIES:{escape(kind.category)}") for kind in Kind}


@functools.lru_cache(maxsize=4096)
def _day_line(name: str, day: dt.date) -> bytes:
    return line(date_property(name, day))


# Remembered for the calendars of a deployment in one zone, which share their
# confirmations' times. The zone and the fold are part of the key, as in _stamp_lines.
@functools.lru_cache(maxsize=4096)
def _time_line(name: str, moment: dt.datetime, zone: dt.tzinfo | None, fold: int) -> bytes:
    return line(date_property(name, moment))


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
    return fold_octets(b"DESCRIPTION:" + escape_octets(description.encode("utf-8"))) + CRLF


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
        line(f"UID:{escape(uid)}"),
        b"SEQUENCE:%d\r\n" % event.sequence,
        _CATEGORY_LINES[event.kind],
        described,
        last_modified,
        _EVENT_TAIL,
    ]
    for alarm in event.alarms:
        parts += (
            b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
            line(f"DESCRIPTION:{escape(check_text(alarm.description, f'{uid}: VALARM'))}"),
            line(f"TRIGGER:{duration(alarm.trigger)}"),
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


def feed_header(definition: Definition, feed: Feed, *, zoned: bool) -> bytes:
    """A feed up to its first event (:func:`calendar_header`) and, when ``zoned``, the
    VTIMEZONE of the calendar's zone."""
    head = calendar_header(
        feed.filename(definition.id),
        feed_name(definition, feed),
        calendar_description(definition),
        base_url=definition.base_url,
        refresh_hours=definition.refresh_hours,
        timezone=definition.timezone,
    )
    if zoned:
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
    return b"".join(line(text) for text in lines)


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
    # The zone's VTIMEZONE for timed events (rule 1); and in a feed without events, as
    # its one component: RFC 5545 gives every calendar one at least (rule 22).
    zoned = not events or any(not event.all_day for event in events)
    head = feed_header(definition, feed, zoned=zoned)
    return b"".join([head, *[serialized[event.uid] for event in events], FEED_END])
