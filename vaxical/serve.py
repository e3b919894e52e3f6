"""``vaxical serve``: preview a build on 127.0.0.1, rebuilt whenever a definition or a
template changes. An edge module: it serves files and watches the disk; the building is
the CLI's own pipeline, passed in.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from vaxical.errors import UsageError, VaxicalError
from vaxical.render.headers import CONTENT_TYPES

POLL_SECONDS = 0.5


# The types calendar clients and feed readers expect (docs/calendar-clients.md rule 20).
_TYPES = {
    **SimpleHTTPRequestHandler.extensions_map,
    **CONTENT_TYPES,
    ".html": "text/html; charset=utf-8",
}


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extensions_map = _TYPES  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"vaxical serve: {format % args}\n")


def _signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


def serve(
    build: Callable[[], None],
    watched: Callable[[], list[Path]],
    directory: Path,
    port: int,
    announce: Callable[[str], None],
) -> None:
    """Build, serve ``directory``, and rebuild when the ``watched`` files change.

    A failing rebuild is reported and the previous build keeps being served: the output
    folder is only ever replaced whole (vaxical.output)."""
    build()
    handler = functools.partial(_Handler, directory=str(directory))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as error:
        raise UsageError(
            f"cannot serve on 127.0.0.1:{port} ({error.strerror}); choose another --port."
        ) from None
    stop = threading.Event()

    def watch() -> None:
        last = _signature(watched())
        while not stop.wait(POLL_SECONDS):
            current = _signature(watched())
            if current == last:
                continue
            last = current
            try:
                build()
                announce("rebuilt")
            except VaxicalError as error:
                announce(f"the rebuild failed; still serving the previous build:\n{error}")

    watcher = threading.Thread(target=watch, name="vaxical-watch", daemon=True)
    watcher.start()
    announce(f"serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
