"""A vaxical upgrade that writes published events differently, the ledger untouched:
`build --previous` publishes them again with a higher SEQUENCE (docs/calendar-clients.md
rule 9) instead of blaming a block nobody edited; an edit of the ledger is still refused.
The case is real: the last-day alarms of May 2023 were moved by a fix (27 November 2026)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any, Protocol

import pytest

from vaxical.cli import main
from vaxical.definition import load, loads

from .conftest import LEDGER_2023
from .test_ledger import CORRECTION  # the 20 September correction of its guard tests

REISSUED = [
    "vaccins-covid-rappel-20230501@vaxical",
    "vaccins-covid-rappel-20230508@vaxical",
    "vaccins-covid-rappel-20230529@vaxical",
]
# What the vaxical before the fix wrote for those three: the last-day alarm on the
# second day of a session open from the Friday before.
OLD_LAST_DAY = {
    REISSUED[0]: "2023-04-29T09:00:00+02:00",
    REISSUED[1]: "2023-05-06T09:00:00+02:00",
    REISSUED[2]: "2023-05-27T09:00:00+02:00",
}


def _json(folder: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((folder / "vaccins-covid.json").read_bytes())
    return document


def _events(folder: Path) -> dict[str, dict[str, Any]]:
    return {event["uid"]: event for event in _json(folder)["events"]}


def _publish(site: Path, document: dict[str, Any]) -> None:
    """``document`` as the site's published JSON (the only file --previous reads)."""
    (site / "vaccins-covid.json").write_text(json.dumps(document), encoding="utf-8")


def _said_building_on(site: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The shipped ledger built on ``site`` (--previous) into ``out``, exit 0: its notes."""
    args = ["build", str(LEDGER_2023), "--out", str(out), "--previous", str(site)]
    assert main(args) == 0
    return capsys.readouterr().err


def _as_older_vaxical_wrote_it(site: Path, *, reworded: str | None = None) -> None:
    """Make a build's JSON what the vaxical before the fix published (only the JSON is
    read back by --previous): the May 2023 last-day alarms on the session's second day;
    ``reworded``: an event whose description that vaxical worded otherwise."""
    document = _json(site)
    for event in document["events"]:
        if event["uid"] in OLD_LAST_DAY:
            last_day = event["alarms"][1]
            assert last_day["trigger"] == "P4DT9H"
            last_day["at"], last_day["trigger"] = OLD_LAST_DAY[event["uid"]], "P1DT9H"
        if event["uid"] == reworded:
            event["description"] += " (as an older vaxical wrote it)"
    _publish(site, document)


class Published(Protocol):
    def __call__(self, tmp_path: Path, as_of: str | None = None) -> Path: ...


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """``published(tmp_path, as_of=None)``: the shipped ledger's build (as of that day,
    when given) copied to ``tmp_path / "published"``, what the test then publishes and
    builds on. Each build is made once per module, then copied: most tests here started
    from the same one, a third of their time; a build depends on nothing but its
    arguments (no clock, no path written into a file), so a copy is that build."""
    made: dict[str | None, Path] = {}

    def copy(tmp_path: Path, as_of: str | None = None) -> Path:
        if as_of not in made:
            folder = tmp_path_factory.mktemp("shipped") / "site"
            args = ["build", str(LEDGER_2023), "--out", str(folder)]
            assert main([*args, *([] if as_of is None else ["--as-of", as_of])]) == 0
            made[as_of] = folder
        site = tmp_path / "published"
        shutil.copytree(made[as_of], site)
        return site

    return copy


@pytest.fixture
def written_by_older_vaxical(tmp_path: Path, published: Published) -> Path:
    """The shipped calendar's build as the vaxical before the fix published it."""
    site = published(tmp_path)
    _as_older_vaxical_wrote_it(site)
    return site


