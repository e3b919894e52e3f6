"""Where a published event or history entry and its rebuilt self differ, in words: what a
refusal of an edited block shows, so that the publisher finds the edit in the block
without a diff of the ledger (a user's trial had only the block's header line and a
count of events). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vaxical.model import HistoryEntry

# An event's fields in the order a person reads them: its dates first (a delivery or a
# session moved), then its texts; the UTC instants and the rest only when nothing else
# differs.
_EVENT_FIELDS = ("start", "end", "summary", "description", "alarms", "kind", "category")


def event_edit(published: Mapping[str, Any], now: Mapping[str, Any]) -> str:
    """The first field of an event's content (:func:`vaxical.render.jsonrecords.
    event_content`) that differs, as subscribers have it and as rebuilt, said of the
    event (« description reads … »); "" when none."""
    fields = [*_EVENT_FIELDS, *sorted(set(published) | set(now))]
    for field in fields:
        old, new = published.get(field), now.get(field)
        if old == new:
            continue
        if isinstance(old, str) and isinstance(new, str):
            shown_old, shown_new = apart(old, new)
            return f'{field} reads "{shown_new}" where subscribers have "{shown_old}"'
        return f"{field} differs from what subscribers have"
    return ""


def entry_edit(published: HistoryEntry, now: HistoryEntry) -> str:
    """Where the text of a history entry differs: its first field that does, where it
    does; else the first of its changes that does."""
    for field in ("title", "summary", "url"):
        old, new = getattr(published, field), getattr(now, field)
        if old != new:
            shown_old, shown_new = apart(old, new)
            return f'its {field} reads "{shown_new}" where subscribers have "{shown_old}"'
    if published.date != now.date:
        shape = "%Y-%m-%d" if published.date.date() != now.date.date() else "%Y-%m-%d %H:%M UTC"
        return f"its date is {now.date:{shape}} where subscribers have {published.date:{shape}}"
    return _changes_edit(published.changes, now.changes)


def _changes_edit(published: tuple[str, ...], now: tuple[str, ...]) -> str:
    """The first change of an entry's list that differs (a block's new horizon or rule
    adds, drops or rewords what it changed); "" when the lists are the same."""
    for index in range(max(len(published), len(now))):
        old = published[index] if index < len(published) else None
        new = now[index] if index < len(now) else None
        if old == new:
            continue
        if old is None:
            return f"its changes gain « {new} »"
        if new is None:
            return f"its changes lose « {old} »"
        return f"its changes say « {new} » where subscribers have « {old} »"
    return ""


def apart(old: str, new: str, context: int = 24, width: int = 64) -> tuple[str, str]:
    """The two texts from a little before where they first differ, cut to ``width``."""
    pairs = enumerate(zip(old, new, strict=False))
    common = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
    start = max(0, common - context)

    def cut(text: str) -> str:
        shown = text[start : start + width]
        return ("…" if start else "") + shown + ("…" if start + width < len(text) else "")

    return cut(old), cut(new)
