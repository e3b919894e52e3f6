"""`pip install .` must work outside the repository: the templates ship in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_carries_the_templates_and_keeps_build_clean(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.cfg", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("vaxical", "templates"):
        shutil.copytree(
            ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    wheels = tmp_path / "wheels"
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip_wheel, "--no-build-isolation", "--wheel-dir", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("vaxical-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "vaxical/templates/index.html",
        "vaxical/templates/__init__.py",
        "vaxical/py.typed",
        "vaxical/render/vaxical-calendar.schema.json",
        "vaxical/render/vaxical-calendars.schema.json",
        "vaxical/cli.py",
        "vaxical/lint/__init__.py",
        "vaxical/lint/lines.py",
        "vaxical/lint/rules.py",
    } <= names
    # Every module of the source tree, whatever package it sits in.
    modules = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "vaxical").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert modules <= names, sorted(modules - names)
    assert not any(name.startswith(("tests/", "schedules/")) for name in names)
    # setuptools' scratch files must not land in build/, vaxical's published folder.
    assert not (source / "build").exists()
