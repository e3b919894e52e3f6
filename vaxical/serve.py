"""``vaxical serve``: preview a build on 127.0.0.1, rebuilt whenever a definition or a
template changes. An edge module: it serves files and watches the disk; the building is
the CLI's own pipeline, passed in.
"""

from __future__ import annotations

import functools
import html
import io
import sys
import threading
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from vaxical.cli import internal_error
from vaxical.errors import UsageError, VaxicalError
from vaxical.render.headers import CONTENT_TYPES
from vaxical.schedule.feeds import INDEX

# How often the watcher looks at the definitions and templates: an edit shows in the
# preview within a quarter of a second, for a few stat() calls a poll.
POLL_SECONDS = 0.25
HOST = "127.0.0.1"
# Pending connections the kernel keeps while the server accepts: socketserver's default
# of 5 dropped 114-129 of 200 simultaneous requests (a page reload plus a few feeds
# polled by calendar clients on the same machine add up quickly).
BACKLOG = 128
# A connection that sends nothing for this long is closed: one idle client must not hold
# a thread for ever.
IDLE_SECONDS = 10.0


# The types calendar clients and feed readers expect (docs/calendar-clients.md rule 20),
# as _headers gives them to static hosts.
_TYPES = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}


def _bad_path(raw: str) -> bool:
    """A request path that no file of a build can answer: control characters (NUL among
    them, which ``open()`` refuses with a ValueError), backslashes, or ``..`` segments."""
    path = urllib.parse.unquote(raw.split("?", 1)[0].split("#", 1)[0], errors="strict")
    if any(ord(character) < 0x20 or ord(character) == 0x7F for character in path):
        return True
    return "\\" in path or ".." in path.split("/")


@dataclass
class Preview:
    """What the preview says on its pages, and nowhere else: the built files stay those
    a publication would carry. Pages get their subscribe links pointed at this machine
    (with a banner that says so), and a banner when the latest rebuild failed."""

    origin: str = ""
    """``http://127.0.0.1:PORT/``, once the server listens."""
    bases: Sequence[str] = ()
    """The published addresses (``base_url``) of the calendars being previewed."""
    failure: str | None = None
    """Why the latest rebuild failed, while it stays failed."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def page(self, body: bytes) -> bytes:
        with self.lock:
            origin, bases, failure = self.origin, tuple(self.bases), self.failure
        text = body.decode("utf-8")
        if origin:
            text = _pointed_at(text, bases, origin)
        notes = [
            '<aside class="preview-note" aria-label="Aperçu local" style="margin:0;'
            "padding:.5rem 1rem;background:#fff4c2;border-bottom:2px solid #8a6d00;"
            'color:#161616">Aperçu local (vaxical serve) : '
            f"les liens d'abonnement pointent vers cet ordinateur ({html.escape(origin)}), "
            "pour essayer les agendas installés ici ; Google Agenda et Outlook.com ne "
            "peuvent pas les lire. Publiés, ils pointent vers l'adresse du calendrier.</aside>"
        ]
        if failure is not None:
            notes.insert(
                0,
                '<div role="alert" class="preview-error" style="margin:0;padding:.75rem 1rem;'
                'background:#fdf1ec;border-bottom:4px solid #a33600;color:#161616">'
                "<strong>La dernière modification n'a pas pu être prise en compte</strong> ; "
                'cette page montre la version précédente.<pre style="white-space:pre-wrap">'
                f"{html.escape(failure)}</pre></div>",
            )
        return text.replace("<body>", "<body>\n" + "\n".join(notes), 1).encode("utf-8")


def _pointed_at(text: str, bases: Sequence[str], origin: str) -> str:
    """``text`` with each published address in its every form (plain, webcal://, and
    percent-encoded inside the Google and Outlook links) turned into the preview's."""
    for base in bases:
        host_path = base.split("://", 1)[1]
        local = origin.split("://", 1)[1]
        for old, new in (
            (base, origin),
            (f"webcal://{host_path}", f"webcal://{local}"),
        ):
            text = text.replace(old, new)
            text = text.replace(urllib.parse.quote(old, safe=""), urllib.parse.quote(new, safe=""))
    return text


