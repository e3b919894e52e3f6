"""The last checks before a value is published. Pure.

Every link that reaches a page, a feed or the JSON must be an http(s) address, and every
text must be one that XML 1.0 (the Atom feed, the page) and iCalendar (the feeds) can
carry. The definition loader refuses bad values at input; the renderers call these
checks again on what they publish, whatever its origin (a definition, or the history
read back from a previous build's JSON with ``--previous``), and refuse rather than emit.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NoReturn
from urllib.parse import urlsplit

from vaxical.errors import UnsafeValueError

WEB = ("https", "http")
# XML 1.0 §2.2 (Char) excludes C0 controls but tab, newline and carriage return,
# surrogates, U+FFFE and U+FFFF; RFC 5545 §3.3.11 (TEXT) excludes CONTROL, which adds
# DEL and carriage return (a lone CR is no line break any client agrees on).
_UNSAFE_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Beyond those: what no address holds unencoded (RFC 3986 §2), and what would let a link
# end early in an attribute or a content line.
_UNSAFE_IN_URL = re.compile('[\\s\x80-\x9f"<>\\\\`]')
_TEXT_FIX = (
    "remove the character from the definition (or from the --previous build's JSON, "
    "where the history comes from)."
)


# Remembered: a build checks the same texts again and again (an event's in the JSON and
# in each feed, a state or a date in every row of the page).
@functools.lru_cache(maxsize=16384)
def _unsafe_character(value: str) -> str | None:
    found = _UNSAFE_CHARACTER.search(value)
    return None if found is None else found.group()


def check_text(value: object, field: str) -> str:
    """``value`` if it is text that XML 1.0 and iCalendar can carry; raises otherwise."""
    if not isinstance(value, str):
        raise UnsafeValueError(field, value, "is not text.", "give a string.")
    character = _unsafe_character(value)
    if character is not None:
        raise UnsafeValueError(
            field,
            value,
            f"holds the character U+{ord(character):04X}, which XML 1.0 and iCalendar "
            "cannot carry.",
            _TEXT_FIX,
        )
    return value


def is_text(value: object) -> bool:
    """Whether :func:`check_text` passes ``value``: for a caller that names the field
    only for a refusal (:func:`refuse_texts`), as writing each field's name cost more
    than checking it."""
    return isinstance(value, str) and _unsafe_character(value) is None


def refuse_texts(*named: tuple[object, str]) -> NoReturn:
    """Raises :func:`check_text`'s error for the first of ``named`` (value, field) that
    it refuses: for a caller that found with :func:`is_text` that one of them is unsafe,
    and names the fields only now."""
    for value, field in named:
        check_text(value, field)
    raise AssertionError(f"refuse_texts: {', '.join(field for _, field in named)} all pass")


def check_url(value: object, field: str, schemes: tuple[str, ...] = WEB) -> str:
    """``value`` if it is an absolute address with one of ``schemes`` and a host, and
    nothing that could end a link early; raises otherwise."""
    text = check_text(value, field)
    starts = " or ".join(f"{scheme}://" for scheme in schemes)
    fix = f"give an absolute address starting with {starts}."
    found = _UNSAFE_IN_URL.search(text)
    if found is not None:
        raise UnsafeValueError(
            field, value, f"holds {found.group()!r}, which a link cannot hold unencoded.", fix
        )
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError as error:  # e.g. an unbalanced "[" in the host
        raise UnsafeValueError(field, value, f"is not an address ({error}).", fix) from None
    if parts.scheme.lower() not in schemes:
        raise UnsafeValueError(field, value, f"does not start with {starts}.", fix)
    if not host:
        raise UnsafeValueError(field, value, "has no host.", fix)
    return text


def check_texts(value: object, field: str) -> None:
    """Every text in ``value`` (nested dicts, lists and tuples of plain values), each
    named by its path from ``field``: ``calendar.notices[0].title``."""
    # Named only when one fails: a page's values hold tens of thousands of texts, and
    # writing each one's path cost more than checking it.
    if not _all_safe(value):
        _check_named(value, field)


def _all_safe(value: object) -> bool:
    if isinstance(value, str):
        return _unsafe_character(value) is None
    items: Iterable[object]
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, list | tuple):
        items = value
    else:
        return True
    for item in items:
        if type(item) is str:  # most items: no call deeper
            if _unsafe_character(item) is not None:
                return False
        elif not _all_safe(item):
            return False
    return True


def _check_named(value: object, field: str) -> None:
    if isinstance(value, str):
        check_text(value, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_named(item, f"{field}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_named(item, f"{field}[{index}]")
