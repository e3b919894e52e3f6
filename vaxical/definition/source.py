"""Bytes to text: decoding, and reading the file, bounded."""

from __future__ import annotations

from pathlib import Path

from vaxical.bounded import read_bounded
from vaxical.definition.blocks import MAX_BLOCKS
from vaxical.errors import DefinitionError, NotAFile, Problem, TooLarge

MAX_DEFINITION_BYTES = 10_000_000
"""The most a definition file may hold: bounded work whatever a path names."""


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
