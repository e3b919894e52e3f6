"""Octets → physical lines, the linter's first step, and what octets alone tell: a
byte-order mark, how lines end, and whether a fold cuts a UTF-8 character or an escape
(rule 17). Pure and streamed.

Lines are read lazily from the bytes, a chunk of them at a time when every line ends
alike (a run of blank lines as one item), so that the line checks and the unfolding in
``lines.py`` need no Python step for most of a feed's lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple, Protocol


class Report(Protocol):
    """Receives one problem: the line it is on, what is wrong, how to fix it; ``through``
    the last line of a run of lines that all have this same problem."""

    def __call__(self, line: int, message: str, fix: str, *, through: int = 0) -> None: ...


BOM = b"\xef\xbb\xbf"
# A run of blank lines with the same ending is read as one item: a file of nothing but
# line endings then costs one regular expression pass, not a Python step per line. Runs
# of CRLF are cut every 4,096 lines: a repeated group keeps state for each repetition.
_PHYSICAL = re.compile(rb"((?:\r\n){1,4096}|\r+(?!\n)|\n+)|([^\r\n]*)(\r\n|\r|\n|)")
CRLF = b"\r\n"
_CHUNK = 1 << 15
"""Bytes split at once when every line ends alike (:func:`_split_lines`)."""
FOLD: Final = (b" ", b"\t")
"""What a line that continues the line before (a fold) starts with."""


class Lines(NamedTuple):
    """Physical lines in a row that end alike, as stored: a chunk of a file whose lines
    all end the same way (what calendar programs write: CRLF), lines in a row with the
    same ending in any other file, or a run of blank lines. The line checks see them at
    once, and most of a feed's lines need no Python step of theirs."""

    number: int
    """The first line's."""
    octets: list[bytes]
    """Each line without its ending; ``[b""]`` for a run of blank lines."""
    ending: bytes
    """``b"\\r\\n"``, ``b"\\n"``, ``b"\\r"``, or ``b""`` for a last line without one."""
    repeat: int = 1
    """How many lines each of ``octets`` stands for: more than 1 only for a run of blank
    lines."""


record = tuple.__new__
"""Makes a NamedTuple from a tuple of all its fields, in C. The records made for nearly
every line or chunk of a feed are made this way: a NamedTuple's own constructor is a
Python function, and skipping it makes the linter a tenth faster."""


def physical_lines(data: bytes, report: Report) -> Iterator[Lines]:
    """The lines of ``data``, read lazily, in chunks when they all end alike; a BOM is
    reported."""
    start = 0
    if data.startswith(BOM):
        report(1, "the file starts with a byte-order mark.", "save it as UTF-8 without BOM.")
        start = len(BOM)
    ending = _one_ending(data, start)
    if ending is not None:
        return _split_lines(data, start, ending)
    return _matched_lines(data, start)


def _matched_lines(data: bytes, start: int) -> Iterator[Lines]:
    """The lines of any file from ``start``, matched one by one: lines in a row with the
    same ending as one item, up to a chunk's bytes of them, and a run of blank lines with
    the same ending as one item."""
    number, first, octets, ending, held = 1, 1, list[bytes](), b"", 0
    for match in _PHYSICAL.finditer(data, start):
        blanks, line, line_ending = match.groups()
        if blanks is None:
            if not line and not line_ending:  # the end of the file
                break
            if line_ending == ending and octets and held < _CHUNK:
                octets.append(line)
                held += len(line)
                number += 1
                continue
        if octets:
            yield record(Lines, (first, octets, ending, 1))
            octets = []
        if blanks is not None:
            blank = blanks[:2] if blanks[:2] == CRLF else blanks[:1]
            repeat = len(blanks) // len(blank)
            yield record(Lines, (number, [b""], blank, repeat))
            number += repeat
            continue
        first, octets, ending, held = number, [line], line_ending, len(line)
        number += 1
    if octets:
        yield record(Lines, (first, octets, ending, 1))


def _one_ending(data: bytes, start: int) -> bytes | None:
    """The ending of every line of ``data`` from ``start`` (but perhaps the last, which
    has none) if they all have the same and none is blank: CRLF for every feed a
    calendar program writes, LF or CR for some written by hand. Counted in C, a few
    passes over the bytes."""
    crlf, cr, lf = data.count(CRLF), data.count(b"\r"), data.count(b"\n")
    if cr == crlf == lf:
        ending = CRLF
    elif not cr:
        ending = b"\n"
    elif not lf:
        ending = b"\r"
    else:
        return None
    if ending * 2 in data or data.startswith(ending, start):
        return None
    return ending


def _split_lines(data: bytes, start: int, ending: bytes, chunk: int = _CHUNK) -> Iterator[Lines]:
    """The lines of a file whose lines all end in ``ending`` (:func:`_one_ending`), as
    :func:`_matched_lines` reads them, split ``chunk`` bytes at a time: one item per
    chunk, not per line. Memory stays bounded: a chunk, or one line longer than a
    chunk."""
    number, at, size = 1, start, len(data)
    while at < size:
        end = data.rfind(ending, at, at + chunk)
        if end < 0:  # a line longer than a chunk, or the last line, without ending
            end = data.find(ending, at)
            if end < 0:
                yield record(Lines, (number, [data[at:]], b"", 1))
                return
        octets = data[at:end].split(ending)
        yield record(Lines, (number, octets, ending, 1))
        number += len(octets)
        at = end + len(ending)


def cut_character(octets: bytes) -> bool:
    """Whether ``octets`` end inside a UTF-8 character: its lead byte announces more
    continuation bytes than follow it."""
    if not octets or octets[-1] < 0x80:  # the usual case: ASCII
        return False
    for back in range(1, min(4, len(octets)) + 1):
        byte = octets[-back]
        if byte & 0xC0 != 0x80:  # ASCII, or the lead byte of the last character
            length = 2 if byte >> 5 == 0b110 else 3 if byte >> 4 == 0b1110 else 4
            return byte >= 0xC0 and length > back
    return False


def suspect_folds(octets: list[bytes], size: int = 1_024) -> Iterator[int]:
    """The index of each line that the next line continues (a fold) and that ends in a
    backslash or a byte above ASCII: the only folds that can break rule 17, found in C.
    Most of a feed's folds are after an ASCII letter, and are not looked at. The lines
    are joined by LF, which no line holds, ``size`` lines at a time: bytes.join holds 80
    bytes for each line it joins."""
    for first in range(0, len(octets), size):
        joined = b"\n".join(octets[first : first + size + 1])  # and the next one's fold
        index, at = first, 0
        for suspect in _SUSPECT_FOLD.finditer(joined):
            index += joined.count(b"\n", at, suspect.start())
            at = suspect.start()
            yield index


_SUSPECT_FOLD: Final = re.compile(rb"\n[ \t](?<=[\\\x80-\xff]\n[ \t])")
"""A fold after a backslash or a byte above ASCII. Looked behind from the fold: a pattern
that starts with a literal is searched six times faster than one that starts with a set
of bytes."""


def fold_after(previous: bytes, number: int, report: Report) -> None:
    """Rule 17 on a line (``previous``, at ``number``) that the next line continues."""
    if (len(previous) - len(previous.rstrip(b"\\"))) % 2 == 1:
        report(
            number,
            "the line is folded between a backslash and the character it escapes.",
            "fold before the backslash (collective/icalendar#1501).",
        )
    if cut_character(previous):
        report(
            number,
            "the line is folded inside a UTF-8 character.",
            "fold between characters, never inside a multi-byte UTF-8 sequence.",
        )
