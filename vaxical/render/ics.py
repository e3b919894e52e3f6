"""Render a feed as iCalendar bytes with the icalendar library. Pure.

Each choice below answers a rule of docs/calendar-clients.md (cited as "rule N").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from icalendar import Alarm as VAlarm
from icalendar import (
    Calendar,
    Component,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCategory,
    vDDDTypes,
    vInt,
    vText,
)
from icalendar import Event as VEvent

from vaxical.errors import FeedError, ZoneError
from vaxical.model import Definition
from vaxical.safety import check_text, check_url
from vaxical.schedule.events import Event
from vaxical.schedule.feeds import Feed, feed_name
from vaxical.schedule.zones import Transition, ZoneRules, agrees, rules

# No version in PRODID: a release must not change the bytes (and ETags) of every feed.
PRODID = "-//vaxical//vaxical//FR"
# Observances start in 1970, before any event; their yearly RRULEs carry them forward.
EPOCH_YEAR = 1970


def _observance(
    part: TimezoneStandard | TimezoneDaylight,
    name: str,
    start: dt.datetime,
    offset_from: dt.timedelta,
    offset_to: dt.timedelta,
    transition: Transition | None,
) -> TimezoneStandard | TimezoneDaylight:
    part.add("DTSTART", start)
    if transition is not None:
        part.add(
            "RRULE", {"FREQ": "YEARLY", "BYMONTH": transition.month, "BYDAY": transition.byday}
        )
    part.add("TZNAME", name)
    part.add("TZOFFSETFROM", offset_from)
    part.add("TZOFFSETTO", offset_to)
    return part


def vtimezone(zone_rules: ZoneRules) -> Timezone:
    """The Outlook-safe VTIMEZONE (rule 2): one STANDARD and one DAYLIGHT part with yearly
    RRULEs, or a single STANDARD part for a zone without daylight time."""
    component = Timezone()
    component.add("TZID", zone_rules.tzid)
    std = zone_rules.std_offset
    daylight = zone_rules.daylight
    if daylight is None:
        epoch = dt.datetime.combine(dt.date(EPOCH_YEAR, 1, 1), dt.time())
        component.add_component(
            _observance(TimezoneStandard(), zone_rules.std_name, epoch, std, std, None)
        )
        return component
    dst = daylight.offset
    start, end = daylight.start, daylight.end
    component.add_component(
        _observance(TimezoneDaylight(), daylight.name, start.moment_in(EPOCH_YEAR), std, dst, start)
    )
    component.add_component(
        _observance(
            TimezoneStandard(), zone_rules.std_name, end.moment_in(EPOCH_YEAR), dst, std, end
        )
    )
    return component


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


FOLD_LIMIT = 75
# TEXT escapes (RFC 5545 §3.3.11) and parameter escapes (RFC 6868).
_ESCAPE_BYTES = frozenset(b"\\^")


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
    data = line.encode("utf-8")
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


def serialize(component: Component) -> bytes:
    """icalendar's content lines of ``component``, each folded by :func:`fold`."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines(sorted=True) if line)


def _text(value: str) -> vText:
    # icalendar escapes X- and RFC 7986 text properties only when given as vText (rule 13).
    return vText(value)


def calendar_description(definition: Definition) -> str:
    notice = definition.latest_notice
    return (
        f"{definition.description}\n\n"
        f"Calendrier complet et abonnements : {definition.base_url}\n"
        f"Source : {notice.reference} – {notice.url}"
    )


def event_component(definition: Definition, event: Event) -> VEvent:
    """The VEVENT, with icalendar's value types assigned directly: the same component
    ``Event.new()`` builds (and the same bytes), 2.4 times faster to build, since every
    one of a long calendar's events goes through here."""
    # DTSTAMP is the event's last revision (rule 10, no METHOD): unchanged events keep
    # theirs, so a rebuild gives them the same bytes.
    stamp = event.modified or definition.revised
    component = VEvent()
    component["UID"] = vText(event.uid)
    component["DTSTAMP"] = vDDDTypes(stamp)
    component["LAST-MODIFIED"] = vDDDTypes(stamp)
    component["SEQUENCE"] = vInt(event.sequence)
    component["DTSTART"] = vDDDTypes(event.start)  # VALUE=DATE or TZID, by type
    component["DTEND"] = vDDDTypes(event.end)
    # RFC 5545 §3.3.11: no control characters in TEXT (vaxical.safety, last line of defence).
    component["SUMMARY"] = vText(check_text(event.summary, f"{event.uid}: SUMMARY"))
    component["DESCRIPTION"] = vText(check_text(event.description, f"{event.uid}: DESCRIPTION"))
    component["CATEGORIES"] = vCategory([event.kind.category])
    # Informational: never make the pharmacist look busy (rule 6).
    component["TRANSP"] = vText("TRANSPARENT")
    component["X-MICROSOFT-CDO-BUSYSTATUS"] = vText("FREE")
    for alarm in event.alarms:
        valarm = VAlarm()
        valarm["ACTION"] = vText("DISPLAY")
        valarm["DESCRIPTION"] = vText(check_text(alarm.description, f"{event.uid}: VALARM"))
        valarm["TRIGGER"] = vDDDTypes(alarm.trigger)
        component.add_component(valarm)
    return component


def serialize_events(definition: Definition, events: Iterable[Event]) -> dict[str, bytes]:
    """Each event's VEVENT bytes, by UID: serialized once, reused in every feed that holds
    it. Also refuses timed events that the zone's rules would misplace."""
    events = tuple(events)
    timed = [event for event in events if not event.all_day]
    if timed:
        check_instants(rules(definition.timezone), timed)
    return {event.uid: serialize(event_component(definition, event)) for event in events}


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
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    # No METHOD: DTSTAMP then means "last revised" (rules 10 and 12).
    name = check_text(feed_name(definition, feed), f"{feed.filename(definition.id)}: NAME")
    description = check_text(
        calendar_description(definition), f"{feed.filename(definition.id)}: DESCRIPTION"
    )
    calendar.add("NAME", _text(name))
    calendar.add("X-WR-CALNAME", _text(name))
    calendar.add("DESCRIPTION", _text(description))
    calendar.add("X-WR-CALDESC", _text(description))
    calendar.add("X-WR-TIMEZONE", _text(definition.timezone))
    refresh = dt.timedelta(hours=definition.refresh_hours)
    # RFC 7986 §5.7 requires VALUE=DURATION; X-PUBLISHED-TTL needs ISO text (rule 14).
    calendar.add("REFRESH-INTERVAL", vDDDTypes(refresh), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", _text(f"PT{definition.refresh_hours}H"))
    source = check_url(
        definition.base_url + feed.filename(definition.id), "calendar.base_url (feed SOURCE)"
    )
    calendar.add("SOURCE", source, parameters={"VALUE": "URI"})
    if any(not event.all_day for event in events):
        calendar.add_component(vtimezone(rules(definition.timezone)))
    # icalendar writes a calendar as its properties, its components in order, then
    # END:VCALENDAR: the events' bytes go just before that last line.
    head = serialize(calendar)
    end = b"END:VCALENDAR\r\n"
    if not head.endswith(end):
        raise FeedError("icalendar did not end the calendar with END:VCALENDAR.")
    return head[: -len(end)] + b"".join(serialized[event.uid] for event in events) + end
