"""Each linter rule: a small broken file it must catch, and a fixed one that must pass."""

from __future__ import annotations

import re

import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxical.errors import ZoneError
from vaxical.lint import lint
from vaxical.lint.database import Change, YearlyRules, current_rules
from vaxical.lint.values import escape_problems, positive_duration, unescape_text
from vaxical.render.ics import vtimezone
from vaxical.schedule import zones

GOOD = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//test//FR",
    "NAME:Essai",
    "X-WR-CALNAME:Essai",
    "DESCRIPTION:Un essai\\, avec virgule",
    "X-WR-CALDESC:Un essai\\, avec virgule",
    "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
    "X-PUBLISHED-TTL:PT6H",
    "X-WR-TIMEZONE:Europe/Paris",
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",  # line 26
    "UID:a@test",
    "DTSTAMP:20230718T000000Z",
    "DTSTART;VALUE=DATE:20230717",
    "DTEND;VALUE=DATE:20230719",
    "SUMMARY:Portail ouvert",
    "SEQUENCE:0",
    "TRANSP:TRANSPARENT",
    "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    "END:VEVENT",
    "BEGIN:VEVENT",  # line 36
    "UID:b@test",
    "DTSTAMP:20230718T000000Z",
    "DTSTART;TZID=Europe/Paris:20230719T180000",
    "DTEND;TZID=Europe/Paris:20230719T183000",
    "SUMMARY:Confirmation",
    "DESCRIPTION:Voir https://example.org/a",
    "URL:https://example.org/a",
    "TRANSP:TRANSPARENT",
    "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
    "END:VEVENT",
    "END:VCALENDAR",
]


