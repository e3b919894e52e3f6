"""A calendar across its revisions: what each one changed, and what subscribers see. Pure.

:func:`publish` folds a ledger revision by revision, as subscribers lived it: each event's
SEQUENCE is the number of later revisions that changed it and its LAST-MODIFIED the date
of the last one (docs/calendar-clients.md rule 9); an event a revision drops leaves the
feeds (rule 11) and comes back with a higher SEQUENCE if a later one restores it. Each
revision gives one history entry ("Actualités", Atom, JSON) listing what it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vaxical.definition.notice import notice_key
from vaxical.history.changes import Change, facts, session_changes
from vaxical.model import Definition, HistoryEntry, Ledger, Notice, Revision
from vaxical.schedule.events import Event, EventMaker
from vaxical.schedule.expand import Session, expand
from vaxical.schedule.texts import source_notice
from vaxical.schedule.zones import local_day

UPDATE_PREFIX = "update-"


@dataclass(frozen=True, slots=True)
class Published:
    """One calendar as its latest revision publishes it."""

    definition: Definition
    """The calendar after the latest revision."""
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]
    """Every event of the current sessions, with SEQUENCE and last change."""
    changes: tuple[Change, ...]
    """What the latest revision changed (empty for a first revision)."""
    history: tuple[HistoryEntry, ...]
    """Newest first."""
    sources: Mapping[dt.date, Notice]
    """The notice that made each session what it is, by nominal day: the one its events
    cite, and the JSON's reasons."""
    printed: Mapping[str, tuple[Session, ...]]
    """For each revision of a ledger (by history key), the sessions it made what they
    were, as it left them: the calendar as that notice printed it."""


def _same(before: Event, after: Event) -> bool:
    """Whether subscribers would see no change (SEQUENCE and date aside)."""
    return (
        before.start == after.start
        and before.end == after.end
        and before.kind == after.kind
        and before.summary == after.summary
        and before.description == after.description
        and before.alarms == after.alarms
    )


def _as_before(
    made: tuple[Event, ...], before: tuple[tuple[Event, ...], tuple[Event, ...]] | None
) -> bool:
    """Whether a session's events, as made, read as the previous revision published them."""
    if before is None or len(made) != len(before[1]):
        return False
    return all(
        old.uid == new.uid and _same(old, new) for old, new in zip(before[1], made, strict=True)
    )


def _same_sessions(
    sessions: tuple[Session, ...], previous: tuple[Session, ...]
) -> tuple[tuple[Session, ...], set[dt.date]]:
    """``sessions``, each one equal to the previous revision's session of the same day
    replaced by that very object, and the days of those: what follows then compares
    sessions (and their events) by identity, not field by field."""
    before = {session.nominal: session for session in previous}
    kept: set[dt.date] = set()
    same = []
    for session in sessions:
        old = before.get(session.nominal)
        if old is session or (old is not None and old == session):
            session = old
            kept.add(session.nominal)
        same.append(session)
    return tuple(same), kept


def _entry(revision: Revision, changes: Sequence[Change]) -> HistoryEntry:
    notice = revision.notice  # a correction's reference is « Correction du calendrier »
    return HistoryEntry(
        key=revision.key,
        date=revision.date,
        title=f"{notice.reference} : {notice.title}",
        summary=notice.summary,
        changes=tuple(change.text(revision.day.year) for change in changes),
        url=notice.url,
    )


def notice_entries(definition: Definition) -> tuple[HistoryEntry, ...]:
    """A single-revision definition's history: one entry per source notice, dated at
    the start of its day (UTC)."""
    return tuple(
        HistoryEntry(
            key=notice_key(notice),
            date=dt.datetime.combine(notice.date, dt.time(), tzinfo=dt.UTC),
            title=f"{notice.reference} : {notice.title}",
            summary=notice.summary,
            changes=(),
            url=notice.url,
        )
        for notice in definition.notices
    )


def later(date: dt.datetime, last: dt.datetime | None) -> dt.datetime:
    """The LAST-MODIFIED of an event a block changes: the block's date (never the clock),
    or a second after ``last``, the event's last LAST-MODIFIED, when that is not earlier
    (a block of the same day changed it already). The replay and ``build --previous``
    (history/guard.py) both stamp by it: a fresh build gives the published bytes."""
    return date if last is None else max(date, last + dt.timedelta(seconds=1))


