"""The one module that writes files: a build folder, swapped in whole or not at all.

Files are written into a staging folder beside the target, flushed to disk, and the
staging folder then takes the target's place. On Linux the two folders are exchanged
atomically (``renameat2(RENAME_EXCHANGE)``): a web server publishing ``build/`` sees
the old files or the new ones, never a mix, never a half-written feed. An error, a
Ctrl-C or a killed process leaves the previous ``build/`` as it was. Builds into one
folder take turns. Which folders a build may replace is :mod:`vaxical.target`'s to say,
before anything is written and again just before the swap.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

if sys.platform != "win32":
    import fcntl

from vaxical.errors import OutputError
from vaxical.target import MARK, MARK_HEAD, check_target, entries, is_marked, mark_text

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".vaxical-"
"""The start of the names of staging folders (and of a fallback's set-aside folder)."""


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


def _remove_ours(folder: Path) -> None:
    """Delete a staging or set-aside folder only if it is empty, carries the mark, or
    holds nothing but an unfinished mark."""
    if folder.is_symlink() or not folder.is_dir():
        return
    if is_marked(folder):
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        if entries(folder) == [MARK] and _unfinished_mark(folder / MARK):
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
    if not target.is_dir() or target.is_symlink():  # made so after check_target
        raise OutputError(f"{target} is no longer a folder; nothing was replaced.")
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
    # Exactly `<mark><name>.<suffix>`, the suffix without a dot (mkdtemp's, or
    # `previous`): the build of `site` must not take `site.v2`'s staging folder.
    for stale in parent.glob(f"{STAGING_MARK}{name}.*"):
        if "." not in stale.name[len(STAGING_MARK) + len(name) + 1 :]:
            _remove_ours(stale)


TURN_SECONDS = 60
"""How long a build waits for another build into the same folder before it gives up."""


LOCK = ".vaxical.lock"
"""The lock file builds hold in the folder that holds their output (:func:`_turn`)."""


@contextlib.contextmanager
def _turn(target: Path) -> Iterator[None]:
    """One build at a time into ``target`` and the folders beside it: a second build into
    the same folder, or into another folder beside it (two terminals, `vaxical serve` beside `make
    site`), waits for the first to swap its folder in, up to :data:`TURN_SECONDS`.
    Without it, one build's removal of stale staging folders deleted the other's staging
    folder as it was being swapped in, and the published folder lost files and its mark
    while both builds reported success.

    flock(2) on a lock file in its parent (:data:`LOCK`), removed when the build ends;
    the kernel releases the lock of a killed build, whose file the next build takes over.
    Not on the parent folder itself: `flock www vaxical build --out www/site`, a cron
    job's guard, then waited on its own lock. Builds on one machine take turns; flock
    does not reach across machines sharing a network folder, nor exist on Windows."""
    if sys.platform == "win32":
        yield
        return
    lock = target.parent / LOCK
    descriptor = _take(lock, target)
    try:
        yield
    finally:
        # Removed before it is released: a build waiting on this file then finds it gone
        # and takes a new one (_take).
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(descriptor)


def _open_lock(lock: Path, target: Path) -> int:
    try:
        return os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        pass  # left by a build of another user: locked read-only, as flock allows
    except OSError as error:
        raise OutputError(f"cannot write beside {target}: {error.strerror}.") from error
    try:
        return os.open(lock, os.O_RDONLY)
    except OSError as error:
        raise OutputError(f"cannot open the lock file {lock}: {error.strerror}.") from error


def _take(lock: Path, target: Path) -> int:
    """The descriptor of ``lock``, locked: the file at that path when the lock was got
    (one removed meanwhile by the build that held it is let go, and the path opened
    again)."""
    deadline = time.monotonic() + TURN_SECONDS
    while True:
        descriptor = _open_lock(lock, target)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"another build has been writing beside {target} for {TURN_SECONDS} s (a "
                    f"stopped one? see `jobs`; it holds {lock}); nothing was written. Build "
                    "again once it has ended."
                ) from None
            time.sleep(0.05)
            continue
        except OSError:  # a file system without locks: no turns, as on Windows
            return descriptor
        try:
            found, held = lock.stat(), os.fstat(descriptor)
            if (found.st_dev, found.st_ino) == (held.st_dev, held.st_ino):
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)


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
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write beside {target}: {error.strerror}.") from error
    with _turn(target):
        _write_in_turn(target, shown, files, definitions, sources)


def _write_in_turn(
    target: Path,
    shown: Path,
    files: Mapping[str, bytes],
    definitions: tuple[Path, ...],
    sources: tuple[Path, ...],
) -> None:
    parent = target.parent
    try:
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
