"""``vaxical serve``'s rebuild, measured inside one process as serve runs it:
``python bench/rebuild.py DEFINITIONS_FOLDER OUT``. A first build through
pipeline.Builder, then edits of one definition, each followed by a rebuild (load every
definition, render what changed, write the folder); prints JSON: the median rebuild
time, how many calendars it rendered, and whether its files are a full build's bytes."""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from vaxical.pipeline import Builder, load, render_all
from vaxical.target import MARK

EDITS = 5


def main() -> int:
    folder, out = Path(sys.argv[1]), Path(sys.argv[2])
    paths = sorted(folder.glob("*.toml"))
    builder = Builder()
    start = time.perf_counter()
    builder.build(paths, out, sources=[folder])
    full = time.perf_counter() - start
    edited = paths[len(paths) // 2]
    original = edited.read_text(encoding="utf-8")
    samples = []
    for number in range(1, EDITS + 1):
        # A new sentence in the notice's summary, as an editor would save it.
        edited.write_text(original.replace("J+10.", f"J+10 (édition {number})."), encoding="utf-8")
        start = time.perf_counter()
        files = builder.build(paths, out, sources=[folder])
        samples.append(time.perf_counter() - start)
    rendered = builder.rendered_last
    identical = files == render_all(load(paths))
    written = {path.name: path.read_bytes() for path in out.iterdir() if path.name != MARK}
    edited.write_text(original, encoding="utf-8")
    print(
        json.dumps(
            {
                "full_seconds": full,
                "rebuild_seconds": statistics.median(samples),
                "rounds": EDITS,
                "rendered": rendered,
                "identical": identical and written == files,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
