"""The published site, for the publishing workflow: fetch it, and compare a build with it.

    python scripts/published.py fetch --out published [--url URL]
    python scripts/published.py compare build published   # prints changed=true|false

Standard library only (urllib reads https:// and, for tests, file:// URLs). The files to
fetch are those a build of schedules/*.toml publishes (a 404 means not published yet),
and those of every calendar the site's calendars.json lists, published or retired, that
no definition builds any more: the next build reads a retired calendar's record there,
and refuses to drop a published one left out. A file calendars.json lists that answers
404 fails the fetch (exit 1, the previous copy kept): the next build would miss a
calendar's record.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from vaxical.target import MARK

# What only fetching uses is imported by fetch: `compare` (`make changed`) needs none of
# it, and importing the definition reader and urllib.request took 60 % of its time.
if TYPE_CHECKING:
    from vaxical.model import Definition

SCHEDULES = Path("schedules")
NOT_FOUND = 404
PUBLISHED_SUFFIXES = (".ics", ".json", ".csv", ".atom", ".html")
"""What the files of a vaxical site end with, a retired calendar's too."""


def published_names(definitions: tuple[Definition, ...]) -> list[str]:
    from vaxical.schedule.feeds import BUILD_FILES, calendar_files

    names = list(BUILD_FILES)
    for definition in definitions:
        names += calendar_files(definition)
    return sorted(names)


def listed_names(catalog: Path) -> tuple[set[str], set[str]]:
    """The files of the calendars ``catalog`` (a site's calendars.json) lists, published
    or retired: those it names (each one's feeds, JSON, CSV, Atom log and page), and their
    other files (the spreadsheet CSV). Each is named as a build names them, from an id
    that can be one (the site's text never makes a path)."""
    from vaxical.definition.identity import ID_PATTERN
    from vaxical.schedule.feeds import FEEDS, files_named

    try:
        document = json.loads(catalog.read_bytes())
    except (OSError, ValueError):
        return set(), set()  # not published yet, or not a list a build wrote
    named: set[str] = set()
    other: set[str] = set()
    lists = document if isinstance(document, dict) else {}
    for key in ("calendars", "retired"):
        entries = lists.get(key)
        for entry in entries if isinstance(entries, list) else []:
            calendar_id = entry.get("id") if isinstance(entry, dict) else None
            if not isinstance(calendar_id, str) or not ID_PATTERN.fullmatch(calendar_id):
                continue
            listed = entry.get("feeds")
            files = (
                {f.get("file") for f in listed if isinstance(f, dict)}
                if isinstance(listed, list)
                else set()
            )
            feeds = tuple(feed for feed in FEEDS if feed.filename(calendar_id) in files)
            names = files_named(calendar_id, feeds)
            named |= {*names.feeds, names.json, names.csv, names.atom, names.page}
            other.add(names.spreadsheet)
    return named, other - named


