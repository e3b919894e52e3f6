"""A calendar's change log: its source notices and the updates builds have seen. Pure."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from vaxical.changes import Change
from vaxical.model import Definition, HistoryEntry

UPDATE_PREFIX = "update-"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def notice_entries(definition: Definition) -> tuple[HistoryEntry, ...]:
    """One entry per source notice, dated at the start of its day (UTC)."""
    return tuple(
        HistoryEntry(
            key=f"notice-{_slug(notice.reference)}",
            date=dt.datetime.combine(notice.date, dt.time(), tzinfo=dt.UTC),
            title=f"{notice.reference} : {notice.title}",
            summary=notice.summary,
            changes=(),
            url=notice.url,
        )
        for notice in definition.notices
    )


def update_entry(definition: Definition, changes: Sequence[Change]) -> HistoryEntry:
    """The entry a build records when ``--previous`` shows that sessions changed."""
    count = len(changes)
    return HistoryEntry(
        key=f"{UPDATE_PREFIX}{definition.revised:%Y%m%dT%H%M%SZ}",
        date=definition.revised,
        title="Mise à jour du calendrier",
        summary=f"{count} changement{'s' if count > 1 else ''} dans les sessions publiées.",
        changes=tuple(change.text for change in changes),
        url=definition.base_url,
    )


def build_history(
    definition: Definition, updates: Sequence[HistoryEntry], changes: Sequence[Change]
) -> tuple[HistoryEntry, ...]:
    """Notices, past updates and (if any) this build's update; newest first.

    An update with the same revision time as a past one replaces it: rebuilding the
    same revision twice does not log it twice.
    """
    entries = {entry.key: entry for entry in updates}
    if changes:
        entry = update_entry(definition, changes)
        entries[entry.key] = entry
    for entry in notice_entries(definition):
        entries[entry.key] = entry
    return tuple(sorted(entries.values(), key=lambda e: (e.date, e.key), reverse=True))
