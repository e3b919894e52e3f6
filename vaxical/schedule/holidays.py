"""French public holidays, computed from their legal rules. Pure.

Each rule is one line with its source. Only statutory holidays are listed; local
customs (Victor Schoelcher day, Mi-Carême) are not, since no law makes them holidays.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.easter import easter

from vaxical.rules import REGION_LABELS, Region, Weekday

EVERYWHERE = frozenset(Region)


@dataclass(frozen=True, slots=True)
class Holiday:
    day: dt.date
    name: str
    regions: frozenset[Region]
    """Regions where the day is a holiday: every region for national holidays."""

    def where(self) -> str:
        if self.regions == EVERYWHERE:
            return "toute la France"
        return ", ".join(REGION_LABELS[region] for region in Region if region in self.regions)


def _fixed(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


@functools.cache
def holidays_of(year: int) -> tuple[Holiday, ...]:
    """Every holiday of ``year`` in every region, sorted by day."""
    sunday = easter(year)  # Western Easter, as the Code du travail's movable feasts follow

    def after_easter(days: int) -> dt.date:
        return sunday + dt.timedelta(days=days)

    national = (
        # Code du travail, article L3133-1: the eleven legal holidays.
        (_fixed(year, 1, 1), "Jour de l'an"),
        (after_easter(1), "Lundi de Pâques"),
        (_fixed(year, 5, 1), "Fête du Travail"),
        (_fixed(year, 5, 8), "Victoire 1945"),
        (after_easter(39), "Ascension"),
        (after_easter(50), "Lundi de Pentecôte"),
        (_fixed(year, 7, 14), "Fête nationale"),
        (_fixed(year, 8, 15), "Assomption"),
        (_fixed(year, 11, 1), "Toussaint"),
        (_fixed(year, 11, 11), "Armistice 1918"),
        (_fixed(year, 12, 25), "Noël"),
    )
    regional = (
        # Code du travail, article L3134-13 (Bas-Rhin, Haut-Rhin, Moselle).
        (after_easter(-2), "Vendredi saint", Region.ALSACE_MOSELLE),
        (_fixed(year, 12, 26), "Saint-Étienne", Region.ALSACE_MOSELLE),
        # Loi n° 83-550 du 30 juin 1983 and décret n° 83-1003 du 23 novembre 1983
        # (modified by décret n° 2012-553): commemoration of the abolition of slavery.
        (_fixed(year, 5, 27), "Abolition de l'esclavage", Region.GUADELOUPE),
        (_fixed(year, 6, 10), "Abolition de l'esclavage", Region.GUYANE),
        (_fixed(year, 5, 22), "Abolition de l'esclavage", Region.MARTINIQUE),
        (_fixed(year, 4, 27), "Abolition de l'esclavage", Region.MAYOTTE),
        (_fixed(year, 12, 20), "Abolition de l'esclavage", Region.REUNION),
    )
    days = [Holiday(day, name, EVERYWHERE) for day, name in national]
    days += [Holiday(day, name, frozenset({region})) for day, name, region in regional]
    return tuple(sorted(days, key=lambda holiday: (holiday.day, holiday.name)))


def holiday_on(day: dt.date, regions: Iterable[Region] = EVERYWHERE) -> Holiday | None:
    """The holiday on ``day`` in any of ``regions``, if there is one."""
    wanted = frozenset(regions)
    for holiday in holidays_of(day.year):
        if holiday.day == day and holiday.regions & wanted:
            return holiday
    return None


def is_working_day(day: dt.date, regions: Iterable[Region]) -> bool:
    """Monday to Friday, and not a holiday in ``regions``: when carriers deliver."""
    return day.weekday() < Weekday.SATURDAY and holiday_on(day, regions) is None
