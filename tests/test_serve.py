"""``vaxical serve``: its watcher outlives every failure, its port is checked before any
build, malformed requests get 400 or 404 without a traceback, and 200 simultaneous
connections on 127.0.0.1 are all answered."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from vaxical import serve
from vaxical.errors import DefinitionError, Problem

from .conftest import AS_FROM_A_TERMINAL, SEED_DEFINITION, Lines, vaxical_in


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """A preview server on a free port, serving a folder with an index.html."""
    folder = tmp_path_factory.mktemp("site") / "build"
    folder.mkdir()
    (folder / "index.html").write_bytes(b"<p>page</p>")
    (folder / "a.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    server = serve.make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _status_line(port: int, request: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer.split(b"\r\n", 1)[0]


# (c) Malformed paths: an answer, never a traceback.


@pytest.mark.parametrize(
    ("path", "status"),
    [
        (b"/index.html%00.txt", b"HTTP/1.0 400 Malformed path"),
        (b"/%00", b"HTTP/1.0 400 Malformed path"),
        (b"/a%01b", b"HTTP/1.0 400 Malformed path"),
        (b"/..", b"HTTP/1.0 400 Malformed path"),
        (b"/../../etc/passwd", b"HTTP/1.0 400 Malformed path"),
        (b"/%2e%2e/%2e%2e/etc/passwd", b"HTTP/1.0 400 Malformed path"),
        (b"/a%5c..%5cb", b"HTTP/1.0 400 Malformed path"),
        (b"/%ff%fe", b"HTTP/1.0 400 Malformed path"),
        (b"/nothing.ics", b"HTTP/1.0 404 File not found"),
        (b"/.vaxical-output/", b"HTTP/1.0 404 File not found"),
        (b"/index.html", b"HTTP/1.0 200 OK"),
        (b"/", b"HTTP/1.0 200 OK"),
    ],
)
def test_malformed_paths_get_an_answer_and_no_traceback(
    site: tuple[int, Path], path: bytes, status: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    port, _ = site
    assert _status_line(port, b"GET " + path + b" HTTP/1.0\r\n\r\n") == status
    logged = capsys.readouterr().err
    assert "Traceback" not in logged
    assert "Exception occurred" not in logged


def test_feeds_keep_their_content_type(site: tuple[int, Path]) -> None:
    port, _ = site
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/a.ics", timeout=10) as response:
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"


# (d) Load: 200 simultaneous connections, all answered, in bounded time.

CLIENTS = 200
LOAD_SECONDS = 20.0


def test_two_hundred_simultaneous_connections_are_all_answered(
    site: tuple[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    port, _ = site
    start_together = threading.Barrier(CLIENTS)
    answers: list[bytes] = []
    lock = threading.Lock()

    def client() -> None:
        start_together.wait(timeout=LOAD_SECONDS)
        try:
            answer = _status_line(port, b"GET /index.html HTTP/1.0\r\n\r\n")
        except OSError as error:
            answer = type(error).__name__.encode()
        with lock:
            answers.append(answer)

    clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join(timeout=LOAD_SECONDS)  # a guard against a hang, not a measure
    assert not any(thread.is_alive() for thread in clients)
    assert answers.count(b"HTTP/1.0 200 OK") == CLIENTS, sorted(set(answers))
    assert serve.BACKLOG == 128
    assert "Traceback" not in capsys.readouterr().err


# (a) The watcher survives anything and rebuilds at the next change.


class _Files:
    """What the watcher sees: a list of paths that a test changes at will."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.missing = False

    def __call__(self) -> list[Path]:
        if self.missing:  # like cli._definition_paths with an empty schedules/
            raise DefinitionError(
                [Problem("schedules", "no schedule definition (*.toml) found.", "add one.")]
            )
        return self.paths


