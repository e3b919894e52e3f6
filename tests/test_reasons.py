"""Why a session differs from its cadence, as the JSON says it to software (issue 13).

Expected values are written out from the notices: DGS-Urgent N°2023-08 opens the
sessions of 1, 8 and 29 May 2023 from the Friday before; DGS-Urgent N°2023-11 closes
every other week from 31 July; the calendar of spring 2024 has Lundi de Pâques on
1 April, Ascension on Thursday 9 May and Lundi de Pentecôte on 20 May.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from vaxical.definition import load, loads
from vaxical.model import Definition, Ledger
from vaxical.pipeline import render_all

from .conftest import LEDGER_2023, SEED_DEFINITION, definition_text
from .ledger_text import SECOND, SUSPEND, ledger_text

DGS_2023_08 = {"reference": "DGS-Urgent N°2023-08", "date": "2023-04-26"}
DGS_2023_11 = {"reference": "DGS-Urgent N°2023-11", "date": "2023-07-18"}
NOTE_1 = {"reference": "Note N°1", "date": "2023-07-18"}


def _sessions(source: Ledger | Definition) -> dict[str, dict[str, Any]]:
    document = json.loads(render_all([source])[f"{source.id}.json"])
    return {session["session"]: session for session in document["sessions"]}


def _why(sessions: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """The kinds of reasons of each session that has any."""
    return {
        day: [reason["kind"] for reason in session["reasons"]]
        for day, session in sessions.items()
        if session["reasons"]
    }


def _reason(
    kind: str,
    notice: dict[str, str],
    holiday: tuple[str, str] | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "holiday": None if holiday is None else {"date": holiday[0], "name": holiday[1]},
        "text": text,
        "notice": notice,
    }


def test_shipped_1_may_2023_opened_early_for_fete_du_travail() -> None:
    session = _sessions(load(LEDGER_2023))["2023-05-01"]
    assert session["days"] == {"first_day": "2023-04-28", "last_day": "2023-05-02"}
    assert (session["open"], session["moved"], session["exception"]) == (True, False, None)
    assert session["reasons"] == [
        _reason("opened-early", DGS_2023_08, ("2023-05-01", "Fête du Travail"))
    ]


def test_shipped_sessions_that_differ_and_why() -> None:
    sessions = _sessions(load(LEDGER_2023))
    assert _why(sessions) == {
        "2023-05-01": ["opened-early"],
        "2023-05-08": ["opened-early"],
        "2023-05-29": ["opened-early"],
        "2023-07-31": ["cadence"],
        "2023-08-14": ["cadence"],
        "2023-08-28": ["cadence"],
        "2023-09-11": ["cadence"],
    }
    assert sessions["2023-05-29"]["reasons"] == [
        _reason("opened-early", DGS_2023_08, ("2023-05-29", "Lundi de Pentecôte"))
    ]
    # Closed by the cadence of DGS-Urgent N°2023-11, before any holiday rule: the
    # Assomption (Tuesday 15 August) is not the reason.
    assert sessions["2023-08-14"]["reasons"] == [_reason("cadence", DGS_2023_11)]
    # Lundi de Pâques 2023 (10 April) came before the holiday rule of 2023-08.
    assert sessions["2023-04-10"]["reasons"] == []


def test_before_15_september_the_25_september_session_was_closed_by_the_cadence() -> None:
    ledger = load(LEDGER_2023).as_of(dt.date(2023, 9, 14))
    assert ledger is not None
    session = _sessions(ledger)["2023-09-25"]
    assert (session["open"], session["exception"]) == (False, None)
    assert session["reasons"] == [_reason("cadence", DGS_2023_11)]


def test_seed_closed_weeks_are_the_cadence_every_other_week() -> None:
    sessions = _sessions(load(SEED_DEFINITION))
    assert _why(sessions) == {
        "2023-07-31": ["cadence"],
        "2023-08-14": ["cadence"],
        "2023-08-28": ["cadence"],
        "2023-09-11": ["cadence"],
        "2023-09-25": ["cadence"],
    }
    for day in ("2023-07-31", "2023-08-14", "2023-08-28", "2023-09-11", "2023-09-25"):
        assert sessions[day]["exception"] is None
        assert sessions[day]["reasons"] == [_reason("cadence", DGS_2023_11)]


SPRING_2024 = """
    [[periods]]
    start = 2024-03-25
    every_weeks = 1
    """


def test_holiday_closures_and_a_moved_delivery() -> None:
    definition = loads(
        definition_text(
            SPRING_2024,
            '[holidays]\nsessions = "close"\ndeliveries = "next-working-day"\n',
            horizon="2024-05-27",
        ),
        "essai.toml",
    )
    sessions = _sessions(definition)
    assert _why(sessions) == {
        "2024-04-01": ["holiday"],
        "2024-04-29": ["delivery-moved"],
        "2024-05-20": ["holiday"],
    }
    # Before, `"exception": null` was all software could read of these.
    assert sessions["2024-04-01"]["exception"] is None
    assert sessions["2024-04-01"]["reasons"] == [
        _reason("holiday", NOTE_1, ("2024-04-01", "Lundi de Pâques"))
    ]
    assert sessions["2024-05-20"]["reasons"] == [
        _reason("holiday", NOTE_1, ("2024-05-20", "Lundi de Pentecôte"))
    ]
    moved = sessions["2024-04-29"]
    assert moved["delivery"] == {"first_day": "2024-05-10", "last_day": "2024-05-13"}
    assert moved["reasons"] == [_reason("delivery-moved", NOTE_1, ("2024-05-09", "Ascension"))]


def test_an_exception_first_then_the_delivery_it_left_to_the_holiday_rule() -> None:
    definition = loads(
        definition_text(
            SPRING_2024,
            """
            [holidays]
            deliveries = "next-working-day"

            [[exceptions]]
            session = 2024-04-29
            days = [2024-04-26, 2024-04-30]
            reason = "Pont du 1er mai"
            """,
            horizon="2024-05-06",
        ),
        "essai.toml",
    )
    session = _sessions(definition)["2024-04-29"]
    assert session["days"] == {"first_day": "2024-04-26", "last_day": "2024-04-30"}
    assert session["exception"] == "Pont du 1er mai"
    assert session["reasons"] == [
        _reason("exception", NOTE_1, text="Pont du 1er mai"),
        _reason("delivery-moved", NOTE_1, ("2024-05-09", "Ascension")),
    ]


def test_an_exception_that_closes_is_the_only_reason() -> None:
    definition = loads(
        definition_text(
            SPRING_2024,
            '[[exceptions]]\nsession = 2024-04-08\nclose = true\nreason = "Inventaire"\n',
            horizon="2024-04-15",
        ),
        "essai.toml",
    )
    session = _sessions(definition)["2024-04-08"]
    assert (session["open"], session["exception"]) == (False, "Inventaire")
    assert session["reasons"] == [_reason("exception", NOTE_1, text="Inventaire")]


def test_closed_until_further_notice() -> None:
    # The closure, then the sessions the first block had announced up to its horizon:
    # each closed by the closure, which the notice of 1 February made so.
    sessions = _sessions(loads(ledger_text(SUSPEND), "x.toml"))
    closed = [
        "2024-02-12",
        "2024-02-19",
        "2024-02-26",
        "2024-03-04",
        "2024-03-11",
        "2024-03-18",
        "2024-03-25",
    ]
    assert list(sessions)[-8:] == ["2024-02-05", *closed]
    assert _why(sessions) == {day: ["suspended"] for day in closed}
    for day in closed:
        assert sessions[day]["reasons"] == [
            _reason("suspended", {"reference": "Avis N°2", "date": "2024-02-01"})
        ]


def test_the_notice_is_the_one_that_changed_the_session_a_correction_included() -> None:
    correction = """\
        [[revisions]]
        correction = "Session du 19 février fermée : maintenance du portail"
        date = 2024-02-10

        [[revisions.exceptions]]
        session = 2024-02-19
        close = true
        reason = "Maintenance du portail"
        """
    closing = (
        SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\nclose = true\n"
        'reason = "Inventaire"\n'
    )
    sessions = _sessions(loads(ledger_text(closing, correction), "x.toml"))
    assert _why(sessions) == {"2024-02-12": ["exception"], "2024-02-19": ["exception"]}
    assert sessions["2024-02-12"]["reasons"] == [
        _reason("exception", {"reference": "Avis N°2", "date": "2024-02-01"}, text="Inventaire")
    ]
    assert sessions["2024-02-19"]["reasons"] == [
        _reason(
            "exception",
            {"reference": "Correction du calendrier", "date": "2024-02-10"},
            text="Maintenance du portail",
        )
    ]
