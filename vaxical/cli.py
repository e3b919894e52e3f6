"""Command line: wires the pure core to files and turns errors into messages.

Exit status: 0 success; 2 bad input (a definition, or a command line, to fix);
1 anything else (the output folder could not be written, or a bug in vaxical);
130 interrupted; 141 the reader of the output stopped reading (README's table).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from vaxical.errors import (
    FeedError,
    InputError,
    OutputError,
    UnsafeValueError,
    UsageError,
    VaxicalError,
    ZoneError,
)
from vaxical.history.published import Snapshot
from vaxical.lint import MAX_FEED_BYTES
from vaxical.model import Ledger
from vaxical.schedule import french
from vaxical.schedule.expand import Session, expand

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_CHANGED = 1  # vaxical diff only, as diff(1): something changed
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: the reader of the output stopped reading
DEFAULT_SCHEDULES = Path("schedules")
DEFAULT_OUT = Path("build")
MAX_PORT = 65535

EPILOG = """\
exit status:
  0  success
  1  the output could not be written, or an internal error (a bug: please report it)
  2  bad input: a definition or the command line needs fixing (the message says how)
  130  interrupted (Ctrl-C); 141  the reader of the output stopped reading (| head)
"""


def _definition_paths(given: Sequence[Path]) -> list[Path]:
    if given:
        return list(given)
    found = sorted(DEFAULT_SCHEDULES.glob("*.toml"))
    if not found:
        raise UsageError(
            f"{DEFAULT_SCHEDULES}: no schedule definition (*.toml) found. Fix: run vaxical "
            "from the project folder, or name the definition files."
        )
    return found


def _load(given: Sequence[Path], as_of: dt.date | None = None) -> tuple[Ledger, ...]:
    """The ledgers named (default: schedules/*.toml), as of a date if one is given."""
    from vaxical import pipeline

    return pipeline.load(_definition_paths(given), as_of)


def _date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-09-15"
        ) from None


NO_WARNING = "aucune date à vérifier (jours fériés de toutes les régions, week-ends)"


def _warnings(sessions: tuple[Session, ...]) -> list[str]:
    """What `check` and `build` both say about published dates (vaxical.render.advice): a
    heading, then one line per warning, indented."""
    from vaxical.render.advice import schedule_warnings

    found = schedule_warnings(sessions)
    if not found:
        return []
    heading = f"{len(found)} date(s) à vérifier (jours fériés de toutes les régions, week-ends) :"
    return [heading, *(f"  {warning.format()}" for warning in found)]


def _build(args: argparse.Namespace) -> int:
    from vaxical import pipeline

    paths = _definition_paths(args.definitions)
    built = pipeline.build(
        paths, args.out, as_of=args.as_of, previous=args.previous, sources=[DEFAULT_SCHEDULES]
    )
    files = built.files
    # Warnings, not errors (exit status 0): the same as `vaxical check` says, on stderr.
    for calendar in built.calendars:
        lines = _warnings(calendar.sessions)
        if lines:
            print(f"vaxical: warning: {calendar.definition.source}: {lines[0]}", file=sys.stderr)
            for line in lines[1:]:
                print(f"  {line}", file=sys.stderr)
    for name, data in files.items():
        if name.endswith(".ics") and len(data) > MAX_FEED_BYTES:
            print(
                f"vaxical: warning: {name} is {len(data):,} bytes; Google Calendar refuses "
                "feeds over about 1 MB (shorten the horizon).",
                file=sys.stderr,
            )
    total = sum(len(data) for data in files.values())
    print(
        f"vaxical: wrote {len(files)} files ({total:,} bytes) for "
        f"{len(paths)} calendar(s) to {args.out}/"
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from importlib import resources

    from vaxical import pipeline
    from vaxical.output import check_target
    from vaxical.serve import serve

    check_target(args.out, _definition_paths(args.definitions), [DEFAULT_SCHEDULES])

    def build() -> list[str]:
        paths = _definition_paths(args.definitions)
        built = pipeline.build(paths, args.out, sources=[DEFAULT_SCHEDULES])
        return sorted({calendar.definition.base_url for calendar in built.calendars})

    def watched() -> list[Path]:
        templates = Path(str(resources.files("vaxical.templates")))
        return [*_definition_paths(args.definitions), *templates.glob("*.html")]

    def announce(message: str) -> None:
        print(f"vaxical: {message}", flush=True)

    serve(build, watched, args.out, args.port, announce)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from vaxical.pipeline import calendar_of
    from vaxical.render.files import render_calendar

    for ledger in _load(args.definitions, args.as_of):
        calendar = calendar_of(ledger)
        definition = calendar.definition
        files = render_calendar(calendar)  # renders every feed: catches zone problems too
        sessions = calendar.sessions
        opened = sum(1 for session in sessions if session.is_open)
        first, last = sessions[0].days, sessions[-1].days
        print(f"{definition.source}: OK — {definition.name} ({definition.id})")
        if not ledger.legacy:
            latest = ledger.revisions[-1]
            print(
                f"  {len(ledger.revisions)} révision(s) ; la dernière : "
                f"{latest.notice.reference} du {latest.date.date().isoformat()}"
            )
        print(
            f"  {french.number(len(sessions))} sessions ({french.number(opened)} ouvertes, "
            f"{french.number(len(sessions) - opened)} fermées), "
            f"du {french.short_range(first, year=True)} au {french.short_range(last, year=True)}"
        )
        print(
            f"  {len(definition.exceptions)} exception(s), horizon {definition.horizon.isoformat()}"
        )
        print(f"  {french.number(len(calendar.events))} événements ; fichiers :")
        for name, data in files.items():
            print(f"    {name}  {french.number(len(data))} octets")
        warnings = _warnings(sessions)
        if warnings:
            for line in warnings:
                print(f"  {line}")
        else:
            print(f"  {NO_WARNING}")
    return EXIT_OK


def _snapshots(path: Path) -> dict[str, Snapshot]:
    """A definition, a build folder or a calendar JSON, as published calendars by id."""
    from vaxical.history.published import load_build, read_snapshot
    from vaxical.pipeline import snapshot_of

    if path.is_dir():
        return load_build(path)
    if path.suffix == ".json":
        snapshot = read_snapshot(path)
        return {snapshot.calendar_id: snapshot}
    from vaxical.pipeline import load

    (ledger,) = load([path])
    return {ledger.id: snapshot_of(ledger)}


def _as_of_snapshots(path: Path, day: dt.date) -> dict[str, Snapshot]:
    from vaxical.pipeline import snapshot_of

    (ledger,) = _load([path], day)
    return {ledger.id: snapshot_of(ledger)}


def _diff(args: argparse.Namespace) -> int:
    from vaxical.history.changes import Change, session_changes

    if (args.since is None) != (args.until is None):
        raise UsageError("--from and --to go together: give both dates.")
    if args.since is not None:
        if args.new is not None:
            raise UsageError(
                "with --from and --to, give one definition: vaxical diff DEFINITION "
                "--from DATE --to DATE."
            )
        old, new = _as_of_snapshots(args.old, args.since), _as_of_snapshots(args.old, args.until)
    elif args.new is None:
        raise UsageError("give OLD and NEW, or one DEFINITION with --from and --to.")
    else:
        old, new = _snapshots(args.old), _snapshots(args.new)
    changes: list[Change] = []
    lines: list[str] = []
    for calendar_id in sorted(old.keys() | new.keys()):
        if calendar_id not in new:
            lines.append(f"Calendrier retiré : {calendar_id}.")
            continue
        if calendar_id not in old:
            lines.append(f"Nouveau calendrier : {calendar_id}.")
            continue
        found = session_changes(calendar_id, old[calendar_id].sessions, new[calendar_id].sessions)
        changes += found
        prefix = f"{calendar_id} : " if len(old.keys() | new.keys()) > 1 else ""
        lines += [f"{prefix}{change.text}" for change in found]
    if args.json:
        print(json.dumps([change.as_json() for change in changes], ensure_ascii=False, indent=2))
    else:
        for line in lines:
            print(line)
    return EXIT_CHANGED if lines else EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    """Findings on stdout, one a line (nothing when every file passes); the one-line
    summary and unreadable files on stderr, so that stdout is only the findings."""
    from vaxical.lint import MAX_READ_BYTES, RULES, lint
    from vaxical.schedule.feeds import carries_alarms

    failed = 0
    for path in args.files:
        try:
            with path.open("rb") as file:
                data = file.read(MAX_READ_BYTES + 1)  # /dev/zero must not fill the memory
        except OSError as error:
            reason = error.strerror or type(error).__name__
            print(
                f"{path}: cannot be read ({reason}). Fix: name a readable .ics file.",
                file=sys.stderr,
            )
            failed += 1
            continue
        if len(data) > MAX_READ_BYTES:
            print(
                f"{path}: is over {MAX_READ_BYTES:,} bytes, not read. Fix: a feed should stay "
                f"under {MAX_FEED_BYTES:,} bytes (docs/calendar-clients.md#rule-19).",
                file=sys.stderr,
            )
            failed += 1
            continue
        alarms = args.allow_alarms or carries_alarms(path.name)
        findings = lint(data, alarms_allowed=alarms)
        for finding in findings:
            print(finding.format(str(path), reference=True))
        failed += bool(findings)
    files = len(args.files)
    checked = sum(1 for rule in RULES.values() if rule.checked)
    summary = f"vaxical: {files} file{'s' if files > 1 else ''}, {checked} rules"
    if failed:
        print(f"{summary}: problems in {failed} file{'s' if failed > 1 else ''}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"{summary}: no problem found.", file=sys.stderr)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from vaxical.render.table import render_text

    ledgers = _load([args.definition] if args.definition else [], args.as_of)
    for index, ledger in enumerate(ledgers):
        if index:
            print()
        definition = ledger.current
        sys.stdout.write(render_text(definition, expand(definition)))
    return EXIT_OK


def _port(text: str) -> int:
    """A TCP port, checked before anything is built (argparse: exit status 2)."""
    try:
        number = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= number <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{number} is not a port; give 0 to {MAX_PORT}")
    return number


class _Version(argparse.Action):
    """Looks the version up only when asked: importlib.metadata costs 20 ms at start-up."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("vaxical")
        except PackageNotFoundError:  # a source tree that is not installed
            number = "0+unknown"
        print(f"vaxical {number}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="vaxical",
        description="Turn schedule definitions (TOML) into calendar feeds, JSON and an HTML index.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    top.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    many = "schedule definition files (default: schedules/*.toml)"

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    build = command(
        "build",
        "write the feeds, data, pages and change log",
        "Write, for each calendar: the feeds <id>.ics, <id>-sessions.ics, "
        "<id>-livraisons.ics, <id>-confirmations.ics, <id>-rendez-vous.ics (and "
        "<id>-rappels.ics with [reminders]), <id>.json, <id>.csv, the change log <id>.atom "
        "and the page <id>.html; then index.html, calendars.json, "
        "vaxical-calendar.schema.json and _headers. The output folder is replaced as a "
        "whole, only once everything succeeded.",
    )
    build.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
    build.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: build/): new, empty, or one vaxical made (.vaxical-output)",
    )
    build.add_argument(
        "--previous",
        type=Path,
        metavar="DIR",
        help="the published build: changed events get SEQUENCE + 1 and LAST-MODIFIED, the "
        "others keep their bytes, and the changes are logged (Actualités, <id>.atom)",
    )
    as_of = (
        "build the calendar as it stood after the revisions dated on or before DATE (YYYY-MM-DD)"
    )
    build.add_argument("--as-of", type=_date, metavar="DATE", help=as_of)
    build.set_defaults(run=_build)

    check = command(
        "check",
        "validate definitions and print a summary",
        "Validate definitions, render each calendar's feeds and data in memory (not the "
        "pages), print a summary and the holidays to check; writes nothing.",
    )
    check.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
    check.add_argument("--as-of", type=_date, metavar="DATE", help=as_of)
    check.set_defaults(run=_check)

    serve = command(
        "serve",
        "preview the site on 127.0.0.1, rebuilt on every change",
        "Build, then serve the output folder on 127.0.0.1 with the content types calendar "
        "clients expect (text/calendar; charset=utf-8 for .ics), rebuilding whenever a "
        "definition or a template changes. A failed rebuild keeps the previous build.",
    )
    serve.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
    serve.add_argument(
        "--port", type=_port, default=8000, help="port, 0 to 65535 (default 8000; 0: any free)"
    )
    serve.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: build/): new, empty, or one vaxical made (.vaxical-output)",
    )
    serve.set_defaults(run=_serve)

    diff = command(
        "diff",
        "what changed between two versions, session by session, in French",
        "Compare two versions of the schedules: each OLD and NEW is a definition (.toml), a "
        "build folder or a calendar's <id>.json; or one definition as of two dates (--from, "
        "--to: what the revisions between them changed). Prints the changes in French "
        "(--json for machines). Exit 0 when nothing changed, 1 when something did, 2 on bad "
        "input.",
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW", nargs="?")
    diff.add_argument("--from", dest="since", type=_date, metavar="DATE", help="as of DATE…")
    diff.add_argument("--to", dest="until", type=_date, metavar="DATE", help="…to as of DATE")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.set_defaults(run=_diff)

    lint = command(
        "lint",
        "check .ics files against the calendar client rules",
        "Check iCalendar files (vaxical's or anyone's) against every rule of "
        "docs/calendar-clients.md that a file can break: folding, CRLF, BOM, UTF-8, VTIMEZONE, "
        "all-day DTEND, TRANSP and busy status, UIDs, DTSTAMP, METHOD, names, refresh hints, "
        "alarms, escaping, size. On stdout, one line per problem: file, line, rule and its "
        "title, what to do, and where the rule is explained (docs/calendar-clients.md#rule-N); "
        "at most 10 per rule and file, then how many more. On stderr, files that cannot be "
        "read and one summary line (how many files and rules were checked). Exit 0 when "
        "every file passes, 2 otherwise.",
    )
    lint.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".ics files")
    lint.add_argument(
        "--allow-alarms",
        action="store_true",
        help="accept VALARMs (for opt-in reminder feeds; implied for *-rappels.ics)",
    )
    lint.set_defaults(run=_lint)

    show = command(
        "show",
        "print the schedule as the notice's table",
        "Print the schedule as a table, as the DGS-Urgent notice draws it.",
    )
    show.add_argument(
        "definition",
        nargs="?",
        type=Path,
        metavar="DEFINITION",
        help="one schedule definition (default: every file in schedules/)",
    )
    show.add_argument("--as-of", type=_date, metavar="DATE", help=as_of)
    show.set_defaults(run=_show)
    return top


def _quiet_closed_pipe() -> None:
    """Point stdout and stderr at /dev/null: the reader is gone, and the interpreter's
    final flush must not fail again on the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status (README, "Exit status of every command")."""
    try:
        try:
            return _main(argv)
        finally:  # also after --help: here a closed pipe can still be told apart from a bug
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped reading (`vaxical check | head -1`): not an error of vaxical
        # nor of the input. Exit quietly with the status a shell gives a program that
        # SIGPIPE ended (128 + 13), so that a pipeline with `set -o pipefail` still sees
        # that the output was cut short.
        _quiet_closed_pipe()
        return EXIT_CLOSED_PIPE


# What follows each error's own message, and the exit status it gives.
_REPORTS: tuple[tuple[type[VaxicalError], int, str], ...] = (
    (ZoneError, EXIT_BAD_INPUT, " Nothing was written."),
    (UsageError, EXIT_BAD_INPUT, ""),
    (UnsafeValueError, EXIT_BAD_INPUT, "\nNothing was written."),
    (FeedError, EXIT_FAILURE, "\nThis is a bug in vaxical; nothing was written."),
    (OutputError, EXIT_FAILURE, " The previous output is unchanged."),
)


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except InputError as error:
        count = len(error.problems)
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"vaxical: {count} problem{'s' if count > 1 else ''}; nothing was written.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except (ZoneError, UsageError, UnsafeValueError, FeedError, OutputError) as error:
        status, after = next((st, text) for kind, st, text in _REPORTS if isinstance(error, kind))
        print(f"vaxical: {error}{after}", file=sys.stderr)
        return status
    except KeyboardInterrupt:
        print("vaxical: interrupted; the previous output is unchanged.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        raise  # a reader that went away is not a bug: main() ends quietly
    except VaxicalError as error:  # pragma: no cover - every subclass is handled above
        print(f"vaxical: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:  # a bug: say so plainly rather than blame the input
        if args.debug:
            traceback.print_exc()
        print(
            f"vaxical: internal error ({type(error).__name__}: {error}). This is a bug in "
            "vaxical, not in your definition; run again with --debug and report the output.",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return code
