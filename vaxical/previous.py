"""Published builds read back: the JSON of a calendar as typed values. Pure but for
:func:`load_snapshots`, which reads the files a user names.

A build's ``<id>.json`` is the record of what subscribers have: each event's content,
SEQUENCE and last change, the sessions, and the history of changes. ``vaxical build
--previous`` continues from it; ``vaxical diff`` compares two of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaxical.errors import DefinitionError, Problem
from vaxical.events import Event
from vaxical.jsondoc import FORMAT_VERSION, REVISION_KEYS, event_content
from vaxical.model import HistoryEntry, Ledger


@dataclass(frozen=True, slots=True)
class PublishedEvent:
    sequence: int
    modified: dt.datetime
    content: Mapping[str, Any]
    """The event as :func:`vaxical.jsondoc.event_content` wrote it."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One published calendar."""

    calendar_id: str
    events: Mapping[str, PublishedEvent]
    sessions: tuple[Mapping[str, Any], ...]
    updates: tuple[HistoryEntry, ...]
    """Past build updates (notice entries come from the definition, not from here)."""
    history: tuple[HistoryEntry, ...] = ()
    """Every published history entry."""


def _utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def parse(document: Mapping[str, Any]) -> Snapshot:
    """A build's ``<id>.json`` document. Raises ValueError/KeyError/TypeError if malformed."""
    if document.get("format") != FORMAT_VERSION:
        raise ValueError(f"format {document.get('format')!r}, expected {FORMAT_VERSION}")
    events = {
        item["uid"]: PublishedEvent(
            sequence=int(item["sequence"]),
            modified=_utc(item["last_modified"]),
            content={k: v for k, v in item.items() if k not in REVISION_KEYS},
        )
        for item in document["events"]
    }
    history = tuple(
        HistoryEntry(
            key=str(item["key"]),
            date=_utc(item["date"]),
            title=str(item["title"]),
            summary=str(item["summary"]),
            changes=tuple(str(change) for change in item["changes"]),
            url=str(item["url"]),
        )
        for item in document.get("history", ())
    )
    return Snapshot(
        calendar_id=document["calendar"]["id"],
        events=events,
        sessions=tuple(document["sessions"]),
        updates=tuple(entry for entry in history if entry.key.startswith("update-")),
        history=history,
    )


def guard(
    ledger: Ledger,
    events: Sequence[Event],
    history: Sequence[HistoryEntry],
    published: Snapshot,
) -> None:
    """Refuse a build that would rewrite what subscribers have: a published SEQUENCE
    lowered, an event changed without a new SEQUENCE, or a history entry dropped or
    changed. That happens when a published block was edited instead of a new one being
    appended; the message names the block."""
    problems: list[Problem] = []

    def block(moment: dt.datetime) -> tuple[str, str]:
        dated = [r for r in ledger.revisions if r.date <= moment] or list(ledger.revisions[:1])
        revision = dated[-1]
        key = f"revisions[{revision.number}]"
        return key, f"{revision.notice.reference} du {revision.date.date().isoformat()}"

    def refuse(key: str, message: str) -> None:
        problems.append(
            Problem(
                file=ledger.source,
                key=key,
                message=message,
                fix="restore the published block as it was, and append a new [[revisions]] "
                'block with the change (a `correction = "…"` block when no notice '
                "announces it).",
            )
        )

    current = {event.uid: event for event in events}
    for uid, before in sorted(published.events.items()):
        event = current.get(uid)
        if event is None:
            continue
        changed = event_content(event) != dict(before.content)
        if event.sequence < before.sequence or (event.sequence == before.sequence and changed):
            key, name = block(before.modified)
            refuse(
                key,
                f"({name}) was edited after publication: {uid} has SEQUENCE "
                f"{before.sequence} online and would get {event.sequence}"
                + (" with other content." if changed else "."),
            )
    entries = {entry.key: entry for entry in history}
    for entry in published.history:
        if entries.get(entry.key) != entry:
            key, name = block(entry.date)
            what = "dropped" if entry.key not in entries else "rewritten"
            refuse(
                key,
                f"({name}) was edited after publication: the history entry "
                f"« {entry.title} » would be {what}.",
            )
    if problems:
        raise DefinitionError(problems)


def revise(
    events: Sequence[Event], published: Mapping[str, PublishedEvent], revised: dt.datetime
) -> tuple[Event, ...]:
    """Carry SEQUENCE and last change over from the published build (rule 9): unchanged
    events keep both, changed ones get SEQUENCE + 1 and ``revised``, new ones start at 0."""
    result = []
    for event in events:
        before = published.get(event.uid)
        if before is None:
            result.append(dataclasses.replace(event, sequence=0, modified=revised))
        elif dict(before.content) == event_content(event):
            result.append(
                dataclasses.replace(event, sequence=before.sequence, modified=before.modified)
            )
        else:
            result.append(
                dataclasses.replace(event, sequence=before.sequence + 1, modified=revised)
            )
    return tuple(result)


def _problem(path: Path, message: str, fix: str) -> DefinitionError:
    return DefinitionError([Problem(file=str(path), message=message, fix=fix)])


def read_document(path: Path) -> Mapping[str, Any]:
    try:
        document = json.loads(path.read_bytes())
    except OSError as error:
        raise _problem(path, f"cannot be read ({error.strerror}).", "check the path.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise _problem(
            path, f"is not valid JSON ({error}).", "give a vaxical build's <id>.json."
        ) from None
    if not isinstance(document, dict):
        raise _problem(path, "is not a vaxical calendar document.", "give a build's <id>.json.")
    return document


def read_snapshot(path: Path) -> Snapshot:
    try:
        return parse(read_document(path))
    except (ValueError, KeyError, TypeError) as error:
        raise _problem(
            path,
            f"is not a vaxical build's calendar document ({type(error).__name__}: {error}).",
            "give the <id>.json of a build made by this version of vaxical.",
        ) from None


def load_build(folder: Path) -> dict[str, Snapshot]:
    """Every calendar of a published build folder, by id."""
    if not folder.is_dir():
        raise _problem(folder, "is not a folder.", "give the folder of a previous build (build/).")
    snapshots = {}
    for path in sorted(folder.glob("*.json")):
        document = read_document(path)
        if "format" in document and "calendar" in document:
            snapshot = read_snapshot(path)
            snapshots[snapshot.calendar_id] = snapshot
    return snapshots
