"""What `check` and `build` warn about: each published date on a holiday or a weekend,
said once, with one outcome. The expected messages are written out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vaxical import notes
from vaxical.cli import main
from vaxical.definition import loads
from vaxical.pipeline import calendar_of
from vaxical.render.advice import advice_for, gap_warning, schedule_warnings
from vaxical.schedule.expand import expand

from .conftest import LEDGER_2023, definition_text, make, vaxical_in
from .ledger_text import CALENDAR, FIRST, SECOND, ledger_text, notice

HOLIDAY_POLICY = '[holidays]\nsessions = "close"\ndeliveries = "next-working-day"\n'


def _formatted(periods: str, extra: str = "", horizon: str = "2024-09-16") -> list[str]:
    return [w.format() for w in schedule_warnings(expand(make(periods, extra, horizon=horizon)))]


def test_a_holiday_that_moved_a_delivery_is_said_once() -> None:
    """Toussaint 2024 is a Friday: the delivery of the 21-22 October session (Thursday
    31 - Friday 1st) becomes Thursday 31 - Monday 4, which still spans the 1st. It was
    reported both as the reason of the move and as a holiday the delivery kept."""
    assert _formatted(
        "[[periods]]\nstart = 2024-10-14\nevery_weeks = 1\n", HOLIDAY_POLICY, "2024-11-04"
    ) == [
        "vendredi 1er novembre 2024 : Toussaint (toute la France) — livraison de la session "
        "des 21-22 octobre 2024 ; livraison décalée au 31 octobre – 4 novembre",
    ]


def test_a_holiday_that_the_policy_keeps_is_said_once() -> None:
    assert _formatted("[[periods]]\nstart = 2024-10-14\nevery_weeks = 1\n", "", "2024-11-04") == [
        "vendredi 1er novembre 2024 : Toussaint (toute la France) — livraison de la session "
        "des 21-22 octobre 2024 ; maintenue",
    ]


WEEKLY = "[[periods]]\nstart = 2024-09-02\nevery_weeks = 1\n"


def _moved_to(day: str) -> str:
    return f'[[exceptions]]\nsession = 2024-09-09\nmove_to = {day}\nreason = "Grève"\n'


def test_a_session_moved_to_wednesday_delivers_on_a_weekend() -> None:
    # J = Wednesday 11: J+10 and J+11 are Saturday 21 and Sunday 22 September.
    assert _formatted(WEEKLY, _moved_to("2024-09-11")) == [
        "samedi 21 septembre 2024 : week-end — livraison de la session des 11-12 septembre "
        "2024 ; publiée un week-end",
        "dimanche 22 septembre 2024 : week-end — livraison de la session des 11-12 septembre "
        "2024 ; publiée un week-end",
    ]


def test_a_session_moved_to_a_saturday_is_said() -> None:
    """A publisher's trial: `move_to` a Saturday gave no warning, where the README says
    that check warns about weekends. J = Saturday 14: Saturday 14 - Sunday 15, delivered
    Tuesday 24 - Wednesday 25, appointments from Thursday 26."""
    assert _formatted(WEEKLY, _moved_to("2024-09-14")) == [
        "samedi 14 septembre 2024 : week-end — session des 14-15 septembre 2024 ; publiée "
        "un week-end",
        "dimanche 15 septembre 2024 : week-end — session des 14-15 septembre 2024 ; publiée "
        "un week-end",
    ]


def test_a_session_moved_to_tuesday_starts_appointments_on_a_sunday() -> None:
    # J = Tuesday 10: delivery Friday 20 - Saturday 21, appointments from Sunday 22.
    assert _formatted(WEEKLY, _moved_to("2024-09-10")) == [
        "samedi 21 septembre 2024 : week-end — livraison de la session des 10-11 septembre "
        "2024 ; publiée un week-end",
        "dimanche 22 septembre 2024 : week-end — date des rendez-vous de la session des "
        "10-11 septembre 2024 ; publiée un week-end",
    ]


def test_a_session_moved_to_thursday_confirms_on_a_saturday() -> None:
    # J = Thursday 12: confirmation J+2 Saturday 14, delivery Sunday 22 - Monday 23.
    assert _formatted(WEEKLY, _moved_to("2024-09-12")) == [
        "samedi 14 septembre 2024 : week-end — confirmation de la session des 12-13 "
        "septembre 2024 ; publiée un week-end",
        "dimanche 22 septembre 2024 : week-end — livraison de la session des 12-13 septembre "
        "2024 ; publiée un week-end",
    ]


def test_an_open_session_on_a_holiday_and_a_saturday_holiday_delivery() -> None:
    # Monday 14 July 2025 is the Fête nationale; its delivery is Thursday 24 - Friday 25.
    # A weekend day that is a holiday is said once, as the holiday.
    assert _formatted(
        "[[periods]]\nstart = 2025-07-14\nevery_weeks = 1\n"
        '\n[[exceptions]]\nsession = 2025-07-21\nmove_to = 2025-07-22\nreason = "Grève"\n'
        "delivery = [2025-08-15, 2025-08-16]\n",
        "",
        "2025-07-21",
    ) == [
        "lundi 14 juillet 2025 : Fête nationale (toute la France) — session des 14-15 juillet "
        "2025 ; ouverte",
        "vendredi 15 août 2025 : Assomption (toute la France) — livraison de la session des "
        "22-23 juillet 2025 ; maintenue",
        "samedi 16 août 2025 : week-end — livraison de la session des 22-23 juillet 2025 ; "
        "publiée un week-end",
        "dimanche 17 août 2025 : week-end — date des rendez-vous de la session des 22-23 "
        "juillet 2025 ; publiée un week-end",
    ]


def test_the_notices_saturday_appointments_are_no_warning() -> None:
    # Monday-Tuesday sessions: delivery Thursday-Friday, appointments from Saturday, as
    # the notice says ("à partir du lendemain de la date de livraison").
    assert _formatted(WEEKLY) == []


def test_build_prints_the_warnings_of_check_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "essai.toml").write_text(
        definition_text(WEEKLY, _moved_to("2024-09-10"), horizon="2024-09-16"),
        encoding="utf-8",
    )
    warnings = [
        "2 dates à vérifier à partir du 18 juillet 2023, jour de la dernière révision (jours "
        "fériés de toutes les régions, week-ends) :",
        "  samedi 21 septembre 2024 : week-end — livraison de la session des 10-11 septembre "
        "2024 ; publiée un week-end",
        "  dimanche 22 septembre 2024 : week-end — date des rendez-vous de la session des "
        "10-11 septembre 2024 ; publiée un week-end",
    ]

    build = vaxical_in(tmp_path, "build")
    assert build.status == 0  # warnings, not errors
    assert build.stderr.splitlines() == [
        f"vaxical : attention : schedules/essai.toml : {warnings[0]}",
        *(f"  {line}" for line in warnings[1:]),
    ]
    check = vaxical_in(tmp_path, "check")
    assert check.status == 0
    assert check.stdout.splitlines()[-3:] == [f"  {line}" for line in warnings]
    assert check.stderr == ""


def test_check_counts_as_french_writes_them(tmp_path: Path) -> None:
    """Its revisions and exceptions were counted bare, « 1000 exception(s) », where its
    other counts read « 1 000 » (a narrow no-break space); one is said in the singular."""
    (tmp_path / "schedules").mkdir()
    closed = "".join(
        f"[[exceptions]]\nsession = {dt.date(2023, 7, 17) + dt.timedelta(weeks=week)}\n"
        'close = true\nreason = "Fermé"\n'
        for week in range(1_000)
    )
    (tmp_path / "schedules" / "essai.toml").write_text(
        definition_text(
            "[[periods]]\nstart = 2023-07-17\nevery_weeks = 1\n", closed, horizon="2043-01-01"
        ),
        encoding="utf-8",
    )
    check = vaxical_in(tmp_path, "check")
    assert check.status == 0
    assert check.stdout.splitlines()[1:4] == [
        "  1\u202f016 sessions (16 ouvertes, 1\u202f000 fermées), du 17-18 juillet 2023 au "
        "29-30 décembre 2042",
        "  1\u202f000 exceptions, horizon 2043-01-01",
        "  1\u202f064 événements ; fichiers :",
    ]
    first = vaxical_in(tmp_path, "check", str(LEDGER_2023), "--as-of", "2023-01-30")
    assert first.stdout.splitlines()[1:4] == [
        "  1 révision ; la dernière : DGS-Urgent N°2023-04 (2023-01-30)",
        "  22 sessions (22 ouvertes, 0 fermée), du 30-31 janvier 2023 au 26-27 juin 2023",
        "  0 exception, horizon 2023-06-26",
    ]


def test_a_feed_over_a_megabyte_is_warned_about_in_french(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As the other warnings about the calendar: it was the one in English.
    notes.warn_sizes({"essai.ics": b"x" * 1_000_001, "essai.json": b"x" * 2_000_000})
    assert capsys.readouterr() == (
        "",
        "vaxical : attention : essai.ics fait 1\u202f000\u202f001 octets, au-delà de la limite "
        "d'environ 1 Mo où Google Agenda refuse un flux : rapprochez l'horizon.\n",
    )


def test_a_feed_near_a_megabyte_is_warned_about_before_it_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # An audit: a build warned only past the limit, when Google had stopped reading the
    # feed; rule 19 asks for feeds well under it.
    notes.warn_sizes({"a.ics": b"x" * 800_001, "b.ics": b"x" * 800_000})
    assert capsys.readouterr() == (
        "",
        "vaxical : attention : a.ics fait 800\u202f001 octets, près de la limite d'environ 1 Mo "
        "où Google Agenda refuse un flux : rapprochez l'horizon.\n",
    )


# A new campaign appended months after the last horizon (the case of DGS-Urgent
# N°2024_17 appended to the 2023 ledger): the weekly cadence of January 2024 runs on
# from the old horizon (25 March) up to the new period (7 October).
CAMPAIGN = """\
[[revisions]]
reference = "Avis N°2"
date = 2024-09-01
title = "Nouvelle campagne"
url = "https://example.org/avis/2"
summary = "Sessions hebdomadaires à compter du 7 octobre."
horizon = 2024-10-28

