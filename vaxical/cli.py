"""Command line: wires the pure core to files and turns errors into messages.

Exit status: 0 success; 2 bad input (a definition, or a command line, to fix);
1 anything else (the output folder could not be written, or a bug in vaxical);
130 interrupted; 141 the reader of the output stopped reading (README's table).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# The commands, and the errors they raise, are imported once argparse has accepted the
# command line: `--help`, `--version` and a usage error need argparse alone (`vaxical
# --help` took 63 ms of CPU when they were imported first, 47 ms now).
if TYPE_CHECKING:
    from vaxical.errors import VaxicalError

# The exit statuses, every one of them here (README, "Exit status of every command").
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CHANGED = 1  # vaxical diff only, as diff(1): something changed
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: the reader of the output stopped reading

MAX_PORT = 65535

DEFAULT_OUT = Path("build")

_EXIT_2_AND_MORE = """\
  2  bad input: a definition or the command line needs fixing (the message says how)
  130  interrupted (Ctrl-C); 141  the reader of the output stopped reading (| head)
"""
EPILOG = f"""\
exit status:
  0  success
  1  the output could not be written, or an internal error (a bug: please report it)
{_EXIT_2_AND_MORE}"""
# diff's 1 says that something changed, as diff(1)'s does.
DIFF_EPILOG = f"""\
exit status:
  0  nothing changed
  1  something changed, or an internal error (a bug: please report it)
{_EXIT_2_AND_MORE}"""


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


def date_argument(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2023-09-15"
        ) from None


def port_argument(text: str) -> int:
    """An argparse type: a TCP port, checked before anything is built (exit status 2)."""
    try:
        number = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= number <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{number} is not a port; give 0 to {MAX_PORT}")
    return number


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="vaxical",
        description="Turn schedule definitions (TOML) into calendar feeds, JSON and an HTML index.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    top.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    subcommands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    many = "schedule definition files (default: schedules/*.toml)"

    def command(
        name: str, summary: str, description: str, epilog: str = EPILOG, *, writes: bool = False
    ) -> argparse.ArgumentParser:
        """``writes``: the command writes files (build, serve), and its errors say that
        nothing was written; the others' have nothing to say about it."""
        sub = subcommands.add_parser(
            name,
            help=summary,
            description=description,
            epilog=epilog,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(writes=writes)
        return sub

    build = command(
        "build",
        "write the feeds, data, pages and change log",
        "Write, for each calendar: the feeds <id>.ics, <id>-sessions.ics, "
        "<id>-livraisons.ics, <id>-confirmations.ics, <id>-rendez-vous.ics (and "
        "<id>-rappels.ics with [reminders]), <id>.json, <id>.csv, <id>-tableur.csv (for "
        "Excel), the change log <id>.atom "
        "and the page <id>.html; then index.html, calendars.json, "
        "vaxical-calendar.schema.json, vaxical-calendars.schema.json and _headers. The "
        "output folder is replaced as a "
        "whole, only once everything succeeded.",
        writes=True,
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
        help="the published build, to check against: a ledger whose published blocks were "
        "edited is refused (its SEQUENCE and history come from its blocks), and events a new "
        "version of vaxical writes otherwise get SEQUENCE + 1; for a single-revision "
        "definition, changed events get SEQUENCE + 1 and LAST-MODIFIED and the changes are "
        "logged (Actualités, <id>.atom)",
    )
    build.add_argument(
        "--reissue",
        action="store_true",
        help="with --previous, for a build published by a vaxical that did not record its "
        "ledger's digest (ledger_sha256): you state that its blocks are as published, and "
        "the events this vaxical writes otherwise are published again with SEQUENCE + 1",
    )
    build.add_argument(
        "--retire",
        action="append",
        default=[],
        metavar="ID",
        help="with --previous, a published calendar this build stops publishing on purpose: "
        "its feeds stay online without events (clients remove them), and later builds with "
        "--previous keep them so; without it, a published calendar that the build does not "
        "write is refused. Repeat it for several",
    )
    as_of = (
        "build the calendar as it stood after the revisions dated on or before DATE (YYYY-MM-DD)"
    )
    build.add_argument("--as-of", type=date_argument, metavar="DATE", help=as_of)

    check = command(
        "check",
        "validate definitions and print a summary",
        "Validate definitions, render each calendar's feeds and data in memory (not the "
        "pages), print a summary and the holidays to check; writes nothing.",
    )
    check.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
    check.add_argument("--as-of", type=date_argument, metavar="DATE", help=as_of)

    serve = command(
        "serve",
        "preview the site on 127.0.0.1, rebuilt on every change",
        "Build, then serve the output folder on 127.0.0.1 with the content types calendar "
        "clients expect (text/calendar; charset=utf-8 for .ics), rebuilding whenever a "
        "definition or a template changes. A failed rebuild keeps the previous build.",
        writes=True,
    )
    serve.add_argument("definitions", nargs="*", type=Path, metavar="DEFINITION", help=many)
    serve.add_argument(
        "--port",
        type=port_argument,
        default=8000,
        help=f"port, 0 to {MAX_PORT} (default 8000; 0: any free)",
    )
    serve.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="output folder (default: build/): new, empty, or one vaxical made (.vaxical-output)",
    )

    diff = command(
        "diff",
        "what changed between two versions, session by session, in French",
        "Compare two versions of the schedules: each OLD and NEW is a definition (.toml), a "
        "build folder or a calendar's <id>.json; or one definition as of two dates (--from, "
        "--to: what the revisions between them changed). Prints the changes in French "
        "(--json for machines).",
        DIFF_EPILOG,
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW", nargs="?")
    diff.add_argument(
        "--from", dest="since", type=date_argument, metavar="DATE", help="as of DATE…"
    )
    diff.add_argument(
        "--to", dest="until", type=date_argument, metavar="DATE", help="…to as of DATE"
    )
    diff.add_argument("--json", action="store_true", help="print the changes as JSON")

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
    show.add_argument("--as-of", type=date_argument, metavar="DATE", help=as_of)
    return top


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """:func:`parser`, built once per process. Building it looks up argparse's message
    catalogs (gettext searches the disk for each of some 20 titles) and costs more than
    parsing: main() runs again and again in one process (the tests call it hundreds of
    times). Parsing reads the parser and never changes it, so every call gets the same
    answers and messages as from a parser of its own."""
    return parser()


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


BUG = "This is a bug in vaxical, not in your definition"


def internal_error(error: BaseException, *, command: str, debug: bool, during: str = "") -> str:
    """What vaxical says of an exception it did not raise on purpose: a bug, said as one
    rather than blamed on the input, in the same words by every command and by `serve`,
    which says it and goes on serving (``during``: `` in the rebuild``...). With
    ``debug`` (--debug), the traceback is printed first, on stderr."""
    if debug:
        import traceback  # only for --debug

        traceback.print_exception(error)
        fix = "report it with the traceback above"
    else:  # --debug goes before the command: after it, argparse refuses it
        fix = f"run it again as `vaxical --debug {command} …` and report the output"
    return f"internal error{during} ({type(error).__name__}: {error}). {BUG}; {fix}."


@functools.cache
def _reports() -> tuple[tuple[type[VaxicalError], int, str, str], ...]:
    """Each error, the exit status it gives, and what follows its own message: from a
    command that writes (build, serve), then from one that does not (check, show, diff,
    lint), which has nothing to say about what it did not write."""
    from vaxical.errors import FeedError, OutputError, UnsafeValueError, UsageError, ZoneError

    return (
        (ZoneError, EXIT_BAD_INPUT, " Nothing was written.", ""),
        (UsageError, EXIT_BAD_INPUT, "", ""),
        (UnsafeValueError, EXIT_BAD_INPUT, "\nNothing was written.", ""),
        (
            FeedError,
            EXIT_FAILURE,
            f"\n{BUG}; report this message. Nothing was written.",
            f"\n{BUG}; report this message.",
        ),
        (OutputError, EXIT_FAILURE, " The previous output is unchanged.", ""),
    )


def _interrupted(args: argparse.Namespace) -> int:
    """Ctrl-C: said in one line, and what it left (a build writes nothing until the end)."""
    print(
        "vaxical: interrupted; the previous output is unchanged."
        if args.writes
        else "vaxical: interrupted.",
        file=sys.stderr,
    )
    return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    try:  # the commands' imports take a moment, in which Ctrl-C is said as during one
        from vaxical.commands import COMMANDS
        from vaxical.errors import (
            FeedError,
            InputError,
            LintError,
            OutputError,
            UnsafeValueError,
            UsageError,
            VaxicalError,
            ZoneError,
        )
        from vaxical.wording import counted
    except KeyboardInterrupt:
        return _interrupted(args)

    try:
        # Every command returns None but diff, which says whether something changed.
        changed = COMMANDS[args.command](args)
    except InputError as error:
        count = len(error.problems)
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        if isinstance(error, LintError):  # lint's own summary: files and rules checked
            print(f"vaxical: {error.summary}", file=sys.stderr)
            return EXIT_BAD_INPUT
        problems = counted(count, "problem")
        print(
            f"vaxical: {problems}; nothing was written."
            if args.writes
            else f"vaxical: {problems}.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except (ZoneError, UsageError, UnsafeValueError, FeedError, OutputError) as error:
        status, after = next(
            (status, writer if args.writes else reader)
            for kind, status, writer, reader in _reports()
            if isinstance(error, kind)
        )
        print(f"vaxical: {error}{after}", file=sys.stderr)
        return status
    except KeyboardInterrupt:
        return _interrupted(args)
    except BrokenPipeError:
        raise  # a reader that went away is not a bug: main() ends quietly
    except VaxicalError as error:  # pragma: no cover - every subclass is handled above
        print(f"vaxical: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as error:  # a bug: say so plainly rather than blame the input
        print(
            f"vaxical: {internal_error(error, command=args.command, debug=args.debug)}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_CHANGED if changed else EXIT_OK
