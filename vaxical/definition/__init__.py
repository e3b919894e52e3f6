"""Read and validate schedule definitions: the only code that sees raw TOML.

A definition is a ledger: the calendar's identity, then one ``[[revisions]]`` block per
notice (:mod:`.ledger`). A definition in the format before ledgers reads as a ledger of
one revision (:mod:`.single`). Every problem found in a file is collected (not just the
first) and raised together as one :class:`~vaxical.errors.DefinitionError`, each naming
the file, line, key, value and the fix.

- :mod:`.source`: bytes → text; :mod:`.syntax`: text → TOML, its errors made specific
  (:mod:`.written`: the values people write that TOML cannot read);
- :mod:`.locate`: where each key is written (line, column), for messages;
- :mod:`.schema`: the keys each table may hold;
- :mod:`.reader`: tables and unknown keys, :mod:`.typed`: typed reads that tell
  "absent" from "invalid", with positions, and :mod:`.values`: the conversions, and how
  a value reads in a message;
- :mod:`.identity`, :mod:`.sections`, :mod:`.cadence`, :mod:`.exceptions`: each table
  into a typed value;
- :mod:`.ledger` (blocks folded into rule timelines: :mod:`.timeline`; in the order of
  their dates, and how many weeks they replay: :mod:`.blocks`; a block's notice:
  :mod:`.notice`; what a closure until further notice keeps closed:
  :mod:`.closures`; where a block's rules start: :mod:`.starts`, and the periods that
  move sessions onto new weekdays: :mod:`.moves`; its digest: :mod:`.digest`) and
  :mod:`.single` (the format before ledgers): the file into a :class:`Ledger`;
- :mod:`.schedule`: checks that need the expanded calendar; :mod:`.orders`: each
  session's delivery, confirmation and hours, after each block.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from vaxical.definition.locate import SourceMap
from vaxical.definition.reader import Reader
from vaxical.definition.schema import SINGLE_REVISION_SECTIONS
from vaxical.definition.source import read_source
from vaxical.definition.syntax import parse_text
from vaxical.errors import DefinitionError, Problem
from vaxical.model import Ledger
from vaxical.schedule.feeds import BUILD_FILES, calendar_files

__all__ = ["load", "load_all", "loads"]


def loads(text: str, file: str = "<definition>") -> Ledger:
    """Validate the TOML text of one definition into a :class:`Ledger`."""
    return _read(text, file).ledger


@dataclass(frozen=True, slots=True)
class _Read:
    """One definition as read, with where its keys are written: what :func:`load_all`
    says of it afterwards (an id or an address that another file clashes with) is
    placed from this, never from a second read of the file, which a pipe
    (``vaxical check <(git show …)``) would give empty."""

    file: str
    """How messages name it."""
    source: SourceMap
    ledger: Ledger


def _read(text: str, file: str) -> _Read:
    from vaxical.definition.ledger import read_ledger
    from vaxical.definition.single import read_single

    data = parse_text(text, file)
    source = SourceMap(text)
    reader = Reader(file, source)
    reader.check_keys(data, (), ())
    ledger = read_ledger(reader, data) if _is_ledger(data) else read_single(reader, data)
    if reader.problems or ledger is None:
        raise DefinitionError(sorted(reader.problems, key=lambda problem: problem.line or 0))
    return _Read(file, source, ledger)


def _is_ledger(data: Mapping[str, Any]) -> bool:
    """Whether ``data`` is read as a ledger: it has ``[[revisions]]``, or nothing of the
    single-revision format (a file with only its ``[calendar]`` is told it needs a
    block, not the nine sections of the older format)."""
    if "revisions" in data:
        return True
    calendar = data.get("calendar")
    dated = isinstance(calendar, dict) and "revised" in calendar
    return not dated and not any(name in data for name in SINGLE_REVISION_SECTIONS)


def load(path: Path, *, display: str | None = None) -> Ledger:
    """Read one definition file. Raises :class:`DefinitionError` listing every problem."""
    file = display if display is not None else str(path)
    return loads(read_source(path, file), file)


def load_all(paths: Sequence[Path], displays: Sequence[str] | None = None) -> tuple[Ledger, ...]:
    """Load several definitions, sorted by id; problems of every file are reported
    together, and two calendars may not publish a file of the same name."""
    names = list(displays) if displays is not None else [str(path) for path in paths]
    problems: list[Problem] = []
    loaded: list[_Read] = []
    for path, name in zip(paths, names, strict=True):
        try:
            loaded.append(_read(read_source(path, name), name))
        except DefinitionError as error:
            problems.extend(error.problems)
    owners: dict[str, Ledger] = {}
    for read in sorted(loaded, key=lambda read: read.ledger.id):
        ledger = read.ledger
        files = calendar_files(ledger.current)
        shared = next((file for file in files if file in BUILD_FILES), None)
        clash = next(
            (
                (file, owners[file])
                for file in files
                if owners.setdefault(file, ledger) is not ledger
            ),
            None,
        )
        if shared is None and clash is None:
            continue
        reader = Reader(read.file, read.source)
        if shared is not None:
            reader.report(
                ("calendar", "id"),
                f"its file {shared} would take the name of the file a build writes about all "
                "its calendars.",
                "choose another id (not index or calendars).",
                ledger.id,
            )
            problems.extend(reader.problems)
            continue
        assert clash is not None  # noqa: S101 - one of the two is set
        file, owner = clash
        if owner.id == ledger.id:
            reader.report(
                ("calendar", "id"),
                f"the id is already used by {owner.source}.",
                "give each calendar its own id: file names and UIDs derive from it.",
                ledger.id,
            )
        else:
            reader.report(
                ("calendar", "id"),
                f"its file {file} would overwrite the file of the same name of "
                f"{owner.source} (id `{owner.id}`).",
                "choose an id that no other id followed by a file suffix (-sessions, "
                "-livraisons…, -tableur) gives.",
                ledger.id,
            )
        problems.extend(reader.problems)
    problems += _one_address(loaded)
    if problems:
        raise DefinitionError(problems)
    return tuple(sorted((read.ledger for read in loaded), key=lambda ledger: ledger.id))


def _one_address(loaded: Sequence[_Read]) -> list[Problem]:
    """A build is one folder, published at one address: its list of calendars and each
    calendar's links are made from that address (calendars.json, the pages), so every
    calendar of it gives the same `base_url` (scheme and host in any case). The address
    most of them give is the build's; each other one is said, in its own file."""
    ordered = sorted(loaded, key=lambda read: read.ledger.id)
    addresses = [_address(read.ledger.current.base_url) for read in ordered]
    counted = Counter(addresses)
    if len(counted) < 2:
        return []
    common = counted.most_common(1)[0][0]  # the first of equals: the first id's
    owner = ordered[addresses.index(common)].ledger
    problems: list[Problem] = []
    for read, address in zip(ordered, addresses, strict=True):
        if address == common:
            continue
        ledger = read.ledger
        reader = Reader(read.file, read.source)
        reader.report(
            ("calendar", "base_url"),
            f"is not the address of {owner.source} ({owner.current.base_url}), built with it "
            "into one folder.",
            "give the calendars of one build the same base_url, or build each address's "
            "calendars into a folder of its own.",
            ledger.current.base_url,
        )
        problems.extend(reader.problems)
    return problems


def _address(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))
