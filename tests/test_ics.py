"""Every feed holds the rules of calendar-clients.md (cited as "rule N")."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pytest
from icalendar import Calendar, Component, Event

from vaxical.definition import load
from vaxical.pipeline import render_all
from vaxical.render.ics import render_feed
from vaxical.schedule.feeds import feeds_of

from .conftest import SEED_DEFINITION, make

CATEGORIES = {
    "Portail ouvert",
    "Portail fermé",
    "Livraison",
    "Confirmation de commande",
    "Rendez-vous",
}

WITH_EXCEPTIONS = make(
    """
    [[periods]]
    start = 2023-07-24
    end = 2023-10-01
    every_weeks = 2

    [[periods]]
    start = 2023-10-02
    every_weeks = 1
    """,
    """
    [[exceptions]]
    session = 2023-08-21
    close = true
    reason = "Inventaire ; stocks, « pleins »"

    [[exceptions]]
    session = 2023-10-02
    move_to = 2023-10-03
    delivery = [2023-10-13, 2023-10-16]
    reason = "Grève des transporteurs"
    """,
    calendar_id="essai-exceptions",
)


# Every feed the two calendars publish, written out: the seed has reminders, the other not.
FEED_NAMES = [
    "essai-exceptions-confirmations.ics",
    "essai-exceptions-livraisons.ics",
    "essai-exceptions-rendez-vous.ics",
    "essai-exceptions-sessions.ics",
    "essai-exceptions.ics",
    "vaccins-covid-confirmations.ics",
    "vaccins-covid-livraisons.ics",
    "vaccins-covid-rappels.ics",
    "vaccins-covid-rendez-vous.ics",
    "vaccins-covid-sessions.ics",
    "vaccins-covid.ics",
]


@functools.cache
def feeds() -> Mapping[str, bytes]:
    """The feeds of both calendars, rendered on first use (not at import, where a rendering
    bug would stop the whole module from being collected)."""
    files = render_all([load(SEED_DEFINITION), WITH_EXCEPTIONS])
    return MappingProxyType({name: data for name, data in files.items() if name.endswith(".ics")})


def _param(component: Component, name: str, parameter: str) -> str:
    value: Any = component[name]
    return str(value.params[parameter])


def _category(event: Event) -> str:
    (category,) = event.categories
    return str(category)


def _lines_of(component: Component) -> list[str]:
    return bytes(component.to_ical()).decode().split("\r\n")


def _physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def _unfolded(data: bytes) -> list[str]:
    text = data.decode("utf-8").replace("\r\n ", "")
    return text[:-2].split("\r\n")


@pytest.fixture(params=FEED_NAMES, ids=FEED_NAMES)
def feed(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    name: str = request.param
    return name, feeds()[name]


def test_every_shipped_feed_is_checked() -> None:
    assert sorted(feeds()) == FEED_NAMES


def test_bytes_crlf_no_bom_folded_at_75_octets(feed: tuple[str, bytes]) -> None:
    _, data = feed
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")  # rule 18: no byte-order mark
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    for line in _physical_lines(data):
        assert len(line) <= 75, line  # rule 17
        line.decode("utf-8")  # never folded inside a UTF-8 character
        trailing = len(line) - len(line.rstrip(b"\\"))
        assert trailing % 2 == 0, line  # never between a backslash and what it escapes


def test_size_well_under_google_limit(feed: tuple[str, bytes]) -> None:
    assert len(feed[1]) < 100_000  # rule 19: Google refuses about 1 MB


def test_calendar_properties(feed: tuple[str, bytes]) -> None:
    name, data = feed
    lines = _unfolded(data)
    calendar = Calendar.from_ical(data)
    assert "METHOD" not in calendar  # rule 12 (and rule 10: DTSTAMP = last revision)
    first_component = next(i for i, line in enumerate(lines) if i and line.startswith("BEGIN:"))
    header = lines[1:first_component]
    values = dict(line.split(":", 1) for line in header if ";" not in line.split(":", 1)[0])
    # rule 13: both spellings, with the same escaped text (the parser leaves X- values raw).
    assert values["NAME"] == values["X-WR-CALNAME"]
    assert values["DESCRIPTION"] == values["X-WR-CALDESC"]
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT6H" in lines  # rule 14
    assert "X-PUBLISHED-TTL:PT6H" in lines
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Paris"  # rule 4
    assert f"SOURCE;VALUE=URI:{calendar['SOURCE']}" in lines
    assert str(calendar["SOURCE"]).endswith("/" + name)
    # rule 16: alarms only in the opt-in reminders feed
    alarms = sum(line == "BEGIN:VALARM" for line in lines)
    events = sum(line == "BEGIN:VEVENT" for line in lines)
    assert alarms == (2 * events if name.endswith("-rappels.ics") else 0)


def test_timezones_are_outlook_safe(feed: tuple[str, bytes]) -> None:
    _, data = feed
    calendar = Calendar.from_ical(data)
    assert calendar.get_missing_tzids() == set()  # rules 1 and 3
    zones = calendar.timezones
    timed = [e for e in calendar.events if isinstance(e.start, dt.datetime)]
    assert bool(zones) == bool(timed)  # a VTIMEZONE exactly where a TZID is used
    for zone in zones:
        parts = [part.name for part in zone.subcomponents]
        assert sorted(parts) == ["DAYLIGHT", "STANDARD"]  # rule 2
        for part in zone.subcomponents:
            assert "RDATE" not in part
            assert _lines_of(part)[2].startswith("RRULE:FREQ=YEARLY;")
    for event in timed:
        assert _param(event, "DTSTART", "TZID") == "Europe/Paris"
        assert isinstance(event.start, dt.datetime)
        assert event.start.tzinfo is not None  # never floating


def test_a_feed_without_events_holds_its_zone_as_its_one_component() -> None:
    """RFC 5545 §3.4 gives every calendar one component at least (rule 22): a feed whose
    window holds no event carries the VTIMEZONE of the calendar's zone, and no other."""
    definition = load(SEED_DEFINITION).current
    feed = feeds_of(definition)[0]
    data = render_feed(definition, feed, ())
    calendar = Calendar.from_ical(data)
    assert [part.name for part in calendar.subcomponents] == ["VTIMEZONE"]
    assert str(calendar.subcomponents[0]["TZID"]) == "Europe/Paris"
    assert data.endswith(b"TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n")


