"""vaxical writes feeds itself (vaxical.render.ics); icalendar is the oracle. The same
events built through icalendar's component tree (tests/oracle.py) must give every feed
byte for byte: on the golden inputs, and on generated text and events (escapes, folding
around multibyte characters and backslashes, long lines, every kind of event, alarms,
time zones, UTC)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.prop import vDDDTypes
from icalendar.timezone.tzid import tzid_from_tzinfo

from vaxical.definition import load
from vaxical.errors import ZoneError
from vaxical.model import Definition, Notice
from vaxical.pipeline import calendar_of
from vaxical.render.contentline import UTC_EQUIVALENT
from vaxical.render.ics import event_bytes, render_feed, vtimezone
from vaxical.render.jsondoc import dump_bytes
from vaxical.render.jsonrecords import (
    Reason,
    event_content,
    event_json,
    session_json,
    session_reasons,
)
from vaxical.rules import DateSpan
from vaxical.schedule.events import Alarm, Event, Kind
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import FEEDS, Feed, feeds_of
from vaxical.schedule.zones import rules, zone

from .conftest import LEDGER_2023, SEED_DEFINITION
from .oracle import feed_bytes
from .oracle import serialize as oracle_serialize
from .oracle import vtimezone as oracle_vtimezone
from .strategies import UNICODE

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "tests" / "examples").glob("*/input/*.toml"))
BASE = load(SEED_DEFINITION).current


@pytest.mark.parametrize("path", INPUTS, ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_every_feed_of_the_golden_inputs_is_icalendars(path: Path) -> None:
    calendar = calendar_of(load(path))
    definition = calendar.definition
    feeds = feeds_of(definition)
    assert feeds
    for feed in feeds:
        events = feed.select(calendar.feed_events)
        assert render_feed(definition, feed, events) == feed_bytes(definition, feed, events)


def test_utc_zones_are_those_icalendar_writes_as_utc() -> None:
    as_utc = {name for name in pytz.all_timezones if tzid_from_tzinfo(zone(name)) == "UTC"}
    assert as_utc == UTC_EQUIVALENT & set(pytz.all_timezones)
    assert len(UTC_EQUIVALENT) == 32


def _zone_rules_or_none(name: str) -> bool:
    try:
        rules(name)
    except ZoneError:
        return False
    return True


@functools.cache
def zones() -> list[str]:
    """Every zone vaxical can describe: found when a test first asks, not at import, where
    each test worker collecting the module paid for it (42 ms)."""
    return [name for name in pytz.all_timezones if _zone_rules_or_none(name)]


def test_every_vtimezone_is_icalendars() -> None:
    """Every zone vaxical can describe (585 with pytz 2026.6), as icalendar writes it. One
    test for all: as 585 parametrized tests, pytest's bookkeeping took 0.8 s of CPU for
    0.13 s of comparisons. A failure lists every zone that differs."""
    assert len(zones()) > 500
    assert {"Europe/Paris", "America/Martinique", "Indian/Reunion"} <= set(zones())
    differing = []
    for name in zones():
        zone_rules = rules(name)
        if vtimezone(zone_rules) != oracle_serialize(oracle_vtimezone(zone_rules)):
            differing.append(name)
    assert differing == []


# Text that exercises escaping (RFC 5545 §3.3.11 and icalendar's normalizations: a literal
# \N, LF), folding around multibyte characters and runs of backslashes, and
# characters of one to four octets.
PIECES = [*"aZ9 \\N;,:\"'^\n\t=", "é", "–", "’", "€", "°", "🇫", "𐀀", "\\\\", "\\N"]
# Control characters (CR among them) never reach a feed: vaxical.safety refuses them. Nor
# does U+FEFF, which the loader refuses: icalendar drops it at the start of a value (as a
# byte-order mark) where vaxical wrote it, a difference Hypothesis found (uid="\ufeff").
SAFE = st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff\ufeff")
# Strings of up to 160 pieces, each drawn uniformly: drawn as text over one stand-in
# character per piece (plane 15's private use area, which no piece holds), then each
# stand-in replaced by its piece. Hypothesis draws such text in one choice, with the
# length and the uniform pick of a list of sampled_from; the list drew two choices per
# piece, each with its bookkeeping: two fifths of the drawing time of this module's
# generated events.
_STAND_INS = {0xF0000 + index: piece for index, piece in enumerate(PIECES)}
PIECED = st.text("".join(map(chr, _STAND_INS)), max_size=160).map(
    lambda text: text.translate(_STAND_INS)
)
TEXT = PIECED | st.text(SAFE, max_size=100)
DAY = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31))
STAMP = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2200, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=dt.UTC)
)
KINDS = st.sampled_from(list(Kind))
UID = TEXT.filter(bool)
MODIFIED = st.none() | STAMP
ALL_DAY = st.booleans()
DAYS_LONG = st.integers(1, 9)
CLOCK = st.times()
MINUTES_LONG = st.integers(0, 600)
SEQUENCE = st.integers(0, 10_000)
REFRESH = st.integers(1, 240)
ALARMS = st.lists(
    st.builds(
        Alarm,
        st.timedeltas(min_value=dt.timedelta(days=-30), max_value=dt.timedelta(days=30)).map(
            lambda delta: delta - dt.timedelta(microseconds=delta.microseconds)
        ),
        st.just(dt.datetime(2024, 1, 1, 9, 0)),
        TEXT,
    ),
    max_size=3,
)


@st.composite
def _events(draw: st.DrawFn, timezone: str) -> Event:
    kind = draw(KINDS)
    day = draw(DAY)
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    if draw(ALL_DAY):
        start = day
        end = day + dt.timedelta(days=draw(DAYS_LONG))
    else:
        clock = draw(CLOCK).replace(microsecond=0)
        start = dt.datetime.combine(day, clock, tzinfo=zone(timezone))
        end = start + dt.timedelta(minutes=draw(MINUTES_LONG))
    alarms = draw(ALARMS)
    return Event(
        uid=draw(UID),
        kind=kind,
        session=day,
        start=start,
        end=end,
        summary=draw(TEXT),
        description=draw(TEXT),
        alarms=tuple(alarms),
        sequence=draw(SEQUENCE),
        modified=draw(MODIFIED),
    )


@functools.cache
def events(timezone: str) -> st.SearchStrategy[Event]:
    """Events in ``timezone``, one strategy object per zone, and every strategy they draw
    from made once (above): Hypothesis validates each new strategy object when it first
    draws from it, and looks up in its cache each st.integers(...) called at a draw. Made
    anew for each example, they cost a third of the generated-feed test's time and two
    fifths of the event-record test's, for the same examples."""
    return _events(timezone)


