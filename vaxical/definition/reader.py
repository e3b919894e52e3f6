"""Typed reads of parsed TOML: every problem recorded with its key, value, position and fix.

The reader tells "absent" from "invalid": a missing optional key gives ``None`` silently,
a present key of the wrong type gives ``None`` and a problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from vaxical.definition.locate import KeyPath, SourceMap
from vaxical.definition.schema import ARRAYS, KEYS
from vaxical.definition.values import (
    show_value,
    type_name,
)
from vaxical.errors import Problem
from vaxical.rules import Weekday
from vaxical.schedule import french

if TYPE_CHECKING:
    from vaxical.definition.typed import Section

# Dates vaxical publishes: beyond these a date is a typo, and date arithmetic near year
# 1 or 9999 would overflow. Stated in every message that refuses one.
FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2999, 12, 31)

WEEKDAY_NAMES: Mapping[str, Weekday] = {day.name.lower(): day for day in Weekday}


def english_weekday(text: str) -> str | None:
    """The English name definitions use for a French weekday name (``lundi`` →
    ``monday``), or None when ``text`` is not one."""
    name = text.strip().lower()
    if name not in french.WEEKDAYS:
        return None
    return Weekday(french.WEEKDAYS.index(name)).name.lower()


T = TypeVar("T")


KEY_SHOWN = 60
"""The most characters of a key a message copies out: a key of a megabyte is no typo to
show whole (a review: each message about it printed it twice)."""


def shown_key(key: str) -> str:
    return key if len(key) <= KEY_SHOWN else f"{key[:KEY_SHOWN]}…"


def key_text(path: KeyPath) -> str:
    """``("periods", 1, "end")`` → ``periods[2].end``: indexes counted as a person counts."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + shown_key(part)
    return text


