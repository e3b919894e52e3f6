"""Every file of a retired calendar, as bytes, at the addresses it had. Pure.

Its feeds are calendars without events, with their usual header, a name that says the
calendar is no longer published, and the VTIMEZONE of its zone as their one component
(RFC 5545 gives every calendar one at least, rule 22): at their next refresh, clients
remove every event they hold of it (docs/calendar-clients.md rule 11), where a feed that
answers 404 would leave them all in place. Its ``<id>.json`` is its record
(:mod:`vaxical.history.retired`): still a format-1 document, without sessions or events;
its CSVs, the header row alone; its Atom log and page say it is no longer published. The
same record gives the same bytes at every build.
"""

from __future__ import annotations

from typing import Any

from vaxical.history.retired import Record, Retired
from vaxical.lint import lint
from vaxical.render.atom import Source, render_log
from vaxical.render.csvdoc import render_empty
from vaxical.render.files import feed_refusal
from vaxical.render.ics import FEED_END, calendar_header, vtimezone
from vaxical.render.jsondoc import FORMAT_VERSION, calendar_json, feed_json, history_json
from vaxical.render.jsontext import dump_bytes
from vaxical.safety import check_texts
from vaxical.schedule.feeds import CALENDAR_SCHEMA, Feed, files_named, named
from vaxical.schedule.zones import rules

RETIRED_NAME = "{name} (n'est plus publié)"
"""A retired feed's name, in the clients that show the name a feed gives itself (new
subscribers' among them): no comma, semicolon or backslash (README)."""

RETIRED_DESCRIPTION = (
    "Ce calendrier n'est plus publié : il ne contient plus aucun événement, et vous "
    "pouvez supprimer cet abonnement.\n\nLes calendriers publiés : {list}"
)


def feed_title(record: Record, feed: Feed) -> str:
    """The name a retired feed gives itself."""
    return RETIRED_NAME.format(name=named(record.name, feed))


def render_feed(record: Record, feed: Feed) -> bytes:
    """One feed of a retired calendar: its header, no event. Linted as every feed is,
    and refused if it breaks a client rule."""
    file = feed.filename(record.calendar_id)
    data = calendar_header(
        file,
        feed_title(record, feed),
        RETIRED_DESCRIPTION.format(list=record.base_url),
        base_url=record.base_url,
        refresh_hours=record.refresh_hours,
        timezone=record.timezone,
    )
    data += vtimezone(rules(record.timezone)) + FEED_END
    findings = lint(data, alarms_allowed=feed.optional, max_bytes=None)
    if findings:
        raise feed_refusal(file, findings)
    return data


def _calendar(record: Record) -> dict[str, Any]:
    """The ``calendar`` object as published before."""
    r = record
    return calendar_json(
        calendar_id=r.calendar_id,
        name=r.name,
        product=r.product,
        description=r.description,
        timezone=r.timezone,
        base_url=r.base_url,
        portal_url=r.portal_url,
        revised=r.revised,
        horizon=r.horizon,
        feeds_from=r.feeds_from,
        refresh_hours=r.refresh_hours,
        atom=r.base_url + files_named(r.calendar_id, r.feeds).atom,
        ledger=r.ledger,
        notices=r.notices,
    )


def _feed(record: Record, feed: Feed) -> dict[str, Any]:
    file = feed.filename(record.calendar_id)
    return feed_json(feed, file, feed_title(record, feed), record.base_url + file)


def render_record(retired: Retired) -> bytes:
    """The retired calendar's ``<id>.json``: the calendar and feeds as published, no
    session, no event, and its history, the retirement first."""
    record = retired.record
    document = {
        "$schema": f"{record.base_url}{CALENDAR_SCHEMA}",
        "format": FORMAT_VERSION,
        "calendar": _calendar(record),
        "feeds": [_feed(record, feed) for feed in record.feeds],
        "sessions": [],
        "events": [],
        "history": [history_json(index, entry) for index, entry in enumerate(retired.history)],
    }
    return dump_bytes(document) + b"\n"


def render_retired(retired: Retired) -> dict[str, bytes]:
    """Every file of a retired calendar, by file name: the files it published."""
    from vaxical.render.site import render_retired_page  # Jinja2 only here

    record = retired.record
    names = files_named(record.calendar_id, record.feeds)
    base = record.base_url
    files = {feed.filename(record.calendar_id): render_feed(record, feed) for feed in record.feeds}
    files[names.json] = render_record(retired)
    files[names.csv], files[names.spreadsheet] = render_empty()
    source = Source(record.name, record.description, base, base + names.atom, base + names.page)
    files[names.atom] = render_log(source, retired.history, updated=record.revised)
    view = {"name": record.name, "list": base}
    check_texts(view, "calendar")
    files[names.page] = render_retired_page(view).encode("utf-8")
    return files
