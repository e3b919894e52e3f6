"""Blocks in the order of their dates: said before any block is read (each amends the
rules of those before it, so one read before its elders fails on what they had not yet
said), and again, to the instant, as each block is read. And not too many of them, nor
replaying or checking too many weeks of sessions: bounded work whatever a file says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from vaxical.definition.reader import FIRST_DATE, LAST_DATE, Reader
from vaxical.definition.starts import changed_from
from vaxical.model import Definition, Revision
from vaxical.schedule.zones import is_plain_date, plain_date

MAX_BLOCKS = 1000
"""The most [[revisions]] blocks a ledger may hold: bounded work whatever a file says."""


def few_enough(reader: Reader, blocks: list[Mapping[str, Any]]) -> bool:
    """Whether the ledger holds at most :data:`MAX_BLOCKS` blocks; else says so. Each
    block replays the calendar it leaves: time grows with blocks × sessions (1,000
    weekly blocks: `check` 4 s; 5,000 took 84 s)."""
    if len(blocks) <= MAX_BLOCKS:
        return True
    reader.report(
        ("revisions", MAX_BLOCKS),
        f"a ledger holds at most {MAX_BLOCKS:,} blocks (a notice every other week for 38 "
        f"years); this one has {len(blocks):,}.",
        "continue in a new calendar (a definition with its own `id`), announced in this "
        "one's last block.",
        has_value=False,
    )
    return False


def out_of_order(
    reader: Reader, index: int, written: object, moment: dt.datetime, previous: dt.datetime
) -> None:
    """``written``: the block's date as the file gives it; ``moment``: its instant."""
    plain = isinstance(written, dt.date) and not isinstance(written, dt.datetime)
    instant = "" if plain else f"{when(moment)}, "
    reader.report(
        ("revisions", index, "date"),
        f"is {instant}before the previous block's date ({when(previous)}).",
        "append blocks in the order they were published; never edit a published one.",
        written,
    )


def when(moment: dt.datetime) -> str:
    """A block's date as said in a message: the day of a plain date (00:00 UTC), the
    instant in UTC otherwise, so that two of one day (or offset) tell apart."""
    utc = moment.astimezone(dt.UTC)
    if is_plain_date(moment):
        return utc.date().isoformat()
    return f"{utc:%Y-%m-%d %H:%M:%S} UTC" if utc.second else f"{utc:%Y-%m-%d %H:%M} UTC"


def in_order(reader: Reader, blocks: list[Mapping[str, Any]]) -> bool:
    """Blocks out of order, said first: each block amends the rules of the blocks before
    it, so a block read before its elders fails on what they had not yet said (a
    horizon), which named the wrong problem."""
    latest: dt.datetime | None = None
    for index, block in enumerate(blocks):
        value = block.get("date")
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                continue  # a local time: its instant needs the zone, read with the block
            moment = value
        elif isinstance(value, dt.date):
            moment = plain_date(value)
        else:
            continue  # said when the block is read
        if not FIRST_DATE <= moment.date() <= LAST_DATE:
            continue  # likewise
        if latest is not None and moment < latest:
            out_of_order(reader, index, value, moment, latest)
            return False
        latest = moment
    return True


MAX_REPLAYED_WEEKS = 50_000
"""The most weeks of sessions a ledger's blocks may replay in all, each block from the
first session it changes (its earliest `from`, period or exception, else its date) to
its horizon: a build replays the calendar block after block, in time and memory that grow
with them. Notices announce a few weeks or months ahead: a thousand blocks of 26 weeks
each make 26,000; eleven blocks a century ahead took 14 s and 350 MB to check before
there was a limit, and twenty blocks restating the first session's rules, 25 s."""


MAX_CHECKED_WEEKS = 1_500_000
"""The most weeks of sessions the blocks' calendars may hold in all: each block's is
checked whole (overlaps, deliveries, hours), in time that grows with them. A thousand
blocks over 38 years hold about a million; three hundred blocks under a century took 9 s
to check."""


def weeks_replayed(block: Mapping[str, Any], revision: Revision, definition: Definition) -> int:
    """The weeks ``block`` replays: from the first session it changes, or its date when
    that is earlier, to its horizon."""
    day = revision.day
    return weeks(min([*changed_from(block), day]), definition.horizon)


def weeks(first: dt.date, horizon: dt.date) -> int:
    """The weeks from ``first`` to ``horizon``, counted as sessions a week."""
    return max(0, (horizon - first).days) // 7 + 1


def too_many(replayed: int, checked: int) -> bool:
    """Whether the blocks read so far replay or check more weeks than a build does."""
    return replayed > MAX_REPLAYED_WEEKS or checked > MAX_CHECKED_WEEKS


def too_long(
    reader: Reader,
    index: int,
    block: Mapping[str, Any],
    definition: Definition,
    replayed: int,
    checked: int,
) -> None:
    said = (
        f"replays {replayed:,} weeks of sessions (each block from the first session it "
        f"changes to its horizon, here {definition.horizon.isoformat()}), more than the "
        f"{MAX_REPLAYED_WEEKS:,} a build replays."
        if replayed > MAX_REPLAYED_WEEKS
        else f"checks {checked:,} weeks of sessions (each block's calendar whole, here to "
        f"{definition.horizon.isoformat()}), more than the {MAX_CHECKED_WEEKS:,} a build "
        "checks."
    )
    reader.report(
        ("revisions", index, "horizon") if "horizon" in block else ("revisions", index),
        f"with this block, the ledger {said}",
        f"{'give' if 'horizon' in block else 'add to the block'} a `horizon` closer to the "
        "sessions it changes (a notice announces a few weeks or months ahead, and a later "
        "block moves the horizon on), or continue in a new calendar.",
        definition.horizon if "horizon" in block else None,
        has_value="horizon" in block,
    )
