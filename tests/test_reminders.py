"""The reminders feed's alarms: a reminder's day counts from the session's first day, and
the last-day reminder stays on the last day of a session made longer or shorter (the
audit of 27 November 2026 found it on the Saturday of a session open until Tuesday)."""

from __future__ import annotations

import datetime as dt

from vaxical.definition import load, loads
from vaxical.model import Definition
from vaxical.pipeline import calendar_of
from vaxical.schedule.events import Kind
from vaxical.schedule.feeds import reminder_moments

from .conftest import LEDGER_2023, definition_text

PRODUCT = "vaccins Covid-19"


def _alarms(source: object, session: dt.date) -> list[tuple[str, str, str]]:
    """(trigger from the event's start, local moment, text) of one session's reminder."""
    calendar = calendar_of(source)  # type: ignore[arg-type]
    (event,) = [e for e in calendar.events if e.kind is Kind.REMINDER and e.session == session]
    return [(str(alarm.trigger), alarm.at.isoformat(), alarm.description) for alarm in event.alarms]


def test_a_session_opened_from_the_friday_before_is_reminded_on_its_last_day() -> None:
    # DGS-Urgent N°2023-08: the session of 1 May 2023 opens on Friday 28 April and closes
    # on Tuesday 2 May. The shipped reminders: J at 9:00 and J+1 (the last day) at 9:00.
    shipped = load(LEDGER_2023)
    assert _alarms(shipped, dt.date(2023, 5, 1)) == [
        (
            "9:00:00",
            "2023-04-28T09:00:00+02:00",
            f"Le portail de commande est ouvert aujourd'hui – {PRODUCT}",
        ),
        (
            "4 days, 9:00:00",
            "2023-05-02T09:00:00+02:00",
            f"Dernier jour pour commander – {PRODUCT}",
        ),
    ]
    # A session as the rules give it: Monday and Tuesday.
    assert _alarms(shipped, dt.date(2023, 7, 17)) == [
        (
            "9:00:00",
            "2023-07-17T09:00:00+02:00",
            f"Le portail de commande est ouvert aujourd'hui – {PRODUCT}",
        ),
        ("1 day, 9:00:00", "2023-07-18T09:00:00+02:00", f"Dernier jour pour commander – {PRODUCT}"),
    ]


REMINDERS = """
[reminders]
alarms = [
    { day = -1, time = 17:30:00 },
    { day = 0, time = 09:00:00 },
    { day = 1, time = 09:00:00 },
    { day = 2, time = 08:00:00 },
]
"""


def test_a_session_made_shorter_rings_once_on_its_one_day() -> None:
    # Monday 24 July 2023 alone, where the rules give Monday and Tuesday: the J and J+1
    # reminders fall at the same moment and ring once; the day after the last day is the
    # Tuesday, not the Wednesday.
    text = definition_text(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        REMINDERS
        + """
[[exceptions]]
session = 2023-07-24
days = [2023-07-24, 2023-07-24]
reason = "Maintenance du portail"
""",
    )
    shortened = loads(text, "essai.toml")
    assert _alarms(shortened, dt.date(2023, 7, 24)) == [
        (
            "-1 day, 17:30:00",
            "2023-07-23T17:30:00+02:00",
            "Le portail de commande ouvre lundi 24 juillet 2023 – vaccins Covid-19",
        ),
        (
            "9:00:00",
            "2023-07-24T09:00:00+02:00",
            "Le portail de commande est ouvert aujourd'hui, dernier jour – vaccins Covid-19",
        ),
        (
            "1 day, 8:00:00",
            "2023-07-25T08:00:00+02:00",
            "Session de commande terminée – vaccins Covid-19",
        ),
    ]
    # The week before, as the rules give it.
    assert _alarms(shortened, dt.date(2023, 7, 17)) == [
        (
            "-1 day, 17:30:00",
            "2023-07-16T17:30:00+02:00",
            "Le portail de commande ouvre lundi 17 juillet 2023 – vaccins Covid-19",
        ),
        (
            "9:00:00",
            "2023-07-17T09:00:00+02:00",
            "Le portail de commande est ouvert aujourd'hui – vaccins Covid-19",
        ),
        (
            "1 day, 9:00:00",
            "2023-07-18T09:00:00+02:00",
            "Dernier jour pour commander – vaccins Covid-19",
        ),
        (
            "2 days, 8:00:00",
            "2023-07-19T08:00:00+02:00",
            "Session de commande terminée – vaccins Covid-19",
        ),
    ]


def test_one_day_rules_ring_on_j_as_before() -> None:
    # Sessions of one day (Monday): J is both the first and the last day; its reminder
    # says the portal is open, as it always did, and nothing moves it.
    text = definition_text(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        "\n[reminders]\nalarms = [{ day = 0, time = 09:00:00 }, { day = 1, time = 08:00:00 }]\n",
    ).replace('days = ["monday", "tuesday"]', 'days = ["monday"]')
    one_day = loads(text, "essai.toml")
    assert _alarms(one_day, dt.date(2023, 7, 24)) == [
        (
            "9:00:00",
            "2023-07-24T09:00:00+02:00",
            "Le portail de commande est ouvert aujourd'hui – vaccins Covid-19",
        ),
        (
            "1 day, 8:00:00",
            "2023-07-25T08:00:00+02:00",
            "Session de commande terminée – vaccins Covid-19",
        ),
    ]


def _weekly(days: str) -> Definition:
    """Weekly sessions of ``days`` (a TOML list), with the four reminders above."""
    text = definition_text("[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n", REMINDERS)
    return loads(text.replace('["monday", "tuesday"]', days), "essai.toml").current


def test_the_page_names_the_first_and_the_last_day() -> None:
    # The alarms follow a session opened from the Friday before (28 April 2023 above): the
    # page says "the first day" rather than "Monday", which that session's first day is not.
    assert reminder_moments(load(LEDGER_2023).current) == (
        "le premier jour à 9h00 et le dernier jour à 9h00"
    )
    assert reminder_moments(_weekly('["monday", "tuesday"]')) == (
        "la veille à 17h30, le premier jour à 9h00, le dernier jour à 9h00 et le mercredi à 8h00"
    )
    assert reminder_moments(_weekly('["monday"]')) == (
        "la veille à 17h30, le jour de la session à 9h00, le mardi à 9h00 et le mercredi à 8h00"
    )
    # Sessions of three days: the middle one by its rank, which a session opened from the
    # Friday before puts on the Saturday.
    assert reminder_moments(_weekly('["monday", "tuesday", "wednesday"]')) == (
        "la veille à 17h30, le premier jour à 9h00, le deuxième jour à 9h00 et le dernier "
        "jour à 8h00"
    )
