"""Retiring a calendar (``build --previous PUBLISHED --retire ID``): its addresses keep
answering, each feed a calendar without events, so that every client removes the events
at its next refresh (docs/calendar-clients.md rule 11). A feed that answers 404 instead
is kept as last fetched by every client, future sessions included (an audit, November
2026: the build used to stop writing the calendar's files).

The case: the shipped calendar published as ``vaccins-covid``, then published under a
new id, ``vaccins-covid-19``, with one more block (a correction of 20 September 2023),
and ``vaccins-covid`` retired."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import icalendar
import pytest
from lxml import etree

from vaxical.cli import main

from .calendar_schema import problems
from .conftest import LEDGER_2023, ROOT
from .test_catalog_schema import VALIDATOR as CATALOG_VALIDATOR
from .test_ledger import CORRECTION
from .test_updates import _atom_schema

BASE = "https://vaxical.github.io/vaxical/"
FEEDS = [
    "vaccins-covid-confirmations.ics",
    "vaccins-covid-livraisons.ics",
    "vaccins-covid-rappels.ics",
    "vaccins-covid-rendez-vous.ics",
    "vaccins-covid-sessions.ics",
    "vaccins-covid.ics",
]
RETIRED_FILES = sorted(
    [
        *FEEDS,
        "vaccins-covid-tableur.csv",
        "vaccins-covid.atom",
        "vaccins-covid.csv",
        "vaccins-covid.html",
        "vaccins-covid.json",
    ]
)

# The main feed, whole: the calendar's usual header (name, refresh hints, zone), a name
# and a description that say it is no longer published, and no event (hence no VTIMEZONE).
RETIRED_FEED = (
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//vaxical//vaxical//FR\r\n"
    "CALSCALE:GREGORIAN\r\n"
    "DESCRIPTION:Ce calendrier n'est plus publié : il ne contient plus aucun \r\n"
    " événement\\, et vous pouvez supprimer cet abonnement.\\n\\nLes calendriers \r\n"
    " publiés : https://vaxical.github.io/vaxical/\r\n"
    "X-WR-CALDESC:Ce calendrier n'est plus publié : il ne contient plus aucun \r\n"
    " événement\\, et vous pouvez supprimer cet abonnement.\\n\\nLes calendriers \r\n"
    " publiés : https://vaxical.github.io/vaxical/\r\n"
    "NAME:Commande des vaccins Covid-19 – officines (n'est plus publié)\r\n"
    "X-WR-CALNAME:Commande des vaccins Covid-19 – officines (n'est plus publi\r\n"
    " é)\r\n"
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n"
    "SOURCE;VALUE=URI:https://vaxical.github.io/vaxical/vaccins-covid.ics\r\n"
    "X-PUBLISHED-TTL:PT6H\r\n"
    "X-WR-TIMEZONE:Europe/Paris\r\n"
    # RFC 5545 gives every calendar one component at least (rule 22): the zone's.
    "BEGIN:VTIMEZONE\r\n"
    "TZID:Europe/Paris\r\n"
    "BEGIN:DAYLIGHT\r\n"
    "DTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
    "TZNAME:CEST\r\n"
    "TZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\n"
    "END:DAYLIGHT\r\n"
    "BEGIN:STANDARD\r\n"
    "DTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
    "TZNAME:CET\r\n"
    "TZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\n"
    "END:VTIMEZONE\r\n"
    "END:VCALENDAR\r\n"
).encode()

RETIREMENT = {
    "changes": [],
    # The latest revision of the calendars the build publishes (the correction of
    # vaccins-covid-19), never the clock.
    "date": "2023-09-20T00:00:00Z",
    "key": "retired",
    "summary": (
        "Ce calendrier n'est plus publié. Ses adresses d'abonnement restent en ligne, sans "
        "aucun événement : les agendas abonnés retirent ses sessions, livraisons et "
        "rendez-vous à leur prochaine actualisation, et l'abonnement peut être supprimé. "
        "Les calendriers publiés : https://vaxical.github.io/vaxical/"
    ),
    "title": "Ce calendrier n'est plus publié",
    "url": BASE,
}


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``site/``: the shipped calendar as published; ``renamed.toml``: it under its new
    id, a block later; ``retired/``: their build with ``--retire vaccins-covid``;
    ``later/``: the next build from ``retired/``, not told again."""
    root = tmp_path_factory.mktemp("retire")
    assert main(["build", str(LEDGER_2023), "--out", str(root / "site")]) == 0
    text = LEDGER_2023.read_text(encoding="utf-8")
    assert text.count('id = "vaccins-covid"') == 1
    renamed = root / "renamed.toml"
    renamed.write_text(
        text.replace('id = "vaccins-covid"', 'id = "vaccins-covid-19"') + CORRECTION, "utf-8"
    )
    build = ["build", str(renamed), "--out"]
    retire = ["--previous", str(root / "site"), "--retire", "vaccins-covid"]
    assert main([*build, str(root / "retired"), *retire]) == 0
    assert main([*build, str(root / "later"), "--previous", str(root / "retired")]) == 0
    return root


