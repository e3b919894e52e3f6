"""Command line: wires the pure core to files and turns errors into messages.

Exit status: 0 success; 2 bad input (a definition, or a command line, to fix);
1 anything else (the output folder could not be written, or a bug in vaxical);
130 interrupted; 141 the reader of the output stopped reading (README's table).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from vaxical import french
from vaxical.definition import load_all
from vaxical.errors import (
    DefinitionError,
    FeedError,
    OutputError,
    Problem,
    UnsafeValueError,
    UsageError,
    VaxicalError,
)
from vaxical.expand import Session, expand
from vaxical.lint import MAX_FEED_BYTES
from vaxical.model import Definition
from vaxical.previous import Snapshot
from vaxical.zones import ZoneError

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
        raise DefinitionError(
            [
                Problem(
                    file=str(DEFAULT_SCHEDULES),
                    message="no schedule definition (*.toml) found.",
                    fix="run vaxical from the project folder, or name the definition files.",
                )
            ]
        )
    return found


def _load(given: Sequence[Path]) -> tuple[Definition, ...]:
    return load_all(_definition_paths(given))


NO_WARNING = "aucune date à vérifier (jours fériés de toutes les régions, week-ends)"


def _warnings(sessions: tuple[Session, ...]) -> list[str]:
    """What `check` and `build` both say about published dates (vaxical.checks): a
    heading, then one line per warning, indented."""
    from vaxical.checks import schedule_warnings

    found = schedule_warnings(sessions)
    if not found:
        return []
    heading = f"{len(found)} date(s) à vérifier (jours fériés de toutes les régions, week-ends) :"
    return [heading, *(f"  {warning.format()}" for warning in found)]


def _build(args: argparse.Namespace) -> int:
    from vaxical.output import check_target, write_build
    from vaxical.previous import load_build
    from vaxical.render import render_all

    paths = _definition_paths(args.definitions)
    check_target(args.out, paths, [DEFAULT_SCHEDULES])  # before any work: said at once
    definitions = load_all(paths)
    previous = load_build(args.previous) if args.previous is not None else None
    files = render_all(definitions, previous)
    write_build(args.out, files, paths, [DEFAULT_SCHEDULES])
    # Warnings, not errors (exit status 0): the same as `vaxical check` says, on stderr.
    for definition in definitions:
        lines = _warnings(expand(definition))
        if lines:
            print(f"vaxical: warning: {definition.source}: {lines[0]}", file=sys.stderr)
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
        f"{len(definitions)} calendar(s) to {args.out}/"
    )
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from importlib import resources

    from vaxical.output import check_target, write_build
    from vaxical.render import render_all
    from vaxical.serve import serve

    check_target(args.out, _definition_paths(args.definitions), [DEFAULT_SCHEDULES])

    def build() -> None:
        paths = _definition_paths(args.definitions)
        write_build(args.out, render_all(load_all(paths)), paths, [DEFAULT_SCHEDULES])

    def watched() -> list[Path]:
        templates = Path(str(resources.files("vaxical.templates")))
        return [*_definition_paths(args.definitions), *templates.glob("*.html")]

    def announce(message: str) -> None:
        print(f"vaxical: {message}", flush=True)

    serve(build, watched, args.out, args.port, announce)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from vaxical.render import prepare, render_calendar

    for definition in _load(args.definitions):
        calendar = prepare(definition)
        files = render_calendar(calendar)  # renders every feed: catches zone problems too
        sessions = calendar.sessions
        opened = sum(1 for session in sessions if session.is_open)
        first, last = sessions[0].days, sessions[-1].days
        print(f"{definition.source}: OK — {definition.name} ({definition.id})")
        print(
            f"  {len(sessions)} sessions ({opened} ouvertes, {len(sessions) - opened} fermées), "
            f"du {french.short_range(first, year=True)} au {french.short_range(last, year=True)}"
        )
        print(
            f"  {len(definition.exceptions)} exception(s), horizon {definition.horizon.isoformat()}"
        )
        print(f"  {len(calendar.events)} événements ; fichiers :")
        for name, data in files.items():
            print(f"    {name}  {len(data):,} octets")
        warnings = _warnings(sessions)
        if warnings:
            for line in warnings:
                print(f"  {line}")
        else:
            print(f"  {NO_WARNING}")
    return EXIT_OK


def _snapshots(path: Path) -> dict[str, Snapshot]:
    """A definition, a build folder or a calendar JSON, as published calendars by id."""
    from vaxical.previous import load_build, read_snapshot
    from vaxical.render import snapshot_of

    if path.is_dir():
        return load_build(path)
    if path.suffix == ".json":
        snapshot = read_snapshot(path)
        return {snapshot.calendar_id: snapshot}
    (definition,) = load_all([path])
    return {definition.id: snapshot_of(definition)}


def _diff(args: argparse.Namespace) -> int:
    from vaxical.changes import Change, session_changes

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
    from vaxical.lint import lint

    count = 0
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as error:
            print(f"{path}: cannot be read ({error.strerror}).", file=sys.stderr)
            count += 1
            continue
        alarms = args.allow_alarms or path.name.endswith("-rappels.ics")
        for finding in lint(data, alarms_allowed=alarms):
            print(finding.format(str(path)))
            count += 1
    return EXIT_BAD_INPUT if count else EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from vaxical.table import render_text

    definitions = _load([args.definition] if args.definition else [])
    for index, definition in enumerate(definitions):
        if index:
            print()
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
        "write the feeds, JSON and index.html",
        "Write <id>.ics, <id>-sessions.ics, <id>-livraisons.ics, <id>-confirmations.ics, "
        "<id>-rendez-vous.ics, <id>.json and index.html. The output folder is replaced as a "
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
    build.set_defaults(run=_build)

    check = command(
        "check",
        "validate definitions and print a summary",
        "Validate definitions and render everything in memory, writing nothing.",
    )
    check.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
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
        "build folder or a calendar's <id>.json. Prints the changes in French (--json for "
        "machines). Exit 0 when nothing changed, 1 when something did, 2 on bad input.",
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")
    diff.set_defaults(run=_diff)

    lint = command(
        "lint",
        "check .ics files against the calendar client rules",
        "Check iCalendar files (vaxical's or anyone's) against every rule of the calendar "
        "client requirements: folding, CRLF, BOM, VTIMEZONE, all-day DTEND, TRANSP and busy "
        "status, UIDs, DTSTAMP, METHOD, names, refresh hints, alarms, escaping, size. One "
        "line per problem: file, line, rule, what to do. Exit 0 when clean, 2 otherwise.",
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


def _main(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except DefinitionError as error:
        count = len(error.problems)
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print(
            f"vaxical: {count} problem{'s' if count > 1 else ''}; nothing was written.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except ZoneError as error:
        print(f"vaxical: {error} Nothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UsageError as error:
        print(f"vaxical: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except UnsafeValueError as error:
        print(f"vaxical: {error}\nNothing was written.", file=sys.stderr)
        return EXIT_BAD_INPUT
    except FeedError as error:
        print(f"vaxical: {error}\nThis is a bug in vaxical; nothing was written.", file=sys.stderr)
        return EXIT_FAILURE
    except OutputError as error:
        print(f"vaxical: {error} The previous output is unchanged.", file=sys.stderr)
        return EXIT_FAILURE
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
