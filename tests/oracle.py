"""The test oracle for vaxical's feeds: the same calendars built through icalendar's
component tree, as vaxical itself built them before it wrote content lines directly
(vaxical.render.ics). Only the folding is vaxical's (``contentline.fold``): icalendar
7.3.2 splits an escaped backslash across a fold (collective/icalendar#1501), which Google
answers by dropping the event. Everything else (property order, escaping, value forms,
parameters) is icalendar's own, but for one normalization of its TEXT escaping
(:class:`_Text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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

from vaxical.model import Definition
from vaxical.render.contentline import fold
from vaxical.render.ics import PRODID, calendar_description
from vaxical.schedule.events import Event
from vaxical.schedule.feeds import Feed, feed_name
from vaxical.schedule.zones import Transition, ZoneRules, rules

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


# A character no text of a feed holds (vaxical.safety refuses control characters).
_BACKSLASH = "\x00"


class _Text(vText):
    """A TEXT value as icalendar escapes it, but that every backslash is doubled as RFC
    5545 §3.3.11 says: icalendar first reads a literal ``\\N`` as a newline (a leniency
    for what it is given), and would write ``C:\\Nouveau`` as a line break."""

    def to_ical(self) -> bytes:
        kept = vText(str(self).replace("\\", _BACKSLASH)).to_ical().decode("utf-8")
        return kept.replace(_BACKSLASH, "\\\\").encode("utf-8")


def serialize(component: Component) -> bytes:
    """icalendar's content lines of ``component``, each folded by vaxical's fold."""
    return b"".join(fold(line) + b"\r\n" for line in component.content_lines(sorted=True) if line)


def event_component(definition: Definition, event: Event) -> VEvent:
    stamp = event.modified or definition.revised
    component = VEvent()
    component["UID"] = _Text(event.uid)
    component["DTSTAMP"] = vDDDTypes(stamp)
    component["LAST-MODIFIED"] = vDDDTypes(stamp)
    component["SEQUENCE"] = vInt(event.sequence)
    component["DTSTART"] = vDDDTypes(event.start)
    component["DTEND"] = vDDDTypes(event.end)
    component["SUMMARY"] = _Text(event.summary)
    component["DESCRIPTION"] = _Text(event.description)
    component["CATEGORIES"] = vCategory([event.kind.category])
    component["TRANSP"] = vText("TRANSPARENT")
    component["X-MICROSOFT-CDO-BUSYSTATUS"] = vText("FREE")
    for alarm in event.alarms:
        valarm = VAlarm()
        valarm["ACTION"] = vText("DISPLAY")
        valarm["DESCRIPTION"] = _Text(alarm.description)
        valarm["TRIGGER"] = vDDDTypes(alarm.trigger)
        component.add_component(valarm)
    return component


def calendar(definition: Definition, feed: Feed, events: Iterable[Event]) -> Calendar:
    """The whole feed as one icalendar component tree."""
    events = tuple(events)
    whole = Calendar()
    whole.add("VERSION", "2.0")
    whole.add("PRODID", PRODID)
    whole.add("CALSCALE", "GREGORIAN")
    name = feed_name(definition, feed)
    description = calendar_description(definition)
    whole.add("NAME", _Text(name))
    whole.add("X-WR-CALNAME", _Text(name))
    whole.add("DESCRIPTION", _Text(description))
    whole.add("X-WR-CALDESC", _Text(description))
    whole.add("X-WR-TIMEZONE", vText(definition.timezone))
    refresh = dt.timedelta(hours=definition.refresh_hours)
    whole.add("REFRESH-INTERVAL", vDDDTypes(refresh), parameters={"VALUE": "DURATION"})
    whole.add("X-PUBLISHED-TTL", vText(f"PT{definition.refresh_hours}H"))
    source = definition.base_url + feed.filename(definition.id)
    whole.add("SOURCE", source, parameters={"VALUE": "URI"})
    # For a timed event's TZID, and as the one component of a feed without events
    # (RFC 5545 §3.4 asks for one at least: rule 22).
    if not events or any(not event.all_day for event in events):
        whole.add_component(vtimezone(rules(definition.timezone)))
    for event in events:
        whole.add_component(event_component(definition, event))
    return whole


def feed_bytes(definition: Definition, feed: Feed, events: Iterable[Event]) -> bytes:
    """The feed as icalendar serializes it (folded by vaxical's fold)."""
    return serialize(calendar(definition, feed, events))
