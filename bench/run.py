"""vaxical's benchmark: ``make bench``. Not a test: it measures, prints a table and writes
``bench/results.json``. Every figure is quoted against a baseline measured in the same run.

1. The shipped build (``vaxical build``) against the bare import of the four
   dependencies (icalendar, jinja2, dateutil.rrule, pytz): median wall time of several
   runs each, and peak resident memory.
2. Synthetic definitions of 1, 10 and 100 years of weekly sessions, built end to end
   (every file written): wall time, distinct events per second, peak memory, bytes per
   event of the combined feed, and the scaling exponent from 1 to 100 years.
3. The same events serialized by plain icalendar ``Calendar.to_ical()``, as the
   baseline for the serialization rate.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
SCALES = (1, 10, 100)
IMPORTS = "import icalendar, jinja2, dateutil.rrule, pytz"


def _child(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(args)} failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def _median(args: list[str], cwd: Path, runs: int = RUNS) -> tuple[float, float]:
    samples = [_child(args, cwd) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def synthetic_definition(years: int) -> str:
    """The shipped rules, weekly, over ``years`` years, with the reminders feed."""
    text = (ROOT / "schedules" / "vaccins-covid.toml").read_text(encoding="utf-8")
    start = "2023-07-17"
    horizon = f"{2023 + years}-07-16"
    head, _, _ = text.partition("[[periods]]")
    tail = text[text.index("[delivery]") :]
    periods = f"[[periods]]\nstart = {start}\nevery_weeks = 1\n\n"
    return head.replace("horizon = 2023-10-10", f"horizon = {horizon}") + periods + tail


def _events_of(build: Path) -> int:
    document = json.loads((build / "vaccins-covid.json").read_text(encoding="utf-8"))
    return len(document["events"])


def icalendar_baseline(build: Path) -> tuple[int, float]:
    """Rebuild the combined feed's events as plain icalendar components and time
    ``Calendar.to_ical()`` alone: the library's own serialization rate."""
    from icalendar import Calendar

    calendar = Calendar.from_ical((build / "vaccins-covid.ics").read_bytes())
    count = len(calendar.events)
    samples = []
    for _ in range(3):
        start = time.perf_counter()
        calendar.to_ical()
        samples.append(time.perf_counter() - start)
    return count, statistics.median(samples)


def main() -> int:
    python = str(ROOT / ".venv" / "bin" / "python")
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "system": platform.platform(),
        }
    }
    work = Path(tempfile.mkdtemp(prefix="vaxical-bench-"))
    import_time, import_rss = _median([python, "-c", IMPORTS], work)
    build_time, build_rss = _median(
        [
            python,
            "-m",
            "vaxical",
            "build",
            str(ROOT / "schedules" / "vaccins-covid.toml"),
            "--out",
            str(work / "shipped"),
        ],
        work,
    )
    results["shipped"] = {
        "import_seconds": import_time,
        "import_peak_mib": import_rss,
        "build_seconds": build_time,
        "build_peak_mib": build_rss,
        "ratio_to_import": build_time / import_time,
    }
    scale_rows = []
    for years in SCALES:
        definition = work / f"{years}y.toml"
        definition.write_text(synthetic_definition(years), encoding="utf-8")
        out = work / f"{years}y"
        runs = 3 if years < 100 else 1
        seconds, rss = _median(
            [python, "-m", "vaxical", "build", str(definition), "--out", str(out)], work, runs
        )
        events = _events_of(out)
        combined = (out / "vaccins-covid.ics").stat().st_size
        baseline_events, baseline_seconds = icalendar_baseline(out)
        scale_rows.append(
            {
                "years": years,
                "events": events,
                "seconds": seconds,
                "events_per_second": events / seconds,
                "peak_mib": rss,
                "bytes_per_event": combined / baseline_events,
                "icalendar_to_ical_events_per_second": baseline_events / baseline_seconds,
                "ratio_to_icalendar": (events / seconds) / (baseline_events / baseline_seconds),
            }
        )
    first, last = scale_rows[0], scale_rows[-1]
    exponent = math.log(last["seconds"] / first["seconds"]) / math.log(
        last["events"] / first["events"]
    )
    results["scales"] = scale_rows
    results["scaling_exponent"] = exponent

    print(f"machine: {results['machine']}")
    print()
    print("shipped build vs bare import of icalendar, jinja2, dateutil.rrule, pytz (median of 7)")
    print(f"  import {import_time * 1000:7.1f} ms  {import_rss:6.1f} MiB")
    ratio = build_time / import_time
    print(f"  build  {build_time * 1000:7.1f} ms  {build_rss:6.1f} MiB   ratio {ratio:.2f}x")
    print()
    header = (
        f"{'years':>5} {'events':>7} {'seconds':>8} {'events/s':>9} {'peak MiB':>9} "
        f"{'B/event':>8} {'to_ical ev/s':>13} {'ratio':>6}"
    )
    print(header)
    for row in scale_rows:
        print(
            f"{row['years']:>5} {row['events']:>7} {row['seconds']:>8.2f} "
            f"{row['events_per_second']:>9.0f} "
            f"{row['peak_mib']:>9.1f} {row['bytes_per_event']:>8.0f} "
            f"{row['icalendar_to_ical_events_per_second']:>13.0f} {row['ratio_to_icalendar']:>6.2f}"
        )
    print(f"scaling exponent 1 → 100 years: {exponent:.3f}")
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
