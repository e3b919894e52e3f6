"""The exceptions vaxical raises. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file, said so that a person can fix it."""

    file: str
    """The file as the user named it."""
    message: str
    """What is wrong, in one sentence."""
    fix: str
    """What to do about it."""
    key: str | None = None
    """The key path, e.g. ``periods[2].every_weeks`` (1-based indexes, as a person counts)."""
    value: str | None = None
    """The offending value as written (repr-like), when there is one."""
    line: int | None = None
    column: int | None = None
    excerpt: str | None = None
    """The offending source line, without its newline."""

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = ""
        if self.key is not None:
            subject = f" {self.key}"
            if self.value is not None:
                subject += f" = {self.value}"
            subject += ":"
        text = f"{where}:{subject} {self.message} Fix: {self.fix}"
        if self.excerpt is not None and self.line is not None:
            text += f"\n    {self.line:>4} | {_shortened(self.excerpt, self.column)}"
        return text


EXCERPT_LENGTH = 200
"""The most characters of its line a message shows: a line of a megabyte (a text pasted
whole) was copied out whole."""


def _shortened(line: str, column: int | None) -> str:
    """``line`` as a message shows it: whole, or :data:`EXCERPT_LENGTH` characters of it
    around ``column`` (the start without one), « … » where it is cut."""
    if len(line) <= EXCERPT_LENGTH:
        return line
    start = max(0, min((column or 1) - 1 - EXCERPT_LENGTH // 2, len(line) - EXCERPT_LENGTH))
    shown = line[start : start + EXCERPT_LENGTH]
    return ("…" if start else "") + shown + ("…" if start + EXCERPT_LENGTH < len(line) else "")


class VaxicalError(Exception):
    """Base of every error vaxical raises on purpose."""


class InputError(VaxicalError):
    """One or more problems in files a person gave vaxical (bad input: exit status 2),
    each said with its file, line or key, value and fix."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))


class DefinitionError(InputError):
    """Problems in schedule definitions (the TOML files)."""


class LintError(InputError):
    """Feeds `vaxical lint` found a problem in or could not read (exit status 2). Its
    findings are on stdout already, printed as each file was read; ``problems``: the
    files it could not read; ``summary``: the line that ends its report."""

    def __init__(self, problems: Sequence[Problem], summary: str) -> None:
        super().__init__(problems)
        self.summary = summary


class PublishedError(InputError):
    """Problems in a published build read back (``--previous``, ``vaxical diff``): a
    calendar's JSON that is not what vaxical writes."""


class ZoneError(VaxicalError):
    """A zone whose rules cannot be written in the Outlook-safe form (exit status 2)."""


class OutputError(VaxicalError):
    """The output folder could not be written (exit status 1); the previous one is intact."""


class FeedError(VaxicalError):
    """vaxical rendered a feed that breaks a client rule: a bug, caught before publishing."""


class UsageError(VaxicalError):
    """The command line asks for something that cannot be done (exit status 2)."""


class UnsafeValueError(VaxicalError):
    """A value about to be published that its format cannot carry safely: a link that is
    not http(s), or a character XML 1.0 or iCalendar cannot hold (bad input: exit status 2).

    The definition loader refuses these at input; this is raised by the renderers, the
    last line of defence, for values that came another way (a previous build's JSON)."""

    def __init__(self, field: str, value: object, message: str, fix: str) -> None:
        self.field = field
        self.value = value
        shown = repr(value)
        if len(shown) > 120:
            shown = shown[:117] + "..."
        super().__init__(f"{field} = {shown}: {message} Fix: {fix}")


class NotAFile(OSError):
    """The path names neither a file nor a pipe (a device, a socket); its ``strerror``
    says which."""


class TooLarge(OSError):
    """The file holds more than the limit; ``strerror`` says the limit."""
