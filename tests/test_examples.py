"""Golden example trees, compared byte for byte, shown as a unified diff on failure."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from .golden import build, cases


@pytest.mark.parametrize("case", cases(), ids=[case.name for case in cases()])
def test_example(case: Path) -> None:
    actual = build(case)
    expected = {path.name: path.read_bytes() for path in sorted((case / "expected").iterdir())}
    assert sorted(actual) == sorted(expected), "files differ: run `make golden` and review"
    for name, data in actual.items():
        if data == expected[name]:
            continue
        diff = difflib.unified_diff(
            expected[name].decode().splitlines(),
            data.decode().splitlines(),
            f"expected/{name}",
            f"actual/{name}",
            lineterm="",
        )
        pytest.fail(
            f"{case.name}/{name} differs (run `make golden` if intended):\n"
            + "\n".join(list(diff)[:80])
        )


def test_there_are_examples() -> None:
    assert [case.name for case in cases()] == ["exceptions-outremer", "ledger-2023", "seed"]


SCHEDULES = sorted((Path(__file__).parent.parent / "schedules").glob("*.toml"))


def test_the_published_schedules_build_and_pass_the_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """schedules/ as the publisher keeps it, whatever notices it holds by now: it builds
    (a ledger refused, a block out of order, fails here), and every feed passes the whole
    lint. Its content is the publisher's: the golden cases are the frozen ledger-2023."""
    from vaxical.cli import main

    assert SCHEDULES
    out = tmp_path / "site"
    assert main(["build", *map(str, SCHEDULES), "--out", str(out)]) == 0
    catalog = json.loads((out / "calendars.json").read_bytes())["calendars"]
    assert len(catalog) == len(SCHEDULES)
    feeds = sorted(out.glob("*.ics"))
    assert [p.name for p in feeds] == sorted(f["file"] for c in catalog for f in c["feeds"])
    capsys.readouterr()
    assert main(["lint", *map(str, feeds)]) == 0
    assert capsys.readouterr().err == f"vaxical: {len(feeds)} files, 19 rules: no problem found.\n"


GOLDEN_FEEDS = sorted(Path(__file__).parent.glob("examples/*/expected/*.ics"))


@pytest.mark.parametrize("feed", GOLDEN_FEEDS, ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_every_golden_feed_passes_the_whole_lint(feed: Path) -> None:
    """The build lints a bounded sample of each feed (vaxical.render.files); every byte
    of every golden feed is linted here."""
    from vaxical.lint import lint

    assert lint(feed.read_bytes(), alarms_allowed=feed.name.endswith("-rappels.ics")) == ()


def test_there_are_golden_feeds() -> None:
    assert len(GOLDEN_FEEDS) == 21
