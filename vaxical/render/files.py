"""Every file of a build, as bytes, from calendars ready to publish. Pure.

Nothing is written here: :mod:`vaxical.output` puts the whole set in place at once,
so a failure anywhere leaves the previous build untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vaxical.errors import FeedError
from vaxical.history.changes import Change
from vaxical.lint import lint
from vaxical.model import Definition, HistoryEntry, Notice
from vaxical.render.atom import render_atom
from vaxical.render.catalog import CATALOG, render_catalog
from vaxical.render.csvdoc import render_csv
from vaxical.render.headers import render_headers
from vaxical.render.ics import render_feed, serialize_events
from vaxical.render.jsondoc import SCHEMA, render_json, schema_bytes
from vaxical.schedule.events import Event
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import feeds_of, files_of


@dataclass(frozen=True, slots=True)
class Calendar:
    """One calendar as its latest revision publishes it: what every renderer needs."""

    definition: Definition
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]
    """Every event, with SEQUENCE and last change (the JSON keeps them all)."""
    feed_events: tuple[Event, ...]
    """The events the feeds carry: those of sessions inside the feeds' window."""
    changes: tuple[Change, ...]
    """What the latest revision (or, with ``--previous``, the edit) changed."""
    history: tuple[HistoryEntry, ...]
    sources: Mapping[dt.date, Notice]
    """The notice that made each session what it is, by nominal day (the JSON's reasons)."""
    printed: Mapping[str, tuple[Session, ...]]
    """Each revision's sessions as it printed them, by history key (the page's news)."""


def _checked(name: str, data: bytes, *, alarms_allowed: bool) -> None:
    """Refuse to publish a feed that breaks a rule of docs/calendar-clients.md. Size (rule 19)
    is left to the caller to warn about: a long horizon is the publisher's choice."""
    findings = lint(data, alarms_allowed=alarms_allowed, max_bytes=None)
    if findings:
        details = "\n".join(finding.format(name) for finding in findings)
        raise FeedError(f"vaxical produced a feed that breaks client rules:\n{details}")


def render_calendar(calendar: Calendar) -> dict[str, bytes]:
    """The feeds and JSON of one calendar, by file name, each feed linted."""
    definition = calendar.definition
    # The JSON first, before any feed is held in memory: its encoding is the largest
    # transient of a long calendar, and peaks do not add up that way.
    names = files_of(definition)
    files = {
        names.json: render_json(
            definition, calendar.sessions, calendar.events, calendar.history, calendar.sources
        ),
        names.atom: render_atom(definition, calendar.history),
        names.csv: render_csv(definition, calendar.sessions),
    }
    serialized = serialize_events(definition, calendar.feed_events)
    linted: set[str] = set()
    for feed in feeds_of(definition):
        name = feed.filename(definition.id)
        events = feed.select(calendar.feed_events)
        data = render_feed(definition, feed, events, serialized)
        # An event's bytes are the same in every feed that holds it: lint them once, in
        # the first feed that has them. A feed whose events were all linted already is
        # checked as its own header and structure with one event of each kind.
        if all(event.uid in linted for event in events):
            sample = {(event.kind, event.all_day): event for event in reversed(events)}
            shape = tuple(sorted(sample.values(), key=lambda event: event.sort_key))
            _checked(
                name, render_feed(definition, feed, shape, serialized), alarms_allowed=feed.optional
            )
        else:
            _checked(name, data, alarms_allowed=feed.optional)
            linted.update(event.uid for event in events)
        files[name] = data
    return files


# What the list of several calendars shows of each.
LIST_FIELDS = (
    "id",
    "name",
    "description",
    "page",
    "period",
    "first_day",
    "last_day",
    "last_session",
    "suspended",
    "suspended_iso",
    "open_days",
)


def render_files(calendars: Sequence[Calendar]) -> dict[str, bytes]:
    """Every output file of a build, by file name, from calendars sorted by id."""
    from vaxical.render.site import calendar_view, render_list, render_page  # Jinja2 only here

    # The pages first, while no feed is held in memory yet: their rendering is the other
    # large transient (45 MiB for a 100-year calendar), and peaks do not add up that way.
    files: dict[str, bytes] = {}
    views = []
    for c in calendars:
        view = calendar_view(c.definition, c.sessions, c.events, c.history, c.printed)
        files[files_of(c.definition).page] = render_page(view).encode("utf-8")
        # The list needs only a few fields of each view: keep no more of a page's values.
        views.append({key: view[key] for key in LIST_FIELDS})
    files["index.html"] = (
        files[files_of(calendars[0].definition).page]
        if len(calendars) == 1
        else render_list(views).encode("utf-8")
    )
    del views
    for calendar in calendars:
        files.update(render_calendar(calendar))
    definitions = [calendar.definition for calendar in calendars]
    files[CATALOG] = render_catalog(definitions)
    if calendars:
        # One schema for every calendar's JSON, beside them: each document links to it.
        files[SCHEMA] = schema_bytes()
    files["_headers"] = render_headers(definitions)
    return dict(sorted(files.items()))
