"""New session days on another weekday (« à compter de la session du … »): the periods
that move the sessions there, which the refusal of
:func:`~vaxical.definition.starts.days_move` names.

A period's slots fall on its start's weekday, so the block restates the period in force
up to the last session it keeps, then starts one on the new weekday. Which session can be
the first on the new days depends on the cadence, on how long the old sessions are and on
the weekday `from` falls on: rather than a rule for each shape, each candidate, week after
week, is read as the loader reads the block with it (:class:`Replay`), and named only if
the calendar it gives keeps what came before (:func:`keeps`). Exceptions are left aside
there: a block's periods drop the earlier blocks' exceptions from their first start on,
and the fix names those of the sessions kept, which the block states again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import key_text
from vaxical.definition.timeline import State
from vaxical.errors import Problem
from vaxical.model import Definition
from vaxical.rules import Period, Weekday
from vaxical.schedule.expand import DAY, Session, expand, session_slots

# Weeks tried from the first the new days could start on: a move that no two periods
# make within them (a monthly RRULE past the horizon) gets the plainer fix.
TRIES = 60


@dataclass(frozen=True, slots=True)
class Replay:
    """The loader's reading of the block whose new days would not move."""

    read: Callable[[Mapping[str, Any]], Definition | tuple[Problem, ...]]
    """The calendar a block in its place gives, or the problems that refuse it (its
    own: the checks of the whole calendar are left to :func:`keeps`, which looks only
    where the old days meet the new)."""
    calendar: Callable[[State], Definition]
    """The calendar a state of the rules gives, at the block's date and horizon."""
    horizon: dt.date
    """The block's horizon, or the one in force."""


@dataclass(frozen=True, slots=True)
class Move:
    """The periods a fix names, and the `from` it gives the new days."""

    since: dt.date
    """The new days' `from`."""
    kept: Period | None
    """The period in force again, up to its last session kept (its ``end``); None when
    no session of it is kept."""
    new: Period
    """The period of the new days, on their first weekday and with the same cadence."""
    restated: tuple[dt.date, ...] = ()
    """The sessions before `from` whose earlier exceptions the periods drop (a block's
    periods replace them from its first one's start): the block states them again."""


def first_move(
    replay: Replay,
    path: KeyPath,
    block: Mapping[str, Any],
    state: State,
    day: dt.date,
    period: Period,
    weekday: Weekday,
) -> Move | None:
    """The periods that start the new days of ``block`` (at ``path``, read into
    ``state``; they begin on ``weekday``) the earliest from ``day`` on, ``period`` being
    the one their sessions would otherwise fall in; None when none within :data:`TRIES`
    weeks keeps the calendar, or when the block has problems of its own."""
    before = replace(replay.calendar(state), exceptions=())
    rule = _on(period.rrule, weekday) if period.rrule is not None else None
    # The earliest move that stretches the rhythm once, across the change, is named
    # only when none keeps it within the cadence's weeks after (a Saturday-to-Tuesday
    # session before `from` can hold the Monday of its open week).
    stretched: Move | None = None
    apart = dt.timedelta(weeks=weeks_apart(period) or 1)
    for since, end, start in _candidates(day, weekday, replay.horizon):
        if stretched is not None and start > stretched.new.start + apart:
            break
        kept = next((p for p in reversed(state.periods) if p.start <= end), None)
        if kept is not None and kept.suspended:
            continue  # a closure has no end to give
        move = Move(
            since,
            None if kept is None else replace(kept, end=min(kept.end or end, end), announced=()),
            Period(start, None, period.every_weeks, rule, period.closed_weeks),
            ()
            if kept is None
            else tuple(e.session for e in state.exceptions if kept.start <= e.session < day),
        )
        # The block's own exceptions aside, as in keeps(): one that does not fit the
        # periods tried is told once they are written, not taken for a later `from`.
        tried = written(block, day, move)
        tried.pop("exceptions", None)
        after = replay.read(tried)
        if not isinstance(after, Definition):
            if all(_of_the_move(problem.key, path) for problem in after):
                continue
            return None  # no periods would do: the block is told once they are given
        after = replace(after, exceptions=())
        if not keeps(before, after, day, start, period):
            continue
        if in_rhythm(after, day, period):
            return move
        stretched = stretched or move
    return stretched


