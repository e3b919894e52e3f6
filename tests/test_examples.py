"""Golden example trees, compared byte for byte, shown as a unified diff on failure."""

from __future__ import annotations

import difflib
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
    assert [case.name for case in cases()] == ["exceptions-outremer", "seed", "shipped"]


GOLDEN_FEEDS = sorted(Path(__file__).parent.glob("examples/*/expected/*.ics"))


@pytest.mark.parametrize("feed", GOLDEN_FEEDS, ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_every_golden_feed_passes_the_whole_lint(feed: Path) -> None:
    """The build lints a bounded sample of each feed (vaxical.render.files); every byte
    of every golden feed is linted here."""
    from vaxical.lint import lint

    assert lint(feed.read_bytes(), alarms_allowed=feed.name.endswith("-rappels.ics")) == ()


def test_there_are_golden_feeds() -> None:
    assert len(GOLDEN_FEEDS) == 21
