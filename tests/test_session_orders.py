"""A session's orders come after it, whatever makes the session longer or moves a clock:
a later block's days, an exception's, a confirmation stated in another zone, session
hours in the night of a clock change. Each case was accepted, and published a wrong
calendar (the hostile-input audit); each is refused with the first line of its message
written out, and the fix it gives, followed, is accepted."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from vaxical.definition import loads

from .conftest import definition_text, first_lines
from .ledger_text import CALENDAR, FIRST, SECOND, ledger_text, notice

# Delivery on J+2 to J+3: right for Monday-Tuesday sessions, not for longer ones.
SHORT = FIRST.replace("first_day = 10\nlast_day = 11", "first_day = 2\nlast_day = 3")
THREE_DAYS = 'days = ["monday", "tuesday", "wednesday"]'
# Monday to Wednesday, delivered J+3; then Monday-Tuesday, delivered J+2, from 4 March.
LONG = FIRST.replace('"monday", "tuesday"]', '"monday", "tuesday", "wednesday"]').replace(
    "first_day = 10\nlast_day = 11", "first_day = 3\nlast_day = 4"
)
TWO_DAYS_FROM_MARCH = (
    'from = 2024-03-04\n[revisions.sessions]\ndays = ["monday", "tuesday"]\n'
    "[revisions.delivery]\nfirst_day = 2\nlast_day = 3\n"
)
HOURS_ALONE = "from = 2024-02-05\n[revisions.sessions]\nopens = 08:00:00\ncloses = 23:00:00\n"
# Portal open from Monday 14:00 to Tuesday 12:00.
HOURS = FIRST.replace(
    'days = ["monday", "tuesday"]\n',
    'days = ["monday", "tuesday"]\nopens = 14:00:00\ncloses = 12:00:00\n',
)
TAHITI = CALENDAR.replace("Europe/Paris", "Pacific/Tahiti")
# Tuesday 08:00 in Paris, for Monday-Tuesday sessions: 21:00 on Monday in Tahiti.
PARIS_MORNING = FIRST.replace(
    "day = 2\ntime = 18:00:00\nminutes = 30\n",
    'day = 1\ntime = 08:00:00\nminutes = 30\ntimezone = "Europe/Paris"\n',
)


def _exception(session: str, days: str, more: str = "") -> str:
    return f'[[revisions.exceptions]]\nsession = {session}\ndays = {days}\n{more}reason = "Essai"\n'


class Refused(NamedTuple):
    name: str
    text: str
    messages: list[str]
    fixed: str
    """The text with the fix the message gives, followed."""


CASES: tuple[Refused, ...] = (
    # The audit's r9: the delivery an earlier block set (J+2) falls on the last day of
    # the sessions a later block lengthens.
    Refused(
        "later-block-lengthens-past-the-delivery",
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n", first=SHORT
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["monday", "tuesday", "wednesday"]: with the delivery in force (first_day = 2), would deliver before the session ends (a session lasts 3 days, J+0 to J+2). Fix: add [revisions.delivery] to this block with `from = 2024-02-05`, and in it use a first_day of at least 3 (J = first day of the session).',
        ],
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n"
            "[revisions.delivery]\nfrom = 2024-02-05\nfirst_day = 3\nlast_day = 4\n",
            first=SHORT,
        ),
    ),
    # A review: the block has its own [revisions.delivery], from a later session than its
    # longer sessions: « add [revisions.delivery] to this block », followed, wrote the
    # table twice. Its `from` moves back.
    Refused(
        "later-block-lengthens-before-its-own-delivery",
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n"
            "[revisions.delivery]\nfrom = 2024-02-19\nfirst_day = 3\nlast_day = 4\n",
            first=SHORT,
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["monday", "tuesday", "wednesday"]: with the delivery in force (first_day = 2), would deliver before the session ends (a session lasts 3 days, J+0 to J+2). Fix: give [revisions.delivery] of this block `from = 2024-02-05`, and in it use a first_day of at least 3 (J = first day of the session).',
        ],
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n"
            "[revisions.delivery]\nfrom = 2024-02-05\nfirst_day = 3\nlast_day = 4\n",
            first=SHORT,
        ),
    ),
    # A review: the block's own confirmation says `none = true` from a later session: its
    # `from` moves back, and there is no day to give it.
    Refused(
        "later-block-lengthens-before-its-own-none",
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n"
            "[revisions.confirmation]\nfrom = 2024-02-19\nnone = true\n",
            first=FIRST.replace("day = 2\n", "day = 1\n").replace(
                "first_day = 10\nlast_day = 11", "first_day = 5\nlast_day = 6"
            ),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["monday", "tuesday", "wednesday"]: with the confirmation in force (day = 1), would show the confirmation before the session\'s last day. Fix: give [revisions.confirmation] of this block `from = 2024-02-05`.',
        ],
        ledger_text(
            SECOND + f"from = 2024-02-05\n[revisions.sessions]\n{THREE_DAYS}\n"
            "[revisions.confirmation]\nfrom = 2024-02-05\nnone = true\n",
            first=FIRST.replace("day = 2\n", "day = 1\n").replace(
                "first_day = 10\nlast_day = 11", "first_day = 5\nlast_day = 6"
            ),
        ),
    ),
    # The block's own delivery, from an earlier session than its longer sessions.
    Refused(
        "delivery-from-before-the-longer-sessions",
        ledger_text(
            SECOND + "[revisions.delivery]\nfrom = 2024-02-05\nfirst_day = 2\nlast_day = 3\n"
            f"[revisions.sessions]\nfrom = 2024-02-19\n{THREE_DAYS}\n"
        ),
        [
            "x.toml:45:1: revisions[2].delivery.first_day = 2: would deliver before the session ends (a session lasts 3 days, J+0 to J+2). Fix: use a first_day of at least 3 (J = first day of the session).",
        ],
        ledger_text(
            SECOND + "[revisions.delivery]\nfrom = 2024-02-05\nfirst_day = 3\nlast_day = 4\n"
            f"[revisions.sessions]\nfrom = 2024-02-19\n{THREE_DAYS}\n"
        ),
    ),
    # Hours alone restate the days in force at the block's `from` (three), over the two
    # days, delivered J+2, that an earlier block gave the sessions from 4 March: the
    # table is said, having no `days` of its own.
    Refused(
        "hours-alone-restate-longer-days",
        ledger_text(
            SECOND + TWO_DAYS_FROM_MARCH, notice(3, "2024-02-02") + HOURS_ALONE, first=LONG
        ),
        [
            "x.toml:57:1: revisions[3].sessions: with the delivery in force (first_day = 2), would deliver before the session ends (a session lasts 3 days, J+0 to J+2). Fix: add [revisions.delivery] to this block with `from = 2024-02-05`, and in it use a first_day of at least 3 (J = first day of the session).",
        ],
        ledger_text(
            SECOND + TWO_DAYS_FROM_MARCH,
            notice(3, "2024-02-02")
            + HOURS_ALONE
            + "[revisions.delivery]\nfrom = 2024-02-05\nfirst_day = 3\nlast_day = 4\n",
            first=LONG,
        ),
    ),
    # The confirmation an earlier block set (J+2) before the last day of four-day sessions.
    Refused(
        "later-block-lengthens-past-the-confirmation",
        ledger_text(
            SECOND + "from = 2024-02-05\n[revisions.sessions]\n"
            'days = ["monday", "tuesday", "wednesday", "thursday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["monday", "tuesday", "wednesday", "thursday"]: with the confirmation in force (day = 2), would show the confirmation before the session\'s last day. Fix: add [revisions.confirmation] to this block with `from = 2024-02-05` and all its keys, and in it use a day of at least 3 (J = first day of the session).',
        ],
        ledger_text(
            SECOND + "from = 2024-02-05\n[revisions.sessions]\n"
            'days = ["monday", "tuesday", "wednesday", "thursday"]\n'
            "[revisions.confirmation]\nday = 3\ntime = 18:00:00\nminutes = 30\n"
        ),
    ),
    # The audit's r10: Friday to Wednesday, J still the Monday, delivered from J+2.
    Refused(
        "exception-lengthens-past-the-delivery",
        ledger_text(first=SHORT + _exception("2024-01-15", "[2024-01-12, 2024-01-17]")),
        [
            "x.toml:38:1: revisions[1].exceptions[1].days = [2024-01-12, 2024-01-17]: would deliver before the session ends (2024-01-17): the rules deliver from J+2, 2024-01-17 (J = 2024-01-15). Fix: give this exception a delivery after that day, e.g. `delivery = [2024-01-18, 2024-01-19]`, or end the session before 2024-01-17.",
        ],
        ledger_text(
            first=SHORT
            + _exception(
                "2024-01-15", "[2024-01-12, 2024-01-17]", "delivery = [2024-01-18, 2024-01-19]\n"
            )
        ),
    ),
    Refused(
        "exception-lengthens-past-the-delivery-shortened",
        ledger_text(first=SHORT + _exception("2024-01-15", "[2024-01-12, 2024-01-17]")),
        [
            "x.toml:38:1: revisions[1].exceptions[1].days = [2024-01-12, 2024-01-17]: would deliver before the session ends (2024-01-17): the rules deliver from J+2, 2024-01-17 (J = 2024-01-15). Fix: give this exception a delivery after that day, e.g. `delivery = [2024-01-18, 2024-01-19]`, or end the session before 2024-01-17.",
        ],
        ledger_text(first=SHORT + _exception("2024-01-15", "[2024-01-12, 2024-01-16]")),
    ),
    # Monday to Thursday, the confirmation on J+2 (Wednesday).
    Refused(
        "exception-lengthens-past-the-confirmation",
        ledger_text(SECOND + _exception("2024-02-12", "[2024-02-12, 2024-02-15]")),
        [
            "x.toml:45:1: revisions[2].exceptions[1].days = [2024-02-12, 2024-02-15]: would show the confirmation before the session's last day (2024-02-15): the rules show it on J+2, 2024-02-14 (J = 2024-02-12). Fix: end the session on or before 2024-02-14.",
        ],
        ledger_text(SECOND + _exception("2024-02-12", "[2024-02-12, 2024-02-14]")),
    ),
    # The audit's r4: cut to its Monday, the session would close at 12:00, opened at 14:00.
    Refused(
        "exception-cuts-to-a-day-that-closes-before-it-opens",
        ledger_text(first=HOURS + _exception("2024-01-15", "[2024-01-15, 2024-01-15]")),
        [
            "x.toml:40:1: revisions[1].exceptions[1].days = [2024-01-15, 2024-01-15]: makes a one-day session, which would close at 12:00:00 before it opens at 14:00:00 (the rules' hours). Fix: give it two days or more, e.g. `days = [2024-01-15, 2024-01-16]`, or replace `days` with `close = true`.",
        ],
        ledger_text(first=HOURS + _exception("2024-01-15", "[2024-01-15, 2024-01-16]")),
    ),
    # Hours a later block gives sessions an earlier exception cut to one day.
    Refused(
        "hours-for-a-session-cut-to-a-day",
        ledger_text(
            SECOND
            + _exception("2024-02-12", "[2024-02-12, 2024-02-12]")
            + SECOND.replace("Avis N°2", "Avis N°3").replace("2024-02-01", "2024-02-02")
            + "from = 2024-02-05\n[revisions.sessions]\n"
            'days = ["monday", "tuesday"]\nopens = 14:00:00\ncloses = 12:00:00\n'
        ),
        [
            "x.toml:57:1: revisions[3].sessions.closes = 12:00:00: is not after `opens` (14:00:00) on the session of 2024-02-12, which an exception makes one day long (2024-02-12). Fix: give a closing time later than the opening one, or give that session two days or more in a [[revisions.exceptions]] entry of this block.",
        ],
        ledger_text(
            SECOND
            + _exception("2024-02-12", "[2024-02-12, 2024-02-12]")
            + SECOND.replace("Avis N°2", "Avis N°3").replace("2024-02-01", "2024-02-02")
            + "from = 2024-02-05\n[revisions.sessions]\n"
            'days = ["monday", "tuesday"]\nopens = 14:00:00\ncloses = 12:00:00\n'
            + _exception("2024-02-12", "[2024-02-12, 2024-02-13]")
        ),
    ),
    # The audit's r2: Sunday 31 March 2024 at 02:30 does not exist in Paris.
    Refused(
        "session-hours-in-the-night-of-the-clock-change",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["sunday", "monday"]\nopens = 02:30:00\ncloses = 23:00:00\n',
            )
            .replace("start = 2024-01-08", "start = 2024-01-07")
            .replace("horizon = 2024-03-25", "horizon = 2024-04-08")
        ),
        [
            "x.toml:20:1: revisions[1].sessions.opens = 02:30:00: 2024-03-31 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); the session's events and data would say the portal opens at the wrong hour. Fix: choose session hours away from the night's DST change (e.g. `opens = 08:00:00` and `closes = 23:00:00`), or move the session with an exception.",
        ],
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["sunday", "monday"]\nopens = 08:00:00\ncloses = 23:00:00\n',
            )
            .replace("start = 2024-01-08", "start = 2024-01-07")
            .replace("horizon = 2024-03-25", "horizon = 2024-04-08")
        ),
    ),
    # The audit's r14 and r15: the day counted in Paris, the calendar in Tahiti (UTC-10).
    Refused(
        "confirmation-in-paris-before-the-last-day-in-tahiti",
        ledger_text(calendar=TAHITI, first=PARIS_MORNING),
        [
            "x.toml:30:1: revisions[1].confirmation.day = 1: would show the confirmation before the session's last day: J+1 at 08:00 in Europe/Paris is 2024-01-08 21:00 in Pacific/Tahiti, the calendar's zone, and the session of 2024-01-08 ends on 2024-01-09 (J+1). Fix: use a day of at least 2 (J = first day of the session).",
        ],
        ledger_text(calendar=TAHITI, first=PARIS_MORNING.replace("day = 1\n", "day = 2\n")),
    ),
    Refused(
        "confirmation-in-paris-before-a-one-day-session-in-tahiti",
        ledger_text(
            calendar=TAHITI,
            first=PARIS_MORNING.replace('"monday", "tuesday"', '"monday"').replace(
                "day = 1\n", "day = 0\n"
            ),
        ),
        [
            "x.toml:30:1: revisions[1].confirmation.day = 0: would show the confirmation before the session's last day: J+0 at 08:00 in Europe/Paris is 2024-01-07 21:00 in Pacific/Tahiti, the calendar's zone, and the session of 2024-01-08 ends on 2024-01-08 (J+0). Fix: use a day of at least 1 (J = first day of the session).",
        ],
        ledger_text(
            calendar=TAHITI, first=PARIS_MORNING.replace('"monday", "tuesday"', '"monday"')
        ),
    ),
    # The format before ledgers reads its exceptions the same way.
    Refused(
        "single-definition-exception-lengthens-past-the-confirmation",
        definition_text(
            "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n",
            '[[exceptions]]\nsession = 2023-07-31\ndays = [2023-07-31, 2023-08-03]\nreason = "x"\n',
        ),
        [
            "x.toml:40:1: exceptions[1].days = [2023-07-31, 2023-08-03]: would show the confirmation before the session's last day (2023-08-03): the rules show it on J+2, 2023-08-02 (J = 2023-07-31). Fix: end the session on or before 2023-08-02.",
        ],
        definition_text(
            "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n",
            '[[exceptions]]\nsession = 2023-07-31\ndays = [2023-07-31, 2023-08-02]\nreason = "x"\n',
        ),
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_refused_with_the_key_that_makes_it_so(case: Refused) -> None:
    assert first_lines(case.text) == case.messages


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_fix_it_gives_is_accepted(case: Refused) -> None:
    loads(case.fixed, "x.toml")


def test_cases_are_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
