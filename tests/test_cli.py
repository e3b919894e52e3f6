"""The command line, run as a user runs it: a separate process, in a project folder."""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vaxical.cli import parser
from vaxical.commands import COMMANDS

from .conftest import SEED_DEFINITION, Run, definition_text

BUILD_FILES = [
    ".vaxical-output",  # vaxical's mark: README, "The output folder"
    "_headers",
    "calendars.json",
    "index.html",
    "vaccins-covid-confirmations.ics",
    "vaccins-covid-livraisons.ics",
    "vaccins-covid-rappels.ics",
    "vaccins-covid-rendez-vous.ics",
    "vaccins-covid-sessions.ics",
    "vaccins-covid-tableur.csv",
    "vaccins-covid.atom",
    "vaccins-covid.csv",
    "vaccins-covid.html",
    "vaccins-covid.ics",
    "vaccins-covid.json",
    "vaxical-calendar.schema.json",
    "vaxical-calendars.schema.json",
]


def run(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vaxical", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A publisher's folder: schedules/ with the shipped definition."""
    (tmp_path / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, tmp_path / "schedules" / SEED_DEFINITION.name)
    return tmp_path


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """A publisher's folder after a plain `vaxical build`, and what the build said. Tests
    that only read it share it; a test that changes it works on a copy."""
    project = tmp_path_factory.mktemp("built")
    (project / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, project / "schedules" / SEED_DEFINITION.name)
    result = run(project, "build")
    return project, Run(result.returncode, result.stdout, result.stderr)


# The environment of the build that the next one is compared with: UTC, the C locale and
# string-hash seed 1 (set iteration order).
FIRST_ENVIRONMENT = {"TZ": "UTC", "LC_ALL": "C", "PYTHONHASHSEED": "1"}


@pytest.fixture(scope="module")
def named_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Run]:
    """A publisher's folder after `vaxical build schedules/vaccins-covid.toml --out
    site/public` in :data:`FIRST_ENVIRONMENT`, and what the build said. Tests that only
    read it share it: where it wrote, and its bytes against a build in another zone,
    locale and hash seed."""
    project = tmp_path_factory.mktemp("named")
    (project / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, project / "schedules" / SEED_DEFINITION.name)
    named = ["schedules/vaccins-covid.toml", "--out", "site/public"]
    result = run(project, "build", *named, env=FIRST_ENVIRONMENT)
    return project, Run(result.returncode, result.stdout, result.stderr)


