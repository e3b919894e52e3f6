"""The JSON Schema of ``calendars.json``, the list of a build's calendars: every list the
tests build is valid, and a broken one is not, each error written out."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator

from vaxical.render.catalog import catalog_schema_bytes
from vaxical.schedule.feeds import CATALOG, CATALOG_SCHEMA

from .conftest import ROOT, seed_files

SCHEMA: dict[str, Any] = json.loads(catalog_schema_bytes())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
GOLDEN = sorted((ROOT / "tests" / "examples").glob(f"*/expected/{CATALOG}"))


def _errors(document: object) -> list[tuple[str, str]]:
    """Where ``document`` breaks the schema: each error's path and message, sorted."""
    return sorted(
        ("/".join(str(part) for part in error.absolute_path), error.message)
        for error in VALIDATOR.iter_errors(document)
    )


def _seed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(seed_files()[CATALOG])
    return copy.deepcopy(document)


def test_the_schema_is_valid_draft_2020_12_and_shipped_as_published() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema_rs.meta.is_valid(SCHEMA)
    shipped = ROOT / "vaxical" / "render" / CATALOG_SCHEMA
    assert seed_files()[CATALOG_SCHEMA] == shipped.read_bytes() == catalog_schema_bytes()


def test_every_object_is_closed() -> None:
    defs = SCHEMA["$defs"]
    objects = [SCHEMA, defs["calendar"], defs["feed"], defs["retired"], defs["retired_feed"]]
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(node["properties"])


@pytest.mark.parametrize("path", GOLDEN, ids=lambda path: path.parent.parent.name)
def test_every_golden_list_is_valid(path: Path) -> None:
    assert _errors(json.loads(path.read_bytes())) == []


def test_the_goldens_are_the_three_builds() -> None:
    assert [path.parent.parent.name for path in GOLDEN] == [
        "exceptions-outremer",
        "ledger-2023",
        "seed",
    ]


def test_the_seed_list_is_valid() -> None:
    assert _errors(_seed()) == []


def test_an_unknown_key_fails() -> None:
    document = _seed()
    document["calendars"][0]["colour"] = "bleu"
    assert _errors(document) == [
        ("calendars/0", "Additional properties are not allowed ('colour' was unexpected)")
    ]


def test_a_missing_key_fails() -> None:
    document = _seed()
    del document["calendars"][0]["feeds"][1]["google"]
    assert _errors(document) == [("calendars/0/feeds/1", "'google' is a required property")]


def test_an_unknown_kind_fails() -> None:
    document = _seed()
    document["calendars"][0]["feeds"][0]["kinds"][0] = "rdv"
    assert _errors(document) == [
        (
            "calendars/0/feeds/0/kinds/0",
            "'rdv' is not one of ['appointments', 'confirmation', 'delivery', 'reminder', "
            "'session_closed', 'session_open']",
        )
    ]


def test_a_plain_http_or_misplaced_link_fails() -> None:
    document = _seed()
    calendar = document["calendars"][0]
    calendar["json"] = calendar["json"].replace("https://", "http://")
    calendar["page"] = calendar["page"].replace(".html", ".htm")
    calendar["feeds"][0]["google"] = "https://calendar.example.org/?cid=x"
    assert _errors(document) == [
        (
            "calendars/0/feeds/0/google",
            "'https://calendar.example.org/?cid=x' does not match "
            "'^https://calendar\\\\.google\\\\.com/'",
        ),
        (
            "calendars/0/json",
            "'http://vaxical.github.io/vaxical/vaccins-covid.json' does not match '^https://'",
        ),
        (
            "calendars/0/page",
            "'https://vaxical.github.io/vaxical/vaccins-covid.htm' does not match '\\\\.html$'",
        ),
    ]


def test_a_bad_uri_fails_not_only_its_shape() -> None:
    document = _seed()
    document["calendars"][0]["atom"] = "https://vaxical.github.io/vax ical/vaccins-covid.atom"
    assert _errors(document) == [
        (
            "calendars/0/atom",
            "'https://vaxical.github.io/vax ical/vaccins-covid.atom' is not a 'uri'",
        )
    ]


def test_another_format_fails() -> None:
    document = _seed()
    document["format"] = 2
    assert _errors(document) == [("format", "1 was expected")]