def test_each_feed_is_a_calendar_without_events(steps: Path) -> None:
    retired = steps / "retired"
    assert sorted(p.name for p in retired.glob("vaccins-covid[.-]*") if "-19" not in p.name) == (
        RETIRED_FILES
    )
    assert (retired / "vaccins-covid.ics").read_bytes() == RETIRED_FEED
    names = {}
    for feed in FEEDS:
        data = (retired / feed).read_bytes()
        parsed = icalendar.Calendar.from_ical(data)
        assert parsed.walk("VEVENT") == []
        assert parsed["REFRESH-INTERVAL"].to_ical() == b"PT6H"
        names[feed] = str(parsed["X-WR-CALNAME"])
        assert str(parsed["NAME"]) == names[feed]
    assert names == {
        "vaccins-covid.ics": "Commande des vaccins Covid-19 – officines (n'est plus publié)",
        "vaccins-covid-sessions.ics": (
            "Commande des vaccins Covid-19 – officines – Sessions de commande (n'est plus publié)"
        ),
        "vaccins-covid-livraisons.ics": (
            "Commande des vaccins Covid-19 – officines – Livraisons (n'est plus publié)"
        ),
        "vaccins-covid-confirmations.ics": (
            "Commande des vaccins Covid-19 – officines – Confirmations de commande "
            "(n'est plus publié)"
        ),
        "vaccins-covid-rendez-vous.ics": (
            "Commande des vaccins Covid-19 – officines – Début des rendez-vous (n'est plus publié)"
        ),
        "vaccins-covid-rappels.ics": (
            "Commande des vaccins Covid-19 – officines – Rappels (n'est plus publié)"
        ),
    }
    assert main(["lint", *(str(retired / feed) for feed in FEEDS)]) == 0


def test_a_later_build_keeps_them_byte_for_byte_untold(steps: Path) -> None:
    later = _files(steps / "later")
    assert later == _files(steps / "retired")
    # Told again (SITE_FLAGS left in place): the same.
    again = steps / "again"
    assert (
        main(
            [
                "build",
                str(steps / "renamed.toml"),
                "--out",
                str(again),
                "--previous",
                str(steps / "later"),
                "--retire",
                "vaccins-covid",
            ]
        )
        == 0
    )
    assert _files(again) == later


def test_its_record_says_it_and_keeps_its_calendar(steps: Path) -> None:
    before = json.loads((steps / "site" / "vaccins-covid.json").read_bytes())
    after = json.loads((steps / "retired" / "vaccins-covid.json").read_bytes())
    assert problems(after) == []
    assert (after["sessions"], after["events"]) == ([], [])
    assert after["history"] == [RETIREMENT, *before["history"]]
    assert after["calendar"] == before["calendar"]
    assert [feed["file"] for feed in after["feeds"]] == [feed["file"] for feed in before["feeds"]]
    assert after["feeds"][2] == {
        "file": "vaccins-covid-livraisons.ics",
        "kinds": ["delivery"],
        "name": "Commande des vaccins Covid-19 – officines – Livraisons (n'est plus publié)",
        "url": "https://vaxical.github.io/vaxical/vaccins-covid-livraisons.ics",
        "webcal": "webcal://vaxical.github.io/vaxical/vaccins-covid-livraisons.ics",
    }


