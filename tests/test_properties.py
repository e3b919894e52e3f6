"""Property-based tests: generated definitions, valid and invalid.

Valid ones must give a sound schedule; anything at all must give either a schedule or
a clean DefinitionError, never a traceback (an internal error, exit status 1).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st
from icalendar import Calendar

from vaxical.cli import EXIT_BAD_INPUT, EXIT_OK, main
from vaxical.definition import load, loads
from vaxical.errors import DefinitionError
from vaxical.model import Definition
from vaxical.pipeline import calendar_of
from vaxical.render.files import render_feeds
from vaxical.rules import Period
from vaxical.schedule.events import Kind, build_events
from vaxical.schedule.expand import expand, session_slots

from .conftest import LEDGER_2023, SEED_DEFINITION, seed_files
from .icaljs import IcalJs
from .strategies import UNICODE

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ZONES = (
    "Europe/Paris",
    "America/Martinique",
    "America/Cayenne",
    "Indian/Reunion",
    "Indian/Mayotte",
    "Europe/Berlin",
)
FIRST_MONDAY = dt.date(2023, 1, 2)

# Strategies made once, not at each draw: each st.integers(...) call looked its strategy
# up in Hypothesis's cache, and each st.sampled_from([...]) or st.one_of(...) of a draw
# made a new one, which Hypothesis validated at its first draw. The same strategies,
# hence the same examples.
_integers = functools.cache(st.integers)
_BOOLEANS = st.booleans()
_EXCEPTION_KINDS = {True: st.sampled_from(("close", "move", "delivery")), False: st.just("open")}
_REASONS = st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30)
_ZONES = st.sampled_from(ZONES)
_CONFIRMATION_TIMES = st.sampled_from(("09:00:00", "18:00:00", "23:30:00"))
_SESSION_POLICIES = st.sampled_from(("keep", "close"))
_DELIVERY_POLICIES = st.sampled_from(("keep", "next-working-day"))


@st.composite
def definitions(draw: st.DrawFn) -> str:
    """A definition's TOML text, built to be valid most of the time."""
    length = draw(_integers(1, 3))
    weekday = draw(_integers(0, 6))
    days = ", ".join(f'"{DAY_NAMES[(weekday + i) % 7]}"' for i in range(length))
    start = FIRST_MONDAY + dt.timedelta(days=weekday + 7 * draw(_integers(0, 150)))
    periods: list[Period] = []
    texts: list[str] = []
    count = draw(_integers(1, 3))
    for index in range(count):
        weeks = draw(_integers(1, 30))
        open_ended = index == count - 1 and draw(_BOOLEANS)
        end = None if open_ended else start + dt.timedelta(days=7 * weeks - 1)
        if draw(_BOOLEANS):
            every = draw(_integers(1, 4))
            cadence, rule = f"every_weeks = {every}", None
        else:
            every = 1
            rule = f"FREQ=WEEKLY;INTERVAL={draw(_integers(1, 3))};BYDAY={BYDAY[weekday]}"
            cadence = f'rrule = "{rule}"'
        periods.append(Period(start, end, every, rule))
        texts.append(
            f"[[periods]]\nstart = {start}\n" + (f"end = {end}\n" if end else "") + f"{cadence}\n"
        )
        start += dt.timedelta(days=7 * (weeks + draw(_integers(0, 3))))
    last_end = periods[-1].end or periods[-1].start + dt.timedelta(days=7 * draw(_integers(0, 40)))
    horizon = last_end + dt.timedelta(days=draw(_integers(-3, 10)))
    slots = list(session_slots(periods, horizon))
    exceptions = []
    for target in draw(
        st.lists(st.sampled_from(slots), max_size=4, unique=True) if slots else st.just([])
    ):
        day, is_open = target
        kind = draw(_EXCEPTION_KINDS[is_open])
        body = {
            "close": "close = true",
            "open": "open = true",
            "move": f"move_to = {day + dt.timedelta(days=draw(_integers(1, 3)))}",
            "delivery": f"delivery = [{day + dt.timedelta(days=length + draw(_integers(0, 5)))}, {day + dt.timedelta(days=length + 6 + draw(_integers(0, 3)))}]",
        }[kind]
        reason = draw(_REASONS)
        reason = reason.replace("\\", "\\\\").replace('"', '\\"')
        exceptions.append(f'[[exceptions]]\nsession = {day}\n{body}\nreason = "{reason} x"\n')
    first_day = length + draw(_integers(0, 10))
    return "\n".join(
        [
            "[calendar]",
            'id = "gen"',
            'name = "Généré"',
            'product = "vaccins"',
            'description = "Calendrier généré."',
            f'timezone = "{draw(_ZONES)}"',
            'base_url = "https://example.org/"',
            'portal_url = "https://example.org/portail"',
            "revised = 2023-01-01",
            f"horizon = {horizon}",
            "[sessions]",
            f"days = [{days}]",
            "[delivery]",
            f"first_day = {first_day}",
            f"last_day = {first_day + draw(_integers(0, 4))}",
            "[confirmation]",
            f"day = {length - 1 + draw(_integers(0, 5))}",
            f"time = {draw(_CONFIRMATION_TIMES)}",
            f"minutes = {draw(_integers(1, 120))}",
            "[appointments]",
            f"days_after_delivery = {draw(_integers(0, 3))}",
            "[holidays]",
            f'sessions = "{draw(_SESSION_POLICIES)}"',
            f'deliveries = "{draw(_DELIVERY_POLICIES)}"',
            "[[notices]]",
            'reference = "Avis N°1"',
            "date = 2023-01-01",
            'title = "Avis"',
            'url = "https://example.org/avis"',
            'summary = "Avis."',
            *texts,
            *exceptions,
        ]
    )


