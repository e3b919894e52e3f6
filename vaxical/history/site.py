"""The published site as a whole, before any calendar is replayed. Pure.

``build --previous`` is refused when it would take a published calendar off the site
(its id changed, or its definition left out: :func:`refuse_unwritten`), or stop, by
``--as-of``, before blocks the site holds (:func:`refuse_cut_before`). What each
calendar's replay may change is :mod:`vaxical.history.guard`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from vaxical.errors import UsageError
from vaxical.history.published import Snapshot
from vaxical.model import Ledger
from vaxical.schedule.zones import local_day


def refuse_unwritten(
    ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], previous: Path, retire: Sequence[str]
) -> None:
    """A published calendar the build does not write would leave the site, and every
    subscriber's calendar with it (its addresses are made from its id): refused, unless
    retired by name."""
    written = {ledger.id for ledger in ledgers}
    for calendar_id in retire:
        if calendar_id in written:
            raise UsageError(
                f"--retire {calendar_id}: this build writes {calendar_id}. Leave its "
                "definition out of the build to stop publishing it."
            )
        if calendar_id not in online:
            held = ", ".join(sorted(online)) or "no calendar"
            raise UsageError(
                f"--retire {calendar_id}: the published build in {previous} holds no calendar "
                f"of that id (it holds: {held}). Give the id of a published calendar."
            )
    gone = sorted(set(online) - written - set(retire))
    if not gone:
        return
    named = sorted(written - set(online))
    renamed = (
        f" If {gone[0]} is now {named[0]} (its [calendar] id changed), set the id back: "
        "subscribers' addresses are made from it."
        if len(gone) == 1 and len(named) == 1
        else ""
    )
    raise UsageError(
        f"the published build in {previous} holds {', '.join(gone)}, which this build does "
        "not write: "
        f"{'its feeds' if len(gone) == 1 else 'their feeds'} would leave the site, and "
        f"subscribers' calendars would lose every event of them.{renamed} To stop "
        "publishing a calendar on purpose, add --retire ID."
    )


def refuse_cut_before(
    as_of: dt.date, ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], previous: Path
) -> None:
    """An ``--as-of`` before a block the published build holds would take that block's
    changes back from subscribers: said as such, not as blocks removed from the ledger."""
    for ledger in ledgers:
        snapshot = online.get(ledger.id)
        if ledger.legacy or snapshot is None or not snapshot.history:
            continue
        # Its day as --as-of reads a block's (Ledger.as_of): in the calendar's zone.
        latest = local_day(snapshot.history[0].date, ledger.current.timezone)  # newest first
        if latest > as_of:
            raise UsageError(
                f"{ledger.source}: --as-of {as_of.isoformat()} stops before blocks that the "
                f"published build in {previous} holds (its latest revision is of "
                f"{latest.isoformat()}): "
                "subscribers would lose what they say. Give --as-of "
                f"{latest.isoformat()} or later, or leave out --previous to see the calendar "
                "as it stood then."
            )
