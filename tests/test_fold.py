"""Line folding: 75 octets, never inside a UTF-8 character or an escape (rule 17); and
TEXT escaping, on str and on octets, the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import vText
from icalendar.parser.string import _foldline

from vaxical.render.contentline import escape, escape_octets, fold


def fold_line(line: str) -> str:
    return fold(line).decode("utf-8")


def reference_fold(line: str) -> str:
    """Character by character, as icalendar 7.3.2 folds, with the parity check: the
    plain statement of what the fast, byte-offset fold must give."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= 75:
            carry: list[str] = []
            last = current[-1]
            if last in "\\^" and len(current) > 1:
                run = len(current) - len("".join(current).rstrip(last))
                if run % 2 == 1:
                    carry = [current.pop()]
            chunks.append("".join(current))
            current = carry
            size = sum(len(c.encode("utf-8")) for c in carry)
        current.append(char)
        size += width
    if current:
        chunks.append("".join(current))
    return "\r\n ".join(chunks)


def test_escaped_backslash_at_the_boundary_stays_whole() -> None:
    # 72 octets, then an escaped backslash: icalendar 7.3.2 folds between its two halves.
    line = "DESCRIPTION:" + "x" * 60 + "\\\\ y"
    assert _foldline(line) == "DESCRIPTION:" + "x" * 60 + "\\\r\n \\ y"  # the upstream bug
    assert fold_line(line) == "DESCRIPTION:" + "x" * 60 + "\\\\\r\n  y"


def test_escaped_newline_at_the_boundary_stays_whole() -> None:
    line = "DESCRIPTION:" + "x" * 61 + "\\nsuite"
    assert fold_line(line) == "DESCRIPTION:" + "x" * 61 + "\r\n \\nsuite"


def test_multibyte_characters_are_never_split() -> None:
    line = "SUMMARY:" + "é" * 40
    folded = fold_line(line)
    assert folded == "SUMMARY:" + "é" * 33 + "\r\n " + "é" * 7
    assert [len(part.encode()) for part in folded.split("\r\n")] == [74, 15]


def _splits_an_escape(folded: str) -> bool:
    return any((len(p) - len(p.rstrip("\\"))) % 2 for p in folded.split("\r\n ")[:-1])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from([*list("aé\\\n;,^ x’🇫"), "𐀀"]), max_size=300))
def test_folding_properties(text: str) -> None:
    line = "DESCRIPTION:" + vText(text).to_ical().decode()
    folded = fold_line(line)
    assert folded == reference_fold(line)
    assert folded.replace("\r\n ", "") == line
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert not _splits_an_escape(folded)
    # Wherever icalendar folds correctly, the bytes are exactly icalendar's.
    upstream = _foldline(line)
    if not _splits_an_escape(upstream) and "^^" not in line:
        assert folded == upstream


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"a\\\r\n;,:é’–", "🇫", "\u0085", "\u2028"]), max_size=80))
def test_escaping_octets_is_escaping_text_then_encoding(text: str) -> None:
    """The descriptions are escaped as octets (faster on French text); every other TEXT
    value as a str: the two must write the same bytes, line breaks of every kind included
    (icalendar's normalisation: CRLF, LF and a lone CR each one \\n)."""
    assert escape_octets(text.encode()) == escape(text).encode()


def test_escaping_octets_known_answer() -> None:
    assert escape_octets(b"a\\b;c,d\r\ne\rf\ng") == rb"a\\b\;c\,d\ne\nf\ng"
