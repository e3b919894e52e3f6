"""Every file of a build, as bytes, from calendars ready to publish. Pure.

Nothing is written here: :mod:`vaxical.output` puts the whole set in place at once,
so a failure anywhere leaves the previous build untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, replace

from vaxical.errors import FeedError
from vaxical.history.changes import Change
from vaxical.history.retired import Retired
from vaxical.lint import Finding, lint
from vaxical.model import Definition, HistoryEntry, Notice
from vaxical.render.atom import render_atom
from vaxical.render.catalog import catalog_schema_bytes, render_catalog
from vaxical.render.csvdoc import render_both
from vaxical.render.headers import render_headers
from vaxical.render.ics import render_feed, serialize_events
from vaxical.render.jsondoc import render_json, schema_bytes
from vaxical.schedule.events import Event
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import (
    CALENDAR_SCHEMA,
    CATALOG,
    CATALOG_SCHEMA,
    HEADERS,
    INDEX,
    feeds_of,
    files_of,
)


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
    digest: str | None = None
    """The ledger's digest, which the JSON records (:attr:`Ledger.digest`)."""
    reissued: tuple[str, ...] = ()
    """With ``--previous``: published events sent again because this vaxical writes
    them differently (:func:`vaxical.history.guard.guard`)."""
    reworded: tuple[str, ...] = ()
    """With ``--previous``: published history entries this vaxical words differently."""
    dropped: tuple[str, ...] = ()
    """With ``--previous``: published events this vaxical no longer writes."""
    published_blocks: int | None = None
    """With ``--previous``, for a ledger: how many of its first blocks were published."""
    window_moved: tuple[dt.date | None, dt.date | None] | None = None
    """With ``--previous``, for a ledger, when the feeds' window moved past a session: the
    first session (its day) the feeds held as published and hold now (None: none)."""
    window_upgraded: bool = False
    """Whether ``window_moved`` is this vaxical's doing: the ledger's digest is the one
    published (or the user says so, --reissue). Otherwise [calendar] changed
    (``past_weeks``), which no block's events read."""
    appended: int = 0
    """With ``--previous``, for a ledger: how many blocks it has that the published build
    does not (the feeds' window follows the latest)."""


SAMPLE_PER_SHAPE = 4
"""Of each feed, the build lints the header and the first and last SAMPLE_PER_SHAPE
events of each shape (kind, all-day or timed, number of alarms): at most 48 events
however long the calendar, where linting every event cost a 100-year build a quarter of
its time. A feed is its header, its events' bytes spliced in, and END:VCALENDAR, and the
events of one shape are written by the same code from the same sentences: a renderer
bug shows in the sample. An event already linted in an earlier feed (its bytes are the
same in every feed) is not linted again. Text that one event alone carries (an
exception's reason) may fall outside the sample: `vaxical lint` and the tests read every
byte of every feed."""


def lint_sample(events: tuple[Event, ...], linted: Set[str] = frozenset()) -> tuple[Event, ...]:
    """The events of a feed that the build lints, in feed order. ``linted``: events whose
    bytes an earlier feed's sample held (the same bytes are spliced into every feed that
    has the event), left out but for the first of each shape, which keeps the feed's own
    structure (its VTIMEZONE, its alarms)."""
    shapes: dict[tuple[object, ...], list[Event]] = {}
    for event in events:
        shape = (event.kind, event.all_day, len(event.alarms))
        same = shapes.get(shape)
        if same is None:  # not setdefault: it would make a list for every event
            same = shapes[shape] = []
        same.append(event)
    chosen: set[str] = set()
    for same in shapes.values():
        chosen.add(same[0].uid)
        ends = [*same[:SAMPLE_PER_SHAPE], *same[-SAMPLE_PER_SHAPE:]]
        chosen.update(event.uid for event in ends if event.uid not in linted)
    return tuple(event for event in events if event.uid in chosen)


def _line_map(
    sample_feed: bytes,
    sample: tuple[Event, ...],
    events: tuple[Event, ...],
    serialized: Mapping[str, bytes],
) -> Callable[[int], int]:
    """Line numbers of a feed rendered from ``sample`` → those of the feed of ``events``,
    so that a finding points at the published file. Computed only when a sample fails."""
    if not sample:
        return int
    head = sample_feed[: sample_feed.index(serialized[sample[0].uid])].count(b"\r\n")
    line = head + 1
    starts: dict[str, int] = {}
    for event in events:
        starts[event.uid] = line
        line += serialized[event.uid].count(b"\r\n")
    # (first line in the sample feed, first line in the feed) of each sampled event, and
    # of the last line, END:VCALENDAR.
    bounds = []
    position = head + 1
    for event in sample:
        bounds.append((position, starts[event.uid]))
        position += serialized[event.uid].count(b"\r\n")
    bounds.append((position, line))

    def in_feed(number: int) -> int:
        if number <= head:
            return number
        first, real = max(bound for bound in bounds if bound[0] <= number)
        return real + number - first

    return in_feed


