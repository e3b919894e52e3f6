"""VTIMEZONEs from the tz database's current rules, right past 2038."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vaxical.errors import ZoneError
from vaxical.pipeline import render_all
from vaxical.render.ics import check_instants, vtimezone
from vaxical.schedule.events import Event, Kind
from vaxical.schedule.zones import (
    Daylight,
    Transition,
    agrees,
    parse_posix,
    rules,
    wall_clock,
    zone,
)

from .conftest import make


def test_paris_rules_from_the_tz_database() -> None:
    assert rules("Europe/Paris") == parse_posix("Europe/Paris", "CET-1CEST,M3.5.0,M10.5.0/3")
    paris = rules("Europe/Paris")
    assert paris.std_offset == dt.timedelta(hours=1)
    assert paris.daylight == Daylight(
        "CEST",
        dt.timedelta(hours=2),
        Transition(month=3, week=5, weekday=0, seconds=2 * 3600),
        Transition(month=10, week=5, weekday=0, seconds=3 * 3600),
    )


def test_paris_vtimezone_is_the_outlook_form() -> None:
    text = vtimezone(rules("Europe/Paris")).decode()
    assert text.split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:CEST",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZNAME:CET",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_zone_without_daylight_time_has_one_standard_part() -> None:
    text = vtimezone(rules("America/Martinique")).decode()
    assert text.split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:America/Martinique",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZNAME:AST",
        "TZOFFSETFROM:-0400",
        "TZOFFSETTO:-0400",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]


def test_second_sunday_rule() -> None:
    new_york = rules("America/New_York")
    assert new_york.daylight is not None
    assert new_york.daylight.start.byday == "2SU"
    assert new_york.daylight.start.day_in(2030) == dt.date(2030, 3, 10)
    assert new_york.daylight.end.byday == "1SU"


@pytest.mark.parametrize(
    ("tzid", "local", "utc"),
    [
        # Paris: summer time from the last Sunday of March to the last Sunday of October.
        ("Europe/Paris", dt.datetime(2023, 7, 19, 18), dt.datetime(2023, 7, 19, 16)),
        ("Europe/Paris", dt.datetime(2023, 12, 20, 18), dt.datetime(2023, 12, 20, 17)),
        ("Europe/Paris", dt.datetime(2030, 3, 30, 18), dt.datetime(2030, 3, 30, 17)),
        ("Europe/Paris", dt.datetime(2030, 3, 31, 18), dt.datetime(2030, 3, 31, 16)),
        ("Europe/Paris", dt.datetime(2045, 7, 12, 18), dt.datetime(2045, 7, 12, 16)),
        ("Europe/Paris", dt.datetime(2045, 10, 28, 18), dt.datetime(2045, 10, 28, 16)),
        ("Europe/Paris", dt.datetime(2045, 10, 29, 18), dt.datetime(2045, 10, 29, 17)),
        # Martinique: UTC-4 all year.
        ("America/Martinique", dt.datetime(2023, 7, 19, 18), dt.datetime(2023, 7, 19, 22)),
        ("America/Martinique", dt.datetime(2030, 1, 9, 18), dt.datetime(2030, 1, 9, 22)),
        ("America/Martinique", dt.datetime(2045, 7, 12, 18), dt.datetime(2045, 7, 12, 22)),
        # Sydney: daylight time spans the new year.
        ("Australia/Sydney", dt.datetime(2045, 1, 10, 18), dt.datetime(2045, 1, 10, 7)),
        ("Australia/Sydney", dt.datetime(2045, 7, 10, 18), dt.datetime(2045, 7, 10, 8)),
    ],
)
def test_rules_and_database_give_the_known_instant(
    tzid: str, local: dt.datetime, utc: dt.datetime
) -> None:
    assert local - rules(tzid).utcoffset(local) == utc
    assert local.replace(tzinfo=zone(tzid)).astimezone(dt.UTC).replace(tzinfo=None) == utc


def test_zone_past_2037_is_not_pytz_frozen_winter_time() -> None:
    # pytz itself stops at 2037 and would give +01:00 here.
    assert dt.datetime(2045, 7, 1, 12, tzinfo=zone("Europe/Paris")).utcoffset() == dt.timedelta(
        hours=2
    )


@pytest.mark.parametrize(
    ("tzid", "local", "utc"),
    [
        ("Europe/Paris", dt.datetime(2040, 7, 1, 12), dt.datetime(2040, 7, 1, 10)),
        # Repeated: the winter (standard) one; skipped: the offset before the change.
        ("Australia/Sydney", dt.datetime(2024, 4, 7, 2, 30), dt.datetime(2024, 4, 6, 16, 30)),
        ("Australia/Sydney", dt.datetime(2024, 10, 6, 2, 30), dt.datetime(2024, 10, 5, 16, 30)),
        # Dublin's standard time is its summer time (IST), winter its "negative" DST.
        ("Europe/Dublin", dt.datetime(2024, 10, 27, 1, 30), dt.datetime(2024, 10, 27, 0, 30)),
        ("Europe/Dublin", dt.datetime(2024, 3, 31, 1, 30), dt.datetime(2024, 3, 31, 1, 30)),
    ],
)
def test_a_wall_clock_time_reads_as_pytz_read_it_until_2037_and_right_after(
    tzid: str, local: dt.datetime, utc: dt.datetime
) -> None:
    assert wall_clock(local, tzid).astimezone(dt.UTC) == utc.replace(tzinfo=dt.UTC)


def _confirmation(local: dt.datetime) -> Event:
    return Event(
        "x-confirmation-20240325@vaxical",
        Kind.CONFIRMATION,
        local.date(),
        local,
        local + dt.timedelta(minutes=30),
        "",
        "",
    )


def test_time_skipped_by_dst_is_refused() -> None:
    skipped = dt.datetime(2024, 3, 31, 2, 30, tzinfo=zone("Europe/Paris"))
    with pytest.raises(ZoneError, match="not covered by the zone's current rules"):
        check_instants(rules("Europe/Paris"), [_confirmation(skipped)])


def test_rules_that_outlook_cannot_hold_are_refused() -> None:
    with pytest.raises(ZoneError, match="outside 00:00–24:00"):
        parse_posix("America/Nuuk", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0")


def test_unknown_zone_is_refused() -> None:
    with pytest.raises(ZoneError, match="unknown time zone"):
        rules("../../etc/passwd")


def test_martinique_calendar_in_2045() -> None:
    definition = make(
        """
        [[periods]]
        start = 2045-01-02
        every_weeks = 1
        """,
        horizon="2045-01-09",
        timezone="America/Martinique",
        calendar_id="martinique",
    )
    files = render_all([definition])
    confirmations = [
        event["start_utc"]
        for event in json.loads(files["martinique.json"])["events"]
        if event["kind"] == "confirmation"
    ]
    assert confirmations == ["2045-01-04T22:00:00Z", "2045-01-11T22:00:00Z"]
    feed = files["martinique-confirmations.ics"].decode()
    assert "DTSTART;TZID=America/Martinique:20450104T180000\r\n" in feed
    assert "BEGIN:DAYLIGHT" not in feed


def test_pytz_agrees_until_its_tables_end_in_2037() -> None:
    import pytz

    paris = pytz.timezone("Europe/Paris")
    for local in (
        dt.datetime(2023, 3, 19, 18),
        dt.datetime(2023, 3, 26, 18),
        dt.datetime(2023, 10, 29, 18),
        dt.datetime(2030, 3, 31, 18),
        dt.datetime(2030, 10, 27, 18),
        dt.datetime(2037, 7, 1, 18),
    ):
        assert paris.localize(local).utcoffset() == rules("Europe/Paris").utcoffset(local)
    # Past 2037 pytz repeats its last (winter) offset; the tz rule, which the VTIMEZONE
    # carries, keeps summer time.
    summer_2045 = dt.datetime(2045, 7, 12, 18)
    assert paris.localize(summer_2045).utcoffset() == dt.timedelta(hours=1)
    assert rules("Europe/Paris").utcoffset(summer_2045) == dt.timedelta(hours=2)


def test_an_hour_said_twice_is_told_by_its_fold_whatever_was_asked_before() -> None:
    # 02:30 on 27 October 2024 in Paris: once in summer time (fold 0), once in winter time
    # (fold 1), which the rules of the VTIMEZONE do not give. The answer for one was
    # remembered for the other: a check said what the one asked first said.
    first = dt.datetime(2024, 10, 27, 2, 30)
    second = first.replace(fold=1)
    assert [agrees("Europe/Paris", second), agrees("Europe/Paris", first)] == [False, True]
    assert [agrees("Europe/Paris", first), agrees("Europe/Paris", second)] == [True, False]


def test_known_zones_are_exactly_pytzs() -> None:
    """zones.known finds a zone without building pytz's list (which opens every file)."""
    import pytz

    from vaxical.schedule.zones import known

    assert all(known(name) for name in pytz.all_timezones)
    for name in (
        "Factory",
        "zone.tab",
        "tzdata.zi",
        "europe/paris",
        "Europe",
        "Europe/",
        "",
        "../pytz",
        "Europe/Paris/x",
        "Europe//Paris",
        "/Europe/Paris",
        "UTC ",
    ):
        assert not known(name), name
        assert name not in pytz.all_timezones_set