def _candidates(
    day: dt.date, weekday: Weekday, horizon: dt.date
) -> Iterator[tuple[dt.date, dt.date, dt.date]]:
    """The new days' `from`, the old period's end and the new one's start to try, the
    earliest start first: on ``weekday`` from ``day`` on, week after week."""
    first = day + dt.timedelta(days=(weekday - day.weekday()) % 7)
    for week in range(TRIES):
        start = first + dt.timedelta(weeks=week)
        if start > horizon:
            return
        # A `from` on another weekday is refused (froms_on_first_days): then the new
        # days' first session is theirs.
        since = day if day.weekday() == weekday else start
        # The old slots end before the new days' week (one session a week) and before
        # their `from` (the new rules would place them on the old weekday); the last of
        # them may run into the first new session (from a Sunday to a Monday): a week
        # earlier, then; or all those from `from` on, which the notice moves.
        last = min(start - dt.timedelta(days=start.weekday()), since) - DAY
        ends = {last, max(last - dt.timedelta(weeks=1), day - DAY), day - DAY}
        for end in sorted(ends, reverse=True):
            if end <= last:
                yield since, end, start


def _of_the_move(key: str | None, path: KeyPath) -> bool:
    """Whether a problem at ``key`` (a tried block's) may come of the periods and `from`
    tried: at the block itself (sessions that meet), in its periods, its sessions' `from`
    or its own, or its exceptions (of sessions the periods place)."""
    block = key_text(path)
    return key in (None, block, f"{block}.from") or any(
        key.startswith(f"{block}.{name}") for name in ("periods", "sessions", "exceptions")
    )


def written(block: Mapping[str, Any], day: dt.date, move: Move) -> dict[str, Any]:
    """``block`` as the fix has it written: its periods, and the new days' `from` where
    the block gave ``day`` (its [revisions.sessions] or its own)."""
    table = dict(block)
    if move.since != day:
        sessions = dict(block["sessions"])
        if "from" in sessions:
            sessions["from"] = move.since
            table["sessions"] = sessions
        else:
            table["from"] = move.since
    table["periods"] = [_table(p) for p in (move.kept, move.new) if p is not None]
    return table


def _table(period: Period) -> dict[str, Any]:
    table: dict[str, Any] = {"start": period.start}
    if period.end is not None:
        table["end"] = period.end
    if period.rrule is None:
        table["every_weeks"] = period.every_weeks
        return table
    table["rrule"] = period.rrule
    if period.closed_weeks:
        table["closed_weeks"] = True
    return table


def keeps(
    before: Definition, after: Definition, day: dt.date, start: dt.date, period: Period
) -> bool:
    """Whether ``after`` (exceptions aside, as ``before``) keeps each session of
    ``before`` that starts before ``day`` as it was, holds one session a calendar week
    from ``day``'s on, each on its rules' first weekday, none of the new days (from
    ``start``) on a day of the old ones, and opens them no fewer weeks apart than
    ``period`` did."""
    sessions = expand(after)
    if [_seen(s) for s in sessions if s.nominal < day] != [
        _seen(s) for s in expand(before) if s.nominal < day
    ]:
        return False
    week = _monday(day)
    later = [s for s in sessions if s.nominal >= week]
    if len({_monday(s.nominal) for s in later}) < len(later):
        return False
    # Only where the old days meet the new: sessions of the new days that meet each
    # other (over a holiday, opened from the Friday before) would however late they
    # start, which the block is told once it has its periods.
    if any(
        b.days.first <= a.days.last and a.nominal < start <= b.nominal
        for a, b in itertools.pairwise(sorted(sessions, key=lambda s: s.days.first))
    ):
        return False
    if any(s.rules is not None and s.nominal.weekday() != s.rules.weekdays[0] for s in later):
        return False
    apart, gaps = weeks_apart(period), _gaps(after, day, period)
    return apart is None or min(gaps, default=apart) >= apart


def in_rhythm(after: Definition, day: dt.date, period: Period) -> bool:
    """Whether ``after`` opens sessions as many weeks apart as ``period`` did, across
    the change too."""
    apart = weeks_apart(period)
    return apart is None or _gaps(after, day, period) <= {apart}


