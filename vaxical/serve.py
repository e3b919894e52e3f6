"""``vaxical serve``: preview a build on 127.0.0.1, rebuilt whenever a definition or a
template changes. An edge module: it serves files and watches the disk; the building is
the CLI's own pipeline, passed in.
"""

from __future__ import annotations

import functools
import sys
import threading
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from vaxical.errors import UsageError, VaxicalError
from vaxical.render.headers import CONTENT_TYPES

POLL_SECONDS = 0.5
HOST = "127.0.0.1"
# Pending connections the kernel keeps while the server accepts: socketserver's default
# of 5 dropped 114-129 of 200 simultaneous requests (a page reload plus a few feeds
# polled by calendar clients on the same machine add up quickly).
BACKLOG = 128
# A connection that sends nothing for this long is closed: one idle client must not hold
# a thread for ever.
IDLE_SECONDS = 10.0


# The types calendar clients and feed readers expect (docs/calendar-clients.md rule 20).
_TYPES = {
    **SimpleHTTPRequestHandler.extensions_map,
    **CONTENT_TYPES,
    ".html": "text/html; charset=utf-8",
}


def _bad_path(raw: str) -> bool:
    """A request path that no file of a build can answer: control characters (NUL among
    them, which ``open()`` refuses with a ValueError), backslashes, or ``..`` segments."""
    path = urllib.parse.unquote(raw.split("?", 1)[0].split("#", 1)[0], errors="strict")
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in path):
        return True
    return "\\" in path or ".." in path.split("/")


class _Handler(SimpleHTTPRequestHandler):
    timeout = IDLE_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.extensions_map = _TYPES  # before the base class handles the request
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        try:
            bad = _bad_path(self.path)
        except UnicodeDecodeError:
            bad = True
        if bad:
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed path")
            return None
        return super().send_head()

    def list_directory(self, path: Any) -> None:
        # A build is flat and has an index.html: a listing would only show the mark file.
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"vaxical serve: {format % args}\n")


class _Server(ThreadingHTTPServer):
    request_queue_size = BACKLOG
    daemon_threads = True

    def handle_error(self, request: Any, client_address: tuple[str, int]) -> None:
        # A client that hangs up midway (a reload, a closed tab) is not worth a traceback.
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        sys.stderr.write(
            f"vaxical serve: request from {client_address[0]} failed "
            f"({type(error).__name__}: {error}); this is a bug in vaxical, please report it.\n"
        )


def make_server(directory: Path, port: int) -> _Server:
    """A server for ``directory`` on 127.0.0.1:``port`` (0: any free port), not started."""
    handler = functools.partial(_Handler, directory=str(directory))
    try:
        return _Server((HOST, port), handler)
    except OSError as error:
        raise UsageError(
            f"cannot serve on {HOST}:{port} ({error.strerror}); choose another --port."
        ) from None
    except OverflowError:
        raise UsageError(f"--port {port}: is not a port. Fix: give 0 to 65535.") from None


def _signature(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:  # gone, or unreadable for a moment (an editor saving it)
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


class Watcher:
    """Rebuilds when the watched files change, and survives anything a rebuild does.

    Each step is one poll: when the files' signature differs from the last build's, a
    rebuild runs. Whatever goes wrong (no definition for a moment during a ``git
    checkout``, a definition with a mistake, a bug in vaxical) is reported once and the
    previous build keeps being served; the next change triggers another attempt."""

    def __init__(
        self,
        build: Callable[[], None],
        watched: Callable[[], list[Path]],
        announce: Callable[[str], None],
    ) -> None:
        self._build = build
        self._watched = watched
        self._announce = announce
        self._last = self._current()

    def _current(self) -> object:
        try:
            return _signature(self._watched())
        except (VaxicalError, OSError) as error:  # e.g. no definition for a moment
            return ("unavailable", str(error))

    def step(self) -> bool:
        """One poll; True when a rebuild was attempted."""
        current = self._current()
        if current == self._last:
            return False
        self._last = current
        try:
            self._build()
        except VaxicalError as error:
            self._announce(f"the rebuild failed; still serving the previous build:\n{error}")
        # The watcher must outlive a bug in a rebuild: said plainly as a bug, not blamed on
        # the definition, and the preview goes on with the previous build.
        except Exception as error:
            self._announce(
                f"internal error in the rebuild ({type(error).__name__}: {error}); this is a "
                "bug in vaxical, please report it. Still serving the previous build."
            )
        else:
            self._announce("rebuilt")
        return True

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(POLL_SECONDS):
            try:
                self.step()
            except Exception:  # reporting itself failed (a closed terminal): keep watching
                self._last = None


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
    server = make_server(directory, port)
    stop = threading.Event()
    watcher = Watcher(build, watched, announce)
    thread = threading.Thread(target=watcher.run, args=(stop,), name="vaxical-watch", daemon=True)
    thread.start()
    announce(f"serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
