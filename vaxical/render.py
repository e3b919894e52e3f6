"""Every file of a build, as bytes, from validated definitions. Pure.

Nothing is written here: :mod:`vaxical.output` puts the whole set in place at once,
so a failure anywhere leaves the previous build untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vaxical.errors import FeedError
from vaxical.events import Event, build_events
from vaxical.expand import Session, expand
from vaxical.feeds import feeds_of
from vaxical.ics import render_feed
from vaxical.jsondoc import render_json
from vaxical.lint import lint
from vaxical.model import Definition


@dataclass(frozen=True, slots=True)
class Calendar:
    """One definition with its expansion: what every renderer needs."""

    definition: Definition
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]


def prepare(definition: Definition) -> Calendar:
    sessions = expand(definition)
    return Calendar(definition, sessions, build_events(definition, sessions))


def _checked(name: str, data: bytes, *, alarms_allowed: bool) -> bytes:
    """Refuse to publish a feed that breaks a rule of calendar-clients.md. Size (rule 19)
    is left to the caller to warn about: a long horizon is the publisher's choice."""
    findings = lint(data, alarms_allowed=alarms_allowed, max_bytes=None)
    if findings:
        details = "\n".join(finding.format(name) for finding in findings)
        raise FeedError(f"vaxical produced a feed that breaks client rules:\n{details}")
    return data


def render_calendar(calendar: Calendar) -> dict[str, bytes]:
    """The feeds and JSON of one calendar, by file name, each feed linted."""
    definition = calendar.definition
    files = {}
    for feed in feeds_of(definition):
        name = feed.filename(definition.id)
        data = render_feed(definition, feed, feed.select(calendar.events))
        files[name] = _checked(name, data, alarms_allowed=feed.optional)
    files[f"{definition.id}.json"] = render_json(definition, calendar.sessions, calendar.events)
    return files


def render_all(definitions: Sequence[Definition]) -> dict[str, bytes]:
    """Every output file of a build, by file name."""
    from vaxical.site import calendar_view, render_index  # Jinja2 only where HTML is made

    # Sorted here, not by the caller: the page must not depend on argument order.
    ordered = sorted(definitions, key=lambda definition: definition.id)
    calendars = [prepare(definition) for definition in ordered]
    files: dict[str, bytes] = {}
    for calendar in calendars:
        files.update(render_calendar(calendar))
    views = [calendar_view(c.definition, c.sessions, c.events) for c in calendars]
    files["index.html"] = render_index(views).encode("utf-8")
    return dict(sorted(files.items()))
