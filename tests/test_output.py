"""The build folder is replaced whole, or not at all."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from vaxical import output
from vaxical.errors import OutputError


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "site" / "build"
    output.write_build(target, {"a.ics": b"A", "index.html": b"<p>"})
    assert _tree(target) == {"a.ics": b"A", "index.html": b"<p>"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o755  # a web server can read it
    assert stat.S_IMODE((target / "a.ics").stat().st_mode) == 0o644
    assert sorted(path.name for path in target.parent.iterdir()) == ["build"]


def test_replaces_the_whole_folder(tmp_path: Path) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"old.ics": b"old", "same.ics": b"1"})
    output.write_build(target, {"new.ics": b"new", "same.ics": b"2"})
    assert _tree(target) == {"new.ics": b"new", "same.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_fallback_without_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    output.write_build(target, {"b.ics": b"2"})
    assert _tree(target) == {"b.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_failure_leaves_the_previous_build(tmp_path: Path) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    with pytest.raises(OutputError, match=r"refusing to write the file name '\.\./escape'"):
        output.write_build(target, {"b.ics": b"2", "../escape": b"x"})
    assert _tree(target) == {"a.ics": b"1"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_interruption_midway_leaves_the_previous_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1", "b.ics": b"2"})
    calls = []
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_build(target, {"a.ics": b"new", "b.ics": b"new", "c.ics": b"new"})
    assert _tree(target) == {"a.ics": b"1", "b.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_stale_staging_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    stale = tmp_path / f"{output.STAGING_MARK}build.k1ll3d"
    stale.mkdir()
    (stale / "half.ics").write_bytes(b"BEGIN:VCAL")
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "build"
    target.write_bytes(b"keep me")
    with pytest.raises(OutputError, match="is not a folder"):
        output.write_build(target, {"a.ics": b"1"})
    assert target.read_bytes() == b"keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is a Linux system call")
def test_linux_exchanges_the_folders_atomically(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "mark").write_bytes(b"1")
    (second / "mark").write_bytes(b"2")
    assert output._exchange(first, second) is True
    assert (first / "mark").read_bytes() == b"2"
    assert (second / "mark").read_bytes() == b"1"