def _file(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def _replace(old: str, new: str | list[str]) -> list[str]:
    index = GOOD.index(old)
    return GOOD[:index] + ([new] if isinstance(new, str) else new) + GOOD[index + 1 :]


def _found(data: bytes, *, alarms_allowed: bool = False) -> list[tuple[int, int]]:
    return [(f.line, f.rule) for f in lint(data, alarms_allowed=alarms_allowed)]


def test_the_base_file_is_clean() -> None:
    assert lint(_file(GOOD)) == ()


WITHOUT_ZONE = list(GOOD[:10] + GOOD[25:])

# name: (broken lines, expected (line, rule) findings, fixed lines)
CASES: dict[str, tuple[list[str], list[tuple[int, int]], list[str]]] = {
    "1-tzid-without-vtimezone": (WITHOUT_ZONE, [(24, 1)], GOOD),
    "1-floating-time": (
        _replace("DTSTART;TZID=Europe/Paris:20230719T180000", "DTSTART:20230719T180000"),
        [(39, 1)],
        _replace("DTSTART;TZID=Europe/Paris:20230719T180000", "DTSTART:20230719T160000Z"),
    ),
    "1-last-modified-floating": (
        _replace("SEQUENCE:0", ["SEQUENCE:1", "LAST-MODIFIED:20230130T000000"]),
        [(33, 1)],
        _replace("SEQUENCE:0", ["SEQUENCE:1", "LAST-MODIFIED:20230130T000000Z"]),
    ),
    "1-created-with-a-tzid": (
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CREATED;TZID=Europe/Paris:20230130T000000"]),
        [(33, 1)],
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CREATED:20230129T230000Z"]),
    ),
    "1-floating-times-in-a-list": (
        _replace(
            "DTEND;TZID=Europe/Paris:20230719T183000",
            [
                "DTEND;TZID=Europe/Paris:20230719T183000",
                "RRULE:FREQ=WEEKLY;COUNT=13",
                "EXDATE:20231005T180000,20231012T180000",
            ],
        ),
        [(42, 1)],
        _replace(
            "DTEND;TZID=Europe/Paris:20230719T183000",
            [
                "DTEND;TZID=Europe/Paris:20230719T183000",
                "RRULE:FREQ=WEEKLY;COUNT=13",
                "EXDATE;TZID=Europe/Paris:20231005T180000,20231012T180000",
            ],
        ),
    ),
    "1-floating-due-in-a-todo": (
        [
            *GOOD[:-1],
            "BEGIN:VTODO",
            "UID:t@test",
            "DTSTAMP:20230718T000000Z",
            "DUE:20230801T120000",
            "END:VTODO",
            GOOD[-1],
        ],
        [(50, 1)],
        [
            *GOOD[:-1],
            "BEGIN:VTODO",
            "UID:t@test",
            "DTSTAMP:20230718T000000Z",
            "DUE;TZID=Europe/Paris:20230801T120000",
            "END:VTODO",
            GOOD[-1],
        ],
    ),
    "2-two-standard-parts": (
        [*_replace("BEGIN:DAYLIGHT", "BEGIN:STANDARD")[:17], "END:STANDARD", *GOOD[18:]],
        [(11, 2)],
        GOOD,
    ),
    "2-no-rrule": (
        _replace("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "RDATE:20240331T020000"),
        [(13, 2), (15, 3)],
        GOOD,
    ),
    "2-yearly-rule-that-ends": (
        _replace(
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3;UNTIL=19800101T000000Z",
        ),
        [(15, 2)],
        GOOD,
    ),
    "2-yearly-rule-of-one-year": (
        _replace(
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10;COUNT=1",
        ),
        [(21, 2)],
        GOOD,
    ),
    "2-yearly-in-another-part": (
        _replace(
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            "RRULE:FREQ=MONTHLY;X-NOTE=FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        ),
        [(15, 2)],
        GOOD,
    ),
    "2-first-sunday-not-the-last": (
        _replace("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=3"),
        [(13, 2)],
        GOOD,
    ),
    "2-offset-not-the-zones": (
        _replace("TZOFFSETTO:+0200", "TZOFFSETTO:+0300"),
        [(13, 2)],
        GOOD,
    ),
    "2-no-summer-time": (
        [*GOOD[:12], *GOOD[18:]],
        [(11, 2)],
        GOOD,
    ),
    "2-offset-not-read": (
        _replace("TZOFFSETFROM:+0100", "TZOFFSETFROM:UTC+1"),
        [(16, 2)],
        GOOD,
    ),
    "3-rdate": (
        _replace(
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
            ["RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "RDATE:20240331T020000"],
        ),
        [(16, 3)],
        GOOD,
    ),
    "4-x-wr-timezone-differs": (
        _replace("X-WR-TIMEZONE:Europe/Paris", "X-WR-TIMEZONE:America/Martinique"),
        [(39, 4)],
        [line for line in GOOD if not line.startswith("X-WR-TIMEZONE")],
    ),
    "5-no-dtend": (
        [line for line in GOOD if line != "DTEND;VALUE=DATE:20230719"],
        [(29, 5)],
        GOOD,
    ),
    "5-dtend-equals-dtstart": (
        _replace("DTEND;VALUE=DATE:20230719", "DTEND;VALUE=DATE:20230717"),
        [(30, 5)],
        GOOD,
    ),
    "5-dtend-not-a-date": (
        _replace("DTEND;VALUE=DATE:20230719", "DTEND:20230719T000000Z"),
        [(30, 5)],
        GOOD,
    ),
    "5-date-without-value-date": (
        _replace("DTSTART;VALUE=DATE:20230717", "DTSTART:20230717"),
        [(29, 5)],
        GOOD,
    ),
    "5-dtend-malformed": (
        [
            {"DTSTART;VALUE=DATE:20230717": "DTSTART;VALUE=DATE:20230130"}.get(line, line)
            for line in _replace("DTEND;VALUE=DATE:20230719", "DTEND;VALUE=DATE:2023021")
        ],
        [(30, 5)],
        [
            {"DTSTART;VALUE=DATE:20230717": "DTSTART;VALUE=DATE:20230130"}.get(line, line)
            for line in _replace("DTEND;VALUE=DATE:20230719", "DTEND;VALUE=DATE:20230201")
        ],
    ),
    "5-dtstart-not-a-date": (
        _replace("DTSTART;VALUE=DATE:20230717", "DTSTART;VALUE=DATE:20230230"),
        [(29, 5)],
        GOOD,
    ),
    "6-opaque": (
        _replace("TRANSP:TRANSPARENT", "TRANSP:OPAQUE"),
        [(33, 6)],
        GOOD,
    ),
    "6-busy-in-outlook": (
        _replace("X-MICROSOFT-CDO-BUSYSTATUS:FREE", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY"),
        [(34, 6)],
        GOOD,
    ),
    "7-duplicate-uid": (
        _replace("UID:b@test", "UID:a@test"),
        [(37, 7)],
        GOOD,
    ),
    "7-no-uid": (
        [line for line in GOOD if line != "UID:b@test"],
        [(36, 7)],
        GOOD,
    ),
    "9-sequence-without-last-modified": (
        _replace("SEQUENCE:0", "SEQUENCE:2"),
        [(32, 9)],
        _replace("SEQUENCE:0", ["SEQUENCE:2", "LAST-MODIFIED:20230801T000000Z"]),
    ),
    "10-no-dtstamp": (
        [line for line in GOOD if line != "DTSTAMP:20230718T000000Z"],
        [(26, 10), (35, 10)],
        GOOD,
    ),
    "10-dtstamp-not-utc": (
        _replace("DTSTAMP:20230718T000000Z", "DTSTAMP:20230718T000000"),
        [(28, 10)],
        GOOD,
    ),
    "11-cancelled": (
        _replace("SEQUENCE:0", ["SEQUENCE:0", "STATUS:CANCELLED"]),
        [(33, 11)],
        _replace("SEQUENCE:0", ["SEQUENCE:0", "STATUS:CONFIRMED"]),
    ),
    "12-method-request": (
        _replace("VERSION:2.0", ["VERSION:2.0", "METHOD:REQUEST"]),
        [(3, 12)],
        _replace("VERSION:2.0", ["VERSION:2.0", "METHOD:PUBLISH"]),
    ),
    "13-no-name": (
        [line for line in GOOD if line != "NAME:Essai"],
        [(1, 13)],
        GOOD,
    ),
    "13-no-x-wr-caldesc": (
        [line for line in GOOD if not line.startswith("X-WR-CALDESC")],
        [(1, 13)],
        GOOD,
    ),
    "14-refresh-without-value-duration": (
        _replace("REFRESH-INTERVAL;VALUE=DURATION:PT6H", "REFRESH-INTERVAL:PT6H"),
        [(8, 14)],
        GOOD,
    ),
    "14-ttl-as-python-timedelta": (
        _replace("X-PUBLISHED-TTL:PT6H", "X-PUBLISHED-TTL:6:00:00"),
        [(9, 14)],
        GOOD,
    ),
    "14-refresh-of-no-length": (
        _replace("REFRESH-INTERVAL;VALUE=DURATION:PT6H", "REFRESH-INTERVAL;VALUE=DURATION:P"),
        [(8, 14)],
        GOOD,
    ),
    "14-refresh-negative": (
        _replace("REFRESH-INTERVAL;VALUE=DURATION:PT6H", "REFRESH-INTERVAL;VALUE=DURATION:-PT6H"),
        [(8, 14)],
        _replace("REFRESH-INTERVAL;VALUE=DURATION:PT6H", "REFRESH-INTERVAL;VALUE=DURATION:+PT6H"),
    ),
    "14-ttl-zero": (
        _replace("X-PUBLISHED-TTL:PT6H", "X-PUBLISHED-TTL:PT0S"),
        [(9, 14)],
        _replace("X-PUBLISHED-TTL:PT6H", "X-PUBLISHED-TTL:PT360M"),  # PT6H as minutes
    ),
    "15-url-only-in-url": (
        _replace("DESCRIPTION:Voir https://example.org/a", "DESCRIPTION:Voir le site"),
        [(43, 15)],
        GOOD,
    ),
    "16-alarm": (
        _replace(
            "SEQUENCE:0",
            [
                "SEQUENCE:0",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                "DESCRIPTION:Rappel",
                "TRIGGER:PT9H",
                "END:VALARM",
            ],
        ),
        [(33, 16)],
        GOOD,
    ),
    "16-alarm-in-a-todo": (
        [
            *GOOD[:-1],
            *("BEGIN:VTODO", "UID:t@test", "DTSTAMP:20230718T000000Z", "SUMMARY:Commander"),
            *("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:PT9H", "END:VALARM"),
            *("END:VTODO", GOOD[-1]),
        ],
        [(51, 16)],
        [
            *GOOD[:-1],
            *("BEGIN:VTODO", "UID:t@test", "DTSTAMP:20230718T000000Z", "SUMMARY:Commander"),
            *("END:VTODO", GOOD[-1]),
        ],
    ),
    "17-long-line": (
        _replace("SUMMARY:Portail ouvert", "SUMMARY:" + "x" * 80),
        [(31, 17)],
        _replace("SUMMARY:Portail ouvert", ["SUMMARY:" + "x" * 60, " " + "x" * 20]),
    ),
    "17-bare-lf": (
        GOOD,  # written with LF endings below
        [],
        GOOD,
    ),
    "18-unescaped-comma": (
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail ouvert, enfin"),
        [(31, 18)],
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail ouvert\\, enfin"),
    ),
    "18-escaped-colon": (
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail ouvert\\: enfin"),
        [(31, 18)],
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail ouvert: enfin"),
    ),
    "18-unescaped-tzname": (
        _replace("TZOFFSETFROM:+0100", ["TZNAME:CEST, heure d'été", "TZOFFSETFROM:+0100"]),
        [(16, 18)],
        _replace("TZOFFSETFROM:+0100", ["TZNAME:CEST\\, heure d'été", "TZOFFSETFROM:+0100"]),
    ),
    "22-no-prodid": (
        [line for line in GOOD if not line.startswith("PRODID:")],
        [(1, 22)],
        GOOD,
    ),
    "22-version-1": (
        _replace("VERSION:2.0", "VERSION:1.0"),
        [(2, 22)],
        GOOD,
    ),
    "22-twice": (
        _replace("VERSION:2.0", ["VERSION:2.0", "VERSION:2.0"]),
        [(3, 22)],
        GOOD,
    ),
    # The audit's retired feed: a header and END:VCALENDAR (RFC 5545 §3.4 asks for one
    # component at least); the fix, the zone's VTIMEZONE alone, as vaxical writes it.
    "22-no-component": (
        [*GOOD[: GOOD.index("BEGIN:VTIMEZONE")], "END:VCALENDAR"],
        [(1, 22)],
        [*GOOD[: GOOD.index("BEGIN:VEVENT")], "END:VCALENDAR"],
    ),
}


# What the linter says about the cases an audit found it missing, word for word.
MESSAGES: dict[str, list[str]] = {
    "22-no-component": [
        "the calendar holds no component (RFC 5545 §3.4 asks for one at least).",
    ],
    "1-last-modified-floating": ["LAST-MODIFIED:20230130T000000 is not in UTC (RFC 5545 §3.8.7)."],
    "1-created-with-a-tzid": ["CREATED:20230130T000000 is not in UTC (RFC 5545 §3.8.7)."],
    "1-floating-times-in-a-list": ["EXDATE:20231005T180000,20231012T180000 is floating time."],
    "1-floating-due-in-a-todo": ["DUE:20230801T120000 is floating time."],
    "2-yearly-rule-that-ends": [
        "the yearly RRULE ends (UNTIL=…): Outlook repeats it every year, other clients stop it."
    ],
    "2-yearly-rule-of-one-year": [
        "the yearly RRULE ends (COUNT=…): Outlook repeats it every year, other clients stop it."
    ],
    "2-yearly-in-another-part": ["the RRULE is not yearly."],
    "2-first-sunday-not-the-last": [
        "DAYLIGHT is not how Europe/Paris changes in the tz database: "
        "BYDAY=1SU (the database: -1SU)."
    ],
    "2-offset-not-the-zones": [
        "DAYLIGHT is not how Europe/Paris changes in the tz database: "
        "TZOFFSETTO:+0300 (the database: +0200)."
    ],
    "2-no-summer-time": [
        "Europe/Paris has daylight time in the tz database (a change from +0100 to +0200 on "
        "BYDAY=-1SU;BYMONTH=3 at 02:00:00); the VTIMEZONE has no DAYLIGHT part."
    ],
    "2-offset-not-read": ["TZOFFSETFROM:UTC+1 is not a UTC offset."],
    "5-date-without-value-date": ["DTSTART:20230717 is a date without VALUE=DATE."],
    "5-dtend-malformed": ["DTEND;VALUE=DATE:2023021 is not a date (YYYYMMDD)."],
    "5-dtstart-not-a-date": ["DTSTART;VALUE=DATE:20230230 is not a date (YYYYMMDD)."],
    "14-refresh-of-no-length": [
        "REFRESH-INTERVAL:P is not a positive duration (RFC 7986 §5.7, RFC 5545 §3.3.6)."
    ],
    "14-refresh-negative": [
        "REFRESH-INTERVAL:-PT6H is not a positive duration (RFC 7986 §5.7, RFC 5545 §3.3.6)."
    ],
    "14-ttl-zero": ["X-PUBLISHED-TTL:PT0S is not a positive duration (RFC 5545 §3.3.6)."],
    "18-unescaped-tzname": ["TZNAME has an unescaped ; or ,."],
    "16-alarm-in-a-todo": [
        "an alarm in a main feed (ignored, stripped or fired again by clients)."
    ],
}


# The second audit's findings: each broken file, what the linter says of it word for word
# (line, rule, message, fix), and the same file fixed, which it passes.
TIMED_START = "DTEND;TZID=Europe/Paris:20230719T183000"
OVERRIDE = [
    *("UID:b@test", "DTSTAMP:20230718T000000Z"),
    "RECURRENCE-ID;TZID=Europe/Paris:20230726T180000",
    "DTSTART;TZID=Europe/Paris:20230726T190000",
    "DTEND;TZID=Europe/Paris:20230726T193000",
]
RECURRING = _replace(
    TIMED_START,
    [
        *(TIMED_START, "RRULE:FREQ=WEEKLY;COUNT=3"),
        *("TRANSP:TRANSPARENT", "X-MICROSOFT-CDO-BUSYSTATUS:FREE", "END:VEVENT"),
        *("BEGIN:VEVENT", *OVERRIDE),
    ],
)
"""Event b made weekly (lines 36-44), and an override of its second instance (lines
45-56), which shares its UID with the RECURRENCE-ID of that instance (RFC 5545 §3.8.4.4)."""
TWO_OVERRIDES = [
    *RECURRING[:-1],
    *("BEGIN:VEVENT", *OVERRIDE),
    *("TRANSP:TRANSPARENT", "X-MICROSOFT-CDO-BUSYSTATUS:FREE", "END:VEVENT", "END:VCALENDAR"),
]
"""RECURRING with a second override of the same instance: its UID on line 58."""
AUDITED: dict[str, tuple[list[str], list[tuple[int, int, str, str]], list[str]]] = {
    "5-timed-start-all-day-end": (
        _replace(TIMED_START, "DTEND;VALUE=DATE:20230720"),
        [
            (
                40,
                5,
                "DTEND is a date, DTSTART a time: DTEND takes DTSTART's type.",
                "write DTEND as a time, like DTSTART (RFC 5545 §3.8.2.2).",
            )
        ],
        GOOD,
    ),
    "7-two-overrides-of-one-instance": (
        TWO_OVERRIDES,
        [
            (
                58,
                7,
                "UID b@test with RECURRENCE-ID:20230726T180000 is already used on line 46.",
                "give every event its own UID.",
            )
        ],
        RECURRING,
    ),
    "9-last-modified-month-13": (
        _replace("SEQUENCE:0", ["SEQUENCE:1", "LAST-MODIFIED:20231301T060000Z"]),
        [
            (
                33,
                9,
                "LAST-MODIFIED:20231301T060000Z is not a moment (RFC 5545 §3.3.5).",
                "write the time of the change: YYYYMMDDTHHMMSSZ.",
            )
        ],
        _replace("SEQUENCE:0", ["SEQUENCE:1", "LAST-MODIFIED:20231201T060000Z"]),
    ),
    "10-dtstamp-in-words": (
        _replace("DTSTAMP:20230718T000000Z", "DTSTAMP:yesterdayZ"),
        [
            (
                28,
                10,
                "DTSTAMP:yesterdayZ is not a moment (RFC 5545 §3.3.5).",
                "write it as YYYYMMDDTHHMMSSZ.",
            )
        ],
        _replace("DTSTAMP:20230718T000000Z", "DTSTAMP:20161231T235960Z"),  # a leap second
    ),
    "12-two-methods": (
        _replace("VERSION:2.0", ["VERSION:2.0", "METHOD:PUBLISH", "METHOD:CANCEL"]),
        [
            (4, 12, "METHOD is given 2 times.", "keep one, or none."),
            (4, 12, "METHOD:CANCEL in a published feed.", "omit METHOD or use METHOD:PUBLISH."),
        ],
        _replace("VERSION:2.0", ["VERSION:2.0", "METHOD:PUBLISH"]),
    ),
    "13-empty-name": (
        _replace("NAME:Essai", "NAME:"),
        [(4, 13, "NAME is empty.", "write both NAME and X-WR-CALNAME, with the same text.")],
        GOOD,
    ),
    "13-blank-x-wr-calname": (
        _replace("X-WR-CALNAME:Essai", "X-WR-CALNAME: "),
        [
            (
                5,
                13,
                "X-WR-CALNAME is empty.",
                "write both NAME and X-WR-CALNAME, with the same text.",
            )
        ],
        GOOD,
    ),
    "14-ttl-not-the-refresh-interval": (
        _replace("X-PUBLISHED-TTL:PT6H", "X-PUBLISHED-TTL:P7W"),
        [
            (
                9,
                14,
                "X-PUBLISHED-TTL:P7W and REFRESH-INTERVAL:PT6H ask for different refreshes.",
                "give both the same duration.",
            )
        ],
        GOOD,
    ),
    "15-url-a-prefix-of-the-link": (
        _replace("URL:https://example.org/a", "URL:https://example.org/"),
        [
            (
                43,
                15,
                "Google ignores URL and the link is not in DESCRIPTION.",
                "repeat the link as plain text in DESCRIPTION.",
            )
        ],
        GOOD,
    ),
    "18-bell-in-a-summary": (
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail\x07 ouvert"),
        [
            (
                31,
                18,
                "the line holds the control character U+0007, which iCalendar does not allow "
                "(RFC 5545 §3.1).",
                "remove it: a value may hold a tab, and a new line in TEXT is written \\n.",
            )
        ],
        _replace("SUMMARY:Portail ouvert", "SUMMARY:Portail\touvert"),  # a tab may
    ),
    "18-nul-after-a-fold": (
        _replace("SUMMARY:Portail ouvert", ["SUMMARY:Portail", " \x00ouvert"]),
        [
            (
                31,
                18,
                "the line holds the control character U+0000, which iCalendar does not allow "
                "(RFC 5545 §3.1).",
                "remove it: a value may hold a tab, and a new line in TEXT is written \\n.",
            )
        ],
        _replace("SUMMARY:Portail ouvert", ["SUMMARY:Portail", "  ouvert"]),
    ),
    "18-event-after-the-calendar": (
        [*GOOD, "BEGIN:VEVENT", "UID:c@test", "DTSTART:20230101T100000", "END:VEVENT"],
        [
            (
                48,
                18,
                "BEGIN:VEVENT comes after END:VCALENDAR, outside any calendar: clients ignore it.",
                "move it before END:VCALENDAR.",
            )
        ],
        GOOD,
    ),
    "18-property-after-the-calendar": (
        [*GOOD, "X-NOTE:fin"],
        [
            (
                48,
                18,
                "X-NOTE comes after END:VCALENDAR, outside any calendar.",
                "move it before END:VCALENDAR, or remove it.",
            )
        ],
        GOOD,
    ),
    "18-categories-escapes-n-and-quote": (
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CATEGORIES:C:\\Nouveau\\'x"]),
        [
            (
                33,
                18,
                "CATEGORIES escapes a character that needs none.",
                "escape only \\\\, \\;, \\, and newlines (\\n).",
            )
        ],
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CATEGORIES:Portail ouvert,C:\\\\Nouveau"]),
    ),
    "18-categories-semicolon": (
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CATEGORIES:Portail;ouvert"]),
        [
            (
                33,
                18,
                "CATEGORIES has an unescaped ; (a comma separates two categories).",
                "escape it as \\; (RFC 5545 §3.3.11).",
            )
        ],
        _replace("SEQUENCE:0", ["SEQUENCE:0", "CATEGORIES:Portail\\;ouvert,Vaccins"]),
    ),
}


@pytest.mark.parametrize("name", sorted(AUDITED))
def test_what_the_second_audit_found(name: str) -> None:
    broken, expected, fixed = AUDITED[name]
    assert [(f.line, f.rule, f.message, f.fix) for f in lint(_file(broken))] == expected
    assert lint(_file(fixed)) == ()


def test_a_recurring_event_and_its_override_share_a_uid() -> None:
    # Reported as a duplicate UID before: RFC 5545 §3.8.4.4 names an override by its UID
    # and the RECURRENCE-ID of the instance it replaces.
    assert lint(_file(RECURRING)) == ()


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_what_a_finding_says(name: str) -> None:
    broken, _, _ = CASES[name]
    assert [finding.message for finding in lint(_file(broken))] == MESSAGES[name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_is_caught_and_fix_passes(name: str) -> None:
    broken, expected, fixed = CASES[name]
    if name == "17-bare-lf":
        data = ("\n".join(broken) + "\n").encode()
        assert [rule for _, rule in _found(data)] == [17] * 10 + [17]  # 10 shown, then "more"
    else:
        assert _found(_file(broken)) == expected
    assert lint(_file(fixed)) == ()


def test_every_rule_that_a_file_can_break_has_a_case() -> None:
    rules = {int(name.split("-")[0]) for name in CASES}
    assert rules == {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 22}


@pytest.mark.parametrize(
    ("value", "floating"),
    [
        ("20231005T180000", True),
        ("20231005T160000Z", False),
        ("20231005T160000Z,20231012T180000", True),  # the second item
        ("20231005T180000,20231012T160000Z", True),  # the first item
        ("20231005T160000Z,20231012T160000Z", False),
        ("20231005T160000Z/20231005T180000", True),  # a period's end
        ("20231005T180000/PT2H", True),  # a period's start
        ("20231005T160000Z/PT2H", False),
        ("20231005,20231012", False),  # dates are not times
    ],
)
def test_floating_times_in_lists_and_periods(value: str, floating: bool) -> None:
    lines = _replace(
        "DTEND;TZID=Europe/Paris:20230719T183000",
        ["DTEND;TZID=Europe/Paris:20230719T183000", f"RDATE:{value}"],
    )
    assert _found(_file(lines)) == ([(41, 1)] if floating else [])


def _in_zone(tzid: str, *parts: tuple[str, str, str, str, str]) -> list[str]:
    """GOOD with its events in ``tzid``, defined by ``parts``: (STANDARD or DAYLIGHT,
    DTSTART, RRULE or "", TZOFFSETFROM, TZOFFSETTO)."""
    zone = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    for name, start, rrule, before, after in parts:
        zone += [f"BEGIN:{name}", f"DTSTART:{start}", *([f"RRULE:{rrule}"] if rrule else [])]
        zone += [f"TZOFFSETFROM:{before}", f"TZOFFSETTO:{after}", f"END:{name}"]
    lines = [*GOOD[:10], *zone, "END:VTIMEZONE", *GOOD[25:]]
    return [line.replace("Europe/Paris", tzid) for line in lines]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            _in_zone(
                "Europe/Dublin",
                (
                    "DAYLIGHT",
                    "19810329T010000",
                    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "+0000",
                    "+0100",
                ),
                (
                    "STANDARD",
                    "19961027T020000",
                    "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "+0100",
                    "+0000",
                ),
            ),
            [],
            id="Dublin-as-Apple-writes-it",  # the database's "daylight" time is winter's
        ),
        pytest.param(
            _in_zone(
                "America/New_York",
                (
                    "DAYLIGHT",
                    "19700308T020000",
                    "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                    "-0500",
                    "-0400",
                ),
                (
                    "STANDARD",
                    "19701101T020000",
                    "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                    "-0400",
                    "-0500",
                ),
            ),
            [],
            id="New-York-as-Google-writes-it",
        ),
        pytest.param(
            _in_zone(
                "America/New_York",
                (
                    "DAYLIGHT",
                    "19700405T020000",
                    "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                    "-0500",
                    "-0400",
                ),
                (
                    "STANDARD",
                    "19701025T020000",
                    "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "-0400",
                    "-0500",
                ),
            ),
            [
                (
                    13,
                    "DAYLIGHT is not how America/New_York changes in the tz database: "
                    "BYMONTH=4 (the database: 3), BYDAY=1SU (the database: 2SU).",
                ),
                (
                    19,
                    "STANDARD is not how America/New_York changes in the tz database: "
                    "BYMONTH=10 (the database: 11), BYDAY=-1SU (the database: 1SU).",
                ),
            ],
            id="New-York-before-2007",
        ),
        pytest.param(
            _in_zone(
                "Australia/Sydney",
                (
                    "STANDARD",
                    "19700405T030000",
                    "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                    "+1100",
                    "+1000",
                ),
                (
                    "DAYLIGHT",
                    "19701004T020000",
                    "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
                    "+1000",
                    "+1100",
                ),
            ),
            [],
            id="Sydney",  # daylight time spans the new year
        ),
        pytest.param(
            _in_zone("America/Martinique", ("STANDARD", "19700101T000000", "", "-0400", "-0400")),
            [],
            id="Martinique",
        ),
        pytest.param(
            _in_zone("America/Martinique", ("STANDARD", "19700101T000000", "", "-0400", "-0300")),
            [
                (
                    16,
                    "TZOFFSETTO:-0300, but America/Martinique is at -0400 all year in the tz database.",
                )
            ],
            id="Martinique-an-hour-off",
        ),
        pytest.param(
            _in_zone("Asia/Kolkata", ("STANDARD", "19451015T000000", "", "+0630", "+0530")),
            [],
            id="Kolkata-from-its-last-change",  # TZOFFSETFROM is what came before
        ),
        pytest.param(
            # Morocco moves its clocks for Ramadan every year until 2087: no yearly rule
            # is its current one, and no VTIMEZONE of it is compared.
            _in_zone("Africa/Casablanca", ("STANDARD", "19700101T000000", "", "+0100", "+0100")),
            [],
            id="Casablanca-not-compared",
        ),
        pytest.param(
            _in_zone(
                "W. Europe Standard Time",  # Outlook's names are not the tz database's
                (
                    "DAYLIGHT",
                    "16010101T020000",
                    "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=4",
                    "+0100",
                    "+0200",
                ),
                (
                    "STANDARD",
                    "16010101T030000",
                    "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
                    "+0200",
                    "+0100",
                ),
            ),
            [],
            id="a-name-the-database-does-not-have",
        ),
    ],
)
def test_zones_are_compared_with_the_tz_database(
    lines: list[str], expected: list[tuple[int, str]]
) -> None:
    assert [(f.line, f.message) for f in lint(_file(lines))] == expected


def _paris_from(daylight: str, standard: str, time: str = "20230719T180000") -> list[str]:
    """GOOD with its zone's parts starting at ``daylight`` and ``standard`` (lines 14 and
    20), and its timed event (line 39) at ``time``."""
    lines = _replace("DTSTART:19700329T020000", f"DTSTART:{daylight}")
    lines[19] = f"DTSTART:{standard}"
    lines[38] = f"DTSTART;TZID=Europe/Paris:{time}"
    lines[39] = f"DTEND;TZID=Europe/Paris:{time[:-4]}3000"
    return lines


def _starts_late(part: str, start: str, time: str) -> str:
    return (
        f"{part} starts at DTSTART:{start}, after the first time given in Europe/Paris "
        f"({time}, line 39): clients apply a part only from its DTSTART (RFC 5545 §3.6.5), "
        "and give earlier times the wrong offset."
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            _paris_from("20300331T020000", "20301027T030000"),
            [
                (14, _starts_late("DAYLIGHT", "20300331T020000", "20230719T180000")),
                (20, _starts_late("STANDARD", "20301027T030000", "20230719T180000")),
            ],
            id="both-parts-from-2030",  # the audit's file: events in 2023
        ),
        pytest.param(
            _paris_from("19700329T020000", "20301027T030000"),
            [(20, _starts_late("STANDARD", "20301027T030000", "20230719T180000"))],
            id="winter-from-2030",  # every winter before 2030 in summer time
        ),
        pytest.param(
            _paris_from("20230326T020000", "20231029T030000"),
            [],
            id="from-the-year-of-the-first-event",  # winter's first change is its DTSTART
        ),
        pytest.param(
            _paris_from("20230326T020000", "20231029T030000", "20230201T180000"),
            [
                (14, _starts_late("DAYLIGHT", "20230326T020000", "20230201T180000")),
                (20, _starts_late("STANDARD", "20231029T030000", "20230201T180000")),
            ],
            id="the-first-event-before-any-part",
        ),
        pytest.param(
            _paris_from("20230326T020000", "20221030T030000", "20230201T180000"),
            [],
            id="winter-started-summer-to-come",
        ),
        pytest.param(
            _paris_from("20230326T020000", "20221030T030000", "20230326T020000"),
            [],
            id="the-first-event-at-the-onset",
        ),
    ],
)
def test_each_part_of_a_zone_starts_before_its_first_time(
    lines: list[str], expected: list[tuple[int, str]]
) -> None:
    assert [(f.line, f.rule, f.message) for f in lint(_file(lines))] == [
        (line, 2, message) for line, message in expected
    ]


def test_a_zone_without_daylight_time_starts_before_its_first_time() -> None:
    late = _in_zone("America/Martinique", ("STANDARD", "20300101T000000", "", "-0400", "-0400"))
    (finding,) = lint(_file(late))
    assert (finding.line, finding.rule, finding.message, finding.fix) == (
        14,
        2,
        "STANDARD starts at DTSTART:20300101T000000, after the first time given in "
        "America/Martinique (20230719T180000, line 32): clients apply a part only from its "
        "DTSTART (RFC 5545 §3.6.5), and give earlier times the wrong offset.",
        "start it no later than that time: e.g. in 1970 (a yearly part on its RRULE's day).",
    )


HOUR = 3600
"""In the seconds of a UTC offset."""


@pytest.mark.parametrize(
    ("tzid", "expected"),
    [
        # Written out from the tz database's sources (tzdata's europe, northamerica and
        # australasia files; the Rule lines are quoted), not read from it. A change's time
        # is the wall-clock time before it, as a VTIMEZONE's DTSTART states it.
        pytest.param(
            # Rule EU 1981 max - Mar lastSun 1:00u 1:00 S; Rule EU 1996 max - Oct lastSun
            # 1:00u 0 -. 01:00 UTC is 02:00 in Paris in March, 03:00 (summer) in October.
            "Europe/Paris",
            YearlyRules(
                HOUR,
                (
                    Change(HOUR, 2 * HOUR, 3, "BYDAY=-1SU", 2 * HOUR),
                    Change(2 * HOUR, HOUR, 10, "BYDAY=-1SU", 3 * HOUR),
                ),
            ),
            id="Paris",
        ),
        pytest.param(
            # Rule US 2007 max - Mar Sun>=8 2:00 1:00 D (the second Sunday); Rule US 2007
            # max - Nov Sun>=1 2:00 0 S (the first). Wall-clock times.
            "America/New_York",
            YearlyRules(
                -5 * HOUR,
                (
                    Change(-5 * HOUR, -4 * HOUR, 3, "BYDAY=2SU", 2 * HOUR),
                    Change(-4 * HOUR, -5 * HOUR, 11, "BYDAY=1SU", 2 * HOUR),
                ),
            ),
            id="New-York",
        ),
        pytest.param(
            # Rule AN 2008 max - Oct Sun>=1 2:00s 1:00 D; Rule AN 2008 max - Apr Sun>=1
            # 2:00s 0 S. 02:00 standard time, which is 03:00 (daylight) in April.
            "Australia/Sydney",
            YearlyRules(
                10 * HOUR,
                (
                    Change(10 * HOUR, 11 * HOUR, 10, "BYDAY=1SU", 2 * HOUR),
                    Change(11 * HOUR, 10 * HOUR, 4, "BYDAY=1SU", 3 * HOUR),
                ),
            ),
            id="Sydney",
        ),
        pytest.param(
            # Rule NZ 2007 max - Sep lastSun 2:00s 1:00 D; Rule NZ 2008 max - Apr Sun>=1
            # 2:00s 0 S.
            "Pacific/Auckland",
            YearlyRules(
                12 * HOUR,
                (
                    Change(12 * HOUR, 13 * HOUR, 9, "BYDAY=-1SU", 2 * HOUR),
                    Change(13 * HOUR, 12 * HOUR, 4, "BYDAY=1SU", 3 * HOUR),
                ),
            ),
            id="Auckland",
        ),
        pytest.param(
            # Rule Eire 1981 max - Mar lastSun 1:00u 0 -; Rule Eire 1996 max - Oct lastSun
            # 1:00u -1:00 -: Irish Standard Time (+1) is summer's, winter a negative save.
            "Europe/Dublin",
            YearlyRules(
                HOUR,
                (
                    Change(HOUR, 0, 10, "BYDAY=-1SU", 2 * HOUR),
                    Change(0, HOUR, 3, "BYDAY=-1SU", HOUR),
                ),
            ),
            id="Dublin",
        ),
        # Zone America/Martinique ... -4:00 - AST: no daylight time since 1980.
        pytest.param("America/Martinique", YearlyRules(-4 * HOUR, ()), id="Martinique"),
        # Zone Asia/Kolkata ... 5:30 - IST.
        pytest.param("Asia/Kolkata", YearlyRules(5 * HOUR + 30 * 60, ()), id="Kolkata"),
        # Morocco's Ramadan changes are listed year by year until 2087: no yearly rule is
        # current. Santiago changes at 24:00, which the yearly form cannot state.
        pytest.param("Africa/Casablanca", None, id="Casablanca"),
        pytest.param("America/Santiago", None, id="Santiago"),
        pytest.param("W. Europe Standard Time", None, id="not-a-tz-database-name"),
    ],
)
def test_the_tz_database_rules_rule_2_compares_with(
    tzid: str, expected: YearlyRules | None
) -> None:
    """What rule 2 compares a zone with, checked against the zone's rules as the tz
    database's source states them. The build writes its VTIMEZONEs from the same reading
    (``zones.rules``): a wrong rule there for one of these zones fails here, while the
    test below shares it."""
    assert current_rules(tzid) == expected


def test_every_zone_the_build_writes_agrees_with_what_rule_2_reads() -> None:
    """A consistency check, not an oracle: the build writes each zone's VTIMEZONE
    (``render.ics.vtimezone``) from ``zones.rules``, and rule 2 compares it with the same
    reading (``lint/database.py``: one reading of the database, not two). It fails when
    the writer and the linter's reader disagree on a zone's form (which part holds which
    change, a DTSTART's time, an offset's sign, how BYDAY is spelled), or when rule 2
    compares too few zones. A wrong rule in ``zones.rules`` is shared by both: at most
    it makes rule 2 skip that zone (database.py skips a rule the database's own
    transitions contradict), which the counts notice only if many zones are skipped.
    The oracles are elsewhere: the rules written out, in the test above and in
    tests/test_zones.py (known instants); the VTIMEZONE's bytes, icalendar's for the
    same rules, in tests/test_serializer.py."""
    written = compared = with_daylight = 0
    for tzid in pytz.all_timezones:
        try:
            zone = vtimezone(zones.rules(tzid))
        except ZoneError:
            continue  # the yearly form cannot state its rule: the build refuses the zone
        written += 1
        rules = current_rules(tzid)
        compared += rules is not None
        with_daylight += rules is not None and bool(rules.changes)
        lines = _in_zone(tzid, ("STANDARD", "19700101T000000", "", "+0000", "+0000"))
        data = _file(lines).replace(_file(lines[10:18]), zone)
        assert lint(data) == (), tzid
    # With pytz 2026.6: 585 zones written, 572 compared, 176 of them with daylight time.
    assert written > 500
    assert compared > 500
    assert with_daylight > 100


LINK = "https://example.org/portail?a=1&b=2,3;c=4"


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Voir https://example.org/portail?a=1&b=2\\,3\\;c=4", []),  # escaped as TEXT is
        ("Voir https://example.org/portail?a=1&b=2\\,3\\;c=4\\nSuite", []),
        ("Voir https://example.org/portail?a=1&b=2\\,3", [(43, 15)]),  # cut short
        ("Voir https://example.org/portail?a=1&b=2\\\\,3\\;c=4", [(43, 15)]),  # a backslash
        ("Voir le portail (https://example.org/portail?a=1&b=2\\,3\\;c=4).", []),
        ("Voir https://example.org/portail?a=1&b=2\\,3\\;c=4&d=5", [(43, 15)]),  # continued
        ("Voir xhttps://example.org/portail?a=1&b=2\\,3\\;c=4", [(43, 15)]),  # in a word
    ],
)
def test_a_link_is_found_in_the_text_of_the_description(
    description: str, expected: list[tuple[int, int]]
) -> None:
    # The link of URL (a URI, written as it is) against DESCRIPTION as it reads: the
    # comma that TEXT escapes made a false finding.
    lines = _replace("DESCRIPTION:Voir https://example.org/a", f"DESCRIPTION:{description}")
    lines = [{"URL:https://example.org/a": f"URL:{LINK}"}.get(line, line) for line in lines]
    found = [finding for finding in _found(_file(lines)) if finding[1] != 18]
    assert found == expected