def fetch(url: str | None, out: Path) -> int:
    """Download the published files into ``out``, which then holds them and nothing else.
    They are fetched into a folder beside it first: a site that cannot be reached (offline,
    a typo in PUBLISHED_URL), or that lacks a file its calendars.json lists, leaves ``out``
    as it was. A folder holding anything a fetch does not write is not replaced."""
    # The folder first, as `vaxical build` checks its output: a folder refused is said
    # before the definitions are read.
    if out.exists() and not out.is_dir():
        print(f"{out} is a file; nothing was fetched. Fix: give a folder.", file=sys.stderr)
        return 2
    held = sorted(path.name for path in out.iterdir()) if out.is_dir() else []
    foreign = [name for name in held if not _published_kind(name)]
    if foreign:
        print(
            f"{out} holds files that no vaxical site publishes ({', '.join(foreign[:3])}); "
            "nothing was fetched. Fix: give another --out (PUBLISHED_DIR), or move them away.",
            file=sys.stderr,
        )
        return 2
    # Said of every fetch that fails: the folder is left as it was, or not made at all.
    kept = f"{out} is unchanged" if out.is_dir() else f"{out} was not created"
    from vaxical.definition import load_all
    from vaxical.errors import DefinitionError
    from vaxical.schedule.feeds import CATALOG
    from vaxical.wording import some

    try:
        ledgers = load_all(sorted(SCHEDULES.glob("*.toml")))
    except DefinitionError as error:  # said as vaxical says it: no traceback
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print(f"nothing was fetched; {kept}.", file=sys.stderr)
        return 2
    definitions = tuple(ledger.current for ledger in ledgers)
    base = url or definitions[0].base_url
    base = base if base.endswith("/") else base + "/"
    names = published_names(definitions)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        fetched = 0
        absent = []
        for name in names:
            if _fetch_one(base + name, staging / name):
                fetched += 1
            else:
                absent.append(name)
        # The calendars the site lists that no definition builds any more (a retired one,
        # whose record the next build reads; one left out, which it refuses to drop).
        listed, other = listed_names(staging / CATALOG)
        for name in sorted((listed | other) - set(names)):
            if _fetch_one(base + name, staging / name):
                fetched += 1
            elif name in listed:
                absent.append(name)
        missing = sorted(name for name in absent if name in listed)
        if fetched and CATALOG in absent:
            # Every vaxical build writes it: a site without it lost it (a retired
            # calendar's record, which only it names, would be dropped unseen).
            missing.append(CATALOG)
        if missing:
            # The next build would miss a calendar's record or feed: it would refuse the
            # folder, or drop the calendar (its feeds answering 404) if this were its copy.
            one = len(missing) == 1
            why = (
                f"though the site publishes other files and every build writes {CATALOG}"
                if missing == [CATALOG]
                else f"though the site's {CATALOG} lists {'it' if one else 'them'}"
            )
            print(
                f"{some(missing)}: not found at {base}, {why}; {kept}. Fix: deploy "
                "again the build "
                f"that was published last (it holds {'it' if one else 'them'}), then fetch "
                "again.",
                file=sys.stderr,
            )
            return 1
        for name in absent:
            print(f"{name}: not published yet", file=sys.stderr)
        if not fetched and held:
            print(
                f"nothing is published at {base} (a wrong address?); {kept}. Fix: give the "
                "address of the published site (PUBLISHED_URL, else the definitions' "
                "base_url), then fetch again.",
                file=sys.stderr,
            )
            return 1
    except (OSError, ValueError) as error:  # offline, refused, a wrong address or scheme
        reason = getattr(error, "reason", None) or error
        print(
            f"cannot fetch {base}: {reason}. {kept}. Fix: check the connection and the "
            "address (PUBLISHED_URL, else the definitions' base_url), then fetch again: "
            "`make site` builds on what is online.",
            file=sys.stderr,
        )
        return 1
    else:
        staging.chmod(0o755)  # mkdtemp makes it 0700
        aside = staging.with_name(staging.name + ".old")
        if out.is_dir():
            out.rename(aside)  # a previous fetch (checked above), removed once replaced
        staging.rename(out)
        if aside.exists():
            shutil.rmtree(aside)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return 0


def _published_kind(name: str) -> bool:
    """Whether ``name`` is of the files a vaxical site holds, a retired calendar's too,
    and the mark of a build copied by hand."""
    from vaxical.schedule.feeds import BUILD_FILES

    return name in BUILD_FILES or name == MARK or name.endswith(PUBLISHED_SUFFIXES)


def _fetch_one(url: str, path: Path) -> bool:
    """Download ``url`` into ``path``; False when it is not published (yet)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            path.write_bytes(response.read())
    except urllib.error.HTTPError as error:
        if error.code != NOT_FOUND:
            raise
        return False
    except urllib.error.URLError as error:
        if isinstance(error.reason, FileNotFoundError):  # file:// test sites
            return False
        raise
    return True


def _published_files(folder: Path) -> dict[str, bytes]:
    """A folder's files as a site publishes them: vaxical's mark is not one (fetch never
    gets it, but a copy of a build made by hand holds it)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != MARK}


def compare(build: Path, published: Path) -> int:
    for folder, made_by in ((build, "make site"), (published, "make published")):
        if not folder.is_dir():
            print(
                f"{folder}: no such folder; nothing was compared. Fix: run `{made_by}` first.",
                file=sys.stderr,
            )
            return 2
    built, online = _published_files(build), _published_files(published)
    print(f"changed={'false' if built == online else 'true'}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    fetching = commands.add_parser("fetch", help="download the published files")
    fetching.add_argument("--out", type=Path, required=True)
    fetching.add_argument("--url", help="published site (default: the definitions' base_url)")
    comparing = commands.add_parser("compare", help="print changed=true|false")
    comparing.add_argument("build", type=Path)
    comparing.add_argument("published", type=Path)
    args = parser.parse_args()
    if args.command == "fetch":
        return fetch(args.url or None, args.out)
    return compare(args.build, args.published)


if __name__ == "__main__":
    sys.exit(main())
