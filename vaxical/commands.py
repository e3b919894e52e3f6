"""What each command does: read its inputs through the pipeline, print its report. The
command line's grammar (its argument types too), the exit statuses and the one place
that turns errors into messages are in cli.py: a command returns nothing, or (diff)
whether something changed, and raises what went wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vaxical import notes
from vaxical.errors import Problem, UsageError
from vaxical.wording import counted

if TYPE_CHECKING:  # each command imports what it uses: `--help` and `lint` stay light
    from vaxical.history.published import Snapshot
    from vaxical.model import Ledger
    from vaxical.pipeline import Builder

DEFAULT_SCHEDULES = Path("schedules")


def definition_paths(given: Sequence[Path]) -> list[Path]:
    if given:
        return list(given)
    found = sorted(DEFAULT_SCHEDULES.glob("*.toml"))
    if not found:
        raise UsageError(
            f"{DEFAULT_SCHEDULES}: no schedule definition (*.toml) found. Fix: run vaxical "
            "from the project folder, or name the definition files."
        )
    return found


def load_ledgers(
    given: Sequence[Path], as_of: dt.date | None = None, option: str = "--as-of"
) -> tuple[Ledger, ...]:
    """The ledgers named (default: schedules/*.toml), as of a date if one is given (by
    ``option``)."""
    from vaxical import pipeline

    return pipeline.load(definition_paths(given), as_of, option)


def build_command(args: argparse.Namespace) -> None:
    from vaxical import pipeline

    paths = definition_paths(args.definitions)
    # `make published` fetches the published build into published/ (README, "When the
    # rules change"), which `make site` passes as --previous.
    previous = "add `--previous published/`, the published build (`make published` fetches it)"
    if args.reissue and args.previous is None:
        raise UsageError(
            "--reissue: says how to read the published build, and no --previous names it. "
            f"Fix: {previous}, or leave --reissue out."
        )
    if args.retire and args.previous is None:
        retired = " ".join(f"--retire {calendar_id}" for calendar_id in args.retire)
        raise UsageError(
            f"{retired}: names a calendar of the published build, and no --previous names "
            f"that build. Fix: {previous}."
        )
    built = pipeline.build(
        paths,
        args.out,
        as_of=args.as_of,
        previous=args.previous,
        reissue=args.reissue,
        retire=args.retire,
        sources=[DEFAULT_SCHEDULES],
    )
    files = built.files
    ledgers = {ledger.id: ledger for ledger in built.ledgers}
    for calendar in built.calendars:
        ledger = ledgers[calendar.definition.id]
        notes.warn(ledger, calendar.sessions, published=calendar.published_blocks)
    notes.warn_sizes(files)
    for calendar in built.calendars:
        notes.say_reissued(calendar, on_word=args.reissue)
    for calendar_id in built.unpublished:
        print(
            f"vaxical: note: {args.previous} holds no {calendar_id}.json: {calendar_id} was "
            "built as a first publication, with nothing published to check it against.",
            file=sys.stderr,
        )
    for calendar_id in built.retired:
        print(
            f"vaxical: note: {calendar_id} is retired: its feeds stay online without events, "
            "so that subscribers' calendars remove them at their next refresh, and every "
            "later build with --previous keeps them so.",
            file=sys.stderr,
        )
    total = sum(len(data) for data in files.values())
    print(
        f"vaxical: wrote {counted(files, 'file')} ({total:,} bytes) for "
        f"{counted(paths, 'calendar')} to {args.out}/"
    )


def serve_command(args: argparse.Namespace) -> None:
    from importlib import resources

    from vaxical.serve import serve
    from vaxical.target import check_target

    check_target(args.out, definition_paths(args.definitions), [DEFAULT_SCHEDULES])
    templates = Path(str(resources.files("vaxical.templates")))

    @functools.cache
    def preview_builder() -> Builder:
        """The one builder of the whole preview, made at the first build: a port in use
        is refused before the pipeline is even imported. A rebuild renders only the
        calendars whose ledger changed (all of them when a template did): the same bytes
        as a full build, in a fraction of its time."""
        from vaxical.pipeline import Builder

        return Builder()

    said: set[Ledger] = set()  # the calendars whose warnings are on screen already

    def build() -> list[str]:
        from vaxical.schedule.expand import expand
        from vaxical.schedule.feeds import files_of

        builder = preview_builder()
        paths = definition_paths(args.definitions)
        stamps = sorted((path.name, path.stat().st_mtime_ns) for path in templates.glob("*.html"))
        files = builder.build(paths, args.out, sources=[DEFAULT_SCHEDULES], templates=stamps)
        # As `build` says them, for each calendar the edit changed (a ledger is a frozen
        # value: an unchanged one was said at an earlier build).
        changed = [ledger for ledger in builder.ledgers if ledger not in said]
        for ledger in changed:
            notes.warn(ledger, expand(ledger.current))
        feeds = {name for ledger in changed for name in files_of(ledger.current).feeds}
        notes.warn_sizes({name: data for name, data in files.items() if name in feeds})
        said.clear()
        said.update(builder.ledgers)
        return sorted({definition.base_url for definition in builder.definitions})

    def watched() -> list[Path]:
        return [*definition_paths(args.definitions), *templates.glob("*.html")]

    def announce(message: str) -> None:
        print(f"vaxical: {message}", flush=True)

    serve(build, watched, args.out, args.port, announce, debug=args.debug)


def check_command(args: argparse.Namespace) -> None:
    ledgers = load_ledgers(args.definitions, args.as_of)
    # Imported once the definitions are read: one refused is said sooner.
    from vaxical.pipeline import calendar_of
    from vaxical.render.advice import advice_for
    from vaxical.render.files import render_calendar
    from vaxical.schedule import french
    from vaxical.schedule.zones import local_day

    for ledger in ledgers:
        calendar = calendar_of(ledger)
        definition = calendar.definition
        # Renders every feed: catches zone problems too.
        files = render_calendar(calendar, listed=len(ledgers) > 1)
        sessions = calendar.sessions
        opened = sum(1 for session in sessions if session.is_open)
        first, last = sessions[0].days, sessions[-1].days
        # In French, as the rest of check's report of the calendar (notes.py: one
        # language a line).
        print(f"{definition.source} : valide — {definition.name} ({definition.id})")
        if not ledger.legacy:
            latest = ledger.revisions[-1]
            notice = latest.notice
            # A correction's reference is always « Correction du calendrier »: its reason
            # (the title, its first line, up to 2,000 characters) says which, cut short.
            title = notice.title if len(notice.title) <= 80 else f"{notice.title[:80]}…"
            which = f"{notice.reference} : {title}" if notice.correction else notice.reference
            print(
                f"  {french.counted(len(ledger.revisions), 'révision')} ; la dernière : {which} "
                f"({local_day(latest.date, definition.timezone).isoformat()})"
            )
        print(
            f"  {french.counted(len(sessions), 'session')} ({french.counted(opened, 'ouverte')}, "
            f"{french.counted(len(sessions) - opened, 'fermée')}), "
            f"du {french.short_range(first, year=True)} au {french.short_range(last, year=True)}"
        )
        exceptions = french.counted(len(definition.exceptions), "exception")
        print(f"  {exceptions}, horizon {definition.horizon.isoformat()}")
        print(f"  {french.counted(len(calendar.events), 'événement')} ; fichiers :")
        for name, data in files.items():
            print(f"    {name}  {french.counted(len(data), 'octet')}")
        for group in advice_for(ledger, sessions):
            for line in group:
                print(f"  {line}")


def snapshots(path: Path, feeds: Sequence[str] = ()) -> dict[str, Snapshot]:
    """A definition, a build folder or a calendar JSON, as published calendars by id.
    ``feeds``: the calendars of both sides, whose JSON a folder must hold."""
    if path.is_dir():
        from vaxical.history.folder import load_build

        return load_build(path, feeds)
    if path.suffix == ".json":
        from vaxical.history.folder import read_snapshot

        snapshot = read_snapshot(path)
        return {snapshot.calendar_id: snapshot}
    from vaxical.pipeline import load, snapshot_of

    (ledger,) = load([path])
    return {ledger.id: snapshot_of(ledger)}


def as_of_snapshots(path: Path, day: dt.date, option: str) -> dict[str, Snapshot]:
    from vaxical.pipeline import snapshot_of

    (ledger,) = load_ledgers([path], day, option)
    return {ledger.id: snapshot_of(ledger)}


def diff_command(args: argparse.Namespace) -> bool:
    """Whether something changed (exit status 1, as diff(1))."""
    if args.since is not None and args.until is None:
        raise UsageError(
            f"--from {args.since}: needs --to, the later date to compare the definition at. "
            f"Fix: add it, `vaxical diff {args.old} --from {args.since} --to YYYY-MM-DD`."
        )
    if args.until is not None and args.since is None:
        raise UsageError(
            f"--to {args.until}: needs --from, the earlier date to compare the definition at. "
            f"Fix: add it, `vaxical diff {args.old} --from YYYY-MM-DD --to {args.until}`."
        )
    if args.since is not None:
        if args.new is not None:
            raise UsageError(
                f"{args.new}: a second version, where --from and --to compare one definition "
                f"at two dates. Fix: compare the definition at the dates, `vaxical diff "
                f"{args.old} --from {args.since} --to {args.until}`, or the two versions, "
                f"`vaxical diff {args.old} {args.new}`."
            )
        old = as_of_snapshots(args.old, args.since, "--from")
        new = as_of_snapshots(args.old, args.until, "--to")
    elif args.new is None:
        raise UsageError(
            f"{args.old}: is one version, and nothing is given to compare it with. Fix: name "
            f"the other (a definition, a build folder or a <id>.json), `vaxical diff "
            f"{args.old} NEW`, or for a definition, two dates, `vaxical diff {args.old} "
            "--from YYYY-MM-DD --to YYYY-MM-DD`."
        )
    else:
        # The calendars a folder must hold the record of: a feed with its JSON beside it on
        # either side, and the calendars of a definition or a JSON compared with it.
        sides = [side for side in (args.old, args.new) if side.is_dir()]
        given = {side: snapshots(side) for side in (args.old, args.new) if not side.is_dir()}
        feeds = [
            feed.stem
            for side in sides
            for feed in side.glob("*.ics")
            if any((other / f"{feed.stem}.json").is_file() for other in sides)
        ] + [calendar_id for found in given.values() for calendar_id in found]
        old, new = (given.get(side) or snapshots(side, feeds) for side in (args.old, args.new))
        notes.say_empty_folders(args.old, old, args.new, new)
        # A retired calendar's record holds no session: it reads as no longer published
        # (one line), not as every session withdrawn.
        old, new = ({i: s for i, s in side.items() if not s.retired} for side in (old, new))
    from vaxical.history.changes import CalendarChange, Change, session_changes

    said: list[Change | CalendarChange] = []  # in calendar order
    several = len(old.keys() | new.keys()) > 1
    for calendar_id in sorted(old.keys() | new.keys()):
        if calendar_id not in new:
            said.append(CalendarChange(calendar_id, "calendar-removed"))
            continue
        if calendar_id not in old:
            said.append(CalendarChange(calendar_id, "calendar-added"))
            continue
        # For software, every changed field; for a reader, not the appointments that
        # follow a changed delivery (as the change log).
        found = session_changes(
            calendar_id, old[calendar_id].sessions, new[calendar_id].sessions, complete=args.json
        )
        said += found
    # Every date with its year: two builds may hold sessions of several years, and a
    # change of September 2024 must not read as one of September 2023. A session's change
    # names its calendar when several are compared; a whole calendar's names it always.
    lines = [
        (f"{item.calendar_id} : " if several and isinstance(item, Change) else "") + item.text()
        for item in said
    ]
    if args.json:
        print(json.dumps([item.as_json() for item in said], ensure_ascii=False, indent=2))
    else:
        for line in lines:
            print(line)
    return bool(lines)


def lint_command(args: argparse.Namespace) -> None:
    """Findings on stdout, one a line (nothing when every file passes); the one-line
    summary on stderr, so that stdout is only the findings. A file that cannot be read is
    a problem of its own, said by the CLI with the summary (:class:`LintError`)."""
    from vaxical.bounded import read_bounded
    from vaxical.errors import LintError
    from vaxical.lint import MAX_READ_BYTES, RULES, lint
    from vaxical.schedule.feeds import carries_alarms

    unreadable: list[Problem] = []
    found = 0  # files with findings
    for path in args.files:
        try:
            data = read_bounded(path, MAX_READ_BYTES)  # /dev/zero must not fill the memory
        except OSError as error:
            unreadable.append(_unreadable_feed(path, error))
            continue
        alarms = args.allow_alarms or carries_alarms(path.name)
        findings = lint(data, alarms_allowed=alarms)
        for finding in findings:
            print(finding.format(str(path), reference=True))
        found += bool(findings)
    files = len(args.files)
    failed = found + len(unreadable)
    checked = sum(1 for rule in RULES.values() if rule.checked)
    summary = f"{counted(files, 'file')}, {counted(checked, 'rule')}"
    if failed:
        raise LintError(unreadable, f"{summary}: problems in {counted(failed, 'file')}.")
    print(f"vaxical: {summary}: no problem found.", file=sys.stderr)


def _unreadable_feed(path: Path, error: OSError) -> Problem:
    """A file given to `vaxical lint` that it could not read, and the fix."""
    from vaxical.errors import NotAFile, TooLarge
    from vaxical.lint import MAX_FEED_BYTES, MAX_READ_BYTES, RULES

    if isinstance(error, TooLarge):
        return Problem(
            str(path),
            f"is over {MAX_READ_BYTES:,} bytes, not read.",
            f"a feed should stay under {MAX_FEED_BYTES:,} bytes ({RULES[19].reference}).",
        )
    if isinstance(error, NotAFile):
        return Problem(str(path), f"is {error.strerror}, not a file.", "name a .ics file.")
    reason = error.strerror or type(error).__name__
    return Problem(str(path), f"cannot be read ({reason}).", "name a readable .ics file.")


def show_command(args: argparse.Namespace) -> None:
    ledgers = load_ledgers([args.definition] if args.definition else [], args.as_of)
    from vaxical.render.table import render_text
    from vaxical.schedule.expand import expand

    for index, ledger in enumerate(ledgers):
        if index:
            print()
        definition = ledger.current
        sys.stdout.write(render_text(definition, expand(definition)))


COMMANDS: dict[str, Callable[[argparse.Namespace], bool | None]] = {
    "build": build_command,
    "check": check_command,
    "serve": serve_command,
    "diff": diff_command,
    "lint": lint_command,
    "show": show_command,
}
"""Each command of cli.py's grammar, by name: what runs it."""
