"""Published builds read back: the JSON of a calendar as typed values. Pure but for
:func:`load_build`, :func:`read_snapshot` and :func:`read_document`, which read the files
a user names.

A build's ``<id>.json`` is the record of what subscribers have: each event's content,
SEQUENCE and last change, the sessions, and the history of changes. ``vaxical build
--previous`` continues from it; ``vaxical diff`` compares two of them. :func:`differs`
tells an event that subscribers would see otherwise (rule 9): a ledger's build continues
through :mod:`vaxical.history.guard`, the single-revision format's through
:mod:`vaxical.history.legacy`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from vaxical.bounded import read_bounded
from vaxical.definition.identity import ID_PATTERN
from vaxical.errors import NotAFile, Problem, PublishedError, TooLarge
from vaxical.history.changes import Facts
from vaxical.history.reading import Malformed, Reader
from vaxical.history.retired import (
    RETIRED_KEY,
    RecordParts,
    read_base_url,
    read_feeds,
    read_parts,
)
from vaxical.history.revisions import UPDATE_PREFIX
from vaxical.model import HistoryEntry
from vaxical.render.jsondoc import FORMAT_VERSION, REVISION_KEYS, event_content
from vaxical.schedule.events import Event
from vaxical.schedule.feeds import BUILD_FILES, Feed
from vaxical.schedule.texts import SUSPENDED


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    sequence: int
    modified: dt.datetime
    content: Mapping[str, Any]
    """The event as :func:`vaxical.render.jsondoc.event_content` wrote it."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One published calendar."""

    calendar_id: str
    events: Mapping[str, PublishedEvent]
    sessions: tuple[Facts, ...]
    history: tuple[HistoryEntry, ...] = ()
    """Every published history entry."""
    ledger: str | None = None
    """The digest of the ledger it was built from (:attr:`Ledger.digest`); None for a
    build of the single-revision format, or by a vaxical that did not record it."""
    timezone: str | None = None
    """The calendar's time zone, which its timed events name (their TZID)."""
    feeds_from: dt.date | None = None
    """From which session its feeds held the events (``calendar.feeds_from``)."""
    feeds_known: bool = False
    """Whether the build said so: builds before ``feeds_from`` was recorded did not."""
    product: str | None = None
    """``calendar.product``, which every event reads (None: not published)."""
    portal_url: str | None = None
    """``calendar.portal_url``, which every event reads (None: not published)."""
    base_url: str | None = None
    """``calendar.url``, the folder of its files, which every event reads (None: not
    published)."""
    feeds: tuple[Feed, ...] | None = None
    """The feeds its ``feeds`` lists, in the page's order: each keeps its address (None:
    not listed, or read from a definition)."""
    parts: RecordParts | None = None
    """The rest of its ``calendar`` object, read only where a build publishes it again:
    a retired calendar's record, or a calendar this build retires (None otherwise)."""
    retired: bool = False
    """Retired by an earlier build: its record holds no event, and its history starts
    with the retirement (:mod:`vaxical.history.retired`)."""

    @property
    def read_by_every_event(self) -> tuple[tuple[str, str], ...]:
        """The ``[calendar]`` values every event reads, as published: (key, value) of
        ``product``, ``portal_url`` and ``base_url``, each named as the definition's."""
        values = (
            ("product", self.product),
            ("portal_url", self.portal_url),
            ("base_url", self.base_url),
        )
        return tuple((key, value) for key, value in values if value is not None)

    @property
    def updates(self) -> tuple[HistoryEntry, ...]:
        """Past build updates (notice entries come from the definition, not from here)."""
        return tuple(entry for entry in self.history if entry.key.startswith(UPDATE_PREFIX))

    def window_moved(
        self, feeds_from: dt.date | None
    ) -> tuple[dt.date | None, dt.date | None] | None:
        """(published, now) when the feeds now start from another session than the
        build said; None when they do not, or when the build did not say."""
        if not self.feeds_known or self.feeds_from == feeds_from:
            return None
        return self.feeds_from, feeds_from