PORTAIL = "https://example.org/portail"
NOT_SHOWN = (
    15,
    "Google ignores URL and the link is not in DESCRIPTION.",
    "repeat the link as plain text in DESCRIPTION.",
)


@pytest.mark.parametrize(
    ("url", "description", "expected"),
    [
        # Google's and Outlook's own descriptions are HTML: the link is cut at < > and ".
        pytest.param(PORTAIL, f'Voir <a href="{PORTAIL}">{PORTAIL}</a>', [], id="html"),
        pytest.param(PORTAIL, f"<p>Voir {PORTAIL}<br>Suite</p>", [], id="html-line-break"),
        # French puts a no-break space (U+00A0, or the narrow U+202F) before ! ? : and
        # inside « »: it ends the link as a space does.
        pytest.param(PORTAIL, f"Commandez sur {PORTAIL}\u00a0!", [], id="no-break-space"),
        pytest.param(PORTAIL, f"Le portail («\u202f{PORTAIL}\u202f»).", [], id="guillemets"),
        # …/port is not shown by …/portail, which a reader opens instead, however it ends.
        pytest.param(
            "https://example.org/port",
            f"Commandez sur {PORTAIL}\u00a0!",
            [(43, *NOT_SHOWN)],
            id="prefix",
        ),
        pytest.param(
            "https://example.org/port",
            f'Voir <a href="{PORTAIL}">{PORTAIL}</a>',
            [(44, *NOT_SHOWN)],  # the description is folded on two lines
            id="prefix-in-html",
        ),
        # A word that ends with the link after a label or a mark that no URI continues:
        # before, each of these was reported as NOT_SHOWN.
        pytest.param(PORTAIL, f"Lien:{PORTAIL}", [], id="after-a-label"),
        pytest.param(PORTAIL, f"Voir [le portail]({PORTAIL}).", [], id="markdown"),
        pytest.param(PORTAIL, f"Voir \u201c{PORTAIL}\u201d.", [], id="curly-double-quotes"),
        pytest.param(PORTAIL, f"Voir \u2018{PORTAIL}\u2019.", [], id="curly-single-quotes"),
        pytest.param(PORTAIL, f"Commandez sur {PORTAIL}\u2026", [], id="ellipsis"),
        # The end of a longer word, or of another link, is not the link.
        pytest.param(PORTAIL, f"Voir x{PORTAIL}", [(43, *NOT_SHOWN)], id="in-a-word"),
        pytest.param(
            PORTAIL, f"https://example.org/?u={PORTAIL}", [(43, *NOT_SHOWN)], id="in-a-query"
        ),
        pytest.param(
            PORTAIL,
            f"https://web.archive.org/web/2023/{PORTAIL}",
            [(44, *NOT_SHOWN)],
            id="in-an-archive-link",
        ),
        pytest.param(
            "https://example.org/port",
            f"Lien:[le portail]({PORTAIL})\u2026",
            [(43, *NOT_SHOWN)],
            id="prefix-after-a-label",
        ),
    ],
)
def test_a_link_ends_where_a_reader_ends_it(
    url: str, description: str, expected: list[tuple[int, int, str, str]]
) -> None:
    # Before, the link had to be followed by an ASCII space, a tab, a newline or the end
    # (after up to three closing marks): the first four were reported as NOT_SHOWN.
    folded = [description[at : at + 50] for at in range(0, len(description), 50)]
    lines = _replace(
        "DESCRIPTION:Voir https://example.org/a",
        [f"DESCRIPTION:{folded[0]}", *(f" {part}" for part in folded[1:])],
    )
    lines = [{"URL:https://example.org/a": f"URL:{url}"}.get(line, line) for line in lines]
    assert [(f.line, f.rule, f.message, f.fix) for f in lint(_file(lines))] == expected


