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


def notice(number: int, date: str) -> str:
    """A later block that says nothing yet: SECOND as notice N°``number`` of ``date``."""
    return SECOND.replace("Avis N°2", f"Avis N°{number}").replace("2024-02-01", date)


# A notice that closes the portal until further notice from the session of 12 February 2024.
SUSPEND = """\
[[revisions]]
reference = "Avis N°2"
date = 2024-02-01
title = "Fermeture"
url = "https://example.org/avis/2"
summary = "Le portail ferme jusqu'à nouvel ordre à compter de la session du 12 février."

[[revisions.periods]]
start = 2024-02-12
closed_until_further_notice = true
"""


# The notice that reopens it, every week from the session of 4 March 2024.
REOPEN = """\
[[revisions]]
reference = "Avis N°3"
date = 2024-02-20
title = "Réouverture"
url = "https://example.org/avis/3"
summary = "Réouverture chaque semaine à compter de la session du 4 mars."

[[revisions.periods]]
start = 2024-03-04
every_weeks = 1
"""


def ledger_text(*blocks: str, calendar: str = CALENDAR, first: str = FIRST) -> str:
    """The calendar, the first block, then ``blocks`` (TOML snippets) in order."""
    return "\n".join([calendar, first, *(textwrap.dedent(block) for block in blocks)])


def weekly_ledger_head(
    calendar_id: str,
    name: str,
    *,
    timezone: str = "Europe/Paris",
    horizon: str,
    confirmation_zone: str | None = None,
) -> str:
    """A calendar and its first block: weekly Monday-Tuesday sessions from 1 January 2024
    (notice dated that day), J+10 delivery, Wednesday 18:00 confirmation."""
    calendar = (
        CALENDAR.replace('id = "essai"', f'id = "{calendar_id}"')
        .replace('name = "Essai"', f'name = "{name}"')
        .replace('timezone = "Europe/Paris"', f'timezone = "{timezone}"')
    )
    first = (
        FIRST.replace("date = 2024-01-02", "date = 2024-01-01")
        .replace("start = 2024-01-08", "start = 2024-01-01")
        .replace("horizon = 2024-03-25", f"horizon = {horizon}")
    )
    if confirmation_zone is not None:
        first = first.replace("minutes = 30\n", f'minutes = 30\ntimezone = "{confirmation_zone}"\n')
    return calendar + "\n" + first
