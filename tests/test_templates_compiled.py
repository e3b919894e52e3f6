"""The page templates ship compiled by Jinja2 (vaxical/render/compiled/, `make templates`):
they must be exactly what the templates compile to now, and give the same pages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemLoader, ModuleLoader

from vaxical.definition import load
from vaxical.pipeline import calendar_of
from vaxical.render import site

from .conftest import LEDGER_2023


def test_the_compiled_templates_are_fresh(tmp_path: Path) -> None:
    site.compile_templates(tmp_path)
    made = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    shipped = {
        path.name: path.read_bytes()
        for path in site.COMPILED.iterdir()
        if path.name.startswith("tmpl_") or path.name == site.MANIFEST
    }
    assert sorted(made) == sorted(shipped), "stale: run `make templates`"
    assert made == shipped, "stale: run `make templates`"


def test_the_build_renders_from_the_compiled_templates() -> None:
    assert isinstance(site.environment().loader, ModuleLoader)
    assert isinstance(site._environment(False).loader, FileSystemLoader)


def test_compiled_and_source_templates_give_the_same_page() -> None:
    c = calendar_of(load(LEDGER_2023))
    view = site.calendar_view(c.definition, c.sessions, c.events, c.history, c.printed)
    compiled = site.environment().get_template("index.html").render(calendar=view, listed=True)
    source = site._environment(False).get_template("index.html").render(calendar=view, listed=True)
    assert compiled == source