def test_watcher_reports_every_failure_and_rebuilds_at_the_next_change(tmp_path: Path) -> None:
    definition = tmp_path / "a.toml"
    definition.write_text("one", encoding="utf-8")
    files = _Files([definition])
    said: list[str] = []
    builds: list[str] = []

    def build() -> None:
        text = definition.read_text(encoding="utf-8")
        builds.append(text)
        if text == "bug":
            raise KeyError("boom")
        if text == "bad":
            raise DefinitionError([Problem("a.toml", "is bad.", "fix it.")])

    watcher = serve.Watcher(build, files, said.append)
    assert watcher.step() is False  # nothing changed yet
    for text in ("two!", "bad", "bug", "fine"):
        definition.write_text(text, encoding="utf-8")
        assert watcher.step() is True
    files.missing = True  # the folder is empty for a moment (git checkout)
    assert watcher.step() is True
    assert watcher.step() is False  # still missing: said once
    files.missing = False
    definition.write_text("back", encoding="utf-8")
    assert watcher.step() is True
    assert builds == ["two!", "bad", "bug", "fine", "fine", "back"]
    assert said == [
        "rebuilt",
        "the rebuild failed; still serving the previous build:\na.toml: is bad. Fix: fix it.",
        "internal error in the rebuild (KeyError: 'boom'). This is a bug in vaxical, not in "
        "your definition; run it again as `vaxical --debug serve …` and report the output. "
        "Still serving the previous build.",
        "rebuilt",
        "rebuilt",  # the build itself found its definition again
        "rebuilt",
    ]


def test_a_bug_in_a_rebuild_is_said_as_every_command_says_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In cli.py's words (it had its own, and --debug showed no traceback in serve)."""
    definition = tmp_path / "a.toml"
    definition.write_text("one", encoding="utf-8")
    said: list[str] = []

    def build() -> None:
        raise KeyError("boom")

    watcher = serve.Watcher(build, lambda: [definition], said.append, debug=True)
    definition.write_text("two", encoding="utf-8")
    assert watcher.step() is True
    assert said == [
        "internal error in the rebuild (KeyError: 'boom'). This is a bug in vaxical, not in "
        "your definition; report it with the traceback above. Still serving the previous build."
    ]
    stderr = capsys.readouterr().err
    assert stderr.startswith("Traceback (most recent call last):\n")
    assert stderr.endswith("KeyError: 'boom'\n")


def test_a_bug_in_answering_a_request_is_said_as_every_command_says_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "index.html").write_bytes(b"<body><p>page</p>")

    class Broken(serve.Preview):
        def page(self, body: bytes) -> bytes:
            raise KeyError("boom")

    server = serve.make_server(tmp_path, 0, Broken())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        # The connection closes without an answer.
        assert _status_line(port, b"GET / HTTP/1.0\r\n\r\n") == b""
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert capsys.readouterr().err == (
        "vaxical: internal error answering a request from 127.0.0.1 (KeyError: 'boom'). This "
        "is a bug in vaxical, not in your definition; run it again as `vaxical --debug serve "
        "…` and report the output.\n"
    )


def test_watcher_thread_outlives_a_failing_announce(tmp_path: Path) -> None:
    definition = tmp_path / "a.toml"
    definition.write_text("one", encoding="utf-8")
    calls: list[str] = []
    again = threading.Event()

    def announce(message: str) -> None:
        calls.append(message)
        if len(calls) == 2:
            again.set()
        raise BrokenPipeError  # the terminal went away

    watcher = serve.Watcher(lambda: None, lambda: [definition], announce, poll_seconds=0.02)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    definition.write_text("two", encoding="utf-8")
    # A second announce comes from a later poll: the loop went on after the first failed.
    assert again.wait(timeout=10), calls
    assert thread.is_alive()
    stop.set()
    thread.join(timeout=5)
    assert calls[:2] == ["rebuilt", "rebuilt"]


# `vaxical serve` as a terminal starts it, Ctrl-C not ignored.
SERVE_IN_A_TERMINAL = f"""{AS_FROM_A_TERMINAL}import sys
from vaxical.cli import main
sys.exit(main(["serve", "--port", "0"]))
"""


