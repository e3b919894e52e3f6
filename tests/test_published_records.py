"""A published folder read back (``build --previous``, ``vaxical diff``): each calendar's
record, its ``<id>.json``, is read for what the build uses of it, no less: a retired
calendar's record for what its files publish again.

The case: the shipped calendar published as ``vaccins-covid`` beside ``autre`` (the same
ledger under another id), then ``autre`` retired."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vaxical.cli import main

from .conftest import LEDGER_2023, ROOT
from .test_workflow import _fetch

FIX = "Fix: give the <id>.json of a build made by this version of vaxical."


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``two/``: ``vaccins-covid`` and ``autre`` published; ``retired/``: their next
    build, of ``vaccins-covid`` alone, with ``--retire autre``."""
    root = tmp_path_factory.mktemp("records")
    text = LEDGER_2023.read_text(encoding="utf-8")
    autre = root / "autre.toml"
    autre.write_text(text.replace('id = "vaccins-covid"', 'id = "autre"'), "utf-8")
    assert main(["build", str(LEDGER_2023), str(autre), "--out", str(root / "two")]) == 0
    retire = ["--previous", str(root / "two"), "--retire", "autre"]
    assert main(["build", str(LEDGER_2023), "--out", str(root / "retired"), *retire]) == 0
    return root


def _edited(builds: Path, tmp_path: Path, name: str, edit: Callable[[Any], None]) -> Path:
    """A copy of ``builds/name`` whose autre.json ``edit`` changed."""
    site = tmp_path / name
    shutil.copytree(builds / name, site)
    document = json.loads((site / "autre.json").read_bytes())
    edit(document)
    (site / "autre.json").write_text(json.dumps(document), encoding="utf-8")
    return site


RECORD_NEEDS: dict[str, tuple[Callable[[Any], None], str]] = {
    "feeds": (lambda d: d.pop("feeds"), "`feeds` is missing"),
    "notices": (lambda d: d["calendar"].pop("notices"), "calendar has no `notices`"),
    "product": (lambda d: d["calendar"].pop("product"), "calendar has no `product`"),
    "product-null": (
        lambda d: d["calendar"].update(product=None),
        "calendar.product = null: expected text",
    ),
    "url": (
        lambda d: d["calendar"].update(url="https://vaxical.github.io/vaxical"),
        'calendar.url = "https://vaxical.github.io/vaxical": expected an address ending with /',
    ),
}


@pytest.mark.parametrize(("name", "retired"), [(name, r) for name in RECORD_NEEDS for r in (0, 1)])
def test_a_record_published_again_must_hold_what_it_publishes(
    builds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, retired: int
) -> None:
    """A retired calendar's record (``retired``), and the record of a calendar this
    build retires: its files publish them again as they were."""
    edit, said = RECORD_NEEDS[name]
    site = _edited(builds, tmp_path, "retired" if retired else "two", edit)
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(tmp_path / "out")]
    assert main([*args] if retired else [*args, "--retire", "autre"]) == 2
    assert capsys.readouterr().err == (
        f"{site / 'autre.json'}: is not a vaxical build's calendar document: {said}. {FIX}\n"
        "vaxical: 1 problem; nothing was written.\n"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("hours", ["6", 0, 169, 2_000_000])
def test_a_records_refresh_hours_is_read_with_its_own_bounds(
    builds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], hours: object
) -> None:
    """A text or a number past 168 was refused as "a whole number from 0 to 1000000" (a
    SEQUENCE's bounds), which 169 is."""
    site = _edited(builds, tmp_path, "retired", lambda d: d["calendar"].update(refresh_hours=hours))
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(tmp_path / "out")]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"{site / 'autre.json'}: is not a vaxical build's calendar document: "
        f"calendar.refresh_hours = {json.dumps(hours)}: expected a whole number from 1 to "
        f"168. {FIX}\nvaxical: 1 problem; nothing was written.\n"
    )


REFETCH = (
    "Fix: fetch the published site again (`make published`), or give the folder of the "
    "build that was published."
)
DROPPED = (
    "what its files must say is unknown, and a build would drop them: its feeds would "
    "answer 404, and calendar clients keep the events of a feed they cannot fetch."
)


