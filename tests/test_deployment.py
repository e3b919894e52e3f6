"""A national deployment: 3 products × 13 regions × 5 years (issue 13). Each calendar has
its own page; the index is a short list that stays small; every feed stays under Google's
1 MB (docs/calendar-clients.md rule 19)."""

from __future__ import annotations

import pytest

from vaxical.definition import loads
from vaxical.model import Ledger
from vaxical.pipeline import render_all

from .ledger_text import weekly_ledger_head

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


def definition_text(product: str, region: str, zone: str) -> str:
    return weekly_ledger_head(
        f"{product}-{region}",
        f"Vaccins {product} – {region}",
        timezone=zone,
        horizon="2028-12-25",
        confirmation_zone="Europe/Paris",
    )


def _ledger(product: str, region: str, zone: str) -> Ledger:
    return loads(definition_text(product, region, zone), f"{product}-{region}.toml")


@pytest.fixture(scope="module")
def deployment() -> dict[str, bytes]:
    ledgers = [_ledger(p, r, z) for p in PRODUCTS for r, z in REGIONS.items()]
    assert len(ledgers) == 39
    return render_all(ledgers)


def test_the_index_is_a_short_list(deployment: dict[str, bytes]) -> None:
    index = deployment["index.html"]
    assert len(index) < 100_000
    page = index.decode()
    assert page.count('<a href="') == 39
    assert '<a href="covid-idf.html">Vaccins covid – idf</a>' in page
    assert "Calendrier des sessions du lundi 1er janvier 2024 au mardi 26 décembre 2028." in page


def test_one_page_per_calendar_and_feeds_under_a_megabyte(deployment: dict[str, bytes]) -> None:
    pages = sorted(name for name in deployment if name.endswith(".html") and name != "index.html")
    assert len(pages) == 39
    assert pages[0] == "covid-ara.html"
    feeds = {name: len(data) for name, data in deployment.items() if name.endswith(".ics")}
    assert len(feeds) == 39 * 5
    assert max(feeds.values()) < 1_000_000
