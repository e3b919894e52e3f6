"""Files for software and spreadsheets: ``<id>.csv``, ``<id>-tableur.csv``,
``calendars.json`` at the build root, and the cross-origin header that lets a web page
read the data and feeds."""

from __future__ import annotations

import csv
import io
import json

from vaxical.definition import load, loads
from vaxical.pipeline import render_all

from .conftest import SEED_DEFINITION, make, seed_files
from .ledger_text import CALENDAR, FIRST, SECOND, ledger_text

SEED = load(SEED_DEFINITION)
HEADER = (
    "premier_jour,dernier_jour,etat,livraison_premier_jour,livraison_dernier_jour,"
    "confirmation,rendez_vous,motif,session,ouverture,fermeture"
)


def test_csv_one_row_per_session_utf8_crlf() -> None:
    data = seed_files()["vaccins-covid.csv"]
    assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark
    lines = data.decode("utf-8").split("\r\n")
    # Every record, from the seed's rules: open on 17 July, every other week from 24 July,
    # weekly from 2 October; delivery J+10 to J+11 (Thursday-Friday of the next week),
    # confirmation J+2 at 18:00 (Paris, summer time), appointments the day after delivery.
    assert lines == [
        HEADER,
        "2023-07-17,2023-07-18,ouvert,2023-07-27,2023-07-28,2023-07-19T18:00:00+02:00,2023-07-29,,2023-07-17,,",
        "2023-07-24,2023-07-25,ouvert,2023-08-03,2023-08-04,2023-07-26T18:00:00+02:00,2023-08-05,,2023-07-24,,",
        "2023-07-31,2023-08-01,fermé,,,,,,2023-07-31,,",
        "2023-08-07,2023-08-08,ouvert,2023-08-17,2023-08-18,2023-08-09T18:00:00+02:00,2023-08-19,,2023-08-07,,",
        "2023-08-14,2023-08-15,fermé,,,,,,2023-08-14,,",
        "2023-08-21,2023-08-22,ouvert,2023-08-31,2023-09-01,2023-08-23T18:00:00+02:00,2023-09-02,,2023-08-21,,",
        "2023-08-28,2023-08-29,fermé,,,,,,2023-08-28,,",
        "2023-09-04,2023-09-05,ouvert,2023-09-14,2023-09-15,2023-09-06T18:00:00+02:00,2023-09-16,,2023-09-04,,",
        "2023-09-11,2023-09-12,fermé,,,,,,2023-09-11,,",
        "2023-09-18,2023-09-19,ouvert,2023-09-28,2023-09-29,2023-09-20T18:00:00+02:00,2023-09-30,,2023-09-18,,",
        "2023-09-25,2023-09-26,fermé,,,,,,2023-09-25,,",
        "2023-10-02,2023-10-03,ouvert,2023-10-12,2023-10-13,2023-10-04T18:00:00+02:00,2023-10-14,,2023-10-02,,",
        "2023-10-09,2023-10-10,ouvert,2023-10-19,2023-10-20,2023-10-11T18:00:00+02:00,2023-10-21,,2023-10-09,,",
        "",  # the last record ends with CRLF too
    ]
    assert "\n" not in data.decode("utf-8").replace("\r\n", "")


def test_csv_quotes_what_needs_quoting_and_says_why_a_session_differs() -> None:
    definition = make(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        """
        [[exceptions]]
        session = 2023-07-24
        close = true
        reason = "Inventaire, « stock » \\"national\\""

        [[exceptions]]
        session = 2023-07-31
        move_to = 2023-08-01
        reason = "Maintenance"
        """,
    )
    data = render_all([definition])["essai.csv"].decode("utf-8")
    lines = data.split("\r\n")
    assert lines[2] == (
        '2023-07-24,2023-07-25,fermé,,,,,"Inventaire, « stock » ""national""",2023-07-24,,'
    )
    # Moved to 1-2 August, it is still the session of 31 July (its UID's date).
    assert lines[3] == (
        "2023-08-01,2023-08-02,ouvert,2023-08-11,2023-08-12,2023-08-03T18:00:00+02:00,"
        "2023-08-13,Session déplacée : Maintenance,2023-07-31,,"
    )
    # Any CSV reader gets the values back.
    records = list(csv.DictReader(io.StringIO(data, newline="")))
    assert records[1]["motif"] == 'Inventaire, « stock » "national"'
    assert records[1]["etat"] == "fermé"