def test_events_all_day_transparent_and_identified(feed: tuple[str, bytes]) -> None:
    _, data = feed
    events = Calendar.from_ical(data).events
    assert events
    uids = [event.uid for event in events]
    assert len(uids) == len(set(uids))  # rule 7
    for event in events:
        start, end = event.start, event.end
        if not isinstance(start, dt.datetime):
            assert _param(event, "DTSTART", "VALUE") == "DATE"  # rule 5
            assert _param(event, "DTEND", "VALUE") == "DATE"
            assert end > start  # exclusive end, never equal
        assert str(event["TRANSP"]) == "TRANSPARENT"  # rule 6
        assert str(event["X-MICROSOFT-CDO-BUSYSTATUS"]) == "FREE"
        assert dt.datetime(2023, 7, 18, tzinfo=dt.UTC) == event.DTSTAMP  # rule 10
        assert event.last_modified == dt.datetime(2023, 7, 18, tzinfo=dt.UTC)
        assert event.sequence == 0  # rule 9
        assert "STATUS" not in event  # rule 11: closed sessions are not CANCELLED
        assert _category(event) in CATEGORIES
        assert re.fullmatch(
            r"[a-z0-9-]+-(session|livraison|confirmation|rendez-vous|rappel)-\d{8}@vaxical",
            event.uid,
        )


def test_uid_means_the_same_event_in_every_feed() -> None:
    seen: dict[str, tuple[object, str]] = {}
    for data in feeds().values():
        for event in Calendar.from_ical(data).events:
            identity = (event.start, str(event.summary))
            assert seen.setdefault(event.uid, identity) == identity


