"""New session days on another weekday, without periods: the fix the refusal gives,
followed to the letter (tests/test_ledger_errors.py writes out a few of its messages).

Each shape is a first block (its days and cadence) and a second one that gives new days
from a session; the refusal's `from` and periods are written into the block as a
publisher would, and the calendar read again must keep every session before the change,
hold at most one session a calendar week, keep the cadence's rhythm across the change,
and start the new days on the first session that allows all of it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from typing import NamedTuple

import pytest

from vaxical.definition import loads
from vaxical.errors import DefinitionError, Problem
from vaxical.model import Definition
from vaxical.rules import Weekday
from vaxical.schedule.expand import Session, expand

from .ledger_text import FIRST, ledger_text, notice

WEEKLY = "every_weeks = 1"
FORTNIGHTLY = "every_weeks = 2"
MONDAY_TUESDAY = '"monday", "tuesday"'
THURSDAY_FRIDAY = '"thursday", "friday"'


class Shape(NamedTuple):
    name: str
    days: str
    """The first block's session days, as written in its list."""
    start: str
    """The first block's period start."""
    cadence: str
    """The first block's period cadence, as written."""
    weeks: int
    """How many weeks apart its sessions are."""
    date: str
    """The date of the block with new days."""
    block: str
    """Its `from` and [revisions.sessions]."""
    first_new: str
    """The first session on the new days: the earliest that keeps what came before."""
    between: str = ""
    """A block between the first and that one."""


def _block(since: str, days: str, *, in_sessions: bool = False) -> str:
    if in_sessions:
        return f"[revisions.sessions]\nfrom = {since}\ndays = [{days}]\n"
    return f"from = {since}\n[revisions.sessions]\ndays = [{days}]\n"


