"""Whatever a definition says, the work stays bounded and the answer is a clear error
(issue 11): cadences that never end, dates near year 1 or 9999, device names, calendars
whose files would overwrite each other, sessions that would share a day, characters no
feed can carry. Each message is written out whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vaxical.definition import load_all
from vaxical.errors import DefinitionError

from .conftest import Case, definition_text, first_lines

P = """
[[periods]]
start = 2023-07-24
every_weeks = 1
"""
base = definition_text(P)
CASES: tuple[Case, ...] = (
    Case(
        "interval-0",
        base.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;INTERVAL=0"'),
        [
            'x.toml:37:1: periods[1].rrule = "FREQ=WEEKLY;INTERVAL=0": has INTERVAL=0; it must be a whole number from 1 to 52. Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "interval-negative",
        base.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;INTERVAL=-1"'),
        [
            'x.toml:37:1: periods[1].rrule = "FREQ=WEEKLY;INTERVAL=-1": has INTERVAL=-1; it must be a whole number from 1 to 52. Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "secondly",
        base.replace("every_weeks = 1", 'rrule = "FREQ=SECONDLY"'),
        [
            'x.toml:37:1: periods[1].rrule = "FREQ=SECONDLY": needs a FREQ of DAILY, WEEKLY, MONTHLY or YEARLY (sessions are days apart). Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "move-far",
        definition_text(
            P, '[[exceptions]]\nsession = 2023-08-07\nmove_to = 9999-11-01\nreason = "x"\n'
        ),
        [
            "x.toml:41:1: exceptions[1].move_to = 9999-11-01: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    Case(
        "move-near-end",
        definition_text(
            P, '[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-10-30\nreason = "x"\n'
        ),
        [
            "x.toml:41:1: exceptions[1].move_to = 2023-10-30: is too far from the session of 2023-08-07: a session moves at most 28 days and lasts at most 14 days. Fix: check the dates (a typo in the month or year?).",
        ],
    ),
    Case(
        "delivery-far",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-08-07\ndelivery = [9999-12-30, 9999-12-31]\nreason = "x"\n',
        ),
        [
            "x.toml:41:1: exceptions[1].delivery = 9999-12-30: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    Case(
        "revised-year-1",
        base.replace("revised = 2023-07-18", "revised = 0001-01-01"),
        [
            "x.toml:9:1: calendar.revised = 0001-01-01: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    Case(
        "revised-past-9999",
        base.replace("revised = 2023-07-18", "revised = 9999-12-31T23:00:00-05:00"),
        [
            "x.toml:9:1: calendar.revised = 9999-12-31: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    Case(
        "period-9990",
        definition_text(P.replace("2023-07-24", "9990-07-24"), horizon="9990-10-10"),
        [
            "x.toml:10:1: calendar.horizon = 9990-10-10: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    Case(
        "id-con",
        definition_text(P, calendar_id="con"),
        [
            'x.toml:2:1: calendar.id = "con": is a device name that Windows refuses as a file name. Fix: choose another id, e.g. `id = "vaccins-con"`.',
        ],
    ),
    Case(
        "id-lpt1",
        definition_text(P, calendar_id="lpt1"),
        [
            'x.toml:2:1: calendar.id = "lpt1": is a device name that Windows refuses as a file name. Fix: choose another id, e.g. `id = "vaccins-lpt1"`.',
        ],
    ),
    Case(
        "same-days",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-08-09\nreason = "x"\n[[exceptions]]\nsession = 2023-08-14\nmove_to = 2023-08-10\nreason = "y"\n',
        ),
        [
            "x.toml:39:1: exceptions: the sessions of 2023-08-07 and 2023-08-14 would share 2023-08-10. Fix: move or lengthen only one of them onto those days, or close the other; for sessions on new days, end the earlier period before the day they share.",
        ],
    ),
    Case(
        "noncharacter",
        base.replace('name = "Essai"', 'name = "Essai\\uFFFF"'),
        [
            'x.toml:3:1: calendar.name = "Essai\uffff": contains U+FFFF, which calendar feeds and XML cannot carry. Fix: retype the text without invisible characters.',
        ],
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bounded_and_clear(case: Case) -> None:
    assert first_lines(case.text) == case.messages


def test_cases_are_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_ids_whose_files_would_collide(write_file: Callable[[str, str | bytes], Path]) -> None:
    # vx-sessions.ics is both the sessions feed of `vx` and the main feed of `vx-sessions`.
    first = write_file("a.toml", definition_text(P, calendar_id="vx"))
    second = write_file("b.toml", definition_text(P, calendar_id="vx-sessions"))
    with pytest.raises(DefinitionError) as caught:
        load_all([first, second], ["a.toml", "b.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'b.toml:2:1: calendar.id = "vx-sessions": its file vx-sessions.ics would overwrite the '
        "file of the same name of a.toml (id `vx`). Fix: choose an id that no other id followed "
        "by a file suffix (-sessions, -livraisons…, -tableur) gives."
    ]
    # The spreadsheet CSV of `vx` and the CSV of `vx-tableur` (a review of the new file).
    third = write_file("c.toml", definition_text(P, calendar_id="vx-tableur"))
    with pytest.raises(DefinitionError) as caught:
        load_all([first, third], ["a.toml", "c.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'c.toml:2:1: calendar.id = "vx-tableur": its file vx-tableur.csv would overwrite the '
        "file of the same name of a.toml (id `vx`). Fix: choose an id that no other id followed "
        "by a file suffix (-sessions, -livraisons…, -tableur) gives."
    ]
