"""A calendar no longer published, and how the published build records it. Pure.

A retired calendar's addresses keep answering: each feed a calendar without events, so
that every client removes the events at its next refresh (docs/calendar-clients.md rule
11). A feed that answers 404 instead is kept as last fetched, future sessions included:
Google keeps its last good copy, Outlook and Apple Calendar show an error beside the
events, Thunderbird keeps its cache.

The record is the calendar's ``<id>.json`` itself, still a format-1 document: its
``calendar`` and ``feeds`` as last published, no session and no event, and, first in its
``history``, an entry of key :data:`RETIRED_KEY` that says so (the Atom feed's last
entry too). Every later ``build --previous`` reads it back (:func:`read_record`,
:func:`vaxical.history.published.parse`) and writes the same files again, untold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vaxical.history.reading import Malformed, Reader
from vaxical.model import REFRESH_HOURS, HistoryEntry, Notice
from vaxical.schedule.feeds import FEEDS, Feed

if TYPE_CHECKING:
    from vaxical.history.published import Snapshot

RETIRED_KEY = "retired"
"""The history key of a calendar's retirement: no notice's or update's key is one
(``notice-…``, ``correction-…``, ``update-…``)."""


@dataclass(frozen=True, slots=True)
class Record:
    """A calendar's ``calendar`` object and feeds as its ``<id>.json`` publishes them:
    what its files say of it once no definition is built for it."""

    calendar_id: str
    name: str
    product: str
    description: str
    timezone: str
    base_url: str
    portal_url: str
    revised: dt.datetime
    horizon: dt.date
    feeds_from: dt.date | None
    refresh_hours: int
    ledger: str | None
    """``ledger_sha256``: None for the single-revision format, or a build before it."""
    notices: tuple[Notice, ...]
    feeds: tuple[Feed, ...]
    """The feeds it published, in the page's order: each keeps its address."""


@dataclass(frozen=True, slots=True)
class Retired:
    """A retired calendar: what each of its files says from now on."""

    record: Record
    history: tuple[HistoryEntry, ...]
    """Newest first: the retirement, then every entry published before it."""


def _notice(item: object, where: str) -> Notice:
    read = Reader
    return Notice(
        reference=read.text(read.get(item, "reference", where), f"{where}.reference"),
        date=read.day(read.get(item, "date", where), f"{where}.date"),
        title=read.text(read.get(item, "title", where), f"{where}.title"),
        url=read.url(read.get(item, "url", where), f"{where}.url"),
        summary=read.text(read.get(item, "summary", where), f"{where}.summary"),
    )


def _feeds(document: object, calendar_id: str) -> tuple[Feed, ...]:
    """The published feeds, each known by its file name (the names a build gives them)."""
    read = Reader
    known = {feed.filename(calendar_id): feed for feed in FEEDS}
    found = []
    for index, item in enumerate(read.items(read.get(document, "feeds", "feeds"), "feeds")):
        where = f"feeds[{index + 1}]"
        file = read.text(read.get(item, "file", where), f"{where}.file")
        if file not in known or known[file] in found:
            raise Malformed(f"{where}.file", file, f"a feed of {calendar_id}, once")
        found.append(known[file])
    if not found:
        raise Malformed("feeds", [], "the calendar's feeds")
    return tuple(found)


def read_record(document: object) -> Record:
    """The ``calendar`` object and feeds of a published ``<id>.json``, checked field by
    field (ValueError, naming the first field that is not what vaxical writes)."""
    read = Reader
    calendar = read.get(document, "calendar", "calendar")

    def field(key: str) -> object:
        return read.get(calendar, key, "calendar")

    calendar_id = read.text(field("id"), "calendar.id")
    base_url = read.url(field("url"), "calendar.url")
    if not base_url.endswith("/"):
        raise Malformed("calendar.url", base_url, "an address ending with /")
    hours = read.whole(field("refresh_hours"), "calendar.refresh_hours", *REFRESH_HOURS)
    assert isinstance(calendar, dict)  # noqa: S101 - read.get checked it
    # Builds before these were recorded (within format 1) have neither key.
    feeds_from = calendar.get("feeds_from")
    ledger = calendar.get("ledger_sha256")
    notices = read.items(field("notices"), "calendar.notices")
    return Record(
        calendar_id=calendar_id,
        name=read.text(field("name"), "calendar.name"),
        product=read.text(field("product"), "calendar.product"),
        description=read.text(field("description"), "calendar.description"),
        timezone=read.text(field("timezone"), "calendar.timezone"),
        base_url=base_url,
        portal_url=read.url(field("portal_url"), "calendar.portal_url"),
        revised=read.moment(field("revised"), "calendar.revised").astimezone(dt.UTC),
        horizon=read.day(field("horizon"), "calendar.horizon"),
        feeds_from=None if feeds_from is None else read.day(feeds_from, "calendar.feeds_from"),
        refresh_hours=hours,
        ledger=None if ledger is None else read.text(ledger, "calendar.ledger_sha256"),
        notices=tuple(
            _notice(item, f"calendar.notices[{index + 1}]") for index, item in enumerate(notices)
        ),
        feeds=_feeds(document, calendar_id),
    )


def retirement_entry(record: Record, date: dt.datetime) -> HistoryEntry:
    """The history entry that says the calendar is no longer published (page, JSON and
    Atom): what subscribers' calendars do with it, and where the published ones are."""
    return HistoryEntry(
        key=RETIRED_KEY,
        date=date,
        title="Ce calendrier n'est plus publié",
        summary=(
            "Ce calendrier n'est plus publié. Ses adresses d'abonnement restent en ligne, "
            "sans aucun événement : les agendas abonnés retirent ses sessions, livraisons "
            "et rendez-vous à leur prochaine actualisation, et l'abonnement peut être "
            f"supprimé. Les calendriers publiés : {record.base_url}"
        ),
        changes=(),
        url=record.base_url,
    )


def retirement_date(snapshot: Snapshot, revised: Sequence[dt.datetime]) -> dt.datetime:
    """When a calendar is retired, from data, never the clock: the latest revision of the
    calendars the build still publishes (``revised``), or the calendar's own latest
    entry when that is later (a feed reader's newest entry comes first)."""
    found: list[dt.datetime] = [*revised, *(entry.date for entry in snapshot.history[:1])]
    if snapshot.record is not None:
        found.append(snapshot.record.revised)
    return max(found)


def as_retired(snapshot: Snapshot, revised: Sequence[dt.datetime]) -> Retired:
    """The calendar ``snapshot`` as retired: by this build (``revised``: see
    :func:`retirement_date`), or by an earlier one, whose record it is."""
    record = snapshot.record
    if record is None:
        raise ValueError(f"{snapshot.calendar_id}: no published record to retire it from")
    if snapshot.retired:
        return Retired(record, snapshot.history)
    entry = retirement_entry(record, retirement_date(snapshot, revised))
    return Retired(record, (entry, *snapshot.history))