def test_an_empty_calendar_description_is_no_harm() -> None:
    # Google exports X-WR-CALDESC: for a calendar that has no description. Before:
    # (6, 13, "DESCRIPTION is empty.", "write both DESCRIPTION and X-WR-CALDESC, with the
    # same text.") and the same for X-WR-CALDESC on line 7.
    lines = _replace("DESCRIPTION:Un essai\\, avec virgule", "DESCRIPTION:")
    lines = [{GOOD[6]: "X-WR-CALDESC:"}.get(line, line) for line in lines]
    assert lines[5:7] == ["DESCRIPTION:", "X-WR-CALDESC:"]
    assert lint(_file(lines)) == ()


def test_byte_order_mark() -> None:
    assert _found(b"\xef\xbb\xbf" + _file(GOOD)) == [(1, 18)]


def test_fold_inside_a_utf8_character() -> None:
    summary = "SUMMARY:Fermé".encode()
    data = _file(GOOD).replace(b"SUMMARY:Portail ouvert", summary[:-1] + b"\r\n " + summary[-1:])
    assert (31, 17) in _found(data)


def test_fold_between_backslash_and_escaped_character() -> None:
    data = _file(GOOD).replace(b"SUMMARY:Portail ouvert", b"SUMMARY:Portail ouvert\\\r\n ,enfin")
    assert _found(data) == [(31, 17)]