def _ordinal(number: int) -> str:
    """``1`` → ``first``; ``12`` → ``12th``; ``22`` → ``22nd``."""
    words = ("first", "second", "third", "fourth", "fifth")
    if number <= len(words):
        return words[number - 1]
    suffix = (
        "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def place(path: KeyPath) -> str:
    """Where the table at ``path`` is written, in the words of its headers (``[name]``
    and ``[[name]]``; ``revisions[1].delivery`` is no header): ``("revisions", 0,
    "delivery")`` → ``[revisions.delivery] in the first [[revisions]] block``."""
    names: list[str] = []
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            noun = "block" if names == ["revisions"] else "entry"
            parts.append(f"the {_ordinal(part + 1)} [[{'.'.join(names)}]] {noun}")
        else:
            names.append(part)
    if path and isinstance(path[-1], str):
        parts.append(f"[{'.'.join(names)}]")
    return " in ".join(reversed(parts))


_ENTRY = {"revisions": "block", "periods": "period", "exceptions": "exception", "notices": "notice"}
"""What one entry of each list of tables is called, in a fix (schema.ARRAYS)."""


class Reader:
    """Typed access to the parsed TOML, recording every problem with its position."""

    def __init__(self, file: str, source: SourceMap) -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = []

    def report(
        self, path: KeyPath, message: str, fix: str, value: object = None, *, has_value: bool = True
    ) -> None:
        position = self.source.find(path)
        line, column = position if position else (None, None)
        self.problems.append(
            Problem(
                file=self.file,
                message=message,
                fix=fix,
                key=key_text(path) if path else None,
                value=show_value(value) if has_value and value is not None else None,
                line=line,
                column=column,
                excerpt=self.source.line_text(line) if line else None,
            )
        )

    def check_keys(self, table: Mapping[str, Any], path: KeyPath, schema: KeyPath) -> None:
        allowed = KEYS[schema]
        for key in table:
            if key in allowed:
                continue
            # Where the key belongs, among the sections of the same format; but a key
            # of this section misspelt (`day` for a missing `days`) is said as such, if
            # close enough: `time` is the confirmation's, not a misspelt `timezone`.
            misspelt = misspelling(key, [name for name in allowed if name not in table])
            ledger = schema[:1] == ("revisions",)
            homes = (
                s
                for s, keys in KEYS.items()
                if s and key in keys and (s[:1] == ("revisions",)) == ledger
            )
            home = None if misspelt else next(homes, None)
            if home is not None and home != schema:
                name = ".".join(str(part) for part in home)
                section = f"[[{name}]]" if home[-1] in ARRAYS else f"[{name}]"
                # A key of a list's entries (a block's `reference`, a period's `start`)
                # after another section: most often the entry's own header forgotten
                # (a publisher's trial: moving the lines up, into the block before,
                # made them keys written twice).
                noun = _ENTRY.get(str(home[-1]))
                fix = (
                    f"if it starts a new {noun}, add a {section} line above it; otherwise "
                    f"move the line below its {noun}'s {section} header."
                    if noun is not None
                    else f"move the line below the {section} header."
                )
                self.report(
                    (*path, key),
                    f"`{shown_key(key)}` belongs in the {section} section.",
                    fix,
                    has_value=False,
                )
                continue
            close = close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(allowed)
            self.report(
                (*path, key),
                f"unknown key `{shown_key(key)}`.",
                f"{hint} (Remove or rename the key.)",
                has_value=False,
            )

    def table(
        self,
        parent: Mapping[str, Any],
        path: KeyPath,
        key: str,
        *,
        required: bool = True,
        schema: KeyPath | None = None,
    ) -> Mapping[str, Any] | None:
        value = parent.get(key)
        if value is None:
            if required:
                header = ".".join(part for part in (*path, key) if isinstance(part, str))
                block = place(path)
                self.report(
                    (*path, key),
                    f"the section [{header}] is missing{f' from {block}' if path else ''}.",
                    f"add the [{header}] section{f' to {block}' if path else ''} "
                    "(see schedules/vaccins-covid.toml).",
                    has_value=False,
                )
            return None
        if not isinstance(value, dict):
            self.report(
                (*path, key),
                f"expected a section, found {type_name(value)}.",
                f"write it as a [{key}] section with keys below it.",
                value,
            )
            return None
        self.check_keys(value, (*path, key), schema or (*path, key))
        return value

    def array_of_tables(
        self, parent: Mapping[str, Any], key: str, *, required: bool, path: KeyPath = ()
    ) -> list[Mapping[str, Any]]:
        """The entries of ``[[key]]`` (or ``[[revisions.key]]`` with ``path``), keys checked."""
        where = (*path, key)
        name = ".".join(str(part) for part in (*path[:1], key))
        value = parent.get(key)
        if value is None:
            if required:
                self.report(
                    where,
                    f"no [[{name}]] entry.",
                    f"add at least one [[{name}]] section.",
                    has_value=False,
                )
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.report(
                where,
                f"expected [[{name}]] sections, found {type_name(value)}.",
                f"write each entry as its own [[{name}]] section.",
                value,
            )
            return []
        for index, item in enumerate(value):
            self.check_keys(item, (*where, index), (*path[:1], key))
        return value

    def section(self, table: Mapping[str, Any], path: KeyPath) -> Section:
        from vaxical.definition.typed import Section  # it reads through this reader

        return Section(self, table, path)


UNPUBLISHABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)
"""Characters that XML 1.0 (the Atom feed) or iCalendar cannot carry: controls other
than tab and newline, surrogates, and the noncharacters U+FFFE, U+FFFF and kin (the
last two of each plane). One search finds the first, where a Python test of each
character was most of the time of reading a definition's texts."""


def misspelling(name: str, others: list[str]) -> str | None:
    """The one of ``others`` that ``name`` is a misspelling of (or the other way round),
    if any: close enough that a typo made it (`day` and `days`, `sesion` and `session`),
    not a mere likeness (`time` and `timezone`). One measure for both sides of a typo:
    the unknown key, and the key it left missing."""
    found = close_matches(name, others, n=1, cutoff=0.8)
    return found[0] if found else None


def close_matches(word: str, possibilities: Sequence[str], n: int, cutoff: float) -> list[str]:
    """:func:`difflib.get_close_matches`, the same matches, without its cost for a long
    word. It indexes every character of ``word`` before it compares, then passes over each
    possibility whose length alone keeps it under ``cutoff`` (its real_quick_ratio): those
    are passed over here first, and a key of a megabyte, which no name comes near, is not
    indexed at all (a quarter of a second, twice for each such key)."""
    size = len(word)
    near = [
        possibility
        for possibility in possibilities
        if _length_ratio(size, len(possibility)) >= cutoff
    ]
    return difflib.get_close_matches(word, near, n=n, cutoff=cutoff) if near else []


def _length_ratio(one: int, other: int) -> float:
    """The most two texts of these lengths can match, computed as difflib's
    ``SequenceMatcher.real_quick_ratio`` computes it."""
    total = one + other
    return 2.0 * min(one, other) / total if total else 1.0
