"""Where a ledger block's rules start (« à compter de la session du … »): each `from` on
the first day of a session, and new session days on a day the periods open. Each check
reports what it finds and says whether the block may be read on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from vaxical.definition.locate import KeyPath
from vaxical.definition.moves import Replay, first_move, fix
from vaxical.definition.reader import Reader
from vaxical.definition.timeline import RULE_TABLES, State, at


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else None


def block_froms(path: KeyPath, block: Mapping[str, Any]) -> list[tuple[KeyPath, dt.date]]:
    """Each `from` ``block`` gives, its own and each rule table's, with where it stands."""
    tables = [(path, block)] + [
        ((*path, name), table)
        for name in RULE_TABLES
        if isinstance(table := block.get(name), Mapping)
    ]
    return [(where, day) for where, table in tables if (day := _day(table.get("from")))]


def changed_from(block: Mapping[str, Any]) -> list[dt.date]:
    """The days ``block`` changes the calendar from: its `from`s, its periods' starts and
    its exceptions' sessions."""
    days = [day for _, day in block_froms((), block)]
    for name, key in (("periods", "start"), ("exceptions", "session")):
        entries = block.get(name)
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, Mapping) and (day := _day(entry.get(key))) is not None:
                days.append(day)
    return days


def froms_on_first_days(
    reader: Reader, path: KeyPath, block: Mapping[str, Any], state: State
) -> bool:
    """Each `from` of ``block`` (read into ``state``) names the first day of a session, as
    the rules in force then place sessions. Another day of the week is refused: a rule
    from a Tuesday leaves the session of the Monday before it as it was, which the notice
    may or may not mean."""
    ok = True
    for where, day in block_froms(path, block):
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
    reader: Reader,
    path: KeyPath,
    block: Mapping[str, Any],
    state: State,
    replay: Replay,
) -> bool:
    """Sessions on other weekdays from a session on (``block`` read into ``state``): the
    slots of a period fall on its start's weekday (every N weeks or an RRULE alike), so
    new `days` that start on another one need a period that starts there too (this
    block's); otherwise the sessions would stay where they were. The fix names the
    periods that move them, tried first as the loader reads them
    (:func:`~vaxical.definition.moves.first_move`, through ``replay``)."""
    table = block.get("sessions")
    if block.get("periods") or not isinstance(table, Mapping) or "days" not in table:
        return True
    day = _day(table.get("from", block.get("from")))
    if day is None or not state.periods:
        return True
    first = at(state.sessions, day).days[0]
    # The periods whose sessions take the new days: the one in force at `from` (before
    # the first one, that one: its sessions come after `from` all the same) and those
    # after it, which an earlier block placed on the days it gave them from then on.
    since = max((i for i, p in enumerate(state.periods) if p.start <= day), default=0)
    governed = state.periods[since:]
    name = first.name.lower()
    if governed[0].suspended and governed[0].start.weekday() != first:
        reader.report(
            (*path, "sessions", "days"),
            f"start on a {name}, but the portal is closed until further notice: no session "
            "would take them.",
            "give the new days in the block that reopens the portal, with its period.",
            table["days"],
        )
        return False
    period = next((p for p in governed if p.start.weekday() != first and not p.suspended), None)
    if period is None:
        return True
    placed = (
        "the periods in force place"
        if period is governed[0]
        else f"the period from {period.start.isoformat()} places"
    )
    # Periods are named for a period in force that runs on as it is: one that ends, one
    # that a later period follows, or a rule that counts its sessions or ends on a day
    # would not be restated by the two periods named (a review: sessions the notice never
    # announced, once followed). Those get the plainer fix.
    runs_on = (
        period is governed[-1]
        and period.end is None
        and not (period.rrule and re.search(r"(?i)\b(?:COUNT|UNTIL)=", period.rrule))
    )
    found = first_move(replay, path, block, state, day, period, first) if runs_on else None
    key = "[revisions.sessions] `from" if "from" in table else "the block's `from"
    reader.report(
        (*path, "sessions", "days"),
        f"start on a {name}, but {placed} sessions on "
        f"{period.start.strftime('%A').lower()}s: they would not move.",
        fix(found, day, key, name, replay.horizon),
        table["days"],
    )
    return False
