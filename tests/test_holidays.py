"""Public holidays against the official lists, and the definition's holiday policy."""

from __future__ import annotations

import datetime as dt

import pytest

from vaxical.render.advice import holiday_warnings
from vaxical.render.table import rows
from vaxical.rules import Region
from vaxical.schedule.events import build_events
from vaxical.schedule.expand import expand
from vaxical.schedule.holidays import holiday_on, holidays_of

from .conftest import make

D = dt.date

# The eleven legal holidays (Code du travail L3133-1), as service-public.fr lists them.
NATIONAL = {
    2023: [
        D(2023, 1, 1), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8), D(2023, 5, 18),
        D(2023, 5, 29), D(2023, 7, 14), D(2023, 8, 15), D(2023, 11, 1), D(2023, 11, 11),
        D(2023, 12, 25),
    ],
    2024: [
        D(2024, 1, 1), D(2024, 4, 1), D(2024, 5, 1), D(2024, 5, 8), D(2024, 5, 9),
        D(2024, 5, 20), D(2024, 7, 14), D(2024, 8, 15), D(2024, 11, 1), D(2024, 11, 11),
        D(2024, 12, 25),
    ],
    2025: [
        D(2025, 1, 1), D(2025, 4, 21), D(2025, 5, 1), D(2025, 5, 8), D(2025, 5, 29),
        D(2025, 6, 9), D(2025, 7, 14), D(2025, 8, 15), D(2025, 11, 1), D(2025, 11, 11),
        D(2025, 12, 25),
    ],
    2026: [
        D(2026, 1, 1), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 8), D(2026, 5, 14),
        D(2026, 5, 25), D(2026, 7, 14), D(2026, 8, 15), D(2026, 11, 1), D(2026, 11, 11),
        D(2026, 12, 25),
    ],
}  # fmt: skip

# Alsace-Moselle (L3134-13): Vendredi saint and 26 décembre.
ALSACE_MOSELLE = {
    2023: [D(2023, 4, 7), D(2023, 12, 26)],
    2024: [D(2024, 3, 29), D(2024, 12, 26)],
    2025: [D(2025, 4, 18), D(2025, 12, 26)],
    2026: [D(2026, 4, 3), D(2026, 12, 26)],
}

# Abolition of slavery (décret 83-1003): the same day every year.
OVERSEAS = {
    Region.GUADELOUPE: (5, 27),
    Region.GUYANE: (6, 10),
    Region.MARTINIQUE: (5, 22),
    Region.MAYOTTE: (4, 27),
    Region.REUNION: (12, 20),
}


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_official_lists(year: int) -> None:
    every = holidays_of(year)
    national = [h.day for h in every if h.regions == frozenset(Region)]
    assert national == NATIONAL[year]
    alsace = [h.day for h in every if h.regions == {Region.ALSACE_MOSELLE}]
    assert alsace == ALSACE_MOSELLE[year]
    for region, (month, day) in OVERSEAS.items():
        assert [h.day for h in every if h.regions == {region}] == [D(year, month, day)]
    assert len(every) == 11 + 2 + 5


def test_regional_days_only_where_they_apply() -> None:
    assert holiday_on(D(2024, 3, 29), [Region.METROPOLE]) is None
    good_friday = holiday_on(D(2024, 3, 29), [Region.ALSACE_MOSELLE])
    assert good_friday is not None
    assert (good_friday.name, good_friday.where()) == ("Vendredi saint", "Alsace-Moselle")
    easter_monday = holiday_on(D(2024, 4, 1), [Region.REUNION])
    assert easter_monday is not None
    assert easter_monday.where() == "toute la France"


SPRING_2024 = """
    [[periods]]
    start = 2024-03-25
    every_weeks = 1
    """


def test_policy_closes_sessions_and_moves_deliveries() -> None:
    definition = make(
        SPRING_2024,
        '[holidays]\nsessions = "close"\ndeliveries = "next-working-day"\n',
        horizon="2024-05-27",
    )
    table = [
        (row.dates, row.state, row.delivery, row.appointments, row.note)
        for row in rows(expand(definition), definition.timezone)
    ]
    assert table == [
        ("25-26 mars", "Ouvert", "4-5 avril", "samedi 6 avril", ""),
        ("1er-2 avril", "Fermé", "", "", "Jour férié : Lundi de Pâques"),
        ("8-9 avril", "Ouvert", "18-19 avril", "samedi 20 avril", ""),
        ("15-16 avril", "Ouvert", "25-26 avril", "samedi 27 avril", ""),
        ("22-23 avril", "Ouvert", "2-3 mai", "samedi 4 mai", ""),
        # Ascension, Thursday 9 May: two working days from the 9th are Friday 10 and Monday 13.
        (
            "29-30 avril",
            "Ouvert",
            "10-13 mai",
            "mardi 14 mai",
            "Livraison décalée (jour férié : Ascension)",
        ),
        ("6-7 mai", "Ouvert", "16-17 mai", "samedi 18 mai", ""),
        ("13-14 mai", "Ouvert", "23-24 mai", "samedi 25 mai", ""),
        ("20-21 mai", "Fermé", "", "", "Jour férié : Lundi de Pentecôte"),
        ("27-28 mai", "Ouvert", "6-7 juin", "samedi 8 juin", ""),
    ]


