"""Exceptions (« sauf exception »): one session closed, opened, moved, lengthened, given
another delivery, or added; each checked against the sessions the cadence gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from vaxical.definition.closures import Closure
from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.definition.values import as_bool, as_date, span_fix
from vaxical.rules import DateSpan, SessionException

# An exception moves a session within a few weeks of its place, and a delivery comes
# within weeks of the order: beyond that it is a typo, and a far date would make the
# calendar (and the work) as long as the distance.
MAX_MOVE_DAYS = 28


MAX_DELIVERY_DAYS = 90


MAX_SPAN_DAYS = 14


def read_exceptions(
    reader: Reader,
    tables: Sequence[Mapping[str, Any]],
    prefix: KeyPath,
    slots: Mapping[dt.date, bool],
    length_at: Callable[[dt.date], int],
    horizon: dt.date,
    closures: Sequence[Closure] = (),
    earlier: Sequence[SessionException] = (),
) -> tuple[SessionException, ...] | None:
    """The exceptions of a definition or of one ledger block, checked against the
    sessions the cadence gives (``slots``: first day → opened by the cadence) up to the
    ``horizon``; ``closures``: the portal's closures until further notice, in which no
    session opens, moves or changes. ``earlier``: the exceptions of a ledger's earlier
    blocks, which each exception of this block replaces for its session, keeping what it
    does not restate: a session one of them closed is closed (`open = true` reopens it,
    and the other way round), one it moved stays moved, an extra one stays."""
    found: list[SessionException] = []
    targets: dict[dt.date, int] = {}
    before = {e.session: e for e in earlier}
    decided = {day: e for day, e in before.items() if day in slots and not e.extra}
    slots = {
        day: (opened and not decided[day].close) or decided[day].open if day in decided else opened
        for day, opened in slots.items()
    }
    for index, table in enumerate(tables):
        path: KeyPath = (*prefix, "exceptions", index)
        exception = _exception(reader, table, path, slots, length_at, horizon, closures, before)
        if exception is None:
            continue
        replaced = before.get(exception.session)
        if replaced is not None and not (exception.close or exception.open):
            # Replacing the exception that opened or closed it: as the blocks left it.
            exception = replace(exception, open=replaced.open, close=replaced.close)
        if exception.session in targets:
            reader.report(
                (*path, "session"),
                f"exceptions[{targets[exception.session] + 1}] already concerns this session.",
                f"merge both into one [[{'revisions.' if prefix else ''}exceptions]] entry.",
                exception.session,
            )
            continue
        targets[exception.session] = index
        found.append(exception)
    if len(found) != len(tables):
        return None
    return tuple(sorted(found, key=lambda exception: exception.session))


def _exception(
    reader: Reader,
    table: Mapping[str, Any],
    path: KeyPath,
    slots: Mapping[dt.date, bool],
    length_at: Callable[[dt.date], int],
    horizon: dt.date,
    closures: Sequence[Closure],
    earlier: Mapping[dt.date, SessionException] | None = None,
) -> SessionException | None:
    """One exception; ``earlier``: the earlier blocks' exceptions by session (``slots``
    says how the sessions they opened or closed stand)."""
    section = reader.section(table, path)
    session = section.date("session", "2023-08-14")
    reason = section.text("reason", '"Jour férié"', one_line=False)
    flags = {
        key: section.value(key, as_bool, "true or false", "true", required=False)
        for key in ("close", "open", "extra")
    }
    move_to = section.date("move_to", "2023-08-16", required=False)
    days = span(reader, table, path, "days")
    delivery = span(reader, table, path, "delivery")
    if session is None or reason is None:
        return None
    if any(key in table and value is None for key, value in flags.items()):
        return None
    close, open_, extra = (bool(flags[key]) for key in ("close", "open", "extra"))
    length = length_at(session)
    inherited: set[str] = set()
    """The keys this exception keeps from the earlier one, for what it says of them."""
    kept = None
    before = (earlier or {}).get(session)
    if before is not None:
        # What the earlier exception said and this one does not restate still holds (a
        # closure drops it all: a closed session has no other change).
        extra = extra or before.extra
        if not close and not any(key in table for key in ("move_to", "days")):
            move_to, days = before.move_to, before.days
            inherited.update(k for k in ("move_to", "days") if getattr(before, k) is not None)
        if not close and "delivery" not in table and before.delivery is not None:
            delivery = before.delivery
            inherited.add("delivery")
        if not (close or open_ or table.get("extra") is True) and (before.open or before.extra):
            inherited.add("state")  # the opening or the extra session it keeps
        if inherited:
            reason, kept = _reasons(before, inherited, reason)

    def refuse(key: str | None, message: str, fix: str, value: object = None) -> None:
        if key in inherited:  # not in this table: said as what the earlier block gave
            dates = value if isinstance(value, list) else [value]
            shown = ", ".join(d.isoformat() for d in dates if isinstance(d, dt.date))
            message = f"`{key}` as an earlier block's exception gave it ({shown}): {message}"
            fix = f"{fix.removesuffix('.')}, in a `{key}` of this exception."
            key = value = None
        where = (*path, key) if key else path
        reader.report(where, message, fix, value, has_value=value is not None)

    # `close = false` and the like: said once the session is known to be one.
    said_false = next((key for key in ("close", "open", "extra") if key in table), None)
    if not (close or open_ or flags["extra"] or _gives_days(table) or said_false):
        refuse(
            None,
            "the exception changes nothing.",
            "add `close = true`, `open = true`, `move_to = <date>` or "
            "`delivery = [<date>, <date>]`.",
        )
        return None
    if (close and any(key in table for key in ("move_to", "days", "delivery", "extra"))) or (
        close and open_
    ):
        refuse(
            "close",
            "a closed session has no other change.",
            "keep `close = true` alone, or remove it to move or re-time the session.",
        )
        return None
    # What the exception names or puts a session on, inside a closure: the closure would
    # win in silence, or publish an open session where the portal is closed.
    for key, day, written in (
        ("session", session, session),
        ("move_to", move_to, move_to),
        ("days", None if days is None else days.first, table.get("days")),
    ):
        if day is None:
            continue
        # The reopening session's days may start early, on no closed session's day.
        early = key == "days"
        held = (c for c in closures if c.holds(day, reopening=early and session == c.reopened))
        closure = next(held, None)
        if closure is not None:
            where = "is" if key != "days" else f"starts on {day.isoformat()},"
            refuse(
                key,
                f"{where} in {closure}: no session opens, moves or changes there.",
                "check the date; to reopen the portal, append a block with "
                "[[revisions.periods]] from the session it reopens at.",
                written,
            )
            return None
    if session > horizon:  # an extra session too: the calendar ends at its horizon
        where = "the block" if path[:1] == ("revisions",) else "[calendar]"
        refuse(
            "session",
            f"is after the horizon ({horizon.isoformat()}): the calendar ends before it.",
            f"move the horizon later (`horizon = ` in {where}), or check the date.",
            session,
        )
        return None
    if extra:
        if session in slots:
            refuse(
                "session",
                "the cadence already has a session on this day.",
                "remove `extra = true` and use `open = true` (or `move_to`) for that session.",
                session,
            )
            return None
        # An extra session an earlier block added, then closed, stands closed.
        scheduled_open = before is None or not before.close
        if open_ and scheduled_open:
            refuse("open", "an extra session is open already.", "remove `open = true`.", True)
            return None
    elif session not in slots:
        nearest = min(slots, key=lambda slot: abs((slot - session).days), default=None)
        hint = f" The nearest is {nearest.isoformat()}." if nearest else ""
        refuse(
            "session",
            "no session of the periods starts on this day." + hint,
            "give the first day of a session as the rules place it (before any move).",
            session,
        )
        return None
    else:
        scheduled_open = slots[session]
    decided = before is not None and (before.close or before.open)
    by = "an earlier block's exception" if decided else "the rules"
    if not (close or open_ or flags["extra"] or _gives_days(table)) and said_false:
        refuse(
            said_false,
            "is false, which changes nothing.",
            "write `open = true` to open a closed session, `close = true` to close an open "
            "one, or remove the entry.",
            False,
        )
        return None
    if not (close or open_ or _gives_days(table)) and not scheduled_open:
        refuse(
            "session",
            f"this session is closed by {by}: this entry changes nothing.",
            "remove it, or add `open = true` to reopen the session.",
            session,
        )
        return None
    if close and not scheduled_open:
        refuse(
            "close",
            f"this session is already closed by {by}.",
            "remove the exception, or target an open session.",
            True,
        )
        return None
    if open_ and scheduled_open:
        refuse("open", f"this session is already open by {by}.", "remove `open = true`.", True)
        return None
    will_open = (scheduled_open and not close) or open_
    if not will_open and _gives_days(table):
        refuse(
            "session",
            f"this session is closed by {by}; it has no days or delivery to change.",
            "add `open = true` to open it, or target an open session.",
            session,
        )
        return None
    if move_to is not None and days is not None:
        refuse(
            "days",
            "is given with `move_to`; they say the same thing two ways.",
            "keep `days = [first, last]` for a session of another length, `move_to` otherwise.",
        )
        return None
    if move_to is not None:
        if move_to == session:
            # Most often a move an earlier block made, undone (a publisher's trial found
            # no way said): the session's own days do that.
            own = (
                f"[{session.isoformat()}, {(session + dt.timedelta(days=length - 1)).isoformat()}]"
            )
            refuse(
                "move_to",
                "is the session's own day.",
                "give the new first day; to put back a session an earlier block moved, "
                f"give its own days instead: `days = {own}`.",
                move_to,
            )
            return None
        days = DateSpan(move_to, move_to + dt.timedelta(days=length - 1))
    if days is not None:
        if abs((days.first - session).days) > MAX_MOVE_DAYS or len(days.days()) > MAX_SPAN_DAYS:
            key = "move_to" if move_to is not None else "days"
            refuse(
                key,
                f"is too far from the session of {session.isoformat()}: a session moves at "
                f"most {MAX_MOVE_DAYS} days and lasts at most {MAX_SPAN_DAYS} days.",
                "check the dates (a typo in the month or year?).",
                move_to if move_to is not None else [days.first, days.last],
            )
            return None
        clash = next(
            (
                slot
                for slot in slots
                if slot != session
                and slot <= days.last
                and days.first <= slot + dt.timedelta(days=length_at(slot) - 1)
            ),
            None,
        )
        if clash is not None:
            key = "move_to" if move_to is not None else "days"
            refuse(
                key,
                f"the moved session would overlap the session of {clash.isoformat()}.",
                "choose days that no other session uses.",
                move_to if move_to is not None else [days.first, days.last],
            )
            return None
    if delivery is not None:
        actual_last = days.last if days is not None else session + dt.timedelta(days=length - 1)
        if delivery.first <= actual_last:
            refuse(
                "delivery",
                f"starts before the session ends ({actual_last.isoformat()}): "
                "orders cannot arrive before they are placed.",
                "give delivery days after the session's last day.",
                [delivery.first, delivery.last],
            )
            return None
        if (delivery.first - actual_last).days > MAX_DELIVERY_DAYS or len(
            delivery.days()
        ) > MAX_SPAN_DAYS:
            refuse(
                "delivery",
                f"is too far from the session: a delivery comes at most {MAX_DELIVERY_DAYS} "
                f"days after it and lasts at most {MAX_SPAN_DAYS} days.",
                "check the dates (a typo in the month or year?).",
                [delivery.first, delivery.last],
            )
            return None
    return SessionException(
        session=session,
        reason=reason,
        close=close,
        open=open_,
        move_to=move_to,
        delivery=delivery,
        days=days if move_to is None else None,
        extra=extra,
        kept=kept,
    )


def _gives_days(table: Mapping[str, Any]) -> bool:
    """Whether an entry gives the session days or a delivery, which only an open one has."""
    return any(key in table for key in ("move_to", "days", "delivery"))


def _reasons(
    before: SessionException, inherited: set[str], own: str
) -> tuple[str, tuple[str | None, str | None, str | None, str]]:
    """The reason of an exception that keeps ``inherited`` of ``before``: the reasons of
    what it keeps, then its own, each once; and each of them, for the next block's."""
    state_why, days_why, delivery_why, earlier = before.kept or (None, None, None, before.reason)
    kept = (
        (state_why or earlier) if "state" in inherited else None,
        (days_why or earlier) if inherited & {"move_to", "days"} else None,
        (delivery_why or earlier) if "delivery" in inherited else None,
        own,
    )
    return " ; ".join(dict.fromkeys(why for why in kept if why)), kept


def span(reader: Reader, table: Mapping[str, Any], path: KeyPath, key: str) -> DateSpan | None:
    if key not in table:
        return None
    raw = table[key]
    if (
        not isinstance(raw, list)
        or len(raw) != len(("first", "last"))
        or not all(as_date(item) is not None for item in raw)
    ):
        reader.report(
            (*path, key), "expected two dates: the first and last day.", span_fix(key, raw), raw
        )
        return None
    section = reader.section(table, path)
    first, last = raw
    if not (section.in_window(key, first) and section.in_window(key, last)):
        return None
    if last < first:
        swapped = f"`{key} = [{last.isoformat()}, {first.isoformat()}]`"
        reader.report((*path, key), "the last day is before the first.", f"write {swapped}.", raw)
        return None
    return DateSpan(first, last)
