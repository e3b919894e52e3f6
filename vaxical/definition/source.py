"""Bytes to TOML: decoding, syntax errors made specific, and reading the file."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vaxical.bounded import read_bounded
from vaxical.definition.locate import SourceMap
from vaxical.definition.order import MAX_BLOCKS
from vaxical.definition.schema import ARRAYS, kind_of
from vaxical.definition.values import (
    FALSE_WORDS,
    FRENCH_DATE,
    FRENCH_TIME,
    TRUE_WORDS,
    no_24,
    real_date,
    real_time,
    slashed_date,
)
from vaxical.errors import DefinitionError, NotAFile, Problem, TooLarge

MAX_DEFINITION_BYTES = 10_000_000
"""The most a definition file may hold: bounded work whatever a path names."""

_GENERIC_SYNTAX_FIX = (
    "check this line: text goes in double quotes, dates as 2023-07-24 without quotes, "
    "one `key = value` per line, sections as [name]."
)
_UNCLOSED = ("unterminated string", "expected \"'''\"")
"""What TOML says, at the end of the document, of a text never closed."""


# A line `key = value`, and where its value ends (a comment may follow).
_KEY = r"^\s*([A-Za-z0-9_-]+)\s*=\s*"
_END = r"\s*(?:#.*)?$"
_BARE_VALUE = re.compile(_KEY + r"([^\"'\[{\s][^#]*?)" + _END)
# A date or a time as French notices write them, without quotes: TOML stops at the
# first character after the number (`date = 25/10/2024`, `time = 18h00`).
_FRENCH_DATE = re.compile(_KEY + FRENCH_DATE + _END)
_FRENCH_TIME = re.compile(_KEY + FRENCH_TIME + _END)
# What TOML refuses of times and dates people write: no seconds (18:00), a one-digit hour
# (8:00:00), a one-digit month or day (2025-3-3). A time or date written in full that
# TOML refuses is no real one: not matched here.
_SHORT_TIME = re.compile(
    _KEY + r"(?!\d\d:\d\d:\d\d" + _END + r")(\d{1,2}):(\d{2})(?::(\d{2}))?" + _END
)
_SHORT_DATE = re.compile(
    _KEY + r"(?!\d{4}-\d\d-\d\d" + _END + r")(\d{4})-(\d{1,2})-(\d{1,2})" + _END
)
# A date written in full that TOML refuses: no such day or month (2023-10-32, 2023-13-01).
_FULL_DATE = re.compile(_KEY + r"(\d{4})-(\d\d)-(\d\d)" + _END)


def _french_date(key: str, day: str, month: str, year: str) -> tuple[str, str]:
    written, order = slashed_date(day, month, year)
    if written is None:
        return _no_such("date", key)
    return (
        f"`{key}` is a date written {order}.",
        f"write dates as year-month-day without quotes: `{key} = {written}`.",
    )


def _french_time(key: str, hour: str, minute: str | None) -> tuple[str, str]:
    written = real_time(int(hour), int(minute or 0))
    if written is None:
        return _no_such("time", key, int(hour))
    return (
        f"`{key}` is a time written the French way.",
        f"write times as HH:MM:SS without quotes: `{key} = {written}`.",
    )


def _short_time(key: str, hour: str, minute: str, second: str | None) -> tuple[str, str]:
    written = real_time(int(hour), int(minute), int(second or 0))
    if written is None:
        return _no_such("time", key, int(hour))
    return (
        f"`{key}` is a time TOML cannot read: it needs HH:MM:SS, two digits each.",
        f"write `{key} = {written}`.",
    )


def _short_date(key: str, year: str, month: str, day: str) -> tuple[str, str]:
    written = real_date(int(year), int(month), int(day))
    if written is None:
        return _no_such_date(key, int(year), int(month))
    return (
        f"`{key}` is a date TOML cannot read: it needs YYYY-MM-DD, with two-digit months and days.",
        f"write `{key} = {written}`.",
    )


def _full_date(key: str, year: str, month: str, day: str) -> tuple[str, str] | None:
    if real_date(int(year), int(month), int(day)) is not None:
        return None  # TOML stopped on something else (a key written twice)
    return _no_such_date(key, int(year), int(month))


def _no_such_date(key: str, year: int, month: int) -> tuple[str, str]:
    """A date of a month that does not exist, or past its last day: which, and the fix."""
    if not 1 <= month <= 12:
        return (
            f"`{key}` is not a real date: there is no month {month:02d}.",
            f"write it as year-month-day, the month from 01 to 12, e.g. `{key} = {year}-07-24`.",
        )
    days = calendar.monthrange(year, month)[1]
    return (
        f"`{key}` is not a real date: {year}-{month:02d} has {days} days.",
        f"check the day (01 to {days}), e.g. `{key} = {year}-{month:02d}-{days}`.",
    )


def _no_such(kind: str, key: str, hour: int = 0) -> tuple[str, str]:
    """A date or time that does not exist, however written: no fix to copy."""
    if kind == "date":
        return (
            f"`{key}` is not a real date.",
            f"write it as year-month-day without quotes, e.g. `{key} = 2023-07-24`.",
        )
    return (
        f"`{key}` is not a real time of day{no_24(hour)}.",
        f"write it as HH:MM:SS without quotes, e.g. `{key} = 18:00:00`.",
    )


# Lines TOML stops reading, and what each means.
_WRITTEN_WRONG: tuple[tuple[re.Pattern[str], Callable[..., tuple[str, str] | None]], ...] = (
    (_FRENCH_DATE, _french_date),
    (_FRENCH_TIME, _french_time),
    (_SHORT_TIME, _short_time),
    (_SHORT_DATE, _short_date),
    (_FULL_DATE, _full_date),
)


def _syntax_advice(
    detail: str, line_text: str | None, column: int | None, source: SourceMap, line: int | None
) -> tuple[str, str]:
    """tomllib's message, made specific for the mistakes people make most."""
    lowered = detail.lower()
    odd = _odd_space(line_text, column)
    if odd is not None:
        return odd
    header = _OPEN_HEADER.match(line_text or "")
    if header is not None and len(header.group(3)) < len(header.group(1)):
        opening, name, closing = header.group(1, 2, 3)
        return _open_header(opening, name, closing, source, line)
    for pattern, advice in _WRITTEN_WRONG:
        found = pattern.match(line_text or "")
        said = advice(*found.groups()) if found else None
        if said is not None:
            return said
    if lowered.startswith("invalid value") and line_text is not None and line is not None:
        bare = _BARE_VALUE.match(line_text)
        if bare and not re.fullmatch(r"[0-9:+TZ.-]+|true|false", bare.group(2)):
            key, value = bare.groups()
            return _bare_value(key, value, kind_of(source.table_at(line), key))
    if lowered.startswith("invalid date or datetime"):
        return (
            "this is not a real date or time.",
            "check the day and month (YYYY-MM-DD: 2023-02-28, not 2023-02-30) "
            "and the time (HH:MM:SS).",
        )
    if lowered.startswith(("cannot overwrite a value", "cannot declare")):
        twice = source.written_before(line) if line is not None else None
        if twice is not None and twice[0].startswith("["):
            return (
                f"the section `{twice[0]}` is written twice (first on line {twice[1]}).",
                "merge the two into one (for repeated entries, use [[name]] with double brackets).",
            )
        if twice is not None:
            return (
                f"`{twice[0]}` is written twice in this table (first on line {twice[1]}).",
                "keep one of them.",
            )
        return (
            "this key or section is written twice.",
            "keep one of them (for repeated entries, use [[name]] with double brackets).",
        )
    # A one-line text left open: TOML meets the line's end, or the document's.
    unescaped = (line_text or "").replace("\\\\", "").replace('\\"', "")
    open_quote = '"""' not in unescaped and unescaped.count('"') % 2 == 1
    if open_quote and lowered.startswith((*_UNCLOSED, "illegal character '\\n'")):
        return (
            "this text in quotes is never closed.",
            'close it with a double quote (") at the end of its line.',
        )
    if lowered.startswith(_UNCLOSED):
        return (
            "this text in triple quotes is never closed.",
            "close it with the same three quotes (\"\"\" or ''') after its last line.",
        )
    return f"this is not valid TOML: {detail}.", _GENERIC_SYNTAX_FIX


