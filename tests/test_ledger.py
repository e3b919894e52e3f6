"""The shipped calendar as the ledger of its real notices (issue 10).

The expected answers are written out by hand from the notices (../shared/data/notices.md
and the seed DGS-Urgent N°2023-11): rows, deliveries, confirmations as UTC instants
(18:00 in Paris is 16:00Z in summer) and appointments.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import icalendar
import pytest

from vaxical.cli import main
from vaxical.definition import load, loads
from vaxical.model import Ledger
from vaxical.pipeline import calendar_of
from vaxical.render.files import render_calendar, render_feeds
from vaxical.render.jsondoc import render_json
from vaxical.render.site import calendar_view, render_page
from vaxical.target import MARK

from .calendar_schema import problems
from .conftest import LEDGER_2023
from .ledger_text import CALENDAR, ledger_text, notice, weekly_ledger_head

D = dt.date
LEDGER = load(LEDGER_2023)


def _document(ledger: Ledger) -> dict[str, Any]:
    """The ledger's ``<id>.json``, rendered alone (the bytes a build publishes, without
    the page and feeds these tests do not read)."""
    c = calendar_of(ledger)
    document: dict[str, Any] = json.loads(
        render_json(c.definition, c.sessions, c.events, c.history, c.sources, ledger=c.digest)
    )
    return document


def _page(ledger: Ledger) -> str:
    """The ledger's page, rendered alone: what a build of it alone publishes as its
    index.html (render_own, listed=False), without the feeds, JSON and CSVs."""
    c = calendar_of(ledger)
    view = calendar_view(c.definition, c.sessions, c.events, c.history, c.printed)
    return render_page(view, listed=False)


# Built once per module for the tests that only read them (and dropped after).


@pytest.fixture(scope="module")
def shipped_files(published: Path) -> dict[str, bytes]:
    """The shipped ledger's build: the files `vaxical build` wrote (the published
    fixture), but the mark that says vaxical made the folder."""
    return {path.name: path.read_bytes() for path in published.iterdir() if path.name != MARK}


@pytest.fixture(scope="module")
def shipped_document(shipped_files: dict[str, bytes]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(shipped_files["vaccins-covid.json"])
    return document


def _as_of(day: str) -> dict[str, Any]:
    ledger = LEDGER.as_of(D.fromisoformat(day))
    assert ledger is not None
    return _document(ledger)


AsOf = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="module")
def as_of() -> AsOf:
    """The JSON as of a day (ISO 8601), made once per day."""
    return functools.cache(_as_of)


def _rows(document: dict[str, Any], since: str) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]]
    """Each session from ``since`` on: days, state, delivery, confirmation (UTC) and
    appointments day, as flat text."""
    confirmations = {
        e["session"]: e["start_utc"] for e in document["events"] if e["kind"] == "confirmation"
    }
    rows = []
    for session in document["sessions"]:
        if session["days"]["first_day"] < since:
            continue
        delivery = session["delivery"] or {"first_day": "", "last_day": ""}
        rows.append(
            (
                session["days"]["first_day"],
                session["days"]["last_day"],
                "open" if session["open"] else "closed",
                delivery["first_day"],
                delivery["last_day"],
                confirmations.get(session["session"], ""),
                session["appointments"] or "",
            )
        )
    return rows


# The seed's table, as DGS-Urgent N°2023-11 prints it (18/07/2023).
SEED_ROWS = [
    (
        "2023-07-17",
        "2023-07-18",
        "open",
        "2023-07-27",
        "2023-07-28",
        "2023-07-19T16:00:00Z",
        "2023-07-29",
    ),
    (
        "2023-07-24",
        "2023-07-25",
        "open",
        "2023-08-03",
        "2023-08-04",
        "2023-07-26T16:00:00Z",
        "2023-08-05",
    ),
    ("2023-07-31", "2023-08-01", "closed", "", "", "", ""),
    (
        "2023-08-07",
        "2023-08-08",
        "open",
        "2023-08-17",
        "2023-08-18",
        "2023-08-09T16:00:00Z",
        "2023-08-19",
    ),
    ("2023-08-14", "2023-08-15", "closed", "", "", "", ""),
    (
        "2023-08-21",
        "2023-08-22",
        "open",
        "2023-08-31",
        "2023-09-01",
        "2023-08-23T16:00:00Z",
        "2023-09-02",
    ),
    ("2023-08-28", "2023-08-29", "closed", "", "", "", ""),
    (
        "2023-09-04",
        "2023-09-05",
        "open",
        "2023-09-14",
        "2023-09-15",
        "2023-09-06T16:00:00Z",
        "2023-09-16",
    ),
    ("2023-09-11", "2023-09-12", "closed", "", "", "", ""),
    (
        "2023-09-18",
        "2023-09-19",
        "open",
        "2023-09-28",
        "2023-09-29",
        "2023-09-20T16:00:00Z",
        "2023-09-30",
    ),
    ("2023-09-25", "2023-09-26", "closed", "", "", "", ""),
    (
        "2023-10-02",
        "2023-10-03",
        "open",
        "2023-10-12",
        "2023-10-13",
        "2023-10-04T16:00:00Z",
        "2023-10-14",
    ),
    (
        "2023-10-09",
        "2023-10-10",
        "open",
        "2023-10-19",
        "2023-10-20",
        "2023-10-11T16:00:00Z",
        "2023-10-21",
    ),
]


def test_the_ledger_holds_the_four_notices_in_order() -> None:
    assert [(r.number, r.notice.reference, r.date.date()) for r in LEDGER.revisions] == [
        (1, "DGS-Urgent N°2023-04", D(2023, 1, 30)),
        (2, "DGS-Urgent N°2023-08", D(2023, 4, 26)),
        (3, "DGS-Urgent N°2023-11", D(2023, 7, 18)),
        (4, "DGS-Urgent du 15 septembre 2023", D(2023, 9, 15)),
    ]


def test_as_of_the_seed_the_thirteen_rows_are_the_notices(as_of: AsOf) -> None:
    assert _rows(as_of("2023-07-18"), "2023-07-17") == SEED_ROWS


def test_as_of_the_seed_the_uids_are_those_of_the_seed_build(as_of: AsOf) -> None:
    document = as_of("2023-07-18")
    uids = sorted(e["uid"] for e in document["events"] if e["session"] == "2023-07-17")
    assert uids == [
        "vaccins-covid-confirmation-20230717@vaxical",
        "vaccins-covid-livraison-20230717@vaxical",
        "vaccins-covid-rappel-20230717@vaxical",
        "vaccins-covid-rendez-vous-20230717@vaxical",
        "vaccins-covid-session-20230717@vaxical",
    ]


def test_as_of_15_september_the_25_september_session_is_open(as_of: AsOf) -> None:
    rows = _rows(as_of("2023-09-15"), "2023-07-17")
    expected = list(SEED_ROWS)
    expected[10] = (
        "2023-09-25",
        "2023-09-26",
        "open",
        "2023-10-05",
        "2023-10-06",
        "2023-09-27T16:00:00Z",
        "2023-10-07",
    )
    assert rows == expected


def test_the_reopened_session_is_updated_in_place_and_its_order_events_are_new(
    shipped_files: dict[str, bytes],
) -> None:
    calendar = icalendar.Calendar.from_ical(shipped_files["vaccins-covid.ics"])
    found = {
        event.uid: (event.sequence, event.last_modified)
        for event in calendar.events
        if "20230925" in event.uid
    }
    reopened = dt.datetime(2023, 9, 15, tzinfo=dt.UTC)
    assert found == {
        "vaccins-covid-session-20230925@vaxical": (1, reopened),
        "vaccins-covid-livraison-20230925@vaxical": (0, reopened),
        "vaccins-covid-confirmation-20230925@vaxical": (0, reopened),
        "vaccins-covid-rendez-vous-20230925@vaxical": (0, reopened),
    }


# DGS-Urgent N°2023-08 (26/04/2023), notices.md F4: sessions over the 1, 8 and 29 May
# holidays open from the Friday before; J+10 from the session of 15-16 May; the earlier
# sessions are delivered Thursday-Friday of the same week.
F4_ROWS = [
    ("2023-04-17", "2023-04-18", "open", "2023-04-20", "2023-04-21", "", ""),
    ("2023-04-24", "2023-04-25", "open", "2023-04-27", "2023-04-28", "", ""),
    ("2023-04-28", "2023-05-02", "open", "2023-05-04", "2023-05-05", "2023-05-03T16:00:00Z", ""),
    ("2023-05-05", "2023-05-09", "open", "2023-05-11", "2023-05-12", "2023-05-10T16:00:00Z", ""),
    ("2023-05-15", "2023-05-16", "open", "2023-05-25", "2023-05-26", "2023-05-17T16:00:00Z", ""),
    ("2023-05-22", "2023-05-23", "open", "2023-06-01", "2023-06-02", "2023-05-24T16:00:00Z", ""),
    ("2023-05-26", "2023-05-30", "open", "2023-06-08", "2023-06-09", "2023-05-31T16:00:00Z", ""),
]


def test_as_of_26_april_the_rows_of_dgs_urgent_2023_08(as_of: AsOf) -> None:
    assert _rows(as_of("2023-04-26"), "2023-04-17")[:7] == F4_ROWS


def test_a_session_opened_from_friday_says_so_with_its_hours(as_of: AsOf) -> None:
    document = as_of("2023-04-26")
    (event,) = [
        e for e in document["events"] if e["uid"] == "vaccins-covid-session-20230501@vaxical"
    ]
    assert event["start"] == "2023-04-28"
    assert event["end"] == "2023-05-03"
    assert event["description"].startswith(
        "Session de commande (vaccins Covid-19) : du vendredi 28 avril à 8h00 au mardi 2 mai "
        "à 23h00. Ouverte dès le vendredi précédent en raison du lundi 1er mai 2023, Fête du "
        "Travail (jour férié).\n"
        # J stays the Monday of a session opened from the Friday before.
        "Livraison : entre le jeudi 4 et le vendredi 5 mai 2023 (J+3, J étant le lundi 1er "
        "mai, date indicative, sauf exception).\n"
    )


def test_each_notice_is_cited_with_its_date_once(as_of: AsOf) -> None:
    events = {e["uid"]: e["description"] for e in as_of("2023-09-15")["events"]}
    september = events["vaccins-covid-session-20230925@vaxical"]
    assert september.endswith(
        "\nSource : DGS-Urgent du 15 septembre 2023 – https://lemoniteurdespharmacies.fr/?p=5902"
    )
    july = events["vaccins-covid-session-20230724@vaxical"]
    assert "\nSource : DGS-Urgent N°2023-11 du 18 juillet 2023 – https://" in july


def test_before_the_first_revision_there_is_no_calendar() -> None:
    assert LEDGER.as_of(D(2023, 1, 29)) is None
    assert main(["show", str(LEDGER_2023), "--as-of", "2023-01-29"]) == 2


def test_check_warns_about_the_dates_from_the_latest_revisions_day_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As the notice of 26 April 2023 left the calendar: the dates from 26 April on are
    warned about, the 27 April delivery of the 24-25 April session among them; the
    earlier ones (Easter Monday, 10 April) were checked with the notice before."""
    assert main(["check", str(LEDGER_2023), "--as-of", "2023-04-26"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[lines.index(next(line for line in lines if "à vérifier" in line)) :] == [
        "  7 dates à vérifier à partir du 26 avril 2023, jour de la dernière révision (jours "
        "fériés de toutes les régions, week-ends) :",
        "    jeudi 27 avril 2023 : Abolition de l'esclavage (Mayotte) — livraison de la session "
        "des 24-25 avril 2023 ; maintenue",
        "    lundi 1er mai 2023 : Fête du Travail (toute la France) — session des 28 avril – "
        "2 mai 2023 ; ouverte dès le vendredi précédent",
        "    lundi 8 mai 2023 : Victoire 1945 (toute la France) — session des 5-9 mai 2023 ; "
        "ouverte dès le vendredi précédent",
        "    lundi 22 mai 2023 : Abolition de l'esclavage (Martinique) — session des 22-23 mai "
        "2023 ; ouverte",
        "    samedi 27 mai 2023 : Abolition de l'esclavage (Guadeloupe) — session des 26-30 mai "
        "2023 ; ouverte",
        "    lundi 29 mai 2023 : Lundi de Pentecôte (toute la France) — session des 26-30 mai "
        "2023 ; ouverte dès le vendredi précédent",
        "    vendredi 14 juillet 2023 : Fête nationale (toute la France) — livraison de la "
        "session des 3-4 juillet 2023 ; maintenue",
    ]
    # The whole ledger: nothing to check from 15 September 2023 on.
    assert main(["check", str(LEDGER_2023)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "  aucune date à vérifier à partir du 15 septembre 2023, jour de la dernière révision "
        "(jours fériés de toutes les régions, week-ends)"
    )


def test_check_warns_about_a_past_session_the_latest_revision_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A correction of 1 October moves the delivery of the 18-19 September session to
    30 September - 1 October: the Sunday (from its day on) is warned about, and the
    session, over by then, is named as changed (a correction, or a typo)."""
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(
        LEDGER_2023.read_text(encoding="utf-8")
        + '\n[[revisions]]\ndate = 2023-10-01\ncorrection = "Livraison reportée."\n\n'
        + "[[revisions.exceptions]]\nsession = 2023-09-18\n"
        + 'delivery = [2023-09-30, 2023-10-01]\nreason = "Retard du transporteur"\n',
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-4:] == [
        "  1 date à vérifier à partir du 1er octobre 2023, jour de la dernière révision "
        "(jours fériés de toutes les régions, week-ends) :",
        "    dimanche 1er octobre 2023 : week-end — livraison de la session des 18-19 "
        "septembre 2023 ; publiée un week-end",
        "  sessions déjà passées le 1er octobre 2023 que la dernière révision change (une "
        "correction ? sinon, une date à revoir) :",
        "    session des 18-19 septembre 2023 (ouverte)",
    ]


def test_check_gives_the_latest_revisions_day_in_the_calendars_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 00:30 in Paris on 15 September is 22:30 UTC on the 14th: the day said is the 15th.
    path = _edited(tmp_path, "date = 2023-09-15\n", "date = 2023-09-15T00:30:00\n")
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "  4 révisions ; la dernière : DGS-Urgent du 15 septembre 2023 (2023-09-15)"
    assert lines[-1].startswith("  aucune date à vérifier à partir du 15 septembre 2023,")


def test_check_names_a_corrections_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A publisher's trial: `check` said « la dernière : Correction du calendrier », the
    reference every correction has; its reason says which."""
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  5 révisions ; la dernière : Correction du calendrier : Inventaire des stocks : "
        "pas de session les 2 et 3 octobre. (2023-09-20)"
    )


def test_check_cuts_a_long_correction_reason_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A review: a correction's first line may hold 2,000 characters; the summary line
    gives 80 of them."""
    reason = "Inventaire " + "x" * 200
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(
        LEDGER_2023.read_text(encoding="utf-8")
        + CORRECTION.replace("Inventaire des stocks : pas de session les 2 et 3 octobre.", reason),
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        f"  5 révisions ; la dernière : Correction du calendrier : {reason[:80]}… (2023-09-20)"
    )


def test_diff_between_two_dates_prints_the_reopening(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(LEDGER_2023), "--from", "2023-07-18", "--to", "2023-09-15"])
    assert code == 1
    assert capsys.readouterr().out == "La session du 25-26 septembre 2023 est ouverte.\n"


def test_diff_json_gives_a_reopened_session_its_delivery_and_every_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `opened` carried no data: a program learnt nothing of the reopened session (its
    # delivery window, hours, confirmation, appointments). The text stays one line.
    args = ["diff", str(LEDGER_2023), "--from", "2023-07-18", "--to", "2023-09-15", "--json"]
    assert main(args) == 1
    found = json.loads(capsys.readouterr().out)
    assert found[0] == {
        "calendar": "vaccins-covid",
        "session": "2023-09-25",
        "kind": "opened",
        "days": {"first_day": "2023-09-25", "last_day": "2023-09-26"},
        "before": None,
        "after": {"first_day": "2023-10-05", "last_day": "2023-10-06"},
        "reason": None,
        "text": "La session du 25-26 septembre 2023 est ouverte.",
    }
    assert [(c["kind"], c["before"], c["after"]) for c in found[1:]] == [
        ("opens", None, "2023-09-25T08:00:00+02:00"),
        ("closes", None, "2023-09-26T23:00:00+02:00"),
        ("delivery", None, {"first_day": "2023-10-05", "last_day": "2023-10-06"}),
        ("appointments", None, "2023-10-07"),
        ("confirmation", None, "2023-09-27T18:00:00+02:00"),
    ]


def test_diff_json_gives_every_field_of_an_added_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An added session gave its delivery alone, where a reopened one gave every field.
    from .ledger_text import SECOND, ledger_text

    path = tmp_path / "essai.toml"
    extra = (
        "[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\n"
        'delivery = [2024-02-22, 2024-02-23]\nreason = "Renfort"\n'
    )
    path.write_text(ledger_text(SECOND + extra), encoding="utf-8")
    args = ["diff", str(path), "--from", "2024-01-02", "--to", "2024-02-01", "--json"]
    assert main(args) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["before"], c["after"], c["reason"]) for c in found] == [
        ("added", None, {"first_day": "2024-02-22", "last_day": "2024-02-23"}, "Renfort"),
        ("delivery", None, {"first_day": "2024-02-22", "last_day": "2024-02-23"}, None),
        ("appointments", None, "2024-02-24", None),
        ("confirmation", None, "2024-02-17T18:00:00+01:00", None),
    ]


def test_as_of_reads_a_blocks_day_in_the_calendars_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A block dated 00:30 in Paris on 1 February (31 January, 23:30 UTC) was in force
    # --as-of 2024-01-31: compared by its UTC date, where its notice, check and the page
    # say 1 February.
    from .ledger_text import SECOND, ledger_text

    second = SECOND.replace("date = 2024-02-01", "date = 2024-02-01T00:30:00")
    extra = (
        "[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\n"
        'delivery = [2024-02-22, 2024-02-23]\nreason = "Renfort"\n'
    )
    text = ledger_text(second + extra)
    ledger = loads(text, "essai.toml")
    assert ledger.revisions[1].date == dt.datetime(2024, 1, 31, 23, 30, tzinfo=dt.UTC)
    before = ledger.as_of(D(2024, 1, 31))
    assert before is not None
    assert [revision.notice.reference for revision in before.revisions] == ["Avis N°1"]
    after = ledger.as_of(D(2024, 2, 1))
    assert after is not None
    assert [revision.notice.reference for revision in after.revisions] == [
        "Avis N°1",
        "Avis N°2",
    ]
    path = tmp_path / "essai.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["diff", str(path), "--from", "2024-01-02", "--to", "2024-01-31"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["diff", str(path), "--from", "2024-01-02", "--to", "2024-02-01"]) == 1
    assert capsys.readouterr().out == (
        "Nouvelle session : 15-16 février 2024 (ouverte). Motif : Renfort\n"
    )


def test_before_a_first_block_dated_after_midnight_its_own_day_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2 January 00:30 in Paris is 1 January, 23:30 UTC: --as-of 2024-01-01 gave the
    # calendar, and an earlier day was told to give 2024-01-01.
    from .ledger_text import ledger_text

    path = tmp_path / "essai.toml"
    path.write_text(
        ledger_text().replace("date = 2024-01-02", "date = 2024-01-02T00:30:00"), encoding="utf-8"
    )
    assert main(["check", str(path), "--as-of", "2024-01-01"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: {path}: no revision is dated on or before 2024-01-01 (the first is of "
        "2024-01-02). Fix: give --as-of 2024-01-02 or later.\n"
    )
    assert main(["check", str(path), "--as-of", "2024-01-02"]) == 0


def test_a_block_dated_with_a_time_after_2037_keeps_summer_time() -> None:
    # pytz's tables end in 2037: 12:00 in Paris on 1 July 2040 was read in winter time,
    # 11:00 UTC, one hour late in every LAST-MODIFIED and history date of the block.
    from .ledger_text import SECOND, ledger_text, notice

    text = ledger_text(
        SECOND.replace("date = 2024-02-01", "date = 2040-07-01T12:00:00"),
        notice(3, "2040-12-01T12:00:00"),
    )
    assert [revision.date for revision in loads(text, "essai.toml").revisions[1:]] == [
        dt.datetime(2040, 7, 1, 10, tzinfo=dt.UTC),
        dt.datetime(2040, 12, 1, 11, tzinfo=dt.UTC),
    ]


def test_a_block_dated_in_an_hour_the_clocks_skip_or_repeat_keeps_its_instant() -> None:
    # As pytz read them before 2037, since published dates must not move: a repeated
    # 02:30 in winter time, a skipped one with the offset before the change.
    from .ledger_text import SECOND, ledger_text, notice

    text = ledger_text(
        SECOND.replace("date = 2024-02-01", "date = 2024-03-31T02:30:00"),
        notice(3, "2024-10-27T02:30:00"),
        notice(4, "2041-03-31T02:30:00"),
        notice(5, "2041-10-27T02:30:00"),
    )
    assert [revision.date for revision in loads(text, "essai.toml").revisions[1:]] == [
        dt.datetime(2024, 3, 31, 1, 30, tzinfo=dt.UTC),
        dt.datetime(2024, 10, 27, 1, 30, tzinfo=dt.UTC),
        dt.datetime(2041, 3, 31, 1, 30, tzinfo=dt.UTC),
        dt.datetime(2041, 10, 27, 1, 30, tzinfo=dt.UTC),
    ]


def test_diff_between_dates_before_the_first_block_names_its_own_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # It said « Give --as-of 2023-01-30 or later », an option diff does not take.
    assert main(["diff", str(LEDGER_2023), "--from", "2022-01-01", "--to", "2023-09-15"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: {LEDGER_2023}: no revision is dated on or before 2022-01-01 (the first is "
        "of 2023-01-30). Fix: give --from 2023-01-30 or later.\n"
    )


def test_diff_misused_says_how_to_call_it(capsys: pytest.CaptureFixture[str]) -> None:
    # Each said what to give, without a fix to follow (« give both dates. »).
    ledger = str(LEDGER_2023)
    for args, message in (
        (
            ["--from", "2023-07-18"],
            "--from 2023-07-18: needs --to, the later date to compare the definition at. Fix: "
            f"add it, `vaxical diff {ledger} --from 2023-07-18 --to YYYY-MM-DD`.",
        ),
        (
            ["--to", "2023-09-15"],
            "--to 2023-09-15: needs --from, the earlier date to compare the definition at. "
            f"Fix: add it, `vaxical diff {ledger} --from YYYY-MM-DD --to 2023-09-15`.",
        ),
        (
            [ledger, "--from", "2023-07-18", "--to", "2023-09-15"],
            f"{ledger}: a second version, where --from and --to compare one definition at two "
            f"dates. Fix: compare the definition at the dates, `vaxical diff {ledger} --from "
            f"2023-07-18 --to 2023-09-15`, or the two versions, `vaxical diff {ledger} "
            f"{ledger}`.",
        ),
        (
            [],
            f"{ledger}: is one version, and nothing is given to compare it with. Fix: name the "
            f"other (a definition, a build folder or a <id>.json), `vaxical diff {ledger} NEW`, "
            f"or for a definition, two dates, `vaxical diff {ledger} --from YYYY-MM-DD --to "
            "YYYY-MM-DD`.",
        ),
    ):
        assert main(["diff", ledger, *args]) == 2
        assert capsys.readouterr() == ("", f"vaxical: {message}\n")
    # Followed, each fix runs.
    assert main(["diff", ledger, "--from", "2023-07-18", "--to", "2023-09-15"]) == 1
    assert main(["diff", ledger, ledger]) == 0


def test_diff_json_says_a_calendar_added_or_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It printed [] and exited 1: the data said nothing changed, the status that
    # something did.
    other = tmp_path / "autre.toml"
    other.write_text(
        LEDGER_2023.read_text(encoding="utf-8").replace('id = "vaccins-covid"', 'id = "autre"', 1),
        encoding="utf-8",
    )
    assert main(["diff", str(LEDGER_2023), str(other), "--json"]) == 1
    fields = {"session": None, "days": None, "before": None, "after": None, "reason": None}
    assert json.loads(capsys.readouterr().out) == [
        {
            "calendar": "autre",
            "kind": "calendar-added",
            **fields,
            "text": "Nouveau calendrier : autre.",
        },
        {
            "calendar": "vaccins-covid",
            "kind": "calendar-removed",
            **fields,
            "text": "Calendrier retiré : vaccins-covid.",
        },
    ]


def test_diff_with_a_folder_that_holds_no_calendar_says_so(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A publisher's trial: a wrong folder (or a fetch that failed) as OLD read as a real
    result, « Nouveau calendrier », with nothing to tell it from a first publication."""
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["diff", str(empty), str(LEDGER_2023)]) == 1
    out, err = capsys.readouterr()
    assert out == "Nouveau calendrier : vaccins-covid.\n"
    assert err == (
        f"vaxical: note: {empty} holds no calendar's record (<id>.json): every calendar "
        "reads as new. Is it the folder of a build?\n"
    )
    assert main(["diff", str(published), str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == "Calendrier retiré : vaccins-covid.\n"
    assert err.endswith("every calendar reads as removed. Is it the folder of a build?\n")
    # A build against itself: nothing to say.
    assert main(["diff", str(published), str(published)]) == 0
    assert capsys.readouterr() == ("", "")


def test_diff_says_when_the_portal_closes_earlier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """« jusqu'à 18 heures » instead of 23 heures, in the first block: each open session
    closes earlier. The diff said nothing before (it compared days, not hours)."""
    text = LEDGER_2023.read_text(encoding="utf-8")
    changed = tmp_path / "vaccins-covid.toml"
    changed.write_text(text.replace("closes = 23:00:00", "closes = 18:00:00", 1), "utf-8")
    assert main(["diff", str(LEDGER_2023), str(changed)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 33  # every open session of 2023 (closed weeks have no hours)
    assert lines[:1] + lines[13:15] == [
        "Clôture de la session du 30-31 janvier 2023 : mardi 31 janvier 2023, 23h00 → 18h00",
        "Clôture de la session du 28 avril – 2 mai 2023 : mardi 2 mai 2023, 23h00 → 18h00",
        "Clôture de la session du 5-9 mai 2023 : mardi 9 mai 2023, 23h00 → 18h00",
    ]


def test_a_block_that_closes_the_portal_earlier_says_so_in_the_change_log() -> None:
    text = LEDGER_2023.read_text(encoding="utf-8") + (
        "\n[[revisions]]\ndate = 2023-09-20\n"
        'correction = "Le portail ferme à 18 heures à compter de la session du 25 septembre."\n'
        "from = 2023-09-25\n\n[revisions.sessions]\n"
        'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 18:00:00\n'
    )
    document = _document(loads(text, "x.toml"))
    assert document["history"][0]["changes"] == [
        "Clôture de la session du 25-26 septembre : mardi 26 septembre, 23h00 → 18h00",
        "Clôture de la session du 2-3 octobre : mardi 3 octobre, 23h00 → 18h00",
        "Clôture de la session du 9-10 octobre : mardi 10 octobre, 23h00 → 18h00",
    ]


def test_the_json_says_which_events_the_feeds_hold() -> None:
    """`events` holds every event; the feeds, those of sessions from `feeds_from` on
    (`past_weeks` before the latest notice): a program matching the UIDs of a subscribed
    calendar could not tell them apart (found by a publisher's trial)."""
    text = LEDGER_2023.read_text(encoding="utf-8").replace("past_weeks = 53", "past_weeks = 10")
    files = render_calendar(calendar_of(loads(text, "x.toml")), listed=False)  # no page
    document = json.loads(files["vaccins-covid.json"])
    assert document["calendar"]["feeds_from"] == "2023-07-07"  # 10 weeks before 15 September
    feed = files["vaccins-covid.ics"].decode()
    held = set(re.findall(r"\r\nUID:(\S+)\r\n", feed.replace("\r\n ", "")))
    kept = {e["uid"] for e in document["events"] if e["session"] >= "2023-07-07"}
    assert held == kept - {e["uid"] for e in document["events"] if e["kind"] == "reminder"}
    assert len(kept) < len(document["events"])


def test_software_reads_when_the_portal_opens_and_closes(
    shipped_document: dict[str, Any],
) -> None:
    """« du lundi … à 8 heures au mardi … à 23 heures », for each open session, local time
    with its offset: a program no longer reads it out of French text."""
    sessions = {s["session"]: s for s in shipped_document["sessions"]}
    first = sessions["2023-01-30"]
    assert (first["opens"], first["closes"]) == (
        "2023-01-30T08:00:00+01:00",
        "2023-01-31T23:00:00+01:00",
    )
    early = sessions["2023-05-01"]  # opened from Friday 28 April (1 May, a holiday)
    assert (early["opens"], early["closes"]) == (
        "2023-04-28T08:00:00+02:00",
        "2023-05-02T23:00:00+02:00",
    )
    closed = sessions["2023-07-31"]  # every other week: closed
    assert (closed["open"], closed["opens"], closed["closes"]) == (False, None, None)


def test_each_revision_is_one_history_entry_with_its_changes(
    shipped_document: dict[str, Any],
) -> None:
    history = shipped_document["history"]
    assert [(entry["key"], entry["date"]) for entry in history] == [
        ("notice-dgs-urgent-du-15-septembre-2023", "2023-09-15T00:00:00Z"),
        ("notice-dgs-urgent-n2023-11", "2023-07-18T00:00:00Z"),
        ("notice-dgs-urgent-n2023-08", "2023-04-26T00:00:00Z"),
        ("notice-dgs-urgent-n2023-04", "2023-01-30T00:00:00Z"),
    ]
    assert history[0]["changes"] == ["La session du 25-26 septembre est ouverte."]
    assert history[2]["changes"][:3] == [
        "La session du 1er-2 mai est allongée : 28 avril – 2 mai.",
        "Confirmation de commande de la session du 28 avril – 2 mai : — → mercredi 3 mai, 18h00",
        "La session du 8-9 mai est allongée : 5-9 mai.",
    ]
    assert history[3]["changes"] == []


PORTAL = (
    "https://sante.gouv.fr/grands-dossiers/vaccin-covid-19/je-suis-un-professionnel-de-sante-"
    "du-medico-social-et-du-social/distribution-vaccins-en-ville"
)
CORRECTION = """
[[revisions]]
date = 2023-09-20
correction = "Inventaire des stocks : pas de session les 2 et 3 octobre."

[[revisions.exceptions]]
session = 2023-10-02
close = true
reason = "Inventaire des stocks"
"""


def test_the_news_keeps_a_notices_summary_that_its_title_ends_with() -> None:
    # Only a correction's summary loses its first line (its title is that line).
    text = LEDGER_2023.read_text(encoding="utf-8").replace(
        'summary = "Les sessions de commande reprennent chaque semaine',
        'summary = "hebdomadaires à compter de la session des 18 et 19 septembre 2023\\nLes '
        "sessions de commande reprennent chaque semaine",
    )
    page = _page(loads(text, "x.toml"))
    assert (
        "18 et 19 septembre 2023</a><br>hebdomadaires à compter de la session des 18 et 19 "
        "septembre 2023\nLes sessions de commande reprennent chaque semaine"
    ) in page


def test_a_feed_still_cites_the_latest_notice_after_a_correction() -> None:
    # Every feed's description ended « Source : Correction du calendrier – » and the
    # site's address, after a correction block: the rules come from the notices.
    text = LEDGER_2023.read_text(encoding="utf-8") + CORRECTION
    files = render_feeds(calendar_of(loads(text, "x.toml")))
    lines = files["vaccins-covid.ics"].decode().replace("\r\n ", "").split("\r\n")
    (caldesc,) = [line for line in lines if line.startswith("X-WR-CALDESC:")]
    assert caldesc.endswith(
        "\\nSource : DGS-Urgent du 15 septembre 2023 – https://lemoniteurdespharmacies.fr/?p=5902"
    ), caldesc
    # The session it closed cites it: that is where its reason stands.
    closed = next(line for line in lines if "Inventaire des stocks" in line)
    assert "Source : Correction du calendrier du 20 septembre 2023" in closed


def test_the_news_says_a_corrections_reason_once() -> None:
    # Its title is the reason's first line; the summary (the reason) was shown after it.
    text = LEDGER_2023.read_text(encoding="utf-8") + CORRECTION
    page = _page(loads(text, "x.toml"))
    assert page.count("Inventaire des stocks : pas de session les 2 et 3 octobre.") == 1
    assert (
        '<li><time datetime="2023-09-20">20 septembre 2023</time> – <a '
        'href="https://vaxical.github.io/vaxical/">Correction du calendrier : Inventaire des '
        "stocks : pas de session les 2 et 3 octobre.</a>\n"
    ) in page


def _sequences(document: dict[str, Any]) -> dict[str, int]:
    return {e["uid"]: e["sequence"] for e in document["events"]}


def test_an_appended_block_bumps_only_what_it_changed(shipped_document: dict[str, Any]) -> None:
    text = LEDGER_2023.read_text(encoding="utf-8")
    corrected = _document(loads(text + CORRECTION, "vaccins-covid.toml"))
    before = _sequences(shipped_document)
    after = _sequences(corrected)
    assert {uid: (before[uid], after[uid]) for uid in after if after[uid] != before.get(uid)} == {
        "vaccins-covid-session-20231002@vaxical": (0, 1),
    }
    assert sorted(set(before) - set(after)) == [
        "vaccins-covid-confirmation-20231002@vaxical",
        "vaccins-covid-livraison-20231002@vaxical",
        "vaccins-covid-rappel-20231002@vaxical",
        "vaccins-covid-rendez-vous-20231002@vaxical",
    ]
    history = corrected["history"]
    assert history[0]["key"] == "correction-20230920"
    assert history[0]["title"] == (
        "Correction du calendrier : Inventaire des stocks : pas de session les 2 et 3 octobre."
    )
    assert history[0]["changes"] == [
        "La session du 2-3 octobre est fermée. Motif : Inventaire des stocks"
    ]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped calendar as a publisher's site holds it (only read: built once)."""
    site = tmp_path_factory.mktemp("published") / "site"
    assert main(["build", str(LEDGER_2023), "--out", str(site)]) == 0
    return site


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = LEDGER_2023.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _refused(path: Path, published: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """``path`` built with ``--previous published``: refused (exit 2) with nothing written;
    the lines it said."""
    out = path.parent / "out"
    assert main(["build", str(path), "--previous", str(published), "--out", str(out)]) == 2
    assert not out.exists()
    return capsys.readouterr().err.splitlines()


def test_guard_accepts_an_appended_block(tmp_path: Path, published: Path) -> None:
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + CORRECTION, "utf-8")
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(published), "--out", str(out)]) == 0


def test_a_previous_build_without_the_calendar_is_said_to_be_a_first_publication(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Not the published build, or nothing published yet: nothing to check against.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("<p>another site</p>", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--out", str(out)]
    assert main([*args, "--previous", str(elsewhere)]) == 0
    assert capsys.readouterr().err == (
        f"vaxical: note: {elsewhere} holds no vaccins-covid.json: vaccins-covid was built as "
        "a first publication, with nothing published to check it against.\n"
    )
    assert main([*args, "--previous", str(published)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("damage", ["removed", "not-a-calendar", "another-calendar"])
def test_a_published_feed_without_its_json_is_refused(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    # The JSON is the record of the SEQUENCEs subscribers hold. Without it, the build was
    # a first publication: a session reissued at SEQUENCE 2 went back to 1.
    site = tmp_path / "site"
    shutil.copytree(published, site)
    record = site / "vaccins-covid.json"
    if damage == "removed":
        record.unlink()
        said = "is missing, though vaccins-covid.ics is published beside it: the SEQUENCEs subscribers hold are unknown."
    elif damage == "not-a-calendar":
        record.write_text('{"x": 1}', encoding="utf-8")
        said = (
            "is not a vaxical calendar document, though vaccins-covid.ics is published beside it."
        )
    else:  # it was said to be missing
        document = json.loads(record.read_bytes())
        document["calendar"]["id"] = "autre"
        record.write_text(json.dumps(document), encoding="utf-8")
        said = (
            "is the document of calendar autre, though vaccins-covid.ics is published beside "
            "it: the SEQUENCEs subscribers hold are unknown."
        )
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"{record}: {said} Fix: fetch the published site again (`make published`), or give "
        "the folder of the build that was published.\nvaxical: 1 problem; nothing was written.\n"
    )
    assert not out.exists()


def test_a_copy_of_a_published_json_under_another_name_is_not_read(
    tmp_path: Path, published: Path
) -> None:
    # A backup sorting after the real file stood in for it: its lower SEQUENCEs won.
    from vaxical.history.folder import load_build

    site = tmp_path / "site"
    shutil.copytree(published, site)
    document = json.loads((site / "vaccins-covid.json").read_bytes())
    document["events"] = document["events"][:1]
    (site / "vaccins-covid_old.json").write_text(json.dumps(document), encoding="utf-8")
    # One whose name a calendar could have is read, and holds another calendar's id.
    (site / "vaccins-covid2.json").write_text(json.dumps(document), encoding="utf-8")
    # Nor does one that no vaxical reads any more stop the build, nor one cut short, nor
    # a download's copy: no calendar's id is their name.
    older = {**document, "format": 0}
    (site / "vaccins-covid.2025-backup.json").write_text(json.dumps(older), encoding="utf-8")
    (site / "vaccins-covid (1).json").write_text('{"format": 1, "cal', encoding="utf-8")
    snapshot = load_build(site, ["vaccins-covid"])["vaccins-covid"]
    assert len(snapshot.events) == len(
        json.loads((site / "vaccins-covid.json").read_bytes())["events"]
    )
    assert len(snapshot.events) > 1


def test_a_cut_short_json_named_as_a_calendar_is_refused_even_without_its_feeds(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It may be a calendar's record: a folder of JSON alone was read as holding nothing
    # (diff said « Nouveau calendrier », or nothing at all).
    folder = tmp_path / "records"
    folder.mkdir()
    record = folder / "vaccins-covid.json"
    record.write_bytes((published / "vaccins-covid.json").read_bytes()[:300])
    assert main(["diff", str(folder), str(folder)]) == 2
    assert capsys.readouterr().err.startswith(f"{record}: is not valid JSON (")


def test_a_stray_json_named_as_a_calendar_could_be_is_said_so(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # « is not valid JSON. Fix: give a vaxical build's <id>.json »: the user gave none.
    site = tmp_path / "site"
    shutil.copytree(published, site)
    # Another tool's JSON that reads as JSON is passed over, an object or a list alike.
    (site / "search-index.json").write_text('["a"]', encoding="utf-8")
    (site / "manifest.json").write_text('{"a": 1}', encoding="utf-8")
    assert main(["diff", str(site), str(published)]) == 0
    (site / "notes.json").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{site / 'notes.json'}: is not valid JSON (")
    assert err.splitlines()[0].endswith(
        "), and a calendar's record could have its name. Fix: move it out of the published "
        "folder, or rename it (a backup: notes.json.bak)."
    )


def test_a_json_of_the_calendars_name_that_is_no_record_is_refused_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said « though vaccins-covid.ics is published beside it », with no such feed; and
    # an object was passed over where a list was refused.
    previous = tmp_path / "previous"
    previous.mkdir()
    record = previous / "vaccins-covid.json"
    out = tmp_path / "out"
    for text in ('{"a": 1}', "[]"):
        record.write_text(text, encoding="utf-8")
        args = ["build", str(LEDGER_2023), "--previous", str(previous), "--out", str(out)]
        assert main(args) == 2
        assert (
            capsys.readouterr()
            .err.splitlines()[0]
            .startswith(f"{record}: is not a vaxical calendar document. Fix: ")
        )


def test_diff_of_a_definition_and_a_folder_without_its_json_is_refused(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said « Calendrier retiré : vaccins-covid. »
    site = tmp_path / "site"
    shutil.copytree(published, site)
    (site / "vaccins-covid.json").unlink()
    assert main(["diff", str(LEDGER_2023), str(site)]) == 2
    assert capsys.readouterr().err.startswith(
        f"{site / 'vaccins-covid.json'}: is missing, though vaccins-covid.ics is published"
    )


def test_blocks_of_one_day_are_newest_first_in_their_ledgers_order() -> None:
    """Two corrections dated the day of the 15 September notice: the later block is the
    newer news. By their keys, the Atom log, the JSON and the page listed the notice first
    and each correction after it (found by trying a publisher's year)."""
    same_day = [
        CORRECTION.replace("2023-09-20", "2023-09-15"),
        CORRECTION.replace("2023-09-20", "2023-09-15")
        .replace("2 et 3 octobre", "9 et 10 octobre")
        .replace("2023-10-02", "2023-10-09"),
    ]
    text = LEDGER_2023.read_text(encoding="utf-8") + "".join(same_day)
    files = render_calendar(calendar_of(loads(text, "x.toml")), listed=False)  # no page
    document = json.loads(files["vaccins-covid.json"])
    assert [entry["key"] for entry in document["history"][:4]] == [
        "correction-20230915-2",
        "correction-20230915",
        "notice-dgs-urgent-du-15-septembre-2023",
        "notice-dgs-urgent-n2023-11",
    ]
    assert [notice["summary"] for notice in document["calendar"]["notices"][:3]] == [
        "Inventaire des stocks : pas de session les 9 et 10 octobre.",
        "Inventaire des stocks : pas de session les 2 et 3 octobre.",
        "Les sessions de commande reprennent chaque semaine, le lundi et le mardi, à compter "
        "de la session des 18 et 19 septembre 2023 : la session des 25 et 26 septembre est "
        "ouverte.",
    ]
    atom = files["vaccins-covid.atom"].decode()
    ids = [
        atom.index(f"atom#{key}<")
        for key in (
            "correction-20230915-2",
            "correction-20230915",
            "notice-dgs-urgent-du-15-septembre-2023",
        )
    ]
    assert ids == sorted(ids)


def test_a_published_calendar_left_out_is_refused_unless_retired(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new [calendar] id built with exit 0, and the site lost every feed its
    subscribers read (found by trying a publisher's year, 27 November 2026)."""
    path = _edited(tmp_path, 'id = "vaccins-covid"', 'id = "vaccins-covid-19"')
    out = tmp_path / "out"
    args = ["build", str(path), "--previous", str(published), "--out", str(out)]
    assert _refused(path, published, capsys) == [
        f"vaxical: the published build in {published} holds vaccins-covid, which this build "
        "does not write: its feeds would answer 404, and calendar clients keep the events "
        "of a feed they cannot fetch: subscribers would keep its sessions with no word that "
        "it ended. Fix: build its definition too (if vaccins-covid is now vaccins-covid-19, "
        "its [calendar] id changed: set it back, since subscribers' addresses are made from "
        "it); or, to stop publishing it on purpose, add --retire vaccins-covid: its feeds "
        "then stay online without events, and subscribers' calendars remove them."
    ]
    assert main([*args, "--retire", "vaccins-covid-19"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: --retire vaccins-covid-19: this build writes vaccins-covid-19 (from "
        f"{path}), and a calendar is retired when the build no longer writes it. Fix: to "
        f"stop publishing it, leave {path} out of the build; to keep publishing it, leave "
        "out --retire vaccins-covid-19.\n"
    )
    assert main([*args, "--retire", "covid"]) == 2
    assert capsys.readouterr().err == (
        f"vaxical: --retire covid: the published build in {published} holds no calendar of "
        "that id (it holds: vaccins-covid). Fix: give the id of the calendar to retire, "
        "`--retire vaccins-covid`.\n"
    )
    assert main(["build", str(path), "--out", str(out), "--retire", "vaccins-covid"]) == 2
    assert capsys.readouterr().err == (
        "vaxical: --retire vaccins-covid: names a calendar of the published build, and no "
        "--previous names that build. Fix: add `--previous published/`, the published build "
        "(`make published` fetches it).\n"
    )
    assert not out.exists()
    assert main([*args, "--retire", "vaccins-covid"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"vaxical: note: {published} holds no vaccins-covid-19.json: vaccins-covid-19 was "
        "built as a first publication, with nothing published to check it against.",
        "vaxical: note: vaccins-covid is retired: its feeds stay online without events, so "
        "that subscribers' calendars remove them at their next refresh, and every later "
        "build with --previous keeps them so.",
    ]
    assert (out / "vaccins-covid-19.ics").is_file()
    # Retired, not gone: a feed that answers 404 keeps its events in every client
    # (tests/test_retire.py).
    assert b"BEGIN:VEVENT" not in (out / "vaccins-covid.ics").read_bytes()


def test_guard_refuses_an_edited_published_block(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Someone changes the seed's block (revision 3) instead of appending a new one.
    path = _edited(tmp_path, "days_after_delivery = 1\n", "days_after_delivery = 2\n")
    assert _refused(path, published, capsys) == [
        f"{path}:118: revisions[3]: (DGS-Urgent N°2023-11, 2023-07-18) was edited after "
        "publication: 27 published events would change without a higher SEQUENCE "
        "(vaccins-covid-rappel-20230717@vaxical, vaccins-covid-rappel-20230724@vaxical, "
        "vaccins-covid-rappel-20230807@vaxical and 24 more; "
        # A user's trial had only the block's line: the first event whose dates moved
        # says what the edit did (appointments a day later).
        'vaccins-covid-rendez-vous-20230717@vaxical: its start reads "2023-07-30" where '
        'subscribers have "2023-07-29"). Fix: restore the published '
        "block as it was, and append a new [[revisions]] block with the change (a `correction "
        '= "…"` block when no notice announces it).',
        "vaxical: 1 problem; nothing was written.",
    ]


def test_guard_names_the_edited_block_only(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The seed's block made every other week every third: what the 15 September block
    did changes too (it reopened a session of a different cadence), but the message
    names the block that was edited, once (it gave one line per event, some naming the
    15 September block)."""
    path = _edited(tmp_path, "every_weeks = 2\n", "every_weeks = 3\n")
    assert _refused(path, published, capsys) == [
        f"{path}:118: revisions[3]: (DGS-Urgent N°2023-11, 2023-07-18) was edited after "
        "publication: 14 published events would change without a higher SEQUENCE "
        "(vaccins-covid-confirmation-20230918@vaxical, "
        "vaccins-covid-confirmation-20230925@vaxical, vaccins-covid-livraison-20230918@vaxical "
        "and 11 more; vaccins-covid-session-20230814@vaxical: its start reads "
        '"2023-08-11" where subscribers have "2023-08-14"); 8 published events would '
        "disappear "
        "(vaccins-covid-confirmation-20230807@vaxical, "
        "vaccins-covid-confirmation-20230821@vaxical, vaccins-covid-livraison-20230807@vaxical "
        "and 5 more); 2 history entries would be rewritten (« DGS-Urgent du 15 septembre "
        "2023 : Reprise des sessions de commande hebdomadaires à compter de la session des 18 "
        "et 19 septembre 2023 »: its changes say « La session du 18-19 septembre est "
        "ouverte. » where subscribers have « La session du 25-26 septembre est ouverte. », "
        "« DGS-Urgent N°2023-11 : Ouverture bimensuelle de l'outil de "
        "commande à compter de la session de commande des 24 et 25 juillet 2023 »). Fix: "
        "restore the published block as it was, and append a new [[revisions]] block with "
        'the change (a `correction = "…"` block when no notice announces it).',
        "vaxical: 1 problem; nothing was written.",
    ]


def test_guard_names_the_block_whose_edit_undid_what_it_did(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The 15 September block made to start on 2 October: the 25-26 September session
    falls back to what the seed's block made of it, so its change is dated from that
    block; the 15 September block's own entry changes, and it is the one named (the
    seed's block was)."""
    path = _edited(tmp_path, "start = 2023-09-18\n", "start = 2023-10-02\n")
    (line, _) = _refused(path, published, capsys)
    assert line.startswith(
        f"{path}:146: revisions[4]: (DGS-Urgent du 15 septembre 2023, 2023-09-15) was edited "
        "after publication: 1 published event would change without a higher SEQUENCE "
        '(vaccins-covid-session-20230925@vaxical: its summary reads "Portail de commande '
        'fermé – vaccins Covid-19" where subscribers have "Portail de commande ouvert – '
        'vaccins Covid-19"); 4 published events would disappear '
        "(vaccins-covid-confirmation-20230925@vaxical, vaccins-covid-livraison-20230925@vaxical, "
        "vaccins-covid-rappel-20230925@vaxical and 1 more); 1 history entry would be rewritten"
    )


def test_guard_refuses_a_removed_block_naming_what_it_published(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The 15 September block deleted (it was blamed on the seed's block, "rewritten").
    text = LEDGER_2023.read_text(encoding="utf-8")
    path = tmp_path / "vaccins-covid.toml"
    path.write_text(text[: text.index("[[revisions]]", text.index("date = 2023-07-18"))], "utf-8")
    assert _refused(path, published, capsys) == [
        f"{path}: revisions: the block of « DGS-Urgent du 15 septembre 2023 : Reprise des "
        "sessions de commande hebdomadaires à compter de la session des 18 et 19 septembre "
        "2023 » (2023-09-15) was removed after publication: 1 published event would change "
        "without a higher SEQUENCE (vaccins-covid-session-20230925@vaxical: its summary reads "
        '"Portail de commande fermé – vaccins Covid-19" where subscribers have "Portail de '
        'commande ouvert – vaccins Covid-19"); 4 published '
        "events would disappear (vaccins-covid-confirmation-20230925@vaxical, "
        "vaccins-covid-livraison-20230925@vaxical, vaccins-covid-rappel-20230925@vaxical and 1 "
        "more). Fix: put the "
        "published blocks back as they were; to undo what one said, append a new "
        '[[revisions]] block (a `correction = "…"` block when no notice announces it).',
        "vaxical: 1 problem; nothing was written.",
    ]


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped ledger with CORRECTION appended, as a publisher's site holds it (only
    read: built once)."""
    folder = tmp_path_factory.mktemp("corrected")
    path = folder / "vaccins-covid.toml"
    path.write_text(LEDGER_2023.read_text(encoding="utf-8") + CORRECTION, encoding="utf-8")
    assert main(["build", str(path), "--out", str(folder / "site")]) == 0
    return folder / "site"


@pytest.mark.parametrize(
    ("key", "published_value", "edited_value"),
    [
        ("product", "vaccins Covid-19", "vaccins anti-Covid"),
        ("base_url", "https://vaxical.github.io/vaxical/", "https://example.com/calendrier/"),
        ("portal_url", PORTAL, "https://example.com/portail"),
    ],
    ids=["product", "base_url", "portal_url"],
)
def test_guard_names_the_edited_value_that_every_event_reads(
    tmp_path: Path,
    corrected: Path,
    capsys: pytest.CaptureFixture[str],
    key: str,
    published_value: str,
    edited_value: str,
) -> None:
    # A publisher's trial: with a correction block published (its news links to
    # base_url), a new base_url was blamed on that block, whose restoring changed nothing;
    # a new product was blamed on the first block « or [calendar] or [reminders] ».
    text = LEDGER_2023.read_text(encoding="utf-8") + CORRECTION
    site = corrected
    path = tmp_path / "vaccins-covid.toml"
    written = f'{key} = "{published_value}"'
    assert text.count(written) == 1
    path.write_text(text.replace(written, f'{key} = "{edited_value}"'), encoding="utf-8")
    assert _refused(path, site, capsys) == [
        f'{path}: calendar.{key} = "{edited_value}": the published events read '
        f'"{published_value}": every one of them would change without a higher SEQUENCE. '
        f'Fix: set it back to "{published_value}". What every event reads cannot change '
        "once published; a calendar that says otherwise is published under another id.",
        "vaxical: 1 problem; nothing was written.",
    ]


def test_guard_refuses_a_rewritten_history_entry(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(
        tmp_path,
        "la session des 25 et 26 septembre est ouverte.",
        "la session des 25 et 26 septembre ouvre.",
    )
    assert _refused(path, published, capsys) == [
        f"{path}:146: revisions[4]: (DGS-Urgent du 15 septembre 2023, 2023-09-15) was "
        "edited after publication: 1 history entry would be rewritten (« DGS-Urgent du 15 "
        "septembre 2023 : Reprise des sessions de commande hebdomadaires à compter de la "
        'session des 18 et 19 septembre 2023 »: its summary reads "… des 25 et 26 septembre '
        'ouvre." where subscribers have "… des 25 et 26 septembre est ouverte."). Fix: '
        "restore the published block's text as it was: subscribers read it so.",
        "vaxical: 1 problem; nothing was written.",
    ]


def test_guard_says_which_change_an_edited_horizon_rewrites(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A user's trial: the seed's horizon moved a week on was refused with « 1 history
    # entry would be rewritten » and nothing of what, or of where: no event changes (the
    # 15 September block's horizon goes further), only what the seed's block says it did.
    path = _edited(tmp_path, "horizon = 2023-10-09\n", "horizon = 2023-10-16\n")
    (line, _) = _refused(path, published, capsys)
    assert line == (
        f"{path}:118: revisions[3]: (DGS-Urgent N°2023-11, 2023-07-18) was edited after "
        "publication: 1 history entry would be rewritten (« DGS-Urgent N°2023-11 : Ouverture "
        "bimensuelle de l'outil de commande à compter de la session de commande des 24 et 25 "
        "juillet 2023 »: its changes gain « Nouvelle session : 16-17 octobre (ouverte). »). "
        "Fix: restore the published block as it "
        'was, and append a new [[revisions]] block with the change (a `correction = "…"` '
        "block when no notice announces it)."
    )


def test_guard_says_when_a_published_date_was_given_a_time(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "date = 2023-09-15\n", "date = 2023-09-15T10:00:00+02:00\n")
    (line, _) = _refused(path, published, capsys)
    assert line.endswith(
        "19 septembre 2023 »: its date is 2023-09-15 08:00 UTC where subscribers have "
        "2023-09-15 00:00 UTC). Fix: restore the published block's text as it was: "
        "subscribers read it so."
    )


def test_guard_says_where_a_published_link_was_edited(
    tmp_path: Path, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _edited(tmp_path, "-a-10-jours", "-a-10-jours/")
    (line, _) = _refused(path, published, capsys)
    # The link is in the events' texts too (their source): they would change as well.
    assert line.startswith(
        f"{path}:86: revisions[2]: (DGS-Urgent N°2023-08, 2023-04-26) was edited after "
        "publication: 44 published events would change without a higher SEQUENCE "
    )
    assert line.endswith(
        "1 history entry would be rewritten (« DGS-Urgent N°2023-08 : Modification du délai de "
        'distribution des vaccins contre le Covid-19 à 10 jours »: its url reads "…e-le-Covid-'
        '19-a-10-jours/" where subscribers have "…e-le-Covid-19-a-10-jours"). Fix: restore the '
        "published block as it was, "
        'and append a new [[revisions]] block with the change (a `correction = "…"` block '
        "when no notice announces it)."
    )


def _five_years_of_weekly_notices() -> str:
    """A ledger of 261 blocks: the rules, then a notice every week for five years, each
    closing the session four weeks ahead (or, every other week, moving its delivery)."""
    head = weekly_ledger_head("cinq-ans", "Cinq ans", horizon="2029-02-26")
    blocks = []
    for week in range(1, 261):
        date = D(2024, 1, 1) + dt.timedelta(weeks=week)
        target = date + dt.timedelta(weeks=4)
        change = (
            f'close = true\nreason = "Fermeture {week}"'
            if week % 2
            else f"delivery = [{target + dt.timedelta(days=11)}, {target + dt.timedelta(days=14)}]\n"
            f'reason = "Livraison décalée {week}"'
        )
        blocks.append(
            f'\n[[revisions]]\nreference = "Avis {week}"\ndate = {date}\ntitle = "Avis {week}"\n'
            f'url = "https://example.org/avis/{week}"\nsummary = "Avis {week}."\n'
            f"[[revisions.exceptions]]\nsession = {target}\n{change}\n"
        )
    return head + "".join(blocks)


class FiveYears(NamedTuple):
    ledger: Ledger
    files: dict[str, bytes]


@pytest.fixture(scope="module")
def five_years() -> FiveYears:
    """The five-year ledger and its feeds and JSON (what the tests read), made once:
    loading and replaying 261 revisions is most of the time of the tests that read them."""
    ledger = loads(_five_years_of_weekly_notices(), "cinq-ans.toml")
    return FiveYears(ledger, render_calendar(calendar_of(ledger), listed=False))


def test_a_five_year_ledger_keeps_every_feed_well_under_a_megabyte(five_years: FiveYears) -> None:
    ledger, files = five_years
    assert len(ledger.revisions) == 261
    sizes = {name: len(data) for name, data in files.items() if name.endswith(".ics")}
    assert max(sizes.values()) < 500_000, sizes
    # The feeds keep 53 weeks before the last notice (2028-12-25) and what follows.
    calendar = icalendar.Calendar.from_ical(files["cinq-ans-sessions.ics"])
    starts = sorted(event.start for event in calendar.events)
    assert starts[0] == D(2027, 12, 20)
    assert starts[-1] == D(2029, 2, 26)
    # The JSON keeps the whole history: every session since 2024 and every notice.
    document = json.loads(files["cinq-ans.json"])
    assert document["sessions"][0]["session"] == "2024-01-01"
    assert len(document["sessions"]) == 270
    assert len(document["history"]) == 261


def test_the_five_year_ledger_is_valid(five_years: FiveYears) -> None:
    # Of the JSON Schema tests (test_json_schema.py: every JSON the tests build is valid),
    # here to share the build above.
    document = json.loads(five_years.files["cinq-ans.json"])
    assert len(document["sessions"]) == 270
    assert problems(document) == []


def test_a_fresh_build_under_another_zone_is_the_golden_tree(tmp_path: Path) -> None:
    """What a build writes on any machine is what the golden tree holds."""
    out = tmp_path / "build"
    env = {**os.environ, "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8", "LANG": "fr_FR.UTF-8"}
    subprocess.run(
        [sys.executable, "-m", "vaxical", "build", str(LEDGER_2023), "--out", str(out)],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    golden = LEDGER_2023.parent.parent / "expected"
    # Every file but the mark that says vaxical made the folder (MARK).
    built = {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.name != MARK}
    assert built == {path.name: path.read_bytes() for path in sorted(golden.iterdir())}


def test_the_news_shows_each_notice_as_it_printed_its_sessions(
    shipped_files: dict[str, bytes],
) -> None:
    page = shipped_files["vaccins-covid.html"].decode()
    news = page[page.index('id="vaccins-covid-actualites"') : page.index("flux Atom")]
    tables = re.findall(r"<details class=\"printed\">(.*?)</details>", news, re.DOTALL)
    # Newest first: the notice of 15 September, then the seed, DGS-Urgent 2023-08, 2023-04.
    dates = [re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', table) for table in tables]
    assert [len(found) for found in dates] == [1, 13, 11, 22]
    assert dates[0] == ["25-26 septembre 2023"]
    assert dates[1] == [
        "17-18 juillet 2023",
        "24-25 juillet 2023",
        "31 juillet – 1er août 2023",
        "7-8 août 2023",
        "14-15 août 2023",
        "21-22 août 2023",
        "28-29 août 2023",
        "4-5 septembre 2023",
        "11-12 septembre 2023",
        "18-19 septembre 2023",
        "25-26 septembre 2023",
        "2-3 octobre 2023",
        "9-10 octobre 2023",
    ]
    assert dates[2][:3] == ["28 avril – 2 mai 2023", "5-9 mai 2023", "15-16 mai 2023"]


def test_warnings_say_a_holiday_session_opened_from_the_friday_before() -> None:
    from vaxical.render.advice import schedule_warnings
    from vaxical.schedule.expand import expand

    lines = [warning.format() for warning in schedule_warnings(expand(LEDGER.current))]
    assert (
        "lundi 1er mai 2023 : Fête du Travail (toute la France) — session des 28 avril – "
        "2 mai 2023 ; ouverte dès le vendredi précédent"
    ) in lines
    assert (
        "lundi 29 mai 2023 : Lundi de Pentecôte (toute la France) — session des 26-30 mai "
        "2023 ; ouverte dès le vendredi précédent"
    ) in lines


# The README's worked example ("When the rules change"): the notice of September 2024
# (DGS-URGENT N°2024_17, notices.md F10) after the 2023 ledger, the portal closed between.
CLOSED_AFTER_2023 = """
[[revisions]]
correction = "Portail fermé après la campagne 2023"
date = 2023-10-16
horizon = 2023-10-16

[[revisions.periods]]
start = 2023-10-16
closed_until_further_notice = true
"""
F10 = """
[[revisions]]
reference = "DGS-URGENT N°2024_17"
date = 2024-09-17
title = "Campagne 2024"
url = "https://pharmaciens13.info/tag/information/page/79"
summary = "Sessions hebdomadaires à compter des 23 et 24 septembre 2024, livraison à J+10."
horizon = 2024-12-16

[[revisions.periods]]
start = 2024-09-23
every_weeks = 1

[revisions.holidays]
from = 2024-09-23
sessions = "keep"
"""


def test_the_2024_campaign_follows_a_closure_as_the_readme_shows() -> None:
    text = LEDGER_2023.read_text(encoding="utf-8")
    ledger = loads(text + CLOSED_AFTER_2023 + F10, "vaccins-covid.toml")
    rows = _rows(_document(ledger), "2023-10-09")
    assert rows[:3] == [
        SEED_ROWS[-1],  # the session of 9 October 2023, as the seed's table gives it
        ("2023-10-16", "2023-10-17", "closed", "", "", "", ""),
        # F10: « from Monday September 23 … the following day, September 24 at 11 p.m. …
        # delivered … October 3 or 4 ».
        (
            "2024-09-23",
            "2024-09-24",
            "open",
            "2024-10-03",
            "2024-10-04",
            "2024-09-25T16:00:00Z",
            "2024-10-05",
        ),
    ]
    # No session in the year between, and 11 November 2024 (Armistice) from its Monday.
    assert len(rows) == 2 + 13
    assert rows[2 + 7][:2] == ("2024-11-11", "2024-11-12")
    # Appended alone, the notice's block lets the 2023 cadence run on: 49 sessions.
    alone = loads(text + F10, "vaccins-covid.toml")
    assert len(_rows(_document(alone), "2023-10-16")) == 49 + 13


def test_a_block_that_moves_the_feeds_window_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A publisher's trial: a later notice moved the feeds' window (`past_weeks` before it),
    # and two sessions' events left every feed with nothing said.
    calendar = CALENDAR + "past_weeks = 4\n"
    path = tmp_path / "essai.toml"
    path.write_text(ledger_text(calendar=calendar), "utf-8")
    assert main(["build", str(path), "--out", str(tmp_path / "site")]) == 0
    path.write_text(ledger_text(notice(2, "2024-03-01"), calendar=calendar), "utf-8")
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["build", str(path), "--previous", str(tmp_path / "site"), "--out", str(out)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if "note" in line]
    assert notes == [
        f"vaxical: note: the new block of {path} moves the feeds' window (`past_weeks` before "
        "the latest): the feeds now start with the session of 2024-02-05 (published: with "
        "the session of 2024-01-08): calendars add or remove the events of the sessions "
        "between.",
    ]
    sessions = sorted(set(re.findall(r"UID:essai-session-(\d+)", (out / "essai.ics").read_text())))
    assert sessions[0] == "20240205"


def test_a_block_that_moves_the_window_past_no_session_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The 2023 ledger's window starts before its first session either way: no note.
    site = tmp_path / "site"
    args = ["build", str(LEDGER_2023), "--as-of", "2023-07-18", "--out", str(site)]
    assert main(args) == 0
    capsys.readouterr()
    assert (
        main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(tmp_path / "out")])
        == 0
    )
    assert "note" not in capsys.readouterr().err
