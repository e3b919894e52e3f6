"""Physical lines → content lines → components, for the linter. Pure and streamed.

The linter reads any file, including hostile ones, so every step here costs time and
memory in proportion to the file, whatever it holds: the physical lines come lazily from
``octets.py``, a chunk of them at a time; each distinct short line is parsed once, within
a bounded memo; no parser step searches again over what it has read (quoted parameters
are walked forward once); components are tracked on an explicit stack, never by
recursion, and nothing nested deeper than MAX_DEPTH is read; each component is handed
over as soon as it ends, then dropped; and a component keeps only the properties and
sub-components that some rule reads (``kept``), so that a file of junk lines is not held.

What stops the reader (a byte-order mark, bytes that are not UTF-8, a line that is not
``NAME:value``, an END that closes nothing) is reported here and in ``octets.py``, as
rule 18; every other rule is a function in ``rules.py``, ``vtimezone.py`` or
``alarms.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from vaxical.lint.octets import FOLD, Lines, Report, record
from vaxical.lint.values import LOCAL_TIME

Scope = Literal["calendar", "event", "in event", "zone", "zone part", "other"]

MAX_DEPTH = 20
"""Components nested deeper are not read: iCalendar nests four at most (RFC 9073)."""
_NAME = re.compile(r"[A-Za-z0-9-]+")
_NO_PARAMETERS: Mapping[str, str] = MappingProxyType({})
"""The parameters of every line that has none: one read-only mapping, not a dict each."""
# What can end a parameter, or the name and parameters, unless it is inside quotes.
_SEPARATOR = re.compile(r'[";:]')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
"""The CONTROL characters of RFC 5545 §3.1, which no part of a content line may hold:
every one below U+0020 but the tab, and DEL. (CR and LF end physical lines.)"""


class Property(NamedTuple):
    """One content line once unfolded: ``NAME;PARAM=value:value``."""

    number: int
    """The physical line it starts on."""
    name: str
    params: Mapping[str, str]
    value: str


@dataclass(frozen=True, slots=True)
class Component:
    """A component once its END is read, with the properties and sub-components a rule
    reads (the others are not kept)."""

    name: str
    line: int
    depth: int
    """0 for the VCALENDAR, 1 for its components (events, time zones), and so on."""
    parent: str
    """The enclosing component's name; empty for the VCALENDAR."""
    top: str
    """The name of the calendar's component this one is, or is inside of; empty for the
    VCALENDAR."""
    properties: tuple[Property, ...]
    children: tuple[Component, ...]
    held: int = 0
    """How many components it held directly, kept in ``children`` or not."""

    @property
    def scope(self) -> Scope:
        """Which rules read it (each names its scopes in its decorator)."""
        if self.depth == 0:
            return "calendar"
        if self.top == "VEVENT":
            return "event" if self.depth == 1 else "in event"
        if self.name == "VTIMEZONE" and self.depth == 1:
            return "zone"
        if self.parent == "VTIMEZONE" and self.name in ("STANDARD", "DAYLIGHT"):
            return "zone part"
        return "other"

    def first(self, name: str) -> Property | None:
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    def all(self, name: str) -> list[Property]:
        return [p for p in self.properties if p.name == name]


class Onset(NamedTuple):
    """When one part of a VTIMEZONE starts (rule 2)."""

    line: int
    """Of its DTSTART."""
    part: str
    """STANDARD or DAYLIGHT."""
    start: str
    """Its DTSTART: a local time, ``YYYYMMDDTHHMMSS``."""
    before: str
    """When its yearly rule changed the year before, as a local time; empty for a part
    without a rule."""


@dataclass(slots=True)
class Feed:
    """What a rule may know about the whole file beyond the component in hand. The reader
    records the time zones; rule 7 keeps the UIDs it has seen, rule 2 counts the zones it
    compares and keeps when their parts start."""

    size: int
    alarms_allowed: bool
    max_bytes: int | None
    tzids_used: dict[str, int] = field(default_factory=dict)
    """TZID → the first line that uses it, outside any VTIMEZONE."""
    tzids_defined: set[str] = field(default_factory=set)
    first_times: dict[str, tuple[str, int]] = field(default_factory=dict)
    """TZID → the earliest DTSTART given in it outside any VTIMEZONE (a local time), and
    its line."""
    onsets: dict[str, tuple[Onset | None, ...]] = field(default_factory=dict)
    """TZID → when each part of its VTIMEZONE starts (None: unreadable), for a zone of
    one STANDARD and at most one DAYLIGHT part."""
    uids: dict[tuple[str, str | None], int] = field(default_factory=dict)
    """(UID, RECURRENCE-ID or None) → the line of the event that has them."""
    zones_compared: int = 0
    """VTIMEZONEs rule 2 has compared with the tz database (at most a few a file)."""


def clip(value: str, limit: int = 60) -> str:
    """A value as a message quotes it: a hostile file's megabyte-long value is cut."""
    return value if len(value) <= limit else f"{value[:limit]}…"