def _valid_or_none(text: str) -> Definition | None:
    try:
        return loads(text, "gen.toml").current
    except DefinitionError as error:
        # Invalid is fine here (the generator makes some): the error must be a clean one.
        problems = error.problems
    if not problems or any(problem.file != "gen.toml" for problem in problems):
        raise AssertionError(f"malformed DefinitionError: {problems}")
    return None


@pytest.fixture(scope="module")
def icaljs() -> Iterator[IcalJs]:
    reader = IcalJs()
    yield reader
    reader.close()


class Broken(NamedTuple):
    """One of the seed's feeds broken in one place, and what each reader says of it."""

    feed: str
    pattern: bytes
    replacement: bytes
    icalendar: str | None
    """python-icalendar's error; None: it reads the feed."""
    icaljs: str


# The reader of the property test below refuses every feed python-icalendar (its reader
# before) refuses, and more: icalendar keeps an event's malformed DTSTART;TZID.
BROKEN = [
    Broken(
        "vaccins-covid.ics",
        rb"\r\nDTSTART:[^\r]*",  # the first is the VTIMEZONE's
        rb"\r\nDTSTART:notadate",
        "Wrong date format notadate",
        'invalid date-time value: "nota-da-teT::"',
    ),
    Broken(
        "vaccins-covid.ics",
        rb"\r\nREFRESH-INTERVAL;VALUE=DURATION:[^\r]*",
        rb"\r\nREFRESH-INTERVAL;VALUE=DURATION:6h",
        "Expected datetime, date, or time. Got: '6h'",
        'Not enough duration components in "6h"',
    ),
    Broken(
        "vaccins-covid.ics",
        rb"\r\nTZOFFSETFROM:[^\r]*",
        rb"\r\nTZOFFSETFROM:+25xx",
        "Expected UTC offset, got: +25xx",
        'Could not extract integer from "xx"',
    ),
    Broken(
        "vaccins-covid.ics",
        rb"\r\nRRULE:[^\r]*",
        rb"\r\nRRULE:FREQ=SOMETIMES",
        "Expected frequency, got: SOMETIMES",
        'invalid frequency "SOMETIMES"',
    ),
    Broken(
        "vaccins-covid.ics",
        rb"\r\nEND:VEVENT\r\n",
        rb"\r\n",
        "Found no components where exactly one is required",
        "component began but did not end",
    ),
    Broken(
        "vaccins-covid-rappels.ics",
        rb"\r\nTRIGGER:[^\r]*",
        rb"\r\nTRIGGER:P9X",
        "Invalid iCalendar duration: P9X",
        'Not enough duration components in "9X"',
    ),
    Broken(
        "vaccins-covid.ics",
        rb"\r\nDTSTART;TZID=([^:]*):[^\r]*",
        rb"\r\nDTSTART;TZID=\1:notadate",
        None,
        'invalid date-time value: "nota-da-teT::"',
    ),
]


@pytest.mark.parametrize("case", BROKEN)
def test_the_reader_refuses_what_icalendar_refuses(icaljs: IcalJs, case: Broken) -> None:
    data = seed_files()[case.feed]
    assert [uid.encode() for uid in icaljs.uids(data)] == re.findall(rb"\r\nUID:([^\r]*)", data)
    broken, count = re.subn(case.pattern, case.replacement, data, count=1)
    assert count == 1
    if case.icalendar is None:
        assert Calendar.from_ical(broken).events
    else:
        with pytest.raises(ValueError, match=re.escape(case.icalendar)):
            Calendar.from_ical(broken)
    with pytest.raises(AssertionError, match=re.escape(case.icaljs)):
        icaljs.uids(broken)


