"""Advice on the clocks a calendar states its times by: a zone that is a fixed offset
(`UTC`, `Etc/GMT-2`) is a valid tz database name, and the loader accepts it, but it has
no daylight-saving time. The notices give the time of a place (Paris, most often): a
confirmation at 18:00 stated in `Etc/GMT-2` is right in summer and an hour off all
winter, and `UTC` is off all year. A user's trial found both accepted without a word.
Pure; the words are French, as every warning of `check` and `build`.
"""

from __future__ import annotations

from vaxical.model import Ledger
from vaxical.rules import Rules

# The tz database's names of a fixed offset that are no place: Etc/… and their aliases.
_OFFSET_NAMES = frozenset(
    {"UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich", "Universal", "Zulu"}
    | {"EST", "MST", "HST"}
)


def fixed_offset(tzid: str) -> bool:
    """Whether ``tzid`` names an offset rather than a place's clock."""
    return tzid.startswith("Etc/") or tzid in _OFFSET_NAMES


def _rule_zones(rules: Rules) -> set[tuple[str, str]]:
    """The zones a session's rules state times in, with the key that states each."""
    found = set()
    if rules.hours is not None and rules.hours.timezone is not None:
        found.add(("sessions.timezone", rules.hours.timezone))
    if rules.confirmation is not None and rules.confirmation.timezone is not None:
        found.add(("confirmation.timezone", rules.confirmation.timezone))
    return found


def clock_warnings(ledger: Ledger) -> list[str]:
    """The fixed offsets the latest block brings in: the calendar's zone while the ledger
    has its first block alone (it cannot change once published: a warning at every
    build after that could be silenced by nothing), a rule's zone when the latest block
    states it."""
    current = ledger.current
    stated: set[tuple[str, str]] = set()
    if len(ledger.revisions) == 1:
        stated.add(("calendar.timezone", current.timezone))
    before = ledger.states[-2] if len(ledger.states) > 1 else None
    earlier = set()
    for ruling in before.rulings if before is not None else ():
        earlier |= _rule_zones(ruling.rules)
    for ruling in current.rulings:
        stated |= _rule_zones(ruling.rules) - earlier
    return [
        f"{key} = « {tzid} » : un décalage fixe, sans heure d'été, et non l'heure d'un "
        "lieu : les heures que donnent les avis (celles de Paris, le plus souvent) y "
        "seraient décalées une partie de l'année, ou toute l'année (écrivez le nom du "
        "lieu : Europe/Paris, America/Martinique…)"
        for key, tzid in sorted(stated)
        if fixed_offset(tzid)
    ]