[[revisions.periods]]
start = {start}
every_weeks = 1
"""
GAP = (
    "revisions[2] (Avis N°2) : 27 sessions ouvertes du lundi 1er avril 2024 au lundi "
    "30 septembre 2024, après l'horizon précédent (lundi 25 mars 2024) et avant la première "
    "période du bloc (lundi 7 octobre 2024), suivent les règles des blocs précédents. Si le "
    "portail était fermé entre-temps, ajoutez avant ce bloc un bloc daté entre le mardi 2 "
    "janvier 2024 et le dimanche 1er septembre 2024 qui le ferme à compter du lundi 1er avril "
    "2024 ([[revisions.periods]] avec "
    "`closed_until_further_notice = true`, et `horizon = 2024-04-01`) ; s'il est resté "
    "ouvert, une période de ce bloc qui commence à cette date le dit."
)


def test_a_block_that_lets_the_old_cadence_run_on_is_warned_about() -> None:
    warning = gap_warning(loads(ledger_text(CAMPAIGN.format(start="2024-10-07")), "x.toml"))
    assert warning is not None
    assert len(warning.sessions) == 27  # every Monday from 1 April to 30 September 2024
    assert warning.format() == GAP


def test_a_gap_of_one_session_says_it_once(capsys: pytest.CaptureFixture[str]) -> None:
    # The shipped ledger as the seed notice left it: « 1 session(s) ouverte(s) du lundi 17
    # juillet 2023 au lundi 17 juillet 2023 ».
    assert main(["check", str(LEDGER_2023), "--as-of", "2023-07-18"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "    revisions[3] (DGS-Urgent N°2023-11) : 1 session ouverte, celle du lundi 17 juillet "
        "2023, après l'horizon précédent (lundi 10 juillet 2023) et avant la première période "
        "du bloc (lundi 24 juillet 2023), suit les règles des blocs précédents. Si le portail "
        "était fermé entre-temps, ajoutez avant ce bloc un bloc daté entre le mercredi 26 "
        "avril 2023 et le mardi 18 juillet 2023 qui le ferme à compter du lundi 17 juillet "
        "2023 ([[revisions.periods]] avec `closed_until_further_notice = true`, et `horizon "
        "= 2023-07-17`) ; s'il est resté ouvert, une période de ce bloc qui commence à cette "
        "date le dit."
    )


def test_a_block_that_takes_over_from_the_old_horizon_is_not() -> None:
    follows = ledger_text(CAMPAIGN.format(start="2024-04-01"))  # right after 25 March
    assert gap_warning(loads(follows, "x.toml")) is None
    earlier = ledger_text(CAMPAIGN.format(start="2024-03-04"))  # within the old horizon
    assert gap_warning(loads(earlier, "x.toml")) is None
    assert gap_warning(loads(ledger_text(SECOND), "x.toml")) is None  # the horizon stays


def test_a_period_from_the_day_after_the_old_horizon_is_no_gap() -> None:
    """A helper's hostile inputs: an old horizon on a Sunday (31 March) and the block's
    period from the Monday after, as the README recommends, made check and build end in
    « internal error (ValueError: DateSpan ends before it starts) »."""
    first = FIRST.replace("horizon = 2024-03-25", "horizon = 2024-03-31")
    text = ledger_text(CAMPAIGN.format(start="2024-04-01"), first=first)
    assert gap_warning(loads(text, "x.toml")) is None


def test_a_block_that_extends_the_cadence_as_it_stands_is_not() -> None:
    """A block that moves the horizon on and closes one session, without a period of its
    own: the weekly cadence goes on as it is (it was warned about, told to close the
    portal from 1 April)."""
    extends = CAMPAIGN.split("[[revisions.periods]]")[0] + (
        '[[revisions.exceptions]]\nsession = 2024-08-12\nclose = true\nreason = "Congés"\n'
    )
    assert gap_warning(loads(ledger_text(extends), "x.toml")) is None


def test_a_cadence_restated_from_an_old_start_is_the_blocks_own() -> None:
    """A block that states every other week from 8 January (the first block's start, a
    new cadence) then weekly from 7 October: its first period is of 8 January, within the
    old horizon, so nothing runs on from the earlier blocks (it was said to)."""
    restated = CAMPAIGN.format(start="2024-01-08").replace(
        "every_weeks = 1\n",
        "every_weeks = 2\n\n[[revisions.periods]]\nstart = 2024-10-07\nevery_weeks = 1\n",
    )
    assert gap_warning(loads(ledger_text(restated), "x.toml")) is None


def test_check_and_build_say_which_sessions_the_new_horizon_adds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "schedules").mkdir()
    (tmp_path / "schedules" / "essai.toml").write_text(
        ledger_text(CAMPAIGN.format(start="2024-10-07")), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    heading = "sessions que le nouvel horizon ajoute selon les règles des blocs précédents :"
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [f"  {heading}", f"    {GAP}"]
    assert main(["build"]) == 0  # a warning, not an error
    assert capsys.readouterr().err.splitlines()[-2:] == [
        f"vaxical : attention : schedules/essai.toml : {heading}",
        f"    {GAP}",
    ]


def _groups(text: str) -> list[list[str]]:
    ledger = loads(text, "x.toml")
    calendar = calendar_of(ledger)
    return advice_for(ledger, calendar.sessions)


def test_a_block_that_closes_a_session_already_over_names_it() -> None:
    """A notice of 1 February that closes the session of 15 January: a correction of the
    record, or a typo for another date; either way the publisher is asked to look."""
    closes = (
        SECOND
        + '[[revisions.exceptions]]\nsession = 2024-01-15\nclose = true\nreason = "Inventaire"\n'
    )
    assert _groups(ledger_text(closes))[1:] == [
        [
            "sessions déjà passées le 1er février 2024 que la dernière révision change (une "
            "correction ? sinon, une date à revoir) :",
            "  session des 15-16 janvier 2024 (fermée)",
        ]
    ]


def test_rules_from_a_session_past_the_horizon_are_named() -> None:
    """`from = 2999-12-30` (a typo in the year): `check` said nothing, while the block's
    rules governed no session. Rules announced ahead of the horizon are allowed; the
    publisher is asked to look."""
    ahead = SECOND + "from = 2999-12-30\n[revisions.delivery]\nfirst_day = 7\nlast_day = 8\n"
    assert _groups(ledger_text(ahead))[1:] == [
        [
            "règles applicables à compter du 30 décembre 2999, après l'horizon (25 mars 2024) : "
            "aucune session ne les suit encore (l'année de `from` est-elle la bonne ?)"
        ]
    ]
    # From a session the horizon holds: nothing to say.
    within = SECOND + "from = 2024-03-04\n[revisions.delivery]\nfirst_day = 7\nlast_day = 8\n"
    assert _groups(ledger_text(within))[1:] == []


def test_rules_said_once_by_the_block_that_gives_them() -> None:
    """A later block that changes nothing of the rules does not say it again (the review
    found the warning repeated at every build after it)."""
    ahead = SECOND + "from = 2999-12-30\n[revisions.delivery]\nfirst_day = 7\nlast_day = 8\n"
    third = notice(3, "2024-02-08")
    assert _groups(ledger_text(ahead, third))[1:] == []


def test_a_block_dated_years_after_the_horizon_is_named() -> None:
    """A typo in the year (2034 for 2024): once published, every later block would have
    to be dated after it. A late notice (a scheme ended, a correction) is allowed: said,
    not refused."""
    typo = SECOND.replace("2024-02-01", "2034-02-01")
    assert _groups(ledger_text(typo))[-1] == [
        "revisions[2] daté du 1er février 2034, plus d'un an après l'horizon (25 mars 2024) : "
        "une fois publié, tout bloc suivant devra être daté après lui (l'année de `date` "
        "est-elle la bonne ?)"
    ]
    late = SECOND.replace("2024-02-01", "2025-03-25")  # a year to the day: nothing said
    assert _groups(ledger_text(late))[1:] == []
    later = SECOND.replace("2024-02-01", "2025-03-26")  # the day after: said
    assert _groups(ledger_text(later))[-1][0].startswith("revisions[2] daté du 26 mars 2025")


def test_a_zone_that_is_a_fixed_offset_is_named_while_it_can_change() -> None:
    """A user's trial: `timezone = "UTC"` and `Etc/GMT-2` were accepted without a word,
    though a notice's 18:00 is Paris's (UTC+1 in winter, UTC+2 in summer). Named for the
    calendar while its first block stands alone (a published zone cannot change: a
    warning at every build could be silenced by nothing), for a rule by the block that
    states it."""
    utc = CALENDAR.replace('timezone = "Europe/Paris"', 'timezone = "UTC"')
    assert _groups(ledger_text(calendar=utc))[1:] == [
        [
            "calendar.timezone = « UTC » : un décalage fixe, sans heure d'été, et non l'heure "
            "d'un lieu : les heures que donnent les avis (celles de Paris, le plus souvent) y "
            "seraient décalées une partie de l'année, ou toute l'année (écrivez le nom du "
            "lieu : Europe/Paris, America/Martinique…)"
        ]
    ]
    assert _groups(ledger_text(SECOND, calendar=utc))[1:] == []
    offset = SECOND + (
        "from = 2024-02-05\n[revisions.confirmation]\nday = 2\ntime = 18:00:00\n"
        'minutes = 30\ntimezone = "Etc/GMT-2"\n'
    )
    (said,) = _groups(ledger_text(offset))[1:]
    assert said[0].startswith("confirmation.timezone = « Etc/GMT-2 » : un décalage fixe")
    assert _groups(ledger_text(offset, notice(3, "2024-02-08")))[1:] == []
    # The single-revision format is one block for ever, published with its zone: a
    # warning at every build could be silenced by nothing (a review found it so).
    single = definition_text("[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n", timezone="UTC")
    assert not any("décalage fixe" in line for group in _groups(single) for line in group)
    # Nor a rule's zone, which nothing tells from the one of the build before (a review).
    ruled = single.replace("minutes = 30\n", 'minutes = 30\ntimezone = "Etc/GMT-2"\n', 1)
    assert ruled != single
    assert not any("décalage fixe" in line for group in _groups(ruled) for line in group)
    # A place's zone, with or without daylight-saving time: nothing to say.
    martinique = CALENDAR.replace('timezone = "Europe/Paris"', 'timezone = "America/Martinique"')
    assert _groups(ledger_text(calendar=martinique))[1:] == []
    assert _groups(ledger_text())[1:] == []


# Portal open from Monday 08:00 to Tuesday 23:00, the confirmation on Wednesday 18:00.
OPEN_8_TO_23 = FIRST.replace(
    'days = ["monday", "tuesday"]\n',
    'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n',
)
EARLY = (
    "confirmations affichées avant la fermeture du portail (une session allongée ? la "
    "confirmation suit d'ordinaire la fermeture) :"
)


def test_a_confirmation_before_the_portal_closes_is_named() -> None:
    """A user's trial copied the shipped ledger's example of a longer session (Friday to
    Wednesday, J still the Monday): its confirmation showed on the Wednesday at 18:00,
    the portal open until 23:00, and check said nothing. Said, not refused: a ledger an
    earlier vaxical published so must still load (a published block cannot change)."""
    longer = OPEN_8_TO_23 + (
        "[[revisions.exceptions]]\nsession = 2024-01-15\ndays = [2024-01-12, 2024-01-17]\n"
        'reason = "Essai"\n'
    )
    assert _groups(ledger_text(first=longer))[1:] == [
        [
            EARLY,
            "  session des 12-17 janvier 2024 : confirmation mercredi 17 janvier, 18h00, "
            "fermeture du portail mercredi 17 janvier, 23h00",
        ]
    ]
    # Ended on the Tuesday, as the notices did over holidays (DGS-Urgent 2023-08).
    assert _groups(ledger_text(first=longer.replace("2024-01-17]", "2024-01-16]")))[1:] == []
    # Every session: the confirmation on the last day at 18:00 (day = 1), the first two
    # of 12 named here, from the block's day (2 January) on.
    same_day = _groups(ledger_text(first=OPEN_8_TO_23.replace("day = 2\ntime", "day = 1\ntime")))
    assert same_day[1][:3] == [
        EARLY,
        "  session des 8-9 janvier 2024 : confirmation mardi 9 janvier, 18h00, fermeture du "
        "portail mardi 9 janvier, 23h00",
        "  session des 15-16 janvier 2024 : confirmation mardi 16 janvier, 18h00, fermeture du "
        "portail mardi 16 janvier, 23h00",
    ]
    assert len(same_day[1]) == 1 + 12
    # Hours stated in Paris, the calendar in La Réunion (UTC+4): the portal closes at
    # 02:00 the day after the last day there; a confirmation at 00:30 comes before it.
    reunion = CALENDAR.replace("Europe/Paris", "Indian/Reunion")
    paris_hours = OPEN_8_TO_23.replace(
        "closes = 23:00:00\n", 'closes = 23:00:00\ntimezone = "Europe/Paris"\n'
    )
    night = _groups(
        ledger_text(calendar=reunion, first=paris_hours.replace("18:00:00", "00:30:00"))
    )
    assert night[1][1] == (
        "  session des 8-9 janvier 2024 : confirmation mercredi 10 janvier, 0h30, fermeture du "
        "portail mercredi 10 janvier, 2h00"
    )
    assert (
        _groups(ledger_text(calendar=reunion, first=paris_hours.replace("18:00:00", "02:00:00")))[
            1:
        ]
        == []
    )


def test_build_says_a_block_dated_years_after_the_horizon_as_check_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A publisher's trial: `check` named the 2042 of a typo, `build` printed nothing of
    it (a warning of one line, without lines under it, was left out) and published it."""
    (tmp_path / "schedules").mkdir()
    typo = SECOND.replace("2024-02-01", "2034-02-01")
    (tmp_path / "schedules" / "essai.toml").write_text(ledger_text(typo), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    warning = (
        "revisions[2] daté du 1er février 2034, plus d'un an après l'horizon (25 mars 2024) : "
        "une fois publié, tout bloc suivant devra être daté après lui (l'année de `date` "
        "est-elle la bonne ?)"
    )
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"  {warning}"
    assert main(["build"]) == 0  # a warning, not an error
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"vaxical : attention : schedules/essai.toml : {warning}"
    )


