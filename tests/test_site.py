"""The HTML index and the subscribe links (calendar-clients.md rule 21)."""

from __future__ import annotations

import dataclasses
import html
import re

import jinja2
import pytest

from vaxical.definition import load, loads
from vaxical.pipeline import render_all
from vaxical.render.site import render_page
from vaxical.schedule.feeds import BUILD_FILES, FEEDS, calendar_files, subscribe_links

from .conftest import LEDGER_2023, SEED_DEFINITION, definition_text, seed_files
from .ledger_text import REOPEN, SUSPEND, ledger_text, weekly_ledger_head

SEED = load(SEED_DEFINITION).current


def seed_html() -> str:
    return seed_files()["index.html"].decode()


def test_links_of_the_combined_feed() -> None:
    links = subscribe_links(SEED, FEEDS[0])
    assert links.https == "https://vaxical.github.io/vaxical/vaccins-covid.ics"
    assert links.webcal == "webcal://vaxical.github.io/vaxical/vaccins-covid.ics"
    assert links.google == (
        "https://calendar.google.com/calendar/render?cid="
        "webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics"
    )
    assert links.outlook_com == (
        "https://outlook.live.com/calendar/0/addfromweb?"
        "url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics"
        "&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines"
    )
    assert links.microsoft_365 == (
        "https://outlook.office.com/calendar/0/addfromweb?"
        "url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics"
        "&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines"
    )


def test_links_of_a_partial_feed_name_the_feed() -> None:
    links = subscribe_links(SEED, FEEDS[2])
    assert links.webcal == "webcal://vaxical.github.io/vaxical/vaccins-covid-livraisons.ics"
    assert links.outlook_com.endswith(
        "&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Livraisons"
    )


def _hrefs() -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]*)"', seed_html())]


# The seed's subscribe links (base_url https://vaxical.github.io/vaxical/), written out by
# feed (docs/calendar-clients.md rule 21): webcal; Google's cid, the webcal address
# percent-encoded; Outlook.com's and Microsoft 365's addfromweb, the https address and the
# feed's name (the calendar's, then « – » and the feed's title) percent-encoded as UTF-8.
SEED_LINKS = {
    "vaccins-covid.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines",
    ),
    "vaccins-covid-sessions.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid-sessions.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-sessions.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-sessions.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Sessions%20de%20commande",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-sessions.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Sessions%20de%20commande",
    ),
    "vaccins-covid-livraisons.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid-livraisons.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-livraisons.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-livraisons.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Livraisons",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-livraisons.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Livraisons",
    ),
    "vaccins-covid-confirmations.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid-confirmations.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-confirmations.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-confirmations.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Confirmations%20de%20commande",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-confirmations.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Confirmations%20de%20commande",
    ),
    "vaccins-covid-rendez-vous.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid-rendez-vous.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rendez-vous.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rendez-vous.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20D%C3%A9but%20des%20rendez-vous",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rendez-vous.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20D%C3%A9but%20des%20rendez-vous",
    ),
    "vaccins-covid-rappels.ics": (
        "webcal://vaxical.github.io/vaxical/vaccins-covid-rappels.ics",
        "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rappels.ics",
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rappels.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Rappels",
        "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2Fvaxical.github.io%2Fvaxical%2Fvaccins-covid-rappels.ics&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines%20%E2%80%93%20Rappels",
    ),
}


def test_every_feeds_subscribe_links_are_the_written_out_ones() -> None:
    assert [feed.filename("vaccins-covid") for feed in FEEDS] == list(SEED_LINKS)
    for feed in FEEDS:
        name = feed.filename("vaccins-covid")
        links = subscribe_links(SEED, feed)
        assert links.https == f"https://vaxical.github.io/vaxical/{name}"
        assert (links.webcal, links.google, links.outlook_com, links.microsoft_365) == (
            SEED_LINKS[name]
        ), name


def test_index_offers_every_link_kind_for_every_feed() -> None:
    hrefs = _hrefs()
    for name, links in SEED_LINKS.items():
        for href in (*links, name):
            assert href in hrefs, href
        # The copyable URL.
        assert f'value="https://vaxical.github.io/vaxical/{name}"' in seed_html()
    # No other subscribe link: every webcal, Google and Outlook link is one of the above.
    subscribe = {
        href
        for href in hrefs
        if href.startswith(("webcal:", "https://calendar.google.com/", "https://outlook."))
    }
    assert subscribe == {link for links in SEED_LINKS.values() for link in links}
    assert 'href="vaccins-covid.json"' in seed_html()


