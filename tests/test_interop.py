"""Every calendar client reads the feeds the same: three independent parsers agree with
the JSON on every event of every built feed (issue 3).

- python-icalendar (the library that writes the feeds);
- Mozilla's ical.js, the parser Thunderbird uses, run with Node.js, given no time zone
  data but each file's own VTIMEZONE;
- vobject, its own parsing core, whose time zones come from the file's VTIMEZONE too
  (through dateutil's tzical).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import vobject
from icalendar import Calendar

from vaxical.definition import load, loads
from vaxical.model import Ledger
from vaxical.pipeline import calendar_of
from vaxical.render.files import render_calendar

from .conftest import LEDGER_2023, ROOT, SEED_DEFINITION, definition_text
from .golden import EXAMPLES

Record = tuple[Any, ...]


def _dst_definition(calendar_id: str, timezone: str) -> str:
    """Confirmations on Sundays at 18:00, on both sides of each DST change of 2023, 2030
    and 2045 (Europe/Paris changes on the last Sundays of March and October)."""
    periods = "".join(
        f"[[periods]]\nstart = {start}\n" + (f"end = {end}\n" if end else "") + "every_weeks = 1\n"
        for start, end in [
            ("2023-03-13", "2023-03-20"),
            ("2023-10-16", "2023-10-23"),
            ("2030-03-18", "2030-03-25"),
            ("2030-10-14", "2030-10-21"),
            ("2045-03-13", "2045-03-20"),
            ("2045-10-16", None),
        ]
    )
    return definition_text(
        periods, horizon="2045-10-23", timezone=timezone, calendar_id=calendar_id
    ).replace("day = 2\n", "day = 6\n")


HOSTILE = (
    "Élan « spécial » d’été, l'apostrophe ; virgules, points-virgules; un antislash \\\\ "
    "et un autre \\\\n qui n'est pas un saut, puis un vrai saut\\nligne suivante 💉🇫🇷 — "
    "ça doit se replier plusieurs fois sans couper un caractère : àâäéèêëîïôöùûüç ÀÂÉÈÊÎÔÙÛÇ "
    "œŒæÆ … « guillemets » ‹ › “ ” ‘ ’ et encore un peu de texte pour dépasser trois lignes."
)
HOSTILE_TEXT = (
    "Élan « spécial » d’été, l'apostrophe ; virgules, points-virgules; un antislash \\ "
    "et un autre \\n qui n'est pas un saut, puis un vrai saut\nligne suivante 💉🇫🇷 — "
    "ça doit se replier plusieurs fois sans couper un caractère : àâäéèêëîïôöùûüç ÀÂÉÈÊÎÔÙÛÇ "
    "œŒæÆ … « guillemets » ‹ › “ ” ‘ ’ et encore un peu de texte pour dépasser trois lignes."
)
HOSTILE_NAME = "Vaccins « été » – l’officine d'Élise 💉🇫🇷"


def _text_definition() -> str:
    periods = "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n"
    exceptions = f'[[exceptions]]\nsession = 2023-07-31\nclose = true\nreason = "{HOSTILE}"\n'
    return definition_text(periods, exceptions, horizon="2023-08-07", calendar_id="texte").replace(
        'name = "Essai"', f'name = "{HOSTILE_NAME}"'
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every feed: the shipped definition, the golden examples, DST and text stress cases,
    beside each calendar's JSON (what the tests read: the page, which is most of a build's
    time, is the browser tests' job)."""
    folder = tmp_path_factory.mktemp("feeds")
    # The shipped ledger under another id: the seed as one revision keeps its own.
    shipped = LEDGER_2023.read_text(encoding="utf-8")
    registre = shipped.replace('id = "vaccins-covid"', 'id = "registre"')
    definitions = [load(SEED_DEFINITION), loads(registre, "registre.toml")]
    for case in sorted(EXAMPLES.iterdir()):
        definitions += [load(path) for path in sorted((case / "input").glob("*.toml"))]
    definitions += [
        loads(_dst_definition("paris-dst", "Europe/Paris"), "paris-dst.toml"),
        loads(_dst_definition("martinique-dst", "America/Martinique"), "martinique-dst.toml"),
        loads(_text_definition(), "texte.toml"),
    ]
    unique: dict[str, Ledger] = {}
    for definition in definitions:  # the seed example repeats the shipped calendar's id
        unique.setdefault(definition.id, definition)
    for definition in unique.values():
        for name, data in render_calendar(calendar_of(definition), listed=False).items():
            (folder / name).write_bytes(data)
    return folder