@functools.cache
def event_lists(timezone: str) -> st.SearchStrategy[list[Event]]:
    return st.lists(events(timezone), max_size=6, unique_by=lambda event: event.uid)


TIMEZONES = st.deferred(
    lambda: st.sampled_from(["Europe/Paris", "America/Martinique", "UTC", *zones()])
)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[Definition, tuple[Event, ...]]:
    timezone = draw(TIMEZONES)
    definition = dataclasses.replace(
        BASE,
        name=draw(TEXT),
        description=draw(TEXT),
        timezone=timezone,
        refresh_hours=draw(REFRESH),
        revised=draw(STAMP),
    )
    drawn = draw(event_lists(timezone))
    return definition, tuple(drawn)


@settings(max_examples=200, deadline=None)
@given(calendars(), st.sampled_from(FEEDS))
def test_generated_feeds_are_icalendars_byte_for_byte(
    calendar: tuple[Definition, tuple[Event, ...]], feed: Feed
) -> None:
    definition, drawn = calendar
    revised = definition.revised
    serialized = {event.uid: event_bytes(event, event.modified or revised) for event in drawn}
    expected = feed_bytes(definition, feed, drawn)
    assert render_feed(definition, feed, drawn, serialized) == expected


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(UNICODE, max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(UNICODE, max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(UNICODE, max_size=8), JSON, max_size=5), st.data())
def test_json_writing_is_json_dumps(document: dict[str, object], data: st.DataObject) -> None:
    """vaxical's JSON encoder (C for flat containers, indentation by hand) writes exactly
    what json.dumps(ensure_ascii=False, indent=2, sort_keys=True) writes; lists may be
    handed over as iterators, item by item."""
    streamed = {
        key: iter(value) if isinstance(value, list) and data.draw(st.booleans()) else value
        for key, value in document.items()
    }
    expected = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    assert dump_bytes(streamed).decode("utf-8") == expected


# What clients colour events by (CATEGORIES, and the JSON's category), written out.
CATEGORY = {
    Kind.SESSION_OPEN: "Portail ouvert",
    Kind.SESSION_CLOSED: "Portail fermé",
    Kind.DELIVERY: "Livraison",
    Kind.CONFIRMATION: "Confirmation de commande",
    Kind.APPOINTMENTS: "Rendez-vous",
    Kind.REMINDER: "Portail ouvert",
}


