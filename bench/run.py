"""vaxical's benchmark: ``make bench``. Not a test: it measures, prints tables and writes
``bench/results.json``. Every figure is quoted against a baseline measured in the same
run; contenders are run in interleaved rounds (median of ``BENCH_ROUNDS``, 3 by default),
each in its own process, timed from start to exit (imports included), with its peak
resident memory.

1. 100 years, end to end: ``vaxical build`` of a generated 100-year definition (every
   file written) against peers that start from the same events (vaxical's JSON) and
   write one calendar of them: plain icalendar (``.add()`` + ``to_ical``), ics.py 0.7,
   vobject, Node's ical-generator (skipped with a note when Node or the package is
   missing), and a minimal serializer whose bytes are checked to be vaxical's.
2. Scaling: 1, 10 and 100 years; the exponent of time against events.
3. The shipped build against the bare import of icalendar, jinja2, dateutil.rrule and
   pytz, vaxical's bytecode compiled first, as an install has it.
4. A national deployment (3 products × 13 regions × 5 years, as tests/test_deployment.py)
   against plain icalendar on the same events; the largest feed.
5. ``vaxical serve``: the rebuild after an edit to one definition of that deployment
   (pipeline.Builder), and whether its files are a full build's bytes.
6. The linter on hostile files (bench/hostile.py): each against linting well-formed
   feeds of the same size, and the exponent of time against size.
"""

from __future__ import annotations

import functools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from definitions import deployment, long_calendar  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SHIPPED_RUNS = 9
IMPORTS = "import icalendar, jinja2, dateutil.rrule, pytz"
NODE_PEER = ROOT / "bench" / "peer-ical-generator.mjs"


def child(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process. Its stderr goes to a file:
    a long build warns at length (holidays to check), more than a pipe holds."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed:\n{errors.read().decode()[-4000:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def interleaved(
    commands: dict[str, Callable[[], list[str]]], cwd: Path, rounds: int
) -> dict[str, dict[str, float]]:
    """Each command once per round, in turn; the median time and the largest peak."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(child(command(), cwd))
    return {
        name: {
            "seconds": statistics.median(s[0] for s in runs),
            "peak_mib": max(s[1] for s in runs),
        }
        for name, runs in samples.items()
    }


def node_peer() -> str | None:
    """Why ical-generator cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node_modules" / "ical-generator").is_dir():
        return "ical-generator is not installed (npm ci)"
    return None


def build_command(definitions: list[Path], out: Path) -> list[str]:
    """``vaxical build`` into ``out``, emptied first: every file written, none kept
    from a previous round (vaxical.output links unchanged files from the folder it
    replaces)."""
    if out.exists():
        shutil.rmtree(out)
    return [PYTHON, "-m", "vaxical", "build", *map(str, definitions), "--out", str(out)]


def count_events(folder: Path) -> int:
    return sum(
        len(json.loads(path.read_text(encoding="utf-8"))["events"])
        for path in folder.glob("*.json")
        if path.name != "calendars.json" and not path.name.endswith(".schema.json")
    )


def minimal_reference(definition: Path, events_json: Path) -> bytes:
    """vaxical's bytes for one feed of every event, and its header beside the events (the
    minimal serializer is given the header and must write the rest identically)."""
    from vaxical.pipeline import calendar_of, load
    from vaxical.render.ics import render_feed
    from vaxical.schedule.events import Kind
    from vaxical.schedule.feeds import Feed

    (ledger,) = load([definition])
    calendar = calendar_of(ledger)
    every = Feed("", "Tout", "", frozenset(Kind), optional=True)
    data = render_feed(calendar.definition, every, calendar.feed_events)
    head = data[: data.index(b"BEGIN:VEVENT\r\n")]
    events_json.with_suffix(".header").write_bytes(head)
    return data