SHAPES = (
    # Monday-Tuesday to Thursday-Friday from a Thursday: the session of Monday 19 is
    # before it, so the new days take the next week.
    Shape(
        "later-days-from-a-new-day",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-22", THURSDAY_FRIDAY),
        "2024-02-29",
    ),
    # From the Monday session: it moves to the Thursday of its week.
    Shape(
        "later-days-from-an-old-day",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-19", THURSDAY_FRIDAY),
        "2024-02-22",
    ),
    Shape(
        "earlier-days-from-a-new-day",
        THURSDAY_FRIDAY,
        "2024-01-11",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-19", MONDAY_TUESDAY),
        "2024-02-19",
    ),
    # From the Thursday session: the Monday of its week is past, it is kept.
    Shape(
        "earlier-days-from-an-old-day",
        THURSDAY_FRIDAY,
        "2024-01-11",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-22", MONDAY_TUESDAY),
        "2024-02-26",
    ),
    # Every other week (open: 8 and 22 January, 5 and 19 February, 4 March).
    Shape(
        "fortnightly-later-days-from-a-new-day",
        MONDAY_TUESDAY,
        "2024-01-08",
        FORTNIGHTLY,
        2,
        "2024-02-01",
        _block("2024-02-22", THURSDAY_FRIDAY),
        "2024-03-07",
    ),
    Shape(
        "fortnightly-later-days-from-an-old-day",
        MONDAY_TUESDAY,
        "2024-01-08",
        FORTNIGHTLY,
        2,
        "2024-02-01",
        _block("2024-02-19", THURSDAY_FRIDAY),
        "2024-02-22",
    ),
    # Open: 11 and 25 January, 8 and 22 February, 7 March.
    Shape(
        "fortnightly-earlier-days-from-a-new-day",
        THURSDAY_FRIDAY,
        "2024-01-11",
        FORTNIGHTLY,
        2,
        "2024-02-01",
        _block("2024-02-19", MONDAY_TUESDAY),
        "2024-02-19",
    ),
    Shape(
        "fortnightly-earlier-days-from-an-old-day",
        THURSDAY_FRIDAY,
        "2024-01-11",
        FORTNIGHTLY,
        2,
        "2024-02-01",
        _block("2024-02-22", MONDAY_TUESDAY),
        "2024-03-04",
    ),
    # From a week the cadence leaves closed: its closed session of Monday 12 is kept.
    Shape(
        "fortnightly-from-a-closed-week",
        MONDAY_TUESDAY,
        "2024-01-08",
        FORTNIGHTLY,
        2,
        "2024-02-01",
        _block("2024-02-13", '"tuesday", "wednesday"'),
        "2024-02-20",
    ),
    # The session of Monday 12 runs into the `from`: it is kept, whole.
    Shape(
        "rrule-one-day-later",
        MONDAY_TUESDAY,
        "2024-01-08",
        'rrule = "FREQ=WEEKLY;BYDAY=MO"',
        1,
        "2024-02-01",
        _block("2024-02-13", '"tuesday", "wednesday"'),
        "2024-02-20",
    ),
    Shape(
        "fortnightly-rrule-from-the-sessions-table",
        MONDAY_TUESDAY,
        "2024-01-08",
        'rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"',
        2,
        "2024-02-01",
        _block("2024-02-22", THURSDAY_FRIDAY, in_sessions=True),
        "2024-03-07",
    ),
    # Friday to Monday, then Tuesday-Wednesday: the old session ends the day before.
    Shape(
        "long-sessions-then-short-ones",
        '"friday", "saturday", "sunday", "monday"',
        "2024-01-12",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-20", '"tuesday", "wednesday"'),
        "2024-02-20",
    ),
    # From the first session of the calendar: it was published on a Monday, and a block
    # cannot take it back; the Thursdays follow from the next week.
    Shape(
        "from-the-first-period-start",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-01-03",
        _block("2024-01-08", THURSDAY_FRIDAY),
        "2024-01-18",
    ),
    # Before the first session (no period in force): no sessions on Mondays at all.
    Shape(
        "from-before-the-first-period",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-01-03",
        _block("2024-01-04", THURSDAY_FRIDAY),
        "2024-01-04",
    ),
    Shape(
        "fortnightly-from-a-monday-before-the-first-period",
        MONDAY_TUESDAY,
        "2024-01-08",
        FORTNIGHTLY,
        2,
        "2024-01-03",
        _block("2024-01-01", THURSDAY_FRIDAY),
        "2024-01-04",
    ),
    # An earlier block closed the session of Monday 12 February: the block's periods
    # replace that exception, which it gives again.
    Shape(
        "an-earlier-exception-before-from",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-02-01",
        _block("2024-02-22", THURSDAY_FRIDAY),
        "2024-02-29",
        between=notice(2, "2024-01-20")
        + '[[revisions.exceptions]]\nsession = 2024-02-12\nclose = true\nreason = "Stock"\n',
    ),
    # An earlier block moved the sessions to Thursdays from 29 February; this one gives
    # Monday-to-Wednesday sessions from 12 February, on the Mondays still in force: the
    # Thursdays' period would have taken them (they were read from Thursday to Saturday).
    Shape(
        "a-later-period-on-other-days",
        MONDAY_TUESDAY,
        "2024-01-08",
        WEEKLY,
        1,
        "2024-02-05",
        _block("2024-02-12", '"monday", "tuesday", "wednesday"'),
        "2024-02-12",
        between=notice(2, "2024-02-01")
        + _block("2024-02-29", THURSDAY_FRIDAY)
        + "[[revisions.periods]]\nstart = 2024-01-08\nend = 2024-02-25\nevery_weeks = 1\n"
        + "[[revisions.periods]]\nstart = 2024-02-29\nevery_weeks = 1\n",
    ),
)


def _ledger(shape: Shape, *blocks: str) -> str:
    first = (
        FIRST.replace(MONDAY_TUESDAY, shape.days)
        .replace("start = 2024-01-08", f"start = {shape.start}")
        .replace(WEEKLY, shape.cadence)
        .replace("horizon = 2024-03-25", "horizon = 2024-05-27")
        # Confirmed after the last day of the longest session (Friday to Monday).
        .replace("day = 2\n", "day = 4\n")
    )
    return ledger_text(*filter(None, (shape.between, *blocks)), first=first)


