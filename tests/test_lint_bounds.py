"""The linter on hostile files: work and memory in proportion to the file, findings
capped, no traceback, and a clear message (exit 2) for a file it cannot read. Work is
counted in lines of the linter's Python run (:func:`_within`), never timed: a test must
not depend on the machine's speed (timings are the benchmark's, `make bench`)."""

from __future__ import annotations

import os
import sys
import tracemalloc
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise, product
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vaxical import bounded
from vaxical import lint as lint_package
from vaxical.cli import EXIT_BAD_INPUT, main
from vaxical.lint import MAX_PER_RULE, RULES, Finding, lint
from vaxical.lint.lines import MAX_DEPTH, parse
from vaxical.lint.octets import (
    BOM,
    CRLF,
    Lines,
    _matched_lines,
    _one_ending,
    _split_lines,
    suspect_folds,
)
from vaxical.lint.vtimezone import MAX_ZONES_COMPARED
from vaxical.schedule import zones as schedule_zones

from .test_lint import GOOD, _file

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "tests" / "examples").glob("*/expected/*.ics"))
SUMMARY_FAILED = "vaxical: 1 file, 19 rules: problems in 1 file.\n"
LINT_SOURCES = str(Path(lint_package.__file__).parent)


def _within(steps: int, data: bytes) -> tuple[Finding, ...]:
    """The findings of ``data``, failing as soon as the linter has run more than ``steps``
    lines of its Python: a count of work that no machine's speed changes, and that ends a
    quadratic loop at once rather than after minutes.

    Work done in C is not counted: a search, a split, a count, a strip or a regular
    expression is one line however long its text. That is fine today because what the
    linter asks of C is a linear pass over what it is given, or a few: a substring search
    (since Python 3.10, a bounded number of comparisons a character: a long needle goes
    to the two-way algorithm), a pattern that reads a run of characters without
    backtracking, an ``endswith`` at a place already known. A call that read its text
    many times over (a search again from each place found, a pattern that backtracks)
    would not show in the count: such a call needs a bound of its own."""
    ran = 0

    def count(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal ran
        if event == "line":
            ran += 1
            if ran > steps:
                raise AssertionError(f"the linter ran more than {steps:,} lines of Python")
        return count

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        return count if frame.f_code.co_filename.startswith(LINT_SOURCES) else None

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        return lint(data)
    finally:
        sys.settrace(previous)


def _peak(data: bytes) -> tuple[tuple[Finding, ...], int]:
    """The findings, and the most memory allocated at once while linting ``data`` (traced
    apart from any timing: tracing slows Python down several times)."""
    tracemalloc.start()
    try:
        findings = lint(data)
        return findings, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _seen(findings: tuple[Finding, ...]) -> list[tuple[int, int, str]]:
    return [(f.line, f.rule, f.message) for f in findings]


BARE = "the line ends with a bare LF or CR."
NOT_A_CALENDAR = "the file does not start with BEGIN:VCALENDAR."


def test_five_megabytes_of_bare_cr() -> None:
    # Before: 40 s and 731 MiB (every finding kept, then sorted). Now about 700 lines of
    # the linter's Python: the lines are split and counted in C.
    findings = _within(10_000, b"\r" * 5_000_000)
    traced, peak = _peak(b"\r" * 5_000_000)
    assert traced == findings
    assert _seen(findings) == [
        (1, 17, BARE),
        (1, 18, NOT_A_CALENDAR),
        *((line, 17, BARE) for line in range(2, 11)),
        (5_000_000, 17, "and 4,999,990 more like these."),
    ]
    assert peak < 2_000_000


def test_many_broken_lines_are_counted_not_kept() -> None:
    # Two problems on each of 50,000 lines: before, 100,000 findings were held (18 MiB).
    findings, peak = _peak(b"x\r" * 50_000)
    unreadable = "cannot read this content line: 'x'."
    assert _seen(findings) == [
        (1, 17, BARE),
        (1, 18, unreadable),
        (1, 18, NOT_A_CALENDAR),
        *(
            finding
            for line in range(2, 10)
            for finding in ((line, 17, BARE), (line, 18, unreadable))
        ),
        (10, 17, BARE),
        (50_000, 17, "and 49,990 more like these."),
        (50_000, 18, "and 49,991 more like these."),
    ]
    assert peak < 3_000_000


def test_forty_thousand_quoted_parameters() -> None:
    # Before: 16 s for this 240 KB line (each parameter split searched to the line's end).
    # Now about 18 lines of Python a parameter (725,000 in all): one pass.
    line = "X-PARAMS" + ';A="b"' * 40_000 + ':x"y'
    data = _file([*GOOD[:10], line, *GOOD[10:]])
    findings = _within(1_000_000, data)
    assert _seen(findings) == [(11, 17, "the line is 240,012 octets long.")]
    assert parse(11, line) == (11, "X-PARAMS", {"A": "b"}, 'x"y')


def test_a_list_of_fifty_thousand_times() -> None:
    # Rule 1 reads every item of a list: one pass, whatever the items are.
    line = "EXDATE:" + "20231005T160000Z," * 50_000 + "20231012T180000"
    data = _file([*GOOD[:40], line, *GOOD[40:]])
    findings = _within(10_000, data)  # about 3,500 lines: the items are read in C
    assert _seen(findings) == [
        (41, 1, f"EXDATE:{line[7:67]}… is floating time."),
        (41, 17, "the line is 850,022 octets long."),
    ]
    assert _peak(data)[1] < 4_000_000


def test_a_link_and_a_description_of_one_letter() -> None:
    # Rule 15 looked for the link again from each place it was found: 72 s for 0.94 MB
    # (a line of Python per place, 320,000 places here). The description is read once.
    lines = [
        {
            "DESCRIPTION:Voir https://example.org/a": "DESCRIPTION:" + "a" * 640_000,
            "URL:https://example.org/a": "URL:" + "a" * 320_000,
        }.get(line, line)
        for line in GOOD
    ]
    data = _file(lines)
    assert len(data) == 961_036
    assert _within(10_000, _file(GOOD)) == ()  # about 5,600 lines for its 1 KB
    findings = _within(10_000, data)
    assert _seen(findings) == [
        (42, 17, "the line is 640,012 octets long."),
        (43, 15, "Google ignores URL and the link is not in DESCRIPTION."),  # its prefix
        (43, 17, "the line is 320,004 octets long."),
    ]
    traced, peak = _peak(data)
    assert traced == findings
    assert peak < 3_000_000  # the description is held a few times over, no more


def test_a_description_of_many_words_that_end_with_the_link() -> None:
    # Rule 15 compares each word that ends with the link, and reads what is before it:
    # 7 lines of Python such a word (a word that does not end with it takes 5). With a
    # link of one letter, 50,000 of them in 0.15 MB: about 350,000 lines, one pass (a
    # search from each word to the next would be billions).
    lines = [
        {
            "DESCRIPTION:Voir https://example.org/a": "DESCRIPTION:" + "xa " * 50_000,
            "URL:https://example.org/a": "URL:a",
        }.get(line, line)
        for line in GOOD
    ]
    data = _file(lines)
    assert len(data) == 151_037
    findings = _within(400_000, data)
    assert _seen(findings) == [
        (42, 17, "the line is 150,012 octets long."),
        (43, 15, "Google ignores URL and the link is not in DESCRIPTION."),  # ends "xa"
    ]
    traced, peak = _peak(data)
    assert traced == findings
    assert peak < 3_000_000


def test_five_thousand_time_zones() -> None:
    # Rule 2 looks up a few zones of a file in the tz database, whose answers are kept
    # for the process: not one per VTIMEZONE of a file that has thousands.
    zones = [
        line
        for number in range(5_000)
        for line in (
            *("BEGIN:VTIMEZONE", f"TZID:Zone/Z{number}", "BEGIN:STANDARD"),
            *("DTSTART:19700101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100"),
            *("END:STANDARD", "END:VTIMEZONE"),
        )
    ]
    data = _file([*GOOD[:10], *zones, *GOOD[10:]])
    known = schedule_zones.known.cache_info().currsize
    findings = _within(2_500_000, data)  # about 42 lines of Python a line of the file
    assert schedule_zones.known.cache_info().currsize - known <= MAX_ZONES_COMPARED == 32
    assert findings == ()


def test_fifty_thousand_lines_after_the_calendar_are_counted_not_kept() -> None:
    # Rule 18 reports each line outside the VCALENDAR: ten are kept, the rest counted.
    outside = "X-NOTE comes after END:VCALENDAR, outside any calendar."
    findings, peak = _peak(_file([*GOOD, *(["X-NOTE:fin"] * 50_000)]))
    assert _seen(findings) == [
        *((line, 18, outside) for line in range(48, 58)),
        (50_047, 18, "and 49,990 more like these."),
    ]
    assert peak < 3_000_000


def test_a_colon_inside_a_quoted_parameter_does_not_end_the_name() -> None:
    parsed = parse(5, 'ATTENDEE;CN="Dr. A: B";ROLE=CHAIR:mailto:a@example.org')
    assert parsed == (5, "ATTENDEE", {"CN": "Dr. A: B", "ROLE": "CHAIR"}, "mailto:a@example.org")
    assert parse(5, 'X;A="unterminated:value') is None


@pytest.mark.parametrize("depth", [5_000, 20_000])
def test_nesting_of_any_depth_is_refused_with_one_finding(depth: int) -> None:
    # Before: RecursionError (exit 1) from 1,000 levels on.
    nested = ["BEGIN:X"] * depth + ["END:X"] * depth
    data = _file([*GOOD[:25], *nested, *GOOD[25:]])
    findings, peak = _peak(data)
    assert MAX_DEPTH == 20
    assert _seen(findings) == [(45, 18, "BEGIN:X is nested deeper than 20 components.")]
    assert peak < 2_000_000


def test_nesting_up_to_the_limit_is_read() -> None:
    nested = ["BEGIN:X"] * 19 + ["END:X"] * 19
    assert lint(_file([*GOOD[:25], *nested, *GOOD[25:]])) == ()


def test_a_value_quoted_in_a_message_is_cut() -> None:
    assert _seen(lint(_file(["END:" + "V" * 100_000, *GOOD]))) == [
        (1, 17, "the line is 100,004 octets long."),
        (1, 18, f"END:{'V' * 60}… does not close what was begun."),
    ]


# --- vaxical lint on files it cannot read -------------------------------------------------


def _lint_cli(capsys: pytest.CaptureFixture[str], *paths: Path) -> tuple[int, str, str]:
    code = main(["lint", *map(str, paths)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "vide.ics"
    empty.write_bytes(b"")
    assert _lint_cli(capsys, empty) == (
        EXIT_BAD_INPUT,
        f"{empty}:1: rule 18 (text and bytes): the file is empty (0 bytes). Fix: write an "
        "iCalendar file (BEGIN:VCALENDAR). See docs/calendar-clients.md#rule-18\n",
        SUMMARY_FAILED,
    )


def test_a_file_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin1 = tmp_path / "latin1.ics"
    latin1.write_bytes(_file(GOOD).replace(b"Portail ouvert", "Portail fermé".encode("latin-1")))
    assert _lint_cli(capsys, latin1) == (
        EXIT_BAD_INPUT,
        f"{latin1}:31: rule 18 (text and bytes): the line is not UTF-8 (byte 0xE9). Fix: save "
        "the file as UTF-8 (RFC 5545 §3.1.4). See docs/calendar-clients.md#rule-18\n",
        SUMMARY_FAILED,
    )


def test_files_that_cannot_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "absent.ics"
    assert _lint_cli(capsys, missing, tmp_path) == (
        EXIT_BAD_INPUT,
        "",
        f"{missing}: cannot be read (No such file or directory). Fix: name a readable .ics "
        f"file.\n{tmp_path}: cannot be read (Is a directory). Fix: name a readable .ics file.\n"
        "vaxical: 2 files, 19 rules: problems in 2 files.\n",
    )


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="pipes as /dev/fd/N are POSIX")
def test_a_pipe_is_read_and_a_device_is_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `cat feed.ics | vaxical lint /dev/stdin`: read as a file.
    reader, writer = os.pipe()
    os.write(writer, _file(GOOD))
    os.close(writer)
    try:
        assert _lint_cli(capsys, Path(f"/dev/fd/{reader}")) == (
            0,
            "",
            "vaxical: 1 file, 19 rules: no problem found.\n",
        )
    finally:
        os.close(reader)
    # A named pipe without a writer waited for one for ever: given up after a while.
    pipe = tmp_path / "pipe.ics"
    os.mkfifo(pipe)
    monkeypatch.setattr(bounded, "PIPE_SECONDS", 0)  # not a minute
    assert _lint_cli(capsys, pipe, Path("/dev/zero")) == (
        EXIT_BAD_INPUT,
        "",
        f"{pipe}: cannot be read (nothing came through the pipe in 0 s). Fix: name a readable "
        ".ics file.\n"
        "/dev/zero: is a device, not a file. Fix: name a .ics file.\n"
        "vaxical: 2 files, 19 rules: problems in 2 files.\n",
    )


def test_a_file_too_large_to_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint_package, "MAX_READ_BYTES", 1_000)  # /dev/zero, scaled down
    large = tmp_path / "large.ics"
    large.write_bytes(b"\0" * 1_001)
    assert _lint_cli(capsys, large) == (
        EXIT_BAD_INPUT,
        "",
        f"{large}: is over 1,000 bytes, not read. Fix: a feed should stay under 1,000,000 "
        f"bytes (docs/calendar-clients.md#rule-19).\n{SUMMARY_FAILED}",
    )


def test_a_clean_file_says_so_on_stderr_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "bon.ics"
    good.write_bytes(_file(GOOD))
    assert _lint_cli(capsys, good) == (0, "", "vaxical: 1 file, 19 rules: no problem found.\n")


# --- anything at all: no exception, bounded work and output --------------------------------

TOKENS = [
    b"\r",
    b"\n",
    b"\r\n",
    b"\r\n ",
    b" ",
    b'"',
    b";",
    b":",
    b",",
    b"=",
    b"\\",
    b"\xc3",
    b"\xa9",
    b"\xef\xbb\xbf",
    b"\0",
    b"BEGIN:VEVENT\r\n",
    b"END:VEVENT\r\n",
    b"BEGIN:VALARM\r\n",
    b"BEGIN:VTIMEZONE\r\n",
    b"END:VCALENDAR\r\n",
    b"TZID=Europe/Paris",
    b"DTSTART:20230101T000000\r\n",
    # What rule 2 reads of a zone, and compares with the tz database.
    b"TZID:Europe/Paris\r\n",
    b"BEGIN:DAYLIGHT\r\n",
    b"TZOFFSETTO:+0300\r\n",
    b"RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=3;UNTIL=1\r\n",
]


# What mutated_feeds starts from, read once rather than at each of its 300 draws.
SOURCES = [_file(GOOD), *(path.read_bytes()[:6_000] for path in SHIPPED[:3])]


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    """A shipped feed (or the linter tests' clean file) with a few bytes inserted, deleted
    or copied elsewhere."""
    data = bytearray(SOURCES[draw(st.integers(0, len(SOURCES) - 1))])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "random", "delete", "copy"]))
        if operation == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif operation == "random":
            data[at:at] = draw(st.binary(max_size=20))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        else:
            start = draw(st.integers(0, len(data)))
            data[at:at] = data[start : start + draw(st.integers(1, 300))]
    return bytes(data)