@pytest.fixture(scope="module")
def icaljs(built: Path) -> dict[str, Any]:
    files = sorted(str(path) for path in built.glob("*.ics"))
    node = shutil.which("node")
    assert node is not None, "the interop tests need Node.js (see README: Set up)"
    result = subprocess.run(
        [node, str(ROOT / "tests" / "interop" / "icaljs.mjs"), *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    parsed: dict[str, Any] = json.loads(result.stdout)
    return {Path(name).name: value for name, value in parsed.items()}


def _feeds(built: Path) -> list[str]:
    return sorted(path.name for path in built.glob("*.ics"))


def _expected(built: Path, feed: str) -> list[Record]:
    """The feed's events as the JSON states them."""
    calendar_id = next(
        path.stem
        for path in built.glob("*.json")
        if feed.startswith(path.stem)
        and any(f["file"] == feed for f in json.loads(path.read_text(encoding="utf-8"))["feeds"])
    )
    document = json.loads((built / f"{calendar_id}.json").read_text(encoding="utf-8"))
    (kinds,) = [f["kinds"] for f in document["feeds"] if f["file"] == feed]
    return [
        (
            event["uid"],
            event["summary"],
            event["description"],
            (event["category"],),
            event["all_day"],
            event["start"][:19],
            event["end"][:19],
            event["start_utc"],
            event["end_utc"],
        )
        for event in document["events"]
        if event["kind"] in kinds
    ]


def _moment(value: dt.date) -> tuple[str, str | None]:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, "floating time"
        utc = value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return value.replace(tzinfo=None).isoformat(), utc
    return value.isoformat(), None


def _record(
    uid: str,
    summary: str,
    description: str,
    categories: tuple[str, ...],
    start: dt.date,
    end: dt.date,
) -> Record:
    start_local, start_utc = _moment(start)
    end_local, end_utc = _moment(end)
    all_day = not isinstance(start, dt.datetime)
    return (
        uid,
        summary,
        description,
        categories,
        all_day,
        start_local,
        end_local,
        start_utc,
        end_utc,
    )


def _by_icalendar(data: bytes) -> list[Record]:
    return [
        _record(
            event.uid,
            str(event.summary),
            str(event.description),
            tuple(str(c) for c in event.categories),
            event.start,
            event.end,
        )
        for event in Calendar.from_ical(data).events
    ]


def _by_vobject(data: bytes) -> list[Record]:
    calendar = vobject.readOne(data.decode("utf-8"))
    return [
        _record(
            event.uid.value,
            event.summary.value,
            event.description.value,
            tuple(event.categories.value),
            event.dtstart.value,
            event.dtend.value,
        )
        for event in calendar.vevent_list
    ]


def _by_icaljs(parsed: dict[str, Any]) -> list[Record]:
    return [
        (
            event["uid"],
            event["summary"],
            event["description"],
            tuple(event["categories"]),
            event["all_day"],
            event["start"],
            event["end"],
            event["start_utc"],
            event["end_utc"],
        )
        for event in parsed["events"]
    ]


def test_there_are_feeds_of_every_kind(built: Path) -> None:
    names = _feeds(built)
    # seed (and seed example, same id), the shipped ledger, 2 examples, 2 DST, 1 text;
    # + the reminders of the seed and of the ledger
    assert len(names) == 7 * 5 + 2
    assert "vaccins-covid-rappels.ics" in names
    assert "registre-rappels.ics" in names
    assert "vaccins-covid-confirmations.ics" in names
    assert "martinique-dst-confirmations.ics" in names


def test_three_parsers_agree_with_the_json(built: Path, icaljs: dict[str, Any]) -> None:
    for feed in _feeds(built):
        data = (built / feed).read_bytes()
        expected = _expected(built, feed)
        assert expected, feed
        assert _by_icalendar(data) == expected, f"python-icalendar disagrees on {feed}"
        assert _by_icaljs(icaljs[feed]) == expected, f"ical.js disagrees on {feed}"
        assert _by_vobject(data) == expected, f"vobject disagrees on {feed}"


# 18:00 on Sundays either side of each DST change; Paris UTC+1 in winter, UTC+2 in summer;
# Martinique UTC-4 all year. Written out, not computed.
PARIS_UTC = [
    "2023-03-19T17:00:00Z", "2023-03-26T16:00:00Z", "2023-10-22T16:00:00Z", "2023-10-29T17:00:00Z",
    "2030-03-24T17:00:00Z", "2030-03-31T16:00:00Z", "2030-10-20T16:00:00Z", "2030-10-27T17:00:00Z",
    "2045-03-19T17:00:00Z", "2045-03-26T16:00:00Z", "2045-10-22T16:00:00Z", "2045-10-29T17:00:00Z",
]  # fmt: skip
MARTINIQUE_UTC = [re.sub(r"T1[67]:", "T22:", instant) for instant in PARIS_UTC]


@pytest.mark.parametrize(
    ("calendar_id", "instants"), [("paris-dst", PARIS_UTC), ("martinique-dst", MARTINIQUE_UTC)]
)
def test_utc_instants_across_dst_changes_in_2023_2030_2045(
    built: Path, icaljs: dict[str, Any], calendar_id: str, instants: list[str]
) -> None:
    feed = f"{calendar_id}-confirmations.ics"
    data = (built / feed).read_bytes()
    for parser, records in (
        ("json", _expected(built, feed)),
        ("python-icalendar", _by_icalendar(data)),
        ("ical.js", _by_icaljs(icaljs[feed])),
        ("vobject", _by_vobject(data)),
    ):
        assert [record[7] for record in records] == instants, parser
        assert {record[5][11:] for record in records} == {"18:00:00"}, parser


def test_alarms_of_the_reminders_feed(built: Path, icaljs: dict[str, Any]) -> None:
    feed = "vaccins-covid-rappels.ics"
    document = json.loads((built / "vaccins-covid.json").read_text(encoding="utf-8"))
    expected = [
        [alarm["trigger"] for alarm in event["alarms"]]
        for event in document["events"]
        if event["kind"] == "reminder"
    ]
    assert expected == [["PT9H", "P1DT9H"]] * 8
    assert [event["alarms"] for event in icaljs[feed]["events"]] == expected
    calendar = vobject.readOne((built / feed).read_bytes().decode("utf-8"))
    by_vobject = [
        [alarm.trigger.value for alarm in event.valarm_list] for event in calendar.vevent_list
    ]
    assert by_vobject == [[dt.timedelta(hours=9), dt.timedelta(days=1, hours=9)]] * 8
    first = document["events"][[e["kind"] for e in document["events"]].index("reminder")]
    assert [alarm["at"] for alarm in first["alarms"]] == [
        "2023-07-17T09:00:00+02:00",
        "2023-07-18T09:00:00+02:00",
    ]


def test_text_survives_every_parser(built: Path, icaljs: dict[str, Any]) -> None:
    feed = "texte-sessions.ics"
    data = (built / feed).read_bytes()
    reason = f"Motif : {HOSTILE_TEXT}"
    for parser, records in (
        ("python-icalendar", _by_icalendar(data)),
        ("ical.js", _by_icaljs(icaljs[feed])),
        ("vobject", _by_vobject(data)),
    ):
        (closed,) = [r for r in records if r[0] == "texte-session-20230731@vaxical"]
        assert reason in closed[2], parser
    # The folded lines really are folded: the description spans several physical lines.
    assert data.count(b"\r\n ") > 10
    # Calendar names, in both spellings (RFC 7986 NAME and X-WR-CALNAME). Parsers that
    # do not know them keep them raw, escapes included (ical.js; python-icalendar, see
    # collective/icalendar#1445): names therefore hold no character that needs escaping,
    # and every parser gives back the same text.
    name = f"{HOSTILE_NAME} – Sessions de commande"
    assert icaljs[feed]["calendar"]["name"] == name
    assert icaljs[feed]["calendar"]["x_wr_calname"] == name
    calendar = vobject.readOne(data.decode("utf-8"))
    assert calendar.contents["x-wr-calname"][0].value == name
    assert calendar.contents["name"][0].value == name
    parsed = Calendar.from_ical(data)
    assert str(parsed["NAME"]) == str(parsed["X-WR-CALNAME"]) == name
    # The calendar description is known TEXT to every parser as DESCRIPTION.
    description = icaljs[feed]["calendar"]["description"]
    assert description == str(parsed["DESCRIPTION"])
    assert description == calendar.contents["description"][0].value
    assert description.startswith("Calendrier d'essai.\n\nCalendrier complet et abonnements")