_NUMBER_WORDS = (
    ("zero", "zéro"),
    ("one", "un", "une"),
    ("two", "deux"),
    ("three", "trois"),
    ("four", "quatre"),
    ("five", "cinq"),
    ("six",),
    ("seven", "sept"),
    ("eight", "huit"),
    ("nine", "neuf"),
    ("ten", "dix"),
    ("eleven", "onze"),
    ("twelve", "douze"),
)
_SHOWN = 200
"""The longest value a syntax message copies out: a longer one is named by its start."""


def _bare_value(key: str, value: str, kind: str) -> tuple[str, str]:
    """A value TOML cannot read that is no quoted text, no number, no date: what the key
    wants (``kind``, :func:`~vaxical.definition.schema.kind_of`) and how to write it."""
    value = value.strip()
    if len(value) > _SHOWN:
        shown = value[:_SHOWN] + "…"
        return (
            f"the value `{shown}` is not in quotes.",
            "write text in double quotes, dates as 2023-07-24 and times as 18:00:00 "
            "without quotes, numbers in digits.",
        )
    stray = _stray(key, value, kind)
    if stray is not None:
        return stray
    word = value.lower()
    if kind == "boolean":
        if word in TRUE_WORDS | FALSE_WORDS:
            written = "true" if word in TRUE_WORDS else "false"
            return (
                f"`{key}` takes true or false, not `{value}`.",
                f"write `{key} = {written}` (in lower case, without quotes).",
            )
        return (
            f"`{key}` takes true or false, not `{value}`.",
            f"write `{key} = true` or `{key} = false` (in lower case, without quotes).",
        )
    if kind == "date":
        return (
            f"`{key}` takes a date, not `{value}`.",
            f"write the date as year-month-day without quotes: `{key} = YYYY-MM-DD`.",
        )
    if kind == "time":
        return (
            f"`{key}` takes a time of day, not `{value}`.",
            f"write the time as hours, minutes and seconds without quotes: `{key} = HH:MM:SS`.",
        )
    if kind == "number":
        number = next((n for n, names in enumerate(_NUMBER_WORDS) if word in names), None)
        if number is not None:
            return (
                f"`{key}` takes a number, not `{value}`.",
                f"write it in digits, without quotes: `{key} = {number}`.",
            )
        return (
            f"`{key}` takes a whole number, not `{value}`.",
            "write the number in digits, without quotes.",
        )
    if kind in ("weekdays", "regions"):
        names = [name for name in re.split(r"[\s,;]+", value) if name]
        written = ", ".join(_quoted(name) for name in names)
        noun = "day names" if kind == "weekdays" else "regions"
        return (
            f"`{key}` takes a list of {noun} in quotes, not `{value}`.",
            f"write them in brackets, each in double quotes: `{key} = [{written}]`.",
        )
    if kind == "span":
        return (
            f"`{key}` takes two dates, the first and last day, not `{value}`.",
            f"write them in brackets without quotes: `{key} = [YYYY-MM-DD, YYYY-MM-DD]`.",
        )
    if kind == "list":
        return (
            f"`{key}` takes a list in brackets, not `{value}`.",
            "see the example definition, schedules/vaccins-covid.toml.",
        )
    return (
        f"the text `{value}` is not in quotes.",
        f"write it in double quotes: `{key} = {_quoted(value)}`.",
    )


