"""Reading a file that a user names, with bounded work whatever the path is: a definition,
a published build's JSON, a feed given to `vaxical lint`.

A named pipe without a writer blocked `vaxical check` for ever, and `/dev/zero` ran it
out of memory. Files and pipes are read (`vaxical lint /dev/stdin`, `vaxical diff
<(git show HEAD~:…) …`), up to a limit; devices and sockets are refused unread, and a
pipe nothing comes through for a minute is given up.
"""

from __future__ import annotations

import errno
import os
import select
import stat
from pathlib import Path

from vaxical.errors import NotAFile, TooLarge

_KINDS = (
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


PIPE_SECONDS = 60
"""How long a pipe may stay silent before its first bytes (or its end)."""


def _wait_for_input(descriptor: int, path: Path) -> None:
    """Wait until the pipe has bytes to read or has ended: its writer may start after
    this reader (`mkfifo p; (sleep 1; cat f > p) & vaxical lint p`). Where there is no
    poll(2), read at once."""
    if not hasattr(select, "poll"):
        return
    waiting = select.poll()
    waiting.register(descriptor, select.POLLIN)
    if not waiting.poll(PIPE_SECONDS * 1000):
        raise TimeoutError(
            errno.ETIMEDOUT, f"nothing came through the pipe in {PIPE_SECONDS} s", str(path)
        )


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the file or pipe ``path``, at most ``limit`` of them. Raises
    :class:`IsADirectoryError` for a folder, :class:`NotAFile` for a device or a socket,
    :class:`TooLarge` past the limit, :class:`TimeoutError` for a pipe nothing comes
    through, and the other :class:`OSError` that opening or reading raises (no such
    file, no permission)."""
    # O_NONBLOCK: opening a named pipe for reading otherwise waits for a writer.
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | nonblocking)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            kind = next((name for test, name in _KINDS if test(mode)), "a special file")
            raise NotAFile(errno.EINVAL, kind, str(path))
        if stat.S_ISFIFO(mode):
            _wait_for_input(descriptor, path)
        if nonblocking:
            # Read as any file: a pipe's writer may be slower than this reader.
            os.set_blocking(descriptor, True)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"over {limit:,} bytes", str(path))
    return data
