"""Typed reads of one table's keys (:class:`Section`): each value checked for its type,
its range and the characters a feed can carry, and each problem reported through the
:class:`~vaxical.definition.reader.Reader` with its key, value, position and fix."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlsplit

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import (
    FIRST_DATE,
    LAST_DATE,
    UNPUBLISHABLE,
    Reader,
    misspelling,
    place,
)
from vaxical.definition.schema import KEYS
from vaxical.definition.values import (
    NOT_IN_URIS,
    as_date,
    as_int,
    as_moment,
    as_str,
    encoded_url,
    placeholder,
    type_name,
    typed_fix,
)

T = TypeVar("T")

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
                    else f"add `{key} = {placeholder(example)}` to {place(self.path)}."
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
        if "\ufeff" in value:
            # A byte-order mark copied with the text: invisible, and dropped at the start
            # of a value by some readers (icalendar), kept by others.
            self.reader.report(
                (*self.path, key),
                "contains U+FEFF, an invisible byte-order mark that calendar programs read "
                "differently.",
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
        except ValueError:  # a bracket that opens or closes no IPv6 address, or a
            # character that Unicode normalization turns into a separator (℀ is a/c)
            host = re.split(r"[/?#]", value.split("://", 1)[-1], maxsplit=1)[0]
            why = (
                "brackets are for IPv6 addresses"
                if "[" in host or "]" in host
                else "it holds a character that reads as a separator once normalized"
            )
            self.reader.report(
                (*self.path, key),
                f"has a host that is no web address ({host!r}: {why}).",
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
