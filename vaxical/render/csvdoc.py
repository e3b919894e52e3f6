"""The sessions as CSV, for the software that reads them and for spreadsheets. Pure.

One row per session, written twice. ``<id>.csv`` as Etalab publishes the public holidays,
for software: UTF-8 with a header row, comma-separated, CRLF line ends and quotes only
where a value needs them (RFC 4180, as the stdlib ``csv`` module writes it).
``<id>-tableur.csv``, the same table as Excel writes CSV in French, for a double click:
Excel reads a CSV without byte-order mark in the Windows code page (« fermÃ© ») and
splits its columns at the list separator of the system's region, a semicolon in France
and Belgium (commas leave one column). LibreOffice, Numbers and Google Sheets read both.
Same sessions, same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from vaxical.model import Definition
from vaxical.render.table import rows
from vaxical.schedule.expand import Order, Session
from vaxical.schedule.zones import zone

# Column names in French, lower case without accents, as data.gouv.fr files name them.
COLUMNS = (
    "premier_jour",
    "dernier_jour",
    "etat",
    "livraison_premier_jour",
    "livraison_dernier_jour",
    "confirmation",
    "rendez_vous",
    "motif",
    "session",
    "ouverture",
    "fermeture",
)
"""``session``, after the first columns so that they keep their places: the session's
first day as the rules place it, its identity in the JSON and the feeds' UIDs (a moved
session's ``premier_jour`` is another day). ``ouverture`` and ``fermeture`` last, for
the same reason: when the portal opens on the first day and closes on the last (the
local time with its UTC offset, as ``confirmation``; an overseas calendar's portal
closes at the hour Paris states, 17h00 or 18h00 in Martinique)."""


def _order(order: Order | None, tz: dt.tzinfo) -> tuple[str, str, str, str]:
    """The delivery, confirmation and appointments columns: empty for a closed session,
    and each where the rules announce none."""
    if order is None:
        return ("", "", "", "")
    confirmation, appointments = order.confirmation, order.appointments
    return (
        order.delivery.first.isoformat(),
        order.delivery.last.isoformat(),
        "" if confirmation is None else confirmation.replace(tzinfo=tz).isoformat(),
        "" if appointments is None else appointments.isoformat(),
    )


BOM = "\ufeff"
"""What tells Excel that a CSV file is UTF-8."""


def render_both(definition: Definition, sessions: tuple[Session, ...]) -> tuple[bytes, bytes]:
    """``<id>.csv`` (comma-separated, UTF-8 without byte-order mark) and
    ``<id>-tableur.csv`` (semicolon-separated, after a byte-order mark, each ``motif`` a
    spreadsheet would take for a formula made plain text: :func:`as_text`), from the
    cells of one pass over the sessions.

    ``premier_jour,dernier_jour,etat,...``: ISO dates; ``etat`` is ``ouvert`` or
    ``fermé``; ``confirmation`` the local time with its UTC offset, as in the JSON;
    ``motif`` why the session differs from the rule (the page's note), else empty;
    ``session`` the session's identity; ``ouverture`` and ``fermeture`` the portal's
    hours (empty when the rules state none). A closed session leaves its delivery,
    confirmation, appointments and hours empty, and so do rules that announce no
    confirmation, no appointments day or no hours."""
    cells = _cells(definition, sessions)
    csv_text = _write(cells, ",")
    spreadsheet = _write([_as_text(line) for line in cells], ";")
    return csv_text.encode("utf-8"), (BOM + spreadsheet).encode("utf-8")


def render_empty() -> tuple[bytes, bytes]:
    """``<id>.csv`` and ``<id>-tableur.csv`` of a calendar without sessions (retired):
    the header row alone, so that software reading them finds a table, empty."""
    tables = []
    for delimiter in (",", ";"):
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(COLUMNS)
        tables.append(buffer.getvalue())
    return tables[0].encode("utf-8"), (BOM + tables[1]).encode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def as_text(value: str) -> str:
    """A reason pasted from a notice (« - 50 % de doses », « =1+1 livraisons ») as the
    text it is: Excel computes a cell that starts like a formula, quotes or not (« #NOM? »).
    A leading apostrophe makes it text, as OWASP advises; dates and states never start so."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# Where a session's reason (the page's note) is in its line of cells.
_MOTIF = COLUMNS.index("motif")


def _cells(definition: Definition, sessions: tuple[Session, ...]) -> list[tuple[str, ...]]:
    """One line of cells per session, in :data:`COLUMNS` order, ``motif`` as written."""
    tz = zone(definition.timezone)
    lines: list[tuple[str, ...]] = []
    for session, row in zip(sessions, rows(sessions, definition.timezone), strict=True):
        lines.append(
            (
                # The row's ISO days: the session's first and last days, written once.
                row.first_day,
                row.last_day,
                "fermé" if session.order is None else "ouvert",
                *_order(session.order, tz),
                row.note,
                session.nominal.isoformat(),
                row.opens,  # the portal's hours, empty for a closed session
                row.closes,
            )
        )
    return lines


def _as_text(line: tuple[str, ...]) -> tuple[str, ...]:
    """``line`` with its ``motif`` through :func:`as_text`; the very tuple when that
    leaves it as it is (most sessions have no reason)."""
    motif = line[_MOTIF]
    changed = as_text(motif)
    if changed == motif:
        return line
    return (*line[:_MOTIF], changed, *line[_MOTIF + 1 :])


def _write(lines: list[tuple[str, ...]], delimiter: str) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(lines)
    return buffer.getvalue()
