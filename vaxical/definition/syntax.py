"""TOML text to data, its syntax errors made specific: the mistakes people make most
(dates and times written the French way, a bare word, a key written twice, a section or
a list left open, a no-break space) each named, with a fix that works as written."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from typing import Any

from vaxical.definition.firstdays import first_day_keys
from vaxical.definition.locate import SourceMap
from vaxical.definition.reader import shown_key
from vaxical.definition.schema import ARRAYS, kind_of, known_key
from vaxical.definition.written import bare_word, written_wrong
from vaxical.errors import DefinitionError, Problem

_KEY_OF = re.compile(r"^\s*([A-Za-z0-9_-]++(?:\.[A-Za-z0-9_-]++)*+)\s*=")
"""The key of a `key = value` line (possessive, as written.py's patterns of keys)."""
_GENERIC_SYNTAX_FIX = (
    "check this line: text goes in double quotes, dates as 2023-07-24 without quotes, "
    "one `key = value` per line, sections as [name]."
)
_UNCLOSED = ("unterminated string", "expected \"'''\"")
"""What TOML says, at the end of the document, of a text never closed."""


def _syntax_advice(
    detail: str, line_text: str | None, column: int | None, source: SourceMap, line: int | None
) -> tuple[str, str]:
    """tomllib's message, made specific for the mistakes people make most."""
    lowered = detail.lower()
    header = _OPEN_HEADER.match(line_text or "")
    if header is not None and len(header.group(3)) < len(header.group(1)):
        opening, name, closing = header.group(1, 2, 3)
        return _open_header(opening, name, closing, source, line)
    # A date or time written the French way: its fix rewrites the whole line, the space
    # included; else a space TOML does not read as one is what stopped it.
    table = source.table_at(line) if line is not None else ()

    def kind(key: str) -> str:
        *inner, name = key.split(".")  # a dotted key names tables inside this one
        return kind_of((*table, *inner), name) if known_key(name) else "unknown"

    starts = first_day_keys(source, line) if line is not None else lambda key: None
    said = written_wrong(line_text or "", kind, starts)
    said = said or _odd_space(line_text, column)
    if said is not None:
        return said
    # A bare word where TOML wanted a value, or a known key's value TOML read only the
    # start of (`minutes = 1h30`: 1, then « h30 »; `reason = 18h`).
    written = _KEY_OF.match(line_text or "")
    known = written is not None and kind(written.group(1)) != "unknown"
    if (
        line_text is not None
        and line is not None
        and (lowered.startswith("invalid value") or known)
    ):
        said = bare_word(line_text, kind)
        if said is not None:
            return said
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
                f"the section `{shown_key(twice[0])}` is written twice (first on line {twice[1]}).",
                "merge the two into one (for repeated entries, use [[name]] with double brackets).",
            )
        if twice is not None:
            return (
                f"`{shown_key(twice[0])}` is written twice in this table (first on line "
                f"{twice[1]}).",
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
    typography, text pasted from a notice) looks like an ordinary space on screen, and an
    invisible character (a zero-width space, a soft hyphen) like nothing at all."""
    if line_text is None or column is None or not 1 <= column <= len(line_text):
        return None
    character = line_text[column - 1]
    category = unicodedata.category(character)
    if character == " " or category not in ("Zs", "Cf"):
        return None
    name = unicodedata.name(character, "").lower() or "invisible character"
    article = "an" if name[0] in "aeiou" else "a"
    said = f"{article} {name} (U+{ord(character):04X}) stands here, which TOML does not read"
    if category == "Cf":  # nothing to see: it goes
        return f"{said}.", "delete it (text pasted from a web page or a document brings them)."
    return (
        f"{said} as a space.",
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
