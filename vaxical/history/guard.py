"""Continuing from a published build (``vaxical build --previous``). Pure.

For a ledger, :func:`guard` refuses a build that would rewrite what subscribers have (a
published block edited or removed), carries over what the replay alone cannot know (a
SEQUENCE raised by an earlier upgrade), and tells an upgrade of vaxical from an edit by
the ledger's digest (for a build published before it, by the user's ``--reissue``). For
the single-revision format, :func:`vaxical.history.legacy.revise` carries SEQUENCE on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vaxical.errors import Problem, PublishedError
from vaxical.history.edits import entry_edit, event_edit
from vaxical.history.published import PublishedEvent, Snapshot, differs
from vaxical.history.revisions import later, publish
from vaxical.model import HistoryEntry, Ledger
from vaxical.render.jsonrecords import event_content
from vaxical.schedule.events import Event
from vaxical.schedule.zones import local_day
from vaxical.wording import counted, some

_RESTORE = (
    "restore the published block as it was, and append a new [[revisions]] block with the "
    'change (a `correction = "…"` block when no notice announces it).'
)


@dataclass(frozen=True, slots=True)
class Continued:
    """A ledger's replay continued from what is online (:func:`guard`)."""

    events: tuple[Event, ...]
    """The replay's events, each with a SEQUENCE never below the published one."""
    published: int
    """How many of the ledger's first blocks the published build was made from."""
    reissued: tuple[str, ...] = ()
    """Published events that this vaxical writes differently, the ledger being as
    published: sent again with SEQUENCE + 1 (their UIDs, sorted)."""
    reworded: tuple[str, ...] = ()
    """Titles of the published history entries this vaxical words differently."""
    dropped: tuple[str, ...] = ()
    """Published events that this vaxical no longer writes from the published blocks:
    they leave the feeds, and calendars remove them (their UIDs, sorted)."""