def test_too_large() -> None:
    padding = ["X-PADDING:" + "x" * 60] * 16_000
    assert (1, 19) in _found(_file(GOOD[:5] + padding + GOOD[5:]))


def test_alarms_allowed_in_the_reminders_feed() -> None:
    broken, _, _ = CASES["16-alarm"]
    assert _found(_file(broken), alarms_allowed=True) == []


@pytest.mark.parametrize(
    ("left_out", "message", "fix"),
    [
        (
            "ACTION:DISPLAY",
            "the alarm has no ACTION.",
            "write ACTION:DISPLAY, TRIGGER and DESCRIPTION.",
        ),
        # A DISPLAY alarm is told what it lacks, no more (a review: the whole DISPLAY
        # fix was given to every alarm, EMAIL and AUDIO ones too).
        ("TRIGGER:PT9H", "the alarm has no TRIGGER.", "write its TRIGGER."),
        ("DESCRIPTION:Rappel", "the alarm has no DESCRIPTION.", "write its DESCRIPTION."),
    ],
)
def test_an_alarm_of_the_reminders_feed_states_what_makes_it_ring(
    left_out: str, message: str, fix: str
) -> None:
    broken, _, _ = CASES["16-alarm"]
    alarm = broken.index("BEGIN:VALARM") + 1
    without = [line for line in broken if line != left_out]
    (finding,) = lint(_file(without), alarms_allowed=True)
    assert (finding.line, finding.rule, finding.message, finding.fix) == (alarm, 16, message, fix)


