"""Whatever a definition says, the work stays bounded and the answer is a clear error
(issue 11): cadences that never end, dates near year 1 or 9999, device names, calendars
whose files would overwrite each other, sessions that would share a day, characters no
feed can carry. Each message is written out whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vaxical.definition import load_all, loads
from vaxical.errors import DefinitionError

from .conftest import definition_text

P = """
[[periods]]
start = 2023-07-24
every_weeks = 1
"""
base = definition_text(P)
CASES = {
    "interval-0": base.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;INTERVAL=0"'),
    "interval-negative": base.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;INTERVAL=-1"'),
    "secondly": base.replace("every_weeks = 1", 'rrule = "FREQ=SECONDLY"'),
    "move-far": definition_text(
        P, '[[exceptions]]\nsession = 2023-08-07\nmove_to = 9999-11-01\nreason = "x"\n'
    ),
    "move-near-end": definition_text(
        P, '[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-10-30\nreason = "x"\n'
    ),
    "delivery-far": definition_text(
        P,
        '[[exceptions]]\nsession = 2023-08-07\ndelivery = [9999-12-30, 9999-12-31]\nreason = "x"\n',
    ),
    "revised-year-1": base.replace("revised = 2023-07-18", "revised = 0001-01-01"),
    "revised-past-9999": base.replace(
        "revised = 2023-07-18", "revised = 9999-12-31T23:00:00-05:00"
    ),
    "period-9990": definition_text(P.replace("2023-07-24", "9990-07-24"), horizon="9990-10-10"),
    "id-con": definition_text(P, calendar_id="con"),
    "id-lpt1": definition_text(P, calendar_id="lpt1"),
    "same-days": definition_text(
        P,
        '[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-08-09\nreason = "x"\n[[exceptions]]\nsession = 2023-08-14\nmove_to = 2023-08-10\nreason = "y"\n',
    ),
    "noncharacter": base.replace('name = "Essai"', 'name = "Essai\\uFFFF"'),
}

EXPECTED = {
    "interval-0": [
        'x.toml:37:1: periods[1].rrule = "FREQ=WEEKLY;INTERVAL=0": has INTERVAL=0; it must be a whole number from 1 to 52. Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
    ],
    "interval-negative": [
        'x.toml:37:1: periods[1].rrule = "FREQ=WEEKLY;INTERVAL=-1": has INTERVAL=-1; it must be a whole number from 1 to 52. Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
    ],
    "secondly": [
        'x.toml:37:1: periods[1].rrule = "FREQ=SECONDLY": needs a FREQ of DAILY, WEEKLY, MONTHLY or YEARLY (sessions are days apart). Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
    ],
    "move-far": [
        "x.toml:41:1: exceptions[1].move_to = 9999-11-01: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
    ],
    "move-near-end": [
        "x.toml:41:1: exceptions[1].move_to = 2023-10-30: is too far from the session of 2023-08-07: a session moves at most 28 days and lasts at most 14 days. Fix: check the dates (a typo in the month or year?).",
    ],
    "delivery-far": [
        "x.toml:41:1: exceptions[1].delivery = 9999-12-30: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
    ],
    "revised-year-1": [
        "x.toml:9:1: calendar.revised = 0001-01-01: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
    ],
    "revised-past-9999": [
        "x.toml:9:1: calendar.revised = 9999-12-31: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
    ],
    "period-9990": [
        "x.toml:10:1: calendar.horizon = 9990-10-10: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
    ],
    "id-con": [
        'x.toml:2:1: calendar.id = "con": is a device name that Windows refuses as a file name. Fix: choose another id, e.g. `id = "vaccins-con"`.',
    ],
    "id-lpt1": [
        'x.toml:2:1: calendar.id = "lpt1": is a device name that Windows refuses as a file name. Fix: choose another id, e.g. `id = "vaccins-lpt1"`.',
    ],
    "same-days": [
        "x.toml:39:1: exceptions: the sessions of 2023-08-07 and 2023-08-14 would share 2023-08-10. Fix: move or lengthen only one of them onto those days, or close the other.",
    ],
    "noncharacter": [
        'x.toml:3:1: calendar.name = "Essai\uffff": contains U+FFFF, which calendar feeds and XML cannot carry. Fix: retype the text without invisible characters.',
    ],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bounded_and_clear(name: str) -> None:
    with pytest.raises(DefinitionError) as caught:
        loads(CASES[name], "x.toml")
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == EXPECTED[name]


def test_every_case_has_its_message() -> None:
    assert sorted(CASES) == sorted(EXPECTED)


def test_ids_whose_files_would_collide(write_file: Callable[[str, str | bytes], Path]) -> None:
    # vx-sessions.ics is both the sessions feed of `vx` and the main feed of `vx-sessions`.
    first = write_file("a.toml", definition_text(P, calendar_id="vx"))
    second = write_file("b.toml", definition_text(P, calendar_id="vx-sessions"))
    with pytest.raises(DefinitionError) as caught:
        load_all([first, second], ["a.toml", "b.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'b.toml:2:1: calendar.id = "vx-sessions": its file vx-sessions.ics would overwrite the '
        "file of the same name of a.toml (id `vx`). Fix: choose an id that no other id followed "
        "by a feed suffix (-sessions, -livraisons…) gives."
    ]
