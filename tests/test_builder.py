"""`vaxical serve` rebuilds through pipeline.Builder: after an edit, only the edited
calendar is replayed and rendered, and the files are byte for byte a full build's."""

from __future__ import annotations

from pathlib import Path

from vaxical.definition import loads
from vaxical.model import Ledger
from vaxical.pipeline import Builder, build, render_all

from .ledger_text import weekly_ledger_head

ZONES = {"idf": "Europe/Paris", "mq": "America/Martinique"}


def definition_text(product: str, region: str) -> str:
    """A year of weekly sessions: what the builder re-renders does not depend on how long
    a calendar is (tests/test_deployment.py renders five-year ones)."""
    return weekly_ledger_head(
        f"{product}-{region}",
        f"Vaccins {product} – {region}",
        timezone=ZONES[region],
        horizon="2024-12-30",
        confirmation_zone="Europe/Paris",
    )


def _ledger(product: str, region: str) -> Ledger:
    return loads(definition_text(product, region), f"{product}-{region}.toml")


LEDGERS = [_ledger(product, region) for product in ("covid", "rsv") for region in ZONES]


def test_a_rebuild_renders_only_the_edited_calendar_and_gives_a_full_builds_bytes() -> None:
    builder = Builder()
    first = builder.render(LEDGERS)
    assert builder.rendered_last == 4
    assert first == render_all(LEDGERS)

    assert builder.render(LEDGERS) == first
    assert builder.rendered_last == 0

    text = definition_text("covid", "mq")
    assert "Chaque semaine." in text  # the edit below changes something
    edited = list(LEDGERS)
    assert edited[1].id == "covid-mq"
    edited[1] = loads(
        text.replace("Chaque semaine.", "Chaque semaine, sauf exception."), "covid-mq.toml"
    )
    again = builder.render(edited)
    assert builder.rendered_last == 1
    assert again == render_all(edited)
    changed = sorted(name for name in again if again[name] != first[name])
    assert changed == ["covid-mq.atom", "covid-mq.html", "covid-mq.json"]


def test_a_calendar_removed_is_no_longer_built() -> None:
    builder = Builder()
    builder.render(LEDGERS)
    fewer = builder.render(LEDGERS[:3])
    assert builder.rendered_last == 0
    assert fewer == render_all(LEDGERS[:3])
    assert not any(name.startswith("rsv-mq") for name in fewer)


def test_a_calendar_left_alone_or_joined_is_rendered_again() -> None:
    """A calendar's page links to the list of calendars when the build has several, and
    its Atom change log names its page: alone, it is the index, with no list to go to."""
    builder = Builder()
    alone = builder.render(LEDGERS[:1])
    assert alone == render_all(LEDGERS[:1])
    assert b"Tous les calendriers" not in alone["covid-idf.html"]
    assert (
        b'rel="alternate" type="text/html" href="https://example.org/feeds/" />'
        in (alone["covid-idf.atom"])
    )
    joined = builder.render(LEDGERS[:2])
    assert builder.rendered_last == 2
    assert joined == render_all(LEDGERS[:2])
    nav = b'<nav class="up" aria-label="Calendriers"><a href="index.html">Tous les calendriers</a>'
    assert nav in joined["covid-idf.html"]
    assert nav in joined["covid-mq.html"]
    assert b'href="https://example.org/feeds/covid-idf.html" />' in joined["covid-idf.atom"]
    changed = sorted(name for name in alone if alone[name] != joined[name])
    assert changed == [
        "_headers",
        "calendars.json",
        "covid-idf.atom",
        "covid-idf.html",
        "index.html",
    ]
    assert builder.render(LEDGERS[:1]) == alone
    assert builder.rendered_last == 1


def test_a_template_change_renders_every_calendar_again() -> None:
    builder = Builder()
    builder.render(LEDGERS, templates=1)
    builder.render(LEDGERS, templates=1)
    assert builder.rendered_last == 0
    builder.render(LEDGERS, templates=2)
    assert builder.rendered_last == 4


def test_a_rebuilt_folder_is_a_full_builds_folder(tmp_path: Path) -> None:
    """What serve writes after an edit is what `vaxical build` writes from the same files."""
    schedules = tmp_path / "schedules"
    schedules.mkdir()
    for product in ("covid", "rsv"):
        text = definition_text(product, "mq")
        (schedules / f"{product}-mq.toml").write_text(text, encoding="utf-8")
    paths = sorted(schedules.glob("*.toml"))
    builder = Builder()
    builder.build(paths, tmp_path / "served", sources=[schedules])
    edited = (
        paths[0]
        .read_text(encoding="utf-8")
        .replace("Chaque semaine.", "Chaque semaine, sauf exception.")
    )
    paths[0].write_text(edited, encoding="utf-8")
    builder.build(paths, tmp_path / "served", sources=[schedules])
    assert builder.rendered_last == 1
    build(paths, tmp_path / "built", sources=[schedules])

    def tree(folder: Path) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}

    assert tree(tmp_path / "served") == tree(tmp_path / "built")
    assert "sauf exception" in (tmp_path / "served" / "covid-mq.json").read_text(encoding="utf-8")
