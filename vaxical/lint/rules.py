"""The rules of docs/calendar-clients.md, one function each, registered in
:data:`vaxical.lint.registry.RULES` by their decorators. A line rule sees each physical
line with the octets of the one before; a component rule sees each component of the
scopes it names, once ended, innermost first and the VCALENDAR last (so a calendar-wide
check knows the whole file). Rules 8, 20 and 21 are about builds, serving and links:
one file cannot break them, and the table holds them without a check so that every rule
is cited from one place.

Only the checks live here, but for the themes of their own: rules 2 and 3, on time zones
(a VTIMEZONE's parts, compared with the tz database and with the first time given in the
zone), are :mod:`vaxical.lint.vtimezone`; rule 16, alarms and the values they take, is
:mod:`vaxical.lint.alarms`. The values several rules read (durations, dates, floating and
UTC times, TEXT escapes, links) are in :mod:`vaxical.lint.values`.
"""

from __future__ import annotations

from typing import Final

from vaxical.lint import alarms, vtimezone
from vaxical.lint.lines import Component, Feed, clip
from vaxical.lint.octets import FOLD, Lines, Report, fold_after, suspect_folds
from vaxical.lint.registry import component_rule, elsewhere, line_rule
from vaxical.lint.values import (
    FLOATING,
    are_dates,
    duration_seconds,
    escape_problems,
    is_date,
    is_utc_time,
    positive_duration,
    shows_link,
    unescape_text,
)

MAX_OCTETS: Final = 75