def test_an_upgrade_reissues_what_it_writes_differently(
    tmp_path: Path, written_by_older_vaxical: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = written_by_older_vaxical
    before = _events(published)
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--out", str(out)]
    assert main([*args, "--previous", str(published)]) == 0
    assert capsys.readouterr().err == (
        f"vaxical: note: {LEDGER_2023} is as published, but this version of vaxical "
        f"writes 3 published events differently ({', '.join(REISSUED)}): they are published "
        "again with a higher SEQUENCE, so that calendars take the change.\n"
    )
    after = _events(out)
    assert sorted(uid for uid in after if after[uid] != before[uid]) == REISSUED
    for uid in REISSUED:
        assert (before[uid]["sequence"], after[uid]["sequence"]) == (1, 2)
        # Dated from the ledger's latest revision (15 September 2023): no clock.
        assert after[uid]["last_modified"] == "2023-09-15T00:00:00Z"
        assert after[uid]["alarms"][1]["trigger"] == "P4DT9H"
    feed = (out / "vaccins-covid-rappels.ics").read_bytes()
    block = feed[feed.index(b"UID:" + REISSUED[0].encode()) :]
    block = block[: block.index(b"END:VEVENT")]
    assert b"\r\nSEQUENCE:2\r\n" in block
    assert b"\r\nLAST-MODIFIED:20230915T000000Z\r\n" in block

    # The next build from what is now online: nothing more to say, the same bytes.
    again = tmp_path / "again"
    assert main([*args[:2], "--out", str(again), "--previous", str(out)]) == 0
    assert capsys.readouterr().err == ""
    assert {p.name: p.read_bytes() for p in again.iterdir()} == {
        p.name: p.read_bytes() for p in out.iterdir()
    }


def test_an_upgrade_that_no_longer_writes_an_event_says_so(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """An event that the published blocks, replayed by this vaxical, no longer give leaves
    the feeds (calendars remove it): the publisher is told, as for a reissue, where before
    it went without a word."""
    site = published(tmp_path)
    document = _json(site)
    # What an older vaxical may have written and this one no longer does: a second
    # reminder event for the session of 1 May 2023.
    extra = dict(_events(site)[REISSUED[0]], uid="vaccins-covid-rappel-20230501-2@vaxical")
    document["events"].append(extra)
    _publish(site, document)
    out = tmp_path / "out"
    assert _said_building_on(site, out, capsys) == (
        f"vaxical: note: {LEDGER_2023} is as published, but this version of vaxical "
        "no longer writes 1 published event (vaccins-covid-rappel-20230501-2@vaxical): "
        "calendars remove it from their feeds. To keep it, build with the version of vaxical "
        "that published it.\n"
    )
    assert extra["uid"] not in _events(out)
    assert b"rappel-20230501-2@" not in (out / "vaccins-covid-rappels.ics").read_bytes()


def test_a_block_appended_after_a_reissue_keeps_every_sequence_up(
    tmp_path: Path, written_by_older_vaxical: Path
) -> None:
    reissued = tmp_path / "reissued"
    args = ["build", str(LEDGER_2023), "--previous", str(written_by_older_vaxical)]
    assert main([*args, "--out", str(reissued)]) == 0
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + CORRECTION, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(reissued), "--out", str(out)]) == 0
    online, now = _events(reissued), _events(out)
    for uid in REISSUED:  # the replay alone gives 1: never below what subscribers have
        assert now[uid]["sequence"] == online[uid]["sequence"] == 2
    closed = "vaccins-covid-session-20231002@vaxical"
    assert (online[closed]["sequence"], now[closed]["sequence"]) == (0, 1)
    assert now[closed]["last_modified"] == "2023-09-20T00:00:00Z"


def test_an_edit_of_what_every_block_reads_is_still_refused(
    tmp_path: Path, written_by_older_vaxical: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The published build recorded the ledger's digest: [reminders] edited is no upgrade.
    text = LEDGER_2023.read_text(encoding="utf-8")
    assert text.count("{ day = 1, time = 09:00:00 }") == 1
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text.replace("{ day = 1, time = 09:00:00 }", "{ day = 1, time = 10:00:00 }"))
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(written_by_older_vaxical)]) == 2
    (line, _) = capsys.readouterr().err.splitlines()
    assert line.startswith(
        f"{path}:50: revisions[1]: (DGS-Urgent N°2023-04, 2023-01-30), or [calendar] or "
        "[reminders] that every block reads, was edited after publication: "
    )
    assert not out.exists()