def test_the_spreadsheet_csv_is_the_table_as_french_excel_writes_it() -> None:
    """A byte-order mark (or Excel reads « fermÃ© ») and semicolons (Excel splits at the
    region's list separator, « ; » in France): the rows of <id>.csv, value for value."""
    data = seed_files()["vaccins-covid-tableur.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").split("\r\n")
    assert lines[:4] == [
        "\ufeff" + HEADER.replace(",", ";"),
        "2023-07-17;2023-07-18;ouvert;2023-07-27;2023-07-28;2023-07-19T18:00:00+02:00;2023-07-29;"
        ";2023-07-17;;",
        "2023-07-24;2023-07-25;ouvert;2023-08-03;2023-08-04;2023-07-26T18:00:00+02:00;2023-08-05;"
        ";2023-07-24;;",
        "2023-07-31;2023-08-01;fermé;;;;;;2023-07-31;;",
    ]
    assert len(lines) == 1 + 13 + 1  # header, 13 sessions, the last CRLF
    spreadsheet = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";")
    etalab = csv.reader(io.StringIO(seed_files()["vaccins-covid.csv"].decode(), newline=""))
    assert list(spreadsheet) == list(etalab)


def test_the_spreadsheet_csv_quotes_a_semicolon_and_the_other_a_comma() -> None:
    definition = make(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        """
        [[exceptions]]
        session = 2023-07-24
        close = true
        reason = "Inventaire; stock, national"
        """,
    )
    files = render_all([definition])
    assert files["essai-tableur.csv"].decode("utf-8-sig").split("\r\n")[2] == (
        '2023-07-24;2023-07-25;fermé;;;;;"Inventaire; stock, national";2023-07-24;;'
    )
    assert files["essai.csv"].decode().split("\r\n")[2] == (
        '2023-07-24,2023-07-25,fermé,,,,,"Inventaire; stock, national",2023-07-24,,'
    )


def test_the_spreadsheet_csv_keeps_a_reason_that_starts_like_a_formula_as_text() -> None:
    """A review: Excel computes a cell that starts with = + - or @, quoted or not
    (« #NOM? » for « =1+1 livraisons »). The spreadsheet file makes it text with a leading
    apostrophe (OWASP's advice); the file for software keeps the reason as it is."""
    definition = make(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        """
        [[exceptions]]
        session = 2023-07-24
        close = true
        reason = "=1+1 livraisons"

        [[exceptions]]
        session = 2023-07-31
        close = true
        reason = "- 50 % de doses"
        """,
    )
    files = render_all([definition])
    assert files["essai-tableur.csv"].decode("utf-8-sig").split("\r\n")[2:4] == [
        "2023-07-24;2023-07-25;fermé;;;;;'=1+1 livraisons;2023-07-24;;",
        "2023-07-31;2023-08-01;fermé;;;;;'- 50 % de doses;2023-07-31;;",
    ]
    assert files["essai.csv"].decode().split("\r\n")[2:4] == [
        "2023-07-24,2023-07-25,fermé,,,,,=1+1 livraisons,2023-07-24,,",
        "2023-07-31,2023-08-01,fermé,,,,,- 50 % de doses,2023-07-31,,",
    ]


def test_csv_gives_the_portals_hours_in_the_calendars_zone() -> None:
    """« de 8 heures à 23 heures », Paris time: 8h00 on the first day, 23h00 on the last,
    with the offset of each; in Martinique, 3h00 and 18h00 in winter, where the page and
    the feeds say it too (found by a publisher's trial)."""
    hours = 'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
    first = FIRST.replace('days = ["monday", "tuesday"]\n', hours + 'timezone = "Europe/Paris"\n')
    calendar = CALENDAR.replace('"Europe/Paris"', '"America/Martinique"')
    for zone_calendar, expected in (
        (CALENDAR, ("2024-01-08T08:00:00+01:00", "2024-01-09T23:00:00+01:00", "23:00:00+01:00")),
        (calendar, ("2024-01-08T03:00:00-04:00", "2024-01-09T18:00:00-04:00", "18:00:00-04:00")),
    ):
        ledger = loads(ledger_text(calendar=zone_calendar, first=first), "x.toml")
        data = render_all([ledger])["essai.csv"].decode("utf-8")
        records = list(csv.DictReader(io.StringIO(data, newline="")))
        assert (records[0]["ouverture"], records[0]["fermeture"]) == expected[:2]
        # The last session, 25-26 March, still in winter time on both sides.
        assert (records[-1]["session"], records[-1]["fermeture"]) == (
            "2024-03-25",
            f"2024-03-26T{expected[2]}",
        )


