"""The definitions the benchmark builds, generated here so that a run needs nothing but
the repository: a long calendar of ``years`` years of weekly sessions with every kind of
event (reminders included), and the national deployment of tests/test_deployment.py."""

from __future__ import annotations

PRODUCTS = ("covid", "grippe", "rsv")
REGIONS = {
    "idf": "Europe/Paris",
    "ara": "Europe/Paris",
    "naq": "Europe/Paris",
    "occ": "Europe/Paris",
    "hdf": "Europe/Paris",
    "ges": "Europe/Paris",
    "pdl": "Europe/Paris",
    "bre": "Europe/Paris",
    "gp": "America/Guadeloupe",
    "mq": "America/Martinique",
    "gf": "America/Cayenne",
    "re": "Indian/Reunion",
    "yt": "Indian/Mayotte",
}
"""8 metropolitan regions and 5 overseas: 3 × 13 = 39 calendars."""


def ledger(
    calendar_id: str,
    *,
    product: str = "Covid-19",
    zone: str = "Europe/Paris",
    start: int = 2024,
    years: int = 5,
    reminders: bool = False,
    note: str = "",
) -> str:
    """A ledger of one notice: weekly sessions from ``start`` for ``years`` years, with
    deliveries at J+10, a confirmation stated in Paris time and appointments."""
    alarms = (
        "[reminders]\nalarms = [{ day = 0, time = 09:00:00 }, { day = 1, time = 09:00:00 }]\n\n"
        if reminders
        else ""
    )
    return f"""[calendar]
id = "{calendar_id}"
name = "Vaccins {product} – {calendar_id}"
product = "vaccins {product}"
description = "Commandes des vaccins {product}, {calendar_id}.{note}"
timezone = "{zone}"
base_url = "https://example.org/"
portal_url = "https://example.org/portail"

{alarms}[[revisions]]
reference = "Avis {product} 1"
date = {start}-01-01
title = "Règles"
url = "https://example.org/avis"
summary = "Chaque semaine, livraison à J+10."
horizon = {start + years - 1}-12-25
[revisions.sessions]
days = ["monday", "tuesday"]
opens = 08:00:00
closes = 23:00:00
[[revisions.periods]]
start = {start}-01-01
every_weeks = 1
[revisions.delivery]
first_day = 10
last_day = 11
[revisions.confirmation]
day = 2
time = 18:00:00
minutes = 30
timezone = "Europe/Paris"
[revisions.appointments]
days_after_delivery = 1
"""


def long_calendar(years: int) -> str:
    """One calendar over ``years`` years, every kind of event and the reminders feed."""
    return ledger("vaccins-covid", years=years, reminders=True)


def deployment() -> dict[str, str]:
    """The 39 definitions of a national deployment, by file name."""
    return {
        f"{product}-{region}.toml": ledger(f"{product}-{region}", product=product, zone=zone)
        for product in PRODUCTS
        for region, zone in REGIONS.items()
    }
