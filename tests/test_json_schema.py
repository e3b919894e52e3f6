"""The JSON Schema of ``<id>.json`` (issue 13): every JSON the tests build is valid, and a
broken one is not, one test per kind of break with the error written out."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import assume, given, note, settings
from jsonschema import Draft202012Validator

from vaxical.definition import load, loads
from vaxical.model import REFRESH_HOURS, Definition, Ledger
from vaxical.pipeline import calendar_of, render_all
from vaxical.render.files import render_calendar
from vaxical.render.jsondoc import render_json, schema_bytes
from vaxical.schedule.feeds import CALENDAR_SCHEMA as SCHEMA_FILE
from vaxical.schedule.feeds import CATALOG, CATALOG_SCHEMA

from .calendar_schema import SCHEMA, messages, problems, reference, reference_problems
from .conftest import LEDGER_2023, ROOT, SEED_DEFINITION, definition_text, seed_files
from .test_properties import _valid_or_none, definitions

EXAMPLES = ROOT / "tests" / "examples"
GOLDEN_JSON = sorted(
    path
    for path in EXAMPLES.glob("*/expected/*.json")
    if path.name not in (CATALOG, CATALOG_SCHEMA, SCHEMA_FILE)
)
SEED_JSON = EXAMPLES / "seed" / "expected" / "vaccins-covid.json"


def _document(source: Ledger | Definition) -> dict[str, Any]:
    """The calendar's ``<id>.json``, the bytes a build publishes, rendered alone (the page
    and feeds, which these tests do not read, are most of a build's time)."""
    calendar = calendar_of(source)
    data = render_json(
        calendar.definition,
        calendar.sessions,
        calendar.events,
        calendar.history,
        calendar.sources,
        ledger=calendar.digest,
    )
    document: dict[str, Any] = json.loads(data)
    return document


def _seed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SEED_JSON.read_bytes())
    return copy.deepcopy(document)


# The schema itself


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema_rs.meta.is_valid(SCHEMA)
    assert not jsonschema_rs.meta.is_valid({**SCHEMA, "type": "objet"})


