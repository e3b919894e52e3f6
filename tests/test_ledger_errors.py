"""Every key of the ledger format, wrong: the exact message a publisher reads (issue 10).

Each case is a small ledger (tests/ledger_text.py) with one thing wrong, and the first
line of each message written out whole.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vaxical.cli import main
from vaxical.definition import loads
from vaxical.schedule.expand import expand

from .conftest import Case, first_lines, fixes_followed
from .ledger_text import CALENDAR, FIRST, REOPEN, SECOND, SUSPEND, ledger_text, notice

THIRD = notice(3, "2024-02-20")
CLOSE_26 = '[[revisions.exceptions]]\nsession = 2024-02-26\nclose = true\nreason = "Stock"\n'
MOVE_12 = '[[revisions.exceptions]]\nsession = 2024-02-12\nmove_to = 2024-02-14\nreason = "Grève"\n'

CASES: tuple[Case, ...] = (
    Case(
        "date-missing",
        ledger_text(SECOND.replace("date = 2024-02-01\n", "")),
        [
            "x.toml:37:1: revisions[2].date: `date` is missing. Fix: add `date = YYYY-MM-DD` to the second [[revisions]] block.",
        ],
    ),
    # A publisher's trial: a block appended without its [[revisions]] line was told to
    # move its keys up, into the block before, where they are keys written twice.
    Case(
        "block-without-its-header",
        ledger_text(SECOND + CLOSE_26, notice(3, "2024-02-20").replace("[[revisions]]\n", "")),
        [
            "x.toml:48:1: revisions[2].exceptions[1].reference: `reference` belongs in the [[revisions]] section. Fix: if it starts a new block, add a [[revisions]] line above it; otherwise move the line below its block's [[revisions]] header.",
            "x.toml:49:1: revisions[2].exceptions[1].date: `date` belongs in the [[revisions]] section. Fix: if it starts a new block, add a [[revisions]] line above it; otherwise move the line below its block's [[revisions]] header.",
            "x.toml:50:1: revisions[2].exceptions[1].title: `title` belongs in the [[revisions]] section. Fix: if it starts a new block, add a [[revisions]] line above it; otherwise move the line below its block's [[revisions]] header.",
            "x.toml:51:1: revisions[2].exceptions[1].url: `url` belongs in the [[revisions]] section. Fix: if it starts a new block, add a [[revisions]] line above it; otherwise move the line below its block's [[revisions]] header.",
            "x.toml:52:1: revisions[2].exceptions[1].summary: `summary` belongs in the [[revisions]] section. Fix: if it starts a new block, add a [[revisions]] line above it; otherwise move the line below its block's [[revisions]] header.",
        ],
    ),
    # A publisher's trial: the first block's `from` (where its notice's table starts) on
    # a Tuesday passed; the later blocks' were refused.
    Case(
        "first-block-from-on-another-weekday",
        ledger_text(
            first=FIRST.replace(
                "horizon = 2024-03-25\n", "horizon = 2024-03-25\nfrom = 2024-01-09\n"
            )
        ),
        [
            "x.toml:17:1: revisions[1].from = 2024-01-09: is a tuesday, but sessions start on a monday. Fix: give the first day of the first session it governs: 2024-01-08 or 2024-01-15.",
        ],
    ),
    Case(
        "date-order",
        ledger_text(SECOND.replace("2024-02-01", "2023-12-01")),
        [
            "x.toml:39:1: revisions[2].date = 2023-12-01: is before the previous block's date (2024-01-02). Fix: append blocks in the order they were published; never edit a published one.",
        ],
    ),
    # Two instants of one day: said in UTC, where the days alone read the same.
    Case(
        "date-order-within-a-day",
        ledger_text(
            SECOND.replace("date = 2024-02-01", "date = 2024-02-01T23:00:00Z"),
            SECOND.replace("Avis N°2", "Avis N°3").replace(
                "date = 2024-02-01", "date = 2024-02-02T00:30:00+02:00"
            ),
        ),
        [
            "x.toml:46:1: revisions[3].date = 2024-02-02T00:30:00+02:00: is 2024-02-01 22:30 UTC, before the previous block's date (2024-02-01 23:00 UTC). Fix: append blocks in the order they were published; never edit a published one.",
        ],
    ),
    # Two blocks swapped, the later one widening the horizon: read first, it failed on
    # the horizon its elder had not yet set, and the order was never said.
    Case(
        "blocks-swapped",
        ledger_text(
            SECOND.replace("2024-02-01", "2024-03-01")
            + "[[revisions.periods]]\nstart = 2024-04-01\nevery_weeks = 2\n",
            SECOND.replace("Avis N°2", "Avis N°3") + "horizon = 2024-06-24\n",
        ),
        [
            "x.toml:49:1: revisions[3].date = 2024-02-01: is before the previous block's date (2024-03-01). Fix: append blocks in the order they were published; never edit a published one.",
        ],
    ),
    # A block that fails stops the reading: the next one, read against the calendar
    # without it, was told its period starts after a horizon the failed block moved on.
    Case(
        "later-blocks-wait",
        ledger_text(
            SECOND + "horizon = 2024-06-24\n[[revisions.periods]]\nstart = 2024-04-01\n"
            "every_weeks = 0\n",
            notice(3, "2024-03-01")
            + "[[revisions.periods]]\nstart = 2024-04-08\nevery_weeks = 2\n",
        ),
        [
            "x.toml:46:1: revisions[2].periods[1].every_weeks = 0: must be between 1 and 52. Fix: use a whole number from 1 to 52, e.g. `every_weeks = 2`.",
            "x.toml:48:1: revisions[3]: not read: it amends revisions[2], which has problems. Fix: fix revisions[2] first; this block is read once it is right.",
        ],
    ),
    # A problem found in the calendar a block leaves (a confirmation in the night of the
    # March 2024 clock change) stops the reading too: it was said again of the next
    # block, which has no confirmation table (its header's line).
    Case(
        "later-blocks-wait-for-the-schedule",
        ledger_text(
            SECOND + "from = 2024-03-25\n[revisions.confirmation]\nday = 6\ntime = 02:30:00\n"
            "minutes = 30\n",
            notice(3, "2024-03-01"),
        ),
        [
            "x.toml:46:1: revisions[2].confirmation.time = 02:30:00: 2024-03-31 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: choose a confirmation time that exists once in Europe/Paris that day (e.g. 03:30:00), or move the session with an exception.",
            "x.toml:49:1: revisions[3]: not read: it amends revisions[2], which has problems. Fix: fix revisions[2] first; this block is read once it is right.",
        ],
    ),
    # Several blocks after the broken one: said once.
    Case(
        "later-blocks-counted",
        ledger_text(
            SECOND + "[[revisions.periods]]\nstart = 2024-02-05\nevery_weeks = 0\n",
            notice(3, "2024-03-01"),
            notice(4, "2024-03-08"),
        ),
        [
            "x.toml:45:1: revisions[2].periods[1].every_weeks = 0: must be between 1 and 52. Fix: use a whole number from 1 to 52, e.g. `every_weeks = 2`.",
            "x.toml:47:1: revisions[3]: not read, nor the one after it: they amend revisions[2], which has problems. Fix: fix revisions[2] first; they are read once it is right.",
        ],
    ),
    # Work stays bounded: each block replays the calendar it leaves.
    Case(
        "too-many-blocks",
        ledger_text(*[SECOND] * 1000),
        [
            "x.toml:7030:1: revisions[1001]: a ledger holds at most 1,000 blocks (a notice every other week for 38 years); this one has 1,001. Fix: continue in a new calendar (a definition with its own `id`), announced in this one's last block.",
        ],
    ),
    Case(
        "correction-and-notice",
        ledger_text(SECOND + 'correction = "Erreur"\n'),
        [
            "x.toml:38:1: revisions[2].reference: a correction has no notice; a block states one or the other. Fix: remove `correction` for a notice, or the notice's keys for a correction.",
        ],
    ),
    Case(
        "reference-twice",
        ledger_text(SECOND.replace("Avis N°2", "Avis N°1")),
        [
            'x.toml:38:1: revisions[2].reference = "Avis N°1": revisions[1] states this notice already. Fix: give each notice one block; a later change is a block of its own (with `correction = "…"` when no notice announces it).',
        ],
    ),
    Case(
        "from-missing",
        ledger_text(SECOND + "[revisions.delivery]\nfirst_day = 3\nlast_day = 4\n"),
        [
            "x.toml:43:1: revisions[2].delivery: does not say from which session it applies. Fix: add `from = <first day of the first session it governs>` to the block or to [revisions.delivery] (« à compter de la session du … »).",
        ],
    ),
    Case(
        "from-quoted",
        ledger_text(
            SECOND + 'from = "2024-02-05"\n[revisions.delivery]\nfirst_day = 3\nlast_day = 4\n'
        ),
        [
            'x.toml:43:1: revisions[2].from = "2024-02-05": expected a date (YYYY-MM-DD, no quotes), found text. Fix: remove the quotes: `from = 2024-02-05`.',
            "x.toml:44:1: revisions[2].delivery: does not say from which session it applies. Fix: add `from = <first day of the first session it governs>` to the block or to [revisions.delivery] (« à compter de la session du … »).",
        ],
    ),
    # A typo in the month of a horizon brought forward: the sessions of January, held
    # before the block's notice, would be taken back.
    Case(
        "horizon-before-the-blocks-date",
        ledger_text(SECOND + "horizon = 2024-01-22\n"),
        [
            "x.toml:43:1: revisions[2].horizon = 2024-01-22: would take back the session that began on 2024-01-29, before the block's own date (2024-02-01; the horizon was 2024-03-25). Fix: give the last day a session may start from now on, on or after 2024-01-29 (a typo in the month?). To close the portal, add [[revisions.periods]] with closed_until_further_notice = true.",
        ],
    ),
    Case(
        "horizon-missing",
        ledger_text(first=FIRST.replace("horizon = 2024-03-25\n", "")),
        [
            "x.toml:10:1: revisions[1].horizon: `horizon` is missing. Fix: add `horizon = YYYY-MM-DD` to the first [[revisions]] block.",
        ],
    ),
    Case(
        "opens-alone",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n', 'days = ["monday", "tuesday"]\nopens = 08:00:00\n'
            )
        ),
        [
            "x.toml:20:1: revisions[1].sessions.opens: is given without `closes`. Fix: give both, or neither; when the notice states only this one, the portal is open until the end of its last day: `closes = 23:59:59`.",
        ],
    ),
    # A publisher's trial: a notice says « jusqu'à 23 heures » and no opening time.
    Case(
        "closes-alone",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["monday", "tuesday"]\ncloses = 23:00:00\n',
            )
        ),
        [
            "x.toml:20:1: revisions[1].sessions.closes: is given without `opens`. Fix: give both, or neither; when the notice states only this one, the portal is open from the start of its first day: `opens = 00:00:00`.",
        ],
    ),
    Case(
        "none-with-rule",
        ledger_text(SECOND + "from = 2024-02-05\n[revisions.confirmation]\nnone = true\nday = 2\n"),
        [
            "x.toml:46:1: revisions[2].confirmation.day: [revisions.confirmation] says `none = true`, so it has no other rule. Fix: remove `none = true`, or the other keys.",
        ],
    ),
    Case(
        "confirmation-zone",
        ledger_text(
            first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "Europe/Pari"\n')
        ),
        [
            'x.toml:33:1: revisions[1].confirmation.timezone = "Europe/Pari": is not a known time zone. Fix: did you mean `Europe/Paris` (UTC+1, UTC+2 in summer)?',
        ],
    ),
    # A new user's trial: `UTC+2` was advised as `UTC` (which loads: every confirmation
    # two hours off); said as an offset, with the calendar's zone, that has its seasons.
    Case(
        "confirmation-zone-offset",
        ledger_text(first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "UTC+2"\n')),
        [
            "x.toml:33:1: revisions[1].confirmation.timezone = \"UTC+2\": is not a known time zone. Fix: `UTC+2` is an offset, which has no daylight-saving rules: UTC+2 is summer time in Europe/Paris, and the times would be an hour off all winter (as with `Etc/GMT-2`, the same offset under a zone's name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/Paris`, the calendar's zone (UTC+1 in winter, UTC+2 in summer).",
        ],
    ),
    Case(
        "sessions-zone-offset",  # was advised as `UTC`
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 23:00:00\n'
                'timezone = "UTC+1"\n',
            )
        ),
        [
            "x.toml:22:1: revisions[1].sessions.timezone = \"UTC+1\": is not a known time zone. Fix: `UTC+1` is an offset, which has no daylight-saving rules: UTC+1 is winter time in Europe/Paris, and the times would be an hour off all summer (as with `Etc/GMT-1`, the same offset under a zone's name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/Paris`, the calendar's zone (UTC+1 in winter, UTC+2 in summer).",
        ],
    ),
    # The zero offset, as any other: was advised as `UTC`, a fixed offset.
    Case(
        "confirmation-zone-offset-zero",
        ledger_text(first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "UTC+0"\n')),
        [
            'x.toml:33:1: revisions[1].confirmation.timezone = "UTC+0": is not a known time zone. Fix: `UTC+0` is an offset, which has no daylight-saving rules, and none of France\'s zones is at UTC+0: write the tz database name of the place whose clock the notice follows (Region/City), such as `Europe/Paris` for mainland France.',
        ],
    ),
    Case(
        "confirmation-zone-offset-zero-of-the-calendar-s-zone",
        ledger_text(
            first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "UTC+0"\n'),
            calendar=CALENDAR.replace('"Europe/Paris"', '"Europe/London"'),
        ),
        [
            "x.toml:33:1: revisions[1].confirmation.timezone = \"UTC+0\": is not a known time zone. Fix: `UTC+0` is an offset, which has no daylight-saving rules: UTC+0 is winter time in Europe/London, and the times would be an hour off all summer (as with `Etc/GMT`, the same offset under a zone's name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/London`, the calendar's zone (UTC+0 in winter, UTC+1 in summer).",
        ],
    ),
    Case(
        "confirmation-zone-city-in-another-region",  # was advised as `Europe/Vienna`
        ledger_text(
            first=FIRST.replace("minutes = 30\n", 'minutes = 30\ntimezone = "Europe/Cayenne"\n')
        ),
        [
            'x.toml:33:1: revisions[1].confirmation.timezone = "Europe/Cayenne": is not a known time zone. Fix: did you mean `America/Cayenne`? (Cayenne is in America.)',
        ],
    ),
    # A session's first day past the month's end: advised on the sessions' weekday (the
    # month's last day, a Saturday, was advised, and refused once written).
    Case(
        "period-start-past-the-month-s-end",
        ledger_text(first=FIRST.replace("start = 2024-01-08", "start = 2024-01-32")),
        [
            "x.toml:22:13: `start` is not a real date: 2024-01 has 31 days. Fix: check the day (01 to 31); `start` is the first day of a session, a monday: e.g. `start = 2024-01-29`.",
        ],
    ),
    Case(
        "from-past-the-month-s-end",
        ledger_text(
            SECOND + "from = 2024-02-31\n\n[revisions.delivery]\nfirst_day = 11\nlast_day = 12\n"
        ),
        [
            "x.toml:43:8: `from` is not a real date: 2024-02 has 29 days. Fix: check the day (01 to 29); `from` is the first day of a session, a monday: e.g. `from = 2024-02-26`.",
        ],
    ),
    # The days this block gives are the ones its period starts on.
    Case(
        "period-start-past-the-month-s-end-of-new-days",
        ledger_text(
            SECOND + "from = 2024-02-28\n\n[revisions.sessions]\n"
            'days = ["wednesday", "thursday"]\n\n'
            "[[revisions.periods]]\nstart = 2024-02-31\nevery_weeks = 1\n"
        ),
        [
            "x.toml:49:9: `start` is not a real date: 2024-02 has 29 days. Fix: check the day (01 to 29); `start` is the first day of a session, a wednesday: e.g. `start = 2024-02-28`.",
        ],
    ),
    Case(
        "exception-session-past-the-month-s-end",
        ledger_text(SECOND + CLOSE_26.replace("2024-02-26", "2024-02-31")),
        [
            "x.toml:44:11: `session` is not a real date: 2024-02 has 29 days. Fix: check the day (01 to 29); `session` is the first day of a session as the rules place it (a monday).",
        ],
    ),
    Case(
        "extra-session-past-the-month-s-end",  # any day: the month's last
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-02-31\nextra = true\nreason = "Stock"\n'
        ),
        [
            "x.toml:44:11: `session` is not a real date: 2024-02 has 29 days. Fix: check the day (01 to 29), e.g. `session = 2024-02-29`.",
        ],
    ),
    # A date and time with a field out of range: TOML said « expected newline or end of
    # document after a statement », which a new user's trial could not act on.
    Case(
        "date-hour-25",
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2024-02-01T25:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 25. Fix: check the hour (00 to 23), e.g. `date = 2024-02-01T23:00:00`.",
        ],
    ),
    Case(
        "date-hour-24",
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2024-02-01T24:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 24. Fix: the midnight that ends 2024-02-01 is the next day's 00:00:00: `date = 2024-02-02T00:00:00`.",
        ],
    ),
    Case(
        "date-second-60",  # a leap second: TOML's reader refuses it too
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2024-02-01T10:00:60")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no second 60 (TOML has no leap second). Fix: check the seconds (00 to 59), e.g. `date = 2024-02-01T10:00:59`.",
        ],
    ),
    Case(
        "date-and-time-past-the-month-s-end",  # TOML said « invalid date or datetime »
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2024-02-30T18:00:00+01:00")),
        [
            "x.toml:39:8: `date` is not a real date: 2024-02 has 29 days. Fix: check the day (01 to 29), e.g. `date = 2024-02-29T18:00:00+01:00`.",
        ],
    ),
    Case(
        "date-month-out-of-range-day-first",
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2024-13-02T18:00:00")),
        [
            "x.toml:39:12: `date` is not a real date: there is no month 13. Fix: write it as year-month-day, the month from 01 to 12; if the day was written first: `date = 2024-02-13T18:00:00`.",
        ],
    ),
    # No next day: OverflowError, an internal error; then advised as
    # 9999-12-31T23:59:59, which `check` refused in turn (a calendar holds 2000 to 2999).
    Case(
        "date-hour-24-of-the-last-day",
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 9999-12-31T24:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 24 (00:00:00 starts a day). Fix: check the hour (00 to 23) and the date: a calendar's dates run from 2000 to 2999.",
        ],
    ),
    Case(
        "date-hour-24-of-the-last-day-a-calendar-holds",  # was 3000-01-01T00:00:00, refused
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 2999-12-31T24:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 24. Fix: 2999-12-31 is the last day a calendar holds: for its end, write `date = 2999-12-31T23:59:59`.",
        ],
    ),
    Case(
        "date-hour-24-before-the-first-day-a-calendar-holds",  # its next day is held
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 1999-12-31T24:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 24. Fix: the midnight that ends 1999-12-31 is the next day's 00:00:00: `date = 2000-01-01T00:00:00`.",
        ],
    ),
    Case(
        "date-hour-25-in-a-year-no-calendar-holds",  # was 9999-12-31T23:00:00, refused
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 9999-12-31T25:00:00")),
        [
            "x.toml:39:18: `date` is not a real time of day: there is no hour 25. Fix: check the hour (00 to 23) and the date: a calendar's dates run from 2000 to 2999.",
        ],
    ),
    Case(
        "date-past-the-month-s-end-in-a-year-no-calendar-holds",  # was 3000-02-28, refused
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 3000-02-30")),
        [
            "x.toml:39:8: `date` is not a real date: 3000-02 has 28 days. Fix: check the day (01 to 28), and the year: a calendar's dates run from 2000 to 2999.",
        ],
    ),
    # 0000-02-30 was advised as 0000-02-29, refused in turn: TOML has no year 0.
    Case(
        "date-in-year-0",
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 0000-02-30")),
        [
            "x.toml:39:8: `date` is not a real date: there is no year 0000 (dates start at 0001-01-01). Fix: check the year (a calendar's dates run from 2000 to 2999).",
        ],
    ),
    Case(
        "date-in-year-0-of-a-real-day",  # was « check the day and month »
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 0000-01-01")),
        [
            "x.toml:39:8: `date` is not a real date: there is no year 0000 (dates start at 0001-01-01). Fix: check the year (a calendar's dates run from 2000 to 2999).",
        ],
    ),
    Case(
        "confirmation-minute-60",
        ledger_text(first=FIRST.replace("time = 18:00:00", "time = 18:60:00")),
        [
            "x.toml:31:10: `time` is not a real time of day: there is no minute 60. Fix: check the minutes (00 to 59), e.g. `time = 18:59:00`.",
        ],
    ),
    Case(
        "closes-at-24",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["monday", "tuesday"]\nopens = 08:00:00\ncloses = 24:00:00\n',
            )
        ),
        [
            "x.toml:21:12: `closes` is not a real time of day: there is no hour 24 (00:00:00 starts a day). Fix: for the end of a day, write `closes = 23:59:59`.",
        ],
    ),
    Case(
        "appointments-weekday",
        ledger_text(first=FIRST.replace("days_after_delivery = 1\n", 'weekday = "lundi"\n')),
        [
            'x.toml:35:1: revisions[1].appointments.weekday = "lundi": is French; day names are written in English here. Fix: write `weekday = "monday"`.',
        ],
    ),
    Case(
        "appointments-both",
        ledger_text(
            first=FIRST.replace(
                "days_after_delivery = 1\n", 'days_after_delivery = 1\nweekday = "monday"\n'
            )
        ),
        [
            'x.toml:36:1: revisions[1].appointments.weekday: is given with `days_after_delivery`; they say the same thing two ways. Fix: keep one: `weekday = "monday"` (the Monday after the delivery) or `days_after_delivery = 1` (the day after).',
        ],
    ),
    Case(
        "counted-from",
        ledger_text(
            first=FIRST.replace("last_day = 11\n", 'last_day = 11\ncounted_from = "end"\n')
        ),
        [
            'x.toml:28:1: revisions[1].delivery.counted_from = "end": is not a known choice. Fix: use one of: first-day, last-day',
        ],
    ),
    Case(
        "closed-weeks-no-rrule",
        ledger_text(
            first=FIRST.replace("every_weeks = 1\n", "every_weeks = 1\nclosed_weeks = true\n")
        ),
        [
            "x.toml:24:1: revisions[1].periods[1].closed_weeks: applies only to an `rrule` cadence (every-N-weeks periods always publish their closed weeks). Fix: remove `closed_weeks`.",
        ],
    ),
    Case(
        "suspended-with-cadence",
        ledger_text(
            SECOND
            + "[[revisions.periods]]\nstart = 2024-02-05\nevery_weeks = 1\nclosed_until_further_notice = true\n"
        ),
        [
            "x.toml:46:1: revisions[2].periods[1].closed_until_further_notice: a closure until further notice has no cadence and no end. Fix: keep `start` and `closed_until_further_notice = true` alone.",
        ],
    ),
    Case(
        "exception-days-far",
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-02-05\ndays = [2024-06-05, 2024-06-06]\nreason = "x"\n'
        ),
        [
            "x.toml:45:1: revisions[2].exceptions[1].days = [2024-06-05, 2024-06-06]: is too far from the session of 2024-02-05: a session moves at most 28 days and lasts at most 14 days. Fix: check the dates (a typo in the month or year?).",
        ],
    ),
    Case(
        "exception-extra-slot",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-05\nextra = true\nreason = "x"\n'
        ),
        [
            "x.toml:44:1: revisions[2].exceptions[1].session = 2024-02-05: the cadence already has a session on this day. Fix: remove `extra = true` and use `open = true` (or `move_to`) for that session.",
        ],
    ),
    Case(
        "exception-days-and-move",
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-02-05\nmove_to = 2024-02-06\ndays = [2024-02-02, 2024-02-06]\nreason = "x"\n'
        ),
        [
            "x.toml:46:1: revisions[2].exceptions[1].days: is given with `move_to`; they say the same thing two ways. Fix: keep `days = [first, last]` for a session of another length, `move_to` otherwise.",
        ],
    ),
    Case(
        "exceptions-same-days",
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-02-05\nmove_to = 2024-02-07\nreason = "x"\n[[revisions.exceptions]]\nsession = 2024-02-12\ndays = [2024-02-08, 2024-02-13]\nreason = "y"\n'
        ),
        [
            "x.toml:43:1: revisions[2].exceptions: the sessions of 2024-02-05 and 2024-02-12 would share 2024-02-08. Fix: move or lengthen only one of them onto those days, or close the other; for sessions on new days, end the earlier period before the day they share.",
        ],
    ),
    Case(
        "past-weeks",
        ledger_text(calendar=CALENDAR + "past_weeks = 2\n"),
        [
            "x.toml:9:1: calendar.past_weeks = 2: must be between 4 and 520. Fix: use a whole number from 4 to 520, e.g. `past_weeks = 53`.",
        ],
    ),
    Case(
        "rules-outside-block",
        ledger_text() + "\n[delivery]\nfirst_day = 10\nlast_day = 11\n",
        [
            "x.toml:37:1: delivery: with [[revisions]], the rules go inside a revision block. Fix: move it under the block that states it, as [revisions.delivery].",
        ],
    ),
    Case(
        "calendar-revised",
        ledger_text(calendar=CALENDAR + "revised = 2024-01-02\n"),
        [
            "x.toml:9:1: calendar.revised: in a ledger, each [[revisions]] block states its own `date`. Fix: remove it from [calendar].",
        ],
    ),
    # `day` (of [revisions.confirmation]) for `days`: a misspelling, not a misplaced key.
    Case(
        "day-for-days",
        ledger_text(first=FIRST.replace("days = [", "day = [")),
        [
            "x.toml:18:1: revisions[1].sessions.days: `days` is missing. Fix: rename `day` to `days`.",
            "x.toml:19:1: revisions[1].sessions.day: unknown key `day`. Fix: did you mean `days`? (Remove or rename the key.)",
        ],
    ),
    # An extra session held before the block is taken back too.
    Case(
        "horizon-back-past-an-extra-session-held",
        ledger_text(
            SECOND
            + '\n[[revisions.exceptions]]\nsession = 2024-03-21\nextra = true\nreason = "Renfort"\n',
            notice(3, "2024-03-25") + "horizon = 2024-03-18\n",
        ),
        [
            "x.toml:55:1: revisions[3].horizon = 2024-03-18: would take back the session that began on 2024-03-21, before the block's own date (2024-03-25; the horizon was 2024-03-25). Fix: give the last day a session may start from now on, on or after 2024-03-21 (a typo in the month?). To close the portal, add [[revisions.periods]] with closed_until_further_notice = true.",
        ],
    ),
    # `time` (of [revisions.confirmation]) in [revisions.sessions]: misplaced, not a
    # misspelt `timezone`.
    Case(
        "time-in-sessions",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n', 'days = ["monday", "tuesday"]\ntime = 18:00:00\n'
            )
        ),
        [
            "x.toml:20:1: revisions[1].sessions.time: `time` belongs in the [revisions.confirmation] section. Fix: move the line below the [revisions.confirmation] header.",
        ],
    ),
    # A key of the format beside the missing one is no misspelling of it.
    Case(
        "last-day-missing",
        ledger_text(first=FIRST.replace("last_day = 11\n", "")),
        [
            "x.toml:25:1: revisions[1].delivery.last_day: `last_day` is missing. Fix: add `last_day = 11` to [revisions.delivery] in the first [[revisions]] block.",
        ],
    ),
    Case(
        "unknown-key",
        ledger_text(
            SECOND + "from = 2024-02-05\n[revisions.delivery]\nfirst_dya = 3\nlast_day = 4\n"
        ),
        [
            "x.toml:44:1: revisions[2].delivery.first_day: `first_day` is missing. Fix: rename `first_dya` to `first_day`.",
            "x.toml:45:1: revisions[2].delivery.first_dya: unknown key `first_dya`. Fix: did you mean `first_day`? (Remove or rename the key.)",
        ],
    ),
    Case(
        "id-device",
        ledger_text(calendar=CALENDAR.replace('id = "essai"', 'id = "con"')),
        [
            'x.toml:2:1: calendar.id = "con": is a device name that Windows refuses as a file name. Fix: choose another id, e.g. `id = "vaccins-con"`.',
        ],
    ),
    Case(
        "rrule-interval-0",
        ledger_text(first=FIRST.replace("every_weeks = 1\n", 'rrule = "FREQ=WEEKLY;INTERVAL=0"\n')),
        [
            'x.toml:23:1: revisions[1].periods[1].rrule = "FREQ=WEEKLY;INTERVAL=0": has INTERVAL=0; it must be a whole number from 1 to 52. Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "rrule-secondly",
        ledger_text(first=FIRST.replace("every_weeks = 1\n", 'rrule = "FREQ=SECONDLY"\n')),
        [
            'x.toml:23:1: revisions[1].periods[1].rrule = "FREQ=SECONDLY": needs a FREQ of DAILY, WEEKLY, MONTHLY or YEARLY (sessions are days apart). Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "date-year-1",
        ledger_text(SECOND.replace("2024-02-01", "0001-02-01")),
        [
            "x.toml:39:1: revisions[2].date = 0001-02-01: is outside the dates a calendar can hold (2000-01-01 to 2999-12-31). Fix: check the year (a typo?).",
        ],
    ),
    # Only the calendar's identity: it needs a block (it was read as the format before
    # ledgers, and asked for its nine sections).
    Case(
        "no-revisions",
        CALENDAR,
        ["x.toml: revisions: no [[revisions]] entry. Fix: add at least one [[revisions]] section."],
    ),
    # A broken first block: the later ones (here one with its own periods) amend rules
    # that were never read, and are read once the first block is right. They crashed.
    Case(
        "first-block-broken",
        ledger_text(
            SECOND + "[[revisions.periods]]\nstart = 2024-02-05\nevery_weeks = 2\n",
            first=FIRST.replace("first_day = 10", "frist_day = 10"),
        ),
        [
            "x.toml:25:1: revisions[1].delivery.first_day: `first_day` is missing. Fix: rename `frist_day` to `first_day`.",
            "x.toml:26:1: revisions[1].delivery.frist_day: unknown key `frist_day`. Fix: did you mean `first_day`? (Remove or rename the key.)",
            "x.toml:37:1: revisions[2]: not read: it amends revisions[1], which has problems. Fix: fix revisions[1] first; this block is read once it is right.",
        ],
    ),
    Case(
        "first-block-without-horizon",
        ledger_text(SECOND, first=FIRST.replace("horizon = 2024-03-25\n", "")),
        [
            "x.toml:10:1: revisions[1].horizon: `horizon` is missing. Fix: add `horizon = YYYY-MM-DD` to the first [[revisions]] block.",
            "x.toml:36:1: revisions[2]: not read: it amends revisions[1], which has problems. Fix: fix revisions[1] first; this block is read once it is right.",
        ],
    ),
    # An exception past the horizon: the cadence has that Monday, the calendar does not
    # reach it (it was told no session starts on that day, the nearest being 25 March).
    Case(
        "exception-after-the-horizon",
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-04-01\nclose = true\nreason = "Inventaire"\n'
        ),
        [
            "x.toml:44:1: revisions[2].exceptions[1].session = 2024-04-01: is after the horizon (2024-03-25): the calendar ends before it. Fix: move the horizon later (`horizon = ` in the block), or check the date.",
        ],
    ),
    # Within the horizon but after a closure until further notice: the horizon is not
    # what ends the calendar there (it was blamed).
    Case(
        "exception-after-a-closure",
        ledger_text(
            SUSPEND.replace(
                "[[revisions.periods]]", "horizon = 2024-03-25\n\n[[revisions.periods]]"
            )
            + '\n[[revisions.exceptions]]\nsession = 2024-03-04\nopen = true\nreason = "Essai"\n'
        ),
        [
            "x.toml:51:1: revisions[2].exceptions[1].session = 2024-03-04: is in the closure until further notice (from 2024-02-12): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # An extra session is a session: not past the calendar's horizon (it was published,
    # then a closure took it out of the feeds).
    Case(
        "extra-after-the-horizon",
        ledger_text(
            SECOND
            + '\n[[revisions.exceptions]]\nsession = 2024-03-28\nextra = true\nreason = "Essai"\n'
        ),
        [
            "x.toml:45:1: revisions[2].exceptions[1].session = 2024-03-28: is after the horizon (2024-03-25): the calendar ends before it. Fix: move the horizon later (`horizon = ` in the block), or check the date.",
        ],
    ),
    # A session moved into the closure would be published open, with its delivery.
    Case(
        "moved-into-a-closure",
        ledger_text(
            SUSPEND,
            notice(3, "2024-02-03")
            + "\n[[revisions.exceptions]]\nsession = 2024-02-05\nmove_to = 2024-02-15\n"
            'reason = "Essai"\n',
        ),
        [
            "x.toml:57:1: revisions[3].exceptions[1].move_to = 2024-02-15: is in the closure until further notice (from 2024-02-12): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # Between two sessions a closure closed, after a later block reopened the portal: the
    # portal was closed there all the same (an extra session on a Wednesday was taken).
    Case(
        "extra-in-a-past-closure",
        ledger_text(
            SUSPEND,
            REOPEN,
            notice(4, "2024-02-25")
            + "\n[[revisions.exceptions]]\nsession = 2024-02-21\nextra = true\n"
            'reason = "Essai"\n',
        ),
        [
            "x.toml:67:1: revisions[4].exceptions[1].session = 2024-02-21: is in the portal's closure (from 2024-02-12 to the session of 2024-03-04): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # Reopened, then closed again before the reopening: one closure, never ended.
    Case(
        "extra-in-a-closure-closed-again",
        ledger_text(
            SUSPEND,
            REOPEN,
            notice(4, "2024-02-22")
            + "\n[[revisions.periods]]\nstart = 2024-02-26\nclosed_until_further_notice = true\n",
            notice(5, "2024-02-25")
            + "\n[[revisions.exceptions]]\nsession = 2024-02-21\nextra = true\n"
            'reason = "Essai"\n',
        ),
        [
            "x.toml:78:1: revisions[5].exceptions[1].session = 2024-02-21: is in the closure until further notice (from 2024-02-12): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # The reopening session may open from the Friday before, no earlier.
    Case(
        "reopening-opened-too-early",
        ledger_text(
            SUSPEND,
            REOPEN,
            notice(4, "2024-02-25") + "\n[[revisions.exceptions]]\nsession = 2024-03-04\n"
            'days = [2024-02-28, 2024-03-05]\nreason = "Essai"\n',
        ),
        [
            "x.toml:68:1: revisions[4].exceptions[1].days = [2024-02-28, 2024-03-05]: starts on 2024-02-28, in the portal's closure (from 2024-02-12 to the session of 2024-03-04): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # A session moved earlier and held: taken back by its days, not by its identity.
    Case(
        "horizon-back-past-a-moved-session-held",
        ledger_text(
            SECOND
            + '\n[[revisions.exceptions]]\nsession = 2024-03-18\nmove_to = 2024-03-14\nreason = "Essai"\n',
            notice(3, "2024-03-16") + "horizon = 2024-03-15\n",
        ),
        [
            "x.toml:55:1: revisions[3].horizon = 2024-03-15: would take back the session that began on 2024-03-14, before the block's own date (2024-03-16; the horizon was 2024-03-25). Fix: give the last day a session may start from now on, on or after 2024-03-18 (a typo in the month?). To close the portal, add [[revisions.periods]] with closed_until_further_notice = true.",
        ],
    ),
    # Days put in the closure: said with the days as written.
    Case(
        "days-in-a-closure",
        ledger_text(
            SUSPEND,
            notice(3, "2024-02-03") + "\n[[revisions.exceptions]]\nsession = 2024-02-05\n"
            'days = [2024-02-13, 2024-02-14]\nreason = "Essai"\n',
        ),
        [
            "x.toml:57:1: revisions[3].exceptions[1].days = [2024-02-13, 2024-02-14]: starts on 2024-02-13, in the closure until further notice (from 2024-02-12): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    # Once reopened, the closure's sessions stay closed: an exception there was ignored.
    Case(
        "opening-a-session-of-a-past-closure",
        ledger_text(
            SUSPEND,
            notice(3, "2024-02-20")
            + "\n[[revisions.periods]]\nstart = 2024-03-11\nevery_weeks = 1\n",
            notice(4, "2024-02-21")
            + "\n[[revisions.exceptions]]\nsession = 2024-02-26\nopen = true\n"
            'reason = "Essai"\n',
        ),
        [
            "x.toml:67:1: revisions[4].exceptions[1].session = 2024-02-26: is in the portal's closure (from 2024-02-12 to the session of 2024-03-11): no session opens, moves or changes there. Fix: check the date; to reopen the portal, append a block with [[revisions.periods]] from the session it reopens at.",
        ],
    ),
    Case(
        "one-day-session-closing-before-it-opens",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["monday"]\nopens = 22:00:00\ncloses = 02:00:00\n',
            )
        ),
        [
            "x.toml:21:1: revisions[1].sessions.closes = 02:00:00: is not after `opens` (22:00:00), on a one-day session. Fix: give a closing time later that day, or make the session two days long.",
        ],
    ),
    Case(
        "session-timezone-without-hours",
        ledger_text(
            first=FIRST.replace(
                'days = ["monday", "tuesday"]\n',
                'days = ["monday", "tuesday"]\ntimezone = "Europe/Paris"\n',
            )
        ),
        [
            "x.toml:20:1: revisions[1].sessions.timezone: is the zone of the session's hours, which are not given. Fix: give `opens` and `closes` too, or remove `timezone`.",
        ],
    ),
    # « à compter de la session du 18 novembre » written with the session's Tuesday: the
    # rule was applied from the next session on, in silence.
    Case(
        "from-not-a-first-day",
        ledger_text(
            SECOND + "from = 2024-02-20\n[revisions.delivery]\nfirst_day = 7\nlast_day = 8\n"
        ),
        [
            "x.toml:43:1: revisions[2].from = 2024-02-20: is a tuesday, but sessions start on a monday. Fix: give the first day of the first session it governs: 2024-02-19 or 2024-02-26.",
        ],
    ),
    Case(
        "table-from-not-a-first-day",
        ledger_text(
            SECOND
            + "[revisions.confirmation]\nfrom = 2024-02-22\nday = 3\ntime = 18:00:00\nminutes = 30\n"
        ),
        [
            "x.toml:44:1: revisions[2].confirmation.from = 2024-02-22: is a thursday, but sessions start on a monday. Fix: give the first day of the first session it governs: 2024-02-19 or 2024-02-26.",
        ],
    ),
    # The fix gave the format's example dates, of 2023, not the user's swapped.
    Case(
        "delivery-days-reversed",
        ledger_text(
            SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\n"
            'delivery = [2024-02-27, 2024-02-26]\nreason = "Transporteur"\n'
        ),
        [
            "x.toml:45:1: revisions[2].exceptions[1].delivery = [2024-02-27, 2024-02-26]: the last day is before the first. Fix: write `delivery = [2024-02-26, 2024-02-27]`.",
        ],
    ),
    # Sessions on Tuesdays from 20 February, without a period: they stayed on Mondays.
    # The session of Monday 19, before it, runs into it: it is kept, and the Tuesdays
    # start the next week (the fix ended the Mondays on the 18th, taking it back).
    Case(
        "days-on-another-weekday-without-a-period",
        ledger_text(
            SECOND + 'from = 2024-02-20\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-19`, then one with `start = 2024-02-27` (the first session on tuesdays) and `every_weeks = 1`.',
        ],
    ),
    # No session on Mondays ends before Tuesday 9 January: the periods named could not
    # be written (an end before the start); the new days start a week later, the session
    # of Monday 8 kept, and `from` as it was.
    Case(
        "days-on-another-weekday-in-the-first-week",
        ledger_text(
            SECOND.replace("2024-02-01", "2024-01-03")
            + 'from = 2024-01-09\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-08`, then one with `start = 2024-01-16` (the first session on tuesdays) and `every_weeks = 1`.',
        ],
    ),
    # Sessions that meet because of new days and a period, in a block without exceptions:
    # it named revisions[2].exceptions, which the block has not.
    Case(
        "sessions-meeting-on-new-days",
        ledger_text(
            SECOND + 'from = 2024-02-20\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n'
            "[[revisions.periods]]\nstart = 2024-02-20\nevery_weeks = 1\n"
        ),
        [
            "x.toml:37:1: revisions[2]: the sessions of 2024-02-19 and 2024-02-20 would share 2024-02-20. Fix: move or lengthen only one of them onto those days, or close the other; for sessions on new days, end the earlier period before the day they share.",
        ],
    ),
    # Every other week: the new days move by the cadence's two weeks, keeping its weeks.
    Case(
        "days-on-another-weekday-in-the-first-fortnight",
        ledger_text(
            SECOND.replace("2024-02-01", "2024-01-03")
            + 'from = 2024-01-09\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n',
            first=FIRST.replace("every_weeks = 1", "every_weeks = 2"),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-08`, then one with `start = 2024-01-23` (the first session on tuesdays) and `every_weeks = 2`.',
        ],
    ),
    # A fortnightly RRULE moves them by its INTERVAL, and the `from` named is the table's.
    Case(
        "days-on-another-weekday-of-a-fortnightly-rrule",
        ledger_text(
            notice(2, "2024-01-03")
            + '[revisions.sessions]\nfrom = 2024-01-09\ndays = ["tuesday", "wednesday"]\n',
            first=FIRST.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"'),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-08`, then one with `start = 2024-01-23` (the first session on tuesdays) and `rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"`.',
        ],
    ),
    # New days from a week the fortnightly cadence leaves closed: the periods named opened
    # it, breaking the rhythm; they start on an open week. The closed session of Monday
    # 15, before `from`, stays (the Mondays ended on the 14th).
    Case(
        "days-on-another-weekday-from-a-closed-week",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-16\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n',
            first=FIRST.replace("every_weeks = 1", "every_weeks = 2"),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-15`, then one with `start = 2024-01-23` (the first session on tuesdays) and `every_weeks = 2`.',
        ],
    ),
    # `extra = false` alone was taken for a change (its key was there).
    Case(
        "extra-false-alone",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\nreason = "R"\n',
            THIRD + '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = false\nreason = "A"\n',
        ),
        [
            "x.toml:56:1: revisions[3].exceptions[1].extra = false: is false, which changes nothing. Fix: write `open = true` to open a closed session, `close = true` to close an open one, or remove the entry.",
        ],
    ),
    # `close = false` on a week an earlier block closed: its fix said « add close = true ».
    Case(
        "close-false-on-a-closed-week",
        ledger_text(
            SECOND + CLOSE_26,
            THIRD + CLOSE_26.replace("close = true", "close = false"),
        ),
        [
            "x.toml:56:1: revisions[3].exceptions[1].close = false: is false, which changes nothing. Fix: write `open = true` to open a closed session, `close = true` to close an open one, or remove the entry.",
        ],
    ),
    # Weeks are calendar weeks: Monday 22 January belongs with the open Wednesday 24th
    # (it was sent a week later, breaking the fortnight).
    Case(
        "days-earlier-in-the-week-of-an-open-session",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-22\n[revisions.sessions]\ndays = ["monday", "tuesday"]\n',
            first=FIRST.replace(
                'days = ["monday", "tuesday"]', 'days = ["wednesday", "thursday"]'
            ).replace("start = 2024-01-08\nevery_weeks = 1", "start = 2024-01-10\nevery_weeks = 2"),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["monday", "tuesday"]: start on a monday, but the periods in force place sessions on wednesdays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-10`, its cadence) with `end = 2024-01-21`, then one with `start = 2024-01-22` (the first session on mondays) and `every_weeks = 2`.',
        ],
    ),
    # One-day sessions: the old one of the new days' week ends too (both were open).
    Case(
        "one-day-sessions-on-another-weekday",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-16\n[revisions.sessions]\ndays = ["tuesday"]\n',
            first=FIRST.replace('days = ["monday", "tuesday"]', 'days = ["monday"]').replace(
                "every_weeks = 1", "every_weeks = 2"
            ),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-15`, then one with `start = 2024-01-23` (the first session on tuesdays) and `every_weeks = 2`.',
        ],
    ),
    # During a closure until further notice, the periods the hint named were refused.
    Case(
        "days-on-another-weekday-in-a-closure",
        ledger_text(
            SUSPEND,
            notice(3, "2024-02-20")
            + 'from = 2024-03-06\n[revisions.sessions]\ndays = ["wednesday"]\n',
        ),
        [
            'x.toml:56:1: revisions[3].sessions.days = ["wednesday"]: start on a wednesday, but the portal is closed until further notice: no session would take them. Fix: give the new days in the block that reopens the portal, with its period.',
        ],
    ),
    # A `from` on the old days' weekday (« from the session of 22 January »): the hint now
    # names the `from` of the new days too, which the `from` check asked for after. That
    # session moves to the Thursday of its week (the Mondays ended on the 23rd: two
    # sessions that week).
    Case(
        "days-on-another-weekday-from-an-old-session",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-22\n[revisions.sessions]\ndays = ["thursday", "friday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["thursday", "friday"]: start on a thursday, but the periods in force place sessions on mondays: they would not move. Fix: give the block\'s `from = 2024-01-25` and add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-21`, then one with `start = 2024-01-25` (the first session on thursdays) and `every_weeks = 1`.',
        ],
    ),
    # `close = false` on a day no session starts: the day is what is wrong, said first
    # (the fix « write open = true » was refused next).
    Case(
        "false-flag-on-no-session-day",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-14\nclose = false\nreason = "X"\n'
        ),
        [
            "x.toml:44:1: revisions[2].exceptions[1].session = 2024-02-14: no session of the periods starts on this day. The nearest is 2024-02-12. Fix: give the first day of a session as the rules place it (before any move).",
        ],
    ),
    # An RRULE places sessions on its start's weekday too: it was let through. The rule
    # on the new day is named, and the session of Monday 12, before `from`, is kept.
    Case(
        "days-on-another-weekday-of-an-rrule",
        ledger_text(
            SECOND + 'from = 2024-02-13\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n',
            first=FIRST.replace("every_weeks = 1", 'rrule = "FREQ=WEEKLY;BYDAY=MO"'),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-12`, then one with `start = 2024-02-20` (the first session on tuesdays) and `rrule = "FREQ=WEEKLY;BYDAY=TU"`.',
        ],
    ),
    # Before the first session, no period is in force: the sessions stayed on Mondays
    # all the same, unsaid. The Thursdays take the calendar from the `from` on.
    Case(
        "days-on-another-weekday-before-the-first-period",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-04\n[revisions.sessions]\ndays = ["thursday", "friday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["thursday", "friday"]: start on a thursday, but the periods in force place sessions on mondays: they would not move. Fix: add a [[revisions.periods]] to the block with `start = 2024-01-04` (the first session on thursdays) and `every_weeks = 1`.',
        ],
    ),
    # From the first session: a block cannot take back the Monday the first published
    # (its periods start after it), so the Thursdays follow the next week.
    Case(
        "days-on-another-weekday-from-the-first-session",
        ledger_text(
            notice(2, "2024-01-03")
            + 'from = 2024-01-08\n[revisions.sessions]\ndays = ["thursday", "friday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["thursday", "friday"]: start on a thursday, but the periods in force place sessions on mondays: they would not move. Fix: give the block\'s `from = 2024-01-18` and add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-01-14`, then one with `start = 2024-01-18` (the first session on thursdays) and `every_weeks = 1`.',
        ],
    ),
    # From a Thursday, the Monday of its week before it: that session is kept, and the
    # Thursdays start the next week (the fix named the 22nd: two sessions that week).
    Case(
        "days-later-in-the-week-of-a-session-before-from",
        ledger_text(
            SECOND + 'from = 2024-02-22\n[revisions.sessions]\ndays = ["thursday", "friday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["thursday", "friday"]: start on a thursday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-21`, then one with `start = 2024-02-29` (the first session on thursdays) and `every_weeks = 1`.',
        ],
    ),
    # The Mondays still in force take the new days, but the Thursdays an earlier block
    # gave from 29 February would have too, from Thursday to Saturday, unsaid.
    Case(
        "days-on-the-weekday-in-force-but-not-of-a-later-period",
        ledger_text(
            SECOND + 'from = 2024-02-29\n[revisions.sessions]\ndays = ["thursday", "friday"]\n'
            "[[revisions.periods]]\nstart = 2024-01-08\nend = 2024-02-25\nevery_weeks = 1\n"
            "[[revisions.periods]]\nstart = 2024-02-29\nevery_weeks = 1\n",
            notice(3, "2024-02-05")
            + 'from = 2024-02-12\n[revisions.sessions]\ndays = ["monday", "tuesday", "wednesday"]\n',
        ),
        [
            'x.toml:62:1: revisions[3].sessions.days = ["monday", "tuesday", "wednesday"]: start on a monday, but the period from 2024-02-29 places sessions on thursdays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-11`, then one with `start = 2024-02-12` (the first session on mondays) and `every_weeks = 1`.',
        ],
    ),
    # The periods named drop the exception of a kept session: it is named too.
    Case(
        "days-on-another-weekday-after-an-exception",
        ledger_text(
            SECOND + CLOSE_26.replace("2024-02-26", "2024-02-12"),
            notice(3, "2024-02-05")
            + 'from = 2024-02-22\n[revisions.sessions]\ndays = ["thursday", "friday"]\n',
        ),
        [
            'x.toml:56:1: revisions[3].sessions.days = ["thursday", "friday"]: start on a thursday, but the periods in force place sessions on mondays: they would not move. Fix: add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-21`, then one with `start = 2024-02-29` (the first session on thursdays) and `every_weeks = 1`; its periods drop the earlier blocks\' exceptions from 2024-01-08 on: give again in it the exception of the session of 2024-02-12.',
        ],
    ),
    # No new session keeps the Monday of 18 March before the horizon: no periods named.
    Case(
        "days-on-another-weekday-at-the-horizon",
        ledger_text(
            SECOND + 'from = 2024-03-19\n[revisions.sessions]\ndays = ["tuesday", "wednesday"]\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["tuesday", "wednesday"]: start on a tuesday, but the periods in force place sessions on mondays: they would not move. Fix: add [[revisions.periods]] to the block that restate the calendar from the period in force on: that period again, with an `end` before the first session on tuesdays that leaves the sessions before `from` as they were, then periods from that session on tuesdays with the cadence, the end and the later periods the calendar had; if no session on tuesdays comes before the horizon (2024-03-25), give the block a later `horizon` too.',
        ],
    ),
    # A review: the two periods named dropped what the calendar had after the period in
    # force (a later period, an `end`, a rule that counts its sessions): followed, they
    # published sessions no notice announced. Those get the plainer fix.
    Case(
        "days-on-another-weekday-before-a-later-period",
        ledger_text(
            SECOND + 'from = 2024-02-05\n[revisions.sessions]\ndays = ["wednesday", "thursday"]\n',
            first=FIRST.replace(
                "every_weeks = 1\n",
                "every_weeks = 1\n\n[[revisions.periods]]\nstart = 2024-03-04\nevery_weeks = 2\n",
            ),
        ),
        [
            'x.toml:49:1: revisions[2].sessions.days = ["wednesday", "thursday"]: start on a wednesday, but the periods in force place sessions on mondays: they would not move. Fix: add [[revisions.periods]] to the block that restate the calendar from the period in force on: that period again, with an `end` before the first session on wednesdays that leaves the sessions before `from` as they were, then periods from that session on wednesdays with the cadence, the end and the later periods the calendar had; if no session on wednesdays comes before the horizon (2024-03-25), give the block a later `horizon` too.',
        ],
    ),
    Case(
        "days-on-another-weekday-of-a-period-that-ends",
        ledger_text(
            SECOND + 'from = 2024-02-05\n[revisions.sessions]\ndays = ["wednesday", "thursday"]\n',
            first=FIRST.replace("every_weeks = 1\n", "every_weeks = 1\nend = 2024-02-18\n"),
        ),
        [
            'x.toml:46:1: revisions[2].sessions.days = ["wednesday", "thursday"]: start on a wednesday, but the periods in force place sessions on mondays: they would not move. Fix: add [[revisions.periods]] to the block that restate the calendar from the period in force on: that period again, with an `end` before the first session on wednesdays that leaves the sessions before `from` as they were, then periods from that session on wednesdays with the cadence, the end and the later periods the calendar had; if no session on wednesdays comes before the horizon (2024-03-25), give the block a later `horizon` too.',
        ],
    ),
    Case(
        "days-on-another-weekday-of-a-counted-rule",
        ledger_text(
            SECOND + 'from = 2024-02-05\n[revisions.sessions]\ndays = ["wednesday", "thursday"]\n',
            first=FIRST.replace("every_weeks = 1\n", 'rrule = "FREQ=WEEKLY;COUNT=10"\n'),
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["wednesday", "thursday"]: start on a wednesday, but the periods in force place sessions on mondays: they would not move. Fix: add [[revisions.periods]] to the block that restate the calendar from the period in force on: that period again, with an `end` before the first session on wednesdays that leaves the sessions before `from` as they were, then periods from that session on wednesdays with the cadence, the end and the later periods the calendar had; if no session on wednesdays comes before the horizon (2024-03-25), give the block a later `horizon` too.',
        ],
    ),
    # A review: the block's own exception (of the session of 12 February, on the old days)
    # made every earlier candidate fail, and the fix said `from = 2024-02-21`. It is told
    # once the periods are written.
    Case(
        "days-on-another-weekday-with-an-exception-of-the-block",
        ledger_text(
            SECOND
            + 'from = 2024-02-05\n[revisions.sessions]\ndays = ["wednesday", "thursday"]\n\n'
            + '[[revisions.exceptions]]\nsession = 2024-02-12\nclose = true\nreason = "Stock"\n'
        ),
        [
            'x.toml:45:1: revisions[2].sessions.days = ["wednesday", "thursday"]: start on a wednesday, but the periods in force place sessions on mondays: they would not move. Fix: give the block\'s `from = 2024-02-07` and add two [[revisions.periods]] to the block: the period in force again (`start = 2024-01-08`, its cadence) with `end = 2024-02-04`, then one with `start = 2024-02-07` (the first session on wednesdays) and `every_weeks = 1`.',
        ],
    ),
    # A review: a block whose exception moves a session so that its confirmation (J+2,
    # 02:30) falls in the night Paris changes its clocks was told about a
    # `confirmation.time` it does not have.
    Case(
        "confirmation-in-a-dst-gap-by-a-moved-session",
        ledger_text(
            SECOND
            + "[[revisions.exceptions]]\nsession = 2024-03-25\nmove_to = 2024-03-29\n"
            + 'reason = "Déplacée"\n',
            first=FIRST.replace("time = 18:00:00", "time = 02:30:00"),
        ),
        [
            "x.toml:43:1: revisions[2].exceptions[1]: the confirmation of the session of 2024-03-25: 2024-03-31 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: move the session to another day with its exception: the rules' confirmation time does not exist once in Europe/Paris on that day.",
        ],
    ),
    # A review: `close = "-3"` was told to drop its quotes, and `close = -3` is refused in
    # turn: a number is no answer to yes or no.
    Case(
        "close-given-a-number",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-12\nclose = "-3"\nreason = "X"\n'
        ),
        [
            'x.toml:45:1: revisions[2].exceptions[1].close = "-3": expected true or false, found text. Fix: write `close = true` or `close = false`, without quotes.',
        ],
    ),
    # A helper's hostile inputs: Monday-to-Friday sessions under « open from the Friday
    # before a holiday »: Easter Monday's session would open on the Friday of the session
    # before. The message named two sessions and asked to move one, not the policy.
    Case(
        "holiday-policy-opens-on-a-day-of-the-session-before",
        ledger_text(
            first=FIRST.replace("horizon = 2024-03-25", "horizon = 2024-05-27")
            .replace(
                'days = ["monday", "tuesday"]',
                'days = ["monday", "tuesday", "wednesday", "thursday", "friday"]',
            )
            .replace(
                "[revisions.confirmation]\nday = 2\ntime = 18:00:00\nminutes = 30\n",
                "[revisions.confirmation]\nnone = true\n",
            )
            + '\n[revisions.holidays]\nsessions = "previous-friday"\n'
        ),
        [
            'x.toml:10:1: revisions[1]: the session of 2024-04-01 opens from the Friday before (2024-03-29) for Lundi de Pâques (2024-04-01; the holiday policy says sessions = "previous-friday"), a day of the session of 2024-03-25. Fix: sessions that hold that Friday leave it no room: close the session of the holiday instead (sessions = "close"), keep it as it is (sessions = "keep"), or close one of the two with an exception.',
        ],
    ),
    # A review: a text key given a time or a date without quotes was advised as a time
    # (`reason = 18:00:00`), then refused as no text; an exception's days written the
    # French way got TOML's own message.
    Case(
        "reason-written-as-a-time",
        ledger_text(
            SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\nclose = true\nreason = 18h\n"
        ),
        [
            'x.toml:46:12: the text `18h` is not in quotes. Fix: write it in double quotes: `reason = "18h"`.'
        ],
    ),
    Case(
        "exception-days-written-the-french-way",
        ledger_text(
            SECOND
            + '[[revisions.exceptions]]\nsession = 2024-02-12\ndays = 12/02/2024\nreason = "x"\n'
        ),
        [
            "x.toml:45:10: `days` is a date written day/month/year. Fix: write dates as year-month-day without quotes: `days = 2024-02-12`.",
        ],
    ),
    # A review: a block that only moves the horizon on brings a session whose
    # confirmation (the first block's rule, J+6 at 02:30) falls in the night the clocks
    # change; it was told to move the session « with its exception », which it has not.
    Case(
        "confirmation-in-a-dst-gap-by-a-later-horizon",
        ledger_text(
            SECOND + "horizon = 2024-04-29\n",
            first=FIRST.replace("time = 18:00:00", "time = 02:30:00")
            .replace("day = 2\n", "day = 6\n")
            .replace("horizon = 2024-03-25", "horizon = 2024-03-18"),
        ),
        [
            "x.toml:37:1: revisions[2]: the confirmation of the session of 2024-03-25: 2024-03-31 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: add [revisions.confirmation] to this block from that session, and in it choose a confirmation time that exists once in Europe/Paris that day (e.g. 03:30:00), or move the session with an exception.",
        ],
    ),
    # A delivery an exception gave, inside the session a later block lengthened.
    Case(
        "delivery-inside-a-lengthened-session",
        ledger_text(
            SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\n"
            'delivery = [2024-02-14, 2024-02-15]\nreason = "Avance"\n',
            THIRD.replace("2024-02-20", "2024-02-02")
            + 'from = 2024-02-05\n[revisions.sessions]\ndays = ["monday", "tuesday", "wednesday", "thursday"]\n',
        ),
        [
            "x.toml:48:1: revisions[3]: the session of 2024-02-12 would end on 2024-02-15, when its delivery has begun: the delivery an exception gave it runs from 2024-02-14 to 2024-02-15. Fix: give that session a delivery after its last day, in a [[revisions.exceptions]] entry of this block.",
            # The first block's confirmation (J+2) comes before the last day (J+3) too.
            'x.toml:56:1: revisions[3].sessions.days = ["monday", "tuesday", "wednesday", "thursday"]: with the confirmation in force (day = 2), would show the confirmation before the session\'s last day. Fix: add [revisions.confirmation] to this block with `from = 2024-02-05` and all its keys, and in it use a day of at least 3 (J = first day of the session).',
        ],
    ),
    # What a later exception keeps of an earlier one is said as the earlier block's.
    Case(
        "inherited-delivery-before-the-moved-session-ends",
        ledger_text(
            SECOND + "[[revisions.exceptions]]\nsession = 2024-02-12\n"
            'delivery = [2024-02-16, 2024-02-17]\nreason = "A"\n',
            THIRD
            + '[[revisions.exceptions]]\nsession = 2024-02-12\nmove_to = 2024-02-15\nreason = "B"\n',
        ),
        [
            "x.toml:54:1: revisions[3].exceptions[1]: `delivery` as an earlier block's exception gave it (2024-02-16, 2024-02-17): starts before the session ends (2024-02-16): orders cannot arrive before they are placed. Fix: give delivery days after the session's last day, in a `delivery` of this exception.",
        ],
    ),
    # `extra = true` again (an entry copied) after a closure: it published the session
    # open, then kept it closed with the copy's reason.
    Case(
        "extra-session-closed-then-restated",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\nreason = "R"\n',
            THIRD + '[[revisions.exceptions]]\nsession = 2024-02-15\nclose = true\nreason = "C"\n',
            notice(4, "2024-02-21")
            + '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\nreason = "Encore"\n',
        ),
        [
            "x.toml:66:1: revisions[4].exceptions[1].session = 2024-02-15: this session is closed by an earlier block's exception: this entry changes nothing. Fix: remove it, or add `open = true` to reopen the session.",
        ],
    ),
    Case(
        "extra-session-closed-then-given-a-delivery",
        ledger_text(
            SECOND + '[[revisions.exceptions]]\nsession = 2024-02-15\nextra = true\nreason = "R"\n',
            THIRD + '[[revisions.exceptions]]\nsession = 2024-02-15\nclose = true\nreason = "C"\n',
            notice(4, "2024-02-21") + "[[revisions.exceptions]]\nsession = 2024-02-15\n"
            'delivery = [2024-02-27, 2024-02-28]\nreason = "D"\n',
        ),
        [
            "x.toml:66:1: revisions[4].exceptions[1].session = 2024-02-15: this session is closed by an earlier block's exception; it has no days or delivery to change. Fix: add `open = true` to open it, or target an open session.",
        ],
    ),
    # A session an earlier block's exception closed stands closed for the next block.
    Case(
        "closed-by-an-earlier-block-closed-again",
        ledger_text(SECOND + CLOSE_26, THIRD + CLOSE_26),
        [
            "x.toml:56:1: revisions[3].exceptions[1].close = true: this session is already closed by an earlier block's exception. Fix: remove the exception, or target an open session.",
        ],
    ),
    Case(
        "closed-by-an-earlier-block-given-a-delivery",
        ledger_text(
            SECOND + CLOSE_26,
            THIRD + CLOSE_26.replace("close = true", "delivery = [2024-03-08, 2024-03-11]"),
        ),
        [
            "x.toml:55:1: revisions[3].exceptions[1].session = 2024-02-26: this session is closed by an earlier block's exception; it has no days or delivery to change. Fix: add `open = true` to open it, or target an open session.",
        ],
    ),
    # A date and time, or a quoted one, where a date is wanted: the fix gave a stock date
    # (`start = 2023-07-24`), which copied as told made a calendar silently wrong.
    Case(
        "date-and-time-for-a-date",
        ledger_text().replace("start = 2024-01-08", "start = 2024-01-08T00:00:00"),
        [
            "x.toml:22:1: revisions[1].periods[1].start = 2024-01-08T00:00:00: expected a date (YYYY-MM-DD, no quotes), found a date and time. Fix: write the date alone, without its time: `start = 2024-01-08`.",
        ],
    ),
    Case(
        "quoted-date-and-time-for-a-date",
        ledger_text().replace("start = 2024-01-08", 'start = "2024-01-08T00:00:00"'),
        [
            'x.toml:22:1: revisions[1].periods[1].start = "2024-01-08T00:00:00": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write the date alone, without quotes or its time: `start = 2024-01-08`.',
        ],
    ),
    Case(
        "session-with-a-time",
        ledger_text(
            SECOND + MOVE_12.replace("session = 2024-02-12", "session = 2024-02-12T09:00:00")
        ),
        [
            "x.toml:44:1: revisions[2].exceptions[1].session = 2024-02-12T09:00:00: expected a date (YYYY-MM-DD, no quotes), found a date and time. Fix: write the date alone, without its time: `session = 2024-02-12`.",
        ],
    ),
    Case(
        "move-to-quoted-with-a-time",
        ledger_text(
            SECOND + MOVE_12.replace("move_to = 2024-02-14", 'move_to = "2024-02-14 08:00"')
        ),
        [
            'x.toml:45:1: revisions[2].exceptions[1].move_to = "2024-02-14 08:00": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write the date alone, without quotes or its time: `move_to = 2024-02-14`.',
        ],
    ),
    # The block's date may hold a time: kept, with its seconds (TOML needs them).
    Case(
        "notice-date-quoted-with-a-time",
        ledger_text(SECOND.replace("date = 2024-02-01", 'date = "2024-02-01 10:00"')),
        [
            'x.toml:39:1: revisions[2].date = "2024-02-01 10:00": expected a date (YYYY-MM-DD) or date and time, found text. Fix: remove the quotes: `date = 2024-02-01T10:00:00`.',
        ],
    ),
    Case(
        "confirmation-time-with-a-date",
        ledger_text().replace("time = 18:00:00", "time = 2024-01-10T18:00:00"),
        [
            "x.toml:31:1: revisions[1].confirmation.time = 2024-01-10T18:00:00: expected a time (HH:MM:SS, no quotes), found a date and time. Fix: write the time alone, without its date: `time = 18:00:00`.",
        ],
    ),
    Case(
        "delivery-quoted-dates",  # in the order they come, too
        ledger_text(
            SECOND
            + MOVE_12.replace("move_to = 2024-02-14", 'delivery = ["2024-02-23", "2024-02-22"]')
        ),
        [
            'x.toml:45:1: revisions[2].exceptions[1].delivery = ["2024-02-23", "2024-02-22"]: expected two dates: the first and last day. Fix: write `delivery = [2024-02-22, 2024-02-23]` (the first and last day, without quotes).',
        ],
    ),
    Case(
        "delivery-one-date",
        ledger_text(SECOND + MOVE_12.replace("move_to = 2024-02-14", "delivery = 2024-02-22")),
        [
            "x.toml:45:1: revisions[2].exceptions[1].delivery = 2024-02-22: expected two dates: the first and last day. Fix: write `delivery = [2024-02-22, 2024-02-22]` (the first and last day, the same twice for one day, without quotes).",
        ],
    ),
    # 1e3 was told to be `refresh_hours = 1000`, which the range refuses.
    Case(
        "refresh-hours-decimal-out-of-range",
        ledger_text().replace('portail"\n', 'portail"\nrefresh_hours = 1e3\n', 1),
        [
            "x.toml:9:1: calendar.refresh_hours = 1000.0: expected a whole number, found a decimal number. Fix: write a whole number from 1 to 168, e.g. `refresh_hours = 6`.",
        ],
    ),
    Case(
        "close-quoted-french",
        ledger_text(SECOND + CLOSE_26.replace("close = true", 'close = "oui"')),
        [
            'x.toml:45:1: revisions[2].exceptions[1].close = "oui": expected true or false, found text. Fix: write true or false, in lower case and without quotes: `close = true`.',
        ],
    ),
    # Iran kept summer time until 2022: no hour of a summer day of 2021 is shown right.
    Case(
        "confirmation-before-the-zone-s-rules",
        ledger_text()
        .replace("Europe/Paris", "Asia/Tehran")
        .replace("2024-", "2021-")
        .replace("start = 2021-01-08", "start = 2021-03-22"),
        [
            "x.toml:31:1: revisions[1].confirmation.time = 18:00:00: 2021-03-24 18:00 does not exist or is ambiguous in Asia/Tehran (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: no time of 2021-03-24 is shown right: Asia/Tehran's rules then were not its current ones, the only ones calendar clients apply. Use the zone of a city that keeps the same hours under rules unchanged since.",
        ],
    ),
    # `[revisions[1].sessions]` was the header the fix gave: no TOML header.
    Case(
        "first-block-without-sessions",
        ledger_text().replace('[revisions.sessions]\ndays = ["monday", "tuesday"]\n', ""),
        [
            "x.toml:10:1: revisions[1].sessions: the section [revisions.sessions] is missing from the first [[revisions]] block. Fix: add the [revisions.sessions] section to the first [[revisions]] block (see schedules/vaccins-covid.toml).",
        ],
    ),
    Case(
        "block-header-never-closed-at-the-end",
        ledger_text(SECOND) + "\n[revisions",
        [
            "x.toml:44:11: the section header `[revisions` is never closed. Fix: close it with two brackets each side: `[[revisions]]`, one per entry.",
        ],
    ),
    # A table of an earlier block is no section written before: each block has its own.
    Case(
        "table-header-never-closed-in-a-later-block",
        ledger_text(SECOND + "\n[revisions.delivery\nfirst_day = 9\nlast_day = 10\n"),
        [
            "x.toml:44:20: the section header `[revisions.delivery` is never closed. Fix: close it: `[revisions.delivery]`.",
        ],
    ),
    Case(
        "summary-too-long",  # the whole seed notice has 4,000 characters
        ledger_text(SECOND.replace('"Un changement."', '"""' + "Un changement.\n" * 400 + '"""')),
        [
            'x.toml:42:1: revisions[2].summary = "Un changement.\\nUn changement.\\nUn changement.\\nUn chang…: is 6,000 characters long, over the limit of 5,000 for `summary`. Fix: shorten it to 5,000 characters or fewer (quote the notice in part: its `url` links the whole).',
        ],
    ),
    Case(
        "reason-too-long",
        ledger_text(SECOND + CLOSE_26.replace('"Stock"', '"' + "Rupture de stock. " * 120 + '"')),
        [
            'x.toml:46:1: revisions[2].exceptions[1].reason = "Rupture de stock. Rupture de stock. Rupture de stock. Ru…: is 2,160 characters long, over the limit of 2,000 for `reason`. Fix: shorten it to 2,000 characters or fewer.',
        ],
    ),
    Case(
        "noncharacter",
        ledger_text(SECOND.replace('"Un changement."', '"Un changement\\uFFFE."')),
        [
            'x.toml:42:1: revisions[2].summary = "Un changement\ufffe.": contains U+FFFE, which calendar feeds and XML cannot carry. Fix: retype the text without invisible characters.',
        ],
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_ledger_key_errors(case: Case) -> None:
    assert first_lines(case.text) == case.messages


# Each fix above that names what to write, done: the ledger then passes `check`.
FOLLOWED = {
    "confirmation-zone": ('"Europe/Pari"', '"Europe/Paris"'),
    "confirmation-zone-offset": ('"UTC+2"', '"Europe/Paris"'),
    "sessions-zone-offset": ('"UTC+1"', '"Europe/Paris"'),
    "confirmation-zone-offset-zero": ('"UTC+0"', '"Europe/Paris"'),
    "confirmation-zone-offset-zero-of-the-calendar-s-zone": ('"UTC+0"', '"Europe/London"'),
    "confirmation-zone-city-in-another-region": ('"Europe/Cayenne"', '"America/Cayenne"'),
    "period-start-past-the-month-s-end": ("start = 2024-01-32", "start = 2024-01-29"),
    "from-past-the-month-s-end": ("from = 2024-02-31", "from = 2024-02-26"),
    "period-start-past-the-month-s-end-of-new-days": ("start = 2024-02-31", "start = 2024-02-28"),
    "extra-session-past-the-month-s-end": ("session = 2024-02-31", "session = 2024-02-29"),
    "date-hour-25": ("date = 2024-02-01T25:00:00", "date = 2024-02-01T23:00:00"),
    "date-hour-24": ("date = 2024-02-01T24:00:00", "date = 2024-02-02T00:00:00"),
    "date-second-60": ("date = 2024-02-01T10:00:60", "date = 2024-02-01T10:00:59"),
    "date-and-time-past-the-month-s-end": (
        "date = 2024-02-30T18:00:00+01:00",
        "date = 2024-02-29T18:00:00+01:00",
    ),
    "date-month-out-of-range-day-first": (
        "date = 2024-13-02T18:00:00",
        "date = 2024-02-13T18:00:00",
    ),
    "date-hour-24-of-the-last-day-a-calendar-holds": (
        "date = 2999-12-31T24:00:00",
        "date = 2999-12-31T23:59:59",
    ),
    "confirmation-minute-60": ("time = 18:60:00", "time = 18:59:00"),
    "closes-at-24": ("closes = 24:00:00", "closes = 23:59:59"),
}


test_the_fix_works_when_followed = fixes_followed(CASES, FOLLOWED)


def test_a_midnight_with_no_next_day_is_advised_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        ledger_text(SECOND.replace("date = 2024-02-01", "date = 9999-12-31T24:00:00")),
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 2  # was 1: « internal error (OverflowError) »


def test_cases_are_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_the_base_ledger_is_valid() -> None:
    ledger = loads(ledger_text(SECOND), "x.toml")
    assert [revision.key for revision in ledger.revisions] == ["notice-avis-n1", "notice-avis-n2"]


def test_a_ledger_replays_a_bounded_number_of_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper's hostile inputs: eleven blocks under a horizon a century away took 14 s
    and 350 MB to check, and a thousand would have taken hours. The first block replays
    its 12 weeks (2 January to 25 March 2024), the second 8 (1 February on), the third
    7 (its own horizon, 8 February to 25 March): more than 25 in all."""
    from vaxical.definition import blocks

    monkeypatch.setattr(blocks, "MAX_REPLAYED_WEEKS", 25)
    fix = (
        "a `horizon` closer to the sessions it changes (a notice announces a few weeks or "
        "months ahead, and a later block moves the horizon on), or continue in a new calendar."
    )
    third = notice(3, "2024-02-08") + "horizon = 2024-03-25\n"
    assert first_lines(ledger_text(SECOND, third)) == [
        "x.toml:50:1: revisions[3].horizon = 2024-03-25: with this block, the ledger replays "
        "27 weeks of sessions (each block from the first session it changes to its horizon, "
        f"here 2024-03-25), more than the 25 a build replays. Fix: give {fix}",
    ]
    assert first_lines(ledger_text(SECOND, notice(3, "2024-02-08"))) == [
        "x.toml:44:1: revisions[3]: with this block, the ledger replays 27 weeks of sessions "
        "(each block from the first session it changes to its horizon, here 2024-03-25), "
        f"more than the 25 a build replays. Fix: add to the block {fix}",
    ]
    loads(ledger_text(SECOND), "x.toml")  # 12 + 8 weeks: read
    # A review: a block dated late that changes the rules from the first session replays
    # the calendar from there (12 weeks), not from its date (1 week): 12 + 12 + 8.
    late = notice(3, "2024-03-20") + (
        "[revisions.confirmation]\nfrom = 2024-01-08\nday = 2\ntime = 17:00:00\nminutes = 30\n"
    )
    loads(ledger_text(late.replace("Avis N°3", "Avis N°2")), "x.toml")  # 12 + 12 weeks
    (message,) = first_lines(ledger_text(SECOND, late))
    assert message.startswith("x.toml:44:1: revisions[3]: with this block, the ledger replays 32 ")


