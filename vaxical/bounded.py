"""Reading a file that a user names, with bounded work whatever the path is: a definition,
a published build's JSON, a feed given to `vaxical lint`.

A named pipe without a writer blocked `vaxical check` for ever, and `/dev/zero` ran it
out of memory. Files and pipes are read (`vaxical lint /dev/stdin`, `vaxical diff
<(git show HEAD~:…) …`), up to a limit; devices and sockets are refused unread, and a
pipe is opened without waiting for a writer: one that has none reads as empty.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from vaxical.errors import NotAFile, TooLarge

_KINDS = (
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the file or pipe ``path``, at most ``limit`` of them. Raises
    :class:`IsADirectoryError` for a folder, :class:`NotAFile` for a device or a socket,
    :class:`TooLarge` past the limit, and the other :class:`OSError` that opening or
    reading raises (no such file, no permission)."""
    # O_NONBLOCK: opening a named pipe for reading otherwise waits for a writer.
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | nonblocking)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotAFile(errno.EINVAL, kind, str(path))
        if nonblocking:
            # Read as any file: a pipe's writer may be slower than this reader.
            os.set_blocking(descriptor, True)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"over {limit:,} bytes", str(path))
    return data