def _refusal(text: str) -> Problem:
    with pytest.raises(DefinitionError) as caught:
        loads(text, "x.toml")
    [problem] = caught.value.problems
    assert "they would not move" in problem.message, problem.format()
    return problem


DAY = r"(\d{4}-\d\d-\d\d)"
FROM = re.compile(rf"give (?:the block's|\[revisions\.sessions\]) `from = {DAY}`")
KEPT = re.compile(rf"the period in force again \(`start = {DAY}`, its cadence\) with `end = {DAY}`")
NEW = re.compile(rf"`start = {DAY}` \(the first session on (\w+)s\) and (.*)\.$")
# A cadence said in words (the fix before it named the values): what it meant.
SAID = {"its `every_weeks`", "an `rrule` on that day"}


def _followed(shape: Shape) -> tuple[str, dt.date]:
    """The ledger with the refusal's fix written in, and the `from` the block gave."""
    block = notice(3 if shape.between else 2, shape.date) + shape.block
    fix = _refusal(_ledger(shape, block)).fix
    since = re.search(rf"from = {DAY}", shape.block)
    assert since is not None
    day = dt.date.fromisoformat(since[1])
    moved = FROM.search(fix)
    if moved is not None:
        block = block.replace(f"from = {since[1]}", f"from = {moved[1]}")
    kept, new = KEPT.search(fix), NEW.search(fix)
    assert new is not None, fix
    if kept is not None:
        assert kept[1] == shape.start, fix
        block += f"[[revisions.periods]]\nstart = {kept[1]}\nend = {kept[2]}\n{shape.cadence}\n"
    said, _, again = new[3].partition("; its periods drop the earlier blocks' exceptions")
    cadence = "\n".join(re.findall(r"`([^`]+)`", said))
    if said in SAID:
        code = new[2][:2].upper()
        cadence = re.sub(r"BYDAY=[A-Z]{2}", f"BYDAY={code}", shape.cadence)
    block += f"[[revisions.periods]]\nstart = {new[1]}\n{cadence}\n"
    # The earlier exceptions named, as the block between wrote them.
    if again:
        named = re.findall(DAY, again.partition("give again")[2])
        for entry in shape.between.split("[[revisions.exceptions]]")[1:]:
            session = re.search(rf"session = {DAY}", entry)
            if session is not None and named[0] <= session[1] <= named[-1]:
                block += "[[revisions.exceptions]]" + entry
    return _ledger(shape, block), day


def _sessions(text: str) -> tuple[Session, ...]:
    definition: Definition = loads(text, "x.toml").states[-1]
    return expand(definition)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@pytest.mark.parametrize("shape", SHAPES, ids=[shape.name for shape in SHAPES])
def test_the_fix_followed_keeps_the_calendar_and_moves_the_days(shape: Shape) -> None:
    followed, day = _followed(shape)
    before = _sessions(_ledger(shape))
    after = _sessions(followed)  # read without a refusal
    # Every session placed before the change, as it was (an exception's too).
    assert [(s.nominal, s.days, s.is_open) for s in after if s.nominal < day] == [
        (s.nominal, s.days, s.is_open) for s in before if s.nominal < day
    ]
    # One session a calendar week, open or closed.
    weeks = Counter(_monday(s.nominal) for s in after)
    assert max(weeks.values()) == 1, sorted(week for week, count in weeks.items() if count > 1)
    # The rhythm: sessions the cadence opens as many weeks apart across the change as
    # before it.
    opened = [_monday(s.nominal) for s in after if s.is_open or s.exception is not None]
    assert {(later - earlier).days // 7 for earlier, later in itertools.pairwise(opened)} == {
        shape.weeks
    }
    # Each session starts on its rules' first day, the new days from the first one on.
    assert all(s.rules is not None and s.days.first.weekday() == s.rules.weekdays[0] for s in after)
    first_new = dt.date.fromisoformat(shape.first_new)
    new_day = Weekday(first_new.weekday())
    assert next(
        s.nominal for s in after if s.nominal >= day and s.nominal.weekday() == new_day
    ) == (first_new)
    assert all(s.nominal.weekday() == new_day for s in after if s.nominal >= first_new)