def test_calendars_json_lists_every_calendar_and_its_files() -> None:
    other = make("[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n", calendar_id="antigrippe")
    document = json.loads(render_all([SEED, other])["calendars.json"])
    assert document["format"] == 1
    assert [calendar["id"] for calendar in document["calendars"]] == [
        "antigrippe",
        "vaccins-covid",
    ]
    first, seed = document["calendars"]
    assert first["page"] == "https://example.org/feeds/antigrippe.html"
    assert first["csv"] == "https://example.org/feeds/antigrippe.csv"
    assert {key: value for key, value in seed.items() if key != "feeds"} == {
        "id": "vaccins-covid",
        "name": "Commande des vaccins Covid-19 – officines",
        "product": "vaccins Covid-19",
        "description": (
            "Ouverture du portail de commande des vaccins contre le Covid-19 et des "
            "dispositifs médicaux associés, livraisons indicatives, confirmation de commande "
            "et début recommandé des rendez-vous, d'après les DGS-Urgent."
        ),
        "timezone": "Europe/Paris",
        "page": "https://vaxical.github.io/vaxical/vaccins-covid.html",
        "json": "https://vaxical.github.io/vaxical/vaccins-covid.json",
        "csv": "https://vaxical.github.io/vaxical/vaccins-covid.csv",
        "atom": "https://vaxical.github.io/vaxical/vaccins-covid.atom",
    }
    assert [(feed["file"], feed["url"]) for feed in seed["feeds"]] == [
        (name, f"https://vaxical.github.io/vaxical/{name}")
        for name in (
            "vaccins-covid.ics",
            "vaccins-covid-sessions.ics",
            "vaccins-covid-livraisons.ics",
            "vaccins-covid-confirmations.ics",
            "vaccins-covid-rendez-vous.ics",
            "vaccins-covid-rappels.ics",
        )
    ]
    rappels = seed["feeds"][-1]
    assert rappels["webcal"] == "webcal://vaxical.github.io/vaxical/vaccins-covid-rappels.ics"
    assert rappels["kinds"] == ["reminder"]
    assert rappels["name"] == "Commande des vaccins Covid-19 – officines – Rappels"


def test_calendars_json_is_stable_text() -> None:
    text = seed_files()["calendars.json"].decode("utf-8")
    assert text.startswith('{\n  "calendars": [\n    {\n      "atom": ')
    assert text.endswith('\n  ],\n  "format": 1,\n  "retired": []\n}\n')
    assert "\\u" not in text  # French as UTF-8, not escapes


def test_headers_let_any_origin_read_data_and_feeds() -> None:
    blocks = seed_files()["_headers"].decode().split("\n/")[1:]
    rules = {block.split("\n")[0]: block.split("\n")[1:] for block in blocks}
    assert sorted(rules) == sorted(
        [
            "calendars.json",
            "vaxical-calendar.schema.json",
            "vaxical-calendars.schema.json",
            "vaccins-covid.ics",
            "vaccins-covid-sessions.ics",
            "vaccins-covid-livraisons.ics",
            "vaccins-covid-confirmations.ics",
            "vaccins-covid-rendez-vous.ics",
            "vaccins-covid-rappels.ics",
            "vaccins-covid.json",
            "vaccins-covid.csv",
            "vaccins-covid-tableur.csv",
            "vaccins-covid.atom",
            "vaccins-covid.html",
        ]
    )
    for name, lines in rules.items():
        # Data and feeds for any origin; the page is for people, not for other sites.
        cors = "  Access-Control-Allow-Origin: *" in lines
        assert cors == (not name.endswith(".html")), name
    assert rules["vaccins-covid.html"][:1] == ["  Content-Type: text/html; charset=utf-8"]
    for name in ("vaccins-covid.csv", "vaccins-covid-tableur.csv"):
        assert rules[name][:2] == [
            "  Content-Type: text/csv; charset=utf-8; header=present",
            "  Cache-Control: public, max-age=21600",
        ]
    assert rules["calendars.json"][:1] == ["  Content-Type: application/json; charset=utf-8"]


def test_the_page_links_the_data() -> None:
    page = seed_files()["index.html"].decode()
    for href in (
        "vaccins-covid.json",
        "vaccins-covid.csv",
        "vaccins-covid-tableur.csv",
        "calendars.json",
    ):
        assert f'href="{href}"' in page


def test_an_empty_definition_list_still_gives_a_catalog() -> None:
    assert json.loads(render_all([])["calendars.json"]) == {
        "calendars": [],
        "format": 1,
        "retired": [],
    }


def test_csv_leaves_the_confirmation_empty_when_the_rules_drop_it() -> None:
    text = ledger_text(SECOND + "from = 2024-02-05\n\n[revisions.confirmation]\nnone = true\n")
    lines = render_all([loads(text, "essai.toml")])["essai.csv"].decode().split("\r\n")
    assert lines[4:6] == [
        "2024-01-29,2024-01-30,ouvert,2024-02-08,2024-02-09,2024-01-31T18:00:00+01:00,2024-02-10,"
        ",2024-01-29,,",
        "2024-02-05,2024-02-06,ouvert,2024-02-15,2024-02-16,,2024-02-17,,2024-02-05,,",
    ]