def _stray(key: str, value: str, kind: str) -> tuple[str, str] | None:
    """A value of the kind ``key`` wants, after characters that have nothing to do
    there (``é"America/Martinique"``, a key typed over the start of its value): which,
    and the value without them. Before text, only a few characters with no space are
    stray: `Essai "bis"` is text that holds quotes."""
    for start in range(1, min(len(value), 40)):
        rest = value[start:].lstrip()
        try:
            parsed = tomllib.loads(f"v = {rest}")["v"]
        except tomllib.TOMLDecodeError:
            continue
        stray = value[:start].strip()
        if kind == "text" and (len(stray) > 3 or " " in stray):
            return None
        if not _of_kind(parsed, kind):
            continue
        return (
            f"`{stray}` stands before the value.",
            f"remove it: `{key} = {rest}`.",
        )
    return None


def _of_kind(value: object, kind: str) -> bool:
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, dt.date)
    if kind == "time":
        return isinstance(value, dt.time)
    if kind == "number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "text":
        return isinstance(value, str)
    return isinstance(value, list)


def _quoted(text: str) -> str:
    """``text`` as TOML text in double quotes, whatever it holds."""
    escaped = "".join(
        "\\" + character
        if character in '"\\'
        else f"\\u{ord(character):04X}"
        if (ord(character) < 32 and character != "\t") or ord(character) == 127
        else character
        for character in text
    )
    return f'"{escaped}"'


