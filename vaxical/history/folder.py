"""A published build's folder read back (``build --previous``, ``vaxical diff``): each
calendar's ``<id>.json`` (:func:`read_snapshot`), and the folder as a whole
(:func:`load_build`). Reads the files a user names, through :mod:`vaxical.bounded`; what
a document holds is :mod:`vaxical.history.published`'s to read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Set
from pathlib import Path
from typing import Any

from vaxical.bounded import read_bounded
from vaxical.definition.identity import ID_PATTERN
from vaxical.errors import NotAFile, Problem, PublishedError, TooLarge
from vaxical.history.published import Snapshot, parse
from vaxical.history.reading import Malformed, Reader
from vaxical.schedule.feeds import BUILD_FILES, CATALOG, FEEDS
from vaxical.wording import some

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
    return _snapshot(path, read_document(path), record=record)


def _snapshot(path: Path, document: Mapping[str, Any], *, record: bool) -> Snapshot:
    """The calendar ``document``, read from ``path``, holds (:func:`read_snapshot`)."""
    try:
        return parse(document, record=record)
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
    as the records of calendars the build retires. ``calendar_ids``: the calendars being
    built or compared, whose <id>.json is checked as their record (:func:`_read_records`).

    Every calendar the folder publishes must have its record, its <id>.json: a feed
    (<id>.ics) that is neither beside its own nor listed by a record read, and a calendar
    that its list of calendars (:data:`CATALOG`) names, published or retired, without
    one, are refused. Without it, a build of the calendar would count its SEQUENCEs again
    from the ledger, below what subscribers hold (rule 9), and a build that does not
    write it would drop its files unseen: its feeds would answer 404, and calendar
    clients keep the events of a feed they cannot fetch (a retired calendar's too)."""
    if not folder.is_dir():
        raise _problem(
            folder,
            "is not a folder.",
            "give the folder of the build published last (`make published` downloads it "
            "into published/), or build without --previous for a first publication.",
        )
    expected = set(calendar_ids)
    snapshots, held = _read_records(folder, expected, set(retire))
    # Another calendar's feed (`vaccins-covid-sessions.ics` of `vaccins-covid`) is no record
    # of a calendar of that id (history/site.py refuses an id that takes its address).
    owned = _feeds_of(snapshots)
    for calendar_id in sorted(expected - set(snapshots)):
        if (folder / f"{calendar_id}.ics").is_file() and f"{calendar_id}.ics" not in owned:
            why = f"{calendar_id}.ics is published beside it"
            raise _missing(folder, calendar_id, held, why, built=True)
    for calendar_id, listed in _listed(folder).items():
        if calendar_id not in snapshots:
            why = f"{CATALOG} lists it {listed}"
            raise _missing(folder, calendar_id, held, why, built=calendar_id in expected)
    unowned = sorted(
        (path.name for path in folder.glob("*.ics") if ID_PATTERN.match(path.stem)),
        key=lambda name: (len(name), name),  # a calendar's main feed before its others
    )
    unowned = [name for name in unowned if name not in owned]
    if unowned:
        one = len(unowned) == 1
        raise _problem(
            folder,
            f"publishes {some(unowned)}, {'a feed' if one else 'feeds'} of no calendar "
            "whose record it holds (its <id>.json, which lists its feeds): what "
            f"{'it' if one else 'they'} must say is unknown, and a build would drop "
            f"{'it' if one else 'them'}: {'it' if one else 'they'} would answer 404, and "
            "calendar clients keep the events of a feed they cannot fetch.",
            _REFETCH,
        )
    return snapshots


def _read_records(
    folder: Path, expected: Set[str], retiring: Set[str]
) -> tuple[dict[str, Snapshot], dict[str, str]]:
    """The calendars whose records the folder holds, by id, and the calendar each other
    <name>.json holds, by name: a copy of a calendar's record under another name does
    not stand in for it. A JSON whose name no calendar's id can be (the list of
    calendars, `x.json.bak`, `x_old.json`) is not read. Another is refused when it cannot
    be read (a record cut short must not pass for none), and when it is no calendar
    document though it is the record of a calendar built or compared (``expected``), or
    its feed is beside it; otherwise (another tool's) passed over."""
    snapshots = {}
    held: dict[str, str] = {}
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
            calendar = document["calendar"]
            held_id = calendar.get("id") if isinstance(calendar, dict) else None
            if isinstance(held_id, str) and held_id != path.stem:
                held[path.stem] = held_id
                continue
            # The document as read above: a second read parsed the JSON again (a
            # hundredth of a --previous build of the shipped ledger).
            snapshot = _snapshot(path, document, record=path.stem in retiring)
            snapshots[snapshot.calendar_id] = snapshot
        elif record:  # the record of a calendar built, compared, or whose feed is beside it
            beside = path.with_suffix(".ics").is_file()
            raise _problem(
                path,
                "is not a vaxical calendar document"
                + (f", though {path.stem}.ics is published beside it." if beside else "."),
                _REFETCH,
            )
    return snapshots, held


def _feeds_of(snapshots: Mapping[str, Snapshot]) -> set[str]:
    """The file names of the feeds of the calendars read: those each record lists, or,
    where it lists none, every feed a build names for its id; and each one's <id>.ics."""
    return {
        feed.filename(snapshot.calendar_id)
        for snapshot in snapshots.values()
        for feed in (FEEDS if snapshot.feeds is None else snapshot.feeds)
    } | {f"{calendar_id}.ics" for calendar_id in snapshots}


def _missing(
    folder: Path, calendar_id: str, held: Mapping[str, str], why: str, *, built: bool
) -> PublishedError:
    """The refusal of a folder that lacks the record of a calendar it publishes (``why``
    says how it does): a build of it (``built``) would count its SEQUENCEs again from the
    ledger, below what subscribers hold (rule 9); another build would drop its files."""
    said = (
        f"is the document of calendar {held[calendar_id]}" if calendar_id in held else "is missing"
    )
    if built:
        happens = "the SEQUENCEs subscribers hold are unknown."
    else:
        happens = (
            "what its files must say is unknown, and a build would drop them: its feeds "
            "would answer 404, and calendar clients keep the events of a feed they cannot "
            "fetch."
        )
    return _problem(folder / f"{calendar_id}.json", f"{said}, though {why}: {happens}", _REFETCH)


def _listed(folder: Path) -> dict[str, str]:
    """The calendars the folder's list of calendars (:data:`CATALOG`) names, each id to
    how (``as published``, ``as retired``); none when it holds no list, or another
    tool's. A list that cannot be read is refused: it may name a calendar whose record
    is missing."""
    path = folder / CATALOG
    if not path.is_file():
        return {}
    try:
        found = _read_json(path)
    except PublishedError as error:
        raise _problem(path, error.problems[0].message, _REFETCH) from None
    if not isinstance(found, dict) or "calendars" not in found:
        return {}
    read = Reader
    listed = {}
    try:
        # Lists written before retired calendars were listed have no `retired`.
        for key, how in (("calendars", "as published"), ("retired", "as retired")):
            for index, entry in enumerate(read.items(found.get(key, []), key)):
                where = f"{key}[{index + 1}]"
                calendar_id = read.text(read.get(entry, "id", where), f"{where}.id")
                if not ID_PATTERN.match(calendar_id):
                    raise Malformed(f"{where}.id", calendar_id, "a calendar id")
                listed[calendar_id] = how
    except ValueError as error:
        raise _problem(
            path, f"is not a list of calendars vaxical writes: {error}.", _REFETCH
        ) from None
    return listed
