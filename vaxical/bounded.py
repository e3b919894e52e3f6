"""Reading a file that a user names, with bounded work whatever the path is: a definition,
a published build's JSON, a feed given to `vaxical lint`.

A named pipe blocked `vaxical check` for ever, waiting for a writer, and `/dev/zero` ran
it out of memory: only regular files are read, opened without waiting, and only up to a
limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The path names something that is not a regular file (a named pipe, a device, a
    socket); its ``strerror`` says which."""


class TooLarge(OSError):
    """The file holds more than the limit; ``strerror`` says the limit."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them. Raises
    :class:`IsADirectoryError` for a folder, :class:`NotAFile` for anything else that is
    not a regular file, :class:`TooLarge` past the limit, and the other :class:`OSError`
    that opening or reading raises (no such file, no permission)."""
    # O_NONBLOCK: opening a named pipe for reading otherwise waits for a writer.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
            raise NotAFile(errno.EINVAL, kind, str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(errno.EFBIG, f"over {limit:,} bytes", str(path))
    return data
