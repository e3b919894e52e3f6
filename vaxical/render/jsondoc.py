"""The schedule as JSON for software (pharmacy management systems). Pure.

Stable and sorted: keys sorted, events in feed order, two-space indent, trailing
newline, so that a diff between two builds reads line by line. Every document names the
JSON Schema that describes it (:data:`CALENDAR_SCHEMA`, written by hand and published beside it).
Its events and sessions are written by :mod:`vaxical.render.jsonrecords`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from vaxical.model import Definition, HistoryEntry, Notice
from vaxical.render.jsonrecords import event_json, session_json
from vaxical.render.jsontext import dump_bytes as dump_bytes  # tests read it here too
from vaxical.safety import check_texts, check_url
from vaxical.schedule.events import Event
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import (
    CALENDAR_SCHEMA,
    Feed,
    feed_name,
    feeds_of,
    files_of,
    webcal,
)
from vaxical.schedule.texts import source_notice
from vaxical.schedule.zones import utc_text

FORMAT_VERSION = 1


# The JSON Schema of ``<id>.json`` (format 1): a file of this package, published at the
# root of every build under the same name, and linked from each document's ``$schema``.
@functools.cache
def schema_bytes() -> bytes:
    """The schema as shipped in the package: the same bytes in every build."""
    return resources.files("vaxical.render").joinpath(CALENDAR_SCHEMA).read_bytes()


def _feed(definition: Definition, feed: Feed) -> dict[str, Any]:
    file = feed.filename(definition.id)
    return feed_json(feed, file, feed_name(definition, feed), definition.base_url + file)


def feed_json(feed: Feed, file: str, name: str, https: str) -> dict[str, Any]:
    """One item of a ``<id>.json``'s ``feeds``, its text and links checked: a live
    calendar's, or a retired one's as published (render/retired.py)."""
    record = {
        "file": file,
        "name": name,
        "kinds": sorted(kind.value for kind in feed.kinds),
        "url": https,
        "webcal": webcal(https),
    }
    where = f"feeds[{record['file']}]"
    check_texts(record, where)
    check_url(record["url"], f"{where}.url")
    check_url(record["webcal"], f"{where}.webcal", ("webcal",))
    return record


def history_json(index: int, entry: HistoryEntry) -> dict[str, Any]:
    record = {
        "key": entry.key,
        "date": utc_text(entry.date),
        "title": entry.title,
        "summary": entry.summary,
        "changes": list(entry.changes),
        "url": entry.url,
    }
    check_texts(record, f"history[{index}]")
    check_url(record["url"], f"history[{index}].url")
    return record


def calendar_json(
    *,
    calendar_id: str,
    name: str,
    product: str,
    description: str,
    timezone: str,
    base_url: str,
    portal_url: str,
    revised: dt.datetime,
    horizon: dt.date,
    feeds_from: dt.date | None,
    refresh_hours: int,
    atom: str,
    ledger: str | None,
    notices: Sequence[Notice],
) -> dict[str, Any]:
    """The ``calendar`` object of a ``<id>.json``, its text and links checked: from a
    definition, or from a retired calendar's record as published (render/retired.py)."""
    record: dict[str, Any] = {
        "id": calendar_id,
        "name": name,
        "product": product,
        "description": description,
        "timezone": timezone,
        "url": base_url,
        "portal_url": portal_url,
        "revised": utc_text(revised),
        "horizon": horizon.isoformat(),
        "feeds_from": None if feeds_from is None else feeds_from.isoformat(),
        "refresh_hours": refresh_hours,
        "atom": atom,
        "ledger_sha256": ledger,
        "notices": [
            {
                "reference": notice.reference,
                "date": notice.date.isoformat(),
                "title": notice.title,
                "url": notice.url,
                "summary": notice.summary,
            }
            for notice in notices
        ],
    }
    check_texts(record, "calendar")
    for key in ("url", "portal_url", "atom"):
        check_url(record[key], f"calendar.{key}")
    for index, notice in enumerate(notices):
        check_url(notice.url, f"calendar.notices[{index}].url")
    return record


def _calendar(definition: Definition, ledger: str | None) -> dict[str, Any]:
    return calendar_json(
        calendar_id=definition.id,
        name=definition.name,
        product=definition.product,
        description=definition.description,
        timezone=definition.timezone,
        base_url=definition.base_url,
        portal_url=definition.portal_url,
        revised=definition.revised,
        horizon=definition.horizon,
        feeds_from=definition.feeds_from,
        refresh_hours=definition.refresh_hours,
        atom=definition.base_url + files_of(definition).atom,
        ledger=ledger,
        notices=definition.notices,
    )


def render_json(
    definition: Definition,
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    history: tuple[HistoryEntry, ...],
    sources: Mapping[dt.date, Notice],
    *,
    ledger: str | None,
) -> bytes:
    """``sources``: the notice that made each session what it is, by nominal day (as
    :func:`vaxical.history.revisions.publish` tracks it); the notice in force when the
    session starts for any other, as the events cite it. ``ledger``: the digest of the
    ledger it comes from (:attr:`vaxical.model.Ledger.digest`), None for the
    single-revision format."""

    def source(session: Session) -> Notice:
        return sources.get(session.nominal) or source_notice(definition, session.days.first)

    document = {
        # Where the document's JSON Schema is published: beside it, at the build's root.
        "$schema": f"{definition.base_url}{CALENDAR_SCHEMA}",
        "format": FORMAT_VERSION,
        "calendar": _calendar(definition, ledger),
        "feeds": [_feed(definition, feed) for feed in feeds_of(definition)],
        "sessions": (session_json(session, definition, source(session)) for session in sessions),
        "events": (event_json(event, definition.revised) for event in events),
        "history": [history_json(index, entry) for index, entry in enumerate(history)],
    }
    return dump_bytes(document) + b"\n"