TEXT_PROPERTIES: Final = frozenset(
    {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
    | {"TZNAME"}
)
TEXT_LISTS: Final = frozenset({"CATEGORIES"})
"""TEXT values separated by commas (RFC 5545 §3.8.1.2): a bare comma is not escaped."""
TIME_PROPERTIES: Final = frozenset({"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "DUE"})
UTC_PROPERTIES: Final = frozenset({"DTSTAMP", "LAST-MODIFIED", "CREATED"})
"""Always in UTC, never floating nor with a TZID (RFC 5545 §3.8.7.1-3)."""
_UTC_IN_EVENTS: Final = UTC_PROPERTIES - {"DTSTAMP"}  # an event's DTSTAMP is rule 10's
READ: Final = (
    TEXT_PROPERTIES
    | TIME_PROPERTIES
    | UTC_PROPERTIES
    | {"UID", "TRANSP", "X-MICROSOFT-CDO-BUSYSTATUS", "STATUS", "SEQUENCE", "URL", "RRULE"}
    | {"METHOD", "X-WR-TIMEZONE", "X-PUBLISHED-TTL", "REFRESH-INTERVAL", "VERSION", "PRODID"}
    | TEXT_LISTS
    | vtimezone.READ
    | alarms.READ
)
"""Every property and sub-component a check reads: the reader keeps only these."""


@component_rule(
    1,
    "VTIMEZONE for every TZID, no floating times",
    "RFC 5545 §3.2.19 and §3.8.7; sebbo2002/ical-generator#122 and #680",
    *("event", "in event", "calendar", "zone", "other"),
)
def zones_defined(component: Component, feed: Feed, report: Report) -> None:
    """A TZID without its VTIMEZONE, or a time without a zone, is floating time to
    Outlook and ical.js: the event shows an hour off for half the year."""
    if component.depth == 0:
        for tzid, line in feed.tzids_used.items():
            if tzid not in feed.tzids_defined:
                fix = f"add a VTIMEZONE with TZID:{clip(tzid)}."
                report(line, f"TZID={clip(tzid)} has no VTIMEZONE in the file.", fix)
        return
    if component.top == "VTIMEZONE" and component.name != "VTIMEZONE":
        return  # a zone's own times are local by definition
    utc = _UTC_IN_EVENTS if component.depth == 1 and component.name == "VEVENT" else UTC_PROPERTIES
    for prop in component.properties:
        name = prop.name
        if name in TIME_PROPERTIES:
            value = prop.value  # a date has no T: it is not a time, and not searched
            if "T" in value and "TZID" not in prop.params and FLOATING.search(value):
                message = f"{name}:{clip(value)} is floating time."
                report(prop.number, message, "give it a TZID (or UTC with Z).")
        elif name in utc and not prop.value.endswith("Z"):
            message = f"{name}:{clip(prop.value)} is not in UTC (RFC 5545 §3.8.7)."
            report(prop.number, message, "write it in UTC: YYYYMMDDTHHMMSSZ, no TZID.")


@component_rule(4, "X-WR-TIMEZONE", "RFC 5545 §3.2.19; parsers preferring it", "calendar")
def calendar_zone(calendar: Component, feed: Feed, report: Report) -> None:
    """Some parsers let X-WR-TIMEZONE override each event's TZID: it must name that zone."""
    stated = calendar.first("X-WR-TIMEZONE")
    if stated is None:
        return
    for tzid, line in feed.tzids_used.items():
        if tzid != stated.value:
            message = f"TZID={clip(tzid)} differs from X-WR-TIMEZONE:{clip(stated.value)}."
            report(line, message, "make X-WR-TIMEZONE the zone the events use, or remove it.")


@component_rule(5, "all-day DTEND", "RFC 5545 §3.6.1 and §3.8.2.4", "event")
def all_day_end(event: Component, feed: Feed, report: Report) -> None:
    """DTEND is exclusive and always written: Google drops an inclusive last day, Outlook
    turns DTEND = DTSTART into a timed event at midnight."""
    start, end = event.first("DTSTART"), event.first("DTEND")
    if start is None:
        report(event.line, "the event has no DTSTART.", "write DTSTART.")
        return
    if start.params.get("VALUE", "").upper() != "DATE":
        # Without VALUE=DATE the value is a DATE-TIME (RFC 5545 §3.8.2.4), and a bare
        # date a malformed one, which each client reads as it guesses.
        dated = end is not None and end.params.get("VALUE", "").upper() == "DATE"
        if dated and end is not None and "T" in start.value:
            message = "DTEND is a date, DTSTART a time: DTEND takes DTSTART's type."
            report(end.number, message, "write DTEND as a time, like DTSTART (RFC 5545 §3.8.2.2).")
        for prop in (start, end):
            if prop is None or len(prop.value) != 8:
                continue  # the usual case: a time, of eight digits, T and six more
            if is_date(prop.value) and prop.params.get("VALUE", "").upper() != "DATE":
                message = f"{prop.name}:{prop.value} is a date without VALUE=DATE."
                report(prop.number, message, f"write {prop.name};VALUE=DATE:{prop.value}.")
        return
    if end is not None and end.params.get("VALUE", "").upper() == "DATE":
        if are_dates(start.value, end.value):  # the usual case
            if end.value <= start.value:  # days of eight digits: in the calendar's order
                message = "DTEND is not after DTSTART (it is exclusive)."
                report(end.number, message, "write the day after the last day.")
            return
        if not is_date(end.value):
            message = f"DTEND;VALUE=DATE:{clip(end.value)} is not a date (YYYYMMDD)."
            report(end.number, message, "write the day after the last day as YYYYMMDD.")
    if not is_date(start.value):
        message = f"DTSTART;VALUE=DATE:{clip(start.value)} is not a date (YYYYMMDD)."
        report(start.number, message, "write the first day as YYYYMMDD.")
    if end is None:
        fix = "write DTEND;VALUE=DATE: the day after the last day."
        report(start.number, "an all-day event without DTEND.", fix)
    elif end.params.get("VALUE", "").upper() != "DATE":
        message = "DTEND of an all-day event is not VALUE=DATE."
        report(end.number, message, "write DTEND;VALUE=DATE.")


@component_rule(6, "transparent, free", "MS-OXCICAL §2.1.3.1.1.20.25; RFC 5545 §3.8.2.7", "event")
def transparent(event: Component, feed: Feed, report: Report) -> None:
    """Information must not make the pharmacist look busy, and Outlook assumes Busy."""
    transp = event.first("TRANSP")
    if transp is None or transp.value.upper() != "TRANSPARENT":
        line = transp.number if transp else event.line
        report(line, "the event makes the pharmacist look busy.", "write TRANSP:TRANSPARENT.")
    busy = event.first("X-MICROSOFT-CDO-BUSYSTATUS")
    if busy is None or busy.value.upper() != "FREE":
        line = busy.number if busy else event.line
        report(line, "Outlook shows the event as busy.", "write X-MICROSOFT-CDO-BUSYSTATUS:FREE.")


@component_rule(7, "UID", "RFC 5545 §3.8.4.7; alphagov/calendars#753", "event")
def unique_uid(event: Component, feed: Feed, report: Report) -> None:
    """Clients know an event by its UID alone: a missing or shared one loses or merges
    events (GOV.UK's index-based UIDs made Google drop bank holidays)."""
    uid = event.first("UID")
    if uid is None or not uid.value:
        report(event.line, "the event has no UID.", "derive a UID from what the event is.")
        return
    # An instance that a recurring event changes shares its UID, with the RECURRENCE-ID
    # of that instance (RFC 5545 §3.8.4.4): the pair names an event.
    instance = event.first("RECURRENCE-ID")
    key = (uid.value, None if instance is None else instance.value)
    if key in feed.uids:
        which = "" if instance is None else f" with RECURRENCE-ID:{clip(instance.value)}"
        message = f"UID {clip(uid.value)}{which} is already used on line {feed.uids[key]}."
        report(uid.number, message, "give every event its own UID.")
    else:
        feed.uids[key] = uid.number


elsewhere(
    8,
    "moved sessions keep their UID",
    "rule 7; tests/test_expand.py",
    "A moved event that kept its UID moves in clients instead of appearing twice.",
)


@component_rule(9, "SEQUENCE and LAST-MODIFIED", "RFC 5545 §3.8.7.3 and §3.8.7.4", "event")
def sequence(event: Component, feed: Feed, report: Report) -> None:
    """A changed event needs a higher SEQUENCE and a LAST-MODIFIED, or Google may keep
    the old version."""
    modified = event.first("LAST-MODIFIED")
    # Not in UTC is rule 1's; a time that does not exist is this rule's.
    if modified is not None and modified.value.endswith("Z") and not is_utc_time(modified.value):
        message = f"LAST-MODIFIED:{clip(modified.value)} is not a moment (RFC 5545 §3.3.5)."
        report(modified.number, message, "write the time of the change: YYYYMMDDTHHMMSSZ.")
    found = event.first("SEQUENCE")
    if found is None:
        return
    if not found.value.isdigit():
        message = f"SEQUENCE:{clip(found.value)} is not a whole number ≥ 0."
        report(found.number, message, "write SEQUENCE:0 and increase it on changes.")
    elif int(found.value) > 0 and modified is None:
        message = "the event changed (SEQUENCE > 0) but has no LAST-MODIFIED."
        report(found.number, message, "write LAST-MODIFIED with the change.")


@component_rule(10, "DTSTAMP", "RFC 5545 §3.8.7.2", "event")
def stamp(event: Component, feed: Feed, report: Report) -> None:
    """Without METHOD, DTSTAMP is the last revision, in UTC; taken from the data, two
    builds are byte-identical."""
    found = event.first("DTSTAMP")
    if found is None:
        fix = "write DTSTAMP from the last revision, in UTC."
        report(event.line, "the event has no DTSTAMP.", fix)
    elif not found.value.endswith("Z"):
        report(found.number, "DTSTAMP is not in UTC.", "write it as YYYYMMDDTHHMMSSZ.")
    elif not is_utc_time(found.value):
        message = f"DTSTAMP:{clip(found.value)} is not a moment (RFC 5545 §3.3.5)."
        report(found.number, message, "write it as YYYYMMDDTHHMMSSZ.")


@component_rule(11, "no CANCELLED events", "client behaviour; RFC 5545 §3.8.1.11", "event")
def not_cancelled(event: Component, feed: Feed, report: Report) -> None:
    """Each client shows STATUS:CANCELLED its own way; leaving the event out removes it
    everywhere."""
    status = event.first("STATUS")
    if status is not None and status.value.upper() == "CANCELLED":
        message = "STATUS:CANCELLED is shown differently by each client."
        report(status.number, message, "leave the event out of the feed instead.")


@component_rule(12, "METHOD", "RFC 5546 §1.4; RFC 5545 §3.7.2", "calendar")
def method(calendar: Component, feed: Feed, report: Report) -> None:
    """REQUEST and CANCEL are invitations to answer, not a published feed; a second METHOD
    is one a client may read instead of the first."""
    found = calendar.all("METHOD")
    for prop in found:
        if prop.value.upper() != "PUBLISH":
            message = f"METHOD:{clip(prop.value)} in a published feed."
            report(prop.number, message, "omit METHOD or use METHOD:PUBLISH.")
    for extra in found[1:]:
        report(extra.number, f"METHOD is given {len(found)} times.", "keep one, or none.")


@component_rule(13, "calendar name and description", "RFC 7986 §5.1 and §5.2", "calendar")
def names(calendar: Component, feed: Feed, report: Report) -> None:
    """Clients read either RFC 7986 NAME/DESCRIPTION or X-WR-CALNAME/X-WR-CALDESC; an
    empty name names the calendar with nothing."""
    for standard, extension in (("NAME", "X-WR-CALNAME"), ("DESCRIPTION", "X-WR-CALDESC")):
        for name in (standard, extension):
            found = calendar.first(name)
            fix = f"write both {standard} and {extension}."
            if found is None:
                report(calendar.line, f"the calendar has no {name}.", fix)
            elif standard == "NAME" and not found.value.strip():
                # An empty description is no harm: Google exports one (X-WR-CALDESC:).
                report(found.number, f"{name} is empty.", f"{fix[:-1]}, with the same text.")


@component_rule(14, "refresh hints", "RFC 7986 §5.7; RFC 5545 §3.3.6", "calendar")
def refresh(calendar: Component, feed: Feed, report: Report) -> None:
    """Clients that honour a refresh hint read one of two spellings, each with its own
    syntax."""
    interval = calendar.first("REFRESH-INTERVAL")
    fix = "REFRESH-INTERVAL;VALUE=DURATION:PT6H."
    if interval is None:
        report(calendar.line, "no REFRESH-INTERVAL.", f"add {fix}")
    elif interval.params.get("VALUE", "").upper() != "DURATION":
        message = "REFRESH-INTERVAL needs VALUE=DURATION (RFC 7986 §5.7)."
        report(interval.number, message, f"write {fix}")
    elif not positive_duration(interval.value):
        message = (
            f"REFRESH-INTERVAL:{clip(interval.value)} is not a positive duration "
            "(RFC 7986 §5.7, RFC 5545 §3.3.6)."
        )
        report(interval.number, message, f"write {fix}")
    ttl = calendar.first("X-PUBLISHED-TTL")
    if ttl is None:
        report(calendar.line, "no X-PUBLISHED-TTL.", "add X-PUBLISHED-TTL:PT6H.")
    elif not positive_duration(ttl.value):
        message = f"X-PUBLISHED-TTL:{clip(ttl.value)} is not a positive duration (RFC 5545 §3.3.6)."
        report(ttl.number, message, "write X-PUBLISHED-TTL:PT6H.")
    elif interval is not None and (asked := duration_seconds(interval.value)) is not None:
        # Each client reads one of the two: they must ask for the same refresh. (An interval
        # that is not a positive duration is reported above.)
        if duration_seconds(ttl.value) == asked:
            return
        message = (
            f"X-PUBLISHED-TTL:{clip(ttl.value)} and REFRESH-INTERVAL:"
            f"{clip(interval.value)} ask for different refreshes."
        )
        report(ttl.number, message, "give both the same duration.")


@component_rule(15, "links in DESCRIPTION", "Google Calendar; RFC 5545 §3.8.4.6", "event")
def links(event: Component, feed: Feed, report: Report) -> None:
    """Google does not show URL: a link must also be in DESCRIPTION, as text."""
    url = event.first("URL")
    if url is None:  # most events: DESCRIPTION is not looked for
        return
    # URL is a URI, written as it is; DESCRIPTION is TEXT, escaped: compare the text. The
    # link must stand on its own there: a reader opens …/portail, not its …/port.
    description = event.first("DESCRIPTION")
    if description is None or not shows_link(unescape_text(description.value), url.value):
        message = "Google ignores URL and the link is not in DESCRIPTION."
        report(url.number, message, "repeat the link as plain text in DESCRIPTION.")


@line_rule(17, "line folding", "RFC 5545 §3.1; collective/icalendar#1501")
def folding(lines: Lines, previous: bytes | None, report: Report) -> None:
    """Lines end in CRLF and fold at 75 octets, never inside a UTF-8 character nor inside
    an escape: Google drops an event whose escape is split by a fold."""
    number, octets, ending, repeat = lines  # many lines: each test is done in C for all
    if ending != b"\r\n":
        bare = "the line ends with a bare LF or CR."
        message = bare if ending else "the last line has no CRLF."
        last = number + len(octets) * repeat - 1
        report(number, message, "end every line with CRLF.", through=last)
    if max(map(len, octets)) > MAX_OCTETS:  # seldom: then each line is looked at
        fix = f"fold lines at {MAX_OCTETS} octets (CRLF and one space)."
        for line_number, line in enumerate(octets, number):
            if len(line) > MAX_OCTETS:
                report(line_number, f"the line is {len(line):,} octets long.", fix)
    if previous is not None and octets[0].startswith(FOLD):
        fold_after(previous, number - 1, report)
    if len(octets) == 1:
        return
    for index in suspect_folds(octets):
        fold_after(octets[index], number + index, report)


@component_rule(
    18,
    "text and bytes",
    "RFC 5545 §3.1, §3.1.4 and §3.3.11",
    *("event", "calendar", "in event", "zone part", "other"),
)
def text_escaping(component: Component, feed: Feed, report: Report) -> None:
    """TEXT values escape backslash, semicolon, comma and newline, and nothing else.
    (The reader reports the rest of this rule: BOM, UTF-8, content line syntax.) Every
    component but a VTIMEZONE, which has no TEXT property: an alarm's DESCRIPTION, a
    zone's TZNAME are read as an event's SUMMARY; in CATEGORIES, a list, a bare comma
    separates two categories."""
    for prop in component.properties:
        listed = prop.name in TEXT_LISTS
        if prop.name not in TEXT_PROPERTIES and not listed:
            continue
        unescaped, needless = escape_problems(prop.value, listed=listed)
        if unescaped and listed:
            message = f"{prop.name} has an unescaped ; (a comma separates two categories)."
            report(prop.number, message, "escape it as \\; (RFC 5545 §3.3.11).")
        elif unescaped:
            message = f"{prop.name} has an unescaped ; or ,."
            report(prop.number, message, "escape them as \\; and \\, (RFC 5545 §3.3.11).")
        if needless:
            message = f"{prop.name} escapes a character that needs none."
            report(prop.number, message, "escape only \\\\, \\;, \\, and newlines (\\n).")


@component_rule(19, "size", "Google Calendar Help (1 MB); ilios/ilios#1345", "calendar")
def size(calendar: Component, feed: Feed, report: Report) -> None:
    """Google does not load a subscribed feed over about 1 MB."""
    if feed.max_bytes is not None and feed.size > feed.max_bytes:
        message = f"the feed is {feed.size:,} bytes; Google refuses about 1 MB."
        report(1, message, "shorten the horizon or split the feed.")


elsewhere(
    20,
    "serving",
    "RFC 5545 §8.1; build/_headers, tests/test_browser.py",
    "Clients need text/calendar, uncompressed, at an https URL that never changes.",
)
elsewhere(
    21,
    "subscribe links",
    "Microsoft's and Google's add-by-URL pages; tests/test_site.py",
    "Each client subscribes through its own link form, and some need the https URL.",
)


@component_rule(
    22,
    "VERSION, PRODID and one component",
    "RFC 5545 §3.4, §3.6, §3.7.3, §3.7.4; demetrios-koziris/McGillEnhanced#30",
    "calendar",
)
def version_and_product(calendar: Component, feed: Feed, report: Report) -> None:
    """Every iCalendar object states VERSION:2.0 and PRODID, once each: Google refuses to
    import a file without PRODID, and parsers may refuse one without VERSION. It holds
    one component at least, as RFC 5545's grammar asks."""
    if not calendar.held:
        message = "the calendar holds no component (RFC 5545 §3.4 asks for one at least)."
        fix = "write its events; a calendar without events, its zone's VTIMEZONE."
        report(calendar.line, message, fix)
    for name, fix in (
        ("VERSION", "write VERSION:2.0 after BEGIN:VCALENDAR."),
        ("PRODID", "write PRODID:-//…//…//FR, naming the program that wrote the file."),
    ):
        found = calendar.all(name)
        if not found:
            report(calendar.line, f"the calendar has no {name}.", fix)
        for extra in found[1:]:
            report(extra.number, f"{name} is given {len(found)} times.", "keep one.")
    version = calendar.first("VERSION")
    if version is not None and version.value != "2.0":
        message = f"VERSION:{clip(version.value)} is not the iCalendar of RFC 5545."
        report(version.number, message, "write VERSION:2.0.")