def test_the_digest_is_what_the_ledger_says_not_how_it_is_written() -> None:
    text = LEDGER_2023.read_text(encoding="utf-8")
    ledger = load(LEDGER_2023)
    assert ledger.digest == ("1936f6d3c59c07746e3ec6f7e45087e189967c070adeb09b800463d994fe02f8")
    # Comments, blank lines, spacing and quoting do not count.
    rewritten = text.replace("# ", "#  ").replace(" = ", "=").replace("\n\n", "\n\n\n")
    assert rewritten != text
    assert loads(rewritten, "vaccins-covid.toml").digest == ledger.digest
    # A value does.
    edited = text.replace("time = 18:00:00", "time = 18:30:00", 1)
    assert edited != text
    assert loads(edited, "vaccins-covid.toml").digest != ledger.digest
    # The ledger as of a revision is the file cut after that block.
    as_of = ledger.as_of(dt.date(2023, 7, 18))
    assert as_of is not None
    cut = text[: text.index("[[revisions]]", text.index("date = 2023-07-18"))]
    assert as_of.digest == loads(cut, "vaccins-covid.toml").digest != ledger.digest


def test_an_upgrade_rewords_a_history_entry_and_says_so(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    site = published(tmp_path)
    document = _json(site)
    entry = document["history"][0]
    assert entry["title"].startswith("DGS-Urgent du 15 septembre 2023 : ")
    worded = list(entry["changes"])
    entry["changes"] = ["(as an older vaxical worded it)", *worded[1:]]
    _publish(site, document)
    out = tmp_path / "out"
    assert _said_building_on(site, out, capsys) == (
        f"vaxical: note: {LEDGER_2023} is as published, but this version of vaxical "
        f"words 1 history entry differently (« {entry['title']} »): the page, the JSON and "
        "the Atom log give the new wording.\n"
    )
    assert _json(out)["history"][0]["changes"] == worded


def test_a_build_published_before_the_digest_is_continued_on_the_users_word(
    tmp_path: Path, written_by_older_vaxical: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = written_by_older_vaxical
    _without_digest(published)
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--out", str(out), "--previous", str(published)]
    # It cannot tell an upgrade from an edit: refused, with the way out.
    assert main(args) == 2
    (line, _) = capsys.readouterr().err.splitlines()
    assert line.startswith(
        f"{LEDGER_2023}:86: revisions[2]: (DGS-Urgent N°2023-08, 2023-04-26) was edited "
        "after publication: 3 published events would change without a higher SEQUENCE ("
    )
    assert line.endswith(
        "If the ledger is as published and a newer vaxical writes these events otherwise, "
        "build once with --reissue."
    )
    assert not out.exists()
    # On the publisher's word, the blocks it holds are as published.
    assert main([*args, "--reissue"]) == 0
    assert capsys.readouterr().err == (
        f"vaxical: note: {LEDGER_2023} is as published (on your word: --reissue), but "
        "this version of vaxical "
        f"writes 3 published events differently ({', '.join(REISSUED)}): they are published "
        "again with a higher SEQUENCE, so that calendars take the change.\n"
    )
    assert [_events(out)[uid]["sequence"] for uid in REISSUED] == [2, 2, 2]


def test_reissue_needs_the_published_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(LEDGER_2023), "--out", str(out), "--reissue"]) == 2
    assert capsys.readouterr().err == (
        "vaxical: --reissue: says how to read the published build, and no --previous names "
        "it. Fix: add `--previous published/`, the published build (`make published` fetches "
        "it), or leave --reissue out.\n"
    )
    assert not out.exists()