def test_a_block_that_brings_the_horizon_forward_names_the_sessions_it_withdraws() -> None:
    earlier = SECOND.replace(
        'summary = "Un changement."\n', 'summary = "Un changement."\nhorizon = 2024-03-04\n'
    )
    assert _groups(ledger_text(earlier))[1:] == [
        [
            "sessions publiées que la dernière révision retire en avançant l'horizon au 4 mars "
            "2024 :",
            "  session des 11-12 mars 2024 (ouverte)",
            "  session des 18-19 mars 2024 (ouverte)",
            "  session des 25-26 mars 2024 (ouverte)",
        ]
    ]


def test_a_block_that_publishes_past_sessions_names_them() -> None:
    """A notice of 1 May that only moves the horizon on (no period: the cadence goes on)
    publishes five sessions of April after the fact (they were called changed)."""
    late = SECOND.replace("date = 2024-02-01", "date = 2024-05-01").replace(
        'summary = "Un changement."\n', 'summary = "Un changement."\nhorizon = 2024-06-24\n'
    )
    assert _groups(ledger_text(late))[1:] == [
        [
            "sessions déjà passées le 1er mai 2024 que la dernière révision ajoute (publiées "
            "après coup : le portail était-il ouvert ?) :",
            "  session des 1er-2 avril 2024 (ouverte)",
            "  session des 8-9 avril 2024 (ouverte)",
            "  session des 15-16 avril 2024 (ouverte)",
            "  session des 22-23 avril 2024 (ouverte)",
            "  session des 29-30 avril 2024 (ouverte)",
        ]
    ]


