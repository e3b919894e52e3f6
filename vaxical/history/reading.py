"""Typed reads of a published JSON document, each checked at the edge: a value that is
not what vaxical writes is refused with where it is and what was expected. Pure.

:mod:`vaxical.history.published` reads a build's ``<id>.json`` with them.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlsplit

from vaxical.definition.reader import FIRST_DATE, LAST_DATE
from vaxical.rules import DateSpan

# A published SEQUENCE counts revisions: a calendar revised daily for a century stays far
# below this; a larger number is not vaxical's.
MAX_SEQUENCE = 1_000_000


class Malformed(ValueError):
    """Where a published document is not what vaxical writes, and what was found."""

    def __init__(self, where: str, found: object, expected: str) -> None:
        shown = json.dumps(found, ensure_ascii=False)
        shown = shown if len(shown) <= 60 else shown[:57] + "…"
        super().__init__(f"{where} = {shown}: expected {expected}")
        self.where = where


class Reader:
    """Typed reads of a published JSON document, each checked at the edge."""

    def __init__(self, document: object) -> None:
        self.document = document

    @staticmethod
    def get(value: object, key: str, where: str) -> object:
        if not isinstance(value, dict):
            raise Malformed(where, value, f"an object with `{key}`")
        if key not in value:
            raise ValueError(f"`{key}` is missing" if where == key else f"{where} has no `{key}`")
        return value[key]

    @staticmethod
    def text(value: object, where: str) -> str:
        if not isinstance(value, str):
            raise Malformed(where, value, "text")
        return value

    @staticmethod
    def items(value: object, where: str) -> list[object]:
        if not isinstance(value, list):
            raise Malformed(where, value, "a list")
        return value

    @staticmethod
    def whole(value: object, where: str, low: int, high: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Malformed(where, value, f"a whole number from {low} to {high}")
        return value

    @classmethod
    def sequence(cls, value: object, where: str) -> int:
        return cls.whole(value, where, 0, MAX_SEQUENCE)

    @classmethod
    def url(cls, value: object, where: str) -> str:
        text = cls.text(value, where)
        if urlsplit(text).scheme not in ("http", "https"):
            raise Malformed(where, text, "an http(s) address")
        return text

    @classmethod
    def day(cls, value: object, where: str) -> dt.date:
        text = cls.text(value, where)
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise Malformed(where, value, "a date (YYYY-MM-DD)") from None
        if not FIRST_DATE <= day <= LAST_DATE:
            raise Malformed(where, value, f"a date from {FIRST_DATE} to {LAST_DATE}")
        return day

    @classmethod
    def moment(cls, value: object, where: str) -> dt.datetime:
        text = cls.text(value, where)
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise Malformed(where, value, "a date and time (ISO 8601)") from None
        if moment.tzinfo is None or not FIRST_DATE <= moment.date() <= LAST_DATE:
            raise Malformed(where, value, f"a date and time with its offset, {FIRST_DATE} on")
        return moment

    @classmethod
    def span(cls, value: object, where: str) -> DateSpan:
        first = cls.day(cls.get(value, "first_day", where), f"{where}.first_day")
        last = cls.day(cls.get(value, "last_day", where), f"{where}.last_day")
        if last < first:
            raise Malformed(where, value, "a last day on or after the first")
        return DateSpan(first, last)