def publish(ledger: Ledger) -> Published:
    """The calendar after its latest revision, with everything its history gives."""
    sources: dict[dt.date, Notice] = {}
    seen: dict[str, Event] = {}
    """Every event ever published, as last published: a restored one continues its
    SEQUENCE."""
    previous: tuple[Session, ...] = ()
    maker = EventMaker()
    # Each session's events in the previous revision: as made, and as published.
    made_before: dict[dt.date, tuple[tuple[Event, ...], tuple[Event, ...]]] = {}
    entries: list[HistoryEntry] = []
    printed: dict[str, tuple[Session, ...]] = {}
    events: tuple[Event, ...] = ()
    changes: tuple[Change, ...] = ()
    for number, (revision, state) in enumerate(zip(ledger.revisions, ledger.states, strict=True)):
        sessions, kept = _same_sessions(expand(state), previous)
        earlier = sources
        # A session keeps citing the notice that made it what it is: one this block
        # changed only in its rules (a holiday policy from a later session on) does too,
        # when its events read as published; subscribers get no update for a Source line.
        sources = {
            session.nominal: (
                earlier[session.nominal]
                if session.nominal in earlier and number
                else source_notice(state, session.days.first)
                if not number
                else revision.notice
            )
            for session in sessions
        }
        made_all = maker.build(state, sessions, sources, revision.date)
        restated = [
            session.nominal
            for session, made in zip(sessions, made_all, strict=True)
            if session.nominal not in kept
            and session.nominal in earlier
            and not _as_before(made, made_before.get(session.nominal))
        ]
        if restated:
            sources.update((day, revision.notice) for day in restated)
            made_all = maker.build(state, sessions, sources, revision.date)
        current: list[Event] = []
        present = {event.uid for event in events}
        made_now = {}
        for session, made in zip(sessions, made_all, strict=True):
            before = made_before.get(session.nominal)
            if before is not None and before[0] is made:
                # The very events as the previous revision made them: published as it
                # published them, unchanged (what the loop below would find, event by event).
                current += before[1]
                made_now[session.nominal] = before
                continue
            published = []
            for event in made:
                old = seen.get(event.uid)
                if old is not None and old.uid in present and _same(old, event):
                    published.append(old)
                    continue
                sequence = 0 if old is None else old.sequence + 1
                modified = later(revision.date, None if old is None else old.modified)
                # An event made by this revision is new, or changed: it comes stamped
                # with SEQUENCE 0 and the revision's date, as a new one publishes. A copy
                # for each cost a first revision of five years a sixth of its replay.
                if event.sequence != sequence or event.modified != modified:
                    event = event.published(sequence, modified)
                seen[event.uid] = event
                published.append(event)
            made_now[session.nominal] = (made, tuple(published))
            current += published
        made_before = made_now
        # Only sessions that differ can differ in their records.
        zone = state.timezone
        changes = (
            session_changes(
                state.id,
                [facts(s, zone) for s in previous if s.nominal not in kept],
                [facts(s, zone) for s in sessions if s.nominal not in kept],
            )
            if number
            else ()
        )
        entries.append(_entry(revision, changes))
        if not ledger.legacy:
            printed[revision.key] = tuple(
                s for s in sessions if sources[s.nominal] is revision.notice
            )
        previous, events = sessions, tuple(current)
    events = tuple(sorted(events, key=lambda event: event.sort_key))
    definition = ledger.current
    # Newest first. A ledger's blocks are in the order of their dates, and of the blocks
    # of one day the later is the newer: its order, not the keys' (a correction of the
    # same day as a notice would come after it).
    history = (
        tuple(sorted(notice_entries(definition), key=lambda e: (e.date, e.key), reverse=True))
        if ledger.legacy
        else tuple(reversed(entries))
    )
    return Published(
        definition=definition,
        sessions=previous,
        events=events,
        changes=changes,
        history=history,
        sources=sources,
        printed=printed,
    )


def update_entry(definition: Definition, changes: Sequence[Change]) -> HistoryEntry:
    """The entry a build records when ``--previous`` shows that a single-revision
    definition was edited in place."""
    count = len(changes)
    return HistoryEntry(
        key=f"{UPDATE_PREFIX}{definition.revised:%Y%m%dT%H%M%SZ}",
        date=definition.revised,
        title="Mise à jour du calendrier",
        summary=f"{count} changement{'s' if count > 1 else ''} dans les sessions publiées.",
        changes=tuple(
            change.text(local_day(definition.revised, definition.timezone).year)
            for change in changes
        ),
        url=definition.base_url,
    )


def with_updates(
    history: Sequence[HistoryEntry],
    definition: Definition,
    updates: Sequence[HistoryEntry],
    changes: Sequence[Change],
) -> tuple[HistoryEntry, ...]:
    """A single-revision history with the updates earlier builds logged and (if any)
    this build's; newest first. Rebuilding the same revision twice logs it once."""
    entries = {entry.key: entry for entry in updates}
    if changes:
        entry = update_entry(definition, changes)
        entries[entry.key] = entry
    for entry in history:
        entries[entry.key] = entry
    return tuple(sorted(entries.values(), key=lambda e: (e.date, e.key), reverse=True))