def test_a_ledger_checks_a_bounded_number_of_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A review: blocks that change nothing each check the whole calendar (three hundred
    under a century took 9 s). Each block here checks the 12 weeks from 8 January to
    25 March: three make 36, more than 30."""
    from vaxical.definition import blocks

    monkeypatch.setattr(blocks, "MAX_CHECKED_WEEKS", 30)
    assert first_lines(ledger_text(SECOND, notice(3, "2024-02-08"))) == [
        "x.toml:44:1: revisions[3]: with this block, the ledger checks 36 weeks of sessions "
        "(each block's calendar whole, here to 2024-03-25), more than the 30 a build checks. "
        "Fix: add to the block a `horizon` closer to the sessions it changes (a notice "
        "announces a few weeks or months ahead, and a later block moves the horizon on), or "
        "continue in a new calendar.",
    ]


def test_a_move_is_undone_as_the_refusal_of_move_to_its_own_day_says() -> None:
    # A publisher's trial: a later notice put back the session an earlier one moved;
    # `move_to` its own day was refused with « give the new first day », and nothing
    # said how. The fix it gives now, followed, puts the session back on its Monday.
    undone = (
        '[[revisions.exceptions]]\nsession = 2024-02-12\nmove_to = 2024-02-12\nreason = "Levée"\n'
    )
    text = ledger_text(SECOND + MOVE_12, notice(3, "2024-02-05") + undone)
    assert first_lines(text) == [
        "x.toml:56:1: revisions[3].exceptions[1].move_to = 2024-02-12: is the session's own "
        "day. Fix: give the new first day; to put back a session an earlier block moved, "
        "give its own days instead: `days = [2024-02-12, 2024-02-13]`.",
    ]
    followed = loads(
        text.replace("move_to = 2024-02-12", "days = [2024-02-12, 2024-02-13]"), "x.toml"
    )
    moved, back = (
        {s.nominal: (s.days.first, s.days.last) for s in expand(definition)}[dt.date(2024, 2, 12)]
        for definition in followed.states[1:]
    )
    assert moved == (dt.date(2024, 2, 14), dt.date(2024, 2, 15))
    assert back == (dt.date(2024, 2, 12), dt.date(2024, 2, 13))
