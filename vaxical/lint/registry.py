"""The table of the rules of docs/calendar-clients.md, and the decorators that fill it.

As in pycodestyle, a check is a plain function: its decorator gives the rule's number,
title (the heading at ``docs/calendar-clients.md#rule-N``) and source, and registers it;
its docstring says why. :mod:`vaxical.lint.rules` holds the checks, in the document's order,
but for those a module of their own holds by theme (:mod:`vaxical.lint.alarms`); the table
keeps the document's order whichever module registers first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from inspect import cleandoc
from typing import Final

from vaxical.lint.lines import Component, Feed, Scope
from vaxical.lint.octets import Lines, Report

DOCUMENT: Final = "docs/calendar-clients.md"

LineCheck = Callable[[Lines, bytes | None, Report], None]
"""Sees the physical lines a chunk at a time, with the octets of the line before them."""
ComponentCheck = Callable[[Component, Feed, Report], None]


@dataclass(frozen=True, slots=True)
class Rule:
    number: int
    title: str
    source: str
    why: str
    on_line: LineCheck | None = None
    on_component: ComponentCheck | None = None
    scopes: tuple[Scope, ...] = ()
    """The components ``on_component`` reads."""

    @property
    def reference(self) -> str:
        return f"{DOCUMENT}#rule-{self.number}"

    @property
    def checked(self) -> bool:
        """Whether ``vaxical lint`` checks it; a rule about what no single file shows (a
        UID kept across builds, how files are served, the page's links) is registered
        without a check, and its tests are named in docs/calendar-clients.md."""
        return self.on_line is not None or self.on_component is not None


RULES: Final[dict[int, Rule]] = {}
"""Every rule of docs/calendar-clients.md by number, in its order: the one table."""


def _register(rule: Rule) -> Rule:
    RULES[rule.number] = rule
    ordered = sorted(RULES.items())  # some 20 rules, once each when the package is imported
    RULES.clear()
    RULES.update(ordered)
    return rule


def line_rule(number: int, title: str, source: str) -> Callable[[LineCheck], Rule]:
    def register(check: LineCheck) -> Rule:
        why = cleandoc(check.__doc__ or "")
        return _register(Rule(number, title, source, why, on_line=check))

    return register


def component_rule(
    number: int, title: str, source: str, *scopes: Scope
) -> Callable[[ComponentCheck], Rule]:
    def register(check: ComponentCheck) -> Rule:
        why = cleandoc(check.__doc__ or "")
        return _register(Rule(number, title, source, why, on_component=check, scopes=scopes))

    return register


def elsewhere(number: int, title: str, source: str, why: str) -> Rule:
    """A rule about builds, serving or links: one file cannot break it."""
    return _register(Rule(number, title, source, why))
