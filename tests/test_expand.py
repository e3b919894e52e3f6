"""Expansion, with the expected dates written out (python-dateutil's rrule tests' way)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

from vaxical.schedule.events import Alarm, Event, Kind, build_events
from vaxical.schedule.expand import expand

from .conftest import make

D = dt.date


def _open_closed(definition_sessions: tuple[object, ...]) -> tuple[list[D], list[D]]:
    opened = [s.days.first for s in definition_sessions if s.is_open]  # type: ignore[attr-defined]
    closed = [s.days.first for s in definition_sessions if not s.is_open]  # type: ignore[attr-defined]
    return opened, closed


def test_weekly_period_up_to_its_end() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-07-03
        end = 2023-07-24
        every_weeks = 1
        """
    )
    sessions = expand(definition)
    assert [s.days.first for s in sessions] == [
        D(2023, 7, 3),
        D(2023, 7, 10),
        D(2023, 7, 17),
        D(2023, 7, 24),
    ]
    assert all(s.is_open for s in sessions)
    assert sessions[0].days.last == D(2023, 7, 4)


def test_every_other_week_is_anchored_on_the_start_not_on_iso_week_parity() -> None:
    # 2020 has an ISO week 53: 14 Dec 2020 is week 51, 28 Dec week 53, 11 Jan 2021
    # week 2. Parity would flip at the new year; counting from the anchor does not.
    definition = make(
        """
        [[periods]]
        start = 2020-12-14
        end = 2021-02-07
        every_weeks = 2
        """,
        horizon="2021-02-07",
    )
    opened, closed = _open_closed(expand(definition))
    assert opened == [D(2020, 12, 14), D(2020, 12, 28), D(2021, 1, 11), D(2021, 1, 25)]
    assert closed == [D(2020, 12, 21), D(2021, 1, 4), D(2021, 1, 18), D(2021, 2, 1)]


def test_every_third_week() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-09-04
        every_weeks = 3
        """,
        horizon="2023-10-30",
    )
    opened, closed = _open_closed(expand(definition))
    assert opened == [D(2023, 9, 4), D(2023, 9, 25), D(2023, 10, 16)]
    assert closed == [
        D(2023, 9, 11),
        D(2023, 9, 18),
        D(2023, 10, 2),
        D(2023, 10, 9),
        D(2023, 10, 23),
        D(2023, 10, 30),
    ]


def test_open_ended_period_stops_at_the_horizon_inclusive() -> None:
    periods = """
        [[periods]]
        start = 2023-10-02
        every_weeks = 1
        """
    on_a_session_day = expand(make(periods, horizon="2023-10-16"))
    assert [s.days.first for s in on_a_session_day] == [
        D(2023, 10, 2),
        D(2023, 10, 9),
        D(2023, 10, 16),
    ]
    the_day_before = expand(make(periods, horizon="2023-10-15"))
    assert [s.days.first for s in the_day_before] == [D(2023, 10, 2), D(2023, 10, 9)]


def test_horizon_cuts_a_period_with_a_later_end() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-10-02
        end = 2023-12-31
        every_weeks = 1
        """,
        horizon="2023-10-09",
    )
    assert [s.days.first for s in expand(definition)] == [D(2023, 10, 2), D(2023, 10, 9)]


def test_weeks_between_periods_have_no_session() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-07-03
        end = 2023-07-10
        every_weeks = 1

        [[periods]]
        start = 2023-07-31
        every_weeks = 1
        """,
        horizon="2023-08-07",
    )
    assert [s.days.first for s in expand(definition)] == [
        D(2023, 7, 3),
        D(2023, 7, 10),
        D(2023, 7, 31),
        D(2023, 8, 7),
    ]


def test_rrule_cadence_opens_its_dates_and_closes_the_other_weeks() -> None:
    definition = make(
        """
        [[periods]]
        start = 2024-01-01
        end = 2024-03-10
        rrule = "FREQ=MONTHLY;BYDAY=1MO"
        """,
        horizon="2024-03-31",
    )
    opened, closed = _open_closed(expand(definition))
    assert opened == [D(2024, 1, 1), D(2024, 2, 5), D(2024, 3, 4)]
    assert closed == [
        D(2024, 1, 8),
        D(2024, 1, 15),
        D(2024, 1, 22),
        D(2024, 1, 29),
        D(2024, 2, 12),
        D(2024, 2, 19),
        D(2024, 2, 26),
    ]


def test_derived_dates_follow_the_offsets() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-12-25
        end = 2023-12-25
        every_weeks = 1
        """,
        horizon="2023-12-31",
    )
    (session,) = expand(definition)
    assert session.order is not None
    assert session.days.first == D(2023, 12, 25)
    assert session.days.last == D(2023, 12, 26)
    assert (session.order.delivery.first, session.order.delivery.last) == (
        D(2024, 1, 4),
        D(2024, 1, 5),
    )
    assert session.order.confirmation == dt.datetime(2023, 12, 27, 18, 0)
    assert session.order.appointments == D(2024, 1, 6)


SEED_LIKE = """
    [[periods]]
    start = 2023-07-24
    end = 2023-10-01
    every_weeks = 2
    """