def _alarm(*lines: str) -> bytes:
    """CASES["16-alarm"] with its alarm's ACTION, DESCRIPTION and TRIGGER (lines 34-36)
    replaced by ``lines``."""
    broken, _, _ = CASES["16-alarm"]
    at = broken.index("BEGIN:VALARM") + 1
    return _file([*broken[:at], *lines, *broken[at + 3 :]])


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ("ACTION:RING", "DESCRIPTION:Rappel", "TRIGGER:-PT15M"),
            (
                34,
                "ACTION:RING is not AUDIO, DISPLAY, EMAIL or NONE: clients do not understand "
                "it, and the alarm never rings (RFC 5545 §3.6.6).",
                "write ACTION:DISPLAY (and DESCRIPTION).",
            ),
            id="an-action-no-client-knows",
        ),
        pytest.param(
            ("ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER:9 heures"),
            (
                36,
                "TRIGGER:9 heures is not a duration (RFC 5545 §3.3.6).",
                "write a duration before or after the start: -PT15M, PT9H, P1DT9H.",
            ),
            id="a-trigger-in-words",
        ),
        pytest.param(
            ("ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER;VALUE=DATE-TIME:20230719T170000"),
            (
                36,
                "TRIGGER;VALUE=DATE-TIME:20230719T170000 is not a UTC date-time "
                "(RFC 5545 §3.8.6.3).",
                "write it as YYYYMMDDTHHMMSSZ, or as a duration: -PT15M.",
            ),
            id="a-floating-trigger-time",
        ),
        pytest.param(
            ("ACTION:EMAIL", "DESCRIPTION:Rappel", "TRIGGER:-PT15M"),
            (
                33,
                "the alarm has no SUMMARY and no ATTENDEE.",
                "write its SUMMARY and an ATTENDEE.",
            ),
            id="an-email-to-nobody",
        ),
        pytest.param(
            ("ACTION:EMAIL", "DESCRIPTION:Rappel", "SUMMARY:Rappel", "ATTENDEE:mailto:a@b.fr"),
            (33, "the alarm has no TRIGGER.", "write its TRIGGER."),
            id="an-email-without-its-trigger",
        ),
        pytest.param(
            ("ACTION:AUDIO",),
            (33, "the alarm has no TRIGGER.", "write its TRIGGER."),
            id="a-sound-without-its-trigger",
        ),
    ],
)
def test_an_alarm_of_the_reminders_feed_has_values_clients_read(
    lines: tuple[str, ...], expected: tuple[int, str, str]
) -> None:
    (finding,) = lint(_alarm(*lines), alarms_allowed=True)
    line, message, fix = expected
    assert (finding.line, finding.rule, finding.message, finding.fix) == (line, 16, message, fix)