def _sound(data: bytes) -> None:
    """Findings sorted, within the file, capped by rule; and the work in proportion to
    the file (a feed takes about 3 lines of the linter's Python an octet)."""
    findings = _within(20_000 + 30 * len(data), data)
    assert list(findings) == sorted(set(findings))
    lines = data.count(b"\n") + data.count(b"\r") + 1
    for finding in findings:
        assert RULES[finding.rule].checked
        assert 1 <= finding.line <= lines
    for rule, count in Counter(f.rule for f in findings).items():
        assert count <= MAX_PER_RULE + 1, rule


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3_000))
def test_random_bytes(data: bytes) -> None:
    _sound(data)


@settings(max_examples=300, deadline=None)
@given(mutated_feeds())
def test_mutated_feeds(data: bytes) -> None:
    _sound(data)


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=24), st.integers(1_000, 20_000))
def test_repeated_fragments_cost_in_proportion(fragment: bytes, times: int) -> None:
    # Up to 480 KB of one fragment over and over: anything quadratic in a line, a value or
    # a run of lines would take minutes here.
    data = fragment * times
    _sound(data)


def _each_line(chunks: Iterable[Lines]) -> list[tuple[int, bytes, bytes, int]]:
    """The lines of the chunks a reader hands over, one by one."""
    return [
        (number, line, ending, repeat)
        for first, octets, ending, repeat in chunks
        for number, line in enumerate(octets, first)
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab: \t;é", min_size=1, max_size=12), max_size=12),
    st.sampled_from([CRLF, b"\n", b"\r"]),
    st.booleans(),
    st.booleans(),
    st.integers(2, 16),
)
def test_lines_split_in_chunks_are_the_lines_matched(
    texts: list[str], ending: bytes, ended: bool, bom: bool, chunk: int
) -> None:
    # Small chunks: lines that straddle a chunk's end, or are longer than a chunk.
    lines = ending.join(text.encode() for text in texts)
    data = (BOM if bom else b"") + lines + (ending if ended else b"")
    start = len(BOM) if bom else 0
    if not texts and ended:  # a blank line: read by the matching reader only
        assert _one_ending(data, start) is None
        return
    one = ending if texts[1:] or ended else CRLF  # one line and no ending: read as CRLF's
    assert _one_ending(data, start) == one
    split = _split_lines(data, start, one, chunk)
    assert _each_line(split) == _each_line(_matched_lines(data, start))


