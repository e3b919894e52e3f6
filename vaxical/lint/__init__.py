"""Check any iCalendar file against the rules of docs/calendar-clients.md. Pure: bytes in,
findings out (and the tz database that pytz ships, read as the build reads it).

``octets.py`` and ``lines.py`` read the file (octets → physical lines → content lines →
components) with their own small reader rather than a full parser, so that they can point
at the line of a broken file instead of failing on it; ``rules.py`` holds one function
per rule, which its decorator enters in the one table of ``registry.py``, and reads
values through ``values.py``, but for two themes of their own: rules 2 and 3 in
``vtimezone.py``, which reads a VTIMEZONE's parts and compares them with the current
rules of a zone the tz database knows (``database.py`` gives them) and with the first
time given in the zone, and rule 16 in ``alarms.py``. Work is bounded whatever the file
holds: time and memory grow with its size, never faster, and at most ``MAX_PER_RULE``
findings of each rule are kept, then one line says how many more.
"""

from __future__ import annotations

import functools
import sys
from bisect import insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from vaxical.lint.lines import Feed, Scope, components, content_lines
from vaxical.lint.octets import Lines, Report, physical_lines
from vaxical.lint.registry import DOCUMENT, RULES, ComponentCheck, LineCheck, Rule
from vaxical.lint.rules import READ  # importing the checks registers them

__all__ = [
    "DOCUMENT",
    "MAX_FEED_BYTES",
    "MAX_PER_RULE",
    "MAX_READ_BYTES",
    "RULES",
    "Finding",
    "Rule",
    "lint",
]

MAX_FEED_BYTES = 1_000_000  # rule 19: Google refuses feeds over about 1 MB
MAX_READ_BYTES = 100_000_000  # what `vaxical lint` reads of a file: 100 feeds at the limit
MAX_PER_RULE = 10  # then one summary line: a broken file should not print thousands
SYNTAX_RULE = 18  # what the reader cannot read breaks "text and bytes"


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    line: int
    rule: int
    message: str
    fix: str

    @property
    def title(self) -> str:
        return RULES[self.rule].title

    @property
    def reference(self) -> str:
        """Where the rule is explained: ``docs/calendar-clients.md#rule-N``."""
        return RULES[self.rule].reference

    def format(self, file: str, *, reference: bool = False) -> str:
        text = (
            f"{file}:{self.line}: rule {self.rule} ({self.title}): {self.message} Fix: {self.fix}"
        )
        return f"{text} See {self.reference}" if reference else text


def lint(
    data: bytes, *, alarms_allowed: bool = False, max_bytes: int | None = MAX_FEED_BYTES
) -> tuple[Finding, ...]:
    """Every rule the file breaks, sorted by line; at most MAX_PER_RULE per rule, then one
    finding that says how many more.

    ``alarms_allowed`` for an opt-in reminders feed; ``max_bytes=None`` skips the size rule.
    """
    findings = _Findings()
    syntax = findings.reporter(SYNTAX_RULE)
    if not data:
        syntax(1, "the file is empty (0 bytes).", "write an iCalendar file (BEGIN:VCALENDAR).")
        return findings.sorted()
    feed = Feed(len(data), alarms_allowed, max_bytes)
    checks = _checks()
    reporters = {number: findings.reporter(number) for number in checks.rules}
    line_checks = [(check, reporters[number]) for check, number in checks.lines]
    by_scope = {
        scope: [(check, reporters[number]) for check, number in scope_checks]
        for scope, scope_checks in checks.scopes.items()
    }
    lines = _checked(physical_lines(data, syntax), line_checks)
    for component in components(content_lines(lines, syntax), feed, syntax, READ):
        for check, report in by_scope.get(component.scope, ()):
            check(component, feed, report)
    return findings.sorted()


