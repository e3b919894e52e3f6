"""The schedule definition as typed, frozen values. No I/O here.

A definition is read once by :mod:`vaxical.definition` and never changes afterwards;
everything downstream (expansion, rendering) is a pure function of these values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaxical.rules import Period, Reminder, Rules, Ruling, SessionException

DEFAULT_REFRESH_HOURS = 6
"""How often, in hours, a calendar asks clients to poll when its definition does not say."""
REFRESH_HOURS = (1, 168)
"""The fewest and most hours ``refresh_hours`` may say: from hourly to weekly. The
definition's reader, a published record's and the JSON Schema's ``minimum`` and
``maximum`` (tests/test_json_schema.py) hold to them."""
CORRECTION_KEY = "correction-"
"""How the history key of a correction block starts (a notice's starts with "notice-"):
published in the JSON and the Atom ids, so read back from a published build too."""


@dataclass(frozen=True, slots=True)
class Notice:
    """An official notice the rules come from (for instance a DGS-Urgent)."""

    reference: str
    """How the notice names itself: ``DGS-Urgent N°2023-11``."""
    date: dt.date
    title: str
    url: str
    summary: str
    """What the notice changed, in one or two sentences for the "Actualités" box."""
    correction: bool = False
    """Made from a ledger's correction block: the publisher's, not an official notice."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a calendar's change log (the "Actualités" box and the Atom feed)."""

    key: str
    """Stable identity: the Atom entry id derives from it (definition/notice.py)."""
    date: dt.datetime  # UTC
    title: str
    summary: str
    changes: tuple[str, ...]
    url: str

    @property
    def correction(self) -> bool:
        """Whether a correction block made it: its title is the summary's first line."""
        return self.key.startswith(CORRECTION_KEY)


@dataclass(frozen=True, slots=True)
class Definition:
    """One calendar as it stands after one revision of its ledger: its identity and the
    rules in force, session by session. Everything downstream is a pure function of it."""

    source: str
    """The file it was read from, as the user named it (for messages)."""
    id: str
    """Stable identifier: file names, URLs and UIDs derive from it. Never changes once published."""
    name: str
    product: str
    """What is ordered, as it reads inside a sentence: ``vaccins Covid-19``."""
    description: str
    timezone: str
    base_url: str
    """Public https URL of the published folder, ending with ``/``."""
    portal_url: str
    revised: dt.datetime
    """When the rules last changed (UTC): the date of this revision."""
    horizon: dt.date
    """The last day on which a session may start; open-ended periods stop there."""
    rulings: tuple[Ruling, ...]
    """The rules session by session: each in force from its ``start`` up to the next's
    (the first also governs anything earlier). Never empty."""
    periods: tuple[Period, ...]
    """In chronological order, not overlapping."""
    exceptions: tuple[SessionException, ...]
    """Sorted by target session."""
    notices: tuple[Notice, ...]
    """Newest first."""
    refresh_hours: int
    """How often clients should poll (REFRESH-INTERVAL, X-PUBLISHED-TTL, Cache-Control):
    :data:`DEFAULT_REFRESH_HOURS` unless the definition says."""
    reminders: tuple[Reminder, ...]
    """Alarms of ``<id>-rappels.ics``; empty: no reminders feed (alarms stay out of the
    main feeds, docs/calendar-clients.md rule 16)."""
    feeds_from: dt.date | None = None
    """Sessions that start before this day stay in the JSON and on the page but leave the
    feeds, which must stay well under Google's 1 MB (rule 19). ``None``: every session."""

    def __hash__(self) -> int:
        # Equal definitions agree on all of these, so this agrees with the generated
        # ``__eq__``. Hashing every field walked each exception and notice in Python: a
        # ledger's states hold up to one of each per revision (261 states of a five-year
        # ledger took 32 ms to hash), and each state is hashed at every lookup of the
        # expansions and renderings remembered by definition.
        return hash(
            (
                self.id,
                self.revised,
                self.horizon,
                self.rulings,
                self.periods,
                len(self.exceptions),
                self.exceptions[-1:],
                len(self.notices),
                self.notices[:1],
            )
        )

    def rules_at(self, day: dt.date) -> Rules:
        """The rules that govern the session whose nominal first day is ``day``."""
        found = self.rulings[0].rules
        for ruling in self.rulings:
            if ruling.start > day:
                break
            found = ruling.rules
        return found

    @property
    def rules(self) -> Rules:
        """The rules in force for the latest sessions (what the page states first)."""
        return self.rulings[-1].rules

    @property
    def latest_notice(self) -> Notice:
        """The latest official notice: a correction block's is the publisher's own and is
        passed over (the calendar's Source line cites the notice the rules come from)."""
        return next((notice for notice in self.notices if not notice.correction), self.notices[0])

    @property
    def suspended_from(self) -> dt.date | None:
        """The session from which the portal is closed until further notice, if it is."""
        last = self.periods[-1]
        return last.start if last.suspended else None


@dataclass(frozen=True, slots=True)
class Revision:
    """One block of a ledger: a notice (or a correction) and what it changed."""

    number: int
    """1 for the first block, as a person counts."""
    date: dt.datetime
    """When it was published (UTC): DTSTAMP and LAST-MODIFIED of what it changed."""
    day: dt.date
    """Its day in the calendar's zone (:func:`vaxical.schedule.zones.local_day`), the day
    its notice, ``check`` and the page say: what ``--as-of`` compares. A block dated
    00:30 in Paris is of that day, though its UTC date is the day before."""
    notice: Notice
    """The notice it states; for a correction without a notice, one made from its reason."""
    correction: bool
    """A block that corrects the calendar without a notice."""
    key: str
    """Stable identity of its history entry (the Atom entry id derives from it)."""
    line: int | None = None
    """For messages: the line of its ``[[revisions]]`` header in the ledger; in the
    single-revision format, the line of ``revised``."""
    digest: str = ""
    """SHA-256 of the ledger as this block leaves it, read as data (comments and layout
    aside): what every block reads, this block and the blocks before it."""


@dataclass(frozen=True, slots=True)
class Ledger:
    """A calendar across its whole life: the state after each revision, oldest first."""

    source: str
    revisions: tuple[Revision, ...]
    states: tuple[Definition, ...]
    """``states[i]`` is the calendar as revision ``i + 1`` left it."""
    legacy: bool = False
    """Read from a single-revision definition (the format before ledgers): its history is
    one entry per source notice, as that format published it."""

    @property
    def digest(self) -> str | None:
        """What the ledger says in one SHA-256 (its last revision's); None for the
        single-revision format."""
        return None if self.legacy else self.revisions[-1].digest

    @property
    def id(self) -> str:
        return self.states[-1].id

    @property
    def current(self) -> Definition:
        return self.states[-1]

    def as_of(self, day: dt.date) -> Ledger | None:
        """The ledger as it stood after the revisions dated on or before ``day``, each by
        its day in the calendar's zone (:attr:`Revision.day`)."""
        count = sum(1 for revision in self.revisions if revision.day <= day)
        if count == 0:
            return None
        return Ledger(self.source, self.revisions[:count], self.states[:count], self.legacy)
