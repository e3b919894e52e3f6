"""The static HTML index, rendered with Jinja2. Pure: definitions in, text out.

Templates receive plain values (strings, booleans, lists, dicts of those), never
library objects; ``StrictUndefined`` makes a typo in a template fail the build, and
autoescaping keeps any text from a definition inert.
"""

from __future__ import annotations

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
from vaxical.table import HEADERS, TITLE, by_year, rows, rules_in_words


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
    return {
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
        "open_sessions": sum(1 for row in table if row.is_open),
        "closed_sessions": sum(1 for row in table if not row.is_open),
        "feeds": feeds,
        "json": f"{definition.id}.json",
    }


def render_index(calendars: Sequence[dict[str, Any]]) -> str:
    """``index.html`` listing every calendar of the build."""
    return environment().get_template("index.html").render(calendars=list(calendars))