def _utc_or_none(moment: dt.date | dt.datetime) -> str | None:
    if not isinstance(moment, dt.datetime):
        return None
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _event_record(event: Event, revised: dt.datetime) -> dict[str, Any]:
    """An event's record as the format states it (README, "The data, for software"),
    built as a plain dict from the event's fields, an alarm's trigger as icalendar writes
    the feed's TRIGGER: what event_json must write, through json.dumps."""
    return {
        "uid": event.uid,
        "kind": event.kind.value,
        "category": CATEGORY[event.kind],
        "session": event.session.isoformat(),
        "all_day": not isinstance(event.start, dt.datetime),
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "start_utc": _utc_or_none(event.start),
        "end_utc": _utc_or_none(event.end),
        "summary": event.summary,
        "description": event.description,
        "alarms": [
            {
                "trigger": vDDDTypes(alarm.trigger).to_ical().decode(),
                "at": alarm.at.isoformat(),
                "text": alarm.description,
            }
            for alarm in event.alarms
        ],
        "sequence": event.sequence,
        "last_modified": _utc_or_none(event.modified or revised),
    }


def _whole_minutes(event: Event) -> Event:
    """``event`` with its alarms' triggers floored to the minute, as every trigger vaxical
    makes is (a reminder's day, hour and minute: vaxical.schedule.events). Of a trigger
    with seconds the JSON drops them (30 s reads ``P0D``) where the feed's TRIGGER keeps
    them (``PT30S``), as icalendar does: found while writing this test, reported to the
    maintainers, not held here either way."""
    alarms = tuple(
        dataclasses.replace(
            alarm, trigger=alarm.trigger - dt.timedelta(seconds=alarm.trigger.seconds % 60)
        )
        for alarm in event.alarms
    )
    return dataclasses.replace(event, alarms=alarms)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["Europe/Paris", "America/Martinique", "UTC"]).flatmap(events), STAMP)
def test_an_events_json_is_json_dumps_of_its_record(event: Event, revised: dt.datetime) -> None:
    """event_json writes an event's record straight from the event, and event_content is
    that record but for SEQUENCE and LAST-MODIFIED: the text json.dumps gives the record
    built here from the event's fields (_event_record), as an item of the document's
    events list (four spaces deep)."""
    event = _whole_minutes(event)
    record = _event_record(event, revised)
    content = {
        key: value for key, value in record.items() if key not in ("sequence", "last_modified")
    }
    assert event_content(event) == content
    expected = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
    assert event_json(event, revised).decode("utf-8") == expected.replace("\n", "\n    ")


PARIS = ZoneInfo("Europe/Paris")
REVISED = dt.datetime(2023, 7, 18, tzinfo=dt.UTC)


def test_a_reminders_json_written_out() -> None:
    """An all-day event with two alarms and no change of its own (``last_modified`` is the
    calendar's date), its record written out whole: keys sorted, four spaces deep as an
    item of the events list, ``end`` exclusive, no UTC times, JSON escapes for the quote,
    backslash and line break, other characters as they are."""
    event = Event(
        uid="vaccins-covid-rappel-20230717@vaxical",
        kind=Kind.REMINDER,
        session=dt.date(2023, 7, 17),
        start=dt.date(2023, 7, 17),
        end=dt.date(2023, 7, 19),
        summary="Session de commande – vaccins Covid-19",
        description='Outil « SpF » : onglet "suivi"\\commande\nÀ J+1 : l’ordre',
        alarms=(
            Alarm(dt.timedelta(hours=9), dt.datetime(2023, 7, 17, 9, tzinfo=PARIS), "Ouvert"),
            Alarm(
                dt.timedelta(days=1, hours=9, minutes=30),
                dt.datetime(2023, 7, 18, 9, 30, tzinfo=PARIS),
                "Dernier jour",
            ),
        ),
        sequence=0,
    )
    assert event_json(event, REVISED).decode("utf-8") == (
        r"""{
      "alarms": [
        {
          "at": "2023-07-17T09:00:00+02:00",
          "text": "Ouvert",
          "trigger": "PT9H"
        },
        {
          "at": "2023-07-18T09:30:00+02:00",
          "text": "Dernier jour",
          "trigger": "P1DT9H30M"
        }
      ],
      "all_day": true,
      "category": "Portail ouvert",
      "description": "Outil « SpF » : onglet \"suivi\"\\commande\nÀ J+1 : l’ordre",
      "end": "2023-07-19",
      "end_utc": null,
      "kind": "reminder",
      "last_modified": "2023-07-18T00:00:00Z",
      "sequence": 0,
      "session": "2023-07-17",
      "start": "2023-07-17",
      "start_utc": null,
      "summary": "Session de commande – vaccins Covid-19",
      "uid": "vaccins-covid-rappel-20230717@vaxical"
    }"""
    )


