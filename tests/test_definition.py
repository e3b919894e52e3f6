"""Bad definitions: each gets the exact message a person can act on, never a traceback.

Every message names the file, the line and column, the key path, the bad value and the
fix. The expected texts below were read and judged one by one; they are not computed.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from vaxical import bounded
from vaxical.definition import load, load_all, loads, source
from vaxical.definition.reader import UNPUBLISHABLE
from vaxical.errors import DefinitionError

from .conftest import SEED_DEFINITION, Case, definition_text, first_lines, fixes_followed

P = """
[[periods]]
start = 2023-07-24
every_weeks = 2
"""
base = definition_text(P)
CONFIRMATION_TABLE = "[confirmation]\nday = 2\ntime = 18:00:00\nminutes = 30\n"

CASES: tuple[Case, ...] = (
    Case(
        "reminders-empty",
        base + "\n[reminders]\nalarms = []\n",
        [
            "x.toml:41:1: reminders.alarms = []: expected 1 to 5 alarms written as { day = …, time = … }. Fix: write `alarms = [{ day = 0, time = 09:00:00 }]`, or remove [reminders].",
        ],
    ),
    Case(
        "reminders-unknown-key",
        base + "\n[reminders]\nalarms = [{ day = 0, hour = 9 }]\n",
        [
            "x.toml:41:1: reminders.alarms[1].hour: unknown key `hour` in an alarm. Fix: an alarm has only `day` and `time`.",
        ],
    ),
    Case(
        "reminders-duplicate",
        base
        + "\n[reminders]\nalarms = [{ day = 0, time = 09:00:00 }, { day = 0, time = 09:00:00 }]\n",
        [
            "x.toml:41:1: reminders.alarms = [{…}, {…}]: the same alarm is listed twice. Fix: remove the copy.",
        ],
    ),
    Case(
        "reminders-time-quoted",
        base + '\n[reminders]\nalarms = [{ day = 0, time = "9h" }]\n',
        [
            'x.toml:41:1: reminders.alarms[1].time = "9h": expected a time (HH:MM:SS), found text. Fix: write times as HH:MM:SS without quotes: `time = 09:00:00`.',
        ],
    ),
    # A review: seconds went into the JSON's `at` but not into the trigger (PT9H).
    Case(
        "reminders-time-with-seconds",
        base + "\n[reminders]\nalarms = [{ day = 0, time = 09:00:30 }]\n",
        [
            "x.toml:41:1: reminders.alarms[1].time = 09:00:30: has seconds; an alarm rings at a whole minute. Fix: write `time = 09:00:00`.",
        ],
    ),
    # Hypothesis: icalendar drops a leading U+FEFF (as a byte-order mark), vaxical wrote it.
    Case(
        "name-with-a-byte-order-mark",
        base.replace('name = "Essai"', 'name = "\\uFEFFEssai"'),
        [
            'x.toml:3:1: calendar.name = "\ufeffEssai": contains U+FEFF, an invisible byte-order mark that calendar programs read differently. Fix: retype the text without invisible characters.',
        ],
    ),
    Case(
        "name-with-escaped-characters",
        base.replace('name = "Essai"', 'name = "Vaccins, officines; essai"'),
        [
            'x.toml:3:1: calendar.name = "Vaccins, officines; essai": contains `,` `;`, which calendar clients that read the name as raw text (Thunderbird\'s ical.js among them) would show with a backslash. Fix: use a dash or brackets instead: `Vaccins Covid-19 – officines`.',
        ],
    ),
    Case(
        "date-french-quoted",
        base.replace("start = 2023-07-24", 'start = "24/07/2023"'),
        [
            'x.toml:36:1: periods[1].start = "24/07/2023": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write dates as year-month-day without quotes: `start = 2023-07-24`.',
        ],
    ),
    Case(
        "weekday-french",
        base.replace('"monday", "tuesday"', '"lundi", "mardi"'),
        [
            'x.toml:13:1: sessions.days = ["lundi", "mardi"]: "lundi" is French; day names are written in English here. Fix: write `monday` for lundi, e.g. `days = ["monday", "tuesday"]`.',
        ],
    ),
    Case(
        "decimal-number",
        base.replace("every_weeks = 2", "every_weeks = 2.0"),
        [
            "x.toml:37:1: periods[1].every_weeks = 2.0: expected a whole number, found a decimal number. Fix: write a whole number: `every_weeks = 2`.",
        ],
    ),
    Case(
        "huge-decimal-number",
        base.replace("every_weeks = 2", "every_weeks = 1e300"),
        [
            "x.toml:37:1: periods[1].every_weeks = 1e+300: expected a whole number, found a decimal number. Fix: write a whole number from 1 to 52, e.g. `every_weeks = 2`.",
        ],
    ),
    Case(
        "key-above-its-section",
        'timezone = "Europe/Paris"\n' + base,
        [
            "x.toml:1:1: timezone: `timezone` belongs in the [calendar] section. Fix: move the line below the [calendar] header.",
        ],
    ),
    Case(
        "key-in-wrong-section",
        base.replace("first_day = 10", "first_day = 10\nevery_weeks = 1"),
        [
            "x.toml:17:1: delivery.every_weeks: `every_weeks` belongs in the [[periods]] section. Fix: if it starts a new period, add a [[periods]] line above it; otherwise move the line below its period's [[periods]] header.",
        ],
    ),
    Case(
        "holidays-choice-typo",
        base + '\n[holidays]\nsessions = "closed"\n',
        [
            'x.toml:41:1: holidays.sessions = "closed": is not a known choice. Fix: did you mean `close`?',
        ],
    ),
    Case(
        "holidays-region-typo",
        base + '\n[holidays]\nregions = ["alsace"]\n',
        [
            'x.toml:41:1: holidays.regions = ["alsace"]: "alsace" is not a known region. Fix: did you mean `alsace-moselle`?',
        ],
    ),
    Case(
        "calendar-as-array",
        base.replace("[calendar]", "[[calendar]]"),
        [
            "x.toml:1:1: calendar = [{…}]: expected a section, found a list. Fix: write it as a [calendar] section with keys below it.",
        ],
    ),
    Case(
        "periods-single-brackets",
        base.replace("[[periods]]", "[periods]"),
        [
            "x.toml:35:1: periods = {…}: expected [[periods]] sections, found a table. Fix: write each entry as its own [[periods]] section.",
        ],
    ),
    Case(
        "days-empty",
        base.replace('"monday", "tuesday"', ""),
        [
            'x.toml:13:1: sessions.days = []: is empty. Fix: list the days of a session, e.g. `days = ["monday", "tuesday"]`.',
        ],
    ),
    Case(
        "horizon-quoted",
        definition_text(P, horizon='"2023-10-10"'),
        [
            'x.toml:10:1: calendar.horizon = "2023-10-10": expected a date (YYYY-MM-DD, no quotes), found text. Fix: remove the quotes: `horizon = 2023-10-10`.',
        ],
    ),
    Case(
        "url-without-scheme",
        base.replace("https://example.org/portail", "www.example.org/portail"),
        [
            'x.toml:8:1: calendar.portal_url = "www.example.org/portail": is not a web address (https://…). Fix: add https:// in front: `portal_url = "https://www.example.org/portail"`.',
        ],
    ),
    Case(
        "no-open-session",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-07-24\nclose = true\nreason = "x"\n',
            horizon="2023-07-30",
        ),
        [
            "x.toml:35:1: periods: no session is open up to the horizon (2023-07-30). Fix: check the periods' cadence, the exceptions that close sessions, and the horizon.",
        ],
    ),
    Case(
        "rrule-opens-nothing",
        base.replace(
            "every_weeks = 2", 'end = 2023-08-20\nrrule = "FREQ=YEARLY;BYMONTH=12;BYDAY=1MO"'
        ),
        [
            'x.toml:38:1: periods[1].rrule = "FREQ=YEARLY;BYMONTH=12;BYDAY=1MO": opens no session between 2023-07-24 and 2023-08-20. Fix: check the rule (BYMONTH, BYDAY…) against the period\'s dates.',
        ],
    ),
    Case(
        "time-in-dst-gap",
        definition_text("[[periods]]\nstart = 2024-03-29\nevery_weeks = 1\n", horizon="2024-04-05")
        .replace('days = ["monday", "tuesday"]', 'days = ["friday", "saturday"]')
        .replace("time = 18:00:00", "time = 02:30:00"),
        [
            "x.toml:21:1: confirmation.time = 02:30:00: 2024-03-31 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: choose a confirmation time that exists once in Europe/Paris that day (e.g. 03:30:00), or move the session with an exception.",
        ],
    ),
    # Stated in another zone: the example is a time of that zone. 21:30 in Martinique is
    # the second 02:30 of the night of 27 October in Paris; 20:30, the first.
    Case(
        "time-stated-elsewhere-in-a-repeated-hour",
        definition_text("[[periods]]\nstart = 2024-10-25\nevery_weeks = 1\n", horizon="2024-11-01")
        .replace('days = ["monday", "tuesday"]', 'days = ["friday", "saturday"]')
        .replace(
            "day = 2\ntime = 18:00:00",
            'day = 1\ntime = 21:30:00\ntimezone = "America/Martinique"',
        ),
        [
            "x.toml:21:1: confirmation.time = 21:30:00: 2024-10-27 02:30 does not exist or is ambiguous in Europe/Paris (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: choose a confirmation time that exists once in Europe/Paris that day (e.g. 20:30:00, America/Martinique time), or move the session with an exception.",
        ],
    ),
    # No hour of the day is right (the zone's rules then were not its current ones): the
    # example time, 18:00:00, failed the same way.
    Case(
        "time-in-a-zone-whose-rules-changed",
        definition_text(P, timezone="Africa/Casablanca"),
        [
            "x.toml:21:1: confirmation.time = 18:00:00: 2023-07-26 18:00 does not exist or is ambiguous in Africa/Casablanca (a daylight-saving change or a past rule change); calendar clients would show it at the wrong hour. Fix: no time of 2023-07-26 is shown right: Africa/Casablanca's rules then were not its current ones, the only ones calendar clients apply. Use the zone of a city that keeps the same hours under rules unchanged since.",
        ],
    ),
    Case(
        "tz-not-outlook-safe",
        definition_text(P, timezone="America/Nuuk"),
        [
            "x.toml:6:1: calendar.timezone = \"America/Nuuk\": time zone America/Nuuk: its rule '<-02>2<-01>,M3.5.0/-1,M10.5.0/0' changes time outside 00:00–24:00, which the Outlook-safe VTIMEZONE form cannot express. Fix: use the zone of a neighbouring city that Outlook can represent, or ask the vaxical team.",
        ],
    ),
    Case(
        "syntax-unquoted",
        base.replace('name = "Essai"', "name = Essai"),
        [
            'x.toml:3:8: the text `Essai` is not in quotes. Fix: write it in double quotes: `name = "Essai"`.',
        ],
    ),
    # A bare word where the key wants true or false, a number or a date: quoted, as the
    # fix said, it failed again (« expected true or false, found text »).
    Case(
        "syntax-bare-word-for-a-boolean",
        definition_text(
            P, '[[exceptions]]\nsession = 2023-08-07\nclose = yes\nreason = "Jour férié"\n'
        ),
        [
            "x.toml:41:9: `close` takes true or false, not `yes`. Fix: write `close = true` (in lower case, without quotes).",
        ],
    ),
    Case(
        "syntax-bare-word-for-a-number",
        base.replace("every_weeks = 2", "every_weeks = deux"),
        [
            "x.toml:37:15: `every_weeks` takes a number, not `deux`. Fix: write it in digits, without quotes: `every_weeks = 2`.",
        ],
    ),
    Case(
        "syntax-bare-word-for-a-date",  # no date of ours to copy: a wrong calendar
        base.replace("start = 2023-07-24", "start = lundi"),
        [
            "x.toml:36:9: `start` takes a date, not `lundi`. Fix: write the date as year-month-day without quotes: `start = YYYY-MM-DD`.",
        ],
    ),
    Case(
        "syntax-bare-weekdays",
        base.replace('days = ["monday", "tuesday"]', "days = monday, tuesday"),
        [
            'x.toml:13:8: `days` takes a list of day names in quotes, not `monday, tuesday`. Fix: write them in brackets, each in double quotes: `days = ["monday", "tuesday"]`.',
        ],
    ),
    Case(
        "syntax-bare-regions",
        base + "\n[holidays]\nregions = metropole, alsace-moselle\n",
        [
            'x.toml:41:11: `regions` takes a list of regions in quotes, not `metropole, alsace-moselle`. Fix: write them in brackets, each in double quotes: `regions = ["metropole", "alsace-moselle"]`.',
        ],
    ),
    # Quoted whole, it was no TOML: `timezone = "é"America/Martinique""`.
    Case(
        "syntax-stray-character-before-the-value",
        base.replace('timezone = "Europe/Paris"', 'timezone = é"America/Martinique"'),
        [
            'x.toml:6:12: `é` stands before the value. Fix: remove it: `timezone = "America/Martinique"`.',
        ],
    ),
    Case(
        "syntax-unquoted-text-holding-quotes",
        base.replace('name = "Essai"', 'name = Essai "bis"'),
        [
            'x.toml:3:8: the text `Essai "bis"` is not in quotes. Fix: write it in double quotes: `name = "Essai \\"bis\\""`.',
        ],
    ),
    # A date and a time as French notices write them: TOML stops at the "/" or the "h".
    Case(
        "syntax-french-date",
        base.replace("revised = 2023-07-18", "revised = 18/07/2023"),
        [
            "x.toml:9:13: `revised` is a date written day/month/year. Fix: write dates as year-month-day without quotes: `revised = 2023-07-18`.",
        ],
    ),
    Case(
        "syntax-english-date",
        base.replace("revised = 2023-07-18", "revised = 07/18/2023"),
        [
            "x.toml:9:12: `revised` is a date written month/day/year. Fix: write dates as year-month-day without quotes: `revised = 2023-07-18`.",
        ],
    ),
    Case(
        # 31 February: no fix to copy, and no stock date (2023-07-24 passed `check`)
        "syntax-french-date-not-real",
        base.replace("revised = 2023-07-18", "revised = 31/02/2023"),
        [
            "x.toml:9:13: `revised` is not a real date. Fix: check the day and month, and write it as year-month-day without quotes: `revised = YYYY-MM-DD`.",
        ],
    ),
    Case(
        "syntax-french-time-not-real",  # was advised as 18:00:00, which passed `check`
        base.replace("time = 18:00:00", "time = 18h60"),
        [
            "x.toml:21:10: `time` is not a real time of day. Fix: check the hour and minutes, and write it as HH:MM:SS without quotes: `time = HH:MM:SS`.",
        ],
    ),
    Case(
        "syntax-french-time",
        base.replace("time = 18:00:00", "time = 18h00"),
        [
            "x.toml:21:10: `time` is a time written the French way. Fix: write times as HH:MM:SS without quotes: `time = 18:00:00`.",
        ],
    ),
    # What TOML refuses of times and dates as people type them: no seconds, one digit.
    Case(
        "syntax-time-without-seconds",
        base.replace("time = 18:00:00", "time = 18:00"),
        [
            "x.toml:21:10: `time` is a time TOML cannot read: it needs HH:MM:SS, two digits each. Fix: write `time = 18:00:00`.",
        ],
    ),
    Case(
        "syntax-one-digit-hour",
        base.replace("time = 18:00:00", "time = 8:00:00"),
        [
            "x.toml:21:9: `time` is a time TOML cannot read: it needs HH:MM:SS, two digits each. Fix: write `time = 08:00:00`.",
        ],
    ),
    Case(
        "syntax-one-digit-month-and-day",
        base.replace("revised = 2023-07-18", "revised = 2023-7-8"),
        [
            "x.toml:9:15: `revised` is a date TOML cannot read: it needs YYYY-MM-DD, with two-digit months and days. Fix: write `revised = 2023-07-08`.",
        ],
    ),
    Case(
        "time-quoted-french",  # the fix takes the value's hour and minutes
        base.replace("time = 18:00:00", 'time = "18h30"'),
        [
            'x.toml:21:1: confirmation.time = "18h30": expected a time (HH:MM:SS, no quotes), found text. Fix: write times as HH:MM:SS without quotes: `time = 18:30:00`.',
        ],
    ),
    Case(
        "date-without-dashes",
        base.replace("revised = 2023-07-18", "revised = 20230718"),
        [
            "x.toml:9:1: calendar.revised = 20230718: expected a date (YYYY-MM-DD) or date and time, found a number. Fix: write dates with their dashes, without quotes: `revised = 2023-07-18`.",
        ],
    ),
    # Advice never writes out a date or time that does not exist.
    Case(
        "syntax-no-such-time",
        base.replace("time = 18:00:00", "time = 24:00"),
        [
            "x.toml:21:10: `time` is not a real time of day (there is no 24:00: write 23:59:59, or 00:00:00 the next day). Fix: check the hour and minutes, and write it as HH:MM:SS without quotes: `time = HH:MM:SS`.",
        ],
    ),
    Case(
        "syntax-no-such-date",
        base.replace("revised = 2023-07-18", "revised = 2023-13-5"),
        [
            "x.toml:9:15: `revised` is not a real date: there is no month 13. Fix: write it as year-month-day, the month from 01 to 12; if the day was written first: `revised = 2023-05-13`.",
        ],
    ),
    Case(
        "french-date-quoted-no-such-date",
        base.replace("revised = 2023-07-18", 'revised = "31/02/2023"'),
        [
            'x.toml:9:1: calendar.revised = "31/02/2023": expected a date (YYYY-MM-DD) or date and time, found text. Fix: no such date; write it as year-month-day without quotes: `revised = YYYY-MM-DD`.',
        ],
    ),
    Case(
        "quoted-no-such-date",  # it was told to remove the quotes
        base.replace("revised = 2023-07-18", 'revised = "2024-02-30"'),
        [
            'x.toml:9:1: calendar.revised = "2024-02-30": expected a date (YYYY-MM-DD) or date and time, found text. Fix: no such date; write it as `revised = YYYY-MM-DD`.',
        ],
    ),
    Case(
        "quoted-no-such-time",
        base.replace("time = 18:00:00", 'time = "25:00"'),
        [
            'x.toml:21:1: confirmation.time = "25:00": expected a time (HH:MM:SS, no quotes), found text. Fix: no such time; write it as `time = HH:MM:SS`.',
        ],
    ),
    Case(
        "quoted-date-for-a-number",  # no date advice for a key that wants a number
        base.replace("minutes = 30", 'minutes = "2024-01-01"'),
        [
            'x.toml:22:1: confirmation.minutes = "2024-01-01": expected a whole number, found text. Fix: write a whole number from 1 to 1440, e.g. `minutes = 30`.',
        ],
    ),
    Case(
        "quoted-english-date",
        base.replace("revised = 2023-07-18", 'revised = "12/25/2023"'),
        [
            'x.toml:9:1: calendar.revised = "12/25/2023": expected a date (YYYY-MM-DD) or date and time, found text. Fix: write dates as year-month-day without quotes: `revised = 2023-12-25`.',
        ],
    ),
    Case(
        "number-for-text",  # a date's digits where text is wanted: no date advice
        base.replace('description = "Calendrier d\'essai."', "description = 20230130"),
        [
            'x.toml:5:1: calendar.description = 20230130: expected text in double quotes, found a number. Fix: write it as `description = "…"`.',
        ],
    ),
    Case(
        "syntax-missing-bracket",
        base.replace("[sessions]", "[sessions"),
        [
            "x.toml:12:10: the section header `[sessions` is never closed. Fix: close it: `[sessions]`.",
        ],
    ),
    # TOML finds the name written twice before the bracket missing: it said « this key
    # or section is written twice », with no line at the end of the document.
    Case(
        "syntax-header-never-closed-written-before",
        base + "\n[calendar",
        [
            "x.toml:40:10: the section header `[calendar` is never closed. Fix: close it (`[calendar]`) and merge the two: [calendar] is written on line 1 already, and a section is written once.",
        ],
    ),
    Case(
        "syntax-array-header-never-closed",
        base + "[[periods]\nstart = 2023-09-04\nevery_weeks = 1\n",
        [
            "x.toml:39:10: the section header `[[periods]` is never closed. Fix: close it: `[[periods]]`.",
        ],
    ),
    Case(
        "syntax-array-header-with-one-bracket-never-closed",
        base.replace("[[periods]]", "[periods"),
        [
            "x.toml:35:9: the section header `[periods` is never closed. Fix: close it with two brackets each side: `[[periods]]`, one per entry.",
        ],
    ),
    Case(
        "syntax-duplicate-key",
        base.replace('name = "Essai"', 'name = "Essai"\nname = "Bis"'),
        [
            "x.toml:4:13: `name` is written twice in this table (first on line 3). Fix: keep one of them.",
        ],
    ),
    # A publisher's trial: « written twice » named neither the key nor where it was first.
    Case(
        "syntax-duplicate-section",
        base + '\n[calendar]\nname = "Bis"\n',
        [
            "x.toml:40:10: the section `[calendar]` is written twice (first on line 1). Fix: merge the two into one (for repeated entries, use [[name]] with double brackets).",
        ],
    ),
    # A no-break space (French typography, text pasted from a notice) looks like a space:
    # TOML said « expected '=' after a key », about a line that looked right.
    Case(
        "syntax-no-break-space",
        base.replace("horizon = ", "horizon\u00a0= "),
        [
            "x.toml:10:8: a no-break space (U+00A0) stands here, which TOML does not read as a space. Fix: type it again as an ordinary space (text pasted from a notice or a word processor brings such spaces).",
        ],
    ),
    Case(
        "syntax-narrow-no-break-space",
        base.replace("horizon = ", "horizon =\u202f"),
        [
            "x.toml:10:10: a narrow no-break space (U+202F) stands here, which TOML does not read as a space. Fix: type it again as an ordinary space (text pasted from a notice or a word processor brings such spaces).",
        ],
    ),
    # A review: a key of a megabyte was printed whole, twice, in its message.
    Case(
        "unknown-key-of-a-megabyte",
        base.replace("[sessions]", "[sessions]\n" + "k" * 1_000_000 + " = 1"),
        [
            f"x.toml:13:1: sessions.{'k' * 60}…: unknown key `{'k' * 60}…`. Fix: allowed keys: days (Remove or rename the key.)",
        ],
    ),
    # A review: `minutes = 1h30` was advised as the time `01:30:00`, for a key that takes
    # a number; a number followed by a word fell to TOML's own message. Then `1:30` fell
    # to TOML's own message: hours and minutes are summed for `minutes`.
    Case(
        "minutes-written-as-hours",
        base.replace("minutes = 30", "minutes = 1h30"),
        [
            "x.toml:22:12: `minutes` counts minutes, not hours and minutes: `1h30`. Fix: write the total in minutes: `minutes = 90`.",
        ],
    ),
    Case(
        "minutes-written-as-a-clock",
        base.replace("minutes = 30", "minutes = 1:30"),
        [
            "x.toml:22:12: `minutes` counts minutes, not hours and minutes: `1:30`. Fix: write the total in minutes: `minutes = 90`.",
        ],
    ),
    Case(
        "minutes-written-as-whole-hours",
        base.replace("minutes = 30", "minutes = 2h"),
        [
            "x.toml:22:12: `minutes` counts minutes, not hours and minutes: `2h`. Fix: write the total in minutes: `minutes = 120`.",
        ],
    ),
    # A publisher's trial: a date copied from a notice's sentence got a stock date as
    # its fix, refused once followed.
    Case(
        "date-written-in-words",
        base.replace("revised = 2023-07-18", 'revised = "18 juillet 2023"'),
        [
            'x.toml:9:1: calendar.revised = "18 juillet 2023": expected a date (YYYY-MM-DD) or date and time, found text. Fix: write dates as year-month-day without quotes: `revised = 2023-07-18`.',
        ],
    ),
    Case(
        "date-written-in-words-with-its-weekday-without-quotes",
        base.replace("revised = 2023-07-18", "revised = mardi 18 juillet 2023"),
        [
            "x.toml:9:11: `revised` is a date written in words. Fix: write dates as year-month-day without quotes: `revised = 2023-07-18`.",
        ],
    ),
    Case(
        "first-of-the-month-in-words-without-accent",
        base.replace("revised = 2023-07-18", 'revised = "1er aout 2023"'),
        [
            'x.toml:9:1: calendar.revised = "1er aout 2023": expected a date (YYYY-MM-DD) or date and time, found text. Fix: write dates as year-month-day without quotes: `revised = 2023-08-01`.',
        ],
    ),
    Case(
        "date-in-words-of-no-french-month",
        base.replace("revised = 2023-07-18", 'revised = "18 juliet 2023"'),
        [
            'x.toml:9:1: calendar.revised = "18 juliet 2023": expected a date (YYYY-MM-DD) or date and time, found text. Fix: write it as `revised = YYYY-MM-DD`.',
        ],
    ),
    # TOML's dotted keys name the same keys: they were left to TOML's own message.
    Case(
        "dotted-key-time-written-the-french-way",
        base.replace(CONFIRMATION_TABLE, "").replace(
            "[calendar]", "confirmation.day = 2\nconfirmation.time = 18h\n\n[calendar]"
        ),
        [
            "x.toml:2:23: `confirmation.time` is a time written the French way. Fix: write times as HH:MM:SS without quotes: `confirmation.time = 18:00:00`.",
        ],
    ),
    Case(
        "dotted-key-minutes-written-as-hours",
        base.replace(CONFIRMATION_TABLE, "").replace(
            "[calendar]", "confirmation.day = 2\nconfirmation.minutes = 1h30\n\n[calendar]"
        ),
        [
            "x.toml:2:25: `confirmation.minutes` counts minutes, not hours and minutes: `1h30`. Fix: write the total in minutes: `confirmation.minutes = 90`.",
        ],
    ),
    Case(
        "another-number-written-as-a-clock",
        base.replace("first_day = 10", "first_day = 1:30"),
        [
            "x.toml:16:14: `first_day` takes a whole number, not `1:30`. Fix: write the number in digits, without quotes.",
        ],
    ),
    Case(
        "number-followed-by-its-unit",
        base.replace("first_day = 10", "first_day = 10 jours"),
        [
            "x.toml:16:16: `first_day` takes a whole number, not `10 jours`. Fix: write the number in digits, without quotes.",
        ],
    ),
    # A review: eight digits that are no year-month-day were told to drop their quotes,
    # then refused as a number; day-month-year ones are retyped.
    Case(
        "date-quoted-as-eight-digits-of-no-date",
        base.replace("horizon = 2023-10-10", 'horizon = "20231310"'),
        [
            'x.toml:10:1: calendar.horizon = "20231310": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write the date as year-month-day without quotes (YYYY-MM-DD).',
        ],
    ),
    Case(
        "date-quoted-as-eight-digits-day-first",
        base.replace("horizon = 2023-10-10", 'horizon = "10102023"'),
        [
            'x.toml:10:1: calendar.horizon = "10102023": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write dates as year-month-day without quotes: `horizon = 2023-10-10`.',
        ],
    ),
    # A review: the key of a megabyte was still printed whole by the syntax advice.
    Case(
        "french-time-for-a-key-of-a-megabyte",
        base.replace("[sessions]", "[sessions]\n" + "k" * 1_000_000 + " = 1h30"),
        [
            f"x.toml:13:1000005: `{'k' * 60}…` is a time written the French way. Fix: write times as HH:MM:SS without quotes: `{'k' * 60}… = 01:30:00`.",
        ],
    ),
    # A review: « remove the quotes: `horizon = 20231010` » was then refused again.
    Case(
        "date-quoted-without-dashes",
        base.replace("horizon = 2023-10-10", 'horizon = "20231010"'),
        [
            'x.toml:10:1: calendar.horizon = "20231010": expected a date (YYYY-MM-DD, no quotes), found text. Fix: write dates with their dashes, without quotes: `horizon = 2023-10-10`.',
        ],
    ),
    # A review: only a few characters without space or digit are stray; a range of days
    # written in words was advised as its last number (`first_day = 11`).
    Case(
        "number-written-as-a-range",
        base.replace("first_day = 10", "first_day = entre 10 et 11"),
        [
            "x.toml:16:13: `first_day` takes a whole number, not `entre 10 et 11`. Fix: write the number in digits, without quotes.",
        ],
    ),
    Case(
        "number-written-as-j-plus-a-range",
        base.replace("first_day = 10", "first_day = J+10 à J+11"),
        [
            "x.toml:16:13: `first_day` takes a whole number, not `J+10 à J+11`. Fix: write the number in digits, without quotes.",
        ],
    ),
    Case(
        "number-written-as-j-plus",
        base.replace("first_day = 10", "first_day = J+10"),
        [
            "x.toml:16:13: `J` stands before the value. Fix: remove it: `first_day = +10`.",
        ],
    ),
    # A review: an invisible character is deleted, not typed again as a space.
    Case(
        "syntax-zero-width-space",
        base.replace("horizon = ", "hori\u200bzon = "),
        [
            "x.toml:10:5: a zero width space (U+200B) stands here, which TOML does not read. Fix: delete it (text pasted from a web page or a document brings them).",
        ],
    ),
    Case(
        "syntax-en-space",
        base.replace("horizon = ", "horizon\u2002= "),
        [
            "x.toml:10:8: an en space (U+2002) stands here, which TOML does not read as a space. Fix: type it again as an ordinary space (text pasted from a notice or a word processor brings such spaces).",
        ],
    ),
    # A French time after a no-break space: the fix of the time rewrites the whole line.
    Case(
        "syntax-french-time-after-a-no-break-space",
        base.replace("time = 18:00:00", "time =\u00a018h00"),
        [
            "x.toml:21:7: `time` is a time written the French way. Fix: write times as HH:MM:SS without quotes: `time = 18:00:00`.",
        ],
    ),
    Case(
        "unknown-key",
        base.replace("every_weeks = 2", "every_week = 2"),
        [
            "x.toml:35:1: periods[1]: the period has no cadence. Fix: add `every_weeks = 1` (weekly), `every_weeks = 2` (every other week) or an `rrule`.",
            "x.toml:37:1: periods[1].every_week: unknown key `every_week`. Fix: did you mean `every_weeks`? (Remove or rename the key.)",
        ],
    ),
    Case(
        "unknown-section",
        base + "\n[delivry]\nfirst_day = 3\n",
        [
            "x.toml:40:1: delivry: unknown key `delivry`. Fix: did you mean `delivery`? (Remove or rename the key.)",
        ],
    ),
    Case(
        "type-string-number",
        base.replace("every_weeks = 2", 'every_weeks = "2"'),
        [
            'x.toml:37:1: periods[1].every_weeks = "2": expected a whole number, found text. Fix: remove the quotes: `every_weeks = 2`.',
        ],
    ),
    Case(
        "range-zero",
        base.replace("every_weeks = 2", "every_weeks = 0"),
        [
            "x.toml:37:1: periods[1].every_weeks = 0: must be between 1 and 52. Fix: use a whole number from 1 to 52, e.g. `every_weeks = 2`.",
        ],
    ),
    Case(
        "start-not-monday",
        base.replace("start = 2023-07-24", "start = 2023-07-25"),
        [
            "x.toml:36:1: periods[1].start = 2023-07-25: is a tuesday, but sessions start on a monday. Fix: give the first day (monday) of the period's first session.",
        ],
    ),
    # The horizon is in [calendar] in this format (in the block, in a ledger).
    Case(
        "exception-after-the-horizon",
        base + '\n[[exceptions]]\nsession = 2024-01-08\nclose = true\nreason = "x"\n',
        [
            "x.toml:41:1: exceptions[1].session = 2024-01-08: is after the horizon (2023-10-10): the calendar ends before it. Fix: move the horizon later (`horizon = ` in [calendar]), or check the date.",
        ],
    ),
    Case(
        "invalid-date",
        base.replace("start = 2023-07-24", "start = 2023-02-30"),
        [
            "x.toml:36:9: `start` is not a real date: 2023-02 has 28 days. Fix: check the day (01 to 28); `start` is the first day of a session, a monday: e.g. `start = 2023-02-27`.",
        ],
    ),
    # TOML says only "at end of document": the line is where the quotes open.
    Case(
        "triple-quotes-never-closed",
        base.replace(
            'description = "Calendrier d\'essai."', 'description = """Calendrier d\'essai.'
        ),
        [
            "x.toml:5: this text in triple quotes is never closed. Fix: close it with the same three quotes (\"\"\" or ''') after its last line.",
        ],
    ),
    Case(
        "quotes-never-closed-at-the-end",
        base + 'note = "abc',
        [
            'x.toml:39: this text in quotes is never closed. Fix: close it with a double quote (") at the end of its line.',
        ],
    ),
    # Left open on a line before others: TOML stops at the line's end ("illegal character").
    Case(
        "quotes-never-closed",
        base.replace('description = "Calendrier d\'essai."', "description = \"Calendrier d'essai."),
        [
            'x.toml:5:35: this text in quotes is never closed. Fix: close it with a double quote (") at the end of its line.',
        ],
    ),
    # An escaped quote inside is no closing one.
    Case(
        "quotes-never-closed-after-an-escaped-one",
        base + 'note = "a \\"b',
        [
            'x.toml:39: this text in quotes is never closed. Fix: close it with a double quote (") at the end of its line.',
        ],
    ),
    # The document ends inside a list, not a text: the line the list opens on is named
    # (none was, and the fix said « check this line »; the last line holding a quote was
    # named before that, wrongly).
    Case(
        "list-never-closed",
        base + 'title = ["a",',
        [
            "x.toml:39: this list ([ … ]) is never closed. Fix: close it with ] after its last item.",
        ],
    ),
    Case(
        "list-never-closed-over-lines",
        base + 'title = [\n  "a",\n',
        [
            "x.toml:39: this list ([ … ]) is never closed. Fix: close it with ] after its last item.",
        ],
    ),
    Case(
        "list-never-closed-before-the-next-key",
        base.replace('days = ["monday", "tuesday"]', 'days = ["monday", "tuesday"'),
        [
            "x.toml:13: this list ([ … ]) is never closed. Fix: close it with ] after its last item.",
        ],
    ),
    Case(
        "inline-table-never-closed",
        base + "\n[reminders]\nalarms = [{ day = 0, time = 09:00:00",
        [
            "x.toml:41: this inline table ({ … }) is never closed. Fix: close it with } on the same line: an inline table stays on one line.",
        ],
    ),
    # TOML says « at end of document » of a last line without its newline: the fix said
    # « check this line », and no line was named.
    Case(
        "syntax-last-line-without-newline",
        base + "na",
        [
            "x.toml:39:3: this is not valid TOML: expected '=' after a key in a key/value pair. Fix: check this line: text goes in double quotes, dates as 2023-07-24 without quotes, one `key = value` per line, sections as [name].",
        ],
    ),
    # Past any month's last day, or no month at all: TOML stops further into the value,
    # with a message about statements (found by trying a publisher's year).
    Case(
        "day-32",
        base.replace("start = 2023-07-24", "start = 2023-07-32"),
        [
            "x.toml:36:13: `start` is not a real date: 2023-07 has 31 days. Fix: check the day (01 to 31); `start` is the first day of a session, a monday: e.g. `start = 2023-07-31`.",
        ],
    ),
    # A new user's trial: `start = 2023-09-31` was advised as 2023-09-30, a Saturday,
    # refused in turn. A session's first day is advised on the sessions' first weekday.
    Case(
        "start-past-the-month-s-end",
        base.replace("start = 2023-07-24", "start = 2023-09-31"),
        [
            "x.toml:36:9: `start` is not a real date: 2023-09 has 30 days. Fix: check the day (01 to 30); `start` is the first day of a session, a monday: e.g. `start = 2023-09-25`.",
        ],
    ),
    Case(
        "start-past-the-month-s-end-of-wednesday-sessions",
        base.replace("start = 2023-07-24", "start = 2023-09-31").replace(
            'days = ["monday", "tuesday"]', 'days = ["wednesday", "thursday"]'
        ),
        [
            "x.toml:36:9: `start` is not a real date: 2023-09 has 30 days. Fix: check the day (01 to 30); `start` is the first day of a session, a wednesday: e.g. `start = 2023-09-27`.",
        ],
    ),
    Case(
        "start-of-one-digit-past-the-month-s-end",
        base.replace("start = 2023-07-24", "start = 2023-9-31"),
        [
            "x.toml:36:13: `start` is not a real date: 2023-09 has 30 days. Fix: check the day (01 to 30); `start` is the first day of a session, a monday: e.g. `start = 2023-09-25`.",
        ],
    ),
    # A session the cadence places (every other Monday): no example on its weekday alone.
    Case(
        "exception-session-past-the-month-s-end",
        base + '\n[[exceptions]]\nsession = 2023-08-32\nclose = true\nreason = "x"\n',
        [
            "x.toml:41:15: `session` is not a real date: 2023-08 has 31 days. Fix: check the day (01 to 31); `session` is the first day of a session as the rules place it (a monday).",
        ],
    ),
    # A date that is no session's first day keeps the month's last day.
    Case(
        "exception-days-past-the-month-s-end",
        base
        + '\n[[exceptions]]\nsession = 2023-08-21\ndays = [2023-08-30, 2023-08-32]\nreason = "x"\n',
        [
            "x.toml:42:25: `days` is not a real date: 2023-08 has 31 days. Fix: check the day (01 to 31), e.g. `2023-08-31`.",
        ],
    ),
    # A time out of range in an inline table: TOML said « unclosed inline table ».
    Case(
        "alarm-hour-29",
        base + "\n[reminders]\nalarms = [{ day = 0, time = 29:00:00 }]\n",
        [
            "x.toml:41:31: `time` is not a real time of day: there is no hour 29. Fix: check the hour (00 to 23), e.g. `time = 23:00:00`.",
        ],
    ),
    # A real date on a line TOML stops at for another reason: said as that reason.
    Case(
        "date-written-twice",
        base.replace("start = 2023-07-24", "start = 2023-07-24\nstart = 2023-07-31"),
        [
            "x.toml:37:19: `start` is written twice in this table (first on line 36). Fix: keep one of them.",
        ],
    ),
    # A month out of range was advised as July 24 whatever was written, a wrong date that
    # passed `check`; the date is told only with the day and month the other way round.
    Case(
        "month-13",
        base.replace("start = 2023-07-24", "start = 2023-13-24"),
        [
            "x.toml:36:13: `start` is not a real date: there is no month 13. Fix: write it as year-month-day, the month from 01 to 12; `start` is the first day of a session, a monday.",
        ],
    ),
    Case(
        "month-out-of-range-day-first",
        base.replace("start = 2023-07-24", "start = 2023-17-07"),
        [
            "x.toml:36:13: `start` is not a real date: there is no month 17. Fix: write it as year-month-day, the month from 01 to 12; `start` is the first day of a session, a monday; if the day was written first: `start = 2023-07-17`.",
        ],
    ),
    Case(
        "month-out-of-range-day-first-on-no-session-day",  # 2023-05-13 is a Saturday
        base.replace("start = 2023-07-24", "start = 2023-13-05"),
        [
            "x.toml:36:13: `start` is not a real date: there is no month 13. Fix: write it as year-month-day, the month from 01 to 12; `start` is the first day of a session, a monday.",
        ],
    ),
    # No year 0 in TOML's dates, nor Python's: the fix said `start = ` (no Monday of it).
    Case(
        "start-in-year-0",
        base.replace("start = 2023-07-24", "start = 0000-02-30"),
        [
            "x.toml:36:9: `start` is not a real date: there is no year 0000 (dates start at 0001-01-01). Fix: check the year (a calendar's dates run from 2000 to 2999); `start` is the first day of a session, a monday.",
        ],
    ),
    Case(
        "end-before-start",
        base.replace("every_weeks = 2", "every_weeks = 2\nend = 2023-07-01"),
        [
            "x.toml:38:1: periods[1].end = 2023-07-01: is before the period's start (2023-07-24). Fix: give an end on or after the start.",
        ],
    ),
    Case(
        "overlap",
        definition_text(P + "\n[[periods]]\nstart = 2023-08-07\nevery_weeks = 1\n"),
        [
            "x.toml:35:1: periods[1]: this period has no end, so it overlaps the next one (from 2023-08-07). Fix: end it before the next one starts, e.g. `end = 2023-08-06`.",
        ],
    ),
    Case(
        "order",
        definition_text(
            "\n[[periods]]\nstart = 2023-08-07\nend = 2023-08-20\nevery_weeks = 1\n[[periods]]\nstart = 2023-07-24\nend=2023-07-30\nevery_weeks = 1\n"
        ),
        [
            "x.toml:40:1: periods[2].start = 2023-07-24: is not after the previous period's start (2023-08-07). Fix: list periods in chronological order.",
        ],
    ),
    Case(
        "both-cadences",
        base.replace("every_weeks = 2", 'every_weeks = 2\nrrule = "FREQ=WEEKLY"'),
        [
            "x.toml:38:1: periods[1].rrule: a period has either `every_weeks` or `rrule`, not both. Fix: keep `every_weeks` for every-N-weeks cadences; `rrule` only for others.",
        ],
    ),
    Case(
        "no-cadence",
        base.replace("every_weeks = 2", ""),
        [
            "x.toml:35:1: periods[1]: the period has no cadence. Fix: add `every_weeks = 1` (weekly), `every_weeks = 2` (every other week) or an `rrule`.",
        ],
    ),
    Case(
        "rrule-invalid",
        base.replace("every_weeks = 2", 'rrule = "FREQ=SOMETIMES"'),
        [
            'x.toml:37:1: periods[1].rrule = "FREQ=SOMETIMES": is not a valid RRULE (invalid \'FREQ\': SOMETIMES). Fix: write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
        ],
    ),
    Case(
        "rrule-weekday",
        base.replace("every_weeks = 2", 'rrule = "FREQ=WEEKLY;BYDAY=WE"'),
        [
            'x.toml:37:1: periods[1].rrule = "FREQ=WEEKLY;BYDAY=WE": gives 2023-07-26, a wednesday, but sessions start on a monday. Fix: restrict the rule to that day, e.g. add `;BYDAY=MO`.',
        ],
    ),
    Case(
        "tz-typo",
        definition_text(P, timezone="Europe/Pariss"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Pariss": is not a known time zone. Fix: did you mean `Europe/Paris` (UTC+1, UTC+2 in summer)?',
        ],
    ),
    # A zone's abbreviation (it was taken for a typo of EST, New York's zone).
    Case(
        "tz-abbreviation",
        definition_text(P, timezone="CEST"),
        [
            'x.toml:6:1: calendar.timezone = "CEST": is not a known time zone. Fix: `CEST` is an abbreviation, which names one season\'s offset, not a zone: write the tz database name of a city in it, such as `Europe/Paris` (CET, CEST) or `America/Martinique` (AST).',
        ],
    ),
    Case(
        "tz-abbreviation-not-ending-in-t",  # MSK was taken for a typo of MST (UTC-7)
        definition_text(P, timezone="MSK"),
        [
            'x.toml:6:1: calendar.timezone = "MSK": is not a known time zone. Fix: `MSK` is an abbreviation, which names one season\'s offset, not a zone: write the tz database name of a city in it, such as `Europe/Paris` (CET, CEST) or `America/Martinique` (AST).',
        ],
    ),
    Case(
        "tz-french-city",  # no zone is named after Lyon: it was « use a tz database name »
        definition_text(P, timezone="LYON"),
        [
            'x.toml:6:1: calendar.timezone = "LYON": is not a known time zone. Fix: did you mean `Europe/Paris`? (LYON keeps the time of mainland France, which the tz database names after Paris.)',
        ],
    ),
    Case(
        "tz-city",  # the city alone, in capitals (it was taken for an abbreviation)
        definition_text(P, timezone="PARIS"),
        [
            'x.toml:6:1: calendar.timezone = "PARIS": is not a known time zone. Fix: did you mean `Europe/Paris`? (A zone is named by its region and city.)',
        ],
    ),
    Case(
        "tz-case",
        definition_text(P, timezone="europe/paris"),
        [
            'x.toml:6:1: calendar.timezone = "europe/paris": is not a known time zone. Fix: did you mean `Europe/Paris`? (Names are case-sensitive.)',
        ],
    ),
    # A new user's trial: `UTC+2` was advised as `UTC`, which loads, and every time came
    # out two hours off; an offset is said as one, with the zone that has its seasons.
    Case(
        "tz-offset-of-summer",
        definition_text(P, timezone="UTC+2"),
        [
            'x.toml:6:1: calendar.timezone = "UTC+2": is not a known time zone. Fix: `UTC+2` is an offset, which has no daylight-saving rules: UTC+2 is summer time in Europe/Paris, and the times would be an hour off all winter (as with `Etc/GMT-2`, the same offset under a zone\'s name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/Paris` for mainland France (UTC+1 in winter, UTC+2 in summer).',
        ],
    ),
    Case(
        "tz-offset-of-winter",  # was advised as `GMT+0`
        definition_text(P, timezone="GMT+1"),
        [
            'x.toml:6:1: calendar.timezone = "GMT+1": is not a known time zone. Fix: `GMT+1` is an offset (UTC+1), which has no daylight-saving rules: UTC+1 is winter time in Europe/Paris, and the times would be an hour off all summer (as with `Etc/GMT-1`, the same offset under a zone\'s name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/Paris` for mainland France (UTC+1 in winter, UTC+2 in summer).',
        ],
    ),
    Case(
        "tz-offset-in-digits",
        definition_text(P, timezone="+02:00"),
        [
            'x.toml:6:1: calendar.timezone = "+02:00": is not a known time zone. Fix: `+02:00` is an offset (UTC+2), which has no daylight-saving rules: UTC+2 is summer time in Europe/Paris, and the times would be an hour off all winter (as with `Etc/GMT-2`, the same offset under a zone\'s name). Write the tz database name of the place whose clock the notice follows (Region/City): `Europe/Paris` for mainland France (UTC+1 in winter, UTC+2 in summer).',
        ],
    ),
    Case(
        "tz-offset-of-overseas-france",  # was advised as `GMT-0`
        definition_text(P, timezone="GMT-3"),
        [
            'x.toml:6:1: calendar.timezone = "GMT-3": is not a known time zone. Fix: `GMT-3` is an offset (UTC-3), which has no daylight-saving rules. Write the tz database name of the place whose clock the notice follows (Region/City): `America/Cayenne` for French Guiana (UTC-3 all year).',
        ],
    ),
    Case(
        "tz-offset-of-two-zones",
        definition_text(P, timezone="UTC-4"),
        [
            'x.toml:6:1: calendar.timezone = "UTC-4": is not a known time zone. Fix: `UTC-4` is an offset, which has no daylight-saving rules. Write the tz database name of the place whose clock the notice follows (Region/City): `America/Martinique` for Martinique (UTC-4 all year) or `America/Guadeloupe` for Guadeloupe (UTC-4 all year).',
        ],
    ),
    Case(
        "tz-offset-of-no-french-zone",  # no zone guessed from the offset alone
        definition_text(P, timezone="UTC+5"),
        [
            'x.toml:6:1: calendar.timezone = "UTC+5": is not a known time zone. Fix: `UTC+5` is an offset, which has no daylight-saving rules, and none of France\'s zones is at UTC+5: write the tz database name of the place whose clock the notice follows (Region/City), such as `Europe/Paris` for mainland France.',
        ],
    ),
    # The zero offset was advised as `UTC`, which `check` warns of (a fixed offset, no
    # place's time): advised as any other offset.
    Case(
        "tz-offset-zero",
        definition_text(P, timezone="UTC+0"),
        [
            'x.toml:6:1: calendar.timezone = "UTC+0": is not a known time zone. Fix: `UTC+0` is an offset, which has no daylight-saving rules, and none of France\'s zones is at UTC+0: write the tz database name of the place whose clock the notice follows (Region/City), such as `Europe/Paris` for mainland France.',
        ],
    ),
    Case(
        "tz-offset-zero-as-z",
        definition_text(P, timezone="Z"),
        [
            'x.toml:6:1: calendar.timezone = "Z": is not a known time zone. Fix: `Z` is an offset (UTC+0), which has no daylight-saving rules, and none of France\'s zones is at UTC+0: write the tz database name of the place whose clock the notice follows (Region/City), such as `Europe/Paris` for mainland France.',
        ],
    ),
    Case(
        "tz-in-a-notice-s-words",  # right by spelling, by luck: said as what it is
        definition_text(P, timezone="heure de la Martinique"),
        [
            'x.toml:6:1: calendar.timezone = "heure de la Martinique": is not a known time zone. Fix: `heure de la Martinique` is how a notice names the zone: write its tz database name, `America/Martinique`.',
        ],
    ),
    Case(
        "tz-in-a-notice-s-words-without-a-place",
        definition_text(P, timezone="heure d'été"),
        [
            "x.toml:6:1: calendar.timezone = \"heure d'été\": is not a known time zone. Fix: `heure d'été` names no place: write the tz database name of the place whose clock the notice follows (Region/City), such as `Europe/Paris` (mainland France) or `America/Martinique`.",
        ],
    ),
    # The city in another region: was advised as `Europe/Vienna`, by the letters of
    # the region; found by its city first.
    Case(
        "tz-city-in-another-region",
        definition_text(P, timezone="Europe/Cayenne"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Cayenne": is not a known time zone. Fix: did you mean `America/Cayenne`? (Cayenne is in America.)',
        ],
    ),
    Case(
        "tz-city-misspelt-in-another-region",  # was advised as `Europe/Tirane`
        definition_text(P, timezone="Europe/Cayene"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Cayene": is not a known time zone. Fix: did you mean `America/Cayenne` (UTC-3 all year)?',
        ],
    ),
    # A French place's name, looked up before the tz database's cities and spelling,
    # which gave zones of other times; a guess by spelling says the zone's offsets.
    Case(
        "tz-french-region",  # was advised as `America/Guyana`, an hour off
        definition_text(P, timezone="America/Guyane"),
        [
            'x.toml:6:1: calendar.timezone = "America/Guyane": is not a known time zone. Fix: did you mean `America/Cayenne`? (Guyane keeps the time of French Guiana, which the tz database names after Cayenne.)',
        ],
    ),
    Case(
        "tz-french-city-in-europe",  # was advised as `Europe/London`
        definition_text(P, timezone="Europe/Lyon"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Lyon": is not a known time zone. Fix: did you mean `Europe/Paris`? (Lyon keeps the time of mainland France, which the tz database names after Paris.)',
        ],
    ),
    Case(
        "tz-martinique-prefecture",  # was `America/Fort_Wayne`
        definition_text(P, timezone="America/Fort-de-France"),
        [
            'x.toml:6:1: calendar.timezone = "America/Fort-de-France": is not a known time zone. Fix: did you mean `America/Martinique`? (Fort-de-France keeps the time of Martinique.)',
        ],
    ),
    Case(
        "tz-guadeloupe-city",  # was `America/Port-au-Prince`
        definition_text(P, timezone="America/Pointe-a-Pitre"),
        [
            'x.toml:6:1: calendar.timezone = "America/Pointe-a-Pitre": is not a known time zone. Fix: did you mean `America/Guadeloupe`? (Pointe-a-Pitre keeps the time of Guadeloupe.)',
        ],
    ),
    Case(
        "tz-guadeloupe-prefecture-written-otherwise",
        definition_text(P, timezone="America/BASSE_TERRE"),
        [
            'x.toml:6:1: calendar.timezone = "America/BASSE_TERRE": is not a known time zone. Fix: did you mean `America/Guadeloupe`? (BASSE_TERRE keeps the time of Guadeloupe.)',
        ],
    ),
    Case(
        "tz-reunion-prefecture",  # was advised as `Indian/Mauritius`
        definition_text(P, timezone="Indian/Saint-Denis"),
        [
            'x.toml:6:1: calendar.timezone = "Indian/Saint-Denis": is not a known time zone. Fix: did you mean `Indian/Reunion`? (Saint-Denis keeps the time of Réunion.)',
        ],
    ),
    Case(
        "tz-mainland-city-of-a-reunion-name",  # north of Paris
        definition_text(P, timezone="Europe/Saint-Denis"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Saint-Denis": is not a known time zone. Fix: did you mean `Europe/Paris`? (Saint-Denis keeps the time of mainland France, which the tz database names after Paris.)',
        ],
    ),
    Case(
        "tz-mayotte-prefecture",  # was advised as `Indian/Comoro`
        definition_text(P, timezone="Indian/Mamoudzou"),
        [
            'x.toml:6:1: calendar.timezone = "Indian/Mamoudzou": is not a known time zone. Fix: did you mean `Indian/Mayotte`? (Mamoudzou keeps the time of Mayotte.)',
        ],
    ),
    Case(
        "tz-french-accent",
        definition_text(P, timezone="Indian/Réunion"),
        [
            'x.toml:6:1: calendar.timezone = "Indian/Réunion": is not a known time zone. Fix: did you mean `Indian/Reunion`? (Réunion is written `Reunion` in the tz database.)',
        ],
    ),
    Case(
        "tz-french-city-misspelt",  # a guess by spelling: its offsets
        definition_text(P, timezone="Europe/Marseile"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Marseile": is not a known time zone. Fix: did you mean `Europe/Paris` (UTC+1, UTC+2 in summer)?',
        ],
    ),
    Case(
        "tz-saint-martin",  # was `Europe/San_Marino`, UTC+1 for UTC-4
        definition_text(P, timezone="America/Saint-Martin"),
        [
            'x.toml:6:1: calendar.timezone = "America/Saint-Martin": is not a known time zone. Fix: did you mean `America/Marigot`? (Saint-Martin\'s zone is named after Marigot in the tz database.)',
        ],
    ),
    Case(
        "tz-saint-martin-misspelt",  # a guess stays in its region or France
        definition_text(P, timezone="America/Saint-Martn"),
        [
            'x.toml:6:1: calendar.timezone = "America/Saint-Martn": is not a known time zone. Fix: did you mean `America/Marigot` (UTC-4 all year)?',
        ],
    ),
    Case(
        "tz-saint-barthelemy",
        definition_text(P, timezone="America/Saint-Barthélemy"),
        [
            'x.toml:6:1: calendar.timezone = "America/Saint-Barthélemy": is not a known time zone. Fix: did you mean `America/St_Barthelemy`? (Saint-Barthélemy\'s zone is named after St Barthelemy in the tz database.)',
        ],
    ),
    Case(
        "tz-saint-pierre-et-miquelon",  # was `America/Santarem`, an hour off
        definition_text(P, timezone="America/Saint-Pierre"),
        [
            'x.toml:6:1: calendar.timezone = "America/Saint-Pierre": is not a known time zone. Fix: did you mean `America/Miquelon`? (Saint-Pierre keeps the time of Saint Pierre and Miquelon, which the tz database names after Miquelon.)',
        ],
    ),
    Case(
        "tz-papeete",  # was `Pacific/Ponape`, UTC+11 for UTC-10
        definition_text(P, timezone="Pacific/Papeete"),
        [
            'x.toml:6:1: calendar.timezone = "Pacific/Papeete": is not a known time zone. Fix: did you mean `Pacific/Tahiti`? (Papeete keeps the time of French Polynesia, which the tz database names after Tahiti.)',
        ],
    ),
    Case(
        "tz-polynesie",  # was `Pacific/Ponape`
        definition_text(P, timezone="Pacific/Polynésie"),
        [
            'x.toml:6:1: calendar.timezone = "Pacific/Polynésie": is not a known time zone. Fix: did you mean `Pacific/Tahiti`? (Polynésie keeps the time of French Polynesia, which the tz database names after Tahiti.)',
        ],
    ),
    Case(
        "tz-noumea",
        definition_text(P, timezone="Pacific/Nouméa"),
        [
            'x.toml:6:1: calendar.timezone = "Pacific/Nouméa": is not a known time zone. Fix: did you mean `Pacific/Noumea`? (Nouméa is written `Noumea` in the tz database.)',
        ],
    ),
    Case(
        "tz-nouvelle-caledonie",  # was « use a tz database name »
        definition_text(P, timezone="Pacific/Nouvelle-Calédonie"),
        [
            'x.toml:6:1: calendar.timezone = "Pacific/Nouvelle-Calédonie": is not a known time zone. Fix: did you mean `Pacific/Noumea`? (Nouvelle-Calédonie keeps the time of New Caledonia, which the tz database names after Noumea.)',
        ],
    ),
    Case(
        "tz-wallis-et-futuna",
        definition_text(P, timezone="Pacific/Wallis-et-Futuna"),
        [
            'x.toml:6:1: calendar.timezone = "Pacific/Wallis-et-Futuna": is not a known time zone. Fix: did you mean `Pacific/Wallis`? (Wallis-et-Futuna keeps the time of Wallis and Futuna, which the tz database names after Wallis.)',
        ],
    ),
    Case(
        "tz-misspelt-city-of-its-region",  # was `Asia/Bahrain`, UTC+3 for UTC-3
        definition_text(P, timezone="America/Bahai"),
        [
            'x.toml:6:1: calendar.timezone = "America/Bahai": is not a known time zone. Fix: did you mean `America/Bahia` (UTC-3 all year)?',
        ],
    ),
    Case(
        "tz-city-of-no-zone-in-europe",  # Geneva names no zone: a guess by letters, in Europe, its offsets said
        definition_text(P, timezone="Europe/Genève"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Genève": is not a known time zone. Fix: did you mean `Europe/Guernsey` (UTC+0, UTC+1 in summer)?',
        ],
    ),
    Case(
        "tz-misspelt-elsewhere",
        definition_text(P, timezone="Europe/Londn"),
        [
            'x.toml:6:1: calendar.timezone = "Europe/Londn": is not a known time zone. Fix: did you mean `Europe/London` (UTC+0, UTC+1 in summer)?',
        ],
    ),
    Case(
        "id-space",
        definition_text(P, calendar_id="vaccins covid"),
        [
            'x.toml:2:1: calendar.id = "vaccins covid": is not safe in file names and URLs. Fix: use lowercase letters, digits and single hyphens, at most 64 characters, e.g. `id = "vaccins-covid"`.',
        ],
    ),
    Case(
        "id-dotdot",
        definition_text(P, calendar_id="../vaccins"),
        [
            'x.toml:2:1: calendar.id = "../vaccins": is not safe in file names and URLs. Fix: use lowercase letters, digits and single hyphens, at most 64 characters, e.g. `id = "vaccins-covid"`.',
        ],
    ),
    Case(
        "id-upper",
        definition_text(P, calendar_id="Vaccins"),
        [
            'x.toml:2:1: calendar.id = "Vaccins": is not safe in file names and URLs. Fix: use lowercase letters, digits and single hyphens, at most 64 characters, e.g. `id = "vaccins-covid"`.',
        ],
    ),
    Case(
        "base-url-http",
        base.replace("https://example.org/feeds/", "http://example.org/feeds/"),
        [
            'x.toml:7:1: calendar.base_url = "http://example.org/feeds/": is not an https:// address. Fix: use https (calendar clients need it): `base_url = "https://example.org/feeds/"`.',
        ],
    ),
    Case(
        "base-url-in-capitals",
        base.replace("https://example.org/feeds/", "HTTPS://example.org/feeds/"),
        [
            'x.toml:7:1: calendar.base_url = "HTTPS://example.org/feeds/": has its scheme in capitals. Fix: write it in lower case: `base_url = "https://example.org/feeds/"`.',
        ],
    ),
    # An unbalanced bracket in the host: urlsplit raised ValueError, exit 1 « internal
    # error » from every command (a helper's hostile inputs).
    Case(
        "portal-url-with-a-bracket-in-its-host",
        base.replace("https://example.org/portail", "https://[bad/"),
        [
            'x.toml:8:1: calendar.portal_url = "https://[bad/": has a host that is no web address (\'[bad\': brackets are for IPv6 addresses). Fix: write the address as a browser shows it, e.g. `portal_url = "https://…"`.',
        ],
    ),
    # A review: a character NFKC turns into a separator (℀ is a/c) is no bracket.
    Case(
        "portal-url-with-a-character-that-normalizes-to-a-separator",
        base.replace("https://example.org/portail", "https://ex\u2100ample.org/"),
        [
            'x.toml:8:1: calendar.portal_url = "https://ex\u2100ample.org/": has a host that is no web address (\'ex\u2100ample.org\': it holds a character that reads as a separator once normalized). Fix: write the address as a browser shows it, e.g. `portal_url = "https://…"`.',
        ],
    ),
    # A review: the host was cut at « / » only, so a query's brackets read as the host's.
    Case(
        "portal-url-with-brackets-in-its-query",
        base.replace("https://example.org/portail", "https://ex\u2100ample.org?a=[1]"),
        [
            'x.toml:8:1: calendar.portal_url = "https://ex\u2100ample.org?a=[1]": has a host that is no web address (\'ex\u2100ample.org\': it holds a character that reads as a separator once normalized). Fix: write the address as a browser shows it, e.g. `portal_url = "https://…"`.',
        ],
    ),
    Case(
        "portal-url-not-encoded",
        base.replace("https://example.org/portail", "https://exemple.fr/santé/note n°1|2"),
        [
            'x.toml:8:1: calendar.portal_url = "https://exemple.fr/santé/note n°1|2": holds characters a URL must encode. Fix: write `portal_url = "https://exemple.fr/sant%C3%A9/note%20n%C2%B01%7C2"`.',
        ],
    ),
    Case(
        "portal-url-accented",
        base.replace("https://example.org/portail", "https://pharmacie-été.fr/santé"),
        [
            'x.toml:8:1: calendar.portal_url = "https://pharmacie-été.fr/santé": holds characters a URL must encode. Fix: write `portal_url = "https://xn--pharmacie-t-kbbb.fr/sant%C3%A9"`.',
        ],
    ),
    Case(
        "horizon-far",
        definition_text(P, horizon="2203-10-10"),
        [
            "x.toml:10:1: calendar.horizon = 2203-10-10: is more than 100 years after the first session (2023-07-24). Fix: give a horizon on or before 2123-07-24 (a typo in the year?).",
        ],
    ),
    Case(
        "horizon-before",
        definition_text(P, horizon="2023-07-01"),
        [
            "x.toml:36:1: periods[1].start = 2023-07-24: is after the horizon (2023-07-01), so the period would be empty. Fix: move calendar.horizon later, or remove the period.",
        ],
    ),
    Case(
        "weekday-typo",
        base.replace('"monday", "tuesday"', '"mondy", "tuesday"'),
        [
            'x.toml:13:1: sessions.days = ["mondy", "tuesday"]: "mondy" is not a weekday. Fix: did you mean `monday`?',
        ],
    ),
    Case(
        "weekday-gap",
        base.replace('"monday", "tuesday"', '"monday", "wednesday"'),
        [
            'x.toml:13:1: sessions.days = ["monday", "wednesday"]: must be consecutive days, in order, each once. Fix: write the days of one session in order, e.g. `days = ["monday", "tuesday"]`.',
        ],
    ),
    Case(
        "missing-section",
        base.replace("[appointments]\ndays_after_delivery = 1\n", ""),
        [
            "x.toml: appointments: the section [appointments] is missing. Fix: add the [appointments] section (see schedules/vaccins-covid.toml).",
        ],
    ),
    Case(
        "missing-key",
        base.replace('portal_url = "https://example.org/portail"\n', ""),
        [
            'x.toml:1:1: calendar.portal_url: `portal_url` is missing. Fix: add `portal_url = "https://…"` to [calendar].',
        ],
    ),
    Case(
        "delivery-before-order",
        base.replace("first_day = 10", "first_day = 1"),
        [
            "x.toml:16:1: delivery.first_day = 1: would deliver before the session ends (a session lasts 2 days, J+0 to J+1). Fix: use a first_day of at least 2 (J = first day of the session).",
        ],
    ),
    Case(
        "delivery-backwards",
        base.replace("last_day = 11", "last_day = 9"),
        [
            "x.toml:17:1: delivery.last_day = 9: ends before the delivery starts (first_day = 10). Fix: make last_day equal to or greater than first_day.",
        ],
    ),
    Case(
        "revised-quoted",
        base.replace("revised = 2023-07-18", 'revised = "2023-07-18"'),
        [
            'x.toml:9:1: calendar.revised = "2023-07-18": expected a date (YYYY-MM-DD) or date and time, found text. Fix: remove the quotes: `revised = 2023-07-18`.',
        ],
    ),
    Case(
        "time-quoted",
        base.replace("time = 18:00:00", 'time = "18:00"'),
        [
            'x.toml:21:1: confirmation.time = "18:00": expected a time (HH:MM:SS, no quotes), found text. Fix: remove the quotes: `time = 18:00:00`.',
        ],
    ),
    Case(
        "name-multiline",
        base.replace('name = "Essai"', 'name = """Essai\nsur deux lignes"""'),
        [
            'x.toml:3:1: calendar.name = "Essai\\nsur deux lignes": must fit on one line. Fix: remove the line breaks (use a single-line string in double quotes).',
        ],
    ),
    Case(
        "exc-no-session",
        definition_text(P, '[[exceptions]]\nsession = 2023-07-31\nclose = true\nreason = "x"\n'),
        [
            "x.toml:41:1: exceptions[1].close = true: this session is already closed by the rules. Fix: remove the exception, or target an open session.",
        ],
    ),
    Case(
        "exc-bad-target",
        definition_text(P, '[[exceptions]]\nsession = 2023-07-26\nclose = true\nreason = "x"\n'),
        [
            "x.toml:40:1: exceptions[1].session = 2023-07-26: no session of the periods starts on this day. The nearest is 2023-07-24. Fix: give the first day of a session as the rules place it (before any move).",
        ],
    ),
    Case(
        "exc-nothing",
        definition_text(P, '[[exceptions]]\nsession = 2023-08-07\nreason = "x"\n'),
        [
            "x.toml:39:1: exceptions[1]: the exception changes nothing. Fix: add `close = true`, `open = true`, `move_to = <date>` or `delivery = [<date>, <date>]`.",
        ],
    ),
    Case(
        "exc-dup",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-08-07\nclose = true\nreason = "x"\n[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-08-09\nreason = "y"\n',
        ),
        [
            "x.toml:44:1: exceptions[2].session = 2023-08-07: exceptions[1] already concerns this session. Fix: merge both into one [[exceptions]] entry.",
        ],
    ),
    Case(
        "exc-delivery-early",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-08-07\ndelivery = [2023-08-08, 2023-08-10]\nreason = "x"\n',
        ),
        [
            "x.toml:41:1: exceptions[1].delivery = [2023-08-08, 2023-08-10]: starts before the session ends (2023-08-08): orders cannot arrive before they are placed. Fix: give delivery days after the session's last day.",
        ],
    ),
    Case(
        "exc-move-clash",
        definition_text(
            P, '[[exceptions]]\nsession = 2023-08-07\nmove_to = 2023-07-31\nreason = "x"\n'
        ),
        [
            "x.toml:41:1: exceptions[1].move_to = 2023-07-31: the moved session would overlap the session of 2023-07-31. Fix: choose days that no other session uses.",
        ],
    ),
    Case(
        "exc-no-reason",
        definition_text(P, "[[exceptions]]\nsession = 2023-08-07\nclose = true\n"),
        [
            'x.toml:39:1: exceptions[1].reason: `reason` is missing. Fix: add `reason = "Jour férié"` to the first [[exceptions]] entry.',
        ],
    ),
    Case(
        "exc-close-and-move",
        definition_text(
            P,
            '[[exceptions]]\nsession = 2023-08-07\nclose = true\nmove_to = 2023-08-09\nreason = "x"\n',
        ),
        [
            "x.toml:41:1: exceptions[1].close: a closed session has no other change. Fix: keep `close = true` alone, or remove it to move or re-time the session.",
        ],
    ),
    # No length was refused: a product of 1 MB made `check` take 14 s and 1.5 GB, and
    # one of 200 KB made `build` write 139 MB (it is in every event).
    Case(
        "product-far-too-long",
        base.replace(
            'product = "vaccins Covid-19"', 'product = "' + "vaccins Covid-19 " * 60_000 + '"'
        ),
        [
            'x.toml:4:1: calendar.product = "vaccins Covid-19 vaccins Covid-19 vaccins Covid-19 vacci…: is 1,020,000 characters long, over the limit of 200 for `product`. Fix: shorten it to 200 characters or fewer.',
        ],
    ),
    Case(
        "note-too-long",
        base.replace(
            "minutes = 30", 'minutes = 30\nnote = "' + "Voir l'outil de commande. " * 20 + '"'
        ),
        [
            "x.toml:23:1: confirmation.note = \"Voir l'outil de commande. Voir l'outil de commande. Voir…: is 520 characters long, over the limit of 500 for `note`. Fix: shorten it to 500 characters or fewer.",
        ],
    ),
    Case(
        "notices-none",
        base[: base.index("[[notices]]")] + base[base.index("[[periods]]") :],
        [
            "x.toml: notices: no [[notices]] entry. Fix: add at least one [[notices]] section.",
        ],
    ),
)


