"""A ledger block's notice, or its correction, and its date: what the block's history
entry says and when (each block is dated on or after the one before it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from vaxical.definition.blocks import out_of_order
from vaxical.definition.identity import Identity, moment
from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.definition.typed import Section
from vaxical.model import CORRECTION_KEY, Notice, Revision
from vaxical.schedule.zones import local_day


def block_revision(
    reader: Reader, section: Section, identity: Identity, earlier: Sequence[Revision], index: int
) -> Revision | None:
    """The notice (or the correction) of the block ``index`` and its date, which follows
    the dates of the ``earlier`` blocks; None, said, when it cannot be read."""
    table, path = section.table, section.path
    date = moment(section, "date", identity.timezone)
    notice_keys = [key for key in ("reference", "title", "url", "summary") if key in table]
    if "correction" in table:
        reason = section.text("correction", '"Erreur de date corrigée"', one_line=False)
        if notice_keys:
            reader.report(
                (*path, notice_keys[0]),
                "a correction has no notice; a block states one or the other.",
                "remove `correction` for a notice, or the notice's keys for a correction.",
                has_value=False,
            )
            return None
        if date is None or reason is None:
            return None
        day = local_day(date, identity.timezone)
        notice = Notice(
            reference="Correction du calendrier",
            date=day,
            title=reason.splitlines()[0],
            url=identity.base_url,
            summary=reason,
            correction=True,
        )
        key = f"{CORRECTION_KEY}{date:%Y%m%d}"
        taken = {revision.key for revision in earlier}
        suffix = 2
        while key in taken:
            key = f"{CORRECTION_KEY}{date:%Y%m%d}-{suffix}"
            suffix += 1
        revision = Revision(index + 1, date, day, notice, True, key, _line(reader, path))
        return _dated(reader, section, earlier, revision)
    reference = section.text("reference", '"DGS-Urgent N°2023-11"')
    title = section.text("title", '"…"')
    url = section.url("url", '"https://…"', https_only=False)
    summary = section.text("summary", '"…"', one_line=False)
    if not (date and reference and title and url and summary):
        return None
    # Its day as the calendar's zone reads it: 00:30 in Paris is of that day, though
    # of the day before in UTC (a plain date is of its own day everywhere).
    day = local_day(date, identity.timezone)
    notice = Notice(reference, day, title, url, summary)
    key = notice_key(notice)
    for revision in earlier:
        if revision.key == key:
            reader.report(
                (*path, "reference"),
                f"revisions[{revision.number}] states this notice already.",
                "give each notice one block; a later change is a block of its own "
                '(with `correction = "…"` when no notice announces it).',
                reference,
            )
            return None
    return _dated(
        reader,
        section,
        earlier,
        Revision(index + 1, date, day, notice, False, key, _line(reader, path)),
    )


def _line(reader: Reader, path: KeyPath) -> int | None:
    position = reader.source.entry(path) or reader.source.find(path)
    return position[0] if position else None


def _dated(
    reader: Reader, section: Section, earlier: Sequence[Revision], revision: Revision
) -> Revision | None:
    """``revision``, when it is dated on or after the block before it."""
    previous = earlier[-1].date if earlier else None
    if previous is not None and revision.date < previous:
        written = section.table.get("date")
        out_of_order(reader, revision.number - 1, written, revision.date, previous)
        return None
    return revision


def notice_key(notice: Notice) -> str:
    """The stable key of a notice's history entry (its Atom id derives from it)."""
    ascii_text = unicodedata.normalize("NFKD", notice.reference).encode("ascii", "ignore")
    return "notice-" + re.sub(r"[^a-z0-9]+", "-", ascii_text.decode().lower()).strip("-")