_OPEN_HEADER = re.compile(
    r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*(\]?)\s*(?:#.*)?$"
)
"""A section's header: its opening brackets, its name and its closing ones, fewer when
it is left open (TOML said « written twice » of a `[calendar` after a [calendar])."""


def _open_header(
    opening: str, name: str, closing: str, source: SourceMap, line: int | None
) -> tuple[str, str]:
    """A section's header left open: closed as the section is written, and said once."""
    names = [part.strip() for part in name.split(".")]
    dotted = ".".join(names)
    message = f"the section header `{opening}{name}{closing}` is never closed."
    before = source.declared(names, line) if line is not None else None
    if opening == "[[":
        return message, f"close it: `[[{dotted}]]`."
    if names[-1] in ARRAYS or (before is not None and before[0].startswith("[[")):
        return message, f"close it with two brackets each side: `[[{dotted}]]`, one per entry."
    if before is not None:
        return (
            message,
            f"close it (`[{dotted}]`) and merge the two: [{dotted}] is written on line "
            f"{before[1]} already, and a section is written once.",
        )
    return message, f"close it: `[{dotted}]`."


def _odd_space(line_text: str | None, column: int | None) -> tuple[str, str] | None:
    """A space TOML does not read as one where it stopped: a no-break space (French
    typography, text pasted from a notice) looks like an ordinary space on screen."""
    if line_text is None or column is None or not 1 <= column <= len(line_text):
        return None
    character = line_text[column - 1]
    if character == " " or unicodedata.category(character) not in ("Zs", "Cf"):
        return None
    name = unicodedata.name(character, "an invisible character").lower()
    return (
        f"a {name} (U+{ord(character):04X}) stands here, which TOML does not read as a space.",
        "type it again as an ordinary space (text pasted from a notice or a word processor "
        "brings such spaces).",
    )


def _unclosed(text: str) -> int | None:
    """The line of a multi-line string that never closes, which TOML reports at the end
    of the document, with no line: a summary opened with three quotes and pasted without
    its end."""
    for quotes in ('"""', "'''"):
        if text.count(quotes) % 2:
            return text[: text.rindex(quotes)].count("\n") + 1
    # Else the document ended inside a one-line text: its last line.
    return len(text.splitlines()) or None


_STRINGS = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'")
"""Text in quotes, on one line: no bracket in it opens or closes a list."""


def _open_list(
    source: SourceMap, detail: str, line: int | None, *, at_end: bool
) -> tuple[int, tuple[str, str]] | None:
    """The line where a list or an inline table opens that TOML reached the end of the
    line or document in (it says where it stopped, or « invalid value »), and the advice."""
    kinds = {
        "unclosed array": ("[", "]"),
        "unclosed inline table": ("{", "}"),
        "invalid value": ("[", "]"),
    }
    brackets = next((kinds[start] for start in kinds if detail.startswith(start)), None)
    if brackets is None or line is None or (detail.startswith("invalid") and not at_end):
        return None
    opening, closing = brackets
    depth = 0
    for number in range(line, 0, -1):
        code = _STRINGS.sub("", source.lines[number - 1]).split("#", 1)[0]
        depth += code.count(closing) - code.count(opening)
        if depth < 0:
            if "=" not in code:  # a section's header, [name
                return None
            if opening == "{":
                return number, (
                    "this inline table ({ … }) is never closed.",
                    "close it with } on the same line: an inline table stays on one line.",
                )
            return number, (
                "this list ([ … ]) is never closed.",
                "close it with ] after its last item.",
            )
    return None


def _last_line(source: SourceMap, text: str) -> tuple[int | None, int | None]:
    """Where TOML stopped, that says only « at end of document »: the last line that
    holds more than a comment (where the same text ended by a newline is reported), and
    the column past its end when the document ends on it."""
    for number in range(len(source.lines), 0, -1):
        written = source.lines[number - 1]
        if written.strip() and not written.lstrip().startswith("#"):
            last = number == len(source.lines) and not text.endswith(("\n", "\r"))
            return number, len(written) + 1 if last else None
    return None, None


