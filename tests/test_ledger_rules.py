"""What each rule of a ledger block gives, date by date (issue 10). Expected dates are
worked out by hand from the calendar of January-March 2024 (Monday 8 January...)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from vaxical.cli import main
from vaxical.definition import loads
from vaxical.history.changes import Change
from vaxical.pipeline import calendar_of, render_all
from vaxical.render.table import rows, rules_in_words
from vaxical.rules import DateSpan
from vaxical.schedule.expand import Session, expand, span_change

from .ledger_text import CALENDAR, FIRST, REOPEN, SECOND, SUSPEND, ledger_text, notice

D = dt.date


def _sessions(text: str) -> tuple[Session, ...]:
    return expand(loads(text, "x.toml").current)


def _session(text: str, nominal: dt.date) -> Session:
    (found,) = [session for session in _sessions(text) if session.nominal == nominal]
    return found


def test_confirmation_stated_in_paris_time_for_an_overseas_calendar() -> None:
    text = ledger_text(
        calendar=CALENDAR.replace("Europe/Paris", "America/Martinique"),
        first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "Europe/Paris"\n'),
    )
    order = _session(text, D(2024, 1, 8)).order
    assert order is not None
    # Wednesday 10 January, 18:00 in Paris (UTC+1) = 17:00Z = 13:00 in Martinique (UTC-4).
    assert order.confirmation == dt.datetime(2024, 1, 10, 13, 0)
    document: dict[str, Any] = json.loads(render_all([loads(text, "x.toml")])["essai.json"])
    (event,) = [e for e in document["events"] if e["uid"] == "essai-confirmation-20240108@vaxical"]
    assert event["start_utc"] == "2024-01-10T17:00:00Z"
    assert event["description"].startswith(
        "La confirmation de la commande passée lundi 8 et mardi 9 janvier 2024 est "
        "consultable à partir du mercredi 10 janvier 2024 à 13h00 (18h00, heure de Paris)."
    )


def test_a_reminder_before_the_portal_opens_says_when_it_opens() -> None:
    # La Réunion, hours stated in Paris: 08:00 in Paris is 11:00 there (UTC+4 in winter).
    # At 09:00 the reminder said « Le portail de commande est ouvert aujourd'hui ».
    text = ledger_text(
        calendar=CALENDAR.replace("Europe/Paris", "Indian/Reunion")
        + "\n[reminders]\nalarms = [{ day = 0, time = 09:00:00 }, { day = 1, time = 12:00:00 }]\n",
        first=FIRST.replace(
            'days = ["monday", "tuesday"]\n',
            'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
            'timezone = "Europe/Paris"\n',
        ),
    )
    calendar = calendar_of(loads(text, "x.toml"))
    (event,) = [e for e in calendar.events if e.uid == "essai-rappel-20240108@vaxical"]
    assert [(alarm.at.replace(tzinfo=None), alarm.description) for alarm in event.alarms] == [
        (
            dt.datetime(2024, 1, 8, 9, 0),
            "Le portail de commande ouvre aujourd'hui à 11h00 – vaccins",
        ),
        (dt.datetime(2024, 1, 9, 12, 0), "Dernier jour pour commander – vaccins"),
    ]


@pytest.mark.parametrize(
    ("zone", "opens", "alarms", "said"),
    [
        # Paris 14:00 is 00:00 the next day in Nouméa (UTC+11 in January).
        (
            "Pacific/Noumea",
            "14:00:00",
            "{ day = 0, time = 09:00:00 }",
            "Le portail de commande ouvre mardi 9 janvier 2024 à 0h00 – vaccins",
        ),
        # Paris 23:00 is 18:00 in Martinique: a 20:00 reminder comes after the closing.
        (
            "America/Martinique",
            "08:00:00",
            "{ day = 1, time = 20:00:00 }",
            "Session de commande terminée – vaccins",
        ),
        # Paris 23:00 on Tuesday is 09:00 on Wednesday in Nouméa: at 08:00 it is the last
        # day (the text said « terminée »).
        (
            "Pacific/Noumea",
            "08:00:00",
            "{ day = 2, time = 08:00:00 }",
            "Dernier jour pour commander – vaccins",
        ),
        # Paris 01:00 on Monday is 20:00 on Sunday in Martinique: at 21:00 the portal is open
        # (the text said « ouvre lundi 8 janvier »).
        (
            "America/Martinique",
            "01:00:00",
            "{ day = -1, time = 21:00:00 }",
            "Le portail de commande est ouvert – vaccins",
        ),
        # In Paris, a reminder the day before says the day alone, as it always did (a
        # review found « ouvre lundi 8 janvier 2024 à 8h00 »: 33 reissued events).
        (
            "Europe/Paris",
            "08:00:00",
            "{ day = -1, time = 17:30:00 }",
            "Le portail de commande ouvre lundi 8 janvier 2024 – vaccins",
        ),
    ],
)
def test_a_reminder_says_the_portal_as_the_local_clocks_find_it(
    zone: str, opens: str, alarms: str, said: str
) -> None:
    text = ledger_text(
        calendar=CALENDAR.replace("Europe/Paris", zone) + f"\n[reminders]\nalarms = [{alarms}]\n",
        first=FIRST.replace(
            'days = ["monday", "tuesday"]\n',
            f'days = ["monday", "tuesday"]\nopens = {opens}\ncloses = 23:00:00\n'
            'timezone = "Europe/Paris"\n',
        ),
    )
    calendar = calendar_of(loads(text, "x.toml"))
    (event,) = [e for e in calendar.events if e.uid == "essai-rappel-20240108@vaxical"]
    assert [alarm.description for alarm in event.alarms] == [said]


def test_appointments_on_the_monday_after_the_delivery() -> None:
    text = ledger_text(first=FIRST.replace("days_after_delivery = 1\n", 'weekday = "monday"\n'))
    order = _session(text, D(2024, 1, 8)).order
    assert order is not None
    assert (order.delivery.first, order.delivery.last) == (D(2024, 1, 18), D(2024, 1, 19))
    assert order.appointments == D(2024, 1, 22)


def test_delivery_counted_from_the_last_day_of_the_session() -> None:
    first = FIRST.replace(
        "first_day = 10\nlast_day = 11\n",
        'first_day = 2\nlast_day = 3\ncounted_from = "last-day"\n',
    )
    order = _session(ledger_text(first=first), D(2024, 1, 8)).order
    assert order is not None
    assert (order.delivery.first, order.delivery.last) == (D(2024, 1, 11), D(2024, 1, 12))


def test_no_confirmation_and_no_appointments_when_the_notice_gives_none() -> None:
    text = ledger_text(
        SECOND
        + "from = 2024-02-05\n[revisions.confirmation]\nnone = true\n"
        + "[revisions.appointments]\nnone = true\n"
    )
    before, after = _session(text, D(2024, 1, 29)).order, _session(text, D(2024, 2, 5)).order
    assert before is not None
    assert after is not None
    assert (before.confirmation, before.appointments) == (
        dt.datetime(2024, 1, 31, 18, 0),
        D(2024, 2, 10),
    )
    assert (after.confirmation, after.appointments) == (None, None)
    uids = {
        e["uid"] for e in json.loads(render_all([loads(text, "x.toml")])["essai.json"])["events"]
    }
    assert "essai-confirmation-20240129@vaxical" in uids
    assert "essai-confirmation-20240205@vaxical" not in uids
    assert "essai-rendez-vous-20240205@vaxical" not in uids


def test_an_extra_session_and_a_longer_one() -> None:
    text = ledger_text(
        SECOND
        + "[[revisions.exceptions]]\nsession = 2024-02-08\nextra = true\n"
        + 'delivery = [2024-02-15, 2024-02-16]\nreason = "Session supplémentaire"\n'
        + "[[revisions.exceptions]]\nsession = 2024-02-19\ndays = [2024-02-16, 2024-02-20]\n"
        + 'reason = "Vacances"\n'
    )
    sessions = {s.nominal: s for s in _sessions(text)}
    extra = sessions[D(2024, 2, 8)]
    assert (extra.days.first, extra.days.last, extra.is_open) == (
        D(2024, 2, 8),
        D(2024, 2, 9),
        True,
    )
    longer = sessions[D(2024, 2, 19)]
    assert (longer.days.first, longer.days.last) == (D(2024, 2, 16), D(2024, 2, 20))
    assert longer.order is not None
    # J stays Monday 19 February: J+10 and J+11.
    assert (longer.order.delivery.first, longer.order.delivery.last) == (
        D(2024, 2, 29),
        D(2024, 3, 1),
    )


THIRD = notice(3, "2024-02-20")
CLOSE_26 = '[[revisions.exceptions]]\nsession = 2024-02-26\nclose = true\nreason = "Stock"\n'
OPEN_26 = '[[revisions.exceptions]]\nsession = 2024-02-26\nopen = true\nreason = "Stock reçu"\n'


def test_a_week_an_earlier_block_closed_reopens_with_open_true() -> None:
    # « a closed week reopens »: `open = true` was refused (« already open by the rules »)
    # and without it, « the exception changes nothing ».
    closed = _session(ledger_text(SECOND + CLOSE_26), D(2024, 2, 26))
    assert (closed.is_open, closed.order) == (False, None)
    text = ledger_text(SECOND + CLOSE_26, THIRD + OPEN_26)
    # What the notice changed, with its reason (which the change log left out).
    assert calendar_of(loads(text, "x.toml")).history[0].changes == (
        "La session du 26-27 février est ouverte. Motif : Stock reçu",
    )
    reopened = _session(text, D(2024, 2, 26))
    assert reopened.is_open
    assert reopened.exception is not None
    assert (reopened.exception.open, reopened.exception.reason) == (True, "Stock reçu")
    assert reopened.order is not None
    assert (reopened.order.delivery.first, reopened.order.delivery.last) == (
        D(2024, 3, 7),
        D(2024, 3, 8),
    )


def test_a_week_an_earlier_block_opened_stays_open_when_its_delivery_changes() -> None:
    # An every-other-week cadence: 12 February is a closed week; block 2 opens it, block
    # 3 only gives it another delivery. Replacing block 2's exception closed it again.
    fortnightly = FIRST.replace("every_weeks = 1", "every_weeks = 2")
    opening = '[[revisions.exceptions]]\nsession = 2024-02-12\nopen = true\nreason = "Renfort"\n'
    later = (
        "[[revisions.exceptions]]\nsession = 2024-02-12\n"
        'delivery = [2024-02-26, 2024-02-27]\nreason = "Transporteur"\n'
    )
    text = ledger_text(SECOND + opening, THIRD + later, first=fortnightly)
    opened = _session(text, D(2024, 2, 12))
    assert opened.is_open
    assert opened.order is not None
    assert (opened.order.delivery.first, opened.order.delivery.last) == (
        D(2024, 2, 26),
        D(2024, 2, 27),
    )


def test_a_later_exception_keeps_what_an_earlier_one_said_and_it_does_not() -> None:
    # Block 2 moves the session of 26 February to the 27th; block 3 gives it another
    # delivery: it went back to the 26th in silence (« déplacée au 26-27 février »).
    moved = (
        '[[revisions.exceptions]]\nsession = 2024-02-26\nmove_to = 2024-02-27\nreason = "Grève"\n'
    )
    delivery = (
        "[[revisions.exceptions]]\nsession = 2024-02-26\n"
        'delivery = [2024-03-11, 2024-03-12]\nreason = "Transport"\n'
    )
    calendar = calendar_of(loads(ledger_text(SECOND + moved, THIRD + delivery), "x.toml"))
    assert calendar.history[0].changes == (
        "Livraison de la session du 27-28 février : 8-9 mars → 11-12 mars. "
        "Motif : Grève ; Transport",
    )
    (session,) = [s for s in calendar.sessions if s.nominal == D(2024, 2, 26)]
    assert session.order is not None
    assert (session.days.first, session.days.last, session.order.delivery.first) == (
        D(2024, 2, 27),
        D(2024, 2, 28),
        D(2024, 3, 11),
    )


def test_an_extra_session_of_an_earlier_block_closes_with_close_true() -> None:
    # Refused before: « no session of the periods starts on this day ».
    extra = (
        "[[revisions.exceptions]]\nsession = 2024-02-28\nextra = true\n"
        'delivery = [2024-03-07, 2024-03-08]\nreason = "Renfort"\n'
    )
    closed = '[[revisions.exceptions]]\nsession = 2024-02-28\nclose = true\nreason = "Annulée"\n'
    calendar = calendar_of(loads(ledger_text(SECOND + extra, THIRD + closed), "x.toml"))
    # The extra session's reason was left out of its news, and is now said.
    assert [entry.changes for entry in calendar.history[:2]] == [
        ("La session du 28-29 février est fermée. Motif : Annulée",),
        ("Nouvelle session : 28-29 février (ouverte). Motif : Renfort",),
    ]
    (session,) = [s for s in calendar.sessions if s.nominal == D(2024, 2, 28)]
    assert (session.days.first, session.is_open) == (D(2024, 2, 28), False)


def test_the_reason_goes_with_the_change_its_exception_makes() -> None:
    # Sessions three days long from 26 February, and that session's delivery moved by an
    # exception: the reason was put on the first line, the lengthening it did not make.
    longer = SECOND + (
        'from = 2024-02-26\n[revisions.sessions]\ndays = ["monday", "tuesday", "wednesday"]\n'
        "[[revisions.exceptions]]\nsession = 2024-02-26\n"
        'delivery = [2024-03-11, 2024-03-12]\nreason = "Grève des transporteurs"\n'
    )
    changes = calendar_of(loads(ledger_text(longer), "x.toml")).history[0].changes
    assert changes[:2] == (
        "La session du 26-27 février est allongée : 26-28 février.",
        "Livraison de la session du 26-28 février : 7-8 mars → 11-12 mars. "
        "Motif : Grève des transporteurs",
    )


def test_the_periods_the_fix_names_move_the_sessions_to_their_new_days() -> None:
    # What the refusal of new days without a period proposes (test_ledger_errors), done.
    block = SECOND + (
        'from = 2024-02-13\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n'
        "[[revisions.periods]]\nstart = 2024-01-08\nend = 2024-02-11\nevery_weeks = 1\n"
        "[[revisions.periods]]\nstart = 2024-02-13\nevery_weeks = 1\n"
    )
    days = [(s.days.first, s.days.last) for s in _sessions(ledger_text(block))][4:7]
    assert days == [
        (D(2024, 2, 5), D(2024, 2, 6)),
        (D(2024, 2, 13), D(2024, 2, 14)),
        (D(2024, 2, 20), D(2024, 2, 21)),
    ]


def test_an_extra_session_closed_by_a_later_block_reopens_with_open_true() -> None:
    # `open = true` was refused: « an extra session is open already ».
    extra = '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\nreason = "Renfort"\n'
    closed = '[[revisions.exceptions]]\nsession = 2024-02-15\nclose = true\nreason = "Annulée"\n'
    reopened = '[[revisions.exceptions]]\nsession = 2024-02-15\nopen = true\nreason = "Rétablie"\n'
    fourth = notice(4, "2024-02-21")
    text = ledger_text(SECOND + extra, THIRD + closed, fourth + reopened)
    calendar = calendar_of(loads(text, "x.toml"))
    assert calendar.history[0].changes == (
        "La session du 15-16 février est ouverte. Motif : Rétablie",
    )
    (session,) = [s for s in calendar.sessions if s.nominal == D(2024, 2, 15)]
    assert (session.days.first, session.is_open) == (D(2024, 2, 15), True)


def test_a_kept_move_keeps_its_reason_beside_the_new_one() -> None:
    # The move's reason was lost: the page said « Session déplacée : Retard du grossiste ».
    moved = (
        "[[revisions.exceptions]]\nsession = 2024-02-26\nmove_to = 2024-02-27\n"
        'reason = "Grève des transporteurs"\n'
    )
    delivery = (
        "[[revisions.exceptions]]\nsession = 2024-02-26\n"
        'delivery = [2024-03-11, 2024-03-12]\nreason = "Retard du grossiste"\n'
    )
    text = ledger_text(SECOND + moved, THIRD + delivery)
    (session,) = [s for s in _sessions(text) if s.nominal == D(2024, 2, 26)]
    assert session.exception is not None
    assert session.exception.reason == "Grève des transporteurs ; Retard du grossiste"
    (row,) = [row for row in rows(_sessions(text), "Europe/Paris") if "27-28 février" in row.dates]
    assert row.note == "Session déplacée : Grève des transporteurs ; Retard du grossiste"


def test_a_superseded_reason_is_no_longer_given() -> None:
    # Moved (« Grève »), then a delivery (« Transport »), then another delivery
    # (« Inventaire »): the reason read « Grève ; Transport ; Inventaire ».
    fourth = notice(4, "2024-02-21")
    entry = "[[revisions.exceptions]]\nsession = 2024-02-26\n"
    text = ledger_text(
        SECOND + entry + 'move_to = 2024-02-27\nreason = "Grève"\n',
        THIRD + entry + 'delivery = [2024-03-11, 2024-03-12]\nreason = "Transport"\n',
        fourth + entry + 'delivery = [2024-03-12, 2024-03-13]\nreason = "Inventaire"\n',
    )
    calendar = calendar_of(loads(text, "x.toml"))
    assert calendar.history[0].changes == (
        "Livraison de la session du 27-28 février : 11-12 mars → 12-13 mars. "
        "Motif : Grève ; Inventaire",
    )


def test_the_reason_of_a_kept_opening_or_extra_session_stays() -> None:
    # An extra session given a delivery later said « Transport » alone; a reopened one,
    # moved, given a delivery and moved again lost « Renfort », why it was opened.
    entry = "[[revisions.exceptions]]\nsession = 2024-02-15\n"
    text = ledger_text(
        SECOND + entry + 'extra = true\nreason = "Renfort"\n',
        THIRD + entry + 'delivery = [2024-02-27, 2024-02-28]\nreason = "Transport"\n',
    )
    (extra,) = [s for s in _sessions(text) if s.nominal == D(2024, 2, 15)]
    assert extra.exception is not None
    assert extra.exception.reason == "Renfort ; Transport"
    fourth = notice(4, "2024-02-21")
    fifth = notice(5, "2024-02-22")
    entry = "[[revisions.exceptions]]\nsession = 2024-02-26\n"
    text = ledger_text(
        SECOND + entry + 'close = true\nreason = "Stock"\n',
        THIRD + entry + 'open = true\nmove_to = 2024-02-27\nreason = "Renfort"\n',
        fourth + entry + 'delivery = [2024-03-11, 2024-03-12]\nreason = "Transport"\n',
        fifth + entry + 'move_to = 2024-02-28\nreason = "Grève"\n',
    )
    (reopened,) = [s for s in _sessions(text) if s.nominal == D(2024, 2, 26)]
    assert reopened.exception is not None
    assert (reopened.is_open, reopened.days.first) == (True, D(2024, 2, 28))
    assert reopened.exception.reason == "Renfort ; Transport ; Grève"


def test_a_one_day_session_before_its_opening_says_both_in_one_alarm() -> None:
    # « ouvre aujourd'hui à 8h00 » had lost « dernier jour ».
    text = ledger_text(
        SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\n"
        'days = [2024-02-12, 2024-02-12]\nreason = "Court"\n',
        calendar=CALENDAR
        + "\n[reminders]\nalarms = [{ day = 0, time = 07:00:00 }, { day = 1, time = 07:00:00 }]\n",
        first=FIRST.replace(
            'days = ["monday", "tuesday"]\n',
            'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n',
        ),
    )
    calendar = calendar_of(loads(text, "x.toml"))
    (event,) = [e for e in calendar.events if e.uid == "essai-rappel-20240212@vaxical"]
    assert [alarm.description for alarm in event.alarms] == [
        "Le portail de commande ouvre aujourd'hui à 8h00, dernier jour – vaccins"
    ]


def test_an_extra_session_restated_takes_the_new_reason() -> None:
    # `extra = true` said again: the reason read « Renfort ; Renfort confirmé ».
    entry = "[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\n"
    text = ledger_text(
        SECOND + entry + 'reason = "Renfort"\n', THIRD + entry + 'reason = "Renfort confirmé"\n'
    )
    (extra,) = [s for s in _sessions(text) if s.nominal == D(2024, 2, 15)]
    assert extra.exception is not None
    assert extra.exception.reason == "Renfort confirmé"
    # `extra = false` restates nothing: the reason of the extra session stays beside.
    later = 'extra = false\ndelivery = [2024-02-27, 2024-02-28]\nreason = "Transport"\n'
    text = ledger_text(
        SECOND + entry + 'reason = "Renfort"\n', THIRD + entry.replace("extra = true\n", "") + later
    )
    (extra,) = [s for s in _sessions(text) if s.nominal == D(2024, 2, 15)]
    assert extra.exception is not None
    assert (extra.exception.extra, extra.exception.reason) == (True, "Renfort ; Transport")


def _source_line(description: str) -> str:
    (line,) = [line for line in description.split("\n") if line.startswith("Source : ")]
    return line


def test_a_holiday_policy_updates_the_holiday_sessions_alone() -> None:
    # From 19 February, sessions over a public holiday open the Friday before: of the
    # sessions it governs, only Easter Monday's (1 April 2024) changes. The others got
    # SEQUENCE 1 too, for their Source line alone: 20 needless updates in a real ledger.
    first = FIRST.replace("horizon = 2024-03-25", "horizon = 2024-04-08")
    policy = SECOND + 'from = 2024-02-19\n[revisions.holidays]\nsessions = "previous-friday"\n'
    calendar = calendar_of(loads(ledger_text(policy, first=first), "x.toml"))
    updated = {
        event.uid: (event.sequence, event.modified, _source_line(event.description))
        for event in calendar.events
        if event.sequence
    }
    cited = "Source : Avis N°2 du 1er février 2024 – https://example.org/avis/2"
    stamp = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    assert updated == {
        f"essai-{kind}-20240401@vaxical": (1, stamp, cited)
        for kind in ("session", "confirmation", "livraison", "rendez-vous")
    }
    (easter,) = [
        event for event in calendar.events if event.uid == "essai-session-20240401@vaxical"
    ]
    assert easter.start == D(2024, 3, 29)
    unchanged = [event for event in calendar.events if event.session >= D(2024, 2, 19)]
    assert len(unchanged) == 32
    assert all(
        "Source : Avis N°1 du 2 janvier 2024" in event.description
        for event in unchanged
        if event.session != D(2024, 4, 1)
    )


@pytest.mark.parametrize(
    ("days", "word"),
    [
        ("[2024-02-16, 2024-02-21]", "allongée"),  # Friday 16 to Wednesday 21
        ("[2024-02-19, 2024-02-19]", "raccourcie"),  # Monday 19 alone
    ],
)
def test_a_session_of_another_length_keeps_its_monday_as_j_and_says_so(
    days: str, word: str
) -> None:
    """The Monday 19 - Tuesday 20 February session made longer or shorter: J stays
    Monday 19 (it was taken as the day a regular session ending on its last day starts:
    Tuesday 20, delivery Friday 1 - Saturday 2 March; or Sunday 18, a day early), and the
    event says how it changed against the planned 19-20 February (it said "déplacée",
    planned for 19-24 February)."""
    text = ledger_text(
        SECOND
        + f"[[revisions.exceptions]]\nsession = 2024-02-19\ndays = {days}\n"
        + 'reason = "Vacances"\n'
    )
    session = {s.nominal: s for s in _sessions(text)}[D(2024, 2, 19)]
    assert session.order is not None
    assert (session.order.delivery.first, session.order.delivery.last) == (
        D(2024, 2, 29),
        D(2024, 3, 1),
    )
    assert session.order.confirmation == dt.datetime(2024, 2, 21, 18, 0)  # J+2, Wednesday
    assert rows((session,), "Europe/Paris")[0].note == f"Session {word} : Vacances"
    document = json.loads(render_all([loads(text, "x.toml")])["essai.json"])
    (event,) = [e for e in document["events"] if e["uid"] == "essai-session-20240219@vaxical"]
    assert event["description"].splitlines()[1:3] == [
        f"Session {word} (prévue initialement lundi 19 et mardi 20 février 2024).",
        "Motif : Vacances",
    ]


def test_the_portal_closes_until_further_notice_and_reopens() -> None:
    """The sessions the first block had announced after the closure (up to its horizon,
    25 March) stay, closed until further notice: they vanished from subscribers'
    calendars without a word (found by trying a publisher's year). The reopening opens
    them again in place."""
    suspended = loads(ledger_text(SUSPEND), "x.toml")
    assert suspended.current.suspended_from == D(2024, 2, 12)
    sessions = expand(suspended.current)
    assert [(s.nominal, s.is_open, s.suspended) for s in sessions][-9:] == [
        (D(2024, 1, 29), True, False),
        (D(2024, 2, 5), True, False),
        (D(2024, 2, 12), False, True),
        (D(2024, 2, 19), False, True),
        (D(2024, 2, 26), False, True),
        (D(2024, 3, 4), False, True),
        (D(2024, 3, 11), False, True),
        (D(2024, 3, 18), False, True),
        (D(2024, 3, 25), False, True),
    ]
    document = json.loads(render_all([suspended])["essai.json"])
    (closure,) = [e for e in document["events"] if e["uid"] == "essai-session-20240212@vaxical"]
    assert closure["summary"] == "Portail de commande fermé – vaccins"
    assert "Motif : portail fermé jusqu'à nouvel ordre." in closure["description"]
    announced = next(e for e in document["events"] if e["uid"] == "essai-session-20240304@vaxical")
    assert announced["summary"] == "Portail de commande fermé – vaccins"
    assert "Motif : portail fermé jusqu'à nouvel ordre." in announced["description"]
    assert not [
        e
        for e in document["events"]
        if e["session"] > "2024-02-05" and e["kind"] != "session_closed"
    ]
    reopened_ledger = loads(ledger_text(SUSPEND, REOPEN), "x.toml")
    reopened = reopened_ledger.current
    assert reopened.suspended_from is None
    assert [(s.nominal, s.is_open, s.suspended) for s in expand(reopened)][-8:] == [
        (D(2024, 2, 5), True, False),
        (D(2024, 2, 12), False, True),
        (D(2024, 2, 19), False, True),
        (D(2024, 2, 26), False, True),
        (D(2024, 3, 4), True, False),
        (D(2024, 3, 11), True, False),
        (D(2024, 3, 18), True, False),
        (D(2024, 3, 25), True, False),
    ]
    history = json.loads(render_all([reopened_ledger])["essai.json"])["history"]
    assert history[1]["changes"][:2] == [
        "La session du 12-13 février est fermée. Motif : portail fermé jusqu'à nouvel ordre",
        "La session du 19-20 février est fermée. Motif : portail fermé jusqu'à nouvel ordre",
    ]
    assert history[0]["changes"][0] == "La session du 4-5 mars est ouverte."


def test_blocks_are_in_order_by_their_instants() -> None:
    """00:30 in Paris on 2 February is 22:30 UTC on the 1st, before 23:00 UTC: in order,
    though the day written is later (the review found it refused)."""
    second = SECOND.replace("date = 2024-02-01", "date = 2024-02-02T00:30:00+02:00")
    third = SECOND.replace("Avis N°2", "Avis N°3").replace(
        "date = 2024-02-01", "date = 2024-02-01T23:00:00Z"
    )
    ledger = loads(ledger_text(second, third), "x.toml")
    assert [r.date.isoformat() for r in ledger.revisions[1:]] == [
        "2024-02-01T22:30:00+00:00",
        "2024-02-01T23:00:00+00:00",
    ]


def test_a_horizon_brought_back_to_the_last_session_held_is_accepted() -> None:
    """A notice of 1 February that ends the calendar with the session of 29-30 January,
    already held: nothing held is taken back (the review found it refused)."""
    ledger = loads(ledger_text(SECOND + "horizon = 2024-01-29\n"), "x.toml")
    assert [s.nominal for s in expand(ledger.current)][-2:] == [D(2024, 1, 22), D(2024, 1, 29)]


def test_a_notice_after_the_last_session_leaves_the_feeds_their_last_year() -> None:
    """The feeds keep 53 weeks before the latest notice, or before the horizon when the
    calendar ended first: a notice ten months after the last session (25 March 2024)
    keeps every session in the feeds, where counting from the notice (20 January 2025)
    kept only those from 15 January 2024 on."""
    late = SECOND.replace("2024-02-01", "2025-01-20")
    ledger = loads(ledger_text(late), "x.toml")
    assert ledger.current.feeds_from == D(2023, 3, 20)  # 53 weeks before 25 March 2024
    feeds = render_all([ledger])
    # 12 sessions (8 January to 25 March 2024), 4 events each; from the notice, 44.
    assert feeds["essai.ics"].count(b"BEGIN:VEVENT") == 12 * 4
    # A notice within the calendar: from the notice, as before.
    assert loads(ledger_text(SECOND), "x.toml").current.feeds_from == D(2023, 1, 26)


def test_a_notice_dated_after_midnight_is_of_its_own_day() -> None:
    """1 February 2024 at 0:30 in Paris is 31 January at 23:30 UTC: the notice was cited
    « du 31 janvier 2024 » and dated so in the JSON."""
    late = SECOND.replace("date = 2024-02-01", "date = 2024-02-01T00:30:00+01:00") + (
        "from = 2024-02-05\n[revisions.delivery]\nfirst_day = 7\nlast_day = 8\n"
    )
    files = render_all([loads(ledger_text(late), "x.toml")])
    document = json.loads(files["essai.json"])
    assert [n["date"] for n in document["calendar"]["notices"]] == ["2024-02-01", "2024-01-02"]
    event = next(e for e in document["events"] if e["uid"] == "essai-session-20240205@vaxical")
    assert event["description"].endswith(
        "\nSource : Avis N°2 du 1er février 2024 – https://example.org/avis/2"
    )


def test_a_correction_dated_after_midnight_is_of_its_own_day() -> None:
    """As a notice: 1 February 2024 at 0:30 in Paris, where UTC is still on 31 January;
    the feeds' window counts from that day too."""
    late = '[[revisions]]\ncorrection = "Erreur de date"\ndate = 2024-02-01T00:30:00+01:00\n'
    ledger = loads(ledger_text(late), "x.toml")
    assert [n.date for n in ledger.current.notices] == [D(2024, 2, 1), D(2024, 1, 2)]
    assert ledger.current.feeds_from == D(2023, 1, 26)  # 53 weeks before 1 February 2024
    assert ledger.revisions[-1].key == "correction-20240131"  # its key as published before


def test_the_reopening_session_may_open_from_the_friday_before() -> None:
    """Its days start before the reopening, on a day no closed session holds: allowed (the
    review found it refused as falling in the closure)."""
    early = (
        '[[revisions]]\nreference = "Avis N°4"\ndate = 2024-02-25\ntitle = "Réouverture"\n'
        'url = "https://example.org/avis/4"\nsummary = "Dès le vendredi 1er mars."\n\n'
        "[[revisions.exceptions]]\nsession = 2024-03-04\ndays = [2024-03-01, 2024-03-05]\n"
        'reason = "Réouverture anticipée"\n'
    )
    ledger = loads(ledger_text(SUSPEND, REOPEN, early), "x.toml")
    found = [(s.nominal, s.days.first, s.is_open) for s in expand(ledger.current)]
    assert found[-6:-3] == [
        (D(2024, 2, 19), D(2024, 2, 19), False),
        (D(2024, 2, 26), D(2024, 2, 26), False),
        (D(2024, 3, 4), D(2024, 3, 1), True),
    ]


def test_a_horizon_brought_back_withdraws_the_extra_sessions_past_it() -> None:
    """As the cadence's: the extra session of 21 March stayed open past a horizon of 18
    March (found by the third review)."""
    extra = SECOND + (
        '\n[[revisions.exceptions]]\nsession = 2024-03-21\nextra = true\nreason = "Renfort"\n'
    )
    back = SECOND.replace("Avis N°2", "Avis N°3").replace("2024-02-01", "2024-02-05")
    ledger = loads(ledger_text(extra, back + "horizon = 2024-03-18\n"), "x.toml")
    assert [s.nominal for s in expand(ledger.current)][-2:] == [D(2024, 3, 11), D(2024, 3, 18)]
    assert D(2024, 3, 21) in [s.nominal for s in expand(ledger.states[1])]


def test_a_horizon_brought_back_in_a_closure_withdraws_its_closed_sessions_for_good() -> None:
    """The closure kept 18, 21 and 25 March closed; a horizon of 15 March withdraws them,
    and a later horizon does not bring them back (it did, closed: found by the fourth
    review)."""
    extra = SECOND + (
        '\n[[revisions.exceptions]]\nsession = 2024-03-21\nextra = true\nreason = "Renfort"\n'
    )
    closure = SUSPEND.replace("Avis N°2", "Avis N°3").replace("2024-02-01", "2024-02-20")
    closure = closure.replace("2024-02-12", "2024-03-04").replace("12 février", "4 mars")
    back = SECOND.replace("Avis N°2", "Avis N°4").replace("2024-02-01", "2024-03-01")
    on = SECOND.replace("Avis N°2", "Avis N°5").replace("2024-02-01", "2024-03-02")
    text = ledger_text(
        extra, closure, back + "horizon = 2024-03-15\n", on + "horizon = 2024-04-15\n"
    )
    ledger = loads(text, "x.toml")
    after = [(s.nominal, s.is_open) for s in expand(ledger.current)]
    assert after[-3:] == [(D(2024, 2, 26), True), (D(2024, 3, 4), False), (D(2024, 3, 11), False)]


def test_an_extra_session_announced_before_a_closure_stays_closed() -> None:
    """An extra session (a Thursday the cadence does not have) is announced like the
    others: the review found it taken out of the feeds by the closure."""
    extra = '[[revisions.exceptions]]\nsession = 2024-02-22\nextra = true\nreason = "Renfort"\n'
    ledger = loads(ledger_text(SUSPEND, first=FIRST + extra), "x.toml")
    closed = [(s.nominal, s.days.last, s.is_open, s.suspended) for s in expand(ledger.current)]
    assert closed[-8:-4] == [
        (D(2024, 2, 12), D(2024, 2, 13), False, True),
        (D(2024, 2, 19), D(2024, 2, 20), False, True),
        (D(2024, 2, 22), D(2024, 2, 23), False, True),
        (D(2024, 2, 26), D(2024, 2, 27), False, True),
    ]
    uids = {e["uid"] for e in json.loads(render_all([ledger])["essai.json"])["events"]}
    assert "essai-session-20240222@vaxical" in uids
    assert "essai-livraison-20240222@vaxical" not in uids


def test_diff_of_two_builds_says_why_the_closure_closed_a_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Between two published builds, as between two versions of the ledger: the reason
    comes from the JSON's reasons, where the build's sessions have no exception."""
    folders = []
    for name, text in (("before", ledger_text()), ("after", ledger_text(SUSPEND))):
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        assert main(["build", str(path), "--out", str(tmp_path / name)]) == 0
        folders.append(str(tmp_path / name))
    capsys.readouterr()
    assert main(["diff", *folders]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        "La session du 12-13 février 2024 est fermée. Motif : portail fermé jusqu'à nouvel ordre",
        "La session du 19-20 février 2024 est fermée. Motif : portail fermé jusqu'à nouvel ordre",
    ]


MONTHLY = FIRST.replace("every_weeks = 1\n", 'rrule = "FREQ=MONTHLY;BYDAY=1MO"\n')


def test_an_rrule_publishes_its_closed_weeks_only_when_asked() -> None:
    assert [(s.nominal, s.is_open) for s in _sessions(ledger_text(first=MONTHLY))] == [
        (D(2024, 2, 5), True),
        (D(2024, 3, 4), True),
    ]
    asked = MONTHLY.replace('1MO"\n', '1MO"\nclosed_weeks = true\n')
    found = [(s.nominal, s.is_open) for s in _sessions(ledger_text(first=asked))]
    assert found[:5] == [
        (D(2024, 1, 8), False),
        (D(2024, 1, 15), False),
        (D(2024, 1, 22), False),
        (D(2024, 1, 29), False),
        (D(2024, 2, 5), True),
    ]


def test_the_page_states_a_delivery_counted_from_the_session_end() -> None:
    first = FIRST.replace(
        "first_day = 10\nlast_day = 11\n",
        'first_day = 2\nlast_day = 3\ncounted_from = "last-day"\n',
    )
    sentences = rules_in_words(loads(ledger_text(first=first), "x.toml").current)
    # Monday-Tuesday sessions, delivered 2 and 3 days after the Tuesday.
    assert sentences[3] == (
        "Livraison entre le jeudi et le vendredi de la même semaine "
        "(2 jours après la session), sauf exception."
    )


def test_the_page_gives_each_period_the_session_length_of_its_own_rules() -> None:
    text = ledger_text(
        SECOND
        + "from = 2024-02-05\n"
        + '[revisions.sessions]\ndays = ["monday", "tuesday", "wednesday"]\n'
        + "[[revisions.periods]]\nstart = 2024-02-05\nevery_weeks = 2\n"
    )
    sentences = rules_in_words(loads(text, "x.toml").current)
    assert sentences[:3] == (
        "Les sessions de commande ont lieu le lundi, le mardi et le mercredi.",
        # Two-day sessions up to 29-30 January, three-day ones from 5-7 February.
        "De la session des 8-9 janvier à celle des 29-30 janvier 2024 : ouverture chaque semaine.",
        "À partir de la session des 5-7 février 2024 : ouverture une semaine sur deux.",
    )


def test_a_period_that_places_no_session_is_left_out_of_the_rules() -> None:
    """A helper's hostile inputs: `build` ended in « internal error (IndexError) » where
    `check` said OK, for a period with no session up to the horizon: one announced past
    a horizon a later block brought back, or a monthly rule whose day (the last Monday
    of January, the 29th) falls after the next period's start (the 15th)."""
    later = FIRST.replace(
        "every_weeks = 1\n",
        "every_weeks = 1\n\n[[revisions.periods]]\nstart = 2024-03-04\nevery_weeks = 2\n",
    )
    text = ledger_text(SECOND + "horizon = 2024-02-26\n", first=later)
    sentences = rules_in_words(loads(text, "x.toml").current)
    assert sentences[1:3] == (
        "De la session des 8-9 janvier à celle des 26-27 février 2024 : ouverture chaque semaine.",
        "Les semaines sans ouverture sont indiquées comme sessions fermées. Calendrier "
        "établi jusqu'à la session commençant au plus tard le 26 février 2024.",
    )
    monthly = FIRST.replace(
        "every_weeks = 1\n",
        'rrule = "FREQ=MONTHLY;BYDAY=-1MO"\n\n[[revisions.periods]]\nstart = 2024-01-15\n'
        "every_weeks = 1\n",
    )
    ledger = loads(ledger_text(first=monthly), "x.toml")
    assert rules_in_words(ledger.current)[1] == (
        "À partir de la session des 15-16 janvier 2024 : ouverture chaque semaine."
    )
    assert "essai.html" in render_all([ledger])


def test_the_page_states_hours_in_the_zone_the_notice_gives_them() -> None:
    """Martinique, with the national portal's hours and confirmation in Paris time: the
    rules said 18h00 where the table beside them says 13h00 (found by a publisher's
    trial); they now say whose 18h00 it is."""
    calendar = CALENDAR.replace('"Europe/Paris"', '"America/Martinique"')
    first = FIRST.replace(
        'days = ["monday", "tuesday"]\n',
        'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
        'timezone = "Europe/Paris"\n',
    ).replace("minutes = 30\n", 'minutes = 30\ntimezone = "Europe/Paris"\n')
    sentences = rules_in_words(loads(ledger_text(calendar=calendar, first=first), "x.toml").current)
    assert sentences[0] == (
        "Les sessions de commande ont lieu le lundi et le mardi, du lundi 8h00 au mardi "
        "23h00, heure de Paris."
    )
    assert [s for s in sentences if s.startswith("Confirmation")] == [
        "Confirmation de commande consultable à partir du mercredi de la même semaine, à "
        "18h00, heure de Paris."
    ]
    # In Paris, the same rules need no zone.
    sentences = rules_in_words(loads(ledger_text(first=first), "x.toml").current)
    assert sentences[0] == (
        "Les sessions de commande ont lieu le lundi et le mardi, du lundi 8h00 au mardi 23h00."
    )


def test_the_page_states_a_closure_until_further_notice_as_such() -> None:
    sentences = rules_in_words(loads(ledger_text(SUSPEND), "x.toml").current)
    assert sentences[1:4] == (
        "De la session des 8-9 janvier à celle des 5-6 février 2024 : ouverture chaque semaine.",
        "À partir de la session des 12-13 février 2024 : portail fermé jusqu'à nouvel ordre.",
        "Les semaines sans ouverture sont indiquées comme sessions fermées. "
        "Les sessions annoncées avant la fermeture du portail restent indiquées, fermées ; "
        "aucune autre n'est publiée.",
    )
    # A closure that follows no announced session (its horizon reached): none is kept.
    last = SUSPEND.replace("2024-02-12", "2024-03-25").replace("12 février", "25 mars")
    sentences = rules_in_words(loads(ledger_text(last), "x.toml").current)
    assert sentences[3] == (
        "Les semaines sans ouverture sont indiquées comme sessions fermées. "
        "Aucune session n'est publiée après la fermeture du portail."
    )


def test_the_page_states_a_closure_a_later_notice_ended() -> None:
    reopen = (
        '[[revisions]]\nreference = "Avis N°3"\ndate = 2024-03-01\ntitle = "Réouverture"\n'
        'url = "https://example.org/avis/3"\nsummary = "Réouverture le 18 mars."\n\n'
        "[[revisions.periods]]\nstart = 2024-03-18\nevery_weeks = 1\n"
    )
    sentences = rules_in_words(loads(ledger_text(SUSPEND, reopen), "x.toml").current)
    assert sentences[2:5] == (
        "De la session des 12-13 février 2024 à la réouverture : portail fermé.",
        "À partir de la session des 18-19 mars 2024 : ouverture chaque semaine.",
        "Les semaines sans ouverture sont indiquées comme sessions fermées. Calendrier établi "
        "jusqu'à la session commençant au plus tard le 25 mars 2024.",
    )


def test_the_page_states_the_holiday_rules_and_since_when() -> None:
    text = ledger_text(
        SECOND
        + "from = 2024-02-05\n[revisions.holidays]\n"
        + 'regions = ["metropole", "guadeloupe"]\nsessions = "close"\n'
        + 'deliveries = "next-working-day"\n'
    )
    sentences = rules_in_words(loads(text, "x.toml").current)
    assert sentences[3:] == (
        # The delivery rule never changed: no "since".
        "Livraison entre le jeudi et le vendredi de la semaine suivante (J+10, J étant le "
        "lundi de la session), sauf exception.",
        "Confirmation de commande consultable à partir du mercredi de la même semaine, à 18h00.",
        "Rendez-vous de vaccination à planifier à partir du lendemain de la livraison "
        "prévisionnelle.",
        "Une session qui comprend un jour férié (jours fériés : métropole et Guadeloupe) est "
        "fermée, à compter de la session des 5-6 février 2024.",
        "Une livraison prévue un jour férié (jours fériés : métropole et Guadeloupe) est "
        "reportée au jour ouvré suivant, à compter de la session des 5-6 février 2024.",
    )


def test_the_words_for_a_sessions_new_days_are_the_same_everywhere() -> None:
    def span(first: int, last: int) -> DateSpan:
        return DateSpan(D(2023, 9, first), D(2023, 9, last))

    assert span_change(span(25, 26), span(22, 25)) == "allongée"  # from the Friday before
    assert span_change(span(25, 26), span(25, 25)) == "raccourcie"
    assert span_change(span(25, 26), span(24, 24)) == "déplacée"  # no day in common
    assert span_change(span(25, 26), span(26, 27)) == "déplacée"  # as many days
    assert span_change(span(25, 26), span(25, 26)) == ""
    # The change log says it in the same word.
    planned, cut = (
        DateSpan(D(2023, 10, 2), D(2023, 10, 3)),
        DateSpan(D(2023, 10, 2), D(2023, 10, 2)),
    )
    change = Change("x", D(2023, 10, 2), "shortened", planned, planned, cut)
    assert change.text(2023) == "La session du 2-3 octobre est raccourcie : 2 octobre."


def test_a_holiday_rule_is_dated_from_the_block_that_changed_its_regions() -> None:
    """Friday openings from the start, then La Réunion's holidays too from 5 February:
    the sentence dates from 5 February (it gave the first block's date)."""
    first = FIRST + '[revisions.holidays]\nsessions = "previous-friday"\n'
    text = ledger_text(
        SECOND
        + "from = 2024-02-05\n[revisions.holidays]\n"
        + 'regions = ["metropole", "reunion"]\nsessions = "previous-friday"\n',
        first=first,
    )
    assert rules_in_words(loads(text, "x.toml").current)[-1] == (
        "Une session qui comprend un jour férié (jours fériés : métropole et La Réunion) ouvre "
        "dès le vendredi précédent, à compter de la session des 5-6 février 2024."
    )


def test_session_hours_stated_in_paris_time_for_an_overseas_calendar() -> None:
    """The national portal opens at 8h00 and closes at 23h00, Paris time: in La Réunion
    (UTC+4, Paris UTC+1 in January) from 11h00 on Monday 8 to 2h00 on Wednesday 10. The
    hours could be given in the calendar's zone only, where no fixed time says it."""
    first = FIRST.replace(
        'days = ["monday", "tuesday"]\n',
        'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
        'timezone = "Europe/Paris"\n',
    )
    text = ledger_text(calendar=CALENDAR.replace("Europe/Paris", "Indian/Reunion"), first=first)
    document = json.loads(render_all([loads(text, "x.toml")])["essai.json"])
    (session,) = [s for s in document["sessions"] if s["session"] == "2024-01-08"]
    assert (session["opens"], session["closes"]) == (
        "2024-01-08T11:00:00+04:00",
        "2024-01-10T02:00:00+04:00",
    )
    (event,) = [e for e in document["events"] if e["uid"] == "essai-session-20240108@vaxical"]
    assert event["description"].splitlines()[0] == (
        "Session de commande (vaccins) : du lundi 8 janvier à 11h00 au mercredi 10 janvier à "
        "2h00 (lundi 8h00 – mardi 23h00, heure de Paris)."
    )


def test_hours_west_of_paris_and_across_a_change_of_time() -> None:
    """Martinique (UTC-4, no daylight saving) with Paris hours: 8h00 Paris is 3h00 in
    winter (Paris UTC+1) and 2h00 from 31 March (Paris UTC+2); the stated days stay the
    notice's, the local ones follow."""
    first = FIRST.replace(
        'days = ["monday", "tuesday"]\n',
        'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
        'timezone = "Europe/Paris"\n',
    ).replace("horizon = 2024-03-25", "horizon = 2024-04-01")
    text = ledger_text(calendar=CALENDAR.replace("Europe/Paris", "America/Martinique"), first=first)
    document = json.loads(render_all([loads(text, "x.toml")])["essai.json"])
    sessions = {s["session"]: s for s in document["sessions"]}
    assert (sessions["2024-03-25"]["opens"], sessions["2024-03-25"]["closes"]) == (
        "2024-03-25T03:00:00-04:00",
        "2024-03-26T18:00:00-04:00",
    )
    assert (sessions["2024-04-01"]["opens"], sessions["2024-04-01"]["closes"]) == (
        "2024-04-01T02:00:00-04:00",
        "2024-04-02T17:00:00-04:00",
    )
