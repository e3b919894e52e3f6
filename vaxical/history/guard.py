"""Continuing from a published build (``vaxical build --previous``). Pure.

For a ledger, :func:`guard` refuses a build that would rewrite what subscribers have (a
published block edited or removed), carries over what the replay alone cannot know (a
SEQUENCE raised by an earlier upgrade), and tells an upgrade of vaxical from an edit by
the ledger's digest. For the single-revision format, :func:`revise` carries SEQUENCE on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vaxical.errors import Problem, PublishedError
from vaxical.history.published import PublishedEvent, Snapshot
from vaxical.model import HistoryEntry, Ledger
from vaxical.render.jsondoc import event_content
from vaxical.schedule.events import Event
from vaxical.schedule.zones import local_day

_RESTORE = (
    "restore the published block as it was, and append a new [[revisions]] block with the "
    'change (a `correction = "…"` block when no notice announces it).'
)


@dataclass(frozen=True, slots=True)
class Continued:
    """A ledger's replay continued from what is online (:func:`guard`)."""

    events: tuple[Event, ...]
    """The replay's events, each with a SEQUENCE never below the published one."""
    reissued: tuple[str, ...] = ()
    """Published events that this vaxical writes differently, the ledger being as
    published: sent again with SEQUENCE + 1 (their UIDs, sorted)."""
    reworded: tuple[str, ...] = ()
    """Titles of the published history entries this vaxical words differently."""


def guard(
    ledger: Ledger,
    events: Sequence[Event],
    history: Sequence[HistoryEntry],
    published: Snapshot,
) -> Continued:
    """Continue the replay from what subscribers have, or refuse a build that would
    rewrite it: an event changed without a new SEQUENCE, or a history entry dropped or
    changed. That happens when a published block was removed, or edited instead of a
    new one being appended; one message names the block and what would change.

    What the replay alone cannot know is carried over: an event as published keeps its
    SEQUENCE and last change, and one that a block newer than the published build
    changes gets a SEQUENCE above the published one. When the ledger is the one the
    published build recorded (its digest) and an event or an entry still differs, the
    difference is vaxical's own (an upgrade that writes them otherwise): the events are
    sent again with SEQUENCE + 1, dated from the ledger's latest revision, and the
    caller says so."""
    unchanged = published.ledger is not None and published.ledger == ledger.digest
    newest = max((entry.date for entry in published.history), default=None)
    reissued_on = ledger.revisions[-1].date
    continued: list[Event] = []
    reissued: list[str] = []
    rewritten: list[str] = []
    # When each event change happens in this replay (the blocks before the edited one
    # replay as they did), for when no history entry tells the edited block.
    event_moments: list[dt.datetime] = []
    for event in events:
        before = published.events.get(event.uid)
        if before is None:
            continued.append(event)
        elif not _differs(event, before):
            # As subscribers have it: its SEQUENCE may be above the replay's (reissued).
            kept = event.sequence >= before.sequence
            continued.append(
                event
                if kept
                else dataclasses.replace(event, sequence=before.sequence, modified=before.modified)
            )
        elif event.sequence > before.sequence:
            continued.append(event)
        elif newest is not None and event.modified is not None and event.modified > newest:
            # Changed by a block appended since: above what subscribers have.
            continued.append(dataclasses.replace(event, sequence=before.sequence + 1))
        elif unchanged:
            continued.append(
                dataclasses.replace(event, sequence=before.sequence + 1, modified=reissued_on)
            )
            reissued.append(event.uid)
        else:
            continued.append(event)
            rewritten.append(event.uid)
            event_moments.append(event.modified or before.modified)
    rewritten.sort()
    entries = {entry.key: entry for entry in history}
    dropped = [entry for entry in published.history if entry.key not in entries]
    changed_entries = [
        entry for entry in published.history if entry.key in entries and entries[entry.key] != entry
    ]
    if unchanged and not dropped:
        reworded = tuple(f"« {entry.title} »" for entry in changed_entries)
        return Continued(tuple(continued), tuple(sorted(reissued)), reworded)
    # A block's entry says what it changed: the edited block's differs, the blocks' before
    # it do not. (An event may now keep an earlier block's version, when the edit undid
    # what the block did: its change is then dated before the block.)
    entry_moments = [entries[entry.key].date for entry in changed_entries]
    moments = entry_moments or event_moments
    what = []
    if rewritten:
        what.append(
            f"{_count(rewritten, 'published event')} would change without a higher SEQUENCE "
            f"({some(rewritten)})"
        )
    if changed_entries:
        titles = [f"« {entry.title} »" for entry in changed_entries]
        what.append(
            f"{_count(titles, 'history entry', 'history entries')} would be rewritten "
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
    if not moments:
        return Continued(tuple(continued))
    edited = [r for r in ledger.revisions if r.date <= min(moments)] or [ledger.revisions[0]]
    revision = edited[-1]
    day = local_day(revision.date, ledger.current.timezone).isoformat()
    subject, fix = f"({revision.notice.reference}, {day})", _RESTORE
    if not rewritten:
        # Only the news changed (a title, a summary): no later block can say it again.
        fix = "restore the published block's text as it was: subscribers read it so."
    elif revision.number == 1:
        # What every block reads changes the first block's events too.
        subject += ", or [calendar] or [reminders] that every block reads,"
        fix = (
            "restore the published block, or [calendar] and [reminders], as they were: a "
            "change of the rules goes in a new [[revisions]] block, but what every event "
            "reads ([calendar], [reminders]) cannot change once published."
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


def _differs(event: Event, before: PublishedEvent) -> bool:
    return event_content(event) != dict(before.content)


def _count(items: Sequence[str], one: str, many: str = "") -> str:
    return f"1 {one}" if len(items) == 1 else f"{len(items)} {many or one + 's'}"


def some(items: Sequence[str]) -> str:
    """The first three, and how many more."""
    shown = ", ".join(items[:3])
    return shown if len(items) <= 3 else f"{shown} and {len(items) - 3} more"


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