def test_its_other_files(steps: Path) -> None:
    retired = steps / "retired"
    header = (
        "premier_jour,dernier_jour,etat,livraison_premier_jour,livraison_dernier_jour,"
        "confirmation,rendez_vous,motif,session,ouverture,fermeture\r\n"
    )
    assert (retired / "vaccins-covid.csv").read_bytes().decode() == header
    assert (retired / "vaccins-covid-tableur.csv").read_bytes().decode() == (
        "\ufeff" + header.replace(",", ";")
    )
    page = (retired / "vaccins-covid.html").read_text(encoding="utf-8")
    assert "<strong>Ce calendrier n'est plus publié.</strong>" in page
    assert f'<a href="{BASE}">Les calendriers publiés</a>' in page
    assert "webcal:" not in page  # nothing left to subscribe to
    atom = etree.parse(str(retired / "vaccins-covid.atom"))
    assert _atom_schema().validate(atom)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:updated", namespaces=ns) == "2023-09-20T00:00:00Z"
    entries = atom.findall("a:entry", ns)
    assert [entry.findtext("a:id", namespaces=ns) for entry in entries[:2]] == [
        f"{BASE}vaccins-covid.atom#retired",
        f"{BASE}vaccins-covid.atom#notice-dgs-urgent-du-15-septembre-2023",
    ]
    assert entries[0].findtext("a:title", namespaces=ns) == "Ce calendrier n'est plus publié"
    headers = (retired / "_headers").read_text(encoding="utf-8")
    assert (
        "/vaccins-covid.ics\n"
        "  Content-Type: text/calendar; charset=utf-8\n"
        "  Cache-Control: public, max-age=21600, no-transform\n"
        "  Access-Control-Allow-Origin: *\n"
    ) in headers


def test_the_list_of_calendars_and_the_index(steps: Path) -> None:
    catalog: dict[str, Any] = json.loads((steps / "retired" / "calendars.json").read_bytes())
    assert list(CATALOG_VALIDATOR.iter_errors(catalog)) == []
    assert [calendar["id"] for calendar in catalog["calendars"]] == ["vaccins-covid-19"]
    assert catalog["retired"] == [
        {
            "atom": f"{BASE}vaccins-covid.atom",
            "csv": f"{BASE}vaccins-covid.csv",
            "feeds": [
                {"file": feed, "url": BASE + feed, "webcal": "webcal" + BASE[5:] + feed}
                for feed in (
                    "vaccins-covid.ics",
                    "vaccins-covid-sessions.ics",
                    "vaccins-covid-livraisons.ics",
                    "vaccins-covid-confirmations.ics",
                    "vaccins-covid-rendez-vous.ics",
                    "vaccins-covid-rappels.ics",
                )
            ],
            "id": "vaccins-covid",
            "json": f"{BASE}vaccins-covid.json",
            "name": "Commande des vaccins Covid-19 – officines",
            "page": f"{BASE}vaccins-covid.html",
        }
    ]
    # One calendar published: the index is its page, which lists nothing retired.
    index = (steps / "retired" / "index.html").read_bytes()
    assert index == (steps / "retired" / "vaccins-covid-19.html").read_bytes()


