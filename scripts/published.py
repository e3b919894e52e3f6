"""The published site, for the publishing workflow: fetch it, and compare a build with it.

    python scripts/published.py fetch --out published [--url URL]
    python scripts/published.py compare build published   # prints changed=true|false

Standard library only (urllib reads https:// and, for tests, file:// URLs). The files to
fetch are those a build of schedules/*.toml publishes; a 404 means not published yet.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from pathlib import Path

from vaxical.definition import load_all
from vaxical.model import Definition
from vaxical.schedule.feeds import BUILD_FILES, calendar_files
from vaxical.target import MARK

SCHEDULES = Path("schedules")
NOT_FOUND = 404


def published_names(definitions: tuple[Definition, ...]) -> list[str]:
    names = list(BUILD_FILES)
    for definition in definitions:
        names += calendar_files(definition)
    return sorted(names)


def fetch(url: str | None, out: Path) -> int:
    definitions = tuple(ledger.current for ledger in load_all(sorted(SCHEDULES.glob("*.toml"))))
    base = url or definitions[0].base_url
    base = base if base.endswith("/") else base + "/"
    out.mkdir(parents=True, exist_ok=True)
    for name in published_names(definitions):
        try:
            with urllib.request.urlopen(base + name, timeout=30) as response:  # noqa: S310
                (out / name).write_bytes(response.read())
        except urllib.error.HTTPError as error:
            if error.code != NOT_FOUND:
                raise
            print(f"{name}: not published yet", file=sys.stderr)
        except urllib.error.URLError as error:
            if isinstance(error.reason, FileNotFoundError):  # file:// test sites
                print(f"{name}: not published yet", file=sys.stderr)
                continue
            raise
    return 0


def _published_files(folder: Path) -> dict[str, bytes]:
    """A folder's files as a site publishes them: vaxical's mark is not one (fetch never
    gets it, but a copy of a build made by hand holds it)."""
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != MARK}


def compare(build: Path, published: Path) -> int:
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
