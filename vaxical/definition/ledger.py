"""A ledger: the calendar's identity, then one ``[[revisions]]`` block per notice.

Each block is dated and changes the rules « à compter de la session du … » (its
``from``, or the ``from`` of one of its tables): the rules in force before that session
stay as earlier blocks left them, and from it on the block's rules replace them. A block
that changes the cadence restates the calendar from its first period: earlier blocks'
exceptions for later sessions no longer apply. Folding the blocks one by one gives the
calendar as each revision left it, which is all its history needs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from vaxical.definition import cadence, sections
from vaxical.definition.blocks import (
    few_enough,
    in_order,
    too_long,
    too_many,
    weeks,
    weeks_replayed,
)
from vaxical.definition.closures import announced, closures
from vaxical.definition.digest import digest
from vaxical.definition.exceptions import read_exceptions
from vaxical.definition.identity import Identity, calendar_identity
from vaxical.definition.locate import KeyPath
from vaxical.definition.moves import Replay
from vaxical.definition.notice import block_revision
from vaxical.definition.reader import FIRST_DATE, Reader
from vaxical.definition.schedule import check_schedule
from vaxical.definition.schema import SINGLE_REVISION_SECTIONS
from vaxical.definition.single import MAX_HORIZON_YEARS
from vaxical.definition.starts import days_move, froms_on_first_days
from vaxical.definition.timeline import (
    RULE_TABLES,
    SessionSpec,
    State,
    at,
    replaced_from,
    restated,
)
from vaxical.definition.typed import Section
from vaxical.definition.values import as_bool
from vaxical.errors import Problem
from vaxical.model import Definition, Ledger, Revision
from vaxical.rules import SessionHours, Weekday, add_years
from vaxical.schedule.expand import expand, session_slots


def read_ledger(reader: Reader, data: Mapping[str, Any]) -> Ledger | None:
    for name in SINGLE_REVISION_SECTIONS:
        if name in data:
            reader.report(
                (name,),
                "with [[revisions]], the rules go inside a revision block.",
                f"move it under the block that states it, as [revisions.{name}]."
                if name not in ("periods", "exceptions")
                else f"move it under the block that states it, as [[revisions.{name}]].",
                has_value=False,
            )
    calendar = reader.table(data, (), "calendar")
    identity = calendar_identity(reader, calendar, ledger=True) if calendar else None
    for key, own in (("revised", "date"), ("horizon", "horizon")):
        if calendar is not None and key in calendar:
            reader.report(
                ("calendar", key),
                f"in a ledger, each [[revisions]] block states its own `{own}`.",
                "remove it from [calendar].",
                has_value=False,
            )
    reminders_table = reader.table(data, (), "reminders", required=False)
    reminders = sections.reminders(reader, reminders_table) if reminders_table is not None else ()
    blocks = reader.array_of_tables(data, "revisions", required=True)
    if not few_enough(reader, blocks):
        return None
    if identity is None or reminders is None or reader.problems or not in_order(reader, blocks):
        return None
    state = State()
    revisions: list[Revision] = []
    states: list[Definition] = []
    replayed = 0  # weeks of sessions the blocks change, each up to its horizon
    checked = 0  # weeks of sessions the blocks' calendars hold, each checked whole
    # Chained: each block's digest covers what every block reads and the blocks before.
    chain = digest({key: value for key, value in data.items() if key != "revisions"})
    for index, block in enumerate(blocks):
        previous = states[-1] if states else None
        folded = _Block(reader, identity, block, index, state, revisions, previous).fold()
        if folded is None:
            _not_read(reader, index, len(blocks))
            break
        state, revision = folded
        definition = state.definition(identity, reader.file, revision.date, reminders)
        before = len(reader.problems)
        check_schedule(reader, definition, ("revisions", index), block, first=index == 0)
        if len(reader.problems) > before:
            _not_read(reader, index, len(blocks))
            break
        replayed += weeks_replayed(block, revision, definition)
        checked += weeks(definition.periods[0].start, definition.horizon)
        if too_many(replayed, checked):
            too_long(reader, index, block, definition, replayed, checked)
            _not_read(reader, index, len(blocks))
            break
        chain = digest([chain, block])
        revisions.append(replace(revision, digest=chain))
        states.append(definition)
    if reader.problems or not states:
        return None
    return Ledger(reader.file, tuple(revisions), tuple(states))


def _not_read(reader: Reader, index: int, count: int) -> None:
    """Say that the blocks after a broken one were not read. They amend what it would
    have said (its horizon, its rules): read against the calendar without it, they were
    told of problems that were not theirs (a period past a horizon it moved)."""
    after = count - index - 2  # blocks after the next one
    if after < 0:
        return
    broken = f"revisions[{index + 1}]"
    if after == 0:
        said, then = f"not read: it amends {broken}, which has problems.", "this block is"
    else:
        later = "the one after it" if after == 1 else f"the {after} after it"
        said = f"not read, nor {later}: they amend {broken}, which has problems."
        then = "they are"
    reader.report(
        ("revisions", index + 1),
        said,
        f"fix {broken} first; {then} read once it is right.",
        has_value=False,
    )


class _Block:
    """One ``[[revisions]]`` block read and applied to the rules before it."""

    def __init__(
        self,
        reader: Reader,
        identity: Identity,
        table: Mapping[str, Any],
        index: int,
        state: State,
        earlier: list[Revision],
        previous: Definition | None,
    ) -> None:
        """``previous``: the calendar as the blocks before left it."""
        self.reader = reader
        self.identity = identity
        self.table = table
        self.index = index
        self.path: KeyPath = ("revisions", index)
        self.section = Section(reader, table, self.path)
        self.state = state
        self.earlier = earlier
        self.previous = previous
        self.first = index == 0
        self.problems = len(reader.problems)

    def ok(self) -> bool:
        return len(self.reader.problems) == self.problems

    def fold(self) -> tuple[State, Revision] | None:
        revision = block_revision(
            self.reader, self.section, self.identity, self.earlier, self.index
        )
        start = self.section.date("from", "2023-05-15", required=False)
        horizon = self.section.date("horizon", "2023-12-31", required=self.first)
        state = self.state
        for name in RULE_TABLES:
            table = self.reader.table(
                self.table,
                self.path,
                name,
                required=self.first and name != "holidays",
                schema=("revisions", name),
            )
            if table is not None:
                state = self._rule(state, name, table, start)
        if not self.ok() or revision is None:
            return None
        reach = horizon or state.horizon  # this block's, or the one in force
        assert reach is not None  # noqa: S101 - required in the first block
        # Each `from` on a session's first day, the first block's too (where its table
        # starts: a publisher's trial wrote a Tuesday, and nothing said so); days that
        # move come first, their message naming the `from` to give.
        moves = self.first or days_move(
            self.reader, self.path, self.table, state, self._replay(revision, reach)
        )
        if not (moves and froms_on_first_days(self.reader, self.path, self.table, state)):
            return None
        if horizon is not None and not self._horizon_holds(horizon, revision):
            return None
        horizon = reach
        period_tables = self.reader.array_of_tables(
            self.table, "periods", required=self.first, path=self.path
        )
        if period_tables:
            new = cadence.periods(
                self.reader,
                period_tables,
                self.path,
                lambda day: at(state.sessions, day).days[0],
                horizon,
                ledger=True,
            )
            if new is None:
                return None
            state = restated(state, announced(state, new))
        if not state.periods:
            return None
        limit = add_years(state.periods[0].start, MAX_HORIZON_YEARS)
        if horizon > limit:
            self.reader.report(
                (*self.path, "horizon"),
                f"is more than {MAX_HORIZON_YEARS} years after the first session "
                f"({state.periods[0].start.isoformat()}).",
                f"give a horizon on or before {limit.isoformat()} (a typo in the year?).",
                horizon,
            )
            return None
        # Extra sessions past the horizon go with the cadence's, and so do those a closure
        # kept closed (none began before the block: _horizon_holds).
        exceptions = tuple(e for e in state.exceptions if not (e.extra and e.session > horizon))
        periods = tuple(
            replace(p, announced=tuple(d for d in p.announced if d <= horizon))
            if p.announced
            else p
            for p in state.periods
        )
        state = replace(state, horizon=horizon, exceptions=exceptions, periods=periods)
        exception_tables = self.reader.array_of_tables(
            self.table, "exceptions", required=False, path=self.path
        )
        if exception_tables:
            found = read_exceptions(
                self.reader,
                exception_tables,
                self.path,
                dict(session_slots(state.periods, horizon)),
                lambda day: len(at(state.sessions, day).days),
                horizon,
                closures(state),
                state.exceptions,
            )
            if found is None:
                return None
            targets = {exception.session for exception in found}
            kept = [e for e in state.exceptions if e.session not in targets]
            state = replace(
                state, exceptions=tuple(sorted((*kept, *found), key=lambda e: e.session))
            )
        # Newest first; of one day, this block's notice before the earlier blocks' (the
        # sort keeps the order of equal dates).
        notices = sorted((revision.notice, *state.notices), key=lambda n: n.date, reverse=True)
        state = replace(state, notices=tuple(notices))
        return (state, revision) if self.ok() else None

    def _replay(self, revision: Revision, horizon: dt.date) -> Replay:
        """This block as the loader reads it with other keys (``horizon``: its own, or
        the one in force): the periods a fix would name are tried so before they are
        named (vaxical.definition.moves)."""

        def read(table: Mapping[str, Any]) -> Definition | tuple[Problem, ...]:
            reader = Reader(self.reader.file, self.reader.source)  # its problems stay there
            block = _Block(
                reader, self.identity, table, self.index, self.state, self.earlier, self.previous
            )
            folded = block.fold()
            if folded is None:
                return tuple(reader.problems)
            return folded[0].definition(self.identity, reader.file, folded[1].date)

        def calendar(state: State) -> Definition:
            return replace(state, horizon=horizon).definition(
                self.identity, self.reader.file, revision.date
            )

        return Replay(read, calendar, horizon)

    def _horizon_holds(self, horizon: dt.date, revision: Revision) -> bool:
        """A horizon brought back past sessions that began before the block's own date
        would take back sessions held before its notice (a typo in the month, most
        often): refused."""
        before = self.state.horizon
        day = revision.day
        if self.previous is None or before is None or horizon >= before:
            return True
        # By the days each session began on (a moved one, one opened from the Friday
        # before), and by its identity, which the horizon bounds.
        held = [s for s in expand(self.previous) if s.nominal > horizon and s.days.first < day]
        if not held:
            return True
        self.reader.report(
            (*self.path, "horizon"),
            f"would take back the session that began on {held[0].days.first.isoformat()}, "
            f"before the block's own date ({day.isoformat()}; the horizon was "
            f"{before.isoformat()}).",
            "give the last day a session may start from now on, on or after "
            f"{held[-1].nominal.isoformat()} (a typo in the month?). To close the portal, add "
            "[[revisions.periods]] with closed_until_further_notice = true.",
            horizon,
        )
        return False

    def _rule(
        self, state: State, name: str, table: Mapping[str, Any], block_start: dt.date | None
    ) -> State:
        path: KeyPath = (*self.path, name)
        section = Section(self.reader, table, path)
        start = section.date("from", "2023-05-15", required=False) or block_start
        if start is None and not self.first:
            self.reader.report(
                path,
                "does not say from which session it applies.",
                "add `from = <first day of the first session it governs>` to the block or to "
                f"[revisions.{name}] (« à compter de la session du … »).",
                has_value=False,
            )
            return state
        start = FIRST_DATE if self.first else start
        assert start is not None  # noqa: S101 - just checked
        weekdays = at(state.sessions, start).days if state.sessions else None
        value = self._rule_value(name, table, section, weekdays)
        if value is _INVALID:
            return state
        # The table's rule replaces, from ``start`` on, what earlier blocks said.
        changes: dict[str, Any] = {name: replaced_from(getattr(state, name), start, value)}
        return replace(state, **changes)

    def _rule_value(
        self,
        name: str,
        table: Mapping[str, Any],
        section: Section,
        weekdays: tuple[Weekday, ...] | None,
    ) -> object:
        """The rule a table states, ``None`` for `none = true`, or ``_INVALID``."""
        path = section.path
        if name == "sessions":
            days = (
                sections.session_days(self.reader, table, path)
                if "days" in table or self.first
                else weekdays
            )
            hours = sections.session_hours(section, self.identity.timezone)
            one_day = days is not None and len(days) == 1
            if one_day and isinstance(hours, SessionHours) and hours.closes <= hours.opens:
                self.reader.report(
                    (*path, "closes"),
                    f"is not after `opens` ({hours.opens.isoformat()}), on a one-day session.",
                    "give a closing time later that day, or make the session two days long.",
                    hours.closes,
                )
                return _INVALID
            if days is None or hours is False:
                return _INVALID
            return SessionSpec(days, hours if isinstance(hours, SessionHours) else None)
        if name == "delivery":
            return sections.delivery_rule(self.reader, table, path, weekdays) or _INVALID
        if name == "holidays":
            return sections.holiday_policy(self.reader, table, path) or _INVALID
        if section.value("none", as_bool, "true or false", "true", required=False):
            others = sorted(set(table) - {"none", "from"})
            if others:
                self.reader.report(
                    (*path, others[0]),
                    f"[revisions.{name}] says `none = true`, so it has no other rule.",
                    "remove `none = true`, or the other keys.",
                    has_value=False,
                )
                return _INVALID
            return None
        if name == "confirmation":
            return (
                sections.confirmation_rule(
                    self.reader, table, path, weekdays, self.identity.timezone
                )
                or _INVALID
            )
        return sections.appointments_rule(self.reader, table, path) or _INVALID


# A table whose problems were reported: the rules stay as they were.
_INVALID = object()