def test_exception_closes_an_open_session_and_its_events_leave() -> None:
    definition = make(
        SEED_LIKE,
        """
        [[exceptions]]
        session = 2023-08-21
        close = true
        reason = "Inventaire"
        """,
    )
    sessions = expand(definition)
    closed = [s for s in sessions if s.days.first == D(2023, 8, 21)]
    assert [s.is_open for s in closed] == [False]
    events = build_events(definition, sessions)
    of_session = [(e.kind, e.uid) for e in events if e.session == D(2023, 8, 21)]
    # Same UID as the open session it was: clients update the event, no duplicate.
    assert of_session == [(Kind.SESSION_CLOSED, "essai-session-20230821@vaxical")]
    assert (
        "Motif : Inventaire"
        in events[[e.session for e in events].index(D(2023, 8, 21))].description
    )


def test_exception_opens_a_skipped_week() -> None:
    definition = make(
        SEED_LIKE,
        """
        [[exceptions]]
        session = 2023-07-31
        open = true
        reason = "Rattrapage"
        """,
    )
    opened, _ = _open_closed(expand(definition))
    assert opened[:3] == [D(2023, 7, 24), D(2023, 7, 31), D(2023, 8, 7)]


def test_moved_session_keeps_its_uids_and_its_events_follow() -> None:
    definition = make(
        SEED_LIKE,
        """
        [[exceptions]]
        session = 2023-08-07
        move_to = 2023-08-08
        reason = "Maintenance du portail"
        """,
    )
    sessions = expand(definition)
    (moved,) = [s for s in sessions if s.nominal == D(2023, 8, 7)]
    assert moved.order is not None
    assert (moved.days.first, moved.days.last) == (D(2023, 8, 8), D(2023, 8, 9))
    assert (moved.order.delivery.first, moved.order.delivery.last) == (
        D(2023, 8, 18),
        D(2023, 8, 19),
    )
    assert moved.order.confirmation == dt.datetime(2023, 8, 10, 18, 0)
    assert moved.order.appointments == D(2023, 8, 20)
    events = build_events(definition, sessions)
    assert sorted(e.uid for e in events if e.session == D(2023, 8, 7)) == [
        "essai-confirmation-20230807@vaxical",
        "essai-livraison-20230807@vaxical",
        "essai-rendez-vous-20230807@vaxical",
        "essai-session-20230807@vaxical",
    ]


def test_shifted_delivery_moves_the_appointments_start() -> None:
    definition = make(
        SEED_LIKE,
        """
        [[exceptions]]
        session = 2023-09-04
        delivery = [2023-09-15, 2023-09-18]
        reason = "Grève des transporteurs"
        """,
    )
    (session,) = [s for s in expand(definition) if s.nominal == D(2023, 9, 4)]
    assert session.order is not None
    assert (session.order.delivery.first, session.order.delivery.last) == (
        D(2023, 9, 15),
        D(2023, 9, 18),
    )
    assert session.order.appointments == D(2023, 9, 19)
    assert (session.days.first, session.days.last) == (D(2023, 9, 4), D(2023, 9, 5))


def test_sessions_are_sorted_by_actual_first_day() -> None:
    definition = make(
        """
        [[periods]]
        start = 2023-07-03
        every_weeks = 1
        """,
        """
        [[exceptions]]
        session = 2023-07-03
        move_to = 2023-07-05
        reason = "Déplacée"
        """,
        horizon="2023-07-17",
    )
    assert [s.days.first for s in expand(definition)] == [
        D(2023, 7, 5),
        D(2023, 7, 10),
        D(2023, 7, 17),
    ]


def test_an_event_published_is_the_event_with_its_sequence_and_last_change() -> None:
    """Event.published is dataclasses.replace of SEQUENCE and LAST-MODIFIED, every other
    field passed on; it names each field, so a field added to Event must be added there
    (the list below fails until it is)."""
    names = [field.name for field in dataclasses.fields(Event)]
    assert names == [
        "uid",
        "kind",
        "session",
        "start",
        "end",
        "summary",
        "description",
        "alarms",
        "sequence",
        "modified",
    ]
    # Event.__init__ is written out (it sets each slot, twice as fast as a frozen
    # dataclass's): its parameters are the fields, in order, with the fields' defaults.
    parameters = list(inspect.signature(Event.__init__).parameters.values())[1:]
    assert [(p.name, p.default) for p in parameters] == [
        (
            field.name,
            inspect.Parameter.empty if field.default is dataclasses.MISSING else field.default,
        )
        for field in dataclasses.fields(Event)
    ]
    alarm = Alarm(dt.timedelta(hours=9), dt.datetime(2024, 1, 1, 9), "Le portail ouvre")
    event = Event(
        "essai-rappel-20240101@vaxical",
        Kind.REMINDER,
        D(2024, 1, 1),
        D(2024, 1, 1),
        D(2024, 1, 3),
        "Portail ouvert",
        "Session de commande.",
        (alarm,),
        2,
        dt.datetime(2023, 12, 1, tzinfo=dt.UTC),
    )
    stamp = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    published = event.published(3, stamp)
    assert published == dataclasses.replace(event, sequence=3, modified=stamp)
    assert (published.sequence, published.modified, published.alarms) == (3, stamp, (alarm,))