def content_lines(lines: Iterable[Lines], report: Report) -> Iterator[Property]:
    """Unfold (RFC 5545 §3.1) and parse; lines that cannot be read are reported, skipped."""
    start, head, folded = 0, b"", list[bytes]()
    """The line a content line starts on, its octets there (b"" before the first line
    and after a blank one: then nothing is pending), and the lines that continue it."""
    known: dict[bytes, _Reading] = {}
    for first, octets, _, _ in chain(lines, _FLUSH):
        for number, line in enumerate(octets, first):
            if head:
                if line.startswith(FOLD):
                    folded.append(line[1:])
                    continue
                if folded:
                    head = b"".join((head, *folded))
                    folded = []
                parts, problems = known.get(head) or _read(head, known)
                if problems:  # most lines have none (and iterating () makes an iterator)
                    for message, fix in problems:
                        report(start, message, fix)
                if parts is not None:  # (start, *parts) would make a list, then the tuple
                    yield record(Property, (start, parts[0], parts[1], parts[2]))
            start, head = number, line


_FLUSH: Final = (Lines(0, [b""], b"", 1),)
"""A blank line after the last: it hands over the content line read last."""

_Reading = tuple[tuple[str, Mapping[str, str], str] | None, tuple[tuple[str, str], ...]]
"""What a content line reads as, wherever it is: its name, parameters and value (or None
if it cannot be read), and the message and fix of each problem it has. The lines that
repeat a line share its parameters' mapping: rules only read it."""

# A feed repeats most of its content lines (BEGIN:VEVENT, TRANSP:TRANSPARENT, its
# zone's): each of the first _KNOWN_LINES distinct lines up to _KNOWN_OCTETS long is read
# once, then looked up. Memory stays bounded, whatever the file holds.
_KNOWN_LINES: Final = 1_024
_KNOWN_OCTETS: Final = 200


def _read(octets: bytes, known: dict[bytes, _Reading]) -> _Reading:
    """What ``octets`` read as, remembered in ``known`` if it has room."""
    problems: tuple[tuple[str, str], ...] = ()
    try:
        text = octets.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"the line is not UTF-8 (byte 0x{octets[error.start]:02X})."
        problems = ((message, "save the file as UTF-8 (RFC 5545 §3.1.4)."),)
        text = octets.decode("utf-8", errors="replace")
    parts = _parts(text)
    if parts is None:
        message = f"cannot read this content line: {text[:40]!r}."
        problems = (*problems, (message, "write NAME:value."))
    # isprintable() rules out every control character in C, for the most lines: those
    # it does not (a tab, a zero-width space) are searched.
    control = None if text.isprintable() else _CONTROL.search(text)
    if control is not None:
        message = (
            f"the line holds the control character U+{ord(control.group()):04X}, which "
            "iCalendar does not allow (RFC 5545 §3.1)."
        )
        fix = "remove it: a value may hold a tab, and a new line in TEXT is written \\n."
        problems = (*problems, (message, fix))
    reading = (parts, problems)
    if len(octets) <= _KNOWN_OCTETS and len(known) < _KNOWN_LINES:
        known[octets] = reading
    return reading


def parse(number: int, text: str) -> Property | None:
    """``NAME;PARAM=value;P2="quoted":value`` → its parts, or None when malformed. Linear
    in the length of the line, however many parameters it has."""
    parts = _parts(text)
    return None if parts is None else Property(number, *parts)


def _parts(text: str) -> tuple[str, Mapping[str, str], str] | None:
    """The name, parameters and value of a content line, or None when malformed."""
    if '"' not in text:  # the usual case: the first colon ends the name and parameters
        head, colon, value = text.partition(":")
        if not colon:
            return None
        if ";" not in head:  # most lines have no parameter
            if not _NAME.fullmatch(head):
                return None
            return head.upper(), _NO_PARAMETERS, value
        name, *raw = head.split(";")
        if not _NAME.fullmatch(name):
            return None
        params: dict[str, str] = {}
        for item in raw:
            key, _, param_value = item.partition("=")
            params[key.upper()] = param_value
        return name.upper(), params, value
    # Quotes: walk from separator to separator, skipping quoted text. Every step moves
    # forward, and no regular expression repeats a group (which would keep state for
    # each repetition): time and memory stay linear in the line.
    parts, start, at = [], 0, 0
    while True:
        found = _SEPARATOR.search(text, at)
        if found is None:
            return None
        if found.group() == '"':
            closing = text.find('"', found.end())
            if closing < 0:
                return None
            at = closing + 1
            continue
        parts.append(text[start : found.start()])
        start = at = found.end()
        if found.group() == ":":
            break
    name, *raw = parts
    if not _NAME.fullmatch(name):
        return None
    params = {}
    for item in raw:
        key, _, param_value = item.partition("=")
        params[key.upper()] = param_value.strip('"')
    return name.upper(), params, text[start:]


