"""Where a ledger block's rules start (« à compter de la session du … »): each `from` on
the first day of a session, and new session days on a day the periods open. Each check
reports what it finds and says whether the block may be read on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.definition.timeline import RULE_TABLES, State, at


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def froms_on_first_days(
    reader: Reader, path: KeyPath, block: Mapping[str, Any], state: State
) -> bool:
    """Each `from` of ``block`` (read into ``state``) names the first day of a session, as
    the rules in force then place sessions. Another day of the week is refused: a rule
    from a Tuesday leaves the session of the Monday before it as it was, which the notice
    may or may not mean."""
    froms = [(path, block.get("from"))] + [
        ((*path, name), table.get("from"))
        for name in RULE_TABLES
        if isinstance(table := block.get(name), Mapping)
    ]
    ok = True
    for where, value in froms:
        day = _day(value)
        if day is None:
            continue
        first = at(state.sessions, day).days[0]
        if day.weekday() == first:
            continue
        before = day - dt.timedelta(days=(day.weekday() - first) % 7)
        reader.report(
            (*where, "from"),
            f"is a {day.strftime('%A').lower()}, but sessions start on a {first.name.lower()}.",
            f"give the first day of the first session it governs: {before.isoformat()} or "
            f"{(before + dt.timedelta(days=7)).isoformat()}.",
            day,
        )
        ok = False
    return ok


def days_move(
    reader: Reader, path: KeyPath, block: Mapping[str, Any], earlier: State, state: State
) -> bool:
    """Sessions on other weekdays from a session on (``block`` read into ``state`` from
    ``earlier``): the slots of a period fall on its start's weekday (every N weeks or an
    RRULE alike), so new `days` that start on another one need a period that starts
    there too (this block's); otherwise the sessions would stay where they were."""
    table = block.get("sessions")
    if block.get("periods") or not isinstance(table, Mapping) or "days" not in table:
        return True
    day = _day(table.get("from", block.get("from")))
    if day is None:
        return True
    first = at(state.sessions, day).days[0]
    period = next((p for p in reversed(state.periods) if p.start <= day), None)
    if period is None or period.start.weekday() == first:
        return True
    name, old = first.name.lower(), period.start.strftime("%A").lower()
    if period.suspended:
        reader.report(
            (*path, "sessions", "days"),
            f"start on a {name}, but the portal is closed until further notice: no session "
            "would take them.",
            "give the new days in the block that reopens the portal, with its period.",
            table["days"],
        )
        return False
    length = len(at(earlier.sessions, day).days)
    start = day + dt.timedelta(days=(first - day.weekday()) % 7)
    # `from` is the new days' first session: on their weekday, and after the last session
    # on the old days, which ends before it (and before the new period's first session).
    since = day if day.weekday() == first else start
    while min(since, start) - dt.timedelta(days=length) < period.start:
        start += dt.timedelta(weeks=1)
        since = start
    # The new period begins in a calendar week the cadence opens: it keeps its weeks.
    weeks = _weeks(period.rrule, period.every_weeks)
    while (_monday(start) - _monday(period.start)).days // 7 % weeks:
        start += dt.timedelta(weeks=1)
    end = min(since, start) - dt.timedelta(days=length)
    key = "[revisions.sessions] `from" if "from" in table else "the block's `from"
    later = f"give {key} = {since.isoformat()}` and " if since != day else ""
    cadence = "an `rrule` on that day" if period.rrule else "its `every_weeks`"
    reader.report(
        (*path, "sessions", "days"),
        f"start on a {name}, but the periods in force place sessions on {old}s: they would "
        "not move.",
        f"{later}add two [[revisions.periods]] to the block: the period in force again "
        f"(`start = {period.start.isoformat()}`, its cadence) with `end = {end.isoformat()}`, "
        f"then one with `start = {start.isoformat()}` (the first session on {name}s) and "
        f"{cadence}.",
        table["days"],
    )
    return False


def _weeks(rrule: str | None, every_weeks: int) -> int:
    """How many weeks apart a period's sessions are: its `every_weeks`, or an RRULE's
    INTERVAL in weeks (weekly, or daily by whole weeks; 1 for any other)."""
    if rrule is None:
        return every_weeks
    parts = dict(part.partition("=")[::2] for part in rrule.upper().split(";"))
    interval = int(parts["INTERVAL"]) if parts.get("INTERVAL", "").isdigit() else 1
    if parts.get("FREQ") == "DAILY" and interval % 7 == 0:
        return max(interval // 7, 1)
    return max(interval, 1) if parts.get("FREQ") == "WEEKLY" else 1


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())
