"""The stages of a build, in order: load → expand and replay the history → render →
write. Each stage takes typed values and hands typed values on; only :func:`load`,
:func:`build` and :meth:`Builder.build` touch the disk (reading definitions, writing
through :mod:`vaxical.output`).

::

    schedules/*.toml ─ load ─▶ Ledger ─ calendar_of ─▶ Calendar ─ render_files ─▶ bytes ─ write
                                 (definition/)   (schedule/ + history/)      (render/)     (output)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vaxical.definition import load_all
from vaxical.definition.single import single_ledger
from vaxical.errors import UsageError
from vaxical.history.changes import facts, session_changes
from vaxical.history.revisions import publish, with_updates
from vaxical.model import Definition, Ledger
from vaxical.render.files import Calendar, Rendered, assemble, render_files, render_own
from vaxical.render.jsonrecords import event_content
from vaxical.schedule.events import Event

if TYPE_CHECKING:  # a build without --previous never reads a published one
    from vaxical.history.published import Snapshot
    from vaxical.history.retired import Retired


def load(
    paths: Sequence[Path], as_of: dt.date | None = None, option: str = "--as-of"
) -> tuple[Ledger, ...]:
    """The ledgers of ``paths``, each as it stood after its revisions dated on or before
    ``as_of`` when one is given (by ``option``, which the message names)."""
    ledgers = load_all(paths)
    if as_of is None:
        return ledgers
    found = []
    for ledger in ledgers:
        earlier = ledger.as_of(as_of)
        if earlier is None:
            first = ledger.revisions[0].day.isoformat()
            raise UsageError(
                f"{ledger.source}: no revision is dated on or before {as_of.isoformat()} "
                f"(the first is of {first}). Fix: give {option} {first} or later."
            )
        found.append(earlier)
    return tuple(found)


def _window(definition: Definition, events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Feeds keep the sessions from ``feeds_from`` on, so that a calendar that lives for
    years stays well under Google's 1 MB (docs/calendar-clients.md rule 19); the date
    follows from the ledger's latest revision or its horizon, never from the clock."""
    start = definition.feeds_from
    if start is None:
        return events
    return tuple(event for event in events if event.session >= start)


def _crossed(
    events: tuple[Event, ...], moved: tuple[dt.date | None, dt.date | None] | None
) -> tuple[dt.date | None, dt.date | None] | None:
    """The first session the feeds held as published and hold now (None: none), when
    ``moved`` (the feeds' window, as published and now) passes a session of ``events``,
    whose events the feeds gain or lose; else None. The sessions, not the window's days:
    a window from a Tuesday leaves out the session of the Monday before, which a note
    that said « from » that Tuesday made a publisher read as kept."""
    if moved is None:
        return None
    low, high = sorted(day or dt.date.min for day in moved)
    sessions = sorted({event.session for event in events})
    if not any(low <= session < high for session in sessions):
        return None
    before, now = (
        next((session for session in sessions if session >= (day or dt.date.min)), None)
        for day in moved
    )
    return before, now


def calendar_of(
    source: Ledger | Definition, previous: Snapshot | None = None, *, reissue: bool = False
) -> Calendar:
    """Expand and replay one calendar. ``previous``: what is online; for a ledger it is
    a guard, for a single-revision definition edited in place it carries SEQUENCE on.
    ``reissue``: the user's word that a published build without the ledger's digest was
    made from these blocks (history/guard.py)."""
    ledger = source if isinstance(source, Ledger) else single_ledger(source)
    published = publish(ledger)
    definition, sessions = published.definition, published.sessions
    events, changes, history = published.events, published.changes, published.history
    reissued: tuple[str, ...] = ()
    reworded: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    published_blocks: int | None = None
    if previous is not None and ledger.legacy:
        from vaxical.history.legacy import revise

        events = revise(events, previous, definition, line=ledger.revisions[0].line)
        now = [facts(session, definition.timezone) for session in sessions]
        changes = session_changes(definition.id, previous.sessions, now)
        history = with_updates(history, definition, previous.updates, changes)
    elif previous is not None:
        from vaxical.history.guard import guard

        continued = guard(ledger, events, history, previous, reissue=reissue)
        events, reissued, reworded = continued.events, continued.reissued, continued.reworded
        dropped, published_blocks = continued.dropped, continued.published
    window_moved = None
    if previous is not None and published_blocks is not None:
        window_moved = _crossed(events, previous.window_moved(definition.feeds_from))
    upgraded = previous is not None and (reissue or previous.ledger == ledger.digest)
    window = _window(definition, events)
    return Calendar(
        definition=definition,
        sessions=sessions,
        events=events,
        feed_events=window,
        changes=changes,
        history=history,
        sources=published.sources,
        printed=published.printed,
        digest=ledger.digest,
        reissued=reissued,
        reworded=reworded,
        dropped=dropped,
        published_blocks=published_blocks,
        window_moved=window_moved,
        window_upgraded=upgraded,
        appended=0 if published_blocks is None else len(ledger.revisions) - published_blocks,
    )


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a build renders. A build makes hundreds of
    thousands of small objects and keeps most of them to the end, which the collector
    scans again and again: it took 16% of a 100-year build (29% of its time with the
    pause, same peak memory). Reference counting still frees everything the build drops;
    what cycles it leaves (a few hundred objects) are collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def calendars_of(
    sources: Sequence[Ledger | Definition],
    previous: Mapping[str, Snapshot] | None = None,
    *,
    reissue: bool = False,
) -> tuple[Calendar, ...]:
    """Every calendar replayed, sorted by id here, not by the caller: the pages must not
    depend on argument order. ``previous``: the published build, by calendar id."""
    online = previous or {}
    ordered = sorted(sources, key=lambda source: source.id)
    return tuple(calendar_of(source, online.get(source.id), reissue=reissue) for source in ordered)


