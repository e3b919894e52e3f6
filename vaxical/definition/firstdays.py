"""Which keys' dates must be the first day of a session, and on which weekday, for the
example in the advice on such a date TOML could not read (`start = 2023-09-31`).

The weekday is what the loader checks later (cadence.py for a period's start, starts.py
for a `from`, exceptions.py for a session): the first of the session days in force.
Here, before any rule is read, it is the first of the `days` the text gives last, up to
the block the date stands in, read from the text with the bad date replaced.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence

from vaxical.definition.locate import SourceMap
from vaxical.definition.ranges import SessionStart
from vaxical.definition.reader import WEEKDAY_NAMES
from vaxical.definition.timeline import RULE_TABLES
from vaxical.rules import Weekday

_BLOCK = re.compile(r"\s*\[\[\s*revisions\s*\]\]\s*(?:#.*)?$")
_HEADER = re.compile(r"\s*\[")
_EXTRA = re.compile(r"\s*extra\s*=\s*true\b")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def first_day_keys(source: SourceMap, line: int) -> Callable[[str], SessionStart | None]:
    """For a key written on ``line`` (dotted from the table it stands in), whether its
    date is a session's first day, and that day's weekday when the text says it."""
    table = source.table_at(line)

    def starts(key: str) -> SessionStart | None:
        *inner, name = key.split(".")
        if not _is_first_day((*table, *inner), name) or _extra(source.lines, line):
            return None
        return SessionStart(_weekday(source.lines, line), placed=name == "session")

    return starts


def _is_first_day(table: tuple[str, ...], name: str) -> bool:
    if name == "start":
        return table in (("periods",), ("revisions", "periods"))
    if name == "session":
        return table in (("exceptions",), ("revisions", "exceptions"))
    if name == "from":
        return table == ("revisions",) or (
            len(table) == 2 and table[0] == "revisions" and table[1] in RULE_TABLES
        )
    return False


def _extra(lines: Sequence[str], line: int) -> bool:
    """Whether the table ``line`` stands in says `extra = true`: an extra session
    starts on any day."""
    first = next((n for n in range(line, 0, -1) if _HEADER.match(lines[n - 1])), 1)
    last = next((n for n in range(line + 1, len(lines) + 1) if _HEADER.match(lines[n - 1])), 0)
    return any(_EXTRA.match(text) for text in lines[first : (last - 1 if last else None)])


def _weekday(lines: Sequence[str], line: int) -> Weekday | None:
    """The weekday sessions start on at ``line``: the first of the last `days` given
    up to its block (a ledger's) or of [sessions] (a single revision); None when the
    text says none, or holds another mistake TOML stops at."""
    # Any date in range will do: the one on this line is read as TOML cannot.
    fixed = [*lines[: line - 1], _DATE.sub("2000-01-03", lines[line - 1], count=1), *lines[line:]]
    try:
        data = tomllib.loads("\n".join(fixed))
    except tomllib.TOMLDecodeError:
        return None
    blocks = data.get("revisions")
    if isinstance(blocks, list):
        written = sum(1 for text in lines[:line] if _BLOCK.match(text))
        tables = [block.get("sessions") for block in blocks[:written] if isinstance(block, dict)]
    else:
        tables = [data.get("sessions")]
    for sessions in reversed(tables):
        days = sessions.get("days") if isinstance(sessions, Mapping) else None
        if isinstance(days, list) and days:
            first = days[0]
            return WEEKDAY_NAMES.get(first.lower()) if isinstance(first, str) else None
    return None
