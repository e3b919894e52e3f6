"""What static hosts need to serve the files right (docs/calendar-clients.md rule 20). Pure.

``_headers`` is read by Netlify and Cloudflare Pages; the README has the same rules for
nginx and Apache. GitHub Pages ignores it (and already serves .ics as text/calendar).
"""

from __future__ import annotations

from collections.abc import Sequence

from vaxical.history.retired import Record
from vaxical.model import DEFAULT_REFRESH_HOURS, Definition
from vaxical.schedule.feeds import (
    CALENDAR_SCHEMA,
    CATALOG,
    CATALOG_SCHEMA,
    calendar_files,
    files_named,
)

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".csv": "text/csv; charset=utf-8; header=present",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


def _rules(name: str, max_age: int) -> list[str]:
    suffix = name[name.rindex(".") :]
    cache = f"public, max-age={max_age}"
    if suffix == ".ics":
        cache += ", no-transform"
    rules = [f"/{name}", f"  Content-Type: {CONTENT_TYPES[suffix]}", f"  Cache-Control: {cache}"]
    if suffix != ".html":
        # Public data: any web page may read it (a pharmacy's intranet, a dashboard).
        rules.append("  Access-Control-Allow-Origin: *")
    return rules


def render_headers(definitions: Sequence[Definition], retired: Sequence[Record] = ()) -> bytes:
    """The rules of every file of the build: ``retired``, the calendars whose files stay
    online without events, are served as they were."""
    lines = [
        "# Served by hosts that read _headers (Netlify, Cloudflare Pages). Feeds: the type",
        "# calendar clients expect, cached as long as their refresh hint, and no-transform so",
        "# that proxies and CDNs that honour it do not compress or alter them. Feeds and",
        "# data may be read from any origin (CORS): they are public.",
    ]
    ordered = sorted(definitions, key=lambda d: d.id)
    # The list of calendars changes when any of them does: the shortest refresh hint (an
    # empty build publishes the list and its schema too, with the default hint).
    hours = min((d.refresh_hours for d in ordered), default=DEFAULT_REFRESH_HOURS)
    lines += _rules(CATALOG, hours * 3600)
    lines += _rules(CATALOG_SCHEMA, hours * 3600)
    if ordered:
        lines += _rules(CALENDAR_SCHEMA, hours * 3600)
    files = [(d.id, calendar_files(d), d.refresh_hours) for d in ordered]
    files += [
        (r.calendar_id, files_named(r.calendar_id, r.feeds).all(), r.refresh_hours) for r in retired
    ]
    for _, names, refresh_hours in sorted(files, key=lambda found: found[0]):
        for name in names:
            lines += _rules(name, refresh_hours * 3600)
    return ("\n".join(lines) + "\n").encode()