def _facts(item: object, where: str) -> Facts:
    read = Reader
    is_open = read.get(item, "open", where)
    if not isinstance(is_open, bool):
        raise Malformed(f"{where}.open", is_open, "true or false")
    delivery = read.get(item, "delivery", where)
    confirmation = read.get(item, "confirmation", where)
    appointments = read.get(item, "appointments", where)
    reason = read.get(item, "exception", where)
    assert isinstance(item, dict)  # noqa: S101 - read.get checked it
    # Builds before the portal's hours were recorded (within format 1) have no `opens`
    # and `closes`: their hours are unknown, not absent.
    hours_known = "opens" in item and "closes" in item
    opens, closes = (item["opens"], item["closes"]) if hours_known else (None, None)
    reasons = item.get("reasons")
    suspended = isinstance(reasons, list) and any(
        isinstance(found, dict) and found.get("kind") == "suspended" for found in reasons
    )
    why = SUSPENDED if suspended else None  # as a session of the ledger says it
    return Facts(
        session=read.day(read.get(item, "session", where), f"{where}.session"),
        days=read.span(read.get(item, "days", where), f"{where}.days"),
        open=is_open,
        delivery=None if delivery is None else read.span(delivery, f"{where}.delivery"),
        confirmation=(
            None if confirmation is None else read.moment(confirmation, f"{where}.confirmation")
        ),
        appointments=(
            None if appointments is None else read.day(appointments, f"{where}.appointments")
        ),
        reason=read.text(reason, f"{where}.exception") if reason is not None else why,
        opens=None if opens is None else read.moment(opens, f"{where}.opens"),
        closes=None if closes is None else read.moment(closes, f"{where}.closes"),
        hours_known=hours_known,
    )


def _event(item: object, where: str) -> tuple[str, PublishedEvent]:
    read = Reader
    if not isinstance(item, dict):
        raise Malformed(where, item, "an event")
    uid = read.text(read.get(item, "uid", where), f"{where}.uid")
    return uid, PublishedEvent(
        sequence=read.sequence(read.get(item, "sequence", where), f"{where}.sequence"),
        modified=read.moment(read.get(item, "last_modified", where), f"{where}.last_modified"),
        content={k: v for k, v in item.items() if k not in REVISION_KEYS},
    )


def _entry(item: object, where: str) -> HistoryEntry:
    read = Reader
    url = read.url(read.get(item, "url", where), f"{where}.url")
    return HistoryEntry(
        key=read.text(read.get(item, "key", where), f"{where}.key"),
        date=read.moment(read.get(item, "date", where), f"{where}.date").astimezone(dt.UTC),
        title=read.text(read.get(item, "title", where), f"{where}.title"),
        summary=read.text(read.get(item, "summary", where), f"{where}.summary"),
        changes=tuple(
            read.text(change, f"{where}.changes[{index + 1}]")
            for index, change in enumerate(read.items(read.get(item, "changes", where), where))
        ),
        url=url,
    )