def test_combined_feed_is_the_union_of_the_others() -> None:
    for calendar_id in ("vaccins-covid", "essai-exceptions"):

        def uids(name: str) -> set[str]:
            return {event.uid for event in Calendar.from_ical(feeds()[name]).events}

        parts = ("sessions", "livraisons", "confirmations", "rendez-vous")
        union: set[str] = set().union(*(uids(f"{calendar_id}-{part}.ics") for part in parts))
        assert uids(f"{calendar_id}.ics") == union


def test_text_is_escaped_not_interpreted() -> None:
    lines = _unfolded(feeds()["essai-exceptions-sessions.ics"])
    # rule 18: ; and , escaped, « » and apostrophes not.
    closed = next(line for line in lines if "Inventaire" in line)
    assert "Motif : Inventaire \\; stocks\\, « pleins »" in closed
    assert any("Calendrier d'essai." in line for line in lines if line.startswith("X-WR-CALDESC:"))


def test_a_backslash_is_written_doubled_whatever_follows_it() -> None:
    # rule 18: a reason `C:\Nouveau` was written `C:\nouveau`, a line break in every
    # client (the escaping followed icalendar's, which reads a literal \N as a newline).
    definition = make(
        "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n",
        '[[exceptions]]\nsession = 2023-08-21\nclose = true\nreason = "Dossier C:\\\\Nouveau"\n',
        calendar_id="essai-barre",
    )
    data = render_all([definition])["essai-barre-sessions.ics"]
    (line,) = [line for line in _unfolded(data) if "Dossier" in line]
    assert "\\nMotif : Dossier C:\\\\Nouveau\\n" in line
    closed = next(
        event
        for event in Calendar.from_ical(data).events
        if str(event["UID"]) == "essai-barre-session-20230821@vaxical"
    )
    assert "\nMotif : Dossier C:\\Nouveau\n" in str(closed["DESCRIPTION"])


def test_moved_session_and_shifted_delivery_in_the_feed() -> None:
    events = {e.uid: e for e in Calendar.from_ical(feeds()["essai-exceptions.ics"]).events}
    session = events["essai-exceptions-session-20231002@vaxical"]
    assert (session.start, session.end) == (dt.date(2023, 10, 3), dt.date(2023, 10, 5))
    delivery = events["essai-exceptions-livraison-20231002@vaxical"]
    assert (delivery.start, delivery.end) == (dt.date(2023, 10, 13), dt.date(2023, 10, 17))
    assert "Grève des transporteurs" in str(delivery.description)
    closed = events["essai-exceptions-session-20230821@vaxical"]
    assert _category(closed) == "Portail fermé"
    assert "essai-exceptions-livraison-20230821@vaxical" not in events  # rule 11


def test_descriptions_carry_links_as_plain_text() -> None:
    events = Calendar.from_ical(feeds()["vaccins-covid.ics"]).events
    for event in events:
        description = str(event.description)
        assert "Source : DGS-Urgent N°2023-11 du 18 juillet 2023 – https://" in description
        assert (
            "Calendrier complet et abonnements : https://vaxical.github.io/vaxical/" in description
        )
    opened = [e for e in events if _category(e) == "Portail ouvert"]
    assert len(opened) == 8
    assert all("Outil de commande : https://sante.gouv.fr/" in str(e.description) for e in opened)


def test_feed_bytes_are_icalendars_own_serialization() -> None:
    """Events are serialized once and spliced into each feed: the result must be exactly
    what icalendar gives for the whole calendar (folded by vaxical's fold)."""
    from vaxical.render.ics import render_feed
    from vaxical.schedule.events import build_events
    from vaxical.schedule.expand import expand
    from vaxical.schedule.feeds import FEEDS

    from .oracle import feed_bytes

    definition = load(SEED_DEFINITION).current
    events = build_events(definition, expand(definition))
    for feed in FEEDS:
        selected = feed.select(events)
        spliced = render_feed(definition, feed, selected)
        assert spliced == feed_bytes(definition, feed, selected), feed.suffix