def test_serve_lives_through_a_checkout_and_a_broken_definition(tmp_path: Path) -> None:
    """The real command: the definition disappears, comes back broken, then fixed; the
    server keeps serving, reports each problem, and serves the fixed build; Ctrl-C stops
    it."""
    (tmp_path / "schedules").mkdir()
    definition = tmp_path / "schedules" / SEED_DEFINITION.name
    shutil.copy(SEED_DEFINITION, definition)
    with subprocess.Popen(
        [sys.executable, "-c", SERVE_IN_A_TERMINAL],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as child:
        assert child.stdout is not None
        lines = Lines(child.stdout)
        try:
            deadline = time.monotonic() + 30
            serving = lines.until("serving http://127.0.0.1:", deadline)
            port = int(serving.split(":")[-1].split("/")[0])
            aside = tmp_path / "aside.toml"
            definition.rename(aside)  # checkout: no definition for a while
            lines.until("the rebuild failed", deadline)
            text = aside.read_text(encoding="utf-8")
            definition.write_text(text.replace('timezone = "Europe/Paris"', "timezone = 1"))
            lines.until("calendar.timezone", deadline)
            url = f"http://127.0.0.1:{port}/index.html"
            # The page itself says the latest edit failed, and why.
            with urllib.request.urlopen(url, timeout=10) as response:
                page = response.read().decode("utf-8")
            assert "<strong>La dernière modification n'a pas pu être prise en compte</strong>" in (
                page
            )
            assert "calendar.timezone = 1: expected text in double quotes" in page
            # Fixed, with a session opened on a holiday: warned about as `build` does.
            opened = (
                '[[exceptions]]\nsession = 2023-08-14\nopen = true\nreason = "Exceptionnelle"\n'
            )
            definition.write_text(
                text.replace("Covid-19 – officines", "Covid-19 – essai") + "\n" + opened
            )
            lines.until("rebuilt", deadline)
            with urllib.request.urlopen(url, timeout=10) as response:
                page = response.read().decode("utf-8")
            assert "Covid-19 – essai" in page
            assert "preview-error" not in page  # fixed: the banner is gone
            # Subscribe links point at the preview, which says so; the built file does not.
            assert f"webcal://127.0.0.1:{port}/vaccins-covid.ics" in page
            assert "Aperçu local (vaxical serve)" in page
            built = (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
            assert "webcal://vaxical.github.io/vaxical/vaccins-covid.ics" in built
            assert "Aperçu local" not in built
            assert child.poll() is None  # still serving
        finally:
            child.send_signal(signal.SIGINT)
            try:
                _, stderr = child.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                _, stderr = child.communicate()
    assert "Traceback" not in stderr
    assert child.returncode == 130, stderr  # stopped by Ctrl-C, not killed
    assert stderr.endswith("vaxical: interrupted; the previous output is unchanged.\n")
    # Said after the rebuild that made it so, not before (the first build has no holiday).
    assert stderr.count("vaxical : attention : ") == 1, stderr
    assert (
        "vaxical : attention : schedules/vaccins-covid.toml : 1 date à vérifier à partir du 18 "
        "juillet 2023, jour de la dernière révision (jours fériés de toutes les régions, "
        "week-ends) :\n    mardi 15 août 2023 : Assomption (toute la France) — session des "
        "14-15 août 2023 ; ouverte\n"
    ) in stderr


# (b) A port outside 0-65535 is a usage error before anything is built.


@pytest.mark.parametrize("port", ["70000", "-1", "65536", "eighty"])
def test_a_port_that_is_not_one_is_refused_before_building(tmp_path: Path, port: str) -> None:
    (tmp_path / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, tmp_path / "schedules" / SEED_DEFINITION.name)
    result = vaxical_in(tmp_path, "serve", "--port", port)
    assert result.status == 2
    reason = (
        f"{port!r} is not a whole number"
        if port == "eighty"
        else f"{port} is not a port; give 0 to 65535"
    )
    assert result.stderr.splitlines() == [
        "usage: vaxical serve [-h] [--port PORT] [--out DIR] [DEFINITION ...]",
        f"vaxical serve: error: argument --port: {reason}",
    ]
    assert not (tmp_path / "build").exists()