class _Handler(SimpleHTTPRequestHandler):
    timeout = IDLE_SECONDS

    def __init__(self, *args: Any, preview: Preview | None = None, **kwargs: Any) -> None:
        self.extensions_map = _TYPES  # before the base class handles the request
        self.preview = preview
        super().__init__(*args, **kwargs)

    def send_head(self) -> Any:
        try:
            bad = _bad_path(self.path)
        except UnicodeDecodeError:
            bad = True
        if bad:
            self.send_error(HTTPStatus.BAD_REQUEST, "Malformed path")
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / INDEX
        if self.preview is None or path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = self.preview.page(path.read_bytes())
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", _TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a preview changes at every save
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path: Any) -> None:
        # A build is flat and has an index.html: a listing would only show the mark file.
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def log_message(self, format: str, *args: Any) -> None:
        sys.stderr.write(f"vaxical serve: {format % args}\n")


class _Server(ThreadingHTTPServer):
    request_queue_size = BACKLOG
    daemon_threads = True
    debug = False
    """--debug: a bug's traceback is printed."""

    def handle_error(self, request: Any, client_address: tuple[str, int]) -> None:
        # A client that hangs up midway (a reload, a closed tab) is not worth a traceback.
        error = sys.exc_info()[1]
        if error is None or isinstance(error, (ConnectionError, TimeoutError)):
            return
        during = f" answering a request from {client_address[0]}"
        sys.stderr.write(
            f"vaxical: {internal_error(error, command='serve', debug=self.debug, during=during)}\n"
        )


def make_server(
    directory: Path, port: int, preview: Preview | None = None, *, debug: bool = False
) -> _Server:
    """A server for ``directory`` on 127.0.0.1:``port`` (0: any free port; the parser
    takes no other than 0 to 65535, cli.port_argument), not started; with ``preview``, its
    pages say they are a preview; with ``debug``, a bug in answering a request prints its
    traceback."""
    handler = functools.partial(_Handler, directory=str(directory), preview=preview)
    try:
        server = _Server((HOST, port), handler)
    except OSError as error:
        raise UsageError(
            f"--port {port}: cannot serve on {HOST}:{port} ({error.strerror}). Fix: give "
            "another port, or `--port 0` for any free one."
        ) from None
    server.debug = debug
    return server


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
        preview: Preview | None = None,
        poll_seconds: float = POLL_SECONDS,
        *,
        debug: bool = False,
    ) -> None:
        self._build = build
        self._watched = watched
        self._announce = announce
        self._preview = preview
        self._poll_seconds = poll_seconds
        self._debug = debug
        self._last = self._current()

    def _failed(self, message: str | None) -> None:
        """Show (or clear) a failed rebuild on the preview's pages too."""
        if self._preview is not None:
            with self._preview.lock:
                self._preview.failure = message

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
            self._failed(str(error))
            self._announce(f"the rebuild failed; still serving the previous build:\n{error}")
        # The watcher must outlive a bug in a rebuild: said plainly as a bug, not blamed on
        # the definition, and the preview goes on with the previous build.
        except Exception as error:
            bug = internal_error(
                error, command="serve", debug=self._debug, during=" in the rebuild"
            )
            message = f"{bug} Still serving the previous build."
            self._failed(message)
            self._announce(message)
        else:
            self._failed(None)
            self._announce("rebuilt")
        return True

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self._poll_seconds):
            try:
                self.step()
            except Exception:  # reporting itself failed (a closed terminal): keep watching
                self._last = None


def serve(
    build: Callable[[], Sequence[str]],
    watched: Callable[[], list[Path]],
    directory: Path,
    port: int,
    announce: Callable[[str], None],
    *,
    debug: bool = False,
) -> None:
    """Build, serve ``directory``, and rebuild when the ``watched`` files change.
    ``build`` returns the published addresses of the calendars it built; ``debug``
    (--debug): a bug's traceback is printed.

    A failing rebuild is reported, in the terminal and on the pages, and the previous
    build keeps being served: the output folder is only ever replaced whole."""
    preview = Preview()

    def rebuild() -> None:
        bases = build()
        with preview.lock:
            preview.bases = tuple(bases)

    # The port first: one in use is refused before anything is built (README).
    server = make_server(directory, port, preview, debug=debug)
    try:
        rebuild()
    except BaseException:
        server.server_close()
        raise
    with preview.lock:
        preview.origin = f"http://{HOST}:{server.server_address[1]}/"
    stop = threading.Event()
    watcher = Watcher(rebuild, watched, announce, preview, debug=debug)
    thread = threading.Thread(target=watcher.run, args=(stop,), name="vaxical-watch", daemon=True)
    thread.start()
    announce(f"serving http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        stop.set()
        server.server_close()