def test_a_retired_id_is_not_built_again(
    steps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    for previous in ("retired", "later"):
        args = ["build", str(LEDGER_2023), str(steps / "renamed.toml"), "--out", str(out)]
        assert main([*args, "--previous", str(steps / previous)]) == 2
        assert capsys.readouterr().err == (
            f"vaxical: {LEDGER_2023}: calendar vaccins-covid was retired: the published build "
            f"in {steps / previous} keeps its feeds online without events, and says it is no "
            "longer published. Fix: give this calendar a new [calendar] id, such as "
            '`id = "vaccins-covid-2"` (new addresses, to subscribe to anew), or leave '
            f"{LEDGER_2023} out of the build.\n"
        )
        assert not out.exists()
    # The fix, followed: the id it gives is free.
    text = LEDGER_2023.read_text(encoding="utf-8")
    path = tmp_path / "new-id.toml"
    path.write_text(text.replace('id = "vaccins-covid"', 'id = "vaccins-covid-2"'), "utf-8")
    args = ["build", str(path), str(steps / "renamed.toml"), "--out", str(out)]
    assert main([*args, "--previous", str(steps / "later")]) == 0


def test_no_calendar_takes_a_retired_calendars_address(
    steps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A new id whose main feed is the retired calendar's sessions feed.
    text = LEDGER_2023.read_text(encoding="utf-8")
    path = tmp_path / "sessions.toml"
    path.write_text(text.replace('id = "vaccins-covid"', 'id = "vaccins-covid-sessions"'), "utf-8")
    out = tmp_path / "out"
    args = ["build", str(steps / "renamed.toml"), str(path), "--out", str(out)]
    assert main([*args, "--previous", str(steps / "retired")]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: {path}: its file vaccins-covid-sessions.ics would take the address of the "
        "file of the same name of vaccins-covid, a retired calendar, which keeps it online "
        "without events. Fix: give this calendar another [calendar] id, such as "
        '`id = "vaccins-covid-sessions-2"`.\n'
    )
    assert not out.exists()
    # The fix, followed: no file of that id is the retired calendar's.
    path.write_text(
        text.replace('id = "vaccins-covid"', 'id = "vaccins-covid-sessions-2"'), "utf-8"
    )
    assert main([*args, "--previous", str(steps / "retired")]) == 0


def test_diff_says_it_once(steps: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(steps / "site"), str(steps / "retired")]) == 1
    assert capsys.readouterr().out == (
        "Calendrier retiré : vaccins-covid.\nNouveau calendrier : vaccins-covid-19.\n"
    )
    record = "vaccins-covid.json"
    assert main(["diff", str(steps / "site" / record), str(steps / "retired" / record)]) == 1
    assert capsys.readouterr().out == "Calendrier retiré : vaccins-covid.\n"
    assert main(["diff", str(steps / "retired"), str(steps / "later")]) == 0
    assert capsys.readouterr().out == ""


def test_a_broken_record_is_refused(
    steps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(steps / "retired", site)
    record = json.loads((site / "vaccins-covid.json").read_bytes())
    published = json.loads((steps / "site" / "vaccins-covid.json").read_bytes())
    for broken, said in (
        ({**record, "events": published["events"][:2]}, 'events = "2 events": expected none'),
        (
            {**record, "history": [*record["history"][1:2], RETIREMENT]},
            'history[2].key = "retired": expected the retirement first',
        ),
        (
            {**record, "feeds": [{**record["feeds"][0], "file": "autre.ics"}]},
            'feeds[1].file = "autre.ics": expected a feed of vaccins-covid, once',
        ),
    ):
        (site / "vaccins-covid.json").write_text(json.dumps(broken), encoding="utf-8")
        args = ["build", str(steps / "renamed.toml"), "--previous", str(site)]
        assert main([*args, "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert said in err, err
        assert not (tmp_path / "out").exists()


def _fetch(project: Path, site: Path) -> str:
    """``make published`` in ``project`` (whose schedules/ names what it builds) from
    ``site``, into ``project/published``: what it said on stderr."""
    script = ROOT / "scripts" / "published.py"
    url = site.as_uri() + "/"
    fetched = subprocess.run(
        [sys.executable, str(script), "fetch", "--out", "published", "--url", url],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert fetched.returncode == 0
    return fetched.stderr


def test_make_published_fetches_a_retired_calendar_no_definition_names(
    steps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The publishing workflow builds with the site it downloads as --previous, and the
    download named the files of schedules/*.toml only: a retired calendar's record never
    reached the next build, whose site then lost its feeds."""
    (tmp_path / "schedules").mkdir()
    definition = tmp_path / "schedules" / "vaccins-covid-19.toml"
    shutil.copy(steps / "renamed.toml", definition)
    assert _fetch(tmp_path, steps / "retired") == ""
    published = tmp_path / "published"
    assert _files(published) == {
        name: data for name, data in _files(steps / "retired").items() if name != ".vaxical-output"
    }
    out = tmp_path / "build"
    assert main(["build", str(definition), "--previous", str(published), "--out", str(out)]) == 0
    assert _files(out) == _files(steps / "later")
    # Nor did a calendar left out without --retire reach it: the build dropped it
    # silently, where it refuses to.
    shutil.rmtree(out)
    shutil.rmtree(published)
    assert _fetch(tmp_path, steps / "site").endswith("vaccins-covid-19.json: not published yet\n")
    assert (published / "vaccins-covid.json").is_file()
    capsys.readouterr()
    assert main(["build", str(definition), "--previous", str(published), "--out", str(out)]) == 2
    assert "holds vaccins-covid, which this build does not write" in capsys.readouterr().err
    assert not out.exists()