@pytest.mark.parametrize(
    "lines",
    [
        ("ACTION:AUDIO", "TRIGGER:PT0S"),
        ("ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER;RELATED=END:+P1DT9H"),
        ("ACTION:DISPLAY", "DESCRIPTION:Rappel", "TRIGGER;VALUE=DATE-TIME:20230719T150000Z"),
        (
            *("ACTION:EMAIL", "DESCRIPTION:Rappel", "SUMMARY:Portail ouvert"),
            *("ATTENDEE:mailto:pharmacie@example.org", "TRIGGER:-P1W"),
        ),
    ],
)
def test_alarms_that_ring_pass(lines: tuple[str, ...]) -> None:
    assert lint(_alarm(*lines), alarms_allowed=True) == ()


def test_an_alarm_that_is_not_meant_to_ring_passes() -> None:
    # ACTION:NONE (RFC 9074 §7), as Apple Calendar writes it in place of a default alarm.
    # Before: (33, 16, "the alarm has no DESCRIPTION.", "write ACTION:DISPLAY, TRIGGER and
    # DESCRIPTION.") and (34, 16, "ACTION:NONE is not AUDIO, DISPLAY or EMAIL: clients do
    # not understand it, and the alarm never rings (RFC 5545 §3.6.6).", "write
    # ACTION:DISPLAY (and DESCRIPTION).").
    placeholder = _alarm("ACTION:NONE", "TRIGGER;VALUE=DATE-TIME:19760401T005545Z")
    assert lint(placeholder, alarms_allowed=True) == ()
    # It still needs its TRIGGER (RFC 5545 §3.6.6 asks every alarm for one), and only
    # that: before, the fix "write ACTION:DISPLAY, TRIGGER and DESCRIPTION." made the
    # placeholder an alarm that rings.
    (finding,) = lint(_alarm("ACTION:NONE"), alarms_allowed=True)
    assert (finding.line, finding.rule, finding.message, finding.fix) == (
        33,
        16,
        "the alarm has no TRIGGER.",
        "write its TRIGGER.",
    )


