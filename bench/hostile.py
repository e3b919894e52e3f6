"""The linter on hostile files, measured in one process: ``python bench/hostile.py``.

Each case is timed (median of ROUNDS) and quoted against the baseline measured in the
same run: linting well-formed feeds of the same size (the seed's golden feeds, repeated
up to it). A ratio near 1 is a file read in proportion to its size; the cases are those
that once took minutes (tests/test_lint_bounds.py holds their findings and memory). The
fragment case is also measured at 4 times the size: the exponent of time against size
(1: linear). Prints JSON."""

from __future__ import annotations

import functools
import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from vaxical.lint import lint

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5
GOOD = sorted((ROOT / "tests" / "examples" / "seed" / "expected").glob("*.ics"))


def _seconds(work: Callable[[], object]) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _baseline_per_byte(size: int) -> float:
    """Seconds per byte of linting well-formed feeds, ``size`` bytes of them in all."""
    feeds = [path.read_bytes() for path in GOOD]
    total = sum(map(len, feeds))
    repeat = max(1, size // total)

    def run() -> None:
        for _ in range(repeat):
            for data in feeds:
                lint(data)

    return _seconds(run) / (repeat * total)


def _nested(depth: int) -> bytes:
    head = [line for line in GOOD[0].read_bytes().split(b"\r\n") if line][:-1]
    lines = [*head, *[b"BEGIN:X"] * depth, *[b"END:X"] * depth, b"END:VCALENDAR", b""]
    return b"\r\n".join(lines)


CASES: dict[str, bytes] = {
    "5 MB of bare CR": b"\r" * 5_000_000,
    "a line of 40,000 quoted parameters": (
        b"BEGIN:VCALENDAR\r\nX-PARAMS" + b';A="b"' * 40_000 + b':x"y\r\nEND:VCALENDAR\r\n'
    ),
    "20,000 nested components": _nested(20_000),
    "a 12-byte fragment 40,000 times": b"BEGIN:X\r\n;:\r" * 40_000,
}


def main() -> int:
    per_byte = _baseline_per_byte(1_000_000)
    cases = {}
    for name, data in CASES.items():
        seconds = _seconds(functools.partial(lint, data))
        cases[name] = {
            "bytes": len(data),
            "seconds": seconds,
            "ratio_to_well_formed": seconds / (per_byte * len(data)),
        }
    fragment = b"BEGIN:X\r\n;:\r"
    small, large = fragment * 40_000, fragment * 160_000
    exponent = math.log(
        _seconds(functools.partial(lint, large)) / _seconds(functools.partial(lint, small)), 4
    )
    print(
        json.dumps(
            {
                "well_formed_mb_per_second": 1 / per_byte / 1e6,
                "cases": cases,
                "fragment_exponent": exponent,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