def test_only_what_the_latest_block_changed_is_named() -> None:
    """Two blocks of 1 February: the first moves a delivery of January, the second closes
    a session of February. The second changed nothing in the past (the January session
    was said to be its doing: both blocks' events bear the same date)."""
    moves = SECOND + (
        "[[revisions.exceptions]]\nsession = 2024-01-15\n"
        'delivery = [2024-01-26, 2024-01-29]\nreason = "Retard"\n'
    )
    closes = SECOND.replace("Avis N°2", "Avis N°3") + (
        '[[revisions.exceptions]]\nsession = 2024-02-12\nclose = true\nreason = "Inventaire"\n'
    )
    assert _groups(ledger_text(moves, closes))[1:] == []


def test_a_past_session_moved_into_the_future_is_named() -> None:
    """The 29-30 January session, over on 1 February, moved to 1-2 February by a notice
    of that day (it was seen by its new days only, which are not over)."""
    moves = SECOND + (
        '[[revisions.exceptions]]\nsession = 2024-01-29\nmove_to = 2024-02-01\nreason = "Report"\n'
    )
    assert _groups(ledger_text(moves))[1:] == [
        [
            "sessions déjà passées le 1er février 2024 que la dernière révision change (une "
            "correction ? sinon, une date à revoir) :",
            "  session des 1er-2 février 2024 (ouverte)",
        ]
    ]