def _without(builds: Path, tmp_path: Path, name: str, *files: str) -> Path:
    """A copy of ``builds/name`` without ``files``."""
    site = tmp_path / name
    shutil.copytree(builds / name, site)
    for file in files:
        (site / file).unlink()
    return site


@pytest.mark.parametrize("name", ["retired", "two"])
def test_a_calendar_the_list_names_without_its_record_is_refused(
    builds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Its <id>.json missing, a calendar retired (``retired``) or left out (``two``) was
    dropped with exit 0: its 11 files went, its feeds would answer 404, and subscribers
    keep the events of a feed that fails."""
    site = _without(builds, tmp_path, name, "autre.json")
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    assert main(args) == 2
    listed = "as retired" if name == "retired" else "as published"
    refused = (
        f"{site / 'autre.json'}: is missing, though calendars.json lists it {listed}: "
        f"{DROPPED} {REFETCH}\n"
    )
    assert capsys.readouterr().err == refused + "vaxical: 1 problem; nothing was written.\n"
    assert not out.exists()
    # Compared with a build that holds its record, the record is what the folder lacks.
    assert main(["diff", str(site), str(builds / "retired")]) == 2
    assert capsys.readouterr().err == (
        f"{site / 'autre.json'}: is missing, though autre.ics is published beside it: the "
        f"SEQUENCEs subscribers hold are unknown. {REFETCH}\nvaxical: 1 problem.\n"
    )
    # A copy of another calendar's record under its name does not stand in for it.
    shutil.copy(site / "vaccins-covid.json", site / "autre.json")
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"{site / 'autre.json'}: is the document of calendar vaccins-covid, though "
        f"calendars.json lists it {listed}: {DROPPED} {REFETCH}\n"
        "vaxical: 1 problem; nothing was written.\n"
    )


def test_a_feed_of_no_calendar_whose_record_the_folder_holds_is_refused(
    builds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the list of calendars too, the feeds say that a calendar was published."""
    site = _without(builds, tmp_path, "retired", "autre.json", "calendars.json")
    out = tmp_path / "out"
    assert main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"{site}: publishes autre.ics, autre-rappels.ics, autre-sessions.ics and 3 more, "
        "feeds of no calendar whose record it holds (its <id>.json, which lists its feeds): "
        "what they must say is unknown, and a build would drop them: they would answer 404, "
        f"and calendar clients keep the events of a feed they cannot fetch. {REFETCH}\n"
        "vaxical: 1 problem; nothing was written.\n"
    )
    assert not out.exists()
    # One feed left of it: said alone.
    for path in site.glob("autre-*.ics"):
        path.unlink()
    assert main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(
        f"{site}: publishes autre.ics, a feed of no calendar whose record it holds "
    )


def test_a_calendars_feeds_are_its_records(builds: Path, tmp_path: Path) -> None:
    """Its partial feeds (`autre-sessions.ics`) are named by its record's `feeds`; a
    record that lists none has those a build names for its id."""
    site = _without(builds, tmp_path, "retired", "calendars.json")
    out = tmp_path / "out"
    assert main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]) == 0
    expected = {p.name: p.read_bytes() for p in (builds / "retired").iterdir()}
    assert {p.name: p.read_bytes() for p in out.iterdir()} == expected
    document = json.loads((site / "vaccins-covid.json").read_bytes())
    del document["feeds"]
    (site / "vaccins-covid.json").write_text(json.dumps(document), encoding="utf-8")
    shutil.rmtree(out)
    assert main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]) == 0