def parse_text(text: str, file: str) -> dict[str, Any]:
    source = SourceMap(text)
    try:
        return tomllib.loads(text)
    except RecursionError:
        # Python's TOML reader recurses once per nested list or table.
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    message="lists or inline tables are nested hundreds deep, deeper than "
                    "the TOML reader goes.",
                    fix="a definition nests them two deep at most "
                    "(alarms = [{ day = 0, time = 09:00:00 }]).",
                )
            ]
        ) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(found.group(1)) if found else None
        column = int(found.group(2)) if found else None
        detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        detail = detail.rstrip(".")
        detail = detail[0].lower() + detail[1:] if detail else "invalid TOML"
        at_end = line is None
        if line is None and detail.startswith(_UNCLOSED):
            line = _unclosed(text)
        elif line is None:
            line, column = _last_line(source, text)
        opened = _open_list(source, detail, line, at_end=at_end)
        if opened is not None:
            line, column, (summary, fix) = opened[0], None, opened[1]
        excerpt = source.line_text(line) if line else None
        if opened is None:
            summary, fix = _syntax_advice(detail, excerpt, column, source, line)
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    message=summary,
                    fix=fix,
                    line=line,
                    column=column,
                    excerpt=excerpt,
                )
            ]
        ) from None


def _utf16(data: bytes) -> bool:
    """Whether ``data`` reads as UTF-16 without its byte-order mark: a NUL in (nearly)
    every other byte and printable text in the others, as Latin text gives in UTF-16
    (zeros, or 16-bit numbers, are no text)."""
    half = len(data) // 2
    if half < 8 or data.count(0) < 0.9 * half:  # every UTF-8 definition: no NUL at all
        return False
    for zeros, text in ((data[0::2], data[1::2]), (data[1::2], data[0::2])):
        # Counted in C: a byte at a time in Python took 1 ms of each 10 KB file's load.
        printable = len(text) - len(text.translate(None, _PRINTABLE))
        if zeros.count(0) >= 0.9 * half and printable >= 0.9 * half:
            return True
    return False


_PRINTABLE = bytes(range(32, 256)) + b"\t\n\r"
"""The bytes :func:`_utf16` counts as text: all but the control characters."""


def decode(data: bytes, file: str) -> str:
    def fail(message: str, fix: str) -> DefinitionError:
        return DefinitionError([Problem(file=file, message=message, fix=fix)])

    if not data.strip():
        raise fail("the file is empty.", "start from schedules/vaccins-covid.toml and adapt it.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16(data):
        raise fail(
            "the file is UTF-16, not UTF-8.",
            "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
        )
    if b"\x00" in data:
        raise fail(
            "this is not a text file (it contains NUL bytes).",
            "give a TOML schedule definition, e.g. schedules/vaccins-covid.toml.",
        )
    # Windows editors add a byte-order mark; it carries no meaning in UTF-8.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return_text = f"the file is not UTF-8 (byte 0x{data[error.start]:02x} on line {line})."
        raise fail(
            return_text,
            "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
        ) from None


def _unreadable(error: OSError) -> tuple[str, str]:
    """What a definition that cannot be read is, and the fix: (message, fix)."""
    if isinstance(error, NotAFile):
        return (
            f"is {error.strerror}, not a file.",
            "name a .toml file (definitions live in schedules/).",
        )
    if isinstance(error, TooLarge):
        return (
            f"is {error.strerror}: far longer than any definition ({MAX_BLOCKS:,} blocks, "
            "the most a ledger holds, make about 1 MB).",
            "name the definition itself (a .toml file of a few kilobytes).",
        )
    if isinstance(error, TimeoutError):
        return f"{error.strerror}.", "start what writes to the pipe, or name the definition's file."
    if isinstance(error, FileNotFoundError):
        return "no such file.", "check the path (definitions live in schedules/)."
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a file.", "name a .toml file."
    return f"cannot be read ({error.strerror}).", "check its permissions."


def read_source(path: Path, file: str) -> str:
    """The text of a definition file; ``file`` is how messages name it."""
    try:
        data = read_bounded(path, MAX_DEFINITION_BYTES)
    except OSError as error:
        message, fix = _unreadable(error)
        raise DefinitionError([Problem(file=file, message=message, fix=fix)]) from None
    return decode(data, file)
