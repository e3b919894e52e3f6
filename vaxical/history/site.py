"""The published site as a whole, before any calendar is replayed. Pure.

``build --previous`` is refused when it would take a published calendar off the site
(its id changed, or its definition left out: :func:`refuse_unwritten`), or stop, by
``--as-of``, before blocks the site holds (:func:`refuse_cut_before`). The calendars it
keeps online retired, without events, are :func:`retired_of`'s. What each calendar's
replay may change is :mod:`vaxical.history.guard`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence, Set
from pathlib import Path

from vaxical.errors import UsageError
from vaxical.history.published import Snapshot
from vaxical.history.retired import Retired, as_retired
from vaxical.model import Ledger
from vaxical.schedule.feeds import calendar_files, files_named
from vaxical.schedule.zones import local_day


def refuse_unwritten(
    ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], previous: Path, retire: Sequence[str]
) -> None:
    """A published calendar the build does not write would leave the site: its addresses
    would answer 404, and calendar clients keep what they last fetched of a feed that
    fails, so subscribers would keep its events, future sessions included, with no word
    that it ended. Refused, unless retired by name (its feeds then stay online without
    events, :mod:`vaxical.history.retired`) or by an earlier build. A calendar retired
    by an earlier build is not built again under its id: its subscribers were told that
    it is no longer published."""
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
    for ledger in ledgers:
        snapshot = online.get(ledger.id)
        if snapshot is not None and snapshot.retired:
            raise UsageError(
                f"{ledger.source}: calendar {ledger.id} was retired: the published build in "
                f"{previous} keeps its feeds online without events, and says it is no "
                "longer published. Give this calendar a new [calendar] id (new addresses, "
                "to subscribe to anew), or leave its definition out."
            )
    retired = {calendar_id for calendar_id, snapshot in online.items() if snapshot.retired}
    _refuse_taken(ledgers, online, retired | set(retire))
    gone = sorted(set(online) - written - set(retire) - retired)
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
        f"{'its feeds' if len(gone) == 1 else 'their feeds'} would answer 404, and calendar "
        "clients keep the events of a feed they cannot fetch: subscribers would keep "
        f"{'its' if len(gone) == 1 else 'their'} sessions with no word that "
        f"{'it' if len(gone) == 1 else 'they'} ended.{renamed} To stop publishing a "
        "calendar on purpose, add --retire ID: its feeds then stay online without events, "
        "and subscribers' calendars remove them."
    )


def _refuse_taken(
    ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], retired: Set[str]
) -> None:
    """A calendar whose file would take the name of a retired calendar's (a new id
    ``vaccins-covid-sessions`` beside the retired ``vaccins-covid``): refused, since one
    of the two would lose an address that subscribers hold."""
    taken = {
        name: calendar_id
        for calendar_id in sorted(retired)
        for record in [online[calendar_id].record]
        if record is not None
        for name in files_named(calendar_id, record.feeds).all()
    }
    for ledger in ledgers:
        for name in calendar_files(ledger.current):
            if name in taken:
                raise UsageError(
                    f"{ledger.source}: its file {name} would take the address of the file of "
                    f"the same name of {taken[name]}, a retired calendar, which keeps it "
                    "online without events. Give this calendar another [calendar] id."
                )


def retired_of(
    ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], retire: Sequence[str]
) -> tuple[Retired, ...]:
    """The calendars the build keeps retired, sorted by id: those ``retire`` names, dated
    by the latest revision of the calendars it publishes (never the clock), and those an
    earlier build retired, as their record says."""
    revised = [ledger.current.revised for ledger in ledgers]
    return tuple(
        as_retired(snapshot, revised)
        for calendar_id, snapshot in sorted(online.items())
        if snapshot.retired or calendar_id in retire
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