@pytest.mark.parametrize("name", ["retired", "two"])
def test_make_published_fails_when_a_file_the_list_names_is_missing(
    builds: Path, tmp_path: Path, name: str
) -> None:
    """A listed file that answered 404 was passed over in silence (exit 0), and the next
    build dropped the calendar (a retired one, or one left out) with exit 0."""
    project = tmp_path / "project"
    (project / "schedules").mkdir(parents=True)
    shutil.copy(LEDGER_2023, project / "schedules")
    kept = project / "published"
    kept.mkdir()
    (kept / "vaccins-covid.json").write_text("the copy fetched before", encoding="utf-8")
    site = _without(builds, tmp_path, name, "autre.json")
    url = site.as_uri() + "/"
    fetched = _fetch(project, url)
    assert (fetched.returncode, fetched.stdout, fetched.stderr) == (
        1,
        "",
        f"autre.json: not found at {url}, though the site's calendars.json lists it; "
        "published is unchanged. Fix: deploy again the build that was published last (it "
        "holds it), then fetch again.\n",
    )
    assert [path.name for path in kept.iterdir()] == ["vaccins-covid.json"]
    assert (kept / "vaccins-covid.json").read_text(encoding="utf-8") == "the copy fetched before"
    assert sorted(path.name for path in project.iterdir()) == ["published", "schedules"]


def test_a_list_of_calendars_that_cannot_be_read_is_refused(
    builds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It may name a calendar whose record is missing; another tool's list is no list of
    calendars, and passed over."""
    site = _without(builds, tmp_path, "retired")
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    for text, said in (
        (
            "{",
            "is not valid JSON (Expecting property name enclosed in double quotes: line 1 "
            "column 2 (char 1)).",
        ),
        (
            '{"calendars": [{"id": "../autre"}]}',
            'is not a list of calendars vaxical writes: calendars[1].id = "../autre": '
            "expected a calendar id.",
        ),
    ):
        (site / "calendars.json").write_text(text, encoding="utf-8")
        assert main(args) == 2
        assert capsys.readouterr().err == (
            f"{site / 'calendars.json'}: {said} {REFETCH}\n"
            "vaxical: 1 problem; nothing was written.\n"
        )
        assert not out.exists()
    (site / "calendars.json").write_text('["autre"]', encoding="utf-8")
    assert main(args) == 0


def test_make_published_fails_when_the_list_of_calendars_itself_is_missing(
    builds: Path, tmp_path: Path
) -> None:
    """A publishing trial: a site without its calendars.json fetched with exit 0, and the
    next build dropped the retired calendar it alone names (its feeds then answering 404)."""
    project = tmp_path / "project"
    (project / "schedules").mkdir(parents=True)
    shutil.copy(LEDGER_2023, project / "schedules")
    site = _without(builds, tmp_path, "retired", "calendars.json")
    url = site.as_uri() + "/"
    fetched = _fetch(project, url)
    assert (fetched.returncode, fetched.stdout, fetched.stderr) == (
        1,
        "",
        f"calendars.json: not found at {url}, though the site publishes other files and "
        "every build writes calendars.json; published was not created. Fix: deploy again the "
        "build that was published last (it holds it), then fetch again.\n",
    )
    assert sorted(path.name for path in project.iterdir()) == ["schedules"]


def test_make_published_says_a_broken_definition_as_vaxical_does(tmp_path: Path) -> None:
    """A publishing trial: a typo in the ledger gave a traceback from the fetch."""
    project = tmp_path / "project"
    (project / "schedules").mkdir(parents=True)
    text = LEDGER_2023.read_text(encoding="utf-8").replace(
        "horizon = 2023-10-09", "horizon = 2023-13-09", 1
    )
    (project / "schedules" / "vaccins-covid.toml").write_text(text, encoding="utf-8")
    fetched = _fetch(project, "http://127.0.0.1:9/")
    lines = fetched.stderr.splitlines()
    assert fetched.returncode == 2
    assert "Traceback" not in fetched.stderr
    assert lines[0].startswith("schedules/vaccins-covid.toml:")
    assert "horizon" in lines[0]
    assert lines[-1] == "nothing was fetched; published was not created."


def test_make_changed_without_a_build_says_to_make_it(tmp_path: Path) -> None:
    """A publishing trial: `make changed` after a refused `make site` gave a traceback."""
    (tmp_path / "published").mkdir()
    script = ROOT / "scripts" / "published.py"
    compared = subprocess.run(
        [sys.executable, str(script), "compare", "build", "published"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (compared.returncode, compared.stdout, compared.stderr) == (
        2,
        "",
        "build: no such folder; nothing was compared. Fix: run `make site` first.\n",
    )
