"""The one module that writes files: a build folder, swapped in whole or not at all.

Files are written into a staging folder beside the target, flushed to disk, and the
staging folder then takes the target's place. On Linux the two folders are exchanged
atomically (``renameat2(RENAME_EXCHANGE)``): a web server publishing ``build/`` sees
the old files or the new ones, never a mix, never a half-written feed. An error, a
Ctrl-C or a killed process leaves the previous ``build/`` as it was.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from vaxical.errors import OutputError

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_MARK = ".vaxical-"


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the kernel can; False where it cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    return bool(result == 0)


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if not target.is_dir() or target.is_symlink():
        raise OutputError(
            f"{target} exists and is not a folder; remove it or choose another --out."
        )
    if _exchange(staging, target):
        shutil.rmtree(staging)  # now holds the previous build
        return
    # Fallback (no renameat2): two renames; the previous build is only moved aside.
    previous = target.with_name(f"{STAGING_MARK}{target.name}.previous")
    if previous.exists():
        shutil.rmtree(previous)
    target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous)


def _remove_stale(parent: Path, name: str) -> None:
    """Staging folders left by a build that was killed midway."""
    for stale in parent.glob(f"{STAGING_MARK}{name}.*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def write_build(target: Path, files: Mapping[str, bytes]) -> None:
    """Replace the folder ``target`` with exactly ``files`` (flat names), atomically."""
    target = target.absolute()
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(parent, target.name)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_MARK}{target.name}.", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write beside {target}: {error.strerror}.") from error
    try:
        for name, data in sorted(files.items()):
            if "/" in name or name in {"", ".", ".."}:
                raise OutputError(f"refusing to write the file name {name!r}.")
            path = staging / name
            with path.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            path.chmod(0o644)
        # mkdtemp creates the folder 0700: a web server must be able to read it.
        staging.chmod(0o755)
        _swap_in(staging, target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}.") from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            if staging.exists():
                shutil.rmtree(staging)
