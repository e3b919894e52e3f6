"""Which folder a build may replace, read before anything is written: vaxical's mark
(:data:`MARK`, the first file of every build, listing the files written with it) and the
checks of ``--out`` (:func:`check_target`). Replacing a folder whole deletes what was in
it, so a build only ever replaces a folder that vaxical made: one that holds the mark and
nothing the mark does not list, an empty one, or a new one. Anything else is refused, and
so is a folder that is or holds the current folder, a git repository or the definitions,
one inside a build, a symbolic link and a file. This module only reads; :mod:`vaxical.output`
writes."""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from vaxical.errors import OutputError, UsageError
from vaxical.wording import some

MARK = ".vaxical-output"
"""The file that marks a folder as vaxical's output, in every build (README: "The output
folder"). A dot file: static hosts and directory listings leave it alone."""
MARK_HEAD = (
    b"vaxical output folder: written by `vaxical build` and replaced whole by every build.\n"
    b"Below, the files it wrote; a build refuses to replace this folder while it holds others.\n"
)
"""The mark's first lines; the names of the build's files follow, one a line, sorted."""
_MARK_SIGNATURE = b"vaxical output folder:"
# A mark longer than this is not one vaxical wrote (39 calendars make a mark of 11 kB).
_MARK_MAX_BYTES = 4_000_000
# How far a refusal reads a folder to find the names it lists (wording.some): a message
# about a home folder must not cost a walk over all of it.
_NAMES_READ = 1000


def is_marked(folder: Path) -> bool:
    """Whether ``folder`` holds vaxical's mark: a regular file (not a link) that starts
    with the mark's first words, so that an unrelated ``.vaxical-output`` does not count."""
    mark = folder / MARK
    try:
        if not stat.S_ISREG(mark.lstat().st_mode):
            return False
        with mark.open("rb") as handle:
            return handle.read(len(_MARK_SIGNATURE)) == _MARK_SIGNATURE
    except OSError:
        return False


def mark_text(names: Iterable[str]) -> bytes:
    """The mark of a build of the files ``names``."""
    return MARK_HEAD + b"".join(name.encode("utf-8") + b"\n" for name in sorted(names))


_LEGACY_MARK = (
    b"vaxical output folder: written by `vaxical build` and replaced whole by every build.\n"
    b"Anything else put in this folder is deleted by the next build.\n"
)
"""The whole mark of the versions before marks listed their files."""


class _Legacy:
    """A mark from before marks listed their files: its text said that the next build
    deletes anything else in the folder, so the whole folder is the build's."""


def _listed(folder: Path) -> frozenset[str] | _Legacy | None:
    """The files the mark of ``folder`` (a marked folder) lists; :class:`_Legacy` for an
    old mark; ``None`` for a mark that reads as neither (edited, cut short, too long),
    which leaves nothing to the build. Line ends are read as written on any system (a
    checkout may have turned them into CRLF)."""
    with (folder / MARK).open("rb") as handle:
        text = handle.read(_MARK_MAX_BYTES + 1).replace(b"\r\n", b"\n")
    if text == _LEGACY_MARK:
        return _Legacy()
    if len(text) > _MARK_MAX_BYTES or not text.startswith(MARK_HEAD) or not text.endswith(b"\n"):
        return None
    try:
        return frozenset(text[len(MARK_HEAD) :].decode("utf-8").splitlines())
    except UnicodeDecodeError:
        return None


def entries(folder: Path, limit: int = _NAMES_READ) -> list[str]:
    """Up to ``limit`` entries of ``folder``, sorted."""
    with os.scandir(folder) as found:
        return sorted(entry.name for entry in itertools.islice(found, limit))


