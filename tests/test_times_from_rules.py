"""Every time, weekday and delay the page writes comes from the calendar's own rules:
nothing says "18h00" or "mercredi" because the seed notice does."""

from __future__ import annotations

import html
import re

from vaxical.definition import loads
from vaxical.pipeline import render_all

from .conftest import ROOT, definition_text
from .ledger_text import CALENDAR, FIRST, SECOND, ledger_text

REMINDERS = """
[reminders]
alarms = [{ day = -1, time = 17:30:00 }, { day = 1, time = 08:15:00 }]
"""


def _page(confirmation_day: int, time: str) -> str:
    text = definition_text("[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n", REMINDERS)
    text = text.replace("day = 2\ntime = 18:00:00", f"day = {confirmation_day}\ntime = {time}")
    return render_all([loads(text, "essai.toml")])["index.html"].decode()


def _words(page: str) -> str:
    """The page's text, without the month grids: their column heads and day labels name
    every weekday of the month, as a calendar does."""
    page = re.sub(r'<table class="month">.*?</table>', "", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_confirmation_at_7h45_on_thursday_is_written_so_everywhere() -> None:
    page = _page(3, "07:45:00")  # sessions start on Monday: day 3 is the Thursday
    words = _words(page)
    assert "18h00" not in page
    assert "18:00" not in page
    assert "mercredi" not in words
    assert "Le moment où la confirmation de commande devient consultable (jeudi, 7h45)." in words
    assert (
        "Confirmation de commande consultable à partir du jeudi de la même semaine, à 7h45."
        in words
    )
    assert "jeudi 20 juillet, 7h45" in words  # the first session's row
    assert "confirmation de commande (7h45)" in words  # the month view's legend
    # The month view's label for that day says the same.
    assert "jeudi 20 juillet 2023 : confirmation de commande (7h45)" in html.unescape(page)
    assert "le jour même" not in words
    assert (
        "Les sessions de commande avec des alarmes (la veille à 17h30 et le dernier jour à 8h15)."
        in (words)
    )


def test_a_confirmation_the_next_week_says_which_week() -> None:
    words = _words(_page(8, "10:00:00"))
    assert "Le moment où la confirmation de commande devient consultable " in words
    assert "(mardi de la semaine suivante, 10h00)." in words
    assert "18h00" not in words


def test_the_antilles_example_confirms_on_thursday_at_9h00() -> None:
    expected = ROOT / "tests/examples/exceptions-outremer/expected"
    words = _words((expected / "vaccins-antilles.html").read_text(encoding="utf-8"))
    assert "Le moment où la confirmation de commande devient consultable (jeudi, 9h00)." in words
    assert "confirmation de commande (9h00)" in words
    # Its metropole neighbour keeps the seed's Wednesday at 18h00, from its own rules.
    neighbour = _words((expected / "vaccins-metropole.html").read_text(encoding="utf-8"))
    assert "Le moment où la confirmation de commande devient consultable (mercredi, 18h00)." in (
        neighbour
    )


def _ledger_page(*blocks: str, calendar: str = CALENDAR, first: str = FIRST) -> str:
    ledger = loads(ledger_text(*blocks, calendar=calendar, first=first), "essai.toml")
    return render_all([ledger])["index.html"].decode()


def test_a_time_stated_in_paris_for_martinique_says_both() -> None:
    calendar = CALENDAR.replace('timezone = "Europe/Paris"', 'timezone = "America/Martinique"')
    first = FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "Europe/Paris"\n')
    page = _ledger_page(calendar=calendar, first=first)
    words = _words(page)
    assert (
        "Le moment où la confirmation de commande devient consultable "
        "(mercredi, 18h00, heure de Paris)." in words
    )
    # On the calendar's own clock: 18h00 in Paris is 13h00 in Martinique until 31 March.
    assert "confirmation de commande (13h00)" in words  # the legend
    assert "mercredi 10 janvier 2024 : confirmation de commande (13h00)" in html.unescape(page)


def test_rules_that_drop_the_confirmation_give_it_no_time() -> None:
    page = _ledger_page(SECOND + "from = 2024-02-05\n\n[revisions.confirmation]\nnone = true\n")
    words = _words(page)
    assert "Le moment où la confirmation de commande devient consultable. (" in words
    # The sessions before the change keep their confirmation at 18h00, and say so.
    assert "confirmation de commande (18h00)" in words
