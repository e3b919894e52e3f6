"""Dates written as the DGS-Urgent notices write them."""

from __future__ import annotations

import datetime as dt

import pytest

from vaxical.rules import DateSpan
from vaxical.schedule import french

D = dt.date


@pytest.mark.parametrize(
    ("first", "last", "short"),
    [
        (D(2023, 7, 17), D(2023, 7, 18), "17-18 juillet"),
        (D(2023, 7, 31), D(2023, 8, 1), "31 juillet – 1er août"),
        (D(2023, 8, 31), D(2023, 9, 1), "31 août – 1er septembre"),
        (D(2023, 10, 2), D(2023, 10, 3), "2-3 octobre"),
        (D(2023, 10, 12), D(2023, 10, 16), "12-16 octobre"),
        (D(2023, 7, 27), D(2023, 7, 27), "27 juillet"),
        (D(2023, 12, 1), D(2023, 12, 1), "1er décembre"),
        (D(2023, 12, 31), D(2024, 1, 1), "31 décembre 2023 – 1er janvier 2024"),
    ],
)
def test_short_range(first: D, last: D, short: str) -> None:
    assert french.short_range(DateSpan(first, last)) == short


def test_short_range_with_year() -> None:
    assert french.short_range(DateSpan(D(2023, 7, 17), D(2023, 7, 18)), year=True) == (
        "17-18 juillet 2023"
    )
    assert french.short_range(DateSpan(D(2023, 7, 31), D(2023, 8, 1)), year=True) == (
        "31 juillet – 1er août 2023"
    )


@pytest.mark.parametrize(
    ("first", "last", "long", "between"),
    [
        (
            D(2023, 7, 17),
            D(2023, 7, 18),
            "lundi 17 et mardi 18 juillet 2023",
            "entre le lundi 17 et le mardi 18 juillet 2023",
        ),
        (
            D(2023, 7, 31),
            D(2023, 8, 1),
            "lundi 31 juillet et mardi 1er août 2023",
            "entre le lundi 31 juillet et le mardi 1er août 2023",
        ),
        (
            D(2023, 10, 12),
            D(2023, 10, 16),
            "du jeudi 12 au lundi 16 octobre 2023",
            "entre le jeudi 12 et le lundi 16 octobre 2023",
        ),
        (D(2023, 7, 27), D(2023, 7, 27), "jeudi 27 juillet 2023", "le jeudi 27 juillet 2023"),
        (
            D(2023, 12, 31),
            D(2024, 1, 1),
            "dimanche 31 décembre 2023 et lundi 1er janvier 2024",
            "entre le dimanche 31 décembre 2023 et le lundi 1er janvier 2024",
        ),
    ],
)
def test_long_forms(first: D, last: D, long: str, between: str) -> None:
    span = DateSpan(first, last)
    assert french.long_range(span) == long
    assert french.between(span) == between


def test_clock_and_cadence() -> None:
    assert french.clock(dt.time(18, 0)) == "18h00"
    assert french.clock(dt.time(9, 5)) == "9h05"
    assert french.cadence(1) == "chaque semaine"
    assert french.cadence(2) == "une semaine sur deux"
    assert french.cadence(6) == "une semaine sur 6"


def test_a_notice_is_cited_with_its_date_once() -> None:
    july = D(2023, 7, 18)
    assert french.cited("DGS-Urgent N°2023-11", july) == "DGS-Urgent N°2023-11 du 18 juillet 2023"
    # The notice of 15 September 2023 has no number: its reference is its date.
    september = D(2023, 9, 15)
    assert french.cited("DGS-Urgent du 15 septembre 2023", september) == (
        "DGS-Urgent du 15 septembre 2023"
    )
    # Another date in the reference is no reason to leave the notice's out.
    assert french.cited("Suite du DGS-Urgent du 15 septembre 2023", D(2023, 9, 20)) == (
        "Suite du DGS-Urgent du 15 septembre 2023 du 20 septembre 2023"
    )


def test_ordinals() -> None:
    assert [french.ordinal(n) for n in (1, 2, 3, 7, 8, 12)] == [
        "premier",
        "deuxième",
        "troisième",
        "septième",
        "8e",
        "12e",
    ]
