"""A published build read back (``build --previous``, ``vaxical diff``) is checked field
by field at the edge: whatever it holds, the answer is a clear message and exit 2, never
a traceback (issue 11). ``diff`` exits 2 on bad input, since 1 means "changed"."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vaxical import bounded
from vaxical.cli import main

from .conftest import SEED_DEFINITION

Mutation = Callable[[dict[str, Any]], None]


def _set(part: str, index: int, key: str, value: object) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document[part][index][key] = value

    return mutate


def _set_calendar(key: str, value: object) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document["calendar"][key] = value

    return mutate


def _drop(key: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del document[key]

    return mutate


FIX = "Fix: give the <id>.json of a build made by this version of vaxical."
NOT_OURS = "is not a vaxical build's calendar document:"
MUTATIONS: dict[str, tuple[Mutation, str]] = {
    "sequence-negative": (
        _set("events", 0, "sequence", -5),
        f"{NOT_OURS} events[1].sequence = -5: expected a whole number from 0 to 1000000. {FIX}",
    ),
    "sequence-huge": (
        _set("events", 0, "sequence", 1e40),
        f"{NOT_OURS} events[1].sequence = 1e+40: expected a whole number from 0 to 1000000. {FIX}",
    ),
    "sequence-text": (
        _set("events", 0, "sequence", "1"),
        f'{NOT_OURS} events[1].sequence = "1": expected a whole number from 0 to 1000000. {FIX}',
    ),
    "year-1": (
        _set("sessions", 0, "session", "0001-01-01"),
        f'{NOT_OURS} sessions[1].session = "0001-01-01": expected a date from 2000-01-01 to '
        f"2999-12-31. {FIX}",
    ),
    "days-list": (
        _set("sessions", 0, "days", [1, 2]),
        f"{NOT_OURS} sessions[1].days = [1, 2]: expected an object with `first_day`. {FIX}",
    ),
    "open-text": (
        _set("sessions", 0, "open", "yes"),
        f'{NOT_OURS} sessions[1].open = "yes": expected true or false. {FIX}',
    ),
    "javascript-url": (
        _set("history", 0, "url", "javascript:alert(1)"),
        f'{NOT_OURS} history[1].url = "javascript:alert(1)": expected an http(s) address. {FIX}',
    ),
    "no-events": (_drop("events"), f"{NOT_OURS} `events` is missing. {FIX}"),
}
RAW = {
    "infinity": (
        '{"format": 1, "sequence": Infinity}',
        "is not valid JSON (Infinity is not a number vaxical writes). "
        "Fix: give a vaxical build's <id>.json.",
    ),
    "nested": (
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        "is nested deeper than any calendar document. Fix: give a vaxical build's <id>.json.",
    ),
    "list": ("[]", "is not a vaxical calendar document. Fix: give a build's <id>.json."),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    assert main(["build", str(SEED_DEFINITION), "--out", str(folder)]) == 0
    return folder


def _published(tmp_path: Path, site: Path, name: str) -> Path:
    folder = tmp_path / "published"
    folder.mkdir()
    if name in RAW:
        text = RAW[name][0]
    else:
        document = json.loads((site / "vaccins-covid.json").read_text(encoding="utf-8"))
        MUTATIONS[name][0](document)
        text = json.dumps(document)
    (folder / "vaccins-covid.json").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted([*MUTATIONS, *RAW]))
def test_diff_of_a_malformed_build_is_bad_input(
    name: str, tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = _published(tmp_path, site, name)
    assert main(["diff", str(published), str(site)]) == 2
    expected = RAW[name][1] if name in RAW else MUTATIONS[name][1]
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"{published / 'vaccins-covid.json'}: {expected}"
    assert "Traceback" not in err


def test_build_against_a_malformed_previous_is_bad_input(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    published = _published(tmp_path, site, "javascript-url")
    out = tmp_path / "out"
    code = main(["build", str(SEED_DEFINITION), "--previous", str(published), "--out", str(out)])
    assert code == 2
    assert not out.exists()
    assert "expected an http(s) address" in capsys.readouterr().err


def test_build_against_a_previous_folder_that_is_not_there_says_how_to_get_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A user's trial: `make site` before `make published` was told to give « the folder
    # of a previous build (build/) », which named neither how to get it nor the other way.
    missing, out = tmp_path / "published", tmp_path / "out"
    code = main(["build", str(SEED_DEFINITION), "--previous", str(missing), "--out", str(out)])
    assert code == 2
    assert not out.exists()
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{missing}: is not a folder. Fix: give the folder of the build published last "
        "(`make published` downloads it into published/), or build without --previous for "
        "a first publication."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_published_folder_is_given_up(
    tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opened, it waited for a writer for ever; now for a while (a minute).
    published = tmp_path / "published"
    published.mkdir()
    os.mkfifo(published / "vaccins-covid.json")
    monkeypatch.setattr(bounded, "PIPE_SECONDS", 0)
    assert main(["diff", str(published), str(site)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{published / 'vaccins-covid.json'}: cannot be read (nothing came through the pipe "
        "in 0 s). Fix: check the path."
    )


def _without(part: str, key: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        del (document[part] if part else document)[key]

    return mutate


# What `diff` and `build --previous` never read of a calendar still published: its page's
# texts, its notices and its list of feeds are published again only by a retired
# calendar's files (tests/test_retire.py), whose record must hold them.
UNUSED: dict[str, Mutation] = {
    "no-feeds": _without("", "feeds"),
    "no-notices": _without("calendar", "notices"),
    "no-name": _without("calendar", "name"),
    "no-refresh-hours": _without("calendar", "refresh_hours"),
    "bad-horizon": _set_calendar("horizon", "demain"),
}


@pytest.mark.parametrize("name", sorted(UNUSED))
def test_what_a_published_calendar_is_not_read_for_may_be_missing(
    name: str, tmp_path: Path, site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every document was read as a retired calendar's record too: a JSON without `feeds`
    or `calendar.notices`, which `diff` and `--previous` compared and built from (exit
    0), was refused (exit 2)."""
    published = tmp_path / "published"
    shutil.copytree(site, published)
    document = json.loads((published / "vaccins-covid.json").read_bytes())
    UNUSED[name](document)
    (published / "vaccins-covid.json").write_text(json.dumps(document), encoding="utf-8")
    assert main(["diff", str(published), str(site)]) == 0
    assert capsys.readouterr() == ("", "")
    out = tmp_path / "out"
    args = ["build", str(SEED_DEFINITION), "--previous", str(published), "--out", str(out)]
    assert main(args) == 0
    said = capsys.readouterr()
    assert said.out.startswith("vaxical: wrote 16 files (")
    assert said.err == ""  # no note, no refusal
    assert _files(out) == _files(site)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}
