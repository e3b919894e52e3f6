"""A published build's folder read back (``build --previous``, ``vaxical diff``): each
calendar's ``<id>.json`` (:func:`read_snapshot`), and the folder as a whole
(:func:`load_build`). Reads the files a user names, through :mod:`vaxical.bounded`; what
a document holds is :mod:`vaxical.history.published`'s to read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from vaxical.bounded import read_bounded
from vaxical.definition.identity import ID_PATTERN
from vaxical.errors import NotAFile, Problem, PublishedError, TooLarge
from vaxical.history.published import Snapshot, parse
from vaxical.schedule.feeds import BUILD_FILES

MAX_DOCUMENT_BYTES = 100_000_000
"""The most a published <id>.json may hold (a 100-year calendar's is about 30 MB)."""


def _problem(path: Path, message: str, fix: str) -> PublishedError:
    return PublishedError([Problem(file=str(path), message=message, fix=fix)])


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number vaxical writes")


def read_document(path: Path) -> Mapping[str, Any]:
    document = _read_json(path)
    if not isinstance(document, dict):
        raise _problem(path, "is not a vaxical calendar document.", "give a build's <id>.json.")
    return document


def _read_json(path: Path) -> object:
    try:
        data = read_bounded(path, MAX_DOCUMENT_BYTES)
    except (NotAFile, TooLarge) as error:
        raise _problem(path, f"is {error.strerror}.", "give a vaxical build's <id>.json.") from None
    except OSError as error:
        raise _problem(path, f"cannot be read ({error.strerror}).", "check the path.") from None
    try:
        # Infinity, NaN and numbers past any SEQUENCE are not JSON that vaxical writes.
        document = json.loads(data, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as error:
        raise _problem(
            path, f"is not valid JSON ({error}).", "give a vaxical build's <id>.json."
        ) from None
    except RecursionError:
        raise _problem(
            path,
            "is nested deeper than any calendar document.",
            "give a vaxical build's <id>.json.",
        ) from None
    return document


def read_snapshot(path: Path, *, record: bool = False) -> Snapshot:
    """The calendar ``path`` holds; ``record``: read as the record of a calendar the build
    retires (:func:`parse`)."""
    try:
        return parse(read_document(path), record=record)
    except ValueError as error:
        raise _problem(
            path,
            f"is not a vaxical build's calendar document: {error}.",
            "give the <id>.json of a build made by this version of vaxical.",
        ) from None


_REFETCH = (
    "fetch the published site again (`make published`), or give the folder of the build "
    "that was published."
)


def load_build(
    folder: Path, calendar_ids: Iterable[str] = (), retire: Iterable[str] = ()
) -> dict[str, Snapshot]:
    """Every calendar of a published build folder, by id; those ``retire`` names read
    as the records of calendars the build retires. ``calendar_ids``: the calendars
    being built or compared, each of which must have its <id>.json where its <id>.ics is
    published: the JSON is the record of its SEQUENCEs, and without it the build would
    count them again from the ledger, below what subscribers hold (rule 9). A JSON whose
    name no calendar's id can be (the list of calendars, `x.json.bak`, `x_old.json`) is
    not read. Another is refused when it cannot be read (a record cut short must not pass
    for none), and when it is no calendar document though it is the record of a calendar
    built or compared, or its feed is beside it; otherwise (another tool's) passed over."""
    if not folder.is_dir():
        raise _problem(folder, "is not a folder.", "give the folder of a previous build (build/).")
    expected, retiring = set(calendar_ids), set(retire)
    snapshots = {}
    held: dict[str, str] = {}
    """The calendar each <name>.json holds, by name."""
    for path in sorted(folder.glob("*.json")):
        if not ID_PATTERN.match(path.stem) or path.name in BUILD_FILES:
            continue  # the list of calendars; a backup (`.bak`, `_old`), a copy (`(1)`)
        record = path.stem in expected or path.with_suffix(".ics").is_file()
        try:
            found = read_document(path) if record else _read_json(path)
        except PublishedError as error:
            if record:
                raise
            # Unreadable: it may be a record cut short, which must not pass for none.
            raise _problem(
                path,
                f"{error.problems[0].message.removesuffix('.')}, and a calendar's record "
                "could have its name.",
                f"move it out of the published folder, or rename it (a backup: {path.name}.bak).",
            ) from None
        document = found if isinstance(found, dict) else {}  # another tool's list: none
        if "format" in document and "calendar" in document:
            # A calendar's record is its <id>.json: a copy under another name must not
            # stand in for it, whatever it holds.
            calendar = document["calendar"]
            held_id = calendar.get("id") if isinstance(calendar, dict) else None
            if isinstance(held_id, str) and held_id != path.stem:
                held[path.stem] = held_id
                continue
            snapshot = read_snapshot(path, record=path.stem in retiring)
            snapshots[snapshot.calendar_id] = snapshot
        elif record:  # the record of a calendar built, compared, or whose feed is beside it
            beside = path.with_suffix(".ics").is_file()
            raise _problem(
                path,
                "is not a vaxical calendar document"
                + (f", though {path.stem}.ics is published beside it." if beside else "."),
                _REFETCH,
            )
    # Another calendar's feed (`vaccins-covid-sessions.ics` of `vaccins-covid`) is no record
    # of a calendar of that id (history/site.py refuses an id that takes its address).
    feeds = {
        feed.filename(snapshot.calendar_id)
        for snapshot in snapshots.values()
        for feed in snapshot.feeds or ()
    }
    for calendar_id in sorted(expected - set(snapshots)):
        if (folder / f"{calendar_id}.ics").is_file() and f"{calendar_id}.ics" not in feeds:
            said = (
                f"is the document of calendar {held[calendar_id]}"
                if calendar_id in held
                else "is missing"
            )
            raise _problem(
                folder / f"{calendar_id}.json",
                f"{said}, though {calendar_id}.ics is published beside it: the SEQUENCEs "
                "subscribers hold are unknown.",
                _REFETCH,
            )
    return snapshots
