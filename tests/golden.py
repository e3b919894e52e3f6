"""Golden example trees: ``tests/examples/<case>/input/*.toml`` → ``expected/``; the case
``shipped`` reads the definitions the project publishes, ``schedules/*.toml``.

``make golden`` (``python -m tests.golden``) rewrites every ``expected/`` folder from the
current code, after an intended change; review the diff before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from vaxical.definition import load_all
from vaxical.pipeline import render_all

EXAMPLES = Path(__file__).resolve().parent / "examples"
SCHEDULES = EXAMPLES.parent.parent / "schedules"
SHIPPED = EXAMPLES / "shipped"


def cases() -> list[Path]:
    found = [path for path in EXAMPLES.iterdir() if (path / "input").is_dir()]
    return sorted([*found, SHIPPED])


def build(case: Path) -> dict[str, bytes]:
    if case == SHIPPED:
        inputs = sorted(SCHEDULES.glob("*.toml"))
        return render_all(load_all(inputs, [f"schedules/{path.name}" for path in inputs]))
    inputs = sorted((case / "input").glob("*.toml"))
    return render_all(load_all(inputs, [f"input/{path.name}" for path in inputs]))


def main() -> None:
    for case in cases():
        expected = case / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        expected.mkdir(parents=True)
        for name, data in build(case).items():
            (expected / name).write_bytes(data)
        print(f"rewrote {expected.relative_to(EXAMPLES.parent.parent)}")


if __name__ == "__main__":
    main()
