"""When the rules change: updates in place, a readable diff, a change log (issue 6)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

from vaxical.cli import main
from vaxical.history.changes import Facts, session_changes
from vaxical.rules import DateSpan

from .conftest import ROOT, SEED_DEFINITION

# The edit a notice would bring: one open session closed, one delivery shifted.
EDIT = """
[[exceptions]]
session = 2023-08-21
close = true
reason = "Inventaire des stocks"

[[exceptions]]
session = 2023-10-02
delivery = [2023-10-13, 2023-10-16]
reason = "Grève des transporteurs"
"""

# Every event whose content changes, and why (written out, not computed):
CHANGED = {
    "vaccins-covid-session-20230821@vaxical",  # now closed
    "vaccins-covid-session-20230814@vaxical",  # closed week: its "Prochaine session" moved on
    "vaccins-covid-session-20231002@vaxical",  # its text states the delivery days
    "vaccins-covid-rappel-20231002@vaxical",  # same text as the session, with alarms
    "vaccins-covid-livraison-20231002@vaxical",  # 13-16 October
    "vaccins-covid-rendez-vous-20231002@vaxical",  # day after the new last delivery day
}
REMOVED = {
    "vaccins-covid-livraison-20230821@vaxical",
    "vaccins-covid-confirmation-20230821@vaxical",
    "vaccins-covid-rendez-vous-20230821@vaxical",
    "vaccins-covid-rappel-20230821@vaxical",
}


def _build(project: Path, out: str, *extra: str) -> None:
    assert (
        main(
            [
                "build",
                str(project / "schedules" / SEED_DEFINITION.name),
                "--out",
                str(project / out),
                *extra,
            ]
        )
        == 0
    )


def _events(feed: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID."""
    blocks = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", feed, flags=re.DOTALL)
    by_uid = {}
    for block in blocks:
        uid = re.search(rb"\r\nUID:(.*?)\r\n", block.replace(b"\r\n ", b""))
        assert uid is not None
        by_uid[uid.group(1).decode()] = block
    return by_uid


@pytest.fixture(scope="module")
def edited_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published build of the shipped definition, then the edited definition and its
    build on the published one. Made once per module: the tests work on copies
    (:func:`edited`); a build depends on nothing but its arguments (no clock, no path
    written into a file), so a copy is that build."""
    project = tmp_path_factory.mktemp("edited")
    (project / "schedules").mkdir()
    definition = project / "schedules" / SEED_DEFINITION.name
    shutil.copy(SEED_DEFINITION, definition)
    _build(project, "published")
    text = definition.read_text(encoding="utf-8").replace(
        "revised = 2023-07-18", "revised = 2023-08-10"
    )
    definition.write_text(text + EDIT, encoding="utf-8")
    _build(project, "build", "--previous", str(project / "published"))
    return project


@pytest.fixture
def edited(tmp_path: Path, edited_once: Path) -> Path:
    """The folder of :func:`edited_once` (schedules/, published/, build/), copied into the
    test's own, where it may add builds or edit the definition."""
    shutil.copytree(edited_once, tmp_path, dirs_exist_ok=True)
    return tmp_path


def test_changed_events_get_sequence_1_and_the_others_keep_their_bytes(edited: Path) -> None:
    for feed in sorted((edited / "build").glob("*.ics")):
        before = _events((edited / "published" / feed.name).read_bytes())
        after = _events(feed.read_bytes())
        assert set(before) - set(after) == REMOVED & set(before), feed.name
        assert set(after) <= set(before)
        for uid, block in after.items():
            if uid in CHANGED:
                assert b"\r\nSEQUENCE:1\r\n" in block, uid
                assert b"\r\nLAST-MODIFIED:20230810T000000Z\r\n" in block
                assert b"\r\nDTSTAMP:20230810T000000Z\r\n" in block
            else:
                assert block == before[uid], uid  # byte-identical
    document = json.loads((edited / "build" / "vaccins-covid.json").read_text(encoding="utf-8"))
    assert {e["uid"] for e in document["events"] if e["sequence"] == 1} == CHANGED
    assert {e["sequence"] for e in document["events"]} == {0, 1}