def test_an_alarm_of_a_todo_in_the_reminders_feed_states_what_makes_it_ring() -> None:
    broken, _, _ = CASES["16-alarm-in-a-todo"]
    assert _found(_file(broken), alarms_allowed=True) == []
    (finding,) = lint(
        _file([line for line in broken if line != "TRIGGER:PT9H"]), alarms_allowed=True
    )
    assert (finding.line, finding.rule, finding.message) == (51, 16, "the alarm has no TRIGGER.")


def test_the_text_of_an_alarm_is_escaped() -> None:
    broken, _, _ = CASES["16-alarm"]
    unescaped = _file(
        [
            {"DESCRIPTION:Rappel": "DESCRIPTION:Rappel, portail ouvert"}.get(line, line)
            for line in broken
        ]
    )
    (finding,) = lint(unescaped, alarms_allowed=True)
    assert (finding.line, finding.rule, finding.message) == (
        35,
        18,
        "DESCRIPTION has an unescaped ; or ,.",
    )
    escaped = unescaped.replace(b"Rappel, portail", b"Rappel\\, portail")
    assert lint(escaped, alarms_allowed=True) == ()


def test_an_alarm_in_a_main_feed_says_how_lint_takes_a_reminders_feed() -> None:
    # A reminders feed saved under another name: the fix named no way to lint it as one.
    broken, _, _ = CASES["16-alarm"]
    (finding,) = lint(_file(broken))
    assert (finding.rule, finding.message, finding.fix) == (
        16,
        "an alarm in a main feed (ignored, stripped or fired again by clients).",
        "offer alarms in a separate opt-in feed (vaxical lint accepts them in a "
        "*-rappels.ics file, or with --allow-alarms).",
    )


def test_not_a_calendar() -> None:
    assert _found(b"<html>nope</html>\r\n") == [(1, 18), (1, 18)]


def test_format() -> None:
    (finding,) = lint(_file(CASES["6-opaque"][0]))
    assert finding.format("x.ics") == (
        "x.ics:33: rule 6 (transparent, free): the event makes the pharmacist look busy. "
        "Fix: write TRANSP:TRANSPARENT."
    )


@pytest.mark.parametrize(
    ("value", "positive"),
    [
        *((value, True) for value in ("PT6H", "+PT6H", "P1D", "P1W", "P1DT6H", "PT1H30M", "PT45S")),
        *(
            (value, False)
            for value in ("P", "PT", "P1DT", "PT6", "-PT6H", "PT0S", "P0D", "PT0H0M0S", "P1W2D")
        ),
        ("6:00:00", False),  # a Python timedelta written as it prints
    ],
)
def test_positive_duration(value: str, positive: bool) -> None:
    assert positive_duration(value) is positive


# What escape_problems() answers, as the look-behind patterns it replaced say it: an
# even run of backslashes (none included) before ; or , or before a backslash that
# escapes anything but \ ; , n N.
UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[;,]")
NEEDLESS = re.compile(r"(?<!\\)(?:\\\\)*\\[^\\;,nN]")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Un essai\\, avec virgule", (False, False)),
        ("Un essai, avec virgule", (True, False)),
        ("a\\\\;b", (True, False)),  # a\\;b: an escaped backslash, then a bare ;
        ("a\\\\\\;b", (False, False)),  # a\\\;b: a backslash, then an escaped ;
        ("Ligne\\nsuivante\\N", (False, False)),
        ("tab\\t", (False, True)),
        ("a\\\\\\x", (False, True)),
        ("fin\\", (False, False)),  # a last backslash escapes nothing
        ("", (False, False)),
    ],
)
def test_escape_problems(value: str, expected: tuple[bool, bool]) -> None:
    assert escape_problems(value) == expected


# How a reader takes a TEXT value (RFC 5545 §3.3.11), one escape at a time from the left.
ESCAPE = re.compile(r"\\([\\;,nN])")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\\;,nNa\n", max_size=16))
def test_unescape_text_reads_as_a_reader_does(value: str) -> None:
    expected = ESCAPE.sub(lambda match: {"n": "\n", "N": "\n"}.get(match[1], match[1]), value)
    assert unescape_text(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\\;,nNa\n", max_size=16))
def test_escape_problems_agrees_with_the_look_behind_patterns(value: str) -> None:
    expected = (UNESCAPED.search(value) is not None, NEEDLESS.search(value) is not None)
    assert escape_problems(value) == expected