def test_an_upgrade_and_blocks_appended_in_the_same_push(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """Published as of the seed's notice by the older vaxical; then both the upgrade and
    two blocks (15 September, and a correction) arrive at once. What the blocks changed is
    counted on from the published SEQUENCE, the upgrade's difference adds one."""
    site = published(tmp_path, "2023-07-18")
    reopened = "vaccins-covid-session-20230925@vaxical"  # closed then; 15 September opens it
    _as_older_vaxical_wrote_it(site, reworded=reopened)
    capsys.readouterr()
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + CORRECTION, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 0
    (note,) = capsys.readouterr().err.splitlines()
    assert note.startswith(
        f"vaxical: note: {path} is as published, but this version of vaxical writes 4 "
        f"published events differently ({', '.join([*REISSUED, reopened][:3])} and 1 more)"
    )
    before, after = _events(site), _events(out)
    closed = "vaccins-covid-session-20231002@vaxical"  # closed by the correction only
    assert {
        uid: (before[uid]["sequence"], after[uid]["sequence"], after[uid]["last_modified"])
        for uid in [*REISSUED, reopened, closed]
    } == {
        # The upgrade alone: one more, dated from the latest block.
        REISSUED[0]: (1, 2, "2023-09-20T00:00:00Z"),
        REISSUED[1]: (1, 2, "2023-09-20T00:00:00Z"),
        REISSUED[2]: (1, 2, "2023-09-20T00:00:00Z"),
        # The 15 September block (one) and the upgrade (one).
        reopened: (0, 2, "2023-09-15T00:00:00Z"),
        # The correction alone.
        closed: (0, 1, "2023-09-20T00:00:00Z"),
    }


def test_a_reissue_is_always_modified_later_than_published(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    # As of 26 April 2023, the latest block is the one that last changed the event: its
    # date alone would leave LAST-MODIFIED as published (rule 9 wants a new one).
    site = published(tmp_path, "2023-04-26")
    args = ["build", str(LEDGER_2023), "--as-of", "2023-04-26"]
    _as_older_vaxical_wrote_it(site)
    assert _events(site)[REISSUED[0]]["last_modified"] == "2023-04-26T00:00:00Z"
    out = tmp_path / "out"
    assert main([*args, "--out", str(out), "--previous", str(site)]) == 0
    assert "writes 3 published events differently" in capsys.readouterr().err
    event = _events(out)[REISSUED[0]]
    assert (event["sequence"], event["last_modified"]) == (2, "2023-04-26T00:00:01Z")


def _without_digest(site: Path) -> None:
    document = _json(site)
    del document["calendar"]["ledger_sha256"]
    (site / "vaccins-covid.json").write_text(json.dumps(document), "utf-8")


SAME_DAY = """
[[revisions]]
date = 2023-09-15
correction = "Inventaire des stocks : pas de session les 25 et 26 septembre."

[[revisions.exceptions]]
session = 2023-09-25
close = true
reason = "Inventaire des stocks"
"""


@pytest.mark.parametrize("digest", [True, False], ids=["digest", "published-before-it"])
def test_a_block_appended_the_same_day_is_modified_later_and_stays_so(
    tmp_path: Path, published: Published, digest: bool
) -> None:
    """A correction dated the day of the last published block: its change cannot carry
    that day's LAST-MODIFIED (subscribers have it), and the next build keeps the bytes."""
    site = published(tmp_path)
    if not digest:
        _without_digest(site)
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + SAME_DAY, "utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["build", str(path), "--previous", str(site), "--out", str(first)]) == 0
    reopened = "vaccins-covid-session-20230925@vaxical"
    before, after = _events(site)[reopened], _events(first)[reopened]
    assert (before["sequence"], before["last_modified"]) == (1, "2023-09-15T00:00:00Z")
    assert (after["sequence"], after["last_modified"]) == (2, "2023-09-15T00:00:01Z")
    assert main(["build", str(path), "--previous", str(first), "--out", str(second)]) == 0
    assert {p.name: p.read_bytes() for p in second.iterdir()} == {
        p.name: p.read_bytes() for p in first.iterdir()
    }
    # A fresh clone rebuilds what is published: the replay stamps it so too (it gave the
    # correction the day's LAST-MODIFIED again, under SEQUENCE 2).
    fresh = tmp_path / "fresh"
    assert main(["build", str(path), "--out", str(fresh)]) == 0
    assert _events(fresh)[reopened] == _events(first)[reopened]
    if digest:
        assert {p.name: p.read_bytes() for p in fresh.iterdir()} == {
            p.name: p.read_bytes() for p in first.iterdir()
        }


def test_a_block_put_among_the_published_ones_is_refused(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    site = published(tmp_path)
    text = LEDGER_2023.read_text(encoding="utf-8")
    fourth = text.index("[[revisions]]", text.index("date = 2023-07-18"))
    inserted = SAME_DAY.replace("2023-09-15", "2023-07-18").replace("25 et 26", "21 et 22")
    inserted = inserted.replace("2023-09-25", "2023-08-21")
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text[:fourth] + inserted.lstrip() + "\n" + text[fourth:], "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 2
    line = text[:fourth].count("\n") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:{line}: revisions[4]: (Correction du calendrier) is new but stands before "
        "published blocks (DGS-Urgent du 15 septembre 2023, 2023-09-15 is the last of them). "
        "Fix: move it to the end of the ledger, dated on or after 2023-09-15: a new block only "
        "adds to what was published.",
        "vaxical: 1 problem; nothing was written.",
    ]
    assert not out.exists()


def test_deleting_reminders_after_publication_is_refused_not_dropped(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reminders feed's subscribers would lose every event without a word: the second
    review found it built (exit 0) before published events that vanish were checked."""
    site = published(tmp_path)
    text = LEDGER_2023.read_text(encoding="utf-8")
    start, end = text.index("[reminders]"), text.index("]\n", text.index("alarms = [")) + 2
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text[:start] + text[end:], "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 2
    (line, _) = capsys.readouterr().err.splitlines()
    reminders = sum(1 for uid in _events(site) if "-rappel-" in uid)
    assert reminders == 33
    assert line.startswith(
        f"{path}:42: revisions[1]: (DGS-Urgent N°2023-04, 2023-01-30), or [calendar] or "
        "[reminders] that every block reads, was edited after publication: 33 published "
        "events would disappear (vaccins-covid-rappel-20230130@vaxical, "
    )
    assert not out.exists()


@pytest.mark.parametrize("digest", [True, False], ids=["digest", "published-before-it"])
def test_events_an_appended_block_withdraws_may_go(
    tmp_path: Path, published: Published, digest: bool
) -> None:
    # The 15 September block's horizon brought forward by a correction: the sessions
    # after it leave the feeds, as the correction says, with no published block edited.
    site = published(tmp_path, "2023-09-15")
    if not digest:
        _without_digest(site)
    path = tmp_path / "vaccins-covid.toml"
    withdrawn = CORRECTION.replace(
        "[[revisions.exceptions]]\nsession = 2023-10-02\nclose = true\n"
        'reason = "Inventaire des stocks"\n',
        "horizon = 2023-09-25\n",
    )
    assert withdrawn != CORRECTION
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + withdrawn, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 0
    gone = sorted(set(_events(site)) - set(_events(out)))
    assert gone == [  # the sessions of 2 and 9 October, past the new horizon
        f"vaccins-covid-{kind}-{day}@vaxical"
        for kind in ("confirmation", "livraison", "rappel", "rendez-vous", "session")
        for day in ("20231002", "20231009")
    ]


def test_an_as_of_before_a_published_block_is_said_as_such(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """A build stopped by --as-of before what is online was reported as blocks removed
    from the ledger, which the publisher had not touched."""
    site = published(tmp_path)
    capsys.readouterr()
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    assert main([*args, "--as-of", "2023-07-18"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: {LEDGER_2023}: --as-of 2023-07-18 stops before blocks that the published "
        f"build in {site} holds (its latest revision is of 2023-09-15): subscribers would "
        "lose what they say. Fix: give --as-of 2023-09-15 or later, or leave out --previous to "
        "see the calendar as it stood then.\n"
    )
    assert not out.exists()
    assert main([*args, "--as-of", "2023-09-15"]) == 0
    assert (out / "vaccins-covid.json").read_bytes() == (site / "vaccins-covid.json").read_bytes()


def test_an_as_of_before_a_published_block_reads_its_day_in_the_calendars_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A block dated 00:30 in Paris on 1 February is 31 January, 23:30 UTC: its UTC date
    # let --as-of 2024-01-31 past this refusal, and its advice named 31 January.
    from .ledger_text import SECOND, ledger_text

    path = tmp_path / "essai.toml"
    second = SECOND.replace("date = 2024-02-01", "date = 2024-02-01T00:30:00")
    extra = (
        "[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\n"
        'delivery = [2024-02-22, 2024-02-23]\nreason = "Renfort"\n'
    )
    path.write_text(ledger_text(second + extra), encoding="utf-8")
    site = tmp_path / "published"
    assert main(["build", str(path), "--out", str(site)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    args = ["build", str(path), "--previous", str(site), "--out", str(out)]
    assert main([*args, "--as-of", "2024-01-31"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: {path}: --as-of 2024-01-31 stops before blocks that the published "
        f"build in {site} holds (its latest revision is of 2024-02-01): subscribers would "
        "lose what they say. Fix: give --as-of 2024-02-01 or later, or leave out --previous to "
        "see the calendar as it stood then.\n"
    )
    assert not out.exists()
    assert main([*args, "--as-of", "2024-02-01"]) == 0


def test_a_new_zone_for_published_events_is_refused(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """Brussels keeps Paris's offsets, so no published time changes: the refusal came
    before from events whose times moved, and a zone of the same offsets went through,
    every timed event naming another TZID under the same SEQUENCE."""
    site = published(tmp_path)
    capsys.readouterr()
    text = LEDGER_2023.read_text(encoding="utf-8")
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text.replace('"Europe/Paris"', '"Europe/Brussels"', 1), "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f'{path}: calendar.timezone = "Europe/Brussels": the published events are in '
        '"Europe/Paris", and each of their times would change zone after publication. Fix: '
        'set it back to "Europe/Paris". The zone of published events cannot change; publish '
        "a calendar in another zone under another id.\n"
        "vaxical: 1 problem; nothing was written.\n"
    )
    assert not out.exists()


def test_a_build_from_before_the_hours_were_recorded_is_read(
    tmp_path: Path, published: Published, capsys: pytest.CaptureFixture[str]
) -> None:
    """Builds of format 1 made before `opens` and `closes` were recorded: their hours are
    unknown, so no session's hours changed, and --previous and diff read them as before
    (the review of 27 November found both refused)."""
    site = published(tmp_path)
    document = _json(site)
    for session in document["sessions"]:
        del session["opens"], session["closes"]
    _publish(site, document)
    capsys.readouterr()
    assert main(["diff", str(site / "vaccins-covid.json"), str(LEDGER_2023)]) == 0
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().err == ""


def test_an_upgrade_that_moves_the_feeds_window_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A calendar ended before its latest notice: the vaxical before 27 November 2026
    counted its feeds from that notice, this one from the horizon when it comes first.
    Built on such a build, the feeds gain the sessions between, and the build says so."""
    from .ledger_text import SECOND, ledger_text

    path = tmp_path / "essai.toml"
    path.write_text(ledger_text(SECOND.replace("2024-02-01", "2025-01-20")), encoding="utf-8")
    site = tmp_path / "published"
    assert main(["build", str(path), "--out", str(site)]) == 0
    published = json.loads((site / "essai.json").read_bytes())
    assert published["calendar"]["feeds_from"] == "2023-03-20"  # 53 weeks before 25 March
    published["calendar"]["feeds_from"] = "2024-01-15"  # 53 weeks before 20 January 2025
    (site / "essai.json").write_text(json.dumps(published), encoding="utf-8")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 0
    assert capsys.readouterr().err == (
        f"vaxical: note: {path} is as published, but this version of vaxical moves the "
        "feeds' window: the feeds now start with the session of 2024-01-08 (published: "
        "with the session of 2024-01-15): calendars add or remove the events of the "
        "sessions between.\n"
    )
    # A build from before feeds_from was recorded: nothing to compare, nothing said.
    del published["calendar"]["feeds_from"]
    (site / "essai.json").write_text(json.dumps(published), encoding="utf-8")
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 0
    assert capsys.readouterr().err == ""


def test_a_new_past_weeks_is_said_as_the_publishers_not_an_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The note blamed « this version of vaxical » for the publisher's own edit.
    from .ledger_text import CALENDAR, SECOND, ledger_text

    # The latest notice of 15 February 2024: 4 weeks before it (18 January, a Thursday)
    # leaves the sessions of 8 and 15 January out of the feeds, which start with the
    # session of 22 January (a window that leaves none is said by no note).
    second = SECOND.replace("date = 2024-02-01", "date = 2024-02-15")
    path = tmp_path / "essai.toml"
    path.write_text(ledger_text(second), encoding="utf-8")
    site = tmp_path / "published"
    assert main(["build", str(path), "--out", str(site)]) == 0
    assert json.loads((site / "essai.json").read_bytes())["calendar"]["feeds_from"] == (
        "2023-02-09"  # 53 weeks before the latest notice
    )
    path.write_text(ledger_text(second, calendar=CALENDAR + "past_weeks = 4\n"), "utf-8")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(site), "--out", str(out)]) == 0
    said = capsys.readouterr().err
    assert said.splitlines()[-1] == (
        f"vaxical: note: [calendar] of {path} changed (`past_weeks`?), which moves the feeds' "
        "window: the feeds now start with the session of 2024-01-22 (published: with the "
        "session of 2024-01-08): calendars add or remove the events of the sessions between."
    )
    assert "this version of vaxical" not in said