class _Checks(NamedTuple):
    """Each rule's checks, read from RULES once rather than for each file."""

    rules: tuple[int, ...]
    """The numbers of the rules with a check."""
    lines: tuple[tuple[LineCheck, int], ...]
    """Each line check, with its rule's number."""
    scopes: dict[Scope, tuple[tuple[ComponentCheck, int], ...]]
    """The component checks of each scope, with their rule's number."""


@functools.cache
def _checks() -> _Checks:
    """The checks of RULES, which the rules module filled when it was imported."""
    lines = tuple((rule.on_line, rule.number) for rule in RULES.values() if rule.on_line)
    scopes: dict[Scope, list[tuple[ComponentCheck, int]]] = {}
    for rule in RULES.values():
        if rule.on_component is not None:
            for scope in rule.scopes:
                scopes.setdefault(scope, []).append((rule.on_component, rule.number))
    return _Checks(
        tuple(rule.number for rule in RULES.values() if rule.checked),
        lines,
        {scope: tuple(checks) for scope, checks in scopes.items()},
    )


def _checked(lines: Iterable[Lines], checks: list[tuple[LineCheck, Report]]) -> Iterator[Lines]:
    """The lines, each chunk shown to the physical-line checks on its way to the reader
    with the octets of the line before it."""
    previous: bytes | None = None
    for chunk in lines:
        for check, report in checks:
            check(chunk, previous, report)
        previous = chunk[1][-1]  # the octets of its last line
        yield chunk


class _Findings:
    """Every rule's tally, made when the rule's reporter is."""

    def __init__(self) -> None:
        self.tallies: dict[int, _Tally] = {}

    def reporter(self, rule: int) -> Report:
        tally = self.tallies.get(rule)
        if tally is None:
            tally = self.tallies[rule] = _Tally(rule)
        return tally.add

    def sorted(self) -> tuple[Finding, ...]:
        found = [tally.found() for tally in self.tallies.values() if tally.count]
        return tuple(Finding(*fields) for fields in sorted(chain.from_iterable(found)))


class _Tally:
    """One rule's findings: the MAX_PER_RULE first in sort order, how many there were, and
    the last line. Memory stays small however many problems a file has; the result is the
    same as sorting them all and keeping the first (each finding is distinct by
    construction: one problem, one line, one message). A finding is kept as its line,
    message and fix, which within one rule sort as Findings do: tuples compare in C, a
    Finding through the dataclass's Python functions."""

    __slots__ = ("bar", "count", "kept", "last", "rule")

    def __init__(self, rule: int) -> None:
        self.rule = rule
        self.kept: list[tuple[int, str, str]] = []
        self.count = 0
        self.last = 0
        self.bar = sys.maxsize
        """Once MAX_PER_RULE are kept: the line of the last one; a finding after it is
        only counted. Lines mostly come in order, so this is the usual case."""

    def add(self, line: int, message: str, fix: str, *, through: int = 0) -> None:
        last = through if through > line else line
        self.count += last - line + 1
        if last > self.last:
            self.last = last
        if line > self.bar:
            return
        kept = self.kept
        for number in range(line, min(last, line + MAX_PER_RULE - 1) + 1):
            finding = (number, message, fix)
            if finding in kept:  # reported twice: once per VCALENDAR of the file
                self.count -= 1
                continue
            if len(kept) == MAX_PER_RULE and finding >= kept[-1]:
                break
            insort(kept, finding)
            del kept[MAX_PER_RULE:]
            if len(kept) == MAX_PER_RULE:
                self.bar = kept[-1][0]

    def found(self) -> list[tuple[int, int, str, str]]:
        """The findings kept, then one that says how many more, as a Finding's fields:
        sorted as tuples, in C, then made Findings."""
        rule = self.rule
        found = [(line, rule, message, fix) for line, message, fix in self.kept]
        if self.count > MAX_PER_RULE:
            more = f"and {self.count - MAX_PER_RULE:,} more like these."
            found.append((self.last, rule, more, "see above."))
        return found
