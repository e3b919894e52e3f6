"""A small ledger for tests, built from its varying parts."""

from __future__ import annotations

import textwrap

CALENDAR = """\
[calendar]
id = "essai"
name = "Essai"
product = "vaccins"
description = "Calendrier d'essai."
timezone = "Europe/Paris"
base_url = "https://example.org/feeds/"
portal_url = "https://example.org/portail"
"""

FIRST = """\
[[revisions]]
reference = "Avis N°1"
date = 2024-01-02
title = "Règles"
url = "https://example.org/avis/1"
summary = "Chaque semaine."
horizon = 2024-03-25

[revisions.sessions]
days = ["monday", "tuesday"]

[[revisions.periods]]
start = 2024-01-08
every_weeks = 1

[revisions.delivery]
first_day = 10
last_day = 11

[revisions.confirmation]
day = 2
time = 18:00:00
minutes = 30

[revisions.appointments]
days_after_delivery = 1
"""

SECOND = """\
[[revisions]]
reference = "Avis N°2"
date = 2024-02-01
title = "Changement"
url = "https://example.org/avis/2"
summary = "Un changement."
"""


def ledger_text(*blocks: str, calendar: str = CALENDAR, first: str = FIRST) -> str:
    """The calendar, the first block, then ``blocks`` (TOML snippets) in order."""
    return "\n".join([calendar, first, *(textwrap.dedent(block) for block in blocks)])