def test_the_closing_block_of_a_gap_is_dated_once_when_both_blocks_share_a_day() -> None:
    same_day = CAMPAIGN.format(start="2024-10-07").replace("date = 2024-09-01", "date = 2024-01-02")
    warning = gap_warning(loads(ledger_text(same_day), "x.toml"))
    assert warning is not None
    assert "ajoutez avant ce bloc un bloc daté du mardi 2 janvier 2024 qui le ferme" in (
        warning.format()
    )


def test_blocks_appended_together_are_checked_from_the_first_of_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Published with the first block only, then built with the three 2023 notices after
    it at once: the May holidays of the 26 April notice are said, where the build looked
    only from the last block's day (15 September) and said nothing (a publisher's trial)."""
    site = tmp_path / "published"
    assert main(["build", str(LEDGER_2023), "--as-of", "2023-01-30", "--out", str(site)]) == 0
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["build", str(LEDGER_2023), "--previous", str(site), "--out", str(out)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert warnings[0] == (
        f"vaxical : attention : {LEDGER_2023} : 7 dates à vérifier à partir du 26 avril 2023, "
        "jour de la première révision non publiée (jours fériés de toutes les régions, "
        "week-ends) :"
    )
    assert warnings[2] == (
        "    lundi 1er mai 2023 : Fête du Travail (toute la France) — session des 28 avril – "
        "2 mai 2023 ; ouverte dès le vendredi précédent"
    )
    assert len(warnings) == 8
