"""Advice on the clocks a calendar states its times by. Pure; the words are French, as
every warning of `check` and `build`.

A zone that is a fixed offset (`UTC`, `Etc/GMT-2`) is a valid tz database name, and the
loader accepts it, but it has no daylight-saving time. The notices give the time of a
place (Paris, most often): a confirmation at 18:00 stated in `Etc/GMT-2` is right in
summer and an hour off all winter, and `UTC` is off all year. A user's trial found both
accepted without a word.

A confirmation shown before the portal closes: a user's trial copied the shipped
ledger's example of a longer session (Friday to Wednesday) and got its confirmation on
the Wednesday at 18:00, the portal open until 23:00. Said, not refused: a ledger that an
earlier vaxical published so must still build (its blocks cannot change), and the
warning names only sessions from the latest block's day on.
"""

from __future__ import annotations

import datetime as dt

from vaxical.model import Ledger
from vaxical.rules import Rules
from vaxical.schedule import french
from vaxical.schedule.expand import Session

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
    """The fixed offsets the latest block of a ledger brings in: the calendar's zone while
    the ledger has its first block alone (it cannot change once published: a warning at
    every build after that could be silenced by nothing), a rule's zone when the latest
    block states it."""
    if ledger.legacy:
        # The single-revision format is one block for ever, edited in place: nothing
        # tells the first build from the hundredth, so it would be said at every build.
        return []
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


def early_confirmations(sessions: tuple[Session, ...], tzid: str, since: dt.date) -> list[str]:
    """The open sessions from ``since`` on whose confirmation comes before their portal
    closes (the rules giving its hours), as the calendar's clocks read both."""
    said = []
    for session in sessions:
        order = session.order
        if order is None or order.confirmation is None or session.days.last < since:
            continue
        portal = session.portal(tzid)
        if portal is None:
            continue
        closes = portal[1].replace(tzinfo=None)  # the calendar's wall clock, as shown
        shown = order.confirmation
        if shown < closes:
            said.append(
                f"session des {french.short_range(session.days, year=True)} : confirmation "
                f"{_when(shown)}, fermeture du portail {_when(closes)}"
            )
    return said


def _when(moment: dt.datetime) -> str:
    return f"{french.long_date(moment.date(), year=False)}, {french.clock(moment.time())}"
