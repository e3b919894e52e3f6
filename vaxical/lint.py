"""Check any iCalendar file against the rules of calendar-clients.md. Pure: bytes in,
findings out.

It reads the file with its own small content-line reader rather than a full parser, so
that it can point at the line of a broken file instead of failing on it. Rules 8, 10's
reproducibility, 20 and 21 are about builds, serving and links, not one file: they are
checked elsewhere (tests, the index, the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_OCTETS = 75
MAX_FEED_BYTES = 1_000_000  # rule 19: Google refuses feeds over about 1 MB
MAX_PER_RULE = 10  # then one summary line: a broken file should not print thousands

RULE_TITLES = {
    1: "VTIMEZONE for every TZID, no floating times",
    2: "Outlook-safe VTIMEZONE",
    3: "no RDATE time zones",
    4: "X-WR-TIMEZONE",
    5: "all-day DTEND",
    6: "transparent, free",
    7: "UID",
    9: "SEQUENCE and LAST-MODIFIED",
    10: "DTSTAMP",
    11: "no CANCELLED events",
    12: "METHOD",
    13: "calendar name and description",
    14: "refresh hints",
    15: "links in DESCRIPTION",
    16: "no alarms",
    17: "line folding",
    18: "text and bytes",
    19: "size",
}
TEXT_PROPERTIES = frozenset(
    {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "NAME", "X-WR-CALNAME", "X-WR-CALDESC"}
)
TIME_PROPERTIES = frozenset({"DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "DUE"})
_DURATION = re.compile(r"^[+-]?P(?:\d+W|(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$")
_PHYSICAL = re.compile(rb"([^\r\n]*)(\r\n|\r|\n|)")
_NAME = re.compile(r"[A-Za-z0-9-]+")
_FLOATING = re.compile(r"^\d{8}T\d{6}$")
_UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[;,]")
_BAD_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[^\\;,nN]")


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    line: int
    rule: int
    message: str
    fix: str

    def format(self, file: str) -> str:
        title = RULE_TITLES.get(self.rule, "")
        return f"{file}:{self.line}: rule {self.rule} ({title}): {self.message} Fix: {self.fix}"


@dataclass(slots=True)
class _Line:
    number: int
    name: str
    params: dict[str, str]
    value: str


@dataclass(slots=True)
class _Component:
    name: str
    line: int
    properties: list[_Line] = field(default_factory=list)
    children: list[_Component] = field(default_factory=list)

    def first(self, name: str) -> _Line | None:
        return next((p for p in self.properties if p.name == name), None)

    def all(self, name: str) -> list[_Line]:
        return [p for p in self.properties if p.name == name]

    def walk(self, name: str) -> Iterator[_Component]:
        for child in self.children:
            if child.name == name:
                yield child
            yield from child.walk(name)


def _split_content_line(text: str) -> tuple[str, dict[str, str], str] | None:
    """``NAME;PARAM=value;P2="quoted":value`` → parts, or None when malformed."""
    if '"' not in text:  # the usual case: the first colon ends the name and parameters
        head, colon, value = text.partition(":")
        if not colon:
            return None
        name, *raw = head.split(";")
        if not _NAME.fullmatch(name):
            return None
        params: dict[str, str] = {}
        for item in raw:
            key, _, param_value = item.partition("=")
            params[key.upper()] = param_value
        return name.upper(), params, value
    index, quoted = 0, False
    while index < len(text):
        char = text[index]
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            break
        index += 1
    else:
        return None
    head, value = text[:index], text[index + 1 :]
    name, *raw_params = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', head)
    params = {}
    for item in raw_params:
        key, _, param_value = item.partition("=")
        params[key.upper()] = param_value.strip('"')
    if not _NAME.fullmatch(name):
        return None
    return name.upper(), params, value


class _Linter:
    def __init__(self, data: bytes, alarms_allowed: bool, max_bytes: int | None) -> None:
        self.data = data
        self.alarms_allowed = alarms_allowed
        self.max_bytes = max_bytes
        self.findings: list[Finding] = []
        self.used: dict[str, int] = {}
        """TZID → first line using it."""
        self.seen: dict[str, int] = {}
        """UID → line."""

    def add(self, line: int, rule: int, message: str, fix: str) -> None:
        self.findings.append(Finding(line, rule, message, fix))

    # --- octets: read lazily, so that a 20 MB feed is never held as a tree -----------

    def physical_lines(self) -> Iterator[tuple[int, bytes]]:
        data = self.data
        if data.startswith(b"\xef\xbb\xbf"):
            self.add(
                1, 18, "the file starts with a byte-order mark.", "save it as UTF-8 without BOM."
            )
            data = data[3:]
        for number, match in enumerate(_PHYSICAL.finditer(data), start=1):
            line, ending = match.group(1), match.group(2)
            if not line and not ending:
                break
            if ending != b"\r\n":
                if ending:
                    self.add(
                        number,
                        17,
                        "the line ends with a bare LF or CR.",
                        "end every line with CRLF.",
                    )
                else:
                    self.add(number, 17, "the last line has no CRLF.", "end every line with CRLF.")
            yield number, line

    def check_line(self, number: int, line: bytes, previous: bytes | None) -> None:
        if len(line) > MAX_OCTETS:
            self.add(
                number,
                17,
                f"the line is {len(line)} octets long.",
                f"fold lines at {MAX_OCTETS} octets (CRLF and one space).",
            )
        if previous is not None and line[:1] in (b" ", b"\t"):
            trailing = len(previous) - len(previous.rstrip(b"\\"))
            if trailing % 2 == 1:
                self.add(
                    number - 1,
                    17,
                    "the line is folded between a backslash and the character it escapes.",
                    "fold before the backslash (collective/icalendar#1501).",
                )

    def unfold(self) -> Iterator[tuple[int, str]]:
        """Content lines, with the physical line each starts on."""
        start, parts = 0, list[str]()
        previous: bytes | None = None
        for number, raw in self.physical_lines():
            self.check_line(number, raw, previous)
            previous = raw
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.add(
                    number,
                    17,
                    "the line is not valid UTF-8 on its own (folded inside a character?).",
                    "fold between characters, never inside a multi-byte UTF-8 sequence.",
                )
                text = raw.decode("utf-8", errors="replace")
            if text[:1] in (" ", "\t") and parts:
                parts.append(text[1:])
                continue
            if parts:
                yield start, "".join(parts)
            start, parts = number, [text] if text else []
        if parts:
            yield start, "".join(parts)

    # --- structure ------------------------------------------------------------------

    def tree(self) -> _Component | None:
        """The calendar with its own properties and non-event components; each VEVENT is
        checked as soon as it ends, then dropped."""
        root: _Component | None = None
        stack: list[_Component] = []
        for number, text in self.unfold():
            parts = _split_content_line(text)
            if parts is None:
                self.add(
                    number,
                    18,
                    f"cannot read this content line: {text[:40]!r}.",
                    "write NAME:value.",
                )
                continue
            name, params, value = parts
            if name == "BEGIN":
                component = _Component(value.upper(), number)
                if len(stack) > 1 or (stack and component.name != "VEVENT"):
                    stack[-1].children.append(component)
                elif root is None:
                    root = component
                stack.append(component)
            elif name == "END":
                if not stack or stack[-1].name != value.upper():
                    self.add(
                        number,
                        18,
                        f"END:{value} does not close what was begun.",
                        "balance BEGIN and END.",
                    )
                    continue
                ended = stack.pop()
                if len(stack) == 1:  # a component of the calendar
                    self.note_times(ended)
                    if ended.name == "VEVENT":
                        self.check_event(ended)
            elif stack:
                stack[-1].properties.append(_Line(number, name, params, value))
        if root is None or root.name != "VCALENDAR":
            self.add(
                1, 18, "the file does not start with BEGIN:VCALENDAR.", "write an iCalendar file."
            )
            return None
        if stack:
            self.add(
                stack[-1].line, 18, f"BEGIN:{stack[-1].name} is never ended.", "add its END line."
            )
        return root

    def check_calendar(self, calendar: _Component) -> None:
        method = calendar.first("METHOD")
        if method is not None and method.value.upper() != "PUBLISH":
            self.add(
                method.number,
                12,
                f"METHOD:{method.value} in a published feed.",
                "omit METHOD or use METHOD:PUBLISH.",
            )
        for standard, extension in (("NAME", "X-WR-CALNAME"), ("DESCRIPTION", "X-WR-CALDESC")):
            for name in (standard, extension):
                if calendar.first(name) is None:
                    self.add(
                        calendar.line,
                        13,
                        f"the calendar has no {name}.",
                        f"write both {standard} and {extension}.",
                    )
        refresh = calendar.first("REFRESH-INTERVAL")
        if refresh is None:
            self.add(
                calendar.line,
                14,
                "no REFRESH-INTERVAL.",
                "add REFRESH-INTERVAL;VALUE=DURATION:PT6H.",
            )
        elif refresh.params.get("VALUE", "").upper() != "DURATION" or not _DURATION.match(
            refresh.value
        ):
            self.add(
                refresh.number,
                14,
                "REFRESH-INTERVAL needs VALUE=DURATION and an ISO duration (RFC 7986 §5.7).",
                "write REFRESH-INTERVAL;VALUE=DURATION:PT6H.",
            )
        ttl = calendar.first("X-PUBLISHED-TTL")
        if ttl is None:
            self.add(calendar.line, 14, "no X-PUBLISHED-TTL.", "add X-PUBLISHED-TTL:PT6H.")
        elif not _DURATION.match(ttl.value):
            self.add(
                ttl.number,
                14,
                f"X-PUBLISHED-TTL:{ttl.value} is not an ISO 8601 duration.",
                "write X-PUBLISHED-TTL:PT6H.",
            )

    def note_times(self, component: _Component) -> None:
        """Record the TZIDs a calendar component uses; refuse floating times (rule 1)."""
        if component.name == "VTIMEZONE":
            return
        for prop in [
            *component.properties,
            *(p for child in component.children for p in child.properties),
        ]:
            tzid = prop.params.get("TZID")
            if tzid is not None:
                self.used.setdefault(tzid, prop.number)
            elif (
                component.name == "VEVENT"
                and prop.name in TIME_PROPERTIES
                and _FLOATING.match(prop.value)
            ):
                self.add(
                    prop.number,
                    1,
                    f"{prop.name}:{prop.value} is floating time.",
                    "give it a TZID (or UTC with Z).",
                )

    def check_timezones(self, calendar: _Component) -> None:
        defined: dict[str, _Component] = {}
        for zone in calendar.walk("VTIMEZONE"):
            declared = zone.first("TZID")
            if declared is not None:
                defined[declared.value] = zone
            parts = [child for child in zone.children if child.name in ("STANDARD", "DAYLIGHT")]
            standard = [p for p in parts if p.name == "STANDARD"]
            daylight = [p for p in parts if p.name == "DAYLIGHT"]
            if len(standard) != 1 or len(daylight) > 1:
                self.add(
                    zone.line,
                    2,
                    f"{len(standard)} STANDARD and {len(daylight)} DAYLIGHT parts: "
                    "Outlook keeps one yearly pair.",
                    "write one STANDARD and one DAYLIGHT part, each with a yearly RRULE.",
                )
            for part in parts:
                for rdate in part.all("RDATE"):
                    self.add(
                        rdate.number,
                        3,
                        "the time zone lists RDATEs, which Outlook ignores.",
                        "use one yearly RRULE per part.",
                    )
                rrule = part.first("RRULE")
                fixed = not daylight and len(standard) == 1
                if rrule is None and not fixed:
                    self.add(
                        part.line,
                        2,
                        f"{part.name} has no RRULE.",
                        "give it RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=….",
                    )
                elif rrule is not None and "FREQ=YEARLY" not in rrule.value.upper():
                    self.add(
                        rrule.number,
                        2,
                        "the RRULE is not yearly.",
                        "use RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=….",
                    )
        for tzid, line in sorted(self.used.items(), key=lambda item: item[1]):
            if tzid not in defined:
                self.add(
                    line,
                    1,
                    f"TZID={tzid} has no VTIMEZONE in the file.",
                    f"add a VTIMEZONE with TZID:{tzid}.",
                )
        x_timezone = calendar.first("X-WR-TIMEZONE")
        if x_timezone is not None:
            for tzid, line in sorted(self.used.items(), key=lambda item: item[1]):
                if tzid != x_timezone.value:
                    self.add(
                        line,
                        4,
                        f"TZID={tzid} differs from X-WR-TIMEZONE:{x_timezone.value}.",
                        "make X-WR-TIMEZONE the zone the events use, or remove it.",
                    )

    def check_event(self, event: _Component) -> None:
        uid = event.first("UID")
        if uid is None or not uid.value:
            self.add(event.line, 7, "the event has no UID.", "derive a UID from what the event is.")
        elif uid.value in self.seen:
            self.add(
                uid.number,
                7,
                f"UID {uid.value} is already used on line {self.seen[uid.value]}.",
                "give every event its own UID.",
            )
        else:
            self.seen[uid.value] = uid.number
        stamp = event.first("DTSTAMP")
        if stamp is None:
            self.add(
                event.line,
                10,
                "the event has no DTSTAMP.",
                "write DTSTAMP from the last revision, in UTC.",
            )
        elif not stamp.value.endswith("Z"):
            self.add(stamp.number, 10, "DTSTAMP is not in UTC.", "write it as YYYYMMDDTHHMMSSZ.")
        self.check_all_day(event)
        transp = event.first("TRANSP")
        if transp is None or transp.value.upper() != "TRANSPARENT":
            self.add(
                transp.number if transp else event.line,
                6,
                "the event makes the pharmacist look busy.",
                "write TRANSP:TRANSPARENT.",
            )
        busy = event.first("X-MICROSOFT-CDO-BUSYSTATUS")
        if busy is None or busy.value.upper() != "FREE":
            self.add(
                busy.number if busy else event.line,
                6,
                "Outlook shows the event as busy.",
                "write X-MICROSOFT-CDO-BUSYSTATUS:FREE.",
            )
        status = event.first("STATUS")
        if status is not None and status.value.upper() == "CANCELLED":
            self.add(
                status.number,
                11,
                "STATUS:CANCELLED is shown differently by each client.",
                "leave the event out of the feed instead.",
            )
        sequence = event.first("SEQUENCE")
        if sequence is not None:
            if not sequence.value.isdigit():
                self.add(
                    sequence.number,
                    9,
                    f"SEQUENCE:{sequence.value} is not a whole number ≥ 0.",
                    "write SEQUENCE:0 and increase it on changes.",
                )
            elif int(sequence.value) > 0 and event.first("LAST-MODIFIED") is None:
                self.add(
                    sequence.number,
                    9,
                    "the event changed (SEQUENCE > 0) but has no LAST-MODIFIED.",
                    "write LAST-MODIFIED with the change.",
                )
        url = event.first("URL")
        description = event.first("DESCRIPTION")
        if url is not None and (description is None or url.value not in description.value):
            self.add(
                url.number,
                15,
                "Google ignores URL and the link is not in DESCRIPTION.",
                "repeat the link as plain text in DESCRIPTION.",
            )
        for alarm in event.walk("VALARM"):
            if not self.alarms_allowed:
                self.add(
                    alarm.line,
                    16,
                    "an alarm in a main feed (ignored, stripped or fired again by clients).",
                    "offer alarms in a separate opt-in feed.",
                )
        self.check_text(event)

    def check_all_day(self, event: _Component) -> None:
        start = event.first("DTSTART")
        if start is None:
            self.add(event.line, 5, "the event has no DTSTART.", "write DTSTART.")
            return
        if start.params.get("VALUE", "").upper() != "DATE":
            return
        end = event.first("DTEND")
        if end is None:
            self.add(
                start.number,
                5,
                "an all-day event without DTEND.",
                "write DTEND;VALUE=DATE: the day after the last day.",
            )
        elif end.params.get("VALUE", "").upper() != "DATE":
            self.add(
                end.number,
                5,
                "DTEND of an all-day event is not VALUE=DATE.",
                "write DTEND;VALUE=DATE.",
            )
        elif end.value <= start.value:
            self.add(
                end.number,
                5,
                "DTEND is not after DTSTART (it is exclusive).",
                "write the day after the last day.",
            )

    def check_text(self, component: _Component) -> None:
        for prop in component.properties:
            if prop.name not in TEXT_PROPERTIES:
                continue
            if _UNESCAPED.search(prop.value):
                self.add(
                    prop.number,
                    18,
                    f"{prop.name} has an unescaped ; or ,.",
                    "escape them as \\; and \\, (RFC 5545 §3.3.11).",
                )
            if _BAD_ESCAPE.search(prop.value):
                self.add(
                    prop.number,
                    18,
                    f"{prop.name} escapes a character that needs none.",
                    "escape only \\\\, \\;, \\, and newlines (\\n).",
                )

    def run(self) -> list[Finding]:
        if self.max_bytes is not None and len(self.data) > self.max_bytes:
            self.add(
                1,
                19,
                f"the feed is {len(self.data):,} bytes; Google refuses about 1 MB.",
                "shorten the horizon or split the feed.",
            )
        calendar = self.tree()
        if calendar is not None:
            self.check_calendar(calendar)
            self.check_timezones(calendar)
            self.check_text(calendar)
        return self.findings


def lint(
    data: bytes, *, alarms_allowed: bool = False, max_bytes: int | None = MAX_FEED_BYTES
) -> tuple[Finding, ...]:
    """Every rule the file breaks, sorted by line; at most MAX_PER_RULE per rule.

    ``alarms_allowed`` for an opt-in reminders feed; ``max_bytes=None`` skips the size rule.
    """
    findings = sorted(set(_Linter(data, alarms_allowed, max_bytes).run()))
    shown: list[Finding] = []
    counts: dict[int, int] = {}
    for finding in findings:
        counts[finding.rule] = counts.get(finding.rule, 0) + 1
        if counts[finding.rule] <= MAX_PER_RULE:
            shown.append(finding)
    for rule, count in sorted(counts.items()):
        if count > MAX_PER_RULE:
            last = max(f.line for f in findings if f.rule == rule)
            shown.append(
                Finding(last, rule, f"and {count - MAX_PER_RULE} more like these.", "see above.")
            )
    return tuple(sorted(shown))