def parse(document: object, *, record: bool = False) -> Snapshot:
    """A build's ``<id>.json`` document, checked field by field. Raises ValueError naming
    the first field that is not what vaxical writes. Each fact is read once, where it is
    used: the rest of the ``calendar`` object (:class:`RecordParts`) only for a retired
    calendar's record, or when ``record`` says the build retires it; both need its
    ``product``, ``portal_url``, ``url`` and ``feeds``, which other documents may lack."""
    read = Reader
    version = read.get(document, "format", "format")
    if version != FORMAT_VERSION:
        raise Malformed("format", version, str(FORMAT_VERSION))
    calendar = read.get(document, "calendar", "calendar")
    events = dict(
        _event(item, f"events[{index + 1}]")
        for index, item in enumerate(read.items(read.get(document, "events", "events"), "events"))
    )
    sessions = tuple(
        _facts(item, f"sessions[{index + 1}]")
        for index, item in enumerate(
            read.items(read.get(document, "sessions", "sessions"), "sessions")
        )
    )
    history_items = read.get(document, "history", "history")
    history = tuple(
        _entry(item, f"history[{index + 1}]")
        for index, item in enumerate(read.items(history_items, "history"))
    )
    retired = _retired(history, events, sessions)
    calendar_id = read.text(read.get(calendar, "id", "calendar"), "calendar.id")
    assert isinstance(document, dict)  # noqa: S101 - read.get checked it
    assert isinstance(calendar, dict)  # noqa: S101 - read.get checked it
    # A retired calendar's files publish these again as they were: its record, and the
    # record of a calendar this build retires, must hold them. Nothing else reads the
    # rest of `calendar` (RecordParts), and another document may lack the others.
    required = retired or record

    def read_by_every_event(key: str, reading: Callable[[object, str], str]) -> str | None:
        if key not in calendar and required:
            raise ValueError(f"calendar has no `{key}`")
        return reading(calendar[key], f"calendar.{key}") if key in calendar else None

    def recorded_later(key: str, reading: Callable[[object, str], _T]) -> _T | None:
        # Builds before `ledger_sha256` and `feeds_from` were recorded have neither key;
        # null: none.
        value = calendar.get(key)
        return None if value is None else reading(value, f"calendar.{key}")

    listed = required or "feeds" in document
    return Snapshot(
        calendar_id=calendar_id,
        events=events,
        sessions=sessions,
        history=history,
        ledger=recorded_later("ledger_sha256", read.text),
        timezone=read.text(read.get(calendar, "timezone", "calendar"), "calendar.timezone"),
        feeds_from=recorded_later("feeds_from", read.day),
        feeds_known="feeds_from" in calendar,
        product=read_by_every_event("product", read.text),
        portal_url=read_by_every_event("portal_url", read.url),
        base_url=read_by_every_event("url", read_base_url),
        feeds=read_feeds(read.get(document, "feeds", "feeds"), calendar_id) if listed else None,
        parts=read_parts(calendar) if required else None,
        retired=retired,
    )


_T = TypeVar("_T")


def _retired(
    history: Sequence[HistoryEntry], events: Mapping[str, object], sessions: tuple[Facts, ...]
) -> bool:
    """Whether the document is a retired calendar's record: its newest entry says so,
    and it holds no event and no session, which a calendar still published always does."""
    for index, entry in enumerate(history):
        if entry.key == RETIRED_KEY and index:
            raise Malformed(f"history[{index + 1}].key", entry.key, "the retirement first")
    if not history or history[0].key != RETIRED_KEY:
        return False
    if events:
        raise Malformed("events", f"{len(events)} events", "none in a retired calendar")
    if sessions:
        raise Malformed("sessions", f"{len(sessions)} sessions", "none in a retired calendar")
    return True


MAX_DOCUMENT_BYTES = 100_000_000
"""The most a published <id>.json may hold (a 100-year calendar's is about 30 MB)."""


def _problem(path: Path, message: str, fix: str) -> PublishedError:
    return PublishedError([Problem(file=str(path), message=message, fix=fix)])


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number vaxical writes")


def read_document(path: Path) -> Mapping[str, Any]:
    document = _read_json(path)
    if not isinstance(document, dict):
        raise _problem(path, "is not a vaxical calendar document.", "give a build's <id>.json.")
    return document