def render_all(
    sources: Sequence[Ledger | Definition], previous: Mapping[str, Snapshot] | None = None
) -> dict[str, bytes]:
    """Every output file of a build, by file name; ``previous``: the published build."""
    with _no_cycle_collection():
        return render_files(calendars_of(sources, previous))


def snapshot_of(source: Ledger | Definition) -> Snapshot:
    """The calendar as a build would publish it, as the typed record a published build
    reads back into (for ``vaxical diff`` against a definition)."""
    from vaxical.history.published import PublishedEvent, Snapshot

    calendar = calendar_of(source)
    definition = calendar.definition
    return Snapshot(
        calendar_id=definition.id,
        events={
            event.uid: PublishedEvent(
                sequence=event.sequence,
                modified=event.stamp(definition.revised),
                content=event_content(event),
            )
            for event in calendar.events
        },
        sessions=tuple(facts(session, definition.timezone) for session in calendar.sessions),
        history=calendar.history,
        timezone=definition.timezone,
    )


@dataclass(frozen=True, slots=True)
class Built:
    """What a build wrote, and the calendars it wrote them from (for its warnings)."""

    files: dict[str, bytes]
    calendars: tuple[Calendar, ...]
    ledgers: tuple[Ledger, ...] = ()
    """What the calendars were replayed from (for the warnings about a ledger's blocks)."""
    unpublished: tuple[str, ...] = ()
    """With ``--previous``: the ids of the calendars it does not hold (built as first
    publications, with nothing to check them against)."""
    retired: tuple[str, ...] = ()
    """The calendars it retired (``--retire``): their feeds stay online, without events."""


def build(
    paths: Sequence[Path],
    out: Path,
    *,
    as_of: dt.date | None = None,
    previous: Path | None = None,
    reissue: bool = False,
    retire: Sequence[str] = (),
    sources: Sequence[Path] = (),
) -> Built:
    """The whole build: check the output folder, load, replay, render, and put the files
    in place at once. ``sources``: folders of definitions, which an output never is in.
    ``reissue``: see :func:`calendar_of`. ``retire``: ids of published calendars this
    build stops publishing on purpose (any other it does not write is refused)."""
    from vaxical.output import write_build
    from vaxical.target import check_target

    check_target(out, paths, sources)  # before any work: said at once
    ledgers = load(paths, as_of)
    online = None
    retired: tuple[Retired, ...] = ()
    if previous is not None:
        from vaxical.history.folder import load_build

        online = load_build(previous, (ledger.id for ledger in ledgers), retire)
        from vaxical.history.site import refuse_cut_before, refuse_unwritten, retired_of

        refuse_unwritten(ledgers, online, previous, retire)
        if as_of is not None:
            refuse_cut_before(as_of, ledgers, online, previous)
        retired = retired_of(ledgers, online, retire)
    with _no_cycle_collection():
        calendars = calendars_of(ledgers, online, reissue=reissue)
        files = render_files(calendars, retired)
    write_build(out, files, paths, sources)
    unpublished = (
        ()
        if online is None
        else tuple(c.definition.id for c in calendars if c.definition.id not in online)
    )
    newly = tuple(sorted({i for i in retire if online is not None and not online[i].retired}))
    return Built(files, calendars, ledgers, unpublished, newly)


class Builder:
    """Builds the same definitions again and again (``vaxical serve``), re-rendering only
    what changed: each calendar's own files are kept, keyed by its ledger (a frozen value:
    equal ledgers give equal files), and a rebuild replays and renders only the calendars
    whose ledger differs; the files about all calendars (index, catalog, headers) are
    assembled anew. The bytes are a full build's (tests/test_builder.py)."""

    def __init__(self) -> None:
        self._rendered: dict[Ledger, Rendered] = {}
        self._templates: object = None
        self.rendered_last = 0
        """How many calendars the last build rendered (the others were kept)."""

    def render(self, ledgers: Sequence[Ledger], *, templates: object = None) -> dict[str, bytes]:
        """Every output file, as :func:`render_all` gives them. ``templates``: anything
        that changes when the page templates do (then every page is rendered again)."""
        if templates != self._templates:
            self._rendered.clear()
            self._templates = templates
        kept: dict[Ledger, Rendered] = {}
        self.rendered_last = 0
        listed = len(ledgers) > 1
        for ledger in sorted(ledgers, key=lambda ledger: ledger.id):
            rendered = self._rendered.get(ledger)
            # A calendar joined by a second one, or left alone, links to the list or not.
            if rendered is None or rendered.listed != listed:
                with _no_cycle_collection():
                    rendered = render_own(calendar_of(ledger), listed=listed)
                self.rendered_last += 1
            kept[ledger] = rendered
        self._rendered = kept  # a calendar no longer built is forgotten
        return assemble(list(kept.values()))

    @property
    def ledgers(self) -> tuple[Ledger, ...]:
        """The ledgers of the last build, by id."""
        return tuple(self._rendered)

    @property
    def definitions(self) -> tuple[Definition, ...]:
        """The calendars of the last build, by id."""
        return tuple(rendered.definition for rendered in self._rendered.values())

    def build(
        self,
        paths: Sequence[Path],
        out: Path,
        *,
        sources: Sequence[Path] = (),
        templates: object = None,
    ) -> dict[str, bytes]:
        """Load, render what changed, and put the files in place at once (as :func:`build`)."""
        from vaxical.output import write_build
        from vaxical.target import check_target

        check_target(out, paths, sources)  # before any work: said at once
        files = self.render(load(paths), templates=templates)
        write_build(out, files, paths, sources)
        return files
