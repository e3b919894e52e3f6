"""`make build` installs only what building needs; the test tools come with `make test`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

MAKE = shutil.which("make")


def _dry_run(target: str, venv: Path) -> list[str]:
    """The commands ``make TARGET`` would run against a .venv that does not exist yet."""
    assert MAKE is not None, "make is needed (the README's first command)"
    result = subprocess.run(
        [MAKE, "--dry-run", "--no-print-directory", f"VENV={venv}", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.parametrize("target", ["build", "golden", "site"])
def test_building_installs_vaxical_without_the_test_extra(tmp_path: Path, target: str) -> None:
    venv = tmp_path / "venv"
    commands = _dry_run(target, venv)
    assert f"{venv}/bin/python -m pip install --quiet -e ." in commands
    assert not any("[test]" in command for command in commands), commands


@pytest.mark.parametrize("target", ["test", "lint"])
def test_testing_and_linting_install_the_test_extra(tmp_path: Path, target: str) -> None:
    venv = tmp_path / "venv"
    commands = _dry_run(target, venv)
    assert f"{venv}/bin/python -m pip install --quiet -e '.[test]'" in commands
    # One install serves both: a later `make build` finds its stamp up to date.
    assert f"touch {venv}/.installed-test {venv}/.installed-build" in commands