def feed_refusal(
    name: str, findings: Sequence[Finding], place: Callable[[int], int] = int
) -> FeedError:
    """The refusal of a feed that breaks a rule of docs/calendar-clients.md. Size (rule 19)
    is left to the caller to warn about: a long horizon is the publisher's choice."""
    details = "\n".join(
        replace(finding, line=place(finding.line)).format(name) for finding in findings
    )
    return FeedError(f"vaxical produced a feed that breaks client rules:\n{details}")


def render_calendar(calendar: Calendar, *, listed: bool) -> dict[str, bytes]:
    """The feeds, JSON, Atom change log and CSVs of one calendar, by file name. ``listed``:
    the build has several calendars (its ``index.html`` is their list, not this page)."""
    definition = calendar.definition
    # The JSON first, before any feed is held in memory: its encoding is the largest
    # transient of a long calendar, and peaks do not add up that way.
    names = files_of(definition)
    page = definition.base_url + (names.page if listed else "")
    files = {
        names.json: render_json(
            definition,
            calendar.sessions,
            calendar.events,
            calendar.history,
            calendar.sources,
            ledger=calendar.digest,
        ),
        names.atom: render_atom(definition, calendar.history, page=page),
    }
    files[names.csv], files[names.spreadsheet] = render_both(definition, calendar.sessions)
    files.update(render_feeds(calendar))
    return files


def render_feeds(calendar: Calendar) -> dict[str, bytes]:
    """The .ics feeds of one calendar, by file name, each feed's header and a bounded
    sample of its events linted (:data:`SAMPLE_PER_SHAPE`)."""
    definition = calendar.definition
    files: dict[str, bytes] = {}
    serialized = serialize_events(definition, calendar.feed_events)
    linted: set[str] = set()
    for feed in feeds_of(definition):
        name = feed.filename(definition.id)
        events = feed.select(calendar.feed_events)
        data = render_feed(definition, feed, events, serialized)
        sample = lint_sample(events, linted)
        linted.update(event.uid for event in sample)
        # The sample is rendered as a feed of its own, by the same function: a header
        # that breaks a rule breaks it there too.
        checked = data if sample == events else render_feed(definition, feed, sample, serialized)
        findings = lint(checked, alarms_allowed=feed.optional, max_bytes=None)
        if findings:
            place = int if checked is data else _line_map(checked, sample, events, serialized)
            raise feed_refusal(name, findings, place)
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
    "timezone",
)


@dataclass(frozen=True, slots=True)
class Rendered:
    """One calendar's own files (page, feeds, JSON, Atom, CSV) and what the list of
    several calendars shows of it: what a rebuild can keep when the calendar is unchanged."""

    definition: Definition
    files: Mapping[str, bytes]
    summary: Mapping[str, object]
    """The :data:`LIST_FIELDS` of its page's values."""
    listed: bool
    """Rendered for a build of several calendars: its page links back to their list."""


def render_own(calendar: Calendar, *, listed: bool) -> Rendered:
    """Every file of one calendar, by file name. ``listed``: the build has several
    calendars, whose list is ``index.html``."""
    from vaxical.render.site import calendar_view, render_page  # Jinja2 only here

    c = calendar
    # The page first, while no feed is held in memory yet: its rendering is the other
    # large transient (45 MiB for a 100-year calendar), and peaks do not add up that way.
    view = calendar_view(c.definition, c.sessions, c.events, c.history, c.printed)
    files = {files_of(c.definition).page: render_page(view, listed=listed).encode("utf-8")}
    # The list needs only a few fields of each view: keep no more of a page's values.
    summary = {key: view[key] for key in LIST_FIELDS}
    del view
    files.update(render_calendar(calendar, listed=listed))
    return Rendered(c.definition, files, summary, listed)


def assemble(rendered: Sequence[Rendered], retired: Sequence[Retired] = ()) -> dict[str, bytes]:
    """Every output file of a build, by file name, from each calendar's own files (sorted
    by id): they, the files of the calendars it keeps retired (``retired``: their feeds
    stay online without events, :mod:`vaxical.render.retired`), and the files about all
    of them (index, catalog, schema, headers). The index lists only those published."""
    from vaxical.render.retired import render_retired
    from vaxical.render.site import render_list  # Jinja2 only here

    files: dict[str, bytes] = {}
    for one in rendered:
        files.update(one.files)
    records = sorted((gone.record for gone in retired), key=lambda record: record.calendar_id)
    for gone in retired:
        files.update(render_retired(gone))
    files[INDEX] = (
        files[files_of(rendered[0].definition).page]
        if len(rendered) == 1
        else render_list([dict(one.summary) for one in rendered]).encode("utf-8")
    )
    definitions = [one.definition for one in rendered]
    files[CATALOG] = render_catalog(definitions, records)
    files[CATALOG_SCHEMA] = catalog_schema_bytes()
    if rendered or retired:
        # One schema for every calendar's JSON, beside them: each document links to it.
        files[CALENDAR_SCHEMA] = schema_bytes()
    files[HEADERS] = render_headers(definitions, records)
    return dict(sorted(files.items()))


def render_files(
    calendars: Sequence[Calendar], retired: Sequence[Retired] = ()
) -> dict[str, bytes]:
    """Every output file of a build, by file name, from calendars sorted by id, and the
    calendars it keeps retired."""
    listed = len(calendars) > 1
    return assemble([render_own(calendar, listed=listed) for calendar in calendars], retired)
