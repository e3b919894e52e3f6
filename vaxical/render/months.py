"""The page's month view: one small calendar per month covered, each day with its marks
(portal open or closed, delivery, confirmation, appointments). Pure: sessions in, plain
values out, for the template.

A five-year calendar has some 1,800 days, the page's most repeated markup: the view is
built from bits and from days written once per month, not from each day's own strings.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from markupsafe import escape

from vaxical.rules import DateSpan
from vaxical.schedule import french
from vaxical.schedule.expand import DAY, Session

# Month view marks: a letter and a pattern for each, never colour alone (WCAG 1.4.1).
MARKS = (
    ("open", "O", "portail ouvert"),
    ("closed", "F", "portail fermé"),
    ("delivery", "L", "livraison"),
    ("confirmation", "C", "confirmation de commande"),
    ("appointments", "R", "début des rendez-vous"),
)
# Each mark as a bit, by its place in MARKS: a day's marks are one int, in MARKS order
# whatever order the sessions set them in.
OPEN, CLOSED, DELIVERY, CONFIRMATION, APPOINTMENTS = (1 << index for index in range(len(MARKS)))


def confirmation_clocks(sessions: tuple[Session, ...]) -> dict[dt.date, str]:
    """The local time of each confirmation, by day: from each session's own rules. The
    legend and the month view both read them: a page computes them once for both."""
    return {
        order.confirmation.date(): french.clock(order.confirmation.time())
        for session in sessions
        if (order := session.order) is not None and order.confirmation is not None
    }


def legend(
    sessions: tuple[Session, ...], clocks: Mapping[dt.date, str] | None = None
) -> list[dict[str, str]]:
    """The marks as the legend lists them; the confirmation's time when it is the same
    for every session (the day labels of the month view always say it). ``clocks``:
    :func:`confirmation_clocks` of ``sessions``, when computed already."""
    if clocks is None:
        clocks = confirmation_clocks(sessions)
    shown = sorted(set(clocks.values()))
    shared = f" ({shown[0]})" if len(shown) == 1 else ""
    return [
        {"key": key, "letter": letter, "label": label + (shared if key == "confirmation" else "")}
        for key, letter, label in MARKS
    ]


def _day_marks(sessions: tuple[Session, ...]) -> dict[dt.date, int]:
    """The marks of each day that has one, as bits."""
    marks: dict[dt.date, int] = {}
    for session in sessions:
        order = session.order
        _mark(marks, session.days, OPEN if order is not None else CLOSED)
        if order is None:
            continue
        _mark(marks, order.delivery, DELIVERY)
        if order.confirmation is not None:
            day = order.confirmation.date()
            marks[day] = marks.get(day, 0) | CONFIRMATION
        if order.appointments is not None:
            marks[order.appointments] = marks.get(order.appointments, 0) | APPOINTMENTS
    return marks


def _mark(marks: dict[dt.date, int], span: DateSpan, bit: int) -> None:
    """Sets ``bit`` on each day of ``span``, day after day: DateSpan.days() makes a
    timedelta for each, which took five times as long for a session's two days."""
    day = span.first
    while day <= span.last:
        marks[day] = marks.get(day, 0) | bit
        day += DAY


# A day of the month view, for the template to unpack: ISO date, day number, marks (key
# and letter of each) and the words a screen reader says, HTML-escaped. The page writes
# a few thousand of them: tuples, which a template's loop unpacks in Python, where each
# attribute of a dict went through Jinja2's attribute lookup; the words escaped once for
# the days that share them (a month's days, a combination of marks), not in each cell.
Day = tuple[str, int, tuple[tuple[str, str], ...], str]
BLANK: Day = ("", 0, (), "")
"""A cell before the first or after the last day of a month."""


# Remembered: the calendars of a build cover the same months. A month's days as a day
# without marks shows them, each with its date; a hundred years are 1,200 months.
@functools.lru_cache(maxsize=1200)
def _month_days(year: int, month: int) -> tuple[int, tuple[tuple[dt.date, Day], ...]]:
    """The weekday of the month's first day (Monday 0), and each day unmarked."""
    days = []
    for number in range(1, calendar.monthrange(year, month)[1] + 1):
        day = dt.date(year, month, number)
        days.append((day, (day.isoformat(), number, (), _escaped(french.long_date(day)))))
    return dt.date(year, month, 1).weekday(), tuple(days)


EMPTY_RUN = 2
"""From how many months in a row without a mark the view says them in one line (a
closure until further notice: a publisher's trial saw ten empty grids on a phone)."""


def month_view(
    sessions: tuple[Session, ...], clocks: Mapping[dt.date, str] | None = None
) -> list[dict[str, Any]]:
    """One small calendar per month covered, Monday first, as plain values: each week
    a list of seven :data:`Day` (:data:`BLANK` outside the month); a run of
    :data:`EMPTY_RUN` months or more without a mark is one line (``gap``). ``clocks``:
    :func:`confirmation_clocks` of ``sessions``, when computed already."""
    day_marks = _day_marks(sessions)
    if not day_marks:
        return []
    if clocks is None:
        clocks = confirmation_clocks(sessions)
    # The marks of a day and what they add to its label, by its bits and confirmation
    # time: a handful of combinations, met again every week.
    shown: dict[tuple[int, str | None], tuple[tuple[tuple[str, str], ...], str]] = {}
    first, last = min(day_marks), max(day_marks)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        weekday, days = _month_days(year, month)
        cells = [BLANK] * weekday
        for day, unmarked in days:
            bits = day_marks.get(day)
            if bits is None:
                cells.append(unmarked)
                continue
            clock = clocks.get(day) if bits & CONFIRMATION else None
            found = shown.get((bits, clock))
            if found is None:
                found = shown[bits, clock] = _shown(bits, clock)
            marks, words = found
            cells.append((unmarked[0], unmarked[1], marks, unmarked[3] + words))
        cells += [BLANK] * (-len(cells) % 7)
        weeks = [cells[start : start + 7] for start in range(0, len(cells), 7)]
        marked = any(cell[2] for cell in cells)
        title = f"{french.MONTHS[month - 1]} {year}"
        months.append({"title": title, "weeks": weeks, "marked": marked, "gap": None})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return _gaps(months)


def _gaps(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``months``, each run of :data:`EMPTY_RUN` or more without a mark made one line."""
    view: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []
    for month in [*months, None]:
        if month is not None and not month["marked"]:
            run.append(month)
            continue
        if len(run) >= EMPTY_RUN:
            first, last = run[0]["title"], run[-1]["title"]
            of = "d'" if first[0] in "ao" else "de "  # d'avril, d'août, d'octobre
            view.append({"gap": f"Aucune session {of}{first} à {last}."})
        else:
            view += run
        run = []
        if month is not None:
            view.append(month)
    return view


def _shown(bits: int, clock: str | None) -> tuple[tuple[tuple[str, str], ...], str]:
    """The marks of a day (key and letter of each) and what they add to its label."""
    found = [mark for index, mark in enumerate(MARKS) if bits & 1 << index]
    said = [f"{label} ({clock})" if key == "confirmation" else label for key, _, label in found]
    return tuple((key, letter) for key, letter, _ in found), _escaped(" : " + ", ".join(said))


def _escaped(text: str) -> str:
    return str(escape(text))