def test_index_asks_for_nothing_outside_the_site() -> None:
    # Links may point anywhere; nothing may be loaded, from elsewhere or at all.
    assert not re.search(r"<(link|img|iframe|object|embed)\b", seed_html())
    assert not re.search(r"<script\b[^>]*\bsrc=", seed_html())
    assert "@import" not in seed_html()
    assert "url(" not in seed_html()


def test_index_shows_source_rules_and_google_steps() -> None:
    text = re.sub(r"<[^>]+>", "", html.unescape(seed_html()))
    assert "DGS-Urgent N°2023-11" in text
    assert "Les sessions de commande ont lieu le lundi et le mardi." in text
    assert "Session des 17-18 juillet 2023 : ouverture chaque semaine." in text
    assert (
        "De la session des 24-25 juillet à celle des 25-26 septembre 2023 : "
        "ouverture une semaine sur deux." in text
    )
    assert "À partir de la session des 2-3 octobre 2023 : ouverture chaque semaine." in text
    assert "Livraison entre le jeudi et le vendredi de la semaine suivante (J+10" in text
    assert (
        "Confirmation de commande consultable à partir du mercredi de la même semaine, à 18h00."
        in text
    )
    assert "« Autres agendas » → « + » → « À partir de l'URL »" in text
    assert "8 sessions ouvertes, 5 fermées." in text
    # A user's trial: Google Agenda adds an agenda by its address on a computer only, and
    # the Thunderbird button relies on the system's webcal handler (often Outlook's): the
    # buttons' lines send to the steps.
    assert "Puis « Ajouter », sur ordinateur (pas à pas ci-dessous)." in text
    assert "Puis « S'abonner » ; si rien ne s'ouvre, pas à pas ci-dessous." in text


def test_text_from_a_definition_is_escaped() -> None:
    text = definition_text("[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n").replace(
        'name = "Essai"', 'name = "<script>alert(1)</script>"'
    )
    page = render_all([loads(text, "x.toml")])["index.html"].decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the page's own, inline


def test_several_calendars_are_listed() -> None:
    other = loads(
        definition_text(
            "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n", calendar_id="grippe"
        ).replace('name = "Essai"', 'name = "Vaccins grippe"'),
        "grippe.toml",
    )
    files = render_all([SEED, other])
    page = files["index.html"].decode()
    # A short list linking each calendar's own page, sorted by id.
    assert '<a href="grippe.html">Vaccins grippe</a>' in page
    assert '<a href="vaccins-covid.html">Commande des vaccins Covid-19 – officines</a>' in page
    assert page.index('href="grippe.html"') < page.index('href="vaccins-covid.html"')
    assert "Calendrier des sessions du lundi 24 juillet 2023 au mardi 10 octobre 2023." in page
    for name in ("grippe.html", "vaccins-covid.html"):
        assert files[name].decode().count('<section id="') == 1


def test_template_typo_fails_the_build() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render_page({"name": "x"}, listed=False)


def test_reminders_feed_is_offered_apart_with_client_notes() -> None:
    text = re.sub(r"<[^>]+>", "", html.unescape(seed_html()))
    assert "Rappels" in text
    assert "Apple Calendrier les supprime par défaut" in text
    assert "Google Agenda et Outlook les ignorent" in text
    assert 'href="vaccins-covid-rappels.ics"' in seed_html()
    # The notes sit with the reminders feed only.
    assert seed_html().count("Les alarmes selon l'agenda") == 1


# « Abonné à deux agendas…, votre agenda les affiche » made the agenda the subscriber
# (a user's trial).
WARNING = (
    "Si vous êtes abonné à deux agendas qui ont les mêmes événements, votre agenda les "
    "affiche deux fois : choisissez l'un ou l'autre."
)


def test_the_other_feeds_warn_that_they_repeat_the_full_one() -> None:
    # A pharmacy subscribed to the full calendar and to a part of it, or to the
    # reminders beside the sessions, sees those events twice: the page says so.
    text = re.sub(r"<[^>]+>", "", html.unescape(seed_html()))
    assert (
        "Chacun reprend une partie du calendrier complet (les rappels : ses sessions "
        "ouvertes). " + WARNING
    ) in text
    # Without a reminders feed, the sentence does not speak of one.
    weekly = definition_text("[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n")
    plain = render_all([loads(weekly, "essai.toml")])["index.html"].decode()
    plain_text = re.sub(r"<[^>]+>", "", html.unescape(plain))
    assert "Chacun reprend une partie du calendrier complet. " + WARNING in plain_text