def _gaps(after: Definition, day: dt.date, period: Period) -> set[int]:
    """How many calendar weeks apart ``after`` opens sessions, from ``period``'s start
    (or ``day``, when earlier) on."""
    since = _monday(min(period.start, day))
    opened = [
        _monday(first)
        for first, is_open in session_slots(after.periods, after.horizon)
        if is_open and first >= since
    ]
    return {(b - a).days // 7 for a, b in itertools.pairwise(opened)}


def _seen(session: Session) -> tuple[dt.date, dt.date, dt.date, bool]:
    return (session.nominal, session.days.first, session.days.last, session.is_open)


def weeks_apart(period: Period) -> int | None:
    """How many weeks apart ``period`` opens its sessions: its `every_weeks`, an RRULE's
    INTERVAL when weekly (or daily by whole weeks) on one weekday; None for another
    rule, whose sessions keep no such rhythm (monthly, a COUNT…)."""
    if period.rrule is None:
        return period.every_weeks
    parts = dict(part.partition("=")[::2] for part in period.rrule.upper().split(";"))
    parts.pop("WKST", None)
    frequency, day = parts.pop("FREQ", ""), parts.pop("BYDAY", "")
    written = parts.pop("INTERVAL", "1")
    interval = int(written) if written.isdigit() else 0
    if parts or interval < 1 or not re.fullmatch(r"(MO|TU|WE|TH|FR|SA|SU)?", day):
        return None
    if frequency == "WEEKLY":
        return interval
    return interval // 7 if frequency == "DAILY" and not day and interval % 7 == 0 else None


def _on(rule: str, weekday: Weekday) -> str:
    """``rule`` on ``weekday``: the days its BYDAY names (``1MO``, ``MO``) moved there;
    a rule without one follows its start already."""
    code = weekday.name[:2]
    return re.sub(
        r"(BYDAY=)([^;]*)",
        lambda found: found[1] + re.sub(r"(MO|TU|WE|TH|FR|SA|SU)", code, found[2].upper()),
        rule,
        flags=re.IGNORECASE,
    )


def fix(move: Move | None, day: dt.date, key: str, name: str, horizon: dt.date) -> str:
    """The fix that names ``move`` (the new days' `from` being ``day``, given at
    ``key``), or a plainer one when no periods were found; ``name``: the new days' first
    weekday."""
    if move is None:
        return (
            "add [[revisions.periods]] to the block that restate the calendar from the "
            "period in force on: that period again, with an `end` before the first session "
            f"on {name}s that leaves the sessions before `from` as they were, then periods "
            f"from that session on {name}s with the cadence, the end and the later periods "
            f"the calendar had; if no session on {name}s comes before the horizon "
            f"({horizon.isoformat()}), give the block a later `horizon` too."
        )
    later = f"give {key} = {move.since.isoformat()}` and " if move.since != day else ""
    new = move.new
    cadence = (
        f"`every_weeks = {new.every_weeks}`"
        if new.rrule is None
        else f'`rrule = "{new.rrule}"`' + (" and `closed_weeks = true`" if new.closed_weeks else "")
    )
    first = f"`start = {new.start.isoformat()}` (the first session on {name}s) and {cadence}"
    if move.kept is None:
        return f"{later}add a [[revisions.periods]] to the block with {first}."
    assert move.kept.end is not None  # noqa: S101 - each kept period ends
    return (
        f"{later}add two [[revisions.periods]] to the block: the period in force again "
        f"(`start = {move.kept.start.isoformat()}`, its cadence) with "
        f"`end = {move.kept.end.isoformat()}`, then one with {first}{_restated(move)}."
    )


def _restated(move: Move) -> str:
    """The earlier exceptions the block states again, said after its periods."""
    days = [day.isoformat() for day in move.restated]
    if move.kept is None or not days:
        return ""
    if len(days) == 1:
        sessions = f"the exception of the session of {days[0]}"
    elif len(days) <= 3:
        sessions = f"the exceptions of the sessions of {', '.join(days[:-1])} and {days[-1]}"
    else:
        sessions = f"the {len(days)} exceptions of the sessions from {days[0]} to {days[-1]}"
    return (
        "; its periods drop the earlier blocks' exceptions from "
        f"{move.kept.start.isoformat()} on: give again in it {sessions}"
    )


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
