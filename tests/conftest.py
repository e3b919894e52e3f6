"""Shared helpers: the shipped definition, and small definitions built from parts."""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import queue
import textwrap
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO, NamedTuple

import pytest

from vaxical.cli import main
from vaxical.definition import load, loads
from vaxical.errors import DefinitionError
from vaxical.model import Definition
from vaxical.pipeline import render_all

ROOT = Path(__file__).resolve().parent.parent
# The seed notice (DGS-Urgent N°2023-11) as one set of rules, with reminders and a holiday
# policy: the single-revision format as it was shipped before ledgers.
SEED_DEFINITION = ROOT / "tests" / "data" / "vaccins-covid.toml"
# The real 2023 ledger as first shipped in schedules/ (tests/test_ledger.py): frozen here,
# its notices written out in the tests, so that a publisher appending a notice to
# schedules/vaccins-covid.toml breaks no test (tests/test_examples.py checks schedules/).
LEDGER_2023 = ROOT / "tests" / "examples" / "ledger-2023" / "input" / "vaccins-covid.toml"

CALENDAR = """\
[calendar]
id = "{id}"
name = "Essai"
product = "vaccins Covid-19"
description = "Calendrier d'essai."
timezone = "{timezone}"
base_url = "https://example.org/feeds/"
portal_url = "https://example.org/portail"
revised = 2023-07-18
horizon = {horizon}
"""

RULES = """\
[sessions]
days = ["monday", "tuesday"]

[delivery]
first_day = 10
last_day = 11

[confirmation]
day = 2
time = 18:00:00
minutes = 30

[appointments]
days_after_delivery = 1

[[notices]]
reference = "Note N°1"
date = 2023-07-18
title = "Essai"
url = "https://example.org/note"
summary = "Essai."
"""


@functools.cache
def seed_files() -> Mapping[str, bytes]:
    """Every file of the seed's build, rendered once per test process when a test first
    asks (never at import: a rendering bug fails the tests that read the files, not the
    collection of whole modules), read-only since tests share it."""
    return MappingProxyType(render_all([load(SEED_DEFINITION)]))


class Case(NamedTuple):
    """One bad input and the messages a person reads, first line of each, written out."""

    name: str
    text: str
    messages: list[str]


def first_lines(text: str, file: str = "x.toml") -> list[str]:
    """The first line of each problem that loading ``text`` reports."""
    with pytest.raises(DefinitionError) as caught:
        loads(text, file)
    return [problem.format().split("\n")[0] for problem in caught.value.problems]


def fixes_followed(
    cases: Sequence[Case], followed: Mapping[str, tuple[str, str]]
) -> Callable[..., None]:
    """The test that does what each case named in ``followed`` says, a module's own
    cases and rows: its first message's fix names ``new`` (in backquotes, text without
    its quotes), and with ``new`` in place of ``old`` the file passes `check` (a trial
    followed `UTC` for `UTC+2`, which passed, two hours off; and `2023-09-30` for a start
    on 2023-09-31, which failed again, a Saturday). A module binds it to a test name."""
    by_name = {case.name: case for case in cases}
    assert set(followed) <= set(by_name), f"no such case: {set(followed) - set(by_name)}"

    @pytest.mark.parametrize(("name", "change"), followed.items(), ids=list(followed))
    def test_the_fix_works_when_followed(
        name: str, change: tuple[str, str], tmp_path: Path
    ) -> None:
        case, (old, new) = by_name[name], change
        fix = case.messages[0].partition(" Fix: ")[2]
        assert f"`{new.strip(chr(34))}`" in fix
        assert old in case.text
        path = tmp_path / "x.toml"
        path.write_text(case.text.replace(old, new, 1), encoding="utf-8")
        assert main(["check", str(path)]) == 0

    return test_the_fix_works_when_followed


def definition_text(
    periods: str,
    exceptions: str = "",
    *,
    horizon: str = "2023-10-10",
    timezone: str = "Europe/Paris",
    calendar_id: str = "essai",
) -> str:
    """A complete definition from its varying parts (TOML snippets)."""
    calendar = CALENDAR.format(id=calendar_id, timezone=timezone, horizon=horizon)
    parts = [calendar, RULES, textwrap.dedent(periods), textwrap.dedent(exceptions)]
    return "\n".join(parts)


