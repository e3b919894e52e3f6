"""The format before ledgers (one definition, one ``revised`` date) built again with
``--previous``: SEQUENCE carried on from the published build, each change dated by
``revised``, and an edit not dated after what subscribers hold refused. Pure. A
ledger's build continues through :mod:`vaxical.history.guard` instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from vaxical.errors import Problem, PublishedError
from vaxical.history.published import Snapshot, differs
from vaxical.model import Definition
from vaxical.schedule.events import Event
from vaxical.schedule.zones import is_plain_date, zone
from vaxical.wording import counted, some


def revise(
    events: Sequence[Event], published: Snapshot, definition: Definition, *, line: int | None
) -> tuple[Event, ...]:
    """Carry SEQUENCE and last change over from the published build (rule 9): unchanged
    events keep both, changed ones get SEQUENCE + 1 and the definition's ``revised``, new
    ones start at 0. A new time zone changes every timed event (its TZID), even where
    its times stay the same in a zone of the same offsets. An edit dated no later than
    the last change published is refused (:func:`_refuse_undated`), at ``line``: where
    ``revised`` is written."""
    revised = definition.revised
    moved = published.timezone not in (None, definition.timezone)
    result = []
    changed: list[str] = []
    added: list[str] = []
    for event in events:
        before = published.events.get(event.uid)
        if before is None:
            added.append(event.uid)
            result.append(replace(event, sequence=0, modified=revised))
        elif not differs(event, before) and not (moved and not event.all_day):
            result.append(replace(event, sequence=before.sequence, modified=before.modified))
        else:
            changed.append(event.uid)
            result.append(replace(event, sequence=before.sequence + 1, modified=revised))
    removed = set(published.events).difference(event.uid for event in events)
    _refuse_undated(definition, published, line, sorted(changed), sorted(added), sorted(removed))
    return tuple(result)


def _refuse_undated(
    definition: Definition,
    published: Snapshot,
    line: int | None,
    changed: Sequence[str],
    added: Sequence[str],
    removed: Sequence[str],
) -> None:
    """Refuse an edit whose ``revised`` is not after the last change published (the latest
    LAST-MODIFIED, or update logged): kept as it was, or moved back. Its changes would go
    out dated no later than the copy subscribers hold, and calendars ignore them (rules 9
    and 10); its update would be logged before a published one, or under its key, which
    replaces it. A ledger refuses the same: an edit without a new block, or a block put
    before the published ones. Stamping a second after the published date instead (as
    :func:`vaxical.history.revisions.later` does for a ledger's new block of the same
    day, which is dated by its notice) would publish a date nobody wrote, and hide a
    forgotten ``revised`` that the page and the update logged show too."""
    if not (changed or added or removed):
        return
    stamps = [event.modified for event in published.events.values()]
    stamps += [entry.date for entry in published.updates]
    # To the second, as the feeds and the JSON write them.
    if not stamps or definition.revised.replace(microsecond=0) > max(stamps):
        return
    what = [
        f"{verb} {counted(uids, noun)} ({some(uids)})"
        for verb, noun, uids in (
            ("changes", "published event", changed),
            ("adds", "event", added),
            ("removes", "published event", removed),
        )
        if uids
    ]
    listed = what[0] if len(what) == 1 else f"{', '.join(what[:-1])} and {what[-1]}"
    latest = _as_written(max(stamps), definition.timezone)
    raise PublishedError(
        [
            Problem(
                file=definition.source,
                key="calendar.revised",
                value=_as_written(definition.revised, definition.timezone),
                line=line,
                message=f"is not after the last change published ({latest}), though this "
                f"build {listed}: they would be dated no later than what subscribers hold. "
                "(An edit of the definition, or a newer vaxical that writes them otherwise: "
                "this format records nothing that tells the two apart.)",
                fix=f"set it to the date and time of this build, later than {latest}: "
                "calendars ignore a change not dated after the copy they hold, and `revised` "
                "dates each change (LAST-MODIFIED, DTSTAMP) and the update logged.",
            )
        ]
    )


def _as_written(moment: dt.datetime, tzid: str) -> str:
    """An instant as a definition's ``revised`` says it: a plain date for the start of a
    day in UTC (how a plain date reads), else the calendar's local time and offset."""
    if is_plain_date(moment):
        return moment.astimezone(dt.UTC).date().isoformat()
    return moment.astimezone(zone(tzid)).isoformat()
