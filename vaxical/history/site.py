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

from vaxical.definition.identity import MAX_ID_LENGTH
from vaxical.errors import UsageError
from vaxical.history.published import Snapshot
from vaxical.history.retired import Retired, as_retired
from vaxical.model import Ledger
from vaxical.schedule.feeds import FEEDS, calendar_files, files_named
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
    written = {ledger.id: ledger for ledger in ledgers}
    retired = {calendar_id for calendar_id, snapshot in online.items() if snapshot.retired}
    for calendar_id in retire:
        if calendar_id in written:
            source = written[calendar_id].source
            raise UsageError(
                f"--retire {calendar_id}: this build writes {calendar_id} (from {source}), "
                f"and a calendar is retired when the build no longer writes it. Fix: to stop "
                f"publishing it, leave {source} out of the build; to keep publishing it, "
                f"leave out --retire {calendar_id}."
            )
        if calendar_id not in online:
            raise UsageError(
                f"--retire {calendar_id}: the published build in {previous} holds no calendar "
                f"of that id (it holds: {', '.join(sorted(online)) or 'no calendar'}). Fix: "
                + _retire_instead(calendar_id, sorted(set(online) - set(written) - retired))
            )
    taken = _taken(online, retired | set(retire))
    for ledger in ledgers:
        snapshot = online.get(ledger.id)
        if snapshot is not None and snapshot.retired:
            raise UsageError(
                f"{ledger.source}: calendar {ledger.id} was retired: the published build in "
                f"{previous} keeps its feeds online without events, and says it is no "
                "longer published. Fix: give this calendar a new [calendar] id"
                f"{_example(ledger.id, online, taken)} (new addresses, to subscribe to "
                f"anew), or leave {ledger.source} out of the build."
            )
    _refuse_taken(ledgers, online, taken)
    gone = sorted(set(online) - set(written) - set(retire) - retired)
    if not gone:
        return
    named = sorted(set(written) - set(online))
    one = len(gone) == 1
    renamed = (
        f" (if {gone[0]} is now {named[0]}, its [calendar] id changed: set it back, since "
        "subscribers' addresses are made from it)"
        if one and len(named) == 1
        else ""
    )
    raise UsageError(
        f"the published build in {previous} holds {', '.join(gone)}, which this build does "
        f"not write: {'its feeds' if one else 'their feeds'} would answer 404, and calendar "
        "clients keep the events of a feed they cannot fetch: subscribers would keep "
        f"{'its' if one else 'their'} sessions with no word that {'it' if one else 'they'} "
        f"ended. Fix: build {'its definition' if one else 'their definitions'} too{renamed}; "
        f"or, to stop publishing {'it' if one else 'them'} on purpose, add "
        f"{' '.join(f'--retire {calendar_id}' for calendar_id in gone)}: "
        f"{'its feeds' if one else 'their feeds'} then stay online without events, and "
        "subscribers' calendars remove them."
    )


def _retire_instead(calendar_id: str, retirable: Sequence[str]) -> str:
    """The fix for ``--retire`` of an id the published build does not hold: the id of a
    calendar it could retire (published, and neither built nor retired yet)."""
    if len(retirable) == 1:
        return f"give the id of the calendar to retire, `--retire {retirable[0]}`."
    if retirable:
        return f"give the id of a calendar to retire: {', '.join(retirable)}."
    return (
        f"leave out --retire {calendar_id}: every calendar published there is built, or "
        "retired already."
    )


def _taken(online: Mapping[str, Snapshot], retired: Set[str]) -> dict[str, str]:
    """The names of the files of the calendars retired (``retired``), each to the id of
    its calendar: they keep their addresses, which no other calendar's file may take."""
    return {
        name: calendar_id
        for calendar_id in sorted(retired)
        for name in files_named(calendar_id, online[calendar_id].feeds or ()).all()
    }


def _example(calendar_id: str, online: Mapping[str, Snapshot], taken: Mapping[str, str]) -> str:
    """``, such as `id = "<id>-2"` ``: a new id for a calendar that needs one, which no
    published calendar has and whose files take no retired calendar's address; ``""``
    when the first few such ids are all taken, or too long."""
    for number in range(2, 10):
        candidate = f"{calendar_id}-{number}"
        names = files_named(candidate, FEEDS).all()
        free = candidate not in online and not any(name in taken for name in names)
        if free and len(candidate) <= MAX_ID_LENGTH:
            return f', such as `id = "{candidate}"`'
    return ""


def _refuse_taken(
    ledgers: Sequence[Ledger], online: Mapping[str, Snapshot], taken: Mapping[str, str]
) -> None:
    """A calendar whose file would take the name of a retired calendar's (a new id
    ``vaccins-covid-sessions`` beside the retired ``vaccins-covid``, ``taken``): refused,
    since one of the two would lose an address that subscribers hold."""
    for ledger in ledgers:
        for name in calendar_files(ledger.current):
            if name in taken:
                raise UsageError(
                    f"{ledger.source}: its file {name} would take the address of the file of "
                    f"the same name of {taken[name]}, a retired calendar, which keeps it "
                    "online without events. Fix: give this calendar another [calendar] id"
                    f"{_example(ledger.id, online, taken)}."
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
                f"{latest.isoformat()}): subscribers would lose what they say. Fix: give "
                f"--as-of {latest.isoformat()} or later, or leave out --previous to see the "
                "calendar as it stood then."
            )