def _objects(node: object) -> list[dict[str, Any]]:
    """Every schema in ``node`` that lists properties."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if "properties" in node and node.get("type") == "object":
            found.append(node)
        for value in node.values():
            found += _objects(value)
    elif isinstance(node, list):
        for value in node:
            found += _objects(value)
    return found


def test_every_object_is_closed() -> None:
    objects = _objects(SCHEMA)
    # The document, calendar, span, notice, feed, session, reason and its holiday and
    # notice, alarm, event, history entry.
    assert len(objects) == 12
    assert all(node["additionalProperties"] is False for node in objects)
    assert all(sorted(node["required"]) == sorted(node["properties"]) for node in objects)


def test_the_schema_states_both_range_conventions() -> None:
    span = SCHEMA["$defs"]["span"]["properties"]["last_day"]["description"]
    end = SCHEMA["$defs"]["event"]["properties"]["end"]["description"]
    assert span.startswith("The last day, inclusive")
    assert end.startswith("Exclusive, as iCalendar's DTEND")


def test_the_schema_bounds_refresh_hours_as_the_definition_and_the_record_do() -> None:
    """168 was written in three places (the definition's reader, a published record's,
    the schema): one constant now, which the schema states."""
    hours = SCHEMA["properties"]["calendar"]["properties"]["refresh_hours"]
    assert (hours["minimum"], hours["maximum"]) == REFRESH_HOURS == (1, 168)


def test_the_validator_checks_dates_times_and_uris_not_only_their_shape() -> None:
    checker = Draft202012Validator.FORMAT_CHECKER
    # Missing validator packages would make these pass silently.
    assert not checker.conforms("2023-02-30", "date")
    assert not checker.conforms("2023-07-18T24:30:00Z", "date-time")
    assert not checker.conforms("https://exa mple.org/", "uri")
    assert checker.conforms("webcal://vaxical.github.io/vaxical/vaccins-covid.ics", "uri")


def test_jsonschema_rs_finds_what_jsonschema_finds() -> None:
    """The tests validate with jsonschema-rs (calendar_schema.py, a hundred times faster):
    on a document broken in every definition, jsonschema finds the same errors, each
    written out."""
    document = _seed()
    calendar, sessions, events = document["calendar"], document["sessions"], document["events"]
    calendar["colour"] = "bleu"
    calendar["horizon"] = "10/10/2023"
    calendar["revised"] = "2023-07-18T24:30:00Z"
    calendar["url"] = "https://vaxical.github.io/vax ical/"
    events[0]["sequence"] = 1.5
    events[0]["start"] = "2023-07-17T08:00:00+02:00"
    del events[1]["uid"]
    assert events[1]["kind"] == "confirmation"
    events[1]["start_utc"] = "2023-07-19T18:00:00+02:00"
    events[2]["kind"] = "session"
    document["feeds"][0]["kinds"][0] = "rdv"
    document["format"] = 2
    document["history"][0]["date"] = "2023-07-18"
    sessions[0]["open"] = "true"
    sessions[1]["days"]["first_day"] = "2023-02-30"
    sessions[2]["reasons"][0]["weeks"] = 2
    sessions[3]["confirmation"] = "2023-07-19T18:00:00"
    sessions[4]["reasons"][0]["kind"] = "weekly"
    sessions[6]["reasons"][0]["text"] = "Une semaine sur deux"
    expected = [
        ("calendar", "additionalProperties"),
        ("calendar/horizon", "format"),
        ("calendar/horizon", "pattern"),
        ("calendar/revised", "format"),
        ("calendar/url", "format"),
        ("events/0/sequence", "type"),
        ("events/0/start", "format"),
        ("events/0/start", "pattern"),
        ("events/1", "required"),
        ("events/1/start_utc", "oneOf"),
        ("events/1/start_utc", "pattern"),
        ("events/2/kind", "enum"),
        ("feeds/0/kinds/0", "enum"),
        ("format", "const"),
        ("history/0/date", "format"),
        ("history/0/date", "pattern"),
        ("sessions/0/open", "type"),
        ("sessions/1/days/first_day", "format"),
        ("sessions/2/reasons/0", "additionalProperties"),
        ("sessions/3/confirmation", "oneOf"),
        ("sessions/4/reasons/0/kind", "enum"),
        ("sessions/6/reasons/0/text", "type"),
    ]
    assert problems(document) == expected
    assert reference_problems(document) == expected


# Every JSON the tests build is valid


@pytest.mark.parametrize("path", GOLDEN_JSON, ids=lambda path: path.parent.parent.name)
def test_every_golden_json_is_valid(path: Path) -> None:
    assert problems(json.loads(path.read_bytes())) == []


def test_the_goldens_are_the_four_calendars() -> None:
    assert [path.relative_to(EXAMPLES).as_posix() for path in GOLDEN_JSON] == [
        "exceptions-outremer/expected/vaccins-antilles.json",
        "exceptions-outremer/expected/vaccins-metropole.json",
        "ledger-2023/expected/vaccins-covid.json",
        "seed/expected/vaccins-covid.json",
    ]


@pytest.mark.parametrize("day", ["2023-01-30", "2023-04-26", "2023-07-18", "2023-09-15"])
def test_the_shipped_ledger_after_each_revision_is_valid(day: str) -> None:
    ledger = load(LEDGER_2023).as_of(dt.date.fromisoformat(day))
    assert ledger is not None
    assert problems(_document(ledger)) == []


def test_the_seed_with_reminders_and_holidays_is_valid() -> None:
    assert problems(_document(load(SEED_DEFINITION))) == []


# The five-year ledger's JSON is checked in test_ledger.py, beside the other test that
# builds that ledger (test_the_five_year_ledger_is_valid): it is built once there.


@settings(max_examples=40, deadline=None)
@given(definitions())
def test_generated_definitions_give_valid_json_and_sound_reasons(text: str) -> None:
    """Holiday policies, RRULE cadences, exceptions and zones drawn at random."""
    note(text)
    definition = _valid_or_none(text)
    assume(definition is not None)
    assert definition is not None
    document = _document(definition)
    assert problems(document) == []
    for session in document["sessions"]:
        kinds = [reason["kind"] for reason in session["reasons"]]
        closing = [kind for kind in kinds if kind in ("suspended", "holiday", "cadence")]
        exception = session["exception"]
        # The exception comes first, with its own words; `exception` stays as it was.
        assert (exception is not None) == (kinds[:1] == ["exception"])
        if exception is not None:
            assert session["reasons"][0]["text"] == exception
        if session["open"]:
            assert closing == []
        elif exception is None:
            # A closed session says why: exactly one closing reason...
            assert len(closing) == 1
        else:
            # ...or its exception (which may leave a week the cadence closes, closed).
            assert closing in ([], ["cadence"])
        assert all(reason["notice"] is not None for reason in session["reasons"])


def test_an_alarm_at_midnight_on_the_first_day_is_a_duration() -> None:
    text = definition_text(
        "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n",
        "[reminders]\nalarms = [{ day = 0, time = 00:00:00 }, { day = -1, time = 00:00:00 }]\n",
        horizon="2023-07-17",
    )
    files = render_calendar(
        calendar_of(loads(text, "essai.toml")), listed=False
    )  # its feeds and JSON
    document = json.loads(files["essai.json"])
    (reminder,) = [event for event in document["events"] if event["kind"] == "reminder"]
    # A bare "P" was written before: no RFC 5545 duration. The feed's TRIGGER says P0D.
    assert [alarm["trigger"] for alarm in reminder["alarms"]] == ["-P1D", "P0D"]
    assert b"TRIGGER:P0D\r\n" in files["essai-rappels.ics"]
    assert b"TRIGGER:-P1D\r\n" in files["essai-rappels.ics"]
    assert problems(document) == []


# Where the schema is published


def test_each_build_publishes_the_schema_beside_the_json_and_links_it() -> None:
    files = seed_files()  # the seed's build, render_all's, shared by the test process
    assert files[SCHEMA_FILE] == schema_bytes()
    assert schema_bytes() == (ROOT / "vaxical" / "render" / SCHEMA_FILE).read_bytes()
    document = json.loads(files["vaccins-covid.json"])
    assert document["$schema"] == "https://vaxical.github.io/vaxical/vaxical-calendar.schema.json"
    assert files["vaccins-covid.json"].startswith(
        b'{\n  "$schema": "https://vaxical.github.io/vaxical/vaxical-calendar.schema.json",\n'
        b'  "calendar": {\n'
    )


def test_an_empty_build_has_only_the_schema_of_its_empty_list() -> None:
    assert sorted(render_all([])) == [
        "_headers",
        "calendars.json",
        "index.html",
        "vaxical-calendars.schema.json",
    ]


# A broken document fails, one kind of break at a time


def _found(document: object) -> list[tuple[str, str]]:
    """What jsonschema-rs finds in a broken document, once jsonschema has found the same."""
    return _found_and_said(document)[0]


def _found_and_said(document: object) -> tuple[list[tuple[str, str]], list[str]]:
    """:func:`_found`, and jsonschema's messages, from the same validation by jsonschema
    (each took 40 ms on the seed's document)."""
    found = problems(document)
    checked = reference(document)
    assert checked.problems == found
    return found, checked.messages


def test_the_unbroken_seed_is_valid() -> None:
    assert _found(_seed()) == []


def test_wrong_type_fails() -> None:
    document = _seed()
    document["sessions"][0]["open"] = "true"
    found, said = _found_and_said(document)
    assert found == [("sessions/0/open", "type")]
    assert said == ["'true' is not of type 'boolean'"]


def test_wrong_type_of_number_fails() -> None:
    document = _seed()
    document["events"][0]["sequence"] = 1.5
    assert _found(document) == [("events/0/sequence", "type")]


def test_missing_key_fails() -> None:
    document = _seed()
    del document["events"][0]["uid"]
    found, said = _found_and_said(document)
    assert found == [("events/0", "required")]
    assert said == ["'uid' is a required property"]


def test_missing_top_level_key_fails() -> None:
    document = _seed()
    del document["$schema"]
    assert messages(document) == ["'$schema' is a required property"]


def test_unknown_key_fails() -> None:
    document = _seed()
    document["calendar"]["colour"] = "bleu"
    found, said = _found_and_said(document)
    assert found == [("calendar", "additionalProperties")]
    assert said == ["Additional properties are not allowed ('colour' was unexpected)"]


def test_unknown_key_in_a_reason_fails() -> None:
    document = _seed()
    document["sessions"][2]["reasons"][0]["weeks"] = 2
    assert _found(document) == [("sessions/2/reasons/0", "additionalProperties")]


def test_bad_date_fails() -> None:
    document = _seed()
    document["sessions"][0]["days"]["first_day"] = "2023-02-30"
    found, said = _found_and_said(document)
    assert found == [("sessions/0/days/first_day", "format")]
    assert said == ["'2023-02-30' is not a 'date'"]


def test_date_in_another_form_fails() -> None:
    document = _seed()
    document["calendar"]["horizon"] = "10/10/2023"
    assert _found(document) == [("calendar/horizon", "format"), ("calendar/horizon", "pattern")]


def test_bad_date_time_fails() -> None:
    document = _seed()
    document["calendar"]["revised"] = "2023-07-18T24:30:00Z"
    assert _found(document) == [("calendar/revised", "format")]


def test_local_time_without_its_offset_fails() -> None:
    document = _seed()
    document["sessions"][0]["confirmation"] = "2023-07-19T18:00:00"
    assert _found(document) == [("sessions/0/confirmation", "oneOf")]


def test_bad_uri_fails() -> None:
    document = _seed()
    document["calendar"]["url"] = "https://vaxical.github.io/vax ical/"
    assert _found(document) == [("calendar/url", "format")]


def test_unknown_kind_fails() -> None:
    document = _seed()
    document["events"][0]["kind"] = "session"
    assert _found(document) == [("events/0/kind", "enum")]


def _first(document: dict[str, Any], kind: str) -> int:
    return next(i for i, event in enumerate(document["events"]) if event["kind"] == kind)


# What the descriptions state of each kind, the schema holds (a document breaking them
# was valid: audit of 27 November 2026).
def test_a_kind_with_another_kinds_category_fails() -> None:
    document = _seed()
    delivery = _first(document, "delivery")
    document["events"][delivery]["category"] = "Portail ouvert"
    found, said = _found_and_said(document)
    assert found == [(f"events/{delivery}/category", "const")]
    assert said == ["'Livraison' was expected"]


def test_an_all_day_confirmation_fails() -> None:
    document = _seed()
    confirmation = _first(document, "confirmation")
    document["events"][confirmation]["all_day"] = True
    assert (f"events/{confirmation}/all_day", "const") in _found(document)


def test_alarms_on_another_kind_than_a_reminder_fail() -> None:
    document = _seed()
    delivery = _first(document, "delivery")
    alarm = {"trigger": "PT9H", "at": "2023-07-27T09:00:00+02:00", "text": "Livraison"}
    document["events"][delivery]["alarms"] = [alarm]
    assert _found(document) == [(f"events/{delivery}/alarms", "maxItems")]


def test_a_closed_session_that_moved_fails() -> None:
    document = _seed()
    closed = next(i for i, session in enumerate(document["sessions"]) if not session["open"])
    document["sessions"][closed]["moved"] = True
    assert _found(document) == [(f"sessions/{closed}/moved", "const")]


def test_unknown_reason_kind_fails() -> None:
    document = _seed()
    document["sessions"][2]["reasons"][0]["kind"] = "weekly"
    assert _found(document) == [("sessions/2/reasons/0/kind", "enum")]


def test_another_format_fails() -> None:
    document = _seed()
    document["format"] = 2
    assert _found(document) == [("format", "const")]


def test_a_closed_session_with_a_delivery_fails() -> None:
    document = _seed()
    closed = document["sessions"][2]
    assert (closed["session"], closed["open"]) == ("2023-07-31", False)
    closed["delivery"] = {"first_day": "2023-08-10", "last_day": "2023-08-11"}
    assert _found(document) == [("sessions/2/delivery", "type")]


def test_a_cadence_reason_with_a_text_fails() -> None:
    document = _seed()
    document["sessions"][2]["reasons"][0]["text"] = "Une semaine sur deux"
    assert _found(document) == [("sessions/2/reasons/0/text", "type")]


def test_an_all_day_event_with_a_time_fails() -> None:
    document = _seed()
    event = document["events"][0]
    assert (event["kind"], event["all_day"]) == ("session_open", True)
    event["start"] = "2023-07-17T08:00:00+02:00"
    assert _found(document) == [("events/0/start", "format"), ("events/0/start", "pattern")]
