"""Mozilla's ical.js, the parser Thunderbird uses, as a reader that stays up: one Node.js
process (tests/interop/uids.mjs) reads every feed a test module sends it. Starting Node
and loading ical.js costs about 0.1 s once; a feed of 1,500 lines then takes about 4 ms
to parse, where python-icalendar takes about 45 ms."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "interop" / "uids.mjs"


class IcalJs:
    """``uids(feed)``: the UIDs of the feed's events as ical.js reads them, in order."""

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
        stdin.write(b"%d\n" % len(feed) + feed)
        stdin.flush()
        line = stdout.readline()
        assert line, f"ical.js stopped (exit status {self._node.poll()})"
        answer = json.loads(line)
        assert "error" not in answer, f"ical.js cannot read the feed: {answer['error']}"
        uids: list[str] = answer["uids"]
        return uids

    def close(self) -> None:
        stdin, stdout = self._node.stdin, self._node.stdout
        assert stdin is not None
        assert stdout is not None
        stdin.close()
        stdout.close()
        assert self._node.wait(timeout=10) == 0
