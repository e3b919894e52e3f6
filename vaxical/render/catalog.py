"""``calendars.json``: every calendar of a build and where its files are. Pure.

A program reads this one file at the build root to find the calendars, their feeds and
their data, without knowing any calendar id in advance. Sorted keys, two-space indent,
trailing newline, like ``<id>.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from vaxical.history.retired import Record
from vaxical.model import Definition
from vaxical.schedule.feeds import (
    CATALOG_SCHEMA,
    feed_name,
    feeds_of,
    files_named,
    files_of,
    subscribe_links,
    webcal,
)

FORMAT_VERSION = 1


def catalog_schema_bytes() -> bytes:
    """The published schema of ``calendars.json``, as shipped in the package."""
    return resources.files("vaxical.render").joinpath(CATALOG_SCHEMA).read_bytes()


def _calendar(definition: Definition) -> dict[str, Any]:
    base = definition.base_url
    names = files_of(definition)
    feeds = []
    for feed in feeds_of(definition):
        links = subscribe_links(definition, feed)
        feeds.append(
            {
                "file": feed.filename(definition.id),
                "name": feed_name(definition, feed),
                "kinds": sorted(kind.value for kind in feed.kinds),
                "url": links.https,
                "webcal": links.webcal,
                "google": links.google,
                "outlook_com": links.outlook_com,
                "microsoft_365": links.microsoft_365,
            }
        )
    return {
        "id": definition.id,
        "name": definition.name,
        "product": definition.product,
        "description": definition.description,
        "timezone": definition.timezone,
        "page": base + names.page,
        "json": base + names.json,
        "csv": base + names.csv,
        "atom": base + names.atom,
        "feeds": feeds,
    }


def _retired(record: Record) -> dict[str, Any]:
    """A retired calendar: the addresses it published, which stay online (its feeds
    without events), so that software can tell them from addresses that never were."""
    base = record.base_url
    names = files_named(record.calendar_id, record.feeds)
    return {
        "id": record.calendar_id,
        "name": record.name,
        "page": base + names.page,
        "json": base + names.json,
        "csv": base + names.csv,
        "atom": base + names.atom,
        "feeds": [
            {"file": file, "url": base + file, "webcal": webcal(base + file)}
            for file in names.feeds
        ],
    }


def render_catalog(definitions: Sequence[Definition], retired: Sequence[Record] = ()) -> bytes:
    """Every calendar, sorted by id, with the https URLs of its page, data and feeds; and
    the calendars retired, sorted by id, with the addresses they keep."""
    ordered = sorted(definitions, key=lambda definition: definition.id)
    document = {
        "format": FORMAT_VERSION,
        "calendars": [_calendar(definition) for definition in ordered],
        "retired": [_retired(record) for record in sorted(retired, key=lambda r: r.calendar_id)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"