def repository_root(start: Path) -> Path | None:
    """The git repository holding ``start`` (its folder with ``.git``), if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _holds(outer: Path, inner: Path) -> bool:
    return outer == inner or outer in inner.parents


def _refusal(shown: str, why: str, fix: str = "") -> UsageError:
    return UsageError(
        f"--out {shown}: {why}. A build replaces its output folder whole, which would delete "
        f"what is in it; nothing was deleted. Fix: {fix or _own_folder(shown)}"
    )


def _example(shown: str) -> str:
    """A folder to suggest instead of ``shown``: never the one refused."""
    return "`--out site`" if Path(shown).name == "build" else "`--out build`"


def _own_folder(shown: str) -> str:
    return f"give the build a folder of its own, e.g. {_example(shown)}."


def check_target(
    target: Path, definitions: Iterable[Path] = (), sources: Iterable[Path] = ()
) -> None:
    """Refuse an output folder that a build must not replace, before anything is written.

    ``definitions``: the definition files of the build, which an output never holds;
    ``sources``: folders kept for definitions (``schedules/``), which an output is never
    in either. Raises :class:`UsageError` (a command line to fix) or, for a folder that
    cannot be read, :class:`OutputError`."""
    shown = str(target)
    if "\0" in shown:
        raise UsageError(
            f"--out {shown!r}: a path cannot hold a NUL character. Fix: give the folder's "
            "name without it."
        )
    try:
        _check_target(target, shown, tuple(definitions), tuple(sources))
    except OSError as error:
        raise OutputError(f"cannot use {target} as the output folder: {error.strerror}.") from None


def _check_target(
    target: Path, shown: str, definitions: tuple[Path, ...], sources: tuple[Path, ...]
) -> None:
    where = target.absolute().resolve()
    here = Path.cwd().resolve()
    if _holds(where, here):
        what = "is the current folder" if where == here else "holds the current folder"
        raise _refusal(shown, what)
    files = [(path, path.absolute().resolve()) for path in definitions]
    starts = (here, *(file for _, file in files))
    roots = {root for start in starts if (root := repository_root(start)) is not None}
    for root in sorted(roots):
        if _holds(where, root):
            raise _refusal(shown, f"holds the git repository {root}")
    for given, file in files:
        if _holds(where, file.parent):
            raise _refusal(shown, f"holds the definition {given}")
    for source in sources:
        folder = source.absolute().resolve()
        if _holds(where, folder):
            raise _refusal(shown, f"holds the definitions' folder {source}")
        if folder in where.parents:
            raise UsageError(
                f"--out {shown}: is inside the definitions' folder {source}; a build's "
                "output and the definitions it is made from stay apart. Nothing was written. "
                f"Fix: {_own_folder(shown)}"
            )
    for folder in where.parents:
        if is_marked(folder):
            beside = folder.with_name(f"{folder.name}-{where.name}")
            raise UsageError(
                f"--out {shown}: is inside {folder}, a folder vaxical writes (it holds the "
                f"{MARK} mark): each build replaces that folder whole, and a folder inside it "
                "would block the next. Nothing was written. Fix: give the build a folder "
                f"beside it, e.g. `--out {beside}`."
            )
    if target.is_symlink():
        raise UsageError(
            f"--out {shown}: is a symbolic link (to {where}); a build replaces its folder, "
            f"which would replace the link. Nothing was written. Fix: give the folder itself, "
            f"`--out {where}`, or another folder."
        )
    if target.exists() and not target.is_dir():
        raise UsageError(
            f"--out {shown}: is a file, not a folder. Nothing was written. Fix: "
            f"{_own_folder(shown)}"
        )
    if not target.exists():
        return
    try:
        names = entries(target)
    except OSError as error:
        raise OutputError(f"cannot read the folder {target}: {error.strerror}.") from error
    if ".git" in names:
        raise _refusal(shown, "holds a git repository (.git)")
    if not names:
        return
    if not is_marked(target):
        theirs = some(names, more_unknown=len(names) == _NAMES_READ)
        raise _refusal(
            shown,
            f"the folder holds files that vaxical did not write ({theirs}) and no {MARK} mark",
            f"give a new or empty folder, e.g. {_example(shown)}. If it is a build from a "
            "vaxical that did not mark its folders yet, delete it yourself once, then build "
            "again.",
        )
    listed = _listed(target)
    if isinstance(listed, _Legacy):
        return
    if listed is None:
        raise _refusal(
            shown,
            f"its {MARK} mark does not read as the list of files vaxical wrote (was it edited?)",
            "if the folder holds nothing of yours, delete it, then build again.",
        )
    limit = len(listed) + _NAMES_READ
    foreign = [name for name in entries(target, limit) if name != MARK and name not in listed]
    if foreign:
        theirs = some(foreign, more_unknown=len(foreign) == limit)
        raise _refusal(
            shown,
            f"the folder holds files that vaxical did not write ({theirs})",
            "move them out of the folder, then build again. Keep files of your own (a "
            "CNAME...) elsewhere and copy them in when you publish.",
        )