def guard(
    ledger: Ledger,
    events: Sequence[Event],
    history: Sequence[HistoryEntry],
    published: Snapshot,
    *,
    reissue: bool = False,
) -> Continued:
    """Continue the replay from what subscribers have, or refuse a build that would
    rewrite it: an event changed without a new SEQUENCE, or a history entry dropped or
    changed. That happens when a published block was removed, or edited instead of a
    new one being appended; one message names the block and what would change.

    The published build records its ledger's digest, which is the digest of one of this
    ledger's blocks when the blocks since were only appended (:func:`_published_blocks`).
    The published blocks, replayed now, then tell apart what the appended blocks changed
    (SEQUENCE counted on from the published one) from what vaxical itself now writes
    otherwise, an upgrade: those events are sent again with SEQUENCE + 1 and a later
    LAST-MODIFIED, reworded history entries published as now worded, and the caller says
    so. ``reissue``: for a build published before the digest was recorded, the user's
    word that the blocks it holds are as published."""
    count = _published_blocks(ledger, published, reissue=reissue)
    if count is not None:
        return _continued(ledger, events, history, published, count)
    _refuse_moved(ledger, published)
    _refuse_rewritten_identity(ledger, published)
    continued: list[Event] = []
    contents: dict[str, Mapping[str, Any]] = {}
    """Each published event this build would change without a higher SEQUENCE: what
    subscribers would see of it (rule 9), by UID."""
    # When each event change happens in this replay (the blocks before the edited one
    # replay as they did), for when no history entry tells the edited block.
    event_moments: list[dt.datetime] = []
    for event in events:
        before = published.events.get(event.uid)
        if before is None:
            continued.append(event)
        elif not differs(event, before):
            continued.append(_as_published(event, before))
        elif event.sequence > before.sequence:
            modified = later(event.modified or ledger.revisions[-1].date, before.modified)
            continued.append(dataclasses.replace(event, modified=modified))
        else:
            continued.append(event)
            contents[event.uid] = event_content(event)
            event_moments.append(event.modified or before.modified)
    rewritten = sorted(contents)
    # The blocks the published build holds, as they read now (edited or not).
    held = _blocks_with_entries(ledger, published)
    vanished = _unwritten(
        events, published, lambda: (e.uid for e in _first_blocks(ledger, events, held))
    )
    event_moments += [published.events[uid].modified for uid in vanished]
    _refuse_inserted(ledger, published)
    entries = {entry.key: entry for entry in history}
    dropped = [entry for entry in published.history if entry.key not in entries]
    changed_entries = [
        entry for entry in published.history if entry.key in entries and entries[entry.key] != entry
    ]
    what = []
    if rewritten:
        # One event's edit, where it reads: the field that differs tells the rule edited
        # (a date, before a text that only says the date: a reminder's).
        moved = [
            uid
            for uid in rewritten
            if _dates(contents[uid]) != _dates(published.events[uid].content)
        ]
        pick = (moved or rewritten)[0]
        edit = event_edit(published.events[pick].content, contents[pick])
        listed = pick if len(rewritten) == 1 else f"{some(rewritten)}; {pick}"
        what.append(
            f"{counted(rewritten, 'published event')} would change without a higher SEQUENCE "
            + (f"({listed}: its {edit})" if edit else f"({some(rewritten)})")
        )
    if vanished:
        what.append(f"{counted(vanished, 'published event')} would disappear ({some(vanished)})")
    if changed_entries:
        titles = [f"« {entry.title} »" for entry in changed_entries]
        first = changed_entries[0]
        edit = entry_edit(first, entries[first.key])
        titles[0] += f": {edit}" if edit else ""
        what.append(
            f"{counted(titles, 'history entry', 'history entries')} would be rewritten "
            f"({some(titles)})"
        )
    if dropped:
        # The block is gone: there is no line to name, only what it published.
        tzid = ledger.current.timezone
        titles = [
            f"« {entry.title} » ({local_day(entry.date, tzid).isoformat()})" for entry in dropped
        ]
        gone = f"the block{'s' if len(dropped) > 1 else ''} of {some(titles)}"
        raise PublishedError(
            [
                Problem(
                    file=ledger.source,
                    key="revisions",
                    message=f"{gone} {'were' if len(dropped) > 1 else 'was'} removed after "
                    f"publication{': ' + '; '.join(what) if what else ''}.",
                    fix="put the published blocks back as they were; to undo what one said, "
                    'append a new [[revisions]] block (a `correction = "…"` block when no '
                    "notice announces it).",
                )
            ]
        )
    if not (changed_entries or event_moments):
        return Continued(tuple(continued), held)
    # The edited block is the first whose own entry changed (the blocks before it replay
    # as they did). Without one, the last block dated before the first change: an event
    # may keep an earlier block's version when the edit undid what its block did.
    changed_keys = {entry.key for entry in changed_entries}
    named = [r for r in ledger.revisions if r.key in changed_keys]
    moments = [entries[entry.key].date for entry in changed_entries] or event_moments
    edited = [r for r in ledger.revisions if r.date <= min(moments)] or [ledger.revisions[0]]
    revision = named[0] if named else edited[-1]
    day = revision.day.isoformat()
    subject, fix = f"({revision.notice.reference}, {day})", _RESTORE
    reworded = all(entries[entry.key].changes == entry.changes for entry in changed_entries)
    if not rewritten and not vanished and reworded:
        # Only the news changed (a title, a summary): no later block can say it again.
        # (A list of changes that differs is a rule edited: a horizon, say.)
        fix = "restore the published block's text as it was: subscribers read it so."
    elif revision.number == 1:
        # What every block reads changes the first block's events too.
        subject += ", or [calendar] or [reminders] that every block reads,"
        fix = (
            "restore the published block, or [calendar] and [reminders], as they were: a "
            "change of the rules goes in a new [[revisions]] block, but what every event "
            "reads ([calendar], [reminders]) cannot change once published."
        )
    if rewritten and published.ledger is None:
        # A build from before the digest cannot tell an upgrade of vaxical from an edit.
        fix += (
            " If the ledger is as published and a newer vaxical writes these events "
            "otherwise, build once with --reissue."
        )
    raise PublishedError(
        [
            Problem(
                file=ledger.source,
                key=f"revisions[{revision.number}]",
                line=revision.line,
                message=f"{subject} was edited after publication: {'; '.join(what)}.",
                fix=fix,
            )
        ]
    )