def digest(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def test_every_command_has_help() -> None:
    top = parser()
    assert top.description
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    helps = {action.dest: action.help for action in commands._choices_actions}
    assert sorted(helps) == ["build", "check", "diff", "lint", "serve", "show"]
    assert sorted(COMMANDS) == sorted(helps)  # what runs each, imported once it is named
    for name, sub in commands.choices.items():
        assert helps[name], name
        assert sub.description, name
        assert "exit status" in sub.format_help(), name


def test_help_runs(project: Path) -> None:
    for args in (["--help"], ["build", "--help"], ["check", "--help"], ["show", "--help"]):
        result = run(project, *args)
        assert result.returncode == 0
        assert "usage: vaxical" in result.stdout


def test_diff_help_says_what_its_exit_status_1_means(capsys: pytest.CaptureFixture[str]) -> None:
    # It said "1 when something did [change]" above "1  the output could not be written".
    with pytest.raises(SystemExit) as exited:
        parser().parse_args(["diff", "--help"])
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    assert (
        "exit status:\n  0  nothing changed\n  1  something changed, or an internal error"
        in help_text
    )
    assert "could not be written" not in help_text


def test_build_writes_the_files(first_build: tuple[Path, Run]) -> None:
    project, result = first_build
    assert result.status == 0, result.stderr
    assert sorted(path.name for path in (project / "build").iterdir()) == BUILD_FILES
    written = [path for path in (project / "build").iterdir() if path.name != ".vaxical-output"]
    total = sum(path.stat().st_size for path in written)
    assert total > 100_000  # the count has a thousands separator
    # English, as vaxical says what it did: « 1 calendar(s) » was said of one.
    assert result.stdout == f"vaxical: wrote 16 files ({total:,} bytes) for 1 calendar to build/\n"
    assert result.stderr == ""


def test_build_to_another_folder_with_named_definition(named_build: tuple[Path, Run]) -> None:
    project, result = named_build
    assert result.status == 0, result.stderr
    assert sorted(path.name for path in (project / "site" / "public").iterdir()) == BUILD_FILES


def test_same_bytes_whatever_the_time_zone_locale_or_hash_seed(
    named_build: tuple[Path, Run], tmp_path: Path
) -> None:
    """Two builds in two processes, 14 hours apart in their zones (UTC and UTC+14), under
    two locales and two string-hash seeds (set iteration order), write the same bytes.
    The clock is not varied: vaxical reads none (a feed's dates come from its notices)
    and nothing here can fake one, so the name claims none. The first is the shared
    build of the named definition (:data:`FIRST_ENVIRONMENT`); the second, of the same
    definition, writes outside its folder, which stays as the other tests read it."""
    project, first = named_build
    second = run(
        project,
        "build",
        "schedules/vaccins-covid.toml",
        "--out",
        str(tmp_path / "two"),
        env={
            "TZ": "Pacific/Kiritimati",
            "LC_ALL": "C.UTF-8",
            "LANG": "fr_FR.UTF-8",
            "PYTHONHASHSEED": "2",
        },
    )
    assert first.status == second.returncode == 0
    assert digest(project / "site" / "public") == digest(tmp_path / "two")
    assert len(digest(project / "site" / "public")) == len(BUILD_FILES)


def test_bad_definition_exits_2_and_leaves_build_untouched(
    first_build: tuple[Path, Run], tmp_path: Path
) -> None:
    assert first_build[1].status == 0
    project = tmp_path / "project"
    shutil.copytree(first_build[0], project, symlinks=True)
    before = digest(project / "build")
    mtimes = {path.name: path.stat().st_mtime_ns for path in (project / "build").iterdir()}
    broken = SEED_DEFINITION.read_text(encoding="utf-8").replace(
        'timezone = "Europe/Paris"', 'timezone = "Europe/Pariss"'
    )
    (project / "schedules" / "vaccins-covid.toml").write_text(broken, encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        'schedules/vaccins-covid.toml:19:1: calendar.timezone = "Europe/Pariss": is not a '
        "known time zone. Fix: did you mean `Europe/Paris` (UTC+1, UTC+2 in summer)?",
        '      19 | timezone = "Europe/Pariss"',
        "vaxical: 1 problem; nothing was written.",
    ]
    assert digest(project / "build") == before
    assert {p.name: p.stat().st_mtime_ns for p in (project / "build").iterdir()} == mtimes
    assert sorted(path.name for path in project.iterdir()) == ["build", "schedules"]


def test_no_definitions_found(tmp_path: Path) -> None:
    result = run(tmp_path, "build")
    assert result.returncode == 2
    assert "schedules: no schedule definition (*.toml) found." in result.stderr
    assert not (tmp_path / "build").exists()


def test_output_that_is_a_file_is_refused_and_kept(project: Path) -> None:
    # A usage error (exit 2, README "The output folder"), and no advice to remove the file.
    (project / "build").write_text("not a folder", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 2
    assert result.stderr == (
        "vaxical: --out build: is a file, not a folder. Nothing was written. Fix: give the "
        "build a folder of its own, e.g. `--out site`.\n"
    )
    assert (project / "build").read_text(encoding="utf-8") == "not a folder"


def test_check_prints_a_summary_and_writes_nothing(project: Path) -> None:
    result = run(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        "schedules/vaccins-covid.toml : valide — Commande des vaccins Covid-19 – officines "
        "(vaccins-covid)",
        "  13 sessions (8 ouvertes, 5 fermées), du 17-18 juillet 2023 au 9-10 octobre 2023",
        "  0 exception, horizon 2023-10-10",
    ]
    assert not (project / "build").exists()


def test_check_show_and_diff_report_bad_input_and_nothing_of_writing(project: Path) -> None:
    # They write nothing ever: « nothing was written » was said after their errors too.
    (project / "schedules" / "second.toml").write_text(
        definition_text("[[periods]]\nstart = 2023-07-25\nevery_weeks = 1\n"), encoding="utf-8"
    )
    problem = (
        "schedules/second.toml:35:1: periods[1].start = 2023-07-25: is a tuesday, but sessions "
        "start on a monday. Fix: give the first day (monday) of the period's first session.\n"
        "      35 | start = 2023-07-25\n"
    )
    for args in (
        ["check"],
        ["show", "schedules/second.toml"],
        ["diff", "schedules/vaccins-covid.toml", "schedules/second.toml"],
    ):
        result = run(project, *args)
        assert (result.returncode, result.stdout, result.stderr) == (
            2,
            "",
            f"{problem}vaxical: 1 problem.\n",
        ), args
    build = run(project, "build")
    assert (build.returncode, build.stderr) == (
        2,
        f"{problem}vaxical: 1 problem; nothing was written.\n",
    )


def test_show_prints_the_table_as_the_notice(project: Path) -> None:
    result = run(project, "show", "schedules/vaccins-covid.toml")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Commande des vaccins Covid-19 – officines"
    assert lines[3] == "2023"
    assert lines[6].split() == [
        "17-18",
        "juillet",
        "Ouvert",
        "27-28",
        "juillet",
        "mercredi",
        "19",
        "juillet,",
        "18h00",
        "samedi",
        "29",
        "juillet",
    ]
    assert lines[8].split() == ["31", "juillet", "–", "1er", "août", "Fermé"]
    assert len(lines) == 6 + 13


def test_unknown_command_is_a_usage_error(project: Path) -> None:
    result = run(project, "publish")
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr


def test_version(project: Path) -> None:
    result = run(project, "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("vaxical ")


def test_lint_is_silent_on_a_build_and_loud_on_a_broken_feed(
    first_build: tuple[Path, Run], tmp_path: Path
) -> None:
    project = first_build[0]
    assert first_build[1].status == 0
    feeds = sorted(str(path) for path in (project / "build").glob("*.ics"))
    clean = run(project, "lint", *feeds)
    assert len(feeds) == 6
    assert (clean.returncode, clean.stdout, clean.stderr) == (
        0,
        "",
        "vaxical: 6 files, 19 rules: no problem found.\n",
    )
    broken = tmp_path / "broken.ics"
    broken.write_bytes(
        (project / "build" / "vaccins-covid-sessions.ics")
        .read_bytes()
        .replace(b"TRANSP:TRANSPARENT\r\n", b"", 1)
    )
    result = run(project, "lint", str(broken))
    assert result.returncode == 2
    assert result.stdout.splitlines() == [
        f"{broken}:27: rule 6 (transparent, free): the event makes the pharmacist look busy. "
        "Fix: write TRANSP:TRANSPARENT. See docs/calendar-clients.md#rule-6"
    ]
    assert result.stderr == "vaxical: 1 file, 19 rules: problems in 1 file.\n"


def test_commands_that_render_no_html_do_not_import_jinja2(
    first_build: tuple[Path, Run],
) -> None:
    project = first_build[0]
    assert first_build[1].status == 0
    commands = [
        ["check"],
        ["show"],
        ["lint", "build/vaccins-covid.ics"],
        ["diff", "build", "build"],
    ]
    # One fresh interpreter runs them in turn and says after each whether jinja2 is loaded:
    # a module once imported stays, so the first command that imports it is the one named.
    probe = (
        "import sys\n"
        "from vaxical.cli import main\n"
        f"for args in {commands!r}:\n"
        "    main(args)\n"
        "    print('JINJA2', args, 'jinja2' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=project, capture_output=True, text=True, check=False
    )
    said = [line for line in result.stdout.splitlines() if line.startswith("JINJA2 ")]
    assert said == [f"JINJA2 {args} False" for args in commands], result.stderr


# A bug in vaxical, put in the pipeline as the command runs.
BUGGY = (
    "import sys\n"
    "from vaxical import pipeline\n"
    "def load(*args, **kwargs):\n"
    "    raise KeyError('boom')\n"
    "pipeline.load = load\n"
    "from vaxical.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_a_bug_is_said_with_a_fix_that_runs(project: Path) -> None:
    """It said « run again with --debug », and `vaxical check --debug` is refused by
    argparse (the option goes before the command); with --debug, it still asked for it."""

    def buggy(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", BUGGY, *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )

    plain = buggy("check")
    assert (plain.returncode, plain.stdout, plain.stderr) == (
        1,
        "",
        "vaxical: internal error (KeyError: 'boom'). This is a bug in vaxical, not in your "
        "definition; run it again as `vaxical --debug check …` and report the output.\n",
    )
    debug = buggy("--debug", "check")
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):\n")
    assert debug.stderr.endswith(
        "KeyError: 'boom'\nvaxical: internal error (KeyError: 'boom'). This is a bug in "
        "vaxical, not in your definition; report it with the traceback above.\n"
    )


def test_serve_on_a_port_in_use_is_a_usage_error(project: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(project, "serve", "--port", str(port))
    assert (result.returncode, result.stderr) == (
        2,
        f"vaxical: --port {port}: cannot serve on 127.0.0.1:{port} (Address already in use). "
        "Fix: give another port, or `--port 0` for any free one.\n",
    )
    # Refused before anything is built, as the README says: no build/ was written.
    assert sorted(path.name for path in project.iterdir()) == ["schedules"]
