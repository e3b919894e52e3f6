"""Golden example trees: ``tests/examples/<case>/input/*.toml`` → ``expected/``. The case
``ledger-2023`` is the real ledger of 2023 as first shipped: the notices of
``../shared/data/notices.md``, frozen here so that a publisher appending a notice to
``schedules/`` changes no test (tests/test_examples.py checks ``schedules/`` as it is).

``make golden`` (``python -m tests.golden``) rewrites every ``expected/`` folder from the
current code, after an intended change; review the diff before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from vaxical.definition import load_all
from vaxical.pipeline import render_all

EXAMPLES = Path(__file__).resolve().parent / "examples"


def cases() -> list[Path]:
    return sorted(path for path in EXAMPLES.iterdir() if (path / "input").is_dir())


def build(case: Path) -> dict[str, bytes]:
    inputs = sorted((case / "input").glob("*.toml"))
    return render_all(load_all(inputs, [f"input/{path.name}" for path in inputs]))


def main() -> None:
    # Every case is built before any folder is touched: a build that fails (a template
    # typo) leaves the expected trees as they were, where it deleted them.
    built = {case: build(case) for case in cases()}
    for case, files in built.items():
        expected = case / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        expected.mkdir(parents=True)
        for name, data in files.items():
            (expected / name).write_bytes(data)
        print(f"rewrote {expected.relative_to(EXAMPLES.parent.parent)}")


if __name__ == "__main__":
    main()