def long_calendars(work: Path, results: dict[str, Any]) -> None:
    scales = []
    for years in (1, 10, 100):
        definition = work / f"{years}y" / "vaccins-covid.toml"
        definition.parent.mkdir()
        definition.write_text(long_calendar(years), encoding="utf-8")
        out = work / f"{years}y" / "build"
        timing = interleaved(
            {"vaxical": functools.partial(build_command, [definition], out)}, work, ROUNDS
        )
        events = count_events(out)
        seconds = timing["vaxical"]["seconds"]
        scales.append(
            {
                "years": years,
                "events": events,
                **timing["vaxical"],
                "events_per_second": events / seconds,
            }
        )
    first, last = scales[0], scales[-1]
    exponent = math.log(last["seconds"] / first["seconds"]) / math.log(
        last["events"] / first["events"]
    )
    results["scales"] = scales
    results["scaling_exponent"] = exponent

    # The peers start from the 100-year build's events, as vaxical wrote them.
    definition = work / "100y" / "vaccins-covid.toml"
    source = work / "100y" / "events" / "vaccins-covid.json"
    source.parent.mkdir()
    shutil.copy(work / "100y" / "build" / "vaccins-covid.json", source)
    reference = minimal_reference(definition, source)
    events = count_events(source.parent)
    peers = work / "100y" / "peers"
    peers.mkdir()
    commands: dict[str, Callable[[], list[str]]] = {
        "vaxical": lambda: build_command([definition], work / "100y" / "build"),
        "icalendar": lambda: [PYTHON, "bench/peers.py", "icalendar", str(peers), str(source)],
        "ics": lambda: [PYTHON, "bench/peers.py", "ics", str(peers), str(source)],
        "vobject": lambda: [PYTHON, "bench/peers.py", "vobject", str(peers), str(source)],
        "minimal": lambda: [
            PYTHON,
            "bench/peers.py",
            "minimal",
            str(peers / "minimal"),
            str(source),
        ],
    }
    (peers / "minimal").mkdir()
    missing = node_peer()
    if missing is None:
        commands["ical-generator"] = lambda: ["node", str(NODE_PEER), str(peers), str(source)]
    else:
        print(f"note: Node ical-generator skipped: {missing}.")
    timing = interleaved(commands, ROOT, ROUNDS)
    identical = (peers / "minimal" / "vaccins-covid.ics").read_bytes() == reference
    if not identical:
        raise SystemExit("the minimal serializer's bytes differ from vaxical's: fix bench/peers.py")
    baseline = events / timing["icalendar"]["seconds"]
    results["hundred_years"] = {
        "events": events,
        "contenders": {
            name: {
                **row,
                "events_per_second": events / row["seconds"],
                "ratio_to_icalendar": events / row["seconds"] / baseline,
            }
            for name, row in timing.items()
        },
        "skipped": {} if missing is None else {"ical-generator": missing},
        "minimal_bytes_identical": identical,
    }


def shipped(work: Path, results: dict[str, Any]) -> None:
    # As an install has it: vaxical's bytecode compiled (this environment may set
    # PYTHONDONTWRITEBYTECODE, which would otherwise recompile it at every start).
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "vaxical")], check=True)
    definition = ROOT / "schedules" / "vaccins-covid.toml"
    timing = interleaved(
        {
            "import": lambda: [PYTHON, "-c", IMPORTS],
            "build": lambda: build_command([definition], work / "shipped"),
        },
        work,
        SHIPPED_RUNS,
    )
    results["shipped"] = {
        **timing,
        "ratio_to_import": timing["build"]["seconds"] / timing["import"]["seconds"],
    }


def national(work: Path, results: dict[str, Any]) -> None:
    folder = work / "deployment"
    folder.mkdir()
    for name, text in deployment().items():
        (folder / name).write_text(text, encoding="utf-8")
    definitions = sorted(folder.glob("*.toml"))
    out = work / "deployment-build"
    child(build_command(definitions, out), work)  # the JSON the peer starts from
    sources = work / "deployment-events"
    sources.mkdir()
    for path in out.glob("*.json"):
        if path.name != "calendars.json" and not path.name.endswith(".schema.json"):
            shutil.copy(path, sources / path.name)
    events = count_events(sources)
    peers = work / "deployment-peers"
    peers.mkdir()
    sources_list = [str(path) for path in sorted(sources.glob("*.json"))]
    timing = interleaved(
        {
            "vaxical": lambda: build_command(definitions, out),
            "icalendar": lambda: [PYTHON, "bench/peers.py", "icalendar", str(peers), *sources_list],
        },
        ROOT,
        ROUNDS,
    )
    feeds = {path.name: path.stat().st_size for path in out.glob("*.ics")}
    baseline = events / timing["icalendar"]["seconds"]
    results["deployment"] = {
        "calendars": len(definitions),
        "events": events,
        "feeds": len(feeds),
        "largest_feed_bytes": max(feeds.values()),
        "contenders": {
            name: {
                **row,
                "events_per_second": events / row["seconds"],
                "ratio_to_icalendar": events / row["seconds"] / baseline,
            }
            for name, row in timing.items()
        },
    }
    # vaxical serve: the rebuild after an edit, in the serving process (bench/rebuild.py).
    report = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "rebuild.py"), str(folder), str(work / "serve")],
        check=True,
        capture_output=True,
        text=True,
    )
    results["serve_rebuild"] = json.loads(report.stdout)