def make(periods: str, exceptions: str = "", **options: str) -> Definition:
    return loads(definition_text(periods, exceptions, **options), "essai.toml").current


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


AS_FROM_A_TERMINAL = """
import signal
signal.signal(signal.SIGINT, signal.default_int_handler)
"""
"""The start of a child script (``python -c``) that must stop on Ctrl-C as a command
started from a terminal does: a shell that runs the tests in the background (`make test
&`, nohup, some CI runners) ignores SIGINT, and its children inherit that."""


class Run(NamedTuple):
    """What a command line gave: its exit status and what it printed."""

    status: int
    stdout: str
    stderr: str


def vaxical_in(project: Path, *args: str) -> Run:
    """``vaxical ARGS`` run from ``project`` inside this process: ``main()`` with the
    folder, the output streams and argparse's exits as a separate process would have them.
    The process itself (start-up, signals, pipes, the environment) is what test_cli,
    test_interrupted and the closed-pipe tests run separate processes for; everything
    else spares the 0.2 s of an interpreter start."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(project),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            status = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors and --help
            status = exit_.code if isinstance(exit_.code, int) else 2
    return Run(status, out.getvalue(), err.getvalue())


class Lines:
    """The lines a child process prints, read by a thread: a test waits for one with a
    deadline, and never blocks on a child that stopped talking."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self._reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._reader.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def next_line(self, deadline: float) -> str:
        """The next line, as printed; fails when none comes before ``deadline``."""
        try:
            line = self._queue.get(timeout=max(deadline - time.monotonic(), 0))
        except queue.Empty:
            line = None
        if line is None:
            raise AssertionError(f"no further line by the deadline: {self.seen}")
        self.seen.append(line)
        return line

    def until(self, wanted: str, deadline: float) -> str:
        """The first line that holds ``wanted``, the lines before it passed over."""
        while True:
            try:
                line = self.next_line(deadline)
            except AssertionError:
                raise AssertionError(f"never saw {wanted!r}: {self.seen}") from None
            if wanted in line:
                return line

    def join(self, timeout: float) -> None:
        """Wait for the child's output to end (after the child is stopped)."""
        self._reader.join(timeout=timeout)


# The modules that take longest, longest first: `make test` hands whole modules to its
# workers (--dist loadfile) in collection order (--no-loadscope-reorder), each worker
# taking the next as it finishes one. Started last, test_properties ran alone for its
# last 4-6 s while the other worker idled; started first, the short modules fill in at
# the end and the workers finish within about a second of each other. The browser
# module mostly waits on Chromium, so the others run the heaviest computation beside
# it. (xdist's own order, by number of tests, started these last.)
LONGEST_FIRST = (
    "test_browser.py",
    "test_properties.py",
    "test_serializer.py",
    "test_deployment.py",
    "test_cli.py",
    "test_json_schema.py",
    "test_lint_bounds.py",
    "test_serve.py",
    "test_workflow.py",
    "test_ledger.py",
    "test_interop.py",
    "test_packaging.py",
    "test_robust.py",
    "test_upgrade.py",
    "test_retire.py",
    "test_published_records.py",
    "test_builder.py",
    "test_interrupted.py",
    "test_ics.py",
    "test_updates.py",
    "test_lint.py",
)
for _name in LONGEST_FIRST:  # a renamed module would silently drop back in the order
    assert (ROOT / "tests" / _name).is_file(), f"conftest.LONGEST_FIRST: no tests/{_name}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules in LONGEST_FIRST first, in that order; the others after, as collected.
    Tests keep their order within a module."""
    rank = {name: index for index, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Once the tests are collected, what exists now lives until the end (modules, test
    items, strategies): out of the cycle collector's way, and collections made rarer.
    Hypothesis and icalendar make many short-lived objects, and each collection scanned
    the whole collected suite again (about 1 s of a `make test`). Builds pause the
    collector themselves (pipeline._no_cycle_collection), so they run as they do in use."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