def test_cases_are_many_and_named_once() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_definition(case: Case) -> None:
    assert first_lines(case.text) == case.messages


# Each fix above that names what to write, done: the file then passes `check`.
FOLLOWED = {
    "tz-offset-of-summer": ('"UTC+2"', '"Europe/Paris"'),
    "tz-offset-of-winter": ('"GMT+1"', '"Europe/Paris"'),
    "tz-offset-in-digits": ('"+02:00"', '"Europe/Paris"'),
    "tz-offset-of-overseas-france": ('"GMT-3"', '"America/Cayenne"'),
    "tz-offset-of-two-zones": ('"UTC-4"', '"America/Martinique"'),
    "tz-offset-of-no-french-zone": ('"UTC+5"', '"Europe/Paris"'),
    "tz-offset-zero": ('"UTC+0"', '"Europe/Paris"'),
    "tz-offset-zero-as-z": ('"Z"', '"Europe/Paris"'),
    "tz-french-city": ('"LYON"', '"Europe/Paris"'),
    "tz-french-region": ('"America/Guyane"', '"America/Cayenne"'),
    "tz-french-city-in-europe": ('"Europe/Lyon"', '"Europe/Paris"'),
    "tz-martinique-prefecture": ('"America/Fort-de-France"', '"America/Martinique"'),
    "tz-guadeloupe-city": ('"America/Pointe-a-Pitre"', '"America/Guadeloupe"'),
    "tz-guadeloupe-prefecture-written-otherwise": ('"America/BASSE_TERRE"', '"America/Guadeloupe"'),
    "tz-reunion-prefecture": ('"Indian/Saint-Denis"', '"Indian/Reunion"'),
    "tz-mainland-city-of-a-reunion-name": ('"Europe/Saint-Denis"', '"Europe/Paris"'),
    "tz-mayotte-prefecture": ('"Indian/Mamoudzou"', '"Indian/Mayotte"'),
    "tz-french-accent": ('"Indian/Réunion"', '"Indian/Reunion"'),
    "tz-french-city-misspelt": ('"Europe/Marseile"', '"Europe/Paris"'),
    "tz-saint-martin": ('"America/Saint-Martin"', '"America/Marigot"'),
    "tz-saint-martin-misspelt": ('"America/Saint-Martn"', '"America/Marigot"'),
    "tz-saint-barthelemy": ('"America/Saint-Barthélemy"', '"America/St_Barthelemy"'),
    "tz-saint-pierre-et-miquelon": ('"America/Saint-Pierre"', '"America/Miquelon"'),
    "tz-papeete": ('"Pacific/Papeete"', '"Pacific/Tahiti"'),
    "tz-polynesie": ('"Pacific/Polynésie"', '"Pacific/Tahiti"'),
    "tz-noumea": ('"Pacific/Nouméa"', '"Pacific/Noumea"'),
    "tz-nouvelle-caledonie": ('"Pacific/Nouvelle-Calédonie"', '"Pacific/Noumea"'),
    "tz-wallis-et-futuna": ('"Pacific/Wallis-et-Futuna"', '"Pacific/Wallis"'),
    "tz-misspelt-city-of-its-region": ('"America/Bahai"', '"America/Bahia"'),
    "tz-misspelt-elsewhere": ('"Europe/Londn"', '"Europe/London"'),
    "tz-typo": ('"Europe/Pariss"', '"Europe/Paris"'),
    "tz-in-a-notice-s-words": ('"heure de la Martinique"', '"America/Martinique"'),
    "tz-city-in-another-region": ('"Europe/Cayenne"', '"America/Cayenne"'),
    "tz-city-misspelt-in-another-region": ('"Europe/Cayene"', '"America/Cayenne"'),
    "tz-case": ('"europe/paris"', '"Europe/Paris"'),
    "invalid-date": ("start = 2023-02-30", "start = 2023-02-27"),
    "day-32": ("start = 2023-07-32", "start = 2023-07-31"),
    "month-out-of-range-day-first": ("start = 2023-17-07", "start = 2023-07-17"),
    "syntax-no-such-date": ("revised = 2023-13-5", "revised = 2023-05-13"),
    "start-past-the-month-s-end": ("start = 2023-09-31", "start = 2023-09-25"),
    "start-past-the-month-s-end-of-wednesday-sessions": (
        "start = 2023-09-31",
        "start = 2023-09-27",
    ),
    "start-of-one-digit-past-the-month-s-end": ("start = 2023-9-31", "start = 2023-09-25"),
    "exception-days-past-the-month-s-end": ("2023-08-32", "2023-08-31"),
    "alarm-hour-29": ("time = 29:00:00", "time = 23:00:00"),
}


