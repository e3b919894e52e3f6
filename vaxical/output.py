"""The one module that writes files: a build folder, swapped in whole or not at all.

Files are written into a staging folder beside the target, flushed to disk, and the
staging folder then takes the target's place. On Linux the two folders are exchanged
atomically (``renameat2(RENAME_EXCHANGE)``): a web server publishing ``build/`` sees
the old files or the new ones, never a mix, never a half-written feed. An error, a
Ctrl-C or a killed process leaves the previous ``build/`` as it was.

Replacing a folder whole deletes what was in it, so a build only ever replaces a folder
that vaxical made: one that holds the mark file (:data:`MARK`, written first into every
build, listing the files written with it) and nothing the mark does not list, an empty
one, or a new one. Anything else is refused before anything is written or deleted
(:func:`check_target`), and so is a folder that is or holds the current folder, a git
repository or the definitions.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from vaxical.errors import OutputError, UsageError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".vaxical-"
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
# How many names a refusal lists, and how far it reads a folder to find them: a message
# about a home folder must not cost a walk over all of it.
_NAMES_SHOWN = 3
_NAMES_READ = 1000


def _linux_call(name: str) -> Callable[..., int] | None:
    """The C library's function ``name`` (a Linux system call), or None where there is
    none. Looked up among the symbols the process has loaded, which hold the C library's:
    ``ctypes.util.find_library`` runs ldconfig to find its file, at each call."""
    if sys.platform != "linux":
        return None
    import ctypes  # only a build that writes its folder needs it

    try:
        function: Callable[..., int] = getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None
    return function


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the kernel can; False where it cannot."""
    renameat2 = _linux_call("renameat2")
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


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


def _names(folder: Path, limit: int = _NAMES_READ) -> list[str]:
    """Up to ``limit`` entries of ``folder``, sorted."""
    with os.scandir(folder) as entries:
        return sorted(entry.name for entry in itertools.islice(entries, limit))


def _listing(names: list[str], limit: int) -> str:
    """The first names, and how many more: ``a, b, c and 4 more``."""
    shown = ", ".join(names[:_NAMES_SHOWN])
    if len(names) > _NAMES_SHOWN:
        more = len(names) - _NAMES_SHOWN
        shown += f" and {more}{'+' if len(names) == limit else ''} more"
    return shown


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
    in either. Raises :class:`UsageError` (a command line to fix) or, for a path that
    exists and is not a folder, :class:`OutputError`."""
    shown = str(target)
    if "\0" in shown:
        raise UsageError(f"--out {shown!r}: a path cannot hold a NUL character.")
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
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(
            f"{target} exists and is not a folder; remove it or choose another --out."
        )
    if not target.exists():
        return
    try:
        names = _names(target)
    except OSError as error:
        raise OutputError(f"cannot read the folder {target}: {error.strerror}.") from error
    if ".git" in names:
        raise _refusal(shown, "holds a git repository (.git)")
    if not names:
        return
    if not is_marked(target):
        raise _refusal(
            shown,
            f"the folder holds files that vaxical did not write ({_listing(names, _NAMES_READ)})"
            f" and no {MARK} mark",
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
    foreign = [name for name in _names(target, limit) if name != MARK and name not in listed]
    if foreign:
        raise _refusal(
            shown,
            f"the folder holds files that vaxical did not write ({_listing(foreign, limit)})",
            "move them out of the folder, then build again. Keep files of your own (a "
            "CNAME...) elsewhere and copy them in when you publish.",
        )


def _remove_ours(folder: Path) -> None:
    """Delete a staging or set-aside folder only if it is empty, carries the mark, or
    holds nothing but an unfinished mark."""
    if folder.is_symlink() or not folder.is_dir():
        return
    if is_marked(folder):
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        if _names(folder) == [MARK] and _unfinished_mark(folder / MARK):
            (folder / MARK).unlink()
        folder.rmdir()  # only succeeds when empty


def _unfinished_mark(mark: Path) -> bool:
    """Whether ``mark`` is a regular file holding the start of :data:`MARK_HEAD`: the mark
    of a build killed between creating the file and writing it, its folder's only entry."""
    if not stat.S_ISREG(mark.lstat().st_mode):
        return False
    with mark.open("rb") as handle:
        return MARK_HEAD.startswith(handle.read(len(MARK_HEAD) + 1))


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if not target.is_dir() or target.is_symlink():
        raise OutputError(
            f"{target} exists and is not a folder; remove it or choose another --out."
        )
    if _exchange(staging, target):
        _remove_ours(staging)  # now holds the previous build
        return
    # Fallback (no renameat2): two renames; the previous build is only moved aside.
    previous = target.with_name(f"{STAGING_MARK}{target.name}.previous")
    _remove_ours(previous)
    if previous.exists():
        raise OutputError(
            f"{previous} is in the way and is not vaxical's; move it away and build again."
        )
    target.rename(previous)
    staging.rename(target)
    _remove_ours(previous)