def hostile(results: dict[str, Any]) -> None:
    report = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "hostile.py")], check=True, capture_output=True, text=True
    )
    results["hostile"] = json.loads(report.stdout)


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    return {
        "python": platform.python_version(),
        "processor": model or platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "system": platform.platform(),
        "rounds": ROUNDS,
    }


def report(results: dict[str, Any]) -> None:
    print(f"machine: {results['machine']}")
    hundred = results["hundred_years"]
    print(f"\n100 years, end to end ({hundred['events']:,} events; median of {ROUNDS} rounds)")
    print(
        f"  {'contender':<16} {'seconds':>8} {'events/s':>9} {'vs icalendar':>13} {'peak MiB':>9}"
    )
    for name, row in sorted(hundred["contenders"].items(), key=lambda item: item[1]["seconds"]):
        print(
            f"  {name:<16} {row['seconds']:>8.2f} {row['events_per_second']:>9,.0f} "
            f"{row['ratio_to_icalendar']:>12.2f}x {row['peak_mib']:>9.0f}"
        )
    for name, why in hundred["skipped"].items():
        print(f"  {name:<16} skipped: {why}")
    print("\nscaling")
    for row in results["scales"]:
        print(
            f"  {row['years']:>3} years {row['events']:>7,} events {row['seconds']:>7.2f} s "
            f"{row['events_per_second']:>7,.0f} events/s {row['peak_mib']:>6.0f} MiB"
        )
    print(f"  exponent 1 → 100 years: {results['scaling_exponent']:.3f}")
    ship = results["shipped"]
    print(
        "\nshipped build vs import of icalendar, jinja2, dateutil.rrule, pytz "
        f"(median of {SHIPPED_RUNS})"
    )
    print(
        f"  import {ship['import']['seconds'] * 1000:7.1f} ms  "
        f"{ship['import']['peak_mib']:6.1f} MiB"
    )
    print(
        f"  build  {ship['build']['seconds'] * 1000:7.1f} ms  {ship['build']['peak_mib']:6.1f} MiB"
        f"   ratio {ship['ratio_to_import']:.2f}x"
    )
    deploy = results["deployment"]
    print(
        f"\ndeployment: {deploy['calendars']} calendars, {deploy['events']:,} events, "
        f"{deploy['feeds']} feeds, largest {deploy['largest_feed_bytes']:,} bytes"
    )
    for name, row in deploy["contenders"].items():
        print(
            f"  {name:<16} {row['seconds']:>8.2f} s {row['events_per_second']:>9,.0f} events/s "
            f"{row['ratio_to_icalendar']:>6.2f}x {row['peak_mib']:>6.0f} MiB"
        )
    serve = results["serve_rebuild"]
    print(
        f"\nvaxical serve, one definition edited: rebuild {serve['rebuild_seconds']:.3f} s "
        f"(median of {serve['rounds']}; full build {serve['full_seconds']:.2f} s), "
        f"{serve['rendered']} calendar rendered, bytes of a full build: {serve['identical']}"
    )
    bad = results["hostile"]
    print(
        f"\nlint, hostile files against well-formed feeds of the same size "
        f"({bad['well_formed_mb_per_second']:.1f} MB/s)"
    )
    for name, row in bad["cases"].items():
        print(
            f"  {name:<36} {row['bytes']:>10,} bytes {row['seconds']:>7.3f} s "
            f"{row['ratio_to_well_formed']:>6.2f}x"
        )
    print(f"  exponent of time against size (a fragment, ×4): {bad['fragment_exponent']:.2f}")


def main() -> int:
    results: dict[str, Any] = {"machine": machine()}
    work = Path(tempfile.mkdtemp(prefix="vaxical-bench-"))
    try:
        shipped(work, results)
        long_calendars(work, results)
        national(work, results)
        hostile(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results)
    (ROOT / "bench" / "results.json").write_text(
        json.dumps(results, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
