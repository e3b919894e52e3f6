"""Find where a key path stands in TOML source, for error messages.

:mod:`tomllib` returns plain values without positions, so this scans the text for
table headers and ``key =`` lines. It understands what schedule definitions use:
``[table]``, ``[[array.of.tables]]``, dotted keys and one-line inline tables. Where it
cannot place a path exactly it falls back to the nearest parent it found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

KeyPath = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_INLINE_KEY = re.compile(r"""[{,]\s*([A-Za-z0-9_-]+|"[^"]*")\s*=""")


def _split_dotted(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in text.split(".")]


class SourceMap:
    """Positions (1-based line, 1-based column) of the keys of one TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: Sequence[str] = text.splitlines()
        self._scanned: dict[KeyPath, tuple[int, int]] | None = None
        self._headers: dict[KeyPath, tuple[int, int]] | None = None
        self._written: dict[int, tuple[KeyPath, str]] = {}
        """What each line writes: the path of its key or table, and its name as written."""

    @property
    def _positions(self) -> dict[KeyPath, tuple[int, int]]:
        """Every key's position, found at the first question: only a definition with a
        problem asks, and the scan of a valid one cost half as much as parsing its TOML."""
        if self._scanned is None:
            self._scanned = self._scan()
        return self._scanned

    def entry(self, path: KeyPath) -> tuple[int, int] | None:
        """The position of the header of ``path``, an entry of an array of tables (the
        third ``[[revisions]]`` for ``("revisions", 2)``), as :meth:`find` gives it; None
        when no header writes it. A valid ledger asks this of each block (its line, for
        messages): the header lines alone answer it, in a third of the time of the scan
        of every key, which took a ninth of reading the shipped ledger. (Only a header
        writes a path that ends with an index: a key's path ends with its name.)"""
        if self._scanned is not None:
            return self._scanned.get(path)
        if self._headers is None:
            self._headers = self._scan(keys=False)
        return self._headers.get(path)

    def _scan(self, *, keys: bool = True) -> dict[KeyPath, tuple[int, int]]:
        """Where each table's header stands and, with ``keys``, each key. Without keys,
        only the lines that may hold a header (a ``[``) or open or close a multiline
        string (whose lines are no headers) are read, each as the whole scan reads it:
        the headers' positions are the same."""
        positions: dict[KeyPath, tuple[int, int]] = {}
        written = self._written if keys else {}

        def record(path: KeyPath, line: int, column: int) -> None:
            positions.setdefault(path, (line, column))

        table: KeyPath = ()
        array_counts: dict[KeyPath, int] = {}
        in_multiline: str | None = None
        for number, line in enumerate(self.lines, start=1):
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if not keys and "[" not in line and '"""' not in line and "'''" not in line:
                continue
            header = _HEADER.match(line)
            if header:
                names = _split_dotted(header.group(2))
                column = line.index("[") + 1
                # A sub-table of an array of tables belongs to its latest entry:
                # [[revisions]] then [revisions.delivery] is ("revisions", 0, "delivery").
                resolved: KeyPath = ()
                for name in names[:-1]:
                    resolved = (*resolved, name)
                    if resolved in array_counts:
                        resolved = (*resolved, array_counts[resolved] - 1)
                resolved = (*resolved, names[-1])
                if header.group(1) == "[[":
                    index = array_counts.get(resolved, 0)
                    array_counts[resolved] = index + 1
                    table = (*resolved, index)
                else:
                    table = resolved
                record(table, number, column)
                written[number] = (table, f"[{'.'.join(names)}]")
                continue
            key = _KEY.match(line)
            if not key:
                continue
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
            if not keys:
                continue
            dotted = _split_dotted(key.group(1))
            path = (*table, *dotted)
            record(path, number, line.index(key.group(1)) + 1)
            written[number] = (path, ".".join(dotted))
            if rest.lstrip().startswith("{"):
                offset = key.end()
                for inner in _INLINE_KEY.finditer(rest):
                    name = inner.group(1).strip("\"'")
                    record((*path, name), number, offset + inner.start(1) + 1)
        return positions

    def find(self, path: KeyPath) -> tuple[int, int] | None:
        """The position of ``path``, of its first located child (a ``[[table]]`` written
        where ``[table]`` was meant), or of its nearest located parent."""
        position = self._positions.get(path)
        if position is not None:
            return position
        for key, child in self._positions.items():
            if key[: len(path)] == path:
                return child
        for cut in range(len(path) - 1, 0, -1):
            position = self._positions.get(path[:cut])
            if position is not None:
                return position
        return None

    def written_before(self, line: int) -> tuple[str, int] | None:
        """What ``line`` writes a second time, a key of its table or a table's header,
        and the line that wrote it first (TOML says only « cannot overwrite a value »)."""
        first = self._positions  # the scan records what each line writes
        found = self._written.get(line)
        if found is None:
            return None
        path, name = found
        earlier = first.get(path)
        return (name, earlier[0]) if earlier is not None and earlier[0] < line else None

    def declared(self, names: Sequence[str], line: int) -> tuple[str, int] | None:
        """The header above ``line`` that declares the table ``names`` in the same
        scope (``[a.b]`` or ``[[a.b]]``; not a sub-table of an earlier entry of an array
        of tables), as written, and its line."""
        for number in range(min(line, len(self.lines) + 1) - 1, 0, -1):
            header = _HEADER.match(self.lines[number - 1])
            if header is None:
                continue
            found = _split_dotted(header.group(2))
            if found == list(names):
                brackets = header.group(1)
                return f"{brackets}{'.'.join(names)}{']' * len(brackets)}", number
            if header.group(1) == "[[" and list(names[: len(found)]) == found:
                return None  # an entry of an array of tables begins: a scope of its own
        return None

    def table_at(self, line: int) -> tuple[str, ...]:
        """The names of the table ``line`` stands in (``("revisions", "exceptions")``
        below ``[[revisions.exceptions]]``), from the last header above it: what a key
        written there is, for advice on a value TOML cannot read."""
        for number in range(min(line, len(self.lines)), 0, -1):
            header = _HEADER.match(self.lines[number - 1])
            if header is not None:
                return tuple(_split_dotted(header.group(2)))
        return ()

    def line_text(self, line: int) -> str | None:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return None
