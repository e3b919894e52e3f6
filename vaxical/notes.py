"""What a build (and each rebuild of `vaxical serve`) says beside its files, on stderr:
warnings (exit status 0) and notes on what changed in what is published. `check` prints
the same advice in its report, on stdout.

Warnings are about the calendar, which the publisher fixes in the notice's terms: in
French, as `check` prints them. Notes are vaxical's about its own work (a version that
writes events otherwise, a folder without a calendar's record): in English, as its
errors. One language a line (README, "When something is wrong")."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # each note imports what it uses: `--help` and `lint` stay light
    from vaxical.model import Ledger
    from vaxical.render.files import Calendar
    from vaxical.schedule.expand import Session


def warn(ledger: Ledger, sessions: tuple[Session, ...], *, published: int | None = None) -> None:
    """Warnings, not errors (exit status 0), on stderr: the advice `vaxical check`
    prints in its report (render/advice.py)."""
    from vaxical.render.advice import advice_for

    groups = advice_for(ledger, sessions, published=published)
    # The first group says which dates were checked; alone, that none needs a look: no
    # warning. Every other group is one, with lines or without (a block's date a year
    # past the horizon is one line, and a build that published it would make every later
    # block be dated after it).
    if len(groups[0]) == 1:
        groups = groups[1:]
    for heading, *lines in groups:
        print(f"vaxical : attention : {ledger.source} : {heading}", file=sys.stderr)
        for line in lines:
            print(f"  {line}", file=sys.stderr)


NEAR_LIMIT = 0.8
"""From which share of Google's limit a feed is warned about: rule 19 asks for feeds well
under it, and a warning at the limit came when subscribers already had nothing."""


def warn_sizes(files: Mapping[str, bytes]) -> None:
    """Feeds over Google's limit (rule 19), or near it: a warning, the horizon being the
    publisher's."""
    from vaxical.lint import MAX_FEED_BYTES
    from vaxical.schedule.french import counted

    for name, data in files.items():
        if not name.endswith(".ics") or len(data) <= MAX_FEED_BYTES * NEAR_LIMIT:
            continue
        where = "au-delà" if len(data) > MAX_FEED_BYTES else "près"
        print(
            f"vaxical : attention : {name} fait {counted(len(data), 'octet')}, {where} de la "
            "limite d'environ 1 Mo où Google Agenda refuse un flux : rapprochez l'horizon.",
            file=sys.stderr,
        )


def say_reissued(calendar: Calendar, *, on_word: bool) -> None:
    """What an upgrade of vaxical changed in a calendar whose ledger is as published
    (``on_word``: as the user says with --reissue, when vaxical could not tell)."""
    from vaxical.wording import counted, some

    published = "as published (on your word: --reissue)" if on_word else "as published"
    source = calendar.definition.source
    if calendar.reissued:
        events = counted(calendar.reissued, "published event")
        print(
            f"vaxical: note: {source} is {published}, but this version of vaxical writes "
            f"{events} differently ({some(calendar.reissued)}): they are published again "
            "with a higher SEQUENCE, so that calendars take the change.",
            file=sys.stderr,
        )
    if calendar.reworded:
        entries = counted(calendar.reworded, "history entry", "history entries")
        print(
            f"vaxical: note: {source} is {published}, but this version of vaxical words "
            f"{entries} differently ({some(calendar.reworded)}): the page, the JSON and the "
            "Atom log give the new wording.",
            file=sys.stderr,
        )
    if calendar.window_moved is not None:
        before, now = (
            f"the session of {day.isoformat()}" if day else None for day in calendar.window_moved
        )
        # New blocks move the window (`past_weeks` before the latest: a publisher's trial
        # saw sessions leave every feed unsaid); else, its blocks as published, the
        # ledger's digest tells whether [calendar] is too.
        blocks = "block" if calendar.appended == 1 else "blocks"
        move = "moves" if calendar.appended == 1 else "move"
        who = (
            f"the new {blocks} of {source} {move} the feeds' window (`past_weeks` before "
            "the latest)"
            if calendar.appended
            else f"{source} is {published}, but this version of vaxical moves the feeds' window"
            if calendar.window_upgraded
            else f"[calendar] of {source} changed (`past_weeks`?), which moves the feeds' window"
        )
        held = f"start with {now}" if now else "hold no session"
        was = f"with {before}" if before else "no session"
        print(
            f"vaxical: note: {who}: the feeds now {held} (published: {was}): calendars add "
            "or remove the events of the sessions between.",
            file=sys.stderr,
        )
    if calendar.dropped:
        events = counted(calendar.dropped, "published event")
        them = "it" if len(calendar.dropped) == 1 else "them"
        print(
            f"vaxical: note: {source} is {published}, but this version of vaxical no longer "
            f"writes {events} ({some(calendar.dropped)}): calendars remove {them} from their "
            f"feeds. To keep {them}, build with the version of vaxical that published {them}.",
            file=sys.stderr,
        )


def say_empty_folders(
    old: Path, before: Mapping[str, object], new: Path, after: Mapping[str, object]
) -> None:
    """A folder that holds no calendar's record (a wrong folder, a fetch that failed)
    makes every calendar of the other side read as added or removed: said on stderr, as
    `build --previous` says a first publication. ``before`` and ``after``: the calendars
    read from ``old`` and ``new``."""
    for folder, found, other, verb in (
        (old, before, after, "new"),
        (new, after, before, "removed"),
    ):
        if folder.is_dir() and not found and other:
            print(
                f"vaxical: note: {folder} holds no calendar's record (<id>.json): every "
                f"calendar reads as {verb}. Is it the folder of a build?",
                file=sys.stderr,
            )
