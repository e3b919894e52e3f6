"""Typed reads of parsed TOML: every problem recorded with its key, value, position and fix.

The reader tells "absent" from "invalid": a missing optional key gives ``None`` silently,
a present key of the wrong type gives ``None`` and a problem.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

from vaxical.definition.locate import KeyPath, SourceMap
from vaxical.definition.schema import ARRAYS, KEYS
from vaxical.definition.values import (
    NOT_IN_URIS,
    as_date,
    as_int,
    as_moment,
    as_str,
    encoded_url,
    show_value,
    type_name,
    typed_fix,
)
from vaxical.errors import Problem
from vaxical.model import Weekday
from vaxical.schedule import french

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


def key_text(path: KeyPath) -> str:
    """``("periods", 1, "end")`` → ``periods[2].end``: indexes counted as a person counts."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
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
                self.report(
                    (*path, key),
                    f"`{key}` belongs in the {section} section.",
                    f"move the line below the {section} header.",
                    has_value=False,
                )
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(allowed)
            self.report(
                (*path, key),
                f"unknown key `{key}`.",
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
    found = difflib.get_close_matches(name, others, n=1, cutoff=0.8)
    return found[0] if found else None


TEXT_LIMITS: Mapping[str, int] = {
    # Names and references: the longest real one has under 50 characters.
    "id": 200,
    "name": 200,
    "product": 200,
    "reference": 200,
    "timezone": 100,
    # A notice's title (110 characters for DGS-Urgent N°2023-11) and addresses.
    "title": 500,
    "url": 1_000,
    "portal_url": 1_000,
    "base_url": 1_000,
    "rrule": 500,
    # Texts of a few sentences: a note the feeds repeat in every event of its kind, a
    # reason, a description; a notice's summary may quote it (the whole seed notice's
    # text has 4,000 characters).
    "note": 500,
    "reason": 2_000,
    "correction": 2_000,
    "description": 2_000,
    "summary": 5_000,
}
"""The most characters each text key holds: far more than any real notice needs, and a
bound on what a file makes vaxical write (a text is repeated in every event: a product
of 200 KB made 139 MB of feeds). Other text keys (choices, weekdays) hold
:data:`TEXT_LIMIT`."""
TEXT_LIMIT = 100


class Section:
    """A table of the definition and its key path: typed reads of its keys, each problem
    reported with the key's position."""

    def __init__(self, reader: Reader, table: Mapping[str, Any], path: KeyPath) -> None:
        self.reader = reader
        self.table = table
        self.path = path

    def value(
        self,
        key: str,
        kind: Callable[[object], T | None],
        expected: str,
        example: str,
        *,
        required: bool = True,
        bounds: tuple[int, int] | None = None,
    ) -> T | None:
        """The value of ``key`` if ``kind`` converts it; ``bounds``: the whole numbers a
        number's key takes, for the fix to a value of another type."""
        if key not in self.table:
            if required:
                # A key misspelt is said as unknown too; the fix is then to rename it
                # (never a key the section may hold rightly).
                allowed = KEYS.get(tuple(p for p in self.path if isinstance(p, str)), ())
                near = misspelling(key, [str(k) for k in self.table if k not in allowed])
                fix = (
                    f"rename `{near}` to `{key}`."
                    if near
                    else f"add `{key} = {example}` to {place(self.path)}."
                )
                self.reader.report((*self.path, key), f"`{key}` is missing.", fix, has_value=False)
            return None
        raw = self.table[key]
        converted = kind(raw)
        if converted is None:
            self.reader.report(
                (*self.path, key),
                f"expected {expected}, found {type_name(raw)}.",
                typed_fix(key, raw, example, moment=kind is as_moment, bounds=bounds),
                raw,
            )
        return converted

    def text(
        self,
        key: str,
        example: str,
        *,
        required: bool = True,
        one_line: bool = True,
    ) -> str | None:
        value = self.value(key, as_str, "text in double quotes", example, required=required)
        if value is None:
            return None
        limit = TEXT_LIMITS.get(key, TEXT_LIMIT)
        if len(value) > limit:  # before any other reading of it: bounded work
            self.reader.report(
                (*self.path, key),
                f"is {len(value):,} characters long, over the limit of {limit:,} for `{key}`.",
                f"shorten it to {limit:,} characters or fewer"
                + (
                    " (quote the notice in part: its `url` links the whole)."
                    if key == "summary"
                    else "."
                ),
                value,
            )
            return None
        value = value.strip()
        if not value:
            self.reader.report(
                (*self.path, key), "is empty.", f"write it as `{key} = {example}`.", self.table[key]
            )
            return None
        if one_line and ("\n" in value or "\r" in value):
            self.reader.report(
                (*self.path, key),
                "must fit on one line.",
                "remove the line breaks (use a single-line string in double quotes).",
                self.table[key],
            )
            return None
        found = UNPUBLISHABLE.search(value)
        if found is not None:
            bad = found.group()
            self.reader.report(
                (*self.path, key),
                "contains a control character."
                if ord(bad) < 32
                else f"contains U+{ord(bad):04X}, which calendar feeds and XML cannot carry.",
                "retype the text without invisible characters.",
                self.table[key],
            )
            return None
        return value

    def integer(
        self,
        key: str,
        low: int,
        high: int,
        example: str,
        *,
        required: bool = True,
    ) -> int | None:
        value = self.value(
            key, as_int, "a whole number", example, required=required, bounds=(low, high)
        )
        if value is not None and not low <= value <= high:
            self.reader.report(
                (*self.path, key),
                f"must be between {low} and {high}.",
                f"use a whole number from {low} to {high}, e.g. `{key} = {example}`.",
                value,
            )
            return None
        return value

    def date(
        self,
        key: str,
        example: str,
        *,
        required: bool = True,
    ) -> dt.date | None:
        value = self.value(
            key, as_date, "a date (YYYY-MM-DD, no quotes)", example, required=required
        )
        if value is not None and not self.in_window(key, value):
            return None
        return value

    def in_window(self, key: str, day: dt.date) -> bool:
        """Whether ``day`` is one vaxical publishes; if not, say so."""
        if FIRST_DATE <= day <= LAST_DATE:
            return True
        self.reader.report(
            (*self.path, key),
            f"is outside the dates a calendar can hold ({FIRST_DATE.isoformat()} to "
            f"{LAST_DATE.isoformat()}).",
            "check the year (a typo?).",
            day,
        )
        return False

    def url(self, key: str, example: str, *, https_only: bool) -> str | None:
        value = self.text(key, example)
        if value is None:
            return None
        try:
            parts = urlsplit(value)
        except ValueError:  # a bracket that opens or closes no IPv6 address in the host
            host = value.split("://", 1)[-1].split("/", 1)[0]
            self.reader.report(
                (*self.path, key),
                f"has a host that is no web address ({host!r}: brackets are for IPv6 addresses).",
                f"write the address as a browser shows it, e.g. `{key} = {example}`.",
                value,
            )
            return None
        schemes = ("https",) if https_only else ("https", "http")
        if parts.scheme not in schemes or not parts.netloc or " " in parts.netloc:
            need = "an https:// address" if https_only else "a web address (https://…)"
            fix = f"write it as `{key} = {example}`."
            if " " not in value and "." in value.split("/")[0] and "://" not in value:
                fix = f'add https:// in front: `{key} = "https://{value}"`.'
            elif https_only and parts.scheme == "http":
                fix = f'use https (calendar clients need it): `{key} = "https{value[4:]}"`.'
            self.reader.report((*self.path, key), f"is not {need}.", fix, value)
            return None
        # Written into feeds, pages and JSON as it is: it must already be a URI (RFC 3986),
        # which the published JSON Schemas check.
        written = value.split(":", 1)[0]
        if written != parts.scheme:
            fix = f'write it in lower case: `{key} = "{parts.scheme}{value[len(written) :]}"`.'
            self.reader.report((*self.path, key), "has its scheme in capitals.", fix, value)
            return None
        if not value.isascii() or any(character in value for character in NOT_IN_URIS | {" "}):
            self.reader.report(
                (*self.path, key),
                "holds characters a URL must encode.",
                f'write `{key} = "{encoded_url(value)}"`.',
                value,
            )
            return None
        return value
