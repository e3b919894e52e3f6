"""A calendar no longer published, and how the published build records it. Pure.

A retired calendar's addresses keep answering: each feed a calendar without events, so
that every client removes the events at its next refresh (docs/calendar-clients.md rule
11). A feed that answers 404 instead is kept as last fetched, future sessions included:
Google keeps its last good copy, Outlook and Apple Calendar show an error beside the
events, Thunderbird keeps its cache.

The record is the calendar's ``<id>.json`` itself, still a format-1 document: its
``calendar`` and ``feeds`` as last published, no session and no event, and, first in its
``history``, an entry of key :data:`RETIRED_KEY` that says so (the Atom feed's last
entry too). Every later ``build --previous`` reads it back
(:func:`vaxical.history.published.parse`, :func:`read_parts`) and writes the same files
again, untold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vaxical.history.reading import Reader
from vaxical.model import REFRESH_HOURS, HistoryEntry, Notice
from vaxical.schedule.feeds import Feed

if TYPE_CHECKING:
    from vaxical.history.published import Snapshot

RETIRED_KEY = "retired"
"""The history key of a calendar's retirement: no notice's or update's key is one
(``notice-…``, ``correction-…``, ``update-…``)."""


@dataclass(frozen=True, slots=True)
class RecordParts:
    """The parts of a calendar's ``calendar`` object that only its retired files publish
    again, as they were; the rest is its :class:`~vaxical.history.published.Snapshot`'s."""

    name: str
    description: str
    revised: dt.datetime
    horizon: dt.date
    refresh_hours: int
    notices: tuple[Notice, ...]


@dataclass(frozen=True, slots=True)
class Record:
    """A calendar's ``calendar`` object and feeds as its ``<id>.json`` publishes them:
    what its files say of it once no definition is built for it. Made from its snapshot
    (:func:`record_of`), for the renderers."""

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


def read_parts(calendar: object) -> RecordParts:
    """The parts of a published ``calendar`` object that a retired calendar's files
    publish again, checked field by field (ValueError, naming the first field that is
    not what vaxical writes)."""
    read = Reader

    def field(key: str) -> object:
        return read.get(calendar, key, "calendar")

    notices = read.items(field("notices"), "calendar.notices")
    return RecordParts(
        name=read.text(field("name"), "calendar.name"),
        description=read.text(field("description"), "calendar.description"),
        revised=read.moment(field("revised"), "calendar.revised").astimezone(dt.UTC),
        horizon=read.day(field("horizon"), "calendar.horizon"),
        refresh_hours=read.whole(field("refresh_hours"), "calendar.refresh_hours", *REFRESH_HOURS),
        notices=tuple(
            _notice(item, f"calendar.notices[{index + 1}]") for index, item in enumerate(notices)
        ),
    )


def record_of(snapshot: Snapshot) -> Record:
    """What the files of ``snapshot``'s calendar say of it once retired: its snapshot's
    facts and the rest of its record (read only for a calendar retired, or retired by
    this build: :func:`vaxical.history.published.parse`)."""
    parts, base_url = snapshot.parts, snapshot.base_url
    product, portal_url, timezone = snapshot.product, snapshot.portal_url, snapshot.timezone
    if (
        parts is None
        or product is None
        or portal_url is None
        or base_url is None
        or timezone is None
        or not snapshot.feeds
    ):
        raise ValueError(f"{snapshot.calendar_id}: no published record to retire it from")
    return Record(
        calendar_id=snapshot.calendar_id,
        name=parts.name,
        product=product,
        description=parts.description,
        timezone=timezone,
        base_url=base_url,
        portal_url=portal_url,
        revised=parts.revised,
        horizon=parts.horizon,
        feeds_from=snapshot.feeds_from,
        refresh_hours=parts.refresh_hours,
        ledger=snapshot.ledger,
        notices=parts.notices,
        feeds=snapshot.feeds,
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
    if snapshot.parts is not None:
        found.append(snapshot.parts.revised)
    return max(found)


def as_retired(snapshot: Snapshot, revised: Sequence[dt.datetime]) -> Retired:
    """The calendar ``snapshot`` as retired: by this build (``revised``: see
    :func:`retirement_date`), or by an earlier one, whose record it is."""
    record = record_of(snapshot)
    if snapshot.retired:
        return Retired(record, snapshot.history)
    entry = retirement_entry(record, retirement_date(snapshot, revised))
    return Retired(record, (entry, *snapshot.history))
