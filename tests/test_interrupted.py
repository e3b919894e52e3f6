"""A build killed or interrupted while writing leaves the previous build/ byte-identical.

The child process slows each file's writing down (a slow disk), so that the signal
reliably arrives while files are being written, after rendering finished.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from vaxical.output import LOCK, STAGING_MARK

from .conftest import AS_FROM_A_TERMINAL, SEED_DEFINITION, vaxical_in

# The child is a build started from a terminal, where Ctrl-C interrupts.
SLOW_DISK_BUILD = f"""{AS_FROM_A_TERMINAL}import sys, time
from vaxical import output
real_write = output._write
def slow_write(path, data):
    real_write(path, data)
    time.sleep(0.4)
output._write = slow_write
from vaxical.cli import main
sys.exit(main(["build", "--out", "build"]))
"""


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _staging(project: Path) -> list[Path]:
    """The staging folders beside build/ (not the lock file a build holds there)."""
    return sorted(path for path in project.glob(f"{STAGING_MARK}build.*") if path.is_dir())


def _lock(project: Path) -> Path:
    return project / LOCK


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A project with a first build, and a changed definition waiting to be built."""
    (tmp_path / "schedules").mkdir()
    definition = tmp_path / "schedules" / SEED_DEFINITION.name
    shutil.copy(SEED_DEFINITION, definition)
    assert vaxical_in(tmp_path, "build").status == 0
    text = definition.read_text(encoding="utf-8").replace(
        "horizon = 2023-10-10", "horizon = 2023-12-31"
    )
    definition.write_text(text, encoding="utf-8")
    return tmp_path


def _interrupt_while_writing(project: Path, signum: int) -> tuple[int, bytes]:
    """Start a build, signal it once it has written a file, and return (status, stderr)."""
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_DISK_BUILD],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        deadline = time.monotonic() + 30
        while not any(any(folder.iterdir()) for folder in _staging(project)):
            assert child.poll() is None, "the build ended before it could be interrupted"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.01)
        os.kill(child.pid, signum)
        _, stderr = child.communicate(timeout=30)
        return child.returncode, stderr


def test_killed_build_leaves_the_previous_build(published: Path) -> None:
    before = _digest(published / "build")
    status, _ = _interrupt_while_writing(published, signal.SIGKILL)
    assert status == -signal.SIGKILL
    assert _digest(published / "build") == before
    assert _staging(published)  # the killed build's half-written files stayed aside
    assert _lock(published).exists()  # and its lock file, which the kernel let go
    # The next build takes the lock over, cleans up after it and publishes the change.
    assert vaxical_in(published, "build").status == 0
    assert _staging(published) == []
    assert not _lock(published).exists()
    assert _digest(published / "build") != before


def test_ctrl_c_leaves_the_previous_build(published: Path) -> None:
    before = _digest(published / "build")
    status, stderr = _interrupt_while_writing(published, signal.SIGINT)
    assert status == 130, stderr
    assert b"interrupted; the previous output is unchanged" in stderr
    assert _digest(published / "build") == before
    assert _staging(published) == []
    assert not _lock(published).exists()


def test_ctrl_c_in_a_command_that_writes_nothing_says_only_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It said « the previous output is unchanged », of an output check never writes.
    from vaxical import pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "load", interrupted)
    (tmp_path / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, tmp_path / "schedules")
    for command in ("check", "show"):
        assert vaxical_in(tmp_path, command) == (130, "", "vaxical: interrupted.\n")
