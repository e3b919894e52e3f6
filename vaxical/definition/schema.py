"""The keys each table of a definition may hold, in both formats: where a misplaced key
belongs, and what a typo was meant to be.
"""

from __future__ import annotations

from collections.abc import Mapping

from vaxical.definition.locate import KeyPath

_RULES = {
    "sessions": ("days",),
    "delivery": ("first_day", "last_day", "counted_from", "note"),
    "confirmation": ("day", "time", "timezone", "minutes", "note"),
    "appointments": ("days_after_delivery", "weekday", "note"),
    "holidays": ("regions", "sessions", "deliveries"),
}


_PERIOD = ("start", "end", "every_weeks", "rrule")


_EXCEPTION = ("session", "reason", "close", "open", "move_to", "days", "delivery", "extra")


_NOTICE = ("reference", "date", "title", "url", "summary")


_IDENTITY = (
    "id",
    "name",
    "product",
    "description",
    "timezone",
    "base_url",
    "portal_url",
    "refresh_hours",
)


# The rule sections of a single-revision definition; a ledger states them in its blocks.
SINGLE_REVISION_SECTIONS = (
    "sessions",
    "periods",
    "delivery",
    "confirmation",
    "appointments",
    "exceptions",
    "holidays",
    "notices",
)

KEYS: Mapping[KeyPath, tuple[str, ...]] = {
    (): ("calendar", *SINGLE_REVISION_SECTIONS, "reminders", "revisions"),
    # A single-revision definition (the format before ledgers).
    ("calendar",): (*_IDENTITY, "revised", "horizon", "past_weeks"),
    # (past_weeks is read in ledgers only; revised and horizon in single revisions only.)
    **{(name,): keys for name, keys in _RULES.items()},
    ("periods",): _PERIOD,
    ("exceptions",): _EXCEPTION,
    ("notices",): _NOTICE,
    ("reminders",): ("alarms",),
    # A ledger: one [[revisions]] block per notice, each with the rules it changes.
    ("revisions",): (
        "date",
        *_NOTICE[:1],
        *_NOTICE[2:],
        "correction",
        "from",
        "horizon",
        "sessions",
        "periods",
        "delivery",
        "confirmation",
        "appointments",
        "holidays",
        "exceptions",
    ),
    ("revisions", "sessions"): ("from", "days", "opens", "closes", "timezone"),
    **{("revisions", name): ("from", *keys) for name, keys in _RULES.items() if name != "sessions"},
    ("revisions", "confirmation"): ("from", *_RULES["confirmation"], "none"),
    ("revisions", "appointments"): ("from", *_RULES["appointments"], "none"),
    ("revisions", "periods"): (*_PERIOD, "closed_weeks", "closed_until_further_notice"),
    ("revisions", "exceptions"): _EXCEPTION,
}


ARRAYS = frozenset({"periods", "exceptions", "notices", "revisions"})


_KINDS: Mapping[str, tuple[str, ...]] = {
    "boolean": ("close", "open", "extra", "none", "closed_weeks", "closed_until_further_notice"),
    "date": ("start", "end", "session", "move_to", "horizon", "from", "revised", "date"),
    "time": ("time", "opens", "closes"),
    "number": (
        "every_weeks",
        "first_day",
        "last_day",
        "day",
        "minutes",
        "days_after_delivery",
        "refresh_hours",
        "past_weeks",
    ),
    "regions": ("regions",),
    "list": ("alarms",),
}
_KIND_OF = {key: kind for kind, keys in _KINDS.items() for key in keys}


def kind_of(table: KeyPath, key: str) -> str:
    """What ``key`` of ``table`` (its names, indexes left out) holds: ``boolean``,
    ``date``, ``time``, ``number``, ``weekdays`` (a session's days), ``regions``,
    ``span`` (an exception's first and last day), ``list`` or ``text``; for advice on a
    value TOML cannot read, which says no more than « invalid value »."""
    if key in ("days", "delivery") and table[-1:] == ("exceptions",):
        return "span"
    if key == "days":
        return "weekdays"
    return _KIND_OF.get(key, "text")


_KNOWN = frozenset(key for keys in KEYS.values() for key in keys)


def known_key(key: str) -> bool:
    """Whether some table of a definition has a key of that name."""
    return key in _KNOWN