@settings(max_examples=120, deadline=None)
@given(text=definitions())
def test_valid_definitions_give_a_sound_schedule(icaljs: IcalJs, text: str) -> None:
    note(text)
    definition = _valid_or_none(text)
    assume(definition is not None)
    assert definition is not None
    sessions = expand(definition)
    assert sessions
    firsts = [session.days.first for session in sessions]
    assert firsts == sorted(firsts)
    for session in sessions:
        assert session.nominal <= definition.horizon  # inside the horizon
        assert any(
            p.start <= session.nominal and (p.end is None or session.nominal <= p.end)
            for p in definition.periods
        )
        if session.order is not None:  # each delivery after its order
            assert session.order.delivery.first > session.days.last
            appointments = session.order.appointments
            assert appointments is not None
            assert appointments >= session.order.delivery.last
    # never on a closed day: no two sessions share a day
    taken = [day for session in sessions for day in session.days.days()]
    assert len(taken) == len(set(taken))
    events = build_events(definition, sessions)
    assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
    closed_days = {
        day
        for e in events
        if e.kind is Kind.SESSION_CLOSED
        for day in (e.start + dt.timedelta(days=i) for i in range((e.end - e.start).days))  # type: ignore[operator]
    }
    assert not any(e.kind is Kind.SESSION_OPEN and e.start in closed_days for e in events)
    # UIDs: unique in every feed, and one UID means one event across feeds: the same
    # bytes wherever it appears. (The feeds alone: the page is the browser tests' job.)
    feeds = render_feeds(calendar_of(definition))
    blocks: dict[bytes, bytes] = {}
    for name, data in feeds.items():
        found = re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, re.DOTALL)
        uids = [_uid(block) for block in found]
        assert len(uids) == len(set(uids)), name
        for uid, block in zip(uids, found, strict=True):
            assert blocks.setdefault(uid, block) == block, (name, uid)
        # An independent parser, ical.js (Thunderbird's), reads the same events: the
        # combined and reminders feeds hold every event; the others are byte-identical
        # subsets, checked above. (python-icalendar read them before, at ten times the
        # cost: 5 of this test's 7 s. It stays the oracle of test_serializer's generated
        # feeds, byte for byte.)
        if not any(name.endswith(f"{suffix}.ics") for suffix in SUBSETS):
            parsed = [uid.encode() for uid in icaljs.uids(data)]
            assert parsed == uids, name
    assert len(blocks) == len(events)


# Feeds whose every event stands, byte for byte, in the combined feed.
SUBSETS = ("-sessions", "-livraisons", "-confirmations", "-rendez-vous")


def _uid(block: bytes) -> bytes:
    found = re.search(rb"\r\nUID:([^\r]*)\r\n", block)
    assert found is not None
    return found.group(1)


SEED_LINES = SEED_DEFINITION.read_text(encoding="utf-8").splitlines()
# The shipped ledger: blocks that amend the first one, which a mistake may break.
LEDGER_LINES = LEDGER_2023.read_text(encoding="utf-8").splitlines()


# What a mistake does, and what it writes (strategies made once, as those above).
_EDITS = st.sampled_from(("delete", "duplicate", "value", "insert", "truncate"))
_VALUES = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.sampled_from(("true", "[]", '""', "2023-02-29", "1999-01-01", "{}", "9.5")),
    st.text(UNICODE, max_size=12).map(lambda t: '"' + t.replace("\\", "").replace('"', "") + '"'),
)
_LINES = st.text(UNICODE, max_size=20)


@st.composite
def mutated(draw: st.DrawFn, original: list[str]) -> str:
    """``original`` (a definition's lines) after a few of the edits people make by mistake."""
    lines = list(original)
    for _ in range(draw(_integers(1, 4))):
        index = draw(_integers(0, len(lines) - 1))
        edit = draw(_EDITS)
        if edit == "delete":
            del lines[index]
        elif edit == "duplicate":
            lines.insert(index, lines[index])
        elif edit == "value" and "=" in lines[index]:
            key = lines[index].split("=", 1)[0]
            lines[index] = f"{key}= {draw(_VALUES)}"
        elif edit == "insert":
            lines.insert(index, draw(_LINES))
        else:
            lines[index] = lines[index][: draw(_integers(0, len(lines[index])))]
        if not lines:
            lines.append("")
    return "\n".join(lines)


def _check_exit(content: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "def.toml"
        path.write_bytes(content)
        return main(["check", str(path)])


@settings(max_examples=200, deadline=None)
@given(mutated(SEED_LINES))
def test_mistyped_definitions_never_crash(text: str) -> None:
    note(text)
    assert _check_exit(text.encode("utf-8", "surrogatepass")) in {EXIT_OK, EXIT_BAD_INPUT}


@settings(max_examples=100, deadline=None)
@given(mutated(LEDGER_LINES))
def test_mistyped_ledgers_never_crash(text: str) -> None:
    """A mistake in one block of a ledger, the first included, is reported, never a crash
    (a broken first block crashed the blocks after it)."""
    note(text)
    assert _check_exit(text.encode("utf-8", "surrogatepass")) in {EXIT_OK, EXIT_BAD_INPUT}


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_never_crash(content: bytes) -> None:
    assert _check_exit(content) in {EXIT_OK, EXIT_BAD_INPUT}


def test_seed_is_valid_for_the_property_tests() -> None:
    # The mutation tests start from a valid definition.
    assert load(SEED_DEFINITION).id == "vaccins-covid"