FOLDS = [b"a", b" b", b"\tc", b" ", b"x\\", b"\xc3", b" \xa9", b"\\"]
EVERY_PAIR = [line for pair in product(FOLDS, repeat=2) for line in pair]
"""Each of FOLDS after each, at an even and (with the next pair) at an odd index."""


@pytest.mark.parametrize("size", [1, 2, 3, 4, 1_024])
def test_suspect_folds_are_found_in_slices_of_lines(size: int) -> None:
    # Rule 17 looks only at these folds, found a slice of `size` lines at a time: a fold
    # at a slice's edge is found once.
    suspect = [
        index
        for index, (line, following) in enumerate(pairwise(EVERY_PAIR))
        if following[:1] in (b" ", b"\t") and (line[-1:] == b"\\" or line[-1:] >= b"\x80")
    ]
    assert len(suspect) == 2 * 4 * 4  # 4 lines that a fold can break, 4 folds; 2 places
    assert list(suspect_folds(EVERY_PAIR, size)) == suspect


@pytest.mark.parametrize(
    "data",
    [
        *(b"A\r\n\r\nB\r\n", b"\r\nA\r\n", b"A\nB\r\n", b"A\rB\r\n", b"A\r\r\n", b"A\r\n\r"),
        *(b"A\n\nB\n", b"\nA\n", b"A\r\rB\r", b"\rA\r", b"A\n\rB"),
    ],
)
def test_lines_with_other_endings_or_blank_lines_are_matched(data: bytes) -> None:
    assert _one_ending(data, 0) is None