def test_a_zone_of_the_same_offsets_raises_the_sequence_of_timed_events(
    tmp_path: Path, edited_once: Path
) -> None:
    """Brussels keeps Paris's offsets: every time stays the same, but each timed event
    names another TZID, which is a change (rule 9); the all-day events keep their bytes."""
    (tmp_path / "schedules").mkdir()
    definition = tmp_path / "schedules" / SEED_DEFINITION.name
    shutil.copy(SEED_DEFINITION, definition)
    # The shipped definition's build, as published (edited_once builds it first).
    shutil.copytree(edited_once / "published", tmp_path / "published")
    text = definition.read_text(encoding="utf-8")
    moved = text.replace('timezone = "Europe/Paris"', 'timezone = "Europe/Brussels"', 1)
    definition.write_text(moved.replace("revised = 2023-07-18", "revised = 2023-08-10"), "utf-8")
    _build(tmp_path, "build", "--previous", str(tmp_path / "published"))
    before = _events((tmp_path / "published" / "vaccins-covid.ics").read_bytes())
    after = _events((tmp_path / "build" / "vaccins-covid.ics").read_bytes())
    assert set(after) == set(before)
    confirmations = {uid for uid in after if "-confirmation-" in uid}
    assert len(confirmations) == 8  # the timed events: 18:00 each Wednesday
    for uid, block in after.items():
        if uid in confirmations:
            assert b"\r\nDTSTART;TZID=Europe/Brussels:" in block, uid
            assert b"\r\nSEQUENCE:1\r\n" in block, uid
            assert b"\r\nLAST-MODIFIED:20230810T000000Z\r\n" in block, uid
        else:
            assert block == before[uid], uid


OUTREMER = ROOT / "tests" / "examples" / "exceptions-outremer" / "input" / "metropole.toml"
REWORDED = "vaccins-metropole-session-20230918@vaxical"  # its closure's reason, reworded
SEPTEMBER_18 = "vaccins-covid-session-20230918@vaxical"
# The five events of the session of 16-17 October 2023, which a horizon of 2023-10-17
# adds to the seed definition (its horizon: 2023-10-10).
OCTOBER_16 = (
    "vaccins-covid-confirmation-20231016@vaxical, vaccins-covid-livraison-20231016@vaxical, "
    "vaccins-covid-rappel-20231016@vaxical and 2 more"
)
REFUSED = (
    "{file}:{line}: calendar.revised = {value}: is not after the last change published ({latest}), "
    "though this build {what}: they would be dated no later than what subscribers hold. "
    "(An edit of the definition, or a newer vaxical that writes them otherwise: this format "
    "records nothing that tells the two apart.) "
    "Fix: set it to the date and time of this build, later than {latest}: calendars ignore "
    "a change not dated after the copy they hold, and `revised` dates each change "
    "(LAST-MODIFIED, DTSTAMP) and the update logged.\n"
    "vaxical: 1 problem; nothing was written.\n"
)