def _dates(content: Mapping[str, Any]) -> tuple[object, object]:
    return content.get("start"), content.get("end")


def _published_blocks(ledger: Ledger, published: Snapshot, *, reissue: bool) -> int | None:
    """How many of the ledger's first blocks the published build was made from, when
    they are known to be as published: the published digest is one block's (each
    block's digest covers it and every block before it); without a digest, with
    ``reissue``, the blocks whose history entries the published build holds. None: an
    edited ledger, or a build that cannot tell."""
    if published.ledger is not None:
        digests = [revision.digest for revision in ledger.revisions]
        return digests.index(published.ledger) + 1 if published.ledger in digests else None
    if not reissue:
        return None
    return _blocks_with_entries(ledger, published) or None


def _blocks_with_entries(ledger: Ledger, published: Snapshot) -> int:
    """How many of the ledger's first blocks have their history entry in the published
    build: the blocks it was made from, as their text reads now (edited or not)."""
    keys = {entry.key for entry in published.history}
    count = 0
    while count < len(ledger.revisions) and ledger.revisions[count].key in keys:
        count += 1
    return count


def _unwritten(
    events: Sequence[Event], published: Snapshot, then: Callable[[], Iterable[str]]
) -> list[str]:
    """Published events this build leaves out that the published blocks, as they read
    now (``then``: their events' UIDs, replayed only when one is missing), still give:
    not withdrawn by an appended block, so a subscriber would lose them without a new
    notice (a [reminders] deleted, or an upgrade of vaxical that stopped writing one)."""
    current = {event.uid for event in events}
    missing = sorted(uid for uid in published.events if uid not in current)
    if not missing:
        return missing
    given = set(then())
    return [uid for uid in missing if uid not in given]


def _first_blocks(ledger: Ledger, events: Sequence[Event], count: int) -> Sequence[Event]:
    """The events of the ledger's first ``count`` blocks, replayed as they read now
    (``events``, the whole ledger's, when that is every block)."""
    if count == len(ledger.revisions):
        return events
    return publish(Ledger(ledger.source, ledger.revisions[:count], ledger.states[:count])).events


def _continued(
    ledger: Ledger,
    events: Sequence[Event],
    history: Sequence[HistoryEntry],
    published: Snapshot,
    count: int,
) -> Continued:
    """The replay continued from a build of the ledger's first ``count`` blocks, as
    published: each event's SEQUENCE is the published one, plus what the blocks since
    changed it, plus one when vaxical now writes the published blocks' version of it
    otherwise (reissued)."""
    replayed = {event.uid: event for event in _first_blocks(ledger, events, count)}
    latest = ledger.revisions[-1].date
    continued: list[Event] = []
    reissued: list[str] = []
    for event in events:
        before = published.events.get(event.uid)
        if before is None:
            continued.append(event)
            continue
        if not differs(event, before):
            continued.append(_as_published(event, before))
            continue
        old = replayed.get(event.uid)
        upgraded = old is None or differs(old, before)
        appended = 0 if old is None else max(event.sequence - old.sequence, 0)
        sequence = before.sequence + max(appended + upgraded, 1)
        # A new LAST-MODIFIED, from the ledger's dates, never the clock.
        candidate = (event.modified or latest) if appended else latest
        modified = later(candidate, before.modified)
        continued.append(dataclasses.replace(event, sequence=sequence, modified=modified))
        if upgraded:
            reissued.append(event.uid)
    entries = {entry.key: entry for entry in history}
    dropped = [entry.title for entry in published.history if entry.key not in entries]
    if dropped:
        lost = counted(dropped, "published history entry", "published history entries")
        raise PublishedError(
            [
                Problem(
                    file=ledger.source,
                    key="revisions",
                    message=f"{lost} would be lost ({some(dropped)}), though the blocks that "
                    "published them are as published: this version of vaxical names them "
                    "otherwise.",
                    fix="build with the version of vaxical that published them, and report "
                    "this to vaxical's maintainers.",
                )
            ]
        )
    reworded = tuple(
        f"« {entry.title} »" for entry in published.history if entries[entry.key] != entry
    )
    # What the appended blocks withdrew goes silently (a horizon brought forward); what
    # the published blocks themselves no longer give is this version's doing.
    gone = _unwritten(events, published, lambda: replayed)
    return Continued(tuple(continued), count, tuple(sorted(reissued)), reworded, tuple(gone))