test_the_fix_works_when_followed = fixes_followed(CASES, FOLLOWED)


def test_message_shows_the_offending_line() -> None:
    (tz_typo,) = [case.text for case in CASES if case.name == "tz-typo"]
    with pytest.raises(DefinitionError) as caught:
        loads(tz_typo, "x.toml")
    assert caught.value.problems[0].format().split("\n")[1] == (
        '       6 | timezone = "Europe/Pariss"'
    )


def test_a_long_line_is_shown_around_where_it_is_wrong() -> None:
    # A product of a megabyte was copied out whole below its message.
    (far_too_long,) = [case.text for case in CASES if case.name == "product-far-too-long"]
    with pytest.raises(DefinitionError) as caught:
        loads(far_too_long, "x.toml")
    excerpt = caught.value.problems[0].format().split("\n")[1]
    assert excerpt == '       4 | product = "' + ("vaccins Covid-19 " * 12)[:189] + "…"
    # Where TOML stops far into a line: the characters around it.
    text = base.replace('name = "Essai"', 'name = "' + "Essai " * 100 + '" x')
    with pytest.raises(DefinitionError) as caught:
        loads(text, "x.toml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 611)
    assert problem.format().split("\n")[1] == "       3 | …" + ("Essai " * 100)[-197:] + '" x'


def test_a_long_bare_value_is_named_by_its_start() -> None:
    # Not copied out whole, twice, into a message a terminal shows.
    text = base.replace('name = "Essai"', "name = " + "Essai " * 100_000)
    assert first_lines(text) == [
        "x.toml:3:8: the value `"
        + ("Essai " * 34)[:200]
        + "…` is not in quotes. Fix: write text in double quotes, dates as 2023-07-24 and "
        "times as 18:00:00 without quotes, numbers in digits."
    ]


def test_several_problems_are_all_reported_in_line_order() -> None:
    text = base.replace("every_weeks = 2", "every_weeks = 0").replace(
        'timezone = "Europe/Paris"', 'timezone = "Paris"'
    )
    lines = [message.split(":")[1] for message in first_lines(text)]
    assert lines == ["6", "37"]


FILE_CASES: list[tuple[str, bytes, str]] = [
    (
        "empty.toml",
        b"",
        "empty.toml: the file is empty. Fix: start from schedules/vaccins-covid.toml and adapt it.",
    ),
    (
        "blank.toml",
        b"\n  \n",
        "blank.toml: the file is empty. Fix: start from schedules/vaccins-covid.toml and adapt it.",
    ),
    (
        "binary.toml",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "binary.toml: this is not a text file (it contains NUL bytes). Fix: give a TOML schedule definition, e.g. schedules/vaccins-covid.toml.",
    ),
    (
        "utf16.toml",  # Windows Notepad's "Unicode"
        '[calendar]\nname = "Fermé"\n'.encode("utf-16"),
        "utf16.toml: the file is UTF-16, not UTF-8. Fix: save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
    ),
    (
        "utf16-no-mark.toml",  # saved as UTF-16 without its byte-order mark
        '[calendar]\nname = "Fermé"\n'.encode("utf-16-le"),
        "utf16-no-mark.toml: the file is UTF-16, not UTF-8. Fix: save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
    ),
    (
        "utf16-accented.toml",  # short, accented, without its byte-order mark
        '[calendar]\nname = "Été élevé à Sète"\n'.encode("utf-16-le"),
        "utf16-accented.toml: the file is UTF-16, not UTF-8. Fix: save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
    ),
    (
        "zeros.toml",  # NUL bytes only: no text in either half (not UTF-16)
        bytes(4096),
        "zeros.toml: this is not a text file (it contains NUL bytes). Fix: give a TOML schedule definition, e.g. schedules/vaccins-covid.toml.",
    ),
    (
        "latin1.toml",
        '[calendar]\nname = "Fermé"\n'.encode("latin-1"),
        "latin1.toml: the file is not UTF-8 (byte 0xe9 on line 2). Fix: save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_unreadable_files(
    write_file: Callable[[str, str | bytes], Path], name: str, content: bytes, message: str
) -> None:
    path = write_file(name, content)
    with pytest.raises(DefinitionError) as caught:
        load(path, display=name)
    assert [problem.format() for problem in caught.value.problems] == [message]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as caught:
        load(tmp_path / "nope.toml", display="nope.toml")
    assert caught.value.problems[0].format() == (
        "nope.toml: no such file. Fix: check the path (definitions live in schedules/)."
    )
    with pytest.raises(DefinitionError) as caught:
        load(tmp_path, display="schedules")
    assert caught.value.problems[0].format() == (
        "schedules: this is a folder, not a file. Fix: name a .toml file."
    )


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="pipes as /dev/fd/N are POSIX")
def test_a_pipe_is_read_and_a_device_or_a_huge_file_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `vaxical check <(git show HEAD~:…)`: a pipe is read as a file.
    reader, writer = os.pipe()
    os.write(writer, SEED_DEFINITION.read_bytes())  # under a pipe's 64 KiB: no reader yet
    os.close(writer)
    try:
        assert load(Path(f"/dev/fd/{reader}")).id == "vaccins-covid"
    finally:
        os.close(reader)
    # A named pipe whose writer starts after the reader: waited for.
    pipe = tmp_path / "pipe.toml"
    os.mkfifo(pipe)

    def write_later() -> None:
        time.sleep(0.2)  # the reader is waiting by then, or reads a moment later
        pipe.write_bytes(SEED_DEFINITION.read_bytes())

    later = threading.Thread(target=write_later)
    later.start()
    assert load(pipe, display="pipe.toml").id == "vaccins-covid"
    later.join()
    # Without a writer it blocked `check` for ever: given up after a while (a minute).
    assert bounded.PIPE_SECONDS == 60
    monkeypatch.setattr(bounded, "PIPE_SECONDS", 0)
    with pytest.raises(DefinitionError) as caught:
        load(pipe, display="pipe.toml")
    assert caught.value.problems[0].format() == (
        "pipe.toml: nothing came through the pipe in 0 s. Fix: start what writes to the pipe, "
        "or name the definition's file."
    )
    # /dev/zero ran it out of memory; a 300 MB file took 33 s and 1.2 GB.
    with pytest.raises(DefinitionError) as caught:
        load(Path("/dev/zero"))
    assert caught.value.problems[0].format() == (
        "/dev/zero: is a device, not a file. Fix: name a .toml file (definitions live in "
        "schedules/)."
    )
    assert source.MAX_DEFINITION_BYTES == 10_000_000
    monkeypatch.setattr(source, "MAX_DEFINITION_BYTES", len(SEED_DEFINITION.read_bytes()) - 1)
    with pytest.raises(DefinitionError) as caught:
        load(SEED_DEFINITION, display="seed.toml")
    size = len(SEED_DEFINITION.read_bytes()) - 1
    assert caught.value.problems[0].format() == (
        f"seed.toml: is over {size:,} bytes: far longer than any definition (1,000 blocks, "
        "the most a ledger holds, make about 1 MB). Fix: name the definition itself (a .toml "
        "file of a few kilobytes)."
    )


def test_nesting_deeper_than_the_toml_reader_is_refused() -> None:
    # tomllib recursed out of the stack: "internal error (RecursionError)", exit 1.
    with pytest.raises(DefinitionError) as caught:
        loads("x = " + "[" * 1000 + "]" * 1000 + "\n", "n.toml")
    assert caught.value.problems[0].format() == (
        "n.toml: lists or inline tables are nested hundreds deep, deeper than the TOML reader "
        "goes. Fix: a definition nests them two deep at most (alarms = [{ day = 0, time = "
        "09:00:00 }])."
    )


def test_byte_order_mark_is_accepted(write_file: Callable[[str, str | bytes], Path]) -> None:
    path = write_file("bom.toml", b"\xef\xbb\xbf" + SEED_DEFINITION.read_bytes())
    assert load(path).id == "vaccins-covid"


def test_duplicate_ids_across_files(write_file: Callable[[str, str | bytes], Path]) -> None:
    first = write_file("a.toml", definition_text(P))
    second = write_file("b.toml", definition_text(P))
    with pytest.raises(DefinitionError) as caught:
        load_all([first, second], ["a.toml", "b.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'b.toml:2:1: calendar.id = "essai": the id is already used by a.toml. '
        "Fix: give each calendar its own id: file names and UIDs derive from it."
    ]


def test_calendars_of_one_build_share_its_address(
    write_file: Callable[[str, str | bytes], Path],
) -> None:
    # Built into one folder, the second's links in calendars.json and the list pointed
    # at an address where none of its files is.
    first = write_file("a.toml", definition_text(P, calendar_id="essai-a"))
    text = definition_text(P, calendar_id="essai-b")
    assert text.count("https://example.org/feeds/") == 1
    second = write_file(
        "b.toml", text.replace("https://example.org/feeds/", "https://example.org/autre/")
    )
    with pytest.raises(DefinitionError) as caught:
        load_all([first, second], ["a.toml", "b.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'b.toml:7:1: calendar.base_url = "https://example.org/autre/": is not the address of '
        "a.toml (https://example.org/feeds/), built with it into one folder. Fix: give the "
        "calendars of one build the same base_url, or build each address's calendars into a "
        "folder of its own."
    ]


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="pipes as /dev/fd/N are POSIX")
def test_a_clash_with_a_pipe_is_said_from_the_one_read_of_it(
    write_file: Callable[[str, str | bytes], Path],
) -> None:
    # `vaxical check a.toml <(cat b.toml)`: the clash was placed by reading the pipe a
    # second time, which gave nothing: "/dev/fd/63: the file is empty".
    first = write_file("a.toml", definition_text(P, calendar_id="essai-a"))
    other = definition_text(P, calendar_id="essai-b").replace(
        "example.org/feeds/", "example.org/autre/"
    )
    same = definition_text(P, calendar_id="essai-a")
    pipes = [os.pipe(), os.pipe()]
    try:
        for (_, writer), text in zip(pipes, (other, same), strict=True):
            os.write(writer, text.encode())  # under a pipe's 64 KiB: no reader yet
            os.close(writer)
        paths = [first, *(Path(f"/dev/fd/{reader}") for reader, _ in pipes)]
        with pytest.raises(DefinitionError) as caught:
            load_all(paths, ["a.toml", "b.toml", "c.toml"])
    finally:
        for reader, _ in pipes:
            os.close(reader)
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        'c.toml:2:1: calendar.id = "essai-a": the id is already used by a.toml. '
        "Fix: give each calendar its own id: file names and UIDs derive from it.",
        'b.toml:7:1: calendar.base_url = "https://example.org/autre/": is not the address of '
        "a.toml (https://example.org/feeds/), built with it into one folder. Fix: give the "
        "calendars of one build the same base_url, or build each address's calendars into a "
        "folder of its own.",
    ]


def test_the_calendar_with_another_address_is_the_one_named(
    write_file: Callable[[str, str | bytes], Path],
) -> None:
    # The first id's address was taken as the build's: the two others were blamed.
    odd = definition_text(P, calendar_id="essai-a").replace("example.org/feeds/", "example.org/x/")
    paths = [write_file("a.toml", odd)] + [
        write_file(f"{name}.toml", definition_text(P, calendar_id=f"essai-{name}"))
        for name in ("b", "c")
    ]
    with pytest.raises(DefinitionError) as caught:
        load_all(paths, ["a.toml", "b.toml", "c.toml"])
    assert [problem.format().split(":")[0] for problem in caught.value.problems] == ["a.toml"]
    # The host in another case is the same address.
    upper = definition_text(P, calendar_id="essai-d").replace("example.org", "Example.ORG")
    paths[0] = write_file("d.toml", upper)
    assert len(load_all(paths, ["d.toml", "b.toml", "c.toml"])) == 3


@pytest.mark.parametrize(
    ("calendar_id", "file"), [("calendars", "calendars.json"), ("index", "index.html")]
)
def test_an_id_whose_file_a_build_writes_for_all_calendars_is_refused(
    write_file: Callable[[str, str | bytes], Path], calendar_id: str, file: str
) -> None:
    # With id "calendars", its JSON was replaced by the list of calendars, without a word.
    path = write_file("a.toml", definition_text(P, calendar_id=calendar_id))
    with pytest.raises(DefinitionError) as caught:
        load_all([path], ["a.toml"])
    assert [problem.format().split("\n")[0] for problem in caught.value.problems] == [
        f'a.toml:2:1: calendar.id = "{calendar_id}": its file {file} would take the name of the '
        "file a build writes about all its calendars. Fix: choose another id (not index or "
        "calendars)."
    ]


def test_problems_of_every_file_are_reported(
    write_file: Callable[[str, str | bytes], Path],
) -> None:
    first = write_file("a.toml", b"")
    second = write_file("b.toml", definition_text(P, timezone="Mars/Olympus"))
    with pytest.raises(DefinitionError) as caught:
        load_all([first, second], ["a.toml", "b.toml"])
    assert [problem.file for problem in caught.value.problems] == ["a.toml", "b.toml"]


def test_valid_definition_defaults() -> None:
    definition = loads(base, "x.toml").current
    assert definition.refresh_hours == 6
    assert definition.base_url == "https://example.org/feeds/"
    assert definition.exceptions == ()


def test_windows_line_endings_are_fine(write_file: Callable[[str, str | bytes], Path]) -> None:
    text = SEED_DEFINITION.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert load(write_file("crlf.toml", text.encode())).id == "vaccins-covid"


def test_base_url_gets_its_trailing_slash() -> None:
    text = base.replace("https://example.org/feeds/", "https://example.org/feeds")
    assert loads(text, "x.toml").current.base_url == "https://example.org/feeds/"


def test_unpublishable_characters_are_exactly_these() -> None:
    # Controls but tab and newline, DEL and the C1 controls, surrogates, U+FDD0 to U+FDEF,
    # and the last two code points of each of the 17 planes. A character class holds
    # whole ranges: each range is tried at its ends and just outside them.
    ranges = [
        (0x00, 0x08),
        (0x0B, 0x1F),
        (0x7F, 0x9F),
        (0xD800, 0xDFFF),
        (0xFDD0, 0xFDEF),
        *((plane * 0x10000 + 0xFFFE, plane * 0x10000 + 0xFFFF) for plane in range(17)),
    ]
    for first, last in ranges:
        assert UNPUBLISHABLE.fullmatch(chr(first)), hex(first)
        assert UNPUBLISHABLE.fullmatch(chr(last)), hex(last)
    outside = {first - 1 for first, _ in ranges} | {last + 1 for _, last in ranges}
    inside = {code for first, last in ranges for code in (first, last)}
    for code in sorted(outside - inside - {-1, 0x110000}):
        assert not UNPUBLISHABLE.fullmatch(chr(code)), hex(code)
    assert not UNPUBLISHABLE.search("Tabulation\tet saut de ligne\n, é, ✓, 😀")


def test_a_table_written_twice_is_found_in_its_own_block() -> None:
    """The first `[revisions.sessions]` of the block, not the one of an earlier block
    (each [[revisions]] entry has tables of its own); a key's first line in its table,
    not a line of a text in triple quotes (a review)."""
    from vaxical.definition.locate import SourceMap

    text = (
        "[[revisions]]\n"  # 1
        "[revisions.sessions]\n"  # 2
        'days = ["monday"]\n'  # 3
        "[[revisions]]\n"  # 4
        "[revisions.sessions]\n"  # 5
        'days = ["monday"]\n'  # 6
        "[revisions.sessions]\n"  # 7
    )
    source = SourceMap(text)
    assert source.written_before(7) == ("[revisions.sessions]", 5)
    assert source.written_before(5) is None  # the first of its block
    assert source.written_before(6) is None  # `days` of another table than line 3's
    text = (
        "[calendar]\n"  # 1
        'name = "A"\n'  # 2
        'description = """\n'  # 3
        "name = foo\n"  # 4: text, not a key
        '"""\n'  # 5
        'name = "B"\n'  # 6
    )
    assert SourceMap(text).written_before(6) == ("name", 2)