@dataclass(slots=True)
class _Open:
    """A component whose END has not been read yet."""

    name: str
    line: int
    top: str
    properties: list[Property] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)
    held: int = 0


def components(
    properties: Iterable[Property], feed: Feed, report: Report, kept: frozenset[str]
) -> Iterator[Component]:
    """Every component of each VCALENDAR in the file as soon as it ends, innermost first,
    the VCALENDAR last. A component holds only the properties and sub-components named in
    ``kept``; the calendar holds none of its components (each was handed over already)."""
    stack: list[_Open] = []
    first: str | None = None
    """The first component of the file: a VCALENDAR, or the file is not a calendar."""
    deeper = 0
    """How many components are open beyond MAX_DEPTH: counted, not read."""
    frame: _Open | None = None
    """The innermost open component of a VCALENDAR: the one a property belongs to. None
    outside a VCALENDAR, where nothing is read."""
    in_zone = False
    """Whether ``frame`` is a VTIMEZONE or inside one."""
    for prop in properties:
        name = prop.name
        if name != "BEGIN" and name != "END" and not deeper:  # most lines
            if frame is not None:
                if name in kept:
                    frame.properties.append(prop)
                if prop.params or in_zone:  # most lines name no zone
                    _note_zone(prop, frame, feed)
            elif not stack and first == "VCALENDAR":
                message = f"{clip(name)} comes after END:VCALENDAR, outside any calendar."
                report(prop.number, message, "move it before END:VCALENDAR, or remove it.")
            continue
        if deeper:
            deeper += 1 if name == "BEGIN" else -1 if name == "END" else 0
            continue
        if name == "BEGIN":
            begun = prop.value.upper()
            if len(stack) == MAX_DEPTH:
                message = f"BEGIN:{clip(prop.value)} is nested deeper than {MAX_DEPTH} components."
                report(prop.number, message, "close components; nothing deeper is read.")
                deeper = 1
                continue
            if not stack:
                if first is None:
                    first = begun
                elif first == "VCALENDAR" and begun != "VCALENDAR":
                    # Only a VCALENDAR may follow one (RFC 5545 §3.4): clients drop the rest.
                    message = (
                        f"BEGIN:{clip(prop.value)} comes after END:VCALENDAR, outside any "
                        "calendar: clients ignore it."
                    )
                    report(prop.number, message, "move it before END:VCALENDAR.")
                if begun == "VCALENDAR":
                    feed.tzids_used.clear()
                    feed.tzids_defined.clear()
                    feed.first_times.clear()
                    feed.onsets.clear()
            top = "" if not stack else begun if len(stack) == 1 else stack[-1].top
            stack.append(_Open(begun, prop.number, top))
        else:
            if not stack or stack[-1].name != prop.value.upper():
                report(
                    prop.number,
                    f"END:{clip(prop.value)} does not close what was begun.",
                    "balance BEGIN and END.",
                )
                continue
            ended = stack.pop()
            if stack:
                stack[-1].held += 1
            if (stack[0] if stack else ended).name == "VCALENDAR":
                component = _closed(ended, stack)
                if len(stack) > 1 and ended.name in kept:
                    stack[-1].children.append(component)
                yield component
        frame = stack[-1] if stack and stack[0].name == "VCALENDAR" else None
        in_zone = frame is not None and frame.top == "VTIMEZONE"
    if stack:
        report(stack[-1].line, f"BEGIN:{clip(stack[-1].name)} is never ended.", "add its END line.")
        if stack[0].name == "VCALENDAR":  # what it holds can still be checked
            yield _closed(stack[0], [])
    if first != "VCALENDAR":
        report(1, "the file does not start with BEGIN:VCALENDAR.", "write an iCalendar file.")


def _closed(ended: _Open, stack: list[_Open]) -> Component:
    return Component(
        ended.name,
        ended.line,
        len(stack),
        stack[-1].name if stack else "",
        ended.top,
        tuple(ended.properties),
        tuple(ended.children),
        ended.held,
    )


def _note_zone(prop: Property, frame: _Open, feed: Feed) -> None:
    """The time zones a calendar defines and uses (rules 1 and 4 compare them), and the
    first time given in each (rule 2 compares it with when the zone starts)."""
    if frame.top == "VTIMEZONE":
        if frame.name == "VTIMEZONE" and prop.name == "TZID":
            feed.tzids_defined.add(prop.value)
        return
    tzid = prop.params.get("TZID")
    if tzid is None:
        return
    if tzid not in feed.tzids_used:
        feed.tzids_used[tzid] = prop.number
    if prop.name == "DTSTART" and LOCAL_TIME.fullmatch(prop.value):
        first = feed.first_times.get(tzid)
        if first is None or prop.value < first[0]:  # of one form: in the calendar's order
            feed.first_times[tzid] = (prop.value, prop.number)