def _refuse_moved(ledger: Ledger, published: Snapshot) -> None:
    """Refuse a new time zone for published events: each timed one would name another
    TZID (even in a zone of the same offsets), under the same SEQUENCE (rule 9); and as
    what every block reads, no block could make the change."""
    zone = ledger.current.timezone
    if published.timezone is None or published.timezone == zone:
        return
    raise PublishedError(
        [
            Problem(
                file=ledger.source,
                key="calendar.timezone",
                message=f'the published events are in "{published.timezone}", and each of '
                "their times would change zone after publication.",
                fix=f'set it back to "{published.timezone}". The zone of published events '
                "cannot change; publish a calendar in another zone under another id.",
                value=f'"{zone}"',
            )
        ]
    )


def _refuse_rewritten_identity(ledger: Ledger, published: Snapshot) -> None:
    """Refuse a new value of what every event reads (``[calendar]`` product, portal_url
    and base_url), named as such: otherwise the blame went to the first block whose
    history entry it changes too (a correction's link is base_url), whose restoring
    changed nothing."""
    now = ledger.current
    for key, was in published.read_by_every_event:
        value = getattr(now, key)
        if value == was:
            continue
        raise PublishedError(
            [
                Problem(
                    file=ledger.source,
                    key=f"calendar.{key}",
                    message=f'the published events read "{was}": every one of them would '
                    "change without a higher SEQUENCE.",
                    fix=f'set it back to "{was}". What every event reads cannot change once '
                    "published; a calendar that says otherwise is published under another id.",
                    value=f'"{value}"',
                )
            ]
        )


def _refuse_inserted(ledger: Ledger, published: Snapshot) -> None:
    """Refuse a block put among the published ones: what it changes would be dated
    before what subscribers already have, and the published history would change."""
    keys = {entry.key for entry in published.history}
    last = max((i for i, r in enumerate(ledger.revisions) if r.key in keys), default=-1)
    inserted = [r for r in ledger.revisions[:last] if r.key not in keys]
    if not inserted:
        return
    block = inserted[0]
    after = ledger.revisions[last]
    day = after.day.isoformat()
    raise PublishedError(
        [
            Problem(
                file=ledger.source,
                key=f"revisions[{block.number}]",
                line=block.line,
                message=f"({block.notice.reference}) is new but stands before published "
                f"blocks ({after.notice.reference}, {day} is the last of them).",
                fix=f"move it to the end of the ledger, dated on or after {day}: a new block "
                "only adds to what was published.",
            )
        ]
    )


def _as_published(event: Event, before: PublishedEvent) -> Event:
    """An event whose content is as published keeps the published SEQUENCE and last
    change, unless the replay's SEQUENCE is ahead (a change, then its undoing)."""
    if event.sequence > before.sequence:
        return event
    return dataclasses.replace(event, sequence=before.sequence, modified=before.modified)
