"""The static HTML index, rendered with Jinja2. Pure: definitions in, text out.

Templates receive plain values (strings, booleans, lists, dicts of those), never
library objects; ``StrictUndefined`` makes a typo in a template fail the build, and
autoescaping keeps any text from a definition inert.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Sequence
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from vaxical import french
from vaxical.events import Event
from vaxical.expand import Session
from vaxical.feeds import feed_name, feeds_of, subscribe_links
from vaxical.model import Definition, HistoryEntry
from vaxical.safety import check_texts, check_url
from vaxical.table import HEADERS, TITLE, by_year, rows, rules_in_words

# Month view marks: a letter and a pattern for each, never colour alone (WCAG 1.4.1).
MARKS = (
    ("open", "O", "portail ouvert"),
    ("closed", "F", "portail fermé"),
    ("delivery", "L", "livraison"),
    ("confirmation", "C", "confirmation de commande (18h00)"),
    ("appointments", "R", "début des rendez-vous"),
)
_MARK_INDEX = {key: index for index, (key, _, _) in enumerate(MARKS)}


def _day_marks(sessions: tuple[Session, ...]) -> dict[dt.date, list[str]]:
    marks: dict[dt.date, list[str]] = {}

    def mark(day: dt.date, key: str) -> None:
        marks.setdefault(day, [])
        if key not in marks[day]:
            marks[day].append(key)

    for session in sessions:
        order = session.order
        for day in session.days.days():
            mark(day, "open" if order else "closed")
        if order is None:
            continue
        for day in order.delivery.days():
            mark(day, "delivery")
        mark(order.confirmation.date(), "confirmation")
        mark(order.appointments, "appointments")
    return {day: sorted(keys, key=_MARK_INDEX.__getitem__) for day, keys in marks.items()}


def month_view(sessions: tuple[Session, ...]) -> list[dict[str, Any]]:
    """One small calendar per month covered, Monday first, as plain values."""
    marks = _day_marks(sessions)
    if not marks:
        return []
    labels = {key: (letter, label) for key, letter, label in MARKS}
    first, last = min(marks), max(marks)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        weeks = []
        week: list[dict[str, Any] | None] = [None] * dt.date(year, month, 1).weekday()
        for day_number in range(1, calendar.monthrange(year, month)[1] + 1):
            day = dt.date(year, month, day_number)
            keys = marks.get(day, [])
            week.append(
                {
                    "day": day_number,
                    "iso": day.isoformat(),
                    "marks": [
                        {"key": key, "letter": labels[key][0], "label": labels[key][1]}
                        for key in keys
                    ],
                    "label": french.long_date(day)
                    + (" : " + ", ".join(labels[key][1] for key in keys) if keys else ""),
                }
            )
            if len(week) == 7:
                weeks.append(week)
                week = []
        if week:
            weeks.append(week + [None] * (7 - len(week)))
        months.append({"title": f"{french.MONTHS[month - 1]} {year}", "weeks": weeks})
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@functools.cache
def environment() -> Environment:
    folder = resources.files("vaxical.templates")
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def calendar_view(
    definition: Definition,
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    history: tuple[HistoryEntry, ...],
) -> dict[str, Any]:
    """Everything the index shows of one calendar, as plain values."""
    feeds = []
    for feed in feeds_of(definition):
        links = subscribe_links(definition, feed)
        feeds.append(
            {
                "title": feed.title,
                "name": feed_name(definition, feed),
                "purpose": feed.purpose,
                "file": feed.filename(definition.id),
                "events": len(feed.select(events)),
                "https": links.https,
                "webcal": links.webcal,
                "google": links.google,
                "outlook_com": links.outlook_com,
                "microsoft_365": links.microsoft_365,
                "alarms": feed.optional,
            }
        )
    table = rows(sessions)
    view = {
        "id": definition.id,
        "name": definition.name,
        "product": definition.product,
        "description": definition.description,
        "timezone": definition.timezone,
        "portal_url": definition.portal_url,
        "revised": french.day_month(definition.revised.date(), year=True),
        "rules": list(rules_in_words(definition)),
        "news": [
            {
                "date": french.day_month(entry.date.date(), year=True),
                "iso_date": entry.date.date().isoformat(),
                "title": entry.title,
                "url": entry.url,
                "summary": entry.summary,
                "changes": list(entry.changes),
            }
            for entry in history
        ],
        "atom": f"{definition.id}.atom",
        "table_title": TITLE,
        "headers": list(HEADERS),
        "years": [
            {
                "year": year,
                "rows": [
                    {
                        "first_day": row.first_day,
                        "last_day": row.last_day,
                        "dates": row.dates,
                        "is_open": row.is_open,
                        "state": row.state,
                        "delivery": row.delivery,
                        "confirmation": row.confirmation,
                        "appointments": row.appointments,
                        "note": row.note,
                    }
                    for row in year_rows
                ],
            }
            for year, year_rows in by_year(table)
        ],
        "months": month_view(sessions),
        "weekdays": list(french.WEEKDAYS),
        "marks": [{"key": key, "letter": letter, "label": label} for key, letter, label in MARKS],
        "open_sessions": sum(1 for row in table if row.is_open),
        "closed_sessions": sum(1 for row in table if not row.is_open),
        "feeds": feeds,
        "json": f"{definition.id}.json",
    }
    _check(view)
    return view


# The links of the page, by the view's keys; a webcal:// link is the https one's twin.
_FEED_LINKS = (
    ("https", ("https", "http")),
    ("webcal", ("webcal",)),
    ("google", ("https",)),
    ("outlook_com", ("https",)),
    ("microsoft_365", ("https",)),
)


def _check(view: dict[str, Any]) -> None:
    """Refuse a page whose links are not http(s) or whose text HTML cannot carry
    (vaxical.safety): news may come from a previous build's JSON, not only the definition.
    The month view is left out: its text is made of dates and fixed labels."""
    where = f"index.html: calendar {view['id']!r}"
    check_url(view["portal_url"], f"{where}: calendar.portal_url")
    for index, entry in enumerate(view["news"]):
        check_url(entry["url"], f"{where}: news[{index}].url")
    for feed in view["feeds"]:
        for key, schemes in _FEED_LINKS:
            check_url(feed[key], f"{where}: feed {feed['file']}: {key} link", schemes)
    for key, value in view.items():
        if key != "months":
            check_texts(value, f"{where}: {key}")


def render_index(calendars: Sequence[dict[str, Any]]) -> str:
    """``index.html`` listing every calendar of the build."""
    return environment().get_template("index.html").render(calendars=list(calendars))