def test_a_timed_events_json_written_out() -> None:
    """A timed event changed by a later notice: local times with their offset (Paris in
    summer, +02:00), the same instants in UTC, ``last_modified`` its own change."""
    event = Event(
        uid="vaccins-covid-confirmation-20230918@vaxical",
        kind=Kind.CONFIRMATION,
        session=dt.date(2023, 9, 18),
        start=dt.datetime(2023, 9, 20, 18, 0, tzinfo=PARIS),
        end=dt.datetime(2023, 9, 20, 18, 30, tzinfo=PARIS),
        summary="Confirmation de commande",
        description="Consultable à partir de 18h00.",
        sequence=2,
        modified=dt.datetime(2023, 9, 15, 8, 0, tzinfo=dt.UTC),
    )
    assert event_json(event, REVISED).decode("utf-8") == (
        """{
      "alarms": [],
      "all_day": false,
      "category": "Confirmation de commande",
      "description": "Consultable à partir de 18h00.",
      "end": "2023-09-20T18:30:00+02:00",
      "end_utc": "2023-09-20T16:30:00Z",
      "kind": "confirmation",
      "last_modified": "2023-09-15T08:00:00Z",
      "sequence": 2,
      "session": "2023-09-18",
      "start": "2023-09-20T18:00:00+02:00",
      "start_utc": "2023-09-20T16:00:00Z",
      "summary": "Confirmation de commande",
      "uid": "vaccins-covid-confirmation-20230918@vaxical"
    }"""
    )


def _session_record(session: Session, definition: Definition, notice: Notice) -> dict[str, Any]:
    """A session's record as the format states it (README, "The data, for software"),
    built as a plain dict: what session_json must write, through json.dumps."""
    order = session.order

    def span(days: DateSpan) -> dict[str, str]:
        return {"first_day": days.first.isoformat(), "last_day": days.last.isoformat()}

    def reason(found: Reason) -> dict[str, Any]:
        holiday = found.holiday
        return {
            "kind": found.kind.value,
            "holiday": None
            if holiday is None
            else {"date": holiday.day.isoformat(), "name": holiday.name},
            "text": found.text,
            "notice": {"reference": found.notice.reference, "date": found.notice.date.isoformat()},
        }

    confirmation = None if order is None else order.confirmation
    appointments = None if order is None else order.appointments
    hours = None if order is None or session.rules is None else session.rules.hours

    def at(day: dt.date, time: dt.time) -> str:
        # The hours as the rules state them (in their zone, if any), in the calendar's.
        assert hours is not None
        stated = zone(hours.timezone or definition.timezone)
        moment = dt.datetime.combine(day, time, stated)
        return moment.astimezone(zone(definition.timezone)).isoformat()

    return {
        "session": session.nominal.isoformat(),
        "days": span(session.days),
        "open": order is not None,
        "moved": session.moved,
        "delivery": None if order is None else span(order.delivery),
        "confirmation": (
            None
            if confirmation is None
            else confirmation.replace(tzinfo=zone(definition.timezone)).isoformat()
        ),
        "appointments": None if appointments is None else appointments.isoformat(),
        "opens": None if hours is None else at(session.days.first, hours.opens),
        "closes": None if hours is None else at(session.days.last, hours.closes),
        "exception": None if session.exception is None else session.exception.reason,
        "reasons": [reason(found) for found in session_reasons(session, notice)],
    }


@pytest.mark.parametrize(
    "path",
    [*INPUTS, SEED_DEFINITION, LEDGER_2023],
    ids=lambda path: f"{path.parts[-3]}/{path.name}",
)
def test_a_sessions_json_is_json_dumps_of_its_record(path: Path) -> None:
    """session_json writes a session's record straight from the session: the text
    json.dumps gives its record (_session_record), as an item of the document's sessions list, for
    every session of the golden inputs, the seed and the shipped ledger (cadence,
    exceptions, holidays that close a session, open it early or move its delivery)."""
    calendar = calendar_of(load(path))
    definition = calendar.definition
    for session in calendar.sessions:
        notice = calendar.sources.get(session.nominal) or definition.latest_notice
        record = _session_record(session, definition, notice)
        expected = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True)
        written = session_json(session, definition, notice).decode("utf-8")
        assert written == expected.replace("\n", "\n    "), session.nominal