def _remove_stale(parent: Path, name: str) -> None:
    """Staging folders left by a build that was killed midway: each carries the mark
    (written first), is still empty, or holds only the mark's first bytes. Anything else
    with a similar name is left alone."""
    for stale in parent.glob(f"{STAGING_MARK}{name}.*"):
        _remove_ours(stale)


def _write(path: Path, data: bytes) -> None:
    """Write a new file; :func:`_flush` puts it on disk with the others."""
    with path.open("xb") as handle:
        handle.write(data)
    path.chmod(0o644)


def _syncfs(folder: Path) -> bool:
    """syncfs(2): every write to ``folder``'s file system on disk, when it returns (Linux);
    False where there is no such call."""
    syncfs = _linux_call("syncfs")
    if syncfs is None:
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


def _flush(staging: Path, written: Iterable[Path]) -> None:
    """Every file written into ``staging`` on disk before the folder is swapped in: one
    syncfs where the kernel has it (an fsync of each file cost 3.5 ms: 1.3 s for the 356
    files of 39 calendars), else an fsync of each."""
    if _syncfs(staging):
        return
    for path in written:
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _kept(previous: Path, path: Path, data: bytes) -> bool:
    """Link ``path`` to the previous build's file of the same name when it holds exactly
    ``data``: that file was written and flushed by an earlier build and is never written
    again, so the new folder may share it. A rebuild under `vaxical serve` then writes
    only what changed instead of flushing every file (0.3 s for 39 calendars)."""
    try:
        found = previous.lstat()
        if not stat.S_ISREG(found.st_mode) or stat.S_IMODE(found.st_mode) != 0o644:
            return False
        if found.st_size != len(data):
            return False
        if previous.read_bytes() != data:
            return False
        os.link(previous, path)
    except OSError:  # no previous file, or a file system without hard links
        return False
    return True


def write_build(
    target: Path,
    files: Mapping[str, bytes],
    definitions: Iterable[Path] = (),
    sources: Iterable[Path] = (),
) -> None:
    """Replace the folder ``target`` with exactly ``files`` (flat names) and the mark,
    atomically; refuse a target :func:`check_target` refuses."""
    definitions, sources = tuple(definitions), tuple(sources)
    check_target(target, definitions, sources)
    shown = target
    target = target.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, target.name)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_MARK}{target.name}.", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write beside {target}: {error.strerror}.") from error
    try:
        # The mark first: a build killed midway leaves a staging folder that the next
        # build recognises as its own and removes.
        _write(staging / MARK, mark_text(files))
        written = [staging / MARK]
        for name, data in sorted(files.items()):
            if "/" in name or "\0" in name or name in {"", ".", "..", MARK}:
                raise OutputError(f"refusing to write the file name {name!r}.")
            if not _kept(target / name, staging / name, data):
                _write(staging / name, data)
                written.append(staging / name)
        _flush(staging, written)
        # mkdtemp creates the folder 0700: a web server must be able to read it.
        staging.chmod(0o755)
        check_target(shown, definitions, sources)  # again: it may have changed meanwhile
        _swap_in(staging, target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}.") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            if staging.exists():
                shutil.rmtree(staging)
