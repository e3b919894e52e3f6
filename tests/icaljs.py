"""Mozilla's ical.js, the parser Thunderbird uses, as a reader that stays up: one Node.js
process (tests/interop/uids.mjs) reads every feed a test module sends it. Starting Node
and loading ical.js costs about 0.1 s once; a feed of 1,500 lines then takes a few
milliseconds to read, values included, where python-icalendar takes about 45 ms."""

from __future__ import annotations

import contextlib
import json
import select
import shutil
import subprocess

from .conftest import ROOT

SCRIPT = ROOT / "tests" / "interop" / "uids.mjs"
ANSWER_SECONDS = 30
"""How long one feed may take: ical.js stuck on a feed fails the test, not the suite."""


class IcalJs:
    """``uids(feed)``: the UIDs of the feed's events as ical.js reads them, in order, once
    it has read every value of the feed; a feed it cannot read fails the test."""

    def __init__(self) -> None:
        node = shutil.which("node")
        assert node is not None, "these tests need Node.js (see README: Set up)"
        assert (ROOT / "node_modules" / "ical.js").is_dir(), "these tests need ical.js (npm ci)"
        self._node = subprocess.Popen(
            [node, str(SCRIPT)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def uids(self, feed: bytes) -> list[str]:
        stdin, stdout = self._node.stdin, self._node.stdout
        assert stdin is not None
        assert stdout is not None
        try:
            stdin.write(b"%d\n" % len(feed) + feed)
            stdin.flush()
        except OSError as error:
            raise AssertionError(f"ical.js stopped (exit status {self._node.poll()})") from error
        # One request, one line back: nothing is left in stdout's buffer between requests,
        # so select() on the pipe sees whether the answer came.
        ready, _, _ = select.select([stdout], [], [], ANSWER_SECONDS)
        assert ready, f"ical.js gave no answer in {ANSWER_SECONDS} s"
        line = stdout.readline()
        assert line, f"ical.js stopped (exit status {self._node.poll()})"
        answer = json.loads(line)
        assert "error" not in answer, f"ical.js cannot read the feed: {answer['error']}"
        uids: list[str] = answer["uids"]
        assert all(isinstance(uid, str) for uid in uids), f"an event without a UID: {uids}"
        return uids

    def close(self) -> None:
        """Ends Node.js (killed if it does not end within 10 s) and checks it ended well."""
        stdin, stdout = self._node.stdin, self._node.stdout
        assert stdin is not None
        assert stdout is not None
        # Node.js that died with input unread makes this fail: its exit status tells below.
        with contextlib.suppress(OSError):
            stdin.close()
        try:
            status = self._node.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._node.kill()
            status = self._node.wait()
        finally:
            stdout.close()
        assert status == 0, f"ical.js ended with exit status {status}"