def _read_json(path: Path) -> object:
    try:
        data = read_bounded(path, MAX_DOCUMENT_BYTES)
    except (NotAFile, TooLarge) as error:
        raise _problem(path, f"is {error.strerror}.", "give a vaxical build's <id>.json.") from None
    except OSError as error:
        raise _problem(path, f"cannot be read ({error.strerror}).", "check the path.") from None
    try:
        # Infinity, NaN and numbers past any SEQUENCE are not JSON that vaxical writes.
        document = json.loads(data, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as error:
        raise _problem(
            path, f"is not valid JSON ({error}).", "give a vaxical build's <id>.json."
        ) from None
    except RecursionError:
        raise _problem(
            path,
            "is nested deeper than any calendar document.",
            "give a vaxical build's <id>.json.",
        ) from None
    return document


def read_snapshot(path: Path, *, record: bool = False) -> Snapshot:
    """The calendar ``path`` holds; ``record``: read as the record of a calendar the build
    retires (:func:`parse`)."""
    try:
        return parse(read_document(path), record=record)
    except ValueError as error:
        raise _problem(
            path,
            f"is not a vaxical build's calendar document: {error}.",
            "give the <id>.json of a build made by this version of vaxical.",
        ) from None


_REFETCH = (
    "fetch the published site again (`make published`), or give the folder of the build "
    "that was published."
)


def load_build(
    folder: Path, calendar_ids: Iterable[str] = (), retire: Iterable[str] = ()
) -> dict[str, Snapshot]:
    """Every calendar of a published build folder, by id; those ``retire`` names read
    as the records of calendars the build retires. ``calendar_ids``: the calendars
    being built or compared, each of which must have its <id>.json where its <id>.ics is
    published: the JSON is the record of its SEQUENCEs, and without it the build would
    count them again from the ledger, below what subscribers hold (rule 9). A JSON whose
    name no calendar's id can be (the list of calendars, `x.json.bak`, `x_old.json`) is
    not read. Another is refused when it cannot be read (a record cut short must not pass
    for none), and when it is no calendar document though it is the record of a calendar
    built or compared, or its feed is beside it; otherwise (another tool's) passed over."""
    if not folder.is_dir():
        raise _problem(folder, "is not a folder.", "give the folder of a previous build (build/).")
    expected, retiring = set(calendar_ids), set(retire)
    snapshots = {}
    held: dict[str, str] = {}
    """The calendar each <name>.json holds, by name."""
    for path in sorted(folder.glob("*.json")):
        if not ID_PATTERN.match(path.stem) or path.name in BUILD_FILES:
            continue  # the list of calendars; a backup (`.bak`, `_old`), a copy (`(1)`)
        record = path.stem in expected or path.with_suffix(".ics").is_file()
        try:
            found = read_document(path) if record else _read_json(path)
        except PublishedError as error:
            if record:
                raise
            # Unreadable: it may be a record cut short, which must not pass for none.
            raise _problem(
                path,
                f"{error.problems[0].message.removesuffix('.')}, and a calendar's record "
                "could have its name.",
                f"move it out of the published folder, or rename it (a backup: {path.name}.bak).",
            ) from None
        document = found if isinstance(found, dict) else {}  # another tool's list: none
        if "format" in document and "calendar" in document:
            # A calendar's record is its <id>.json: a copy under another name must not
            # stand in for it, whatever it holds.
            calendar = document["calendar"]
            held_id = calendar.get("id") if isinstance(calendar, dict) else None
            if isinstance(held_id, str) and held_id != path.stem:
                held[path.stem] = held_id
                continue
            snapshot = read_snapshot(path, record=path.stem in retiring)
            snapshots[snapshot.calendar_id] = snapshot
        elif record:  # the record of a calendar built, compared, or whose feed is beside it
            beside = path.with_suffix(".ics").is_file()
            raise _problem(
                path,
                "is not a vaxical calendar document"
                + (f", though {path.stem}.ics is published beside it." if beside else "."),
                _REFETCH,
            )
    # Another calendar's feed (`vaccins-covid-sessions.ics` of `vaccins-covid`) is no record
    # of a calendar of that id (history/site.py refuses an id that takes its address).
    feeds = {
        feed.filename(snapshot.calendar_id)
        for snapshot in snapshots.values()
        for feed in snapshot.feeds or ()
    }
    for calendar_id in sorted(expected - set(snapshots)):
        if (folder / f"{calendar_id}.ics").is_file() and f"{calendar_id}.ics" not in feeds:
            said = (
                f"is the document of calendar {held[calendar_id]}"
                if calendar_id in held
                else "is missing"
            )
            raise _problem(
                folder / f"{calendar_id}.json",
                f"{said}, though {calendar_id}.ics is published beside it: the SEQUENCEs "
                "subscribers hold are unknown.",
                _REFETCH,
            )
    return snapshots


def differs(event: Event, before: PublishedEvent) -> bool:
    """Whether subscribers would see ``event`` otherwise than published (rule 9)."""
    return event_content(event) != dict(before.content)