def _build_to(definition: Path, out: Path, previous: Path | None = None) -> int:
    extra = [] if previous is None else ["--previous", str(previous)]
    return main(["build", str(definition), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def metropole_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The metropole example's build, made once per module (see :func:`edited_once`)."""
    published = tmp_path_factory.mktemp("metropole") / "published"
    assert _build_to(OUTREMER, published) == 0
    return published


def _metropole(tmp_path: Path, metropole_once: Path) -> tuple[Path, Path]:
    """The metropole example published: its definition in ``tmp_path / "schedules"``,
    and its build, a copy of ``metropole_once``, in ``tmp_path / "published"``."""
    (tmp_path / "schedules").mkdir()
    definition = tmp_path / "schedules" / "metropole.toml"
    shutil.copy(OUTREMER, definition)
    published = tmp_path / "published"
    shutil.copytree(metropole_once, published)
    return definition, published


def _reword(
    tmp_path: Path, metropole_once: Path, revised: str, capsys: pytest.CaptureFixture[str]
) -> int:
    """The metropole example published (revised 2023-09-01T08:00:00, Paris), then its
    closed session's reason reworded with ``revised`` as given, built with --previous."""
    definition, _ = _metropole(tmp_path, metropole_once)
    text = definition.read_text(encoding="utf-8")
    text = text.replace("Inventaire national des stocks", "Inventaire des stocks")
    text = text.replace("revised = 2023-09-01T08:00:00", f"revised = {revised}")
    definition.write_text(text, encoding="utf-8")
    capsys.readouterr()
    return _build_to(definition, tmp_path / "build", tmp_path / "published")


@pytest.mark.parametrize(
    ("revised", "value"),
    [
        ("2023-09-01T08:00:00", "2023-09-01T08:00:00+02:00"),  # not bumped
        ("2023-08-01", "2023-08-01"),  # moved back
        ("2023-09-01T08:00:00.5", "2023-09-01T08:00:00.500000+02:00"),  # feeds: 08:00:00
    ],
)
def test_a_change_not_dated_after_the_published_one_is_refused(
    tmp_path: Path,
    metropole_once: Path,
    capsys: pytest.CaptureFixture[str],
    revised: str,
    value: str,
) -> None:
    """Clients ignore a higher SEQUENCE whose LAST-MODIFIED and DTSTAMP are not later
    (docs/calendar-clients.md rules 9 and 10): an edit that keeps or moves back
    `revised` would date its changes no later than the copy subscribers hold."""
    assert _reword(tmp_path, metropole_once, revised, capsys) == 2
    assert capsys.readouterr().err == REFUSED.format(
        file=tmp_path / "schedules" / "metropole.toml",
        line=13,
        value=value,
        latest="2023-09-01T08:00:00+02:00",
        what=f"changes 1 published event ({REWORDED})",
    )
    assert not (tmp_path / "build").exists()


def test_a_later_revised_dates_the_change(
    tmp_path: Path, metropole_once: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _reword(tmp_path, metropole_once, "2023-09-05T10:00:00", capsys) == 0
    before = _events((tmp_path / "published" / "vaccins-metropole.ics").read_bytes())
    after = _events((tmp_path / "build" / "vaccins-metropole.ics").read_bytes())
    assert set(after) == set(before)
    assert b"\r\nSEQUENCE:0\r\n" in before[REWORDED]
    assert b"\r\nLAST-MODIFIED:20230901T060000Z\r\n" in before[REWORDED]
    for uid, block in after.items():
        if uid == REWORDED:
            assert b"\r\nSEQUENCE:1\r\n" in block
            assert b"\r\nLAST-MODIFIED:20230905T080000Z\r\n" in block
            assert b"\r\nDTSTAMP:20230905T080000Z\r\n" in block
        else:
            assert block == before[uid], uid


def test_the_last_change_published_is_the_latest(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On top of a published update (revised 2023-08-10), an edit dated between the
    first revision (2023-07-18) and that update is refused, though the events it
    changes were last changed by the first: dated so, they would read as older than
    the update's."""
    definition = edited / "schedules" / SEED_DEFINITION.name
    text = definition.read_text(encoding="utf-8").replace(
        "revised = 2023-08-10", "revised = 2023-08-05"
    )
    strike = "[[exceptions]]\nsession = 2023-09-18\ndelivery = [2023-09-29, 2023-10-02]\n"
    definition.write_text(f'{text}\n{strike}reason = "Grève"\n', encoding="utf-8")
    published = _events((edited / "build" / "vaccins-covid.ics").read_bytes())
    assert b"\r\nLAST-MODIFIED:20230718T000000Z\r\n" in published[SEPTEMBER_18]
    capsys.readouterr()
    assert _build_to(definition, edited / "again", edited / "build") == 2
    assert capsys.readouterr().err == REFUSED.format(
        file=definition,
        line=27,
        value="2023-08-05",
        latest="2023-08-10",
        what="changes 4 published events (vaccins-covid-livraison-20230918@vaxical, "
        "vaccins-covid-rappel-20230918@vaxical, vaccins-covid-rendez-vous-20230918@vaxical "
        "and 1 more)",
    )
    assert not (edited / "again").exists()


@pytest.mark.parametrize(
    ("published", "built", "what"),
    [("10", "17", "adds 5 events"), ("17", "10", "removes 5 published events")],
)
def test_an_edit_that_adds_or_removes_events_needs_a_later_revised_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], published: str, built: str, what: str
) -> None:
    """A horizon moved with `revised` kept: the new events would be dated at the first
    publication, and the update logged would take the key of any published one of that
    date (update-20230718T000000Z), replacing it."""
    definition = tmp_path / SEED_DEFINITION.name
    text = SEED_DEFINITION.read_text(encoding="utf-8")
    definition.write_text(
        text.replace("horizon = 2023-10-10", f"horizon = 2023-10-{published}"), encoding="utf-8"
    )
    assert _build_to(definition, tmp_path / "published") == 0
    definition.write_text(
        text.replace("horizon = 2023-10-10", f"horizon = 2023-10-{built}"), encoding="utf-8"
    )
    capsys.readouterr()
    assert _build_to(definition, tmp_path / "build", tmp_path / "published") == 2
    assert capsys.readouterr().err == REFUSED.format(
        file=definition,
        line=27,
        value="2023-07-18",
        latest="2023-07-18",
        what=f"{what} ({OCTOBER_16})",
    )
    assert not (tmp_path / "build").exists()


def test_an_update_logged_is_a_change_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A horizon brought back (revised 2023-08-01) removes events and logs an update,
    update-20230801T000000Z, but stamps no event: an edit dated as that update is refused
    all the same, or its update would replace the published one under the same key."""
    definition = tmp_path / SEED_DEFINITION.name
    text = SEED_DEFINITION.read_text(encoding="utf-8")
    longer = text.replace("horizon = 2023-10-10", "horizon = 2023-10-17")
    definition.write_text(longer, encoding="utf-8")
    assert _build_to(definition, tmp_path / "published") == 0
    definition.write_text(
        text.replace("revised = 2023-07-18", "revised = 2023-08-01"), encoding="utf-8"
    )
    assert _build_to(definition, tmp_path / "update", tmp_path / "published") == 0
    document = json.loads((tmp_path / "update" / "vaccins-covid.json").read_text(encoding="utf-8"))
    assert [entry["key"] for entry in document["history"]] == [
        "update-20230801T000000Z",
        "notice-dgs-urgent-n2023-11",
    ]
    assert {event["last_modified"] for event in document["events"]} == {"2023-07-18T00:00:00Z"}
    definition.write_text(
        longer.replace("revised = 2023-07-18", "revised = 2023-08-01"), encoding="utf-8"
    )
    capsys.readouterr()
    assert _build_to(definition, tmp_path / "build", tmp_path / "update") == 2
    assert capsys.readouterr().err == REFUSED.format(
        file=definition,
        line=27,
        value="2023-08-01",
        latest="2023-08-01",
        what=f"adds 5 events ({OCTOBER_16})",
    )
    assert not (tmp_path / "build").exists()


def test_diff_names_exactly_the_two_changes(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(edited / "published"), str(edited / "build")]) == 1
    # Every date with its year: a diff may span several years.
    assert capsys.readouterr().out.splitlines() == [
        "La session du 21-22 août 2023 est fermée. Motif : Inventaire des stocks",
        "Livraison de la session du 2-3 octobre 2023 : 12-13 octobre 2023 → 13-16 octobre 2023. "
        "Motif : Grève des transporteurs",
    ]
    # The same from the two definitions, and as JSON.
    old = edited / "v1.toml"
    shutil.copy(SEED_DEFINITION, old)
    assert main(["diff", str(old), str(edited / "schedules" / SEED_DEFINITION.name), "--json"]) == 1
    changes = json.loads(capsys.readouterr().out)
    # Data for machines (ISO dates, kinds, reasons), with the French beside it.
    assert [(c["session"], c["kind"], c["before"], c["after"], c["reason"]) for c in changes] == [
        ("2023-08-21", "closed", None, None, "Inventaire des stocks"),
        (
            "2023-10-02",
            "delivery",
            {"first_day": "2023-10-12", "last_day": "2023-10-13"},
            {"first_day": "2023-10-13", "last_day": "2023-10-16"},
            "Grève des transporteurs",
        ),
        # For software, the appointments that follow the delivery too (the text leaves
        # them out, as the change log does).
        ("2023-10-02", "appointments", "2023-10-14", "2023-10-17", None),
    ]
    assert [c["days"] for c in changes] == [
        {"first_day": "2023-08-21", "last_day": "2023-08-22"},
        {"first_day": "2023-10-02", "last_day": "2023-10-03"},
        {"first_day": "2023-10-02", "last_day": "2023-10-03"},
    ]
    assert [c["text"] for c in changes] == [
        "La session du 21-22 août 2023 est fermée. Motif : Inventaire des stocks",
        "Livraison de la session du 2-3 octobre 2023 : 12-13 octobre 2023 → 13-16 octobre 2023. "
        "Motif : Grève des transporteurs",
        "Rendez-vous de la session du 2-3 octobre 2023 : à partir du samedi 14 octobre 2023 → "
        "du mardi 17 octobre 2023",
    ]


def test_diff_of_identical_versions_exits_0(
    edited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", str(edited / "build"), str(edited / "build")]) == 0
    assert capsys.readouterr().out == ""


def test_rebuilding_from_itself_changes_nothing(edited: Path) -> None:
    _build(edited, "again", "--previous", str(edited / "build"))
    for path in sorted((edited / "build").iterdir()):
        assert (edited / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_same_definition_and_previous_give_the_same_bytes(edited: Path) -> None:
    _build(edited, "twice", "--previous", str(edited / "published"))
    for path in sorted((edited / "build").iterdir()):
        assert (edited / "twice" / path.name).read_bytes() == path.read_bytes(), path.name


def test_change_log_on_the_page_in_json_and_atom(edited: Path) -> None:
    document = json.loads((edited / "build" / "vaccins-covid.json").read_text(encoding="utf-8"))
    assert [(entry["key"], entry["date"]) for entry in document["history"]] == [
        ("update-20230810T000000Z", "2023-08-10T00:00:00Z"),
        ("notice-dgs-urgent-n2023-11", "2023-07-18T00:00:00Z"),
    ]
    assert document["history"][0]["changes"] == [
        "La session du 21-22 août est fermée. Motif : Inventaire des stocks",
        "Livraison de la session du 2-3 octobre : 12-13 octobre → 13-16 octobre. "
        "Motif : Grève des transporteurs",
    ]
    page = (edited / "build" / "index.html").read_text(encoding="utf-8")
    start = page.index('id="vaccins-covid-actualites"')
    news = page[start : page.index("</section>", start)]
    assert "Mise à jour du calendrier" in news
    assert (
        "<li>Livraison de la session du 2-3 octobre : 12-13 octobre → 13-16 octobre. "
        "Motif : Grève des transporteurs</li>"
    ) in news
    assert news.index("Mise à jour du calendrier") < news.index("DGS-Urgent N°2023-11")
    assert 'href="vaccins-covid.atom"' in news


def _atom_schema() -> etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(ROOT / "tests" / "schemas" / "atom.rnc")))
    # rnc2rng declares the empty namespace as a prefix, which XML forbids; it is unused.
    return etree.RelaxNG(etree.fromstring(rng.replace('xmlns:local=""', "").encode()))


def test_atom_feed_is_valid_atom_1_0(edited: Path) -> None:
    schema = _atom_schema()
    for build in ("published", "build"):
        document = etree.parse(str(edited / build / "vaccins-covid.atom"))
        assert schema.validate(document), schema.error_log
    entries = etree.parse(str(edited / "build" / "vaccins-covid.atom")).findall(
        "{http://www.w3.org/2005/Atom}entry"
    )
    assert len(entries) == 2
    # The schema catches what a broken feed would be.
    broken = etree.fromstring(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')
    assert not schema.validate(broken)


def test_headers_for_static_hosts(edited: Path) -> None:
    headers = (edited / "build" / "_headers").read_text(encoding="utf-8").splitlines()
    assert headers[
        headers.index("/vaccins-covid.ics") : headers.index("/vaccins-covid.ics") + 3
    ] == [
        "/vaccins-covid.ics",
        "  Content-Type: text/calendar; charset=utf-8",
        "  Cache-Control: public, max-age=21600, no-transform",
    ]
    assert "/vaccins-covid-rappels.ics" in headers
    assert "  Content-Type: application/atom+xml; charset=utf-8" in headers


def test_malformed_previous_build_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "vaccins-covid.json").write_text('{"format": 1, "calendar": {}}', encoding="utf-8")
    code = main(
        ["build", str(SEED_DEFINITION), "--out", str(tmp_path / "out"), "--previous", str(previous)]
    )
    assert code == 2
    assert "is not a vaxical build's calendar document" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def _record(
    day: str,
    last: str,
    *,
    is_open: bool = True,
    delivery: tuple[str, str] | None = None,
    confirmation: str | None = None,
    appointments: str | None = None,
    days: tuple[str, str] | None = None,
    hours: tuple[str, str] | None = None,
) -> Facts:
    first, final = days or (day, last)
    return Facts(
        session=dt.date.fromisoformat(day),
        days=DateSpan(dt.date.fromisoformat(first), dt.date.fromisoformat(final)),
        open=is_open,
        delivery=(
            DateSpan(dt.date.fromisoformat(delivery[0]), dt.date.fromisoformat(delivery[1]))
            if delivery
            else None
        ),
        confirmation=dt.datetime.fromisoformat(confirmation) if confirmation else None,
        appointments=dt.date.fromisoformat(appointments) if appointments else None,
        opens=dt.datetime.fromisoformat(hours[0]) if hours else None,
        closes=dt.datetime.fromisoformat(hours[1]) if hours else None,
    )


def test_every_kind_of_change_in_french() -> None:
    before = [
        _record("2023-07-31", "2023-08-01", is_open=False),
        _record(
            "2023-08-07",
            "2023-08-08",
            delivery=("2023-08-17", "2023-08-18"),
            confirmation="2023-08-09T18:00:00+02:00",
            appointments="2023-08-19",
        ),
        _record(
            "2023-08-14",
            "2023-08-15",
            delivery=("2023-08-24", "2023-08-25"),
            confirmation="2023-08-16T18:00:00+02:00",
            appointments="2023-08-26",
        ),
        _record("2023-08-21", "2023-08-22", is_open=False),
    ]
    after = [
        _record(
            "2023-07-31",
            "2023-08-01",
            delivery=("2023-08-10", "2023-08-11"),
            confirmation="2023-08-02T18:00:00+02:00",
            appointments="2023-08-12",
        ),
        _record(
            "2023-08-07",
            "2023-08-08",
            delivery=("2023-08-17", "2023-08-18"),
            confirmation="2023-08-10T09:00:00+02:00",
            appointments="2023-08-20",
            days=("2023-08-08", "2023-08-09"),
        ),
        _record("2023-08-28", "2023-08-29", is_open=False),
    ]
    changes = session_changes("x", before, after)
    assert [change.text(2023) for change in changes] == [
        "La session du 31 juillet – 1er août est ouverte.",
        "La session du 7-8 août est déplacée au 8-9 août.",
        "Rendez-vous de la session du 8-9 août : à partir du samedi 19 août → du dimanche 20 août",
        "Confirmation de commande de la session du 8-9 août : mercredi 9 août, 18h00 → jeudi 10 août, 9h00",
        "Session retirée : 14-15 août.",
        "Session retirée : 21-22 août.",
        "Nouvelle session : 28-29 août (fermée).",
    ]
    # Read in a notice of another year, or with no year given, each date says its year:
    # a notice of 2024 that lists 16-17 October 2023 and 14-15 October 2024 said both
    # without one.
    assert [change.text(2024) for change in changes[1:3]] == [
        "La session du 7-8 août 2023 est déplacée au 8-9 août 2023.",
        "Rendez-vous de la session du 8-9 août 2023 : à partir du samedi 19 août 2023 → du "
        "dimanche 20 août 2023",
    ]
    assert changes[0].text() == "La session du 31 juillet – 1er août 2023 est ouverte."


def test_appointments_from_none_or_to_none_read_as_french() -> None:
    """A publisher's trial: `diff --json` gave an added session's appointments as
    « à partir du — → du samedi 4 novembre 2023 »."""
    delivery = ("2023-11-02", "2023-11-03")
    added = _record("2023-10-23", "2023-10-24", delivery=delivery, appointments="2023-11-04")
    changes = session_changes("x", [], [added], complete=True)
    (change,) = [change for change in changes if change.kind == "appointments"]
    assert change.text(2023) == (
        "Rendez-vous de la session du 23-24 octobre : — → à partir du samedi 4 novembre"
    )
    ruled = _record("2023-10-23", "2023-10-24", delivery=delivery)  # rules give no day
    assert [c.text(2023) for c in session_changes("x", [added], [ruled])] == [
        "Rendez-vous de la session du 23-24 octobre : à partir du samedi 4 novembre → —"
    ]
    assert [c.text(2023) for c in session_changes("x", [ruled], [added])] == [
        "Rendez-vous de la session du 23-24 octobre : — → à partir du samedi 4 novembre"
    ]


def test_a_change_of_the_portals_hours_is_one() -> None:
    """« de 8 heures à 23 heures » becoming 9 heures to 18 heures is news; a session moved
    past the change to summer time, its hours kept, is not (the offset changes, not the
    clock); hours stated where there were none are."""
    window = ("2023-03-20T08:00:00+01:00", "2023-03-21T23:00:00+01:00")
    before = [
        _record(
            "2023-03-13",
            "2023-03-14",
            hours=("2023-03-13T08:00:00+01:00", "2023-03-14T23:00:00+01:00"),
        ),
        _record("2023-03-20", "2023-03-21", hours=window),
        _record("2023-03-27", "2023-03-28"),
    ]
    after = [
        _record(
            "2023-03-13",
            "2023-03-14",
            hours=("2023-03-13T09:00:00+01:00", "2023-03-14T18:00:00+01:00"),
        ),
        _record(
            "2023-03-20",
            "2023-03-21",
            days=("2023-03-27", "2023-03-28"),
            hours=("2023-03-27T08:00:00+02:00", "2023-03-28T23:00:00+02:00"),
        ),
        _record(
            "2023-03-27",
            "2023-03-28",
            hours=("2023-03-27T08:00:00+02:00", "2023-03-28T23:00:00+02:00"),
        ),
    ]
    changes = session_changes("x", before, after)
    assert [change.text(2023) for change in changes] == [
        "Ouverture de la session du 13-14 mars : lundi 13 mars, 8h00 → 9h00",
        "Clôture de la session du 13-14 mars : mardi 14 mars, 23h00 → 18h00",
        "La session du 20-21 mars est déplacée au 27-28 mars.",
        "Ouverture de la session du 27-28 mars : — → lundi 27 mars, 8h00",
        "Clôture de la session du 27-28 mars : — → mardi 28 mars, 23h00",
    ]
    assert changes[0].as_json(2023) == {
        "calendar": "x",
        "session": "2023-03-13",
        "kind": "opens",
        "days": {"first_day": "2023-03-13", "last_day": "2023-03-14"},
        "before": "2023-03-13T08:00:00+01:00",
        "after": "2023-03-13T09:00:00+01:00",
        "reason": None,
        "text": "Ouverture de la session du 13-14 mars : lundi 13 mars, 8h00 → 9h00",
    }


def test_an_upgrade_that_writes_events_otherwise_asks_for_a_later_revised_too(
    tmp_path: Path, metropole_once: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review: a vaxical that words an event otherwise (here, a published copy as an
    older one wrote it) refused `make site` as if the definition had been edited. This
    format records no digest that would tell the two apart: the message says both, and
    the fix it gives, followed, reissues the event."""
    definition, published = _metropole(tmp_path, metropole_once)
    record = published / "vaccins-metropole.json"
    document = json.loads(record.read_text(encoding="utf-8"))
    (event,) = [e for e in document["events"] if e["uid"] == REWORDED]
    event["description"] += " (older wording)"
    record.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    capsys.readouterr()
    assert _build_to(definition, tmp_path / "build", published) == 2
    assert capsys.readouterr().err == REFUSED.format(
        file=definition,
        line=13,
        value="2023-09-01T08:00:00+02:00",
        latest="2023-09-01T08:00:00+02:00",
        what=f"changes 1 published event ({REWORDED})",
    )
    text = definition.read_text(encoding="utf-8")
    definition.write_text(
        text.replace("revised = 2023-09-01T08:00:00", "revised = 2023-09-02T09:00:00"), "utf-8"
    )
    assert _build_to(definition, tmp_path / "build", published) == 0
    rebuilt = json.loads((tmp_path / "build" / "vaccins-metropole.json").read_text("utf-8"))
    (event,) = [e for e in rebuilt["events"] if e["uid"] == REWORDED]
    assert (event["sequence"], event["last_modified"]) == (1, "2023-09-02T07:00:00Z")