def test_events_say_why_they_moved() -> None:
    definition = make(
        SPRING_2024,
        '[holidays]\nsessions = "close"\ndeliveries = "next-working-day"\n',
        horizon="2024-05-27",
    )
    events = {event.uid: event for event in build_events(definition, expand(definition))}
    closed = events["essai-session-20240401@vaxical"]
    assert "Motif : lundi 1er avril 2024, Lundi de Pâques (jour férié)." in closed.description
    delivery = events["essai-livraison-20240429@vaxical"]
    assert (delivery.start, delivery.end) == (D(2024, 5, 10), D(2024, 5, 14))
    assert (
        "Livraison décalée au jour ouvré suivant : jeudi 9 mai 2024, Ascension (jour férié)."
        in delivery.description
    )
    assert "essai-livraison-20240401@vaxical" not in events


def test_default_policy_keeps_everything() -> None:
    definition = make(SPRING_2024, horizon="2024-05-27")
    sessions = expand(definition)
    assert all(session.is_open for session in sessions)
    (order,) = [s.order for s in sessions if s.nominal == D(2024, 4, 29)]
    assert order is not None
    assert (order.delivery.first, order.delivery.last) == (D(2024, 5, 9), D(2024, 5, 10))


def test_explicit_exception_wins_over_the_policy() -> None:
    definition = make(
        SPRING_2024,
        """
        [holidays]
        sessions = "close"

        [[exceptions]]
        session = 2024-04-01
        delivery = [2024-04-11, 2024-04-12]
        reason = "Session maintenue malgré le lundi de Pâques"
        """,
        horizon="2024-04-08",
    )
    (session,) = [s for s in expand(definition) if s.nominal == D(2024, 4, 1)]
    assert session.is_open
    assert session.closed_for is None


def test_overseas_policy_uses_its_region() -> None:
    definition = make(
        """
        [[periods]]
        start = 2024-05-20
        every_weeks = 1
        """,
        '[holidays]\nregions = ["metropole", "martinique"]\nsessions = "close"\n',
        horizon="2024-05-27",
        timezone="America/Martinique",
    )
    states = [(s.days.first, s.is_open) for s in expand(definition)]
    # 20 May: Lundi de Pentecôte; 22 May is Martinique's day but falls after the session.
    assert states == [(D(2024, 5, 20), False), (D(2024, 5, 27), True)]


def test_check_warns_for_every_region() -> None:
    definition = make(
        SPRING_2024,
        '[holidays]\nsessions = "close"\ndeliveries = "next-working-day"\n',
        horizon="2024-05-27",
    )
    assert [warning.format() for warning in holiday_warnings(expand(definition))] == [
        "lundi 1er avril 2024 : Lundi de Pâques (toute la France) — session des 1er-2 avril 2024 ; fermée par la règle [holidays]",
        "samedi 27 avril 2024 : Abolition de l'esclavage (Mayotte) — date des rendez-vous de la session des 15-16 avril 2024 ; maintenue",
        "mercredi 1er mai 2024 : Fête du Travail (toute la France) — confirmation de la session des 29-30 avril 2024 ; maintenue",
        "mercredi 8 mai 2024 : Victoire 1945 (toute la France) — confirmation de la session des 6-7 mai 2024 ; maintenue",
        "jeudi 9 mai 2024 : Ascension (toute la France) — livraison de la session des 29-30 avril 2024 ; livraison décalée au 10-13 mai",
        "lundi 20 mai 2024 : Lundi de Pentecôte (toute la France) — session des 20-21 mai 2024 ; fermée par la règle [holidays]",
        "lundi 27 mai 2024 : Abolition de l'esclavage (Guadeloupe) — session des 27-28 mai 2024 ; ouverte",
    ]


def test_seed_has_no_holiday_to_check() -> None:
    from vaxical.definition import load

    from .conftest import SEED_DEFINITION

    assert holiday_warnings(expand(load(SEED_DEFINITION).current)) == ()