def test_a_session_across_new_year_is_dated_once_in_both_tables() -> None:
    """New Year's Day 2024 is a Monday: with sessions opened from the Friday before, the
    session runs from 29 December 2023 to 2 January 2024. The notice's own table wrote
    "29 décembre 2023 – 2 janvier 2024 2023" (its year appended to dates that had both)."""
    text = weekly_ledger_head("essai", "Essai", horizon="2024-01-15") + (
        '\n[revisions.holidays]\nsessions = "previous-friday"\n'
    )
    page = render_all([loads(text, "x.toml")])["index.html"].decode()
    headers = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', page)
    # The notice's table (in the news, its sessions with their year), then the year's.
    assert headers == [
        "29 décembre 2023 – 2 janvier 2024",
        "8-9 janvier 2024",
        "15-16 janvier 2024",
        "29 décembre 2023 – 2 janvier 2024",
        "8-9 janvier",
        "15-16 janvier",
    ]


def test_the_files_about_all_calendars_are_the_ones_no_calendar_may_take() -> None:
    files = seed_files()
    own = set(calendar_files(load(SEED_DEFINITION).current))
    assert (
        sorted(set(files) - own)
        == sorted(BUILD_FILES)
        == [
            "_headers",
            "calendars.json",
            "index.html",
            "vaxical-calendar.schema.json",
            "vaxical-calendars.schema.json",
        ]
    )


@pytest.mark.parametrize(("hours", "said"), [(1, "toutes les heures"), (6, "toutes les 6 heures")])
def test_the_refresh_is_said_in_french_for_any_number_of_hours(hours: int, said: str) -> None:
    # With refresh_hours = 1 the page read « toutes les 1 heures environ ».
    page = render_all([dataclasses.replace(SEED, refresh_hours=hours)])["index.html"].decode()
    assert f"Mises à jour : {said} environ, comme le calendrier le demande." in page


def test_the_news_shows_the_latest_entries_and_folds_the_rest() -> None:
    # A publisher's trial: after six notices the table began 6.5 phone screens down,
    # under every notice's changes, one of them 15 « Nouvelle session » lines long.
    page = render_all([load(LEDGER_2023)])["index.html"].decode()
    news = page[
        page.index('<section class="news"') : page.index(
            "</section>", page.index('<section class="news"')
        )
    ]
    shown, older = news.split('<details class="older">')
    assert re.findall(r'<time datetime="([\d-]+)">', shown) == [
        "2023-09-15",
        "2023-07-18",
        "2023-04-26",
    ]
    assert re.findall(r'<time datetime="([\d-]+)">', older) == ["2023-01-30"]
    assert "<summary>Actualités précédentes (1)</summary>" in older
    # The seed notice's 13 new sessions: three said, ten folded.
    seed = shown[shown.index("2023-07-18") : shown.index("2023-04-26")]
    listed, folded = seed.split('<details class="more">')
    assert re.findall(r"<li>Nouvelle session : ([^<]*)</li>", listed) == [
        "17-18 juillet (ouverte).",
        "24-25 juillet (ouverte).",
        "31 juillet – 1er août (fermée).",
    ]
    assert "<summary>Les 10 autres changements</summary>" in folded
    assert len(re.findall(r"<li>Nouvelle session : ", folded)) == 10
    # Five changes or fewer are all said: the 15 September notice's one.
    latest = shown[: shown.index("2023-07-18")]
    assert '<details class="more">' not in latest
    assert "<li>La session du 25-26 septembre est ouverte.</li>" in latest


def test_months_without_a_session_in_a_row_are_said_in_one_line() -> None:
    # A publisher's trial: a closure until further notice drew ten empty month grids.
    reopen = (
        REOPEN.replace("2024-02-20", "2024-06-20")
        .replace("2024-03-04", "2024-07-01")
        .replace("4 mars", "1er juillet")
        .replace("\n\n[[revisions.periods]]", "\nhorizon = 2024-07-29\n\n[[revisions.periods]]")
    )
    page = render_all([loads(ledger_text(SUSPEND, reopen), "essai.toml")])["index.html"].decode()
    months = page[
        page.index('<div class="months">') : page.index(
            "</div>", page.index('<div class="months">')
        )
    ]
    found = re.findall(r'<caption>([^<]*)</caption>|<p class="gap">([^<]*)</p>', months)
    assert [(html.unescape(title), html.unescape(gap)) for title, gap in found] == [
        ("janvier 2024", ""),
        ("février 2024", ""),
        ("mars 2024", ""),  # the closed session of 11-12 March is marked there
        ("", "Aucune session d'avril 2024 à juin 2024."),
        ("juillet 2024", ""),
        ("août 2024", ""),
    ]
