"""Published builds read back: the JSON of a calendar as typed values. Pure: the files
a user names are read by :mod:`vaxical.history.folder`.

A build's ``<id>.json`` is the record of what subscribers have: each event's content,
SEQUENCE and last change, the sessions, and the history of changes. ``vaxical build
--previous`` continues from it; ``vaxical diff`` compares two of them. :func:`differs`
tells an event that subscribers would see otherwise (rule 9): a ledger's build continues
through :mod:`vaxical.history.guard`, the single-revision format's through
:mod:`vaxical.history.legacy`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from vaxical.history.changes import Facts
from vaxical.history.reading import Malformed, Reader
from vaxical.history.retired import RETIRED_KEY, RecordParts, read_parts
from vaxical.history.revisions import UPDATE_PREFIX
from vaxical.model import HistoryEntry
from vaxical.render.jsondoc import FORMAT_VERSION
from vaxical.render.jsonrecords import REVISION_KEYS, event_content
from vaxical.schedule.events import Event
from vaxical.schedule.feeds import FEEDS, Feed
from vaxical.schedule.texts import SUSPENDED


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    sequence: int
    modified: dt.datetime
    content: Mapping[str, Any]
    """The event as :func:`vaxical.render.jsonrecords.event_content` wrote it."""


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


_T = TypeVar("_T")


def _feeds(value: object, calendar_id: str) -> tuple[Feed, ...]:
    """A published document's ``feeds``, each known by its file name (the names a build
    gives them)."""
    read = Reader
    known = {feed.filename(calendar_id): feed for feed in FEEDS}
    found = []
    for index, item in enumerate(read.items(value, "feeds")):
        where = f"feeds[{index + 1}]"
        file = read.text(read.get(item, "file", where), f"{where}.file")
        if file not in known or known[file] in found:
            raise Malformed(f"{where}.file", file, f"a feed of {calendar_id}, once")
        found.append(known[file])
    if not found:
        raise Malformed("feeds", [], "the calendar's feeds")
    return tuple(found)


def _base_url(value: object, where: str) -> str:
    """``calendar.url``: the address of the folder that holds the calendar's files."""
    base_url = Reader.url(value, where)
    if not base_url.endswith("/"):
        raise Malformed(where, base_url, "an address ending with /")
    return base_url


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
        base_url=read_by_every_event("url", _base_url),
        feeds=_feeds(read.get(document, "feeds", "feeds"), calendar_id) if listed else None,
        parts=read_parts(calendar) if required else None,
        retired=retired,
    )


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


def differs(event: Event, before: PublishedEvent) -> bool:
    """Whether subscribers would see ``event`` otherwise than published (rule 9)."""
    return event_content(event) != dict(before.content)
