"""The seed notice, DGS-Urgent N°2023-11, is the first golden case.

Its table ("Calendrier d'ouverture du portail de commande et livraisons indicatives") is
written out below by hand, dates as the notice writes them; the shipped definition
states rules, not these dates, and must reproduce every row.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from icalendar import Calendar

from vaxical.definition import load
from vaxical.pipeline import render_all
from vaxical.render.table import rows
from vaxical.schedule.events import build_events
from vaxical.schedule.expand import expand

from .conftest import SEED_DEFINITION

D = dt.date

# (session, état du portail, livraison indicative) — the notice's table, row by row.
SEED_TABLE = [
    ("17-18 juillet", "Ouvert", "27-28 juillet"),
    ("24-25 juillet", "Ouvert", "3-4 août"),
    ("31 juillet – 1er août", "Fermé", ""),
    ("7-8 août", "Ouvert", "17-18 août"),
    ("14-15 août", "Fermé", ""),
    ("21-22 août", "Ouvert", "31 août – 1er septembre"),
    ("28-29 août", "Fermé", ""),
    ("4-5 septembre", "Ouvert", "14-15 septembre"),
    ("11-12 septembre", "Fermé", ""),
    ("18-19 septembre", "Ouvert", "28-29 septembre"),
    ("25-26 septembre", "Fermé", ""),
    ("2-3 octobre", "Ouvert", "12-13 octobre"),
    ("9-10 octobre", "Ouvert", "19-20 octobre"),
]

# The same table as dates: (first day, last day, open, delivery first, delivery last).
SEED_SESSIONS = [
    (D(2023, 7, 17), D(2023, 7, 18), True, D(2023, 7, 27), D(2023, 7, 28)),
    (D(2023, 7, 24), D(2023, 7, 25), True, D(2023, 8, 3), D(2023, 8, 4)),
    (D(2023, 7, 31), D(2023, 8, 1), False, None, None),
    (D(2023, 8, 7), D(2023, 8, 8), True, D(2023, 8, 17), D(2023, 8, 18)),
    (D(2023, 8, 14), D(2023, 8, 15), False, None, None),
    (D(2023, 8, 21), D(2023, 8, 22), True, D(2023, 8, 31), D(2023, 9, 1)),
    (D(2023, 8, 28), D(2023, 8, 29), False, None, None),
    (D(2023, 9, 4), D(2023, 9, 5), True, D(2023, 9, 14), D(2023, 9, 15)),
    (D(2023, 9, 11), D(2023, 9, 12), False, None, None),
    (D(2023, 9, 18), D(2023, 9, 19), True, D(2023, 9, 28), D(2023, 9, 29)),
    (D(2023, 9, 25), D(2023, 9, 26), False, None, None),
    (D(2023, 10, 2), D(2023, 10, 3), True, D(2023, 10, 12), D(2023, 10, 13)),
    (D(2023, 10, 9), D(2023, 10, 10), True, D(2023, 10, 19), D(2023, 10, 20)),
]

# "dès le mercredi suivant la session de commande à partir de 18h00": Paris is on
# summer time (UTC+2) for every one of these, so 18:00 there is 16:00 UTC.
SEED_CONFIRMATIONS_UTC = [
    "2023-07-19T16:00:00Z",
    "2023-07-26T16:00:00Z",
    "2023-08-09T16:00:00Z",
    "2023-08-23T16:00:00Z",
    "2023-09-06T16:00:00Z",
    "2023-09-20T16:00:00Z",
    "2023-10-04T16:00:00Z",
    "2023-10-11T16:00:00Z",
]

# "planifier les rendez-vous à partir du lendemain de la date de livraison prévisionnelle"
SEED_APPOINTMENTS = [
    D(2023, 7, 29),
    D(2023, 8, 5),
    D(2023, 8, 19),
    D(2023, 9, 2),
    D(2023, 9, 16),
    D(2023, 9, 30),
    D(2023, 10, 14),
    D(2023, 10, 21),
]


@pytest.fixture(scope="module")
def seed_files() -> dict[str, bytes]:
    return render_all([load(SEED_DEFINITION)])


def test_expansion_reproduces_every_row() -> None:
    sessions = expand(load(SEED_DEFINITION).current)
    actual = [
        (
            session.days.first,
            session.days.last,
            session.is_open,
            session.order.delivery.first if session.order else None,
            session.order.delivery.last if session.order else None,
        )
        for session in sessions
    ]
    assert actual == SEED_SESSIONS


def test_counts_eight_open_five_closed() -> None:
    sessions = expand(load(SEED_DEFINITION).current)
    assert sum(session.is_open for session in sessions) == 8
    assert sum(not session.is_open for session in sessions) == 5


def test_table_rows_are_written_as_the_notice_writes_them() -> None:
    table = rows(expand(load(SEED_DEFINITION).current), "Europe/Paris")
    assert [(row.dates, row.state, row.delivery) for row in table] == SEED_TABLE


def test_confirmations_and_appointments() -> None:
    sessions = expand(load(SEED_DEFINITION).current)
    orders = [session.order for session in sessions if session.order is not None]
    confirmations = [order.confirmation for order in orders if order.confirmation is not None]
    assert [moment.weekday() for moment in confirmations] == [2] * 8  # Wednesday
    assert {moment.time() for moment in confirmations} == {dt.time(18, 0)}
    assert [order.appointments for order in orders] == SEED_APPOINTMENTS


def test_json_holds_the_table(seed_files: dict[str, bytes]) -> None:
    document = json.loads(seed_files["vaccins-covid.json"])
    sessions = [
        (
            D.fromisoformat(item["days"]["first_day"]),
            D.fromisoformat(item["days"]["last_day"]),
            item["open"],
            D.fromisoformat(item["delivery"]["first_day"]) if item["delivery"] else None,
            D.fromisoformat(item["delivery"]["last_day"]) if item["delivery"] else None,
        )
        for item in document["sessions"]
    ]
    assert sessions == SEED_SESSIONS
    confirmations = [e for e in document["events"] if e["kind"] == "confirmation"]
    assert [e["start_utc"] for e in confirmations] == SEED_CONFIRMATIONS_UTC
    assert [e["start"][11:] for e in confirmations] == ["18:00:00+02:00"] * 8


def _events(data: bytes) -> list[tuple[str, dt.date, dt.date]]:
    return [
        (str(event.categories[0]), event.start, event.end)
        for event in Calendar.from_ical(data).events
    ]


def test_feeds_hold_the_table(seed_files: dict[str, bytes]) -> None:
    sessions = _events(seed_files["vaccins-covid-sessions.ics"])
    # All-day: DTEND is the day after the last day (RFC 5545 §3.6.1).
    expected_sessions = [
        ("Portail ouvert" if is_open else "Portail fermé", first, last + dt.timedelta(days=1))
        for first, last, is_open, _, _ in SEED_SESSIONS
    ]
    assert sessions == expected_sessions
    deliveries = _events(seed_files["vaccins-covid-livraisons.ics"])
    assert deliveries == [
        ("Livraison", first, last + dt.timedelta(days=1))
        for _, _, is_open, first, last in SEED_SESSIONS
        if is_open and first is not None and last is not None
    ]
    appointments = _events(seed_files["vaccins-covid-rendez-vous.ics"])
    assert appointments == [
        ("Rendez-vous", day, day + dt.timedelta(days=1)) for day in SEED_APPOINTMENTS
    ]
    confirmations = _events(seed_files["vaccins-covid-confirmations.ics"])
    instants = [start for _, start, _ in confirmations if isinstance(start, dt.datetime)]
    assert [
        moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for moment in instants
    ] == SEED_CONFIRMATIONS_UTC
    assert {end - start for _, start, end in confirmations} == {dt.timedelta(minutes=30)}


def test_combined_feed_holds_every_event(seed_files: dict[str, bytes]) -> None:
    events = _events(seed_files["vaccins-covid.ics"])
    assert len(events) == 13 + 8 * 3


def test_index_shows_the_table(seed_files: dict[str, bytes]) -> None:
    html = seed_files["index.html"].decode()
    assert "Calendrier d&#39;ouverture du portail de commande et livraisons indicatives" in html
    for dates, state, delivery in SEED_TABLE:
        row = html[html.index(f">{dates}</th>") :]
        row = row[: row.index("</tr>")]
        assert f">{state}</span>" in row
        assert f">{delivery}</td>" in row


def test_event_uids_follow_the_nominal_session() -> None:
    definition = load(SEED_DEFINITION).current
    events = build_events(definition, expand(definition))
    first_session = [event.uid for event in events if event.session == D(2023, 7, 17)]
    assert first_session == [
        "vaccins-covid-session-20230717@vaxical",
        "vaccins-covid-rappel-20230717@vaxical",
        "vaccins-covid-confirmation-20230717@vaxical",
        "vaccins-covid-livraison-20230717@vaxical",
        "vaccins-covid-rendez-vous-20230717@vaxical",
    ]


def test_the_seed_definition_states_the_seed_notice() -> None:
    # Guards against these tests silently reading another calendar.
    definition = load(SEED_DEFINITION).current
    notice = definition.latest_notice
    assert (notice.reference, notice.date) == ("DGS-Urgent N°2023-11", D(2023, 7, 18))
    assert [(p.start, p.end, p.every_weeks) for p in definition.periods] == [
        (D(2023, 7, 17), D(2023, 7, 23), 1),
        (D(2023, 7, 24), D(2023, 10, 1), 2),
        (D(2023, 10, 2), None, 1),
    ]
