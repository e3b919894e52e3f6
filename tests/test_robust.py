"""The command line's edges: nothing lost, nothing hangs, no internal error.

An ``--out`` that would delete what vaxical did not make is refused with exit status 2;
a reader that stops reading (``| head -1``) ends vaxical quietly; generated command lines
and files end in exit status 0, 1 or 2 with a message, never a traceback, within a
stated time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import vaxical
from vaxical.cli import EXIT_CLOSED_PIPE

from .conftest import SEED_DEFINITION, definition_text, vaxical_in
from .strategies import UNICODE

BASH = shutil.which("bash") or "/bin/bash"


def _everything(folder: Path) -> dict[str, str | None]:
    """Every path under ``folder`` (hidden ones too) with a digest of its bytes."""
    return {
        str(path.relative_to(folder)): (
            None if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A publisher's repository: .git, a CNAME, schedules/ and a docs/ site of their own."""
    project = tmp_path / "repository"
    (project / ".git" / "objects").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "CNAME").write_text("vaccins.example.org\n", encoding="utf-8")
    (project / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, project / "schedules" / SEED_DEFINITION.name)
    (project / "docs").mkdir()
    (project / "docs" / "index.html").write_text("<p>notre page</p>\n", encoding="utf-8")
    return project


WHOLE = (
    "A build replaces its output folder whole, which would delete what is in it; nothing "
    "was deleted. Fix: "
)
OWN = "give the build a folder of its own, e.g. `--out build`."


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", f"--out .: is the current folder. {WHOLE}{OWN}"),
        ("./", f"--out .: is the current folder. {WHOLE}{OWN}"),
        ("", f"--out .: is the current folder. {WHOLE}{OWN}"),
        ("..", f"--out ..: holds the current folder. {WHOLE}{OWN}"),
        ("schedules", f"--out schedules: holds the definition schedules/vaccins-covid.toml. "
         f"{WHOLE}{OWN}"),
        ("schedules/", f"--out schedules: holds the definition schedules/vaccins-covid.toml. "
         f"{WHOLE}{OWN}"),
        ("schedules/site", "--out schedules/site: is inside the definitions' folder schedules; "
         "a build's output and the definitions it is made from stay apart. Nothing was "
         f"written. Fix: {OWN}"),
        ("docs", f"--out docs: the folder holds files that vaxical did not write (index.html) "
         f"and no .vaxical-output mark. {WHOLE}give a new or empty folder, e.g. `--out "
         "build`. If it is a build from a vaxical that did not mark its folders yet, delete "
         "it yourself once, then build again."),
    ],
)  # fmt: skip
def test_build_refuses_an_output_that_would_delete_files(
    repository: Path, out: str, message: str
) -> None:
    before = _everything(repository.parent)
    result = vaxical_in(repository, "build", "--out", out)
    assert (result.status, result.stdout) == (2, "")
    assert result.stderr == f"vaxical: {message}\n"
    assert _everything(repository.parent) == before  # .git, CNAME, docs: every byte kept


def test_build_into_a_new_then_its_own_folder(repository: Path) -> None:
    assert vaxical_in(repository, "build", "--out", "site").status == 0
    first = _everything(repository / "site")
    assert first[".vaxical-output"] is not None
    again = vaxical_in(repository, "build", "--out", "site")
    assert again.status == 0, again.stderr
    assert _everything(repository / "site") == first  # its own folder: replaced whole
    # A file put into it by hand is not vaxical's to delete: the build stops.
    (repository / "site" / "leftover.txt").write_text("x", encoding="utf-8")
    refused = vaxical_in(repository, "build", "--out", "site")
    assert (refused.status, refused.stdout) == (2, "")
    assert refused.stderr == (
        "vaxical: --out site: the folder holds files that vaxical did not write "
        f"(leftover.txt). {WHOLE}move them out of the folder, then build again. Keep files "
        "of your own (a CNAME...) elsewhere and copy them in when you publish.\n"
    )
    kept = _everything(repository / "site")
    assert kept.pop("leftover.txt") == hashlib.sha256(b"x").hexdigest()
    assert kept == first


def test_serve_refuses_the_same_outputs_before_serving(repository: Path) -> None:
    before = _everything(repository.parent)
    result = vaxical_in(repository, "serve", "--port", "0", "--out", ".")
    assert result.status == 2
    assert result.stderr == f"vaxical: --out .: is the current folder. {WHOLE}{OWN}\n"
    assert _everything(repository.parent) == before


# A reader that stops reading is not an error: exit quietly with 141 (128 + SIGPIPE).


def _into_a_closed_pipe(project: Path, *args: str) -> tuple[int, bytes]:
    """Run vaxical with its stdout a pipe whose reading end is already closed."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "vaxical", *args],
            cwd=project,
            stdout=writing,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    finally:
        os.close(writing)
    return result.returncode, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["show"],
        ["diff", "--json", "schedules/vaccins-covid.toml", "changed.toml"],
    ],
)
def test_a_closed_pipe_ends_quietly(repository: Path, args: list[str]) -> None:
    changed = SEED_DEFINITION.read_text(encoding="utf-8") + (
        '\n[[exceptions]]\nsession = 2023-09-04\nclose = true\nreason = "Inventaire"\n'
    )
    (repository / "changed.toml").write_text(changed, encoding="utf-8")
    status, stderr = _into_a_closed_pipe(repository, *args)
    assert (status, stderr) == (EXIT_CLOSED_PIPE, b"")


def test_head_reads_the_first_line_of_a_long_table(tmp_path: Path) -> None:
    """`vaxical show | head -1` with a table far longer than a pipe's buffer (64 KiB), so
    that head is gone while vaxical still writes: the shell sees 141, and no message."""
    long = definition_text(
        "[[periods]]\nstart = 2023-07-24\nevery_weeks = 1\n", horizon="2043-07-24"
    )
    (tmp_path / "long.toml").write_text(long, encoding="utf-8")
    script = (
        f"{sys.executable} -m vaxical show long.toml 2>stderr.txt | head -1; "
        'echo "status=${PIPESTATUS[0]}"'
    )
    # Buffered, as in a user's shell: with PYTHONUNBUFFERED (set on some CI machines)
    # CPython's text layer drops the rest of a write that the closing pipe cut short.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [BASH, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=environment,
    )
    assert result.stdout == "Essai\nstatus=141\n"
    assert (tmp_path / "stderr.txt").read_text(encoding="utf-8") == ""


# Generated command lines and files: exit status 0, 1 or 2, a message, never a traceback.

PER_RUN_CALLS = 100_000
"""The work bound of each generated run, in calls of vaxical's own functions (counted,
not timed: a test must not depend on the machine's speed). A build of the seed's
definition makes about 15,600 the first time and 12,500 after (its caches warm), a
refusal or a usage error a few: the bound is six times the most, and work that grew
with a generated path or port, or looped, would pass it."""
VAXICAL_SOURCES = str(Path(vaxical.__file__).parent)


def _main(project: Path, args: list[str]) -> tuple[int, str, str]:
    """``vaxical ARGS`` in ``project``, in this process, its work bounded."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call" and frame.f_code.co_filename.startswith(VAXICAL_SOURCES):
            calls += 1
            if calls > PER_RUN_CALLS:
                raise AssertionError(f"more than {PER_RUN_CALLS:,} calls: {args}")

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        return vaxical_in(project, *args)
    finally:
        sys.setprofile(previous)


def _ends_well(status: int, stderr: str) -> None:
    assert status in (0, 1, 2), status
    assert "Traceback" not in stderr
    assert "internal error" not in stderr, stderr


_FAST = settings(
    max_examples=25,
    deadline=None,  # each run's work is bounded by PER_RUN_CALLS above, counted in the test
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Paths as a user may type them: dots, slashes, spaces, non-ASCII, very long names.
_PATH = st.one_of(
    st.sampled_from([".", "./", "", "..", "/", "~", "schedules", "schedules/x", "-", "build"]),
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"),
        max_size=40,
    ),
    st.text(alphabet="./-_ab", max_size=300),
)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A repository to run generated commands in; the test checks what it keeps."""
    project = tmp_path / "sandbox"
    (project / ".git").mkdir(parents=True)
    (project / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, project / "schedules" / SEED_DEFINITION.name)
    (project / "CNAME").write_text("vaccins.example.org\n", encoding="utf-8")
    return project


@settings(_FAST, max_examples=15)  # each successful build writes a whole site
@given(out=_PATH)
def test_generated_build_outputs(sandbox: Path, out: str) -> None:
    """Whatever --out names, nothing vaxical did not write is ever deleted."""
    own = sandbox.parent
    target = (sandbox / out).resolve()
    # Only paths in the test's own folder: were a change to break the output rule, the
    # worst a generated --out could then delete is this folder, never a parent of it.
    assume(target == own or own in target.parents)
    kept = {
        name: digest
        for name, digest in _everything(sandbox).items()
        if name.split("/")[0] in {".git", "schedules", "CNAME"}
    }
    status, _, stderr = _main(sandbox, ["build", "--out", out])
    _ends_well(status, stderr)
    after = _everything(sandbox)
    assert {name: after.get(name) for name in kept} == kept
    for name in after:
        assert not Path(name).name.startswith(".vaxical-build."), name  # no staging left


@_FAST
@given(port=st.one_of(st.integers(), st.text(UNICODE, max_size=12)), out=_PATH)
def test_generated_serve_arguments(sandbox: Path, port: int | str, out: str) -> None:
    """A port outside 0-65535, or not a number, is a usage error before any build."""
    text = str(port)
    try:
        number = int(text, 10)
    except ValueError:
        number = -1
    if 0 <= number <= 65535:
        text = str(65536 + number)  # a valid port would start serving: make it invalid
    before = _everything(sandbox)
    status, _, stderr = _main(sandbox, ["serve", "--port", text, "--out", out])
    assert status == 2
    _ends_well(status, stderr)
    assert _everything(sandbox) == before  # nothing built


_CONTENT = st.one_of(
    st.binary(max_size=300),
    st.text(UNICODE, max_size=300).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"{}",
            b'{"format": 1}',
            b'{"format": 1, "calendar": {"id": "x"}, "events": [], "sessions": []}',
            b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            b"[calendar]\nid = 1\n",
            SEED_DEFINITION.read_bytes()[:500],
        ]
    ),
)
_SUFFIX = st.sampled_from([".toml", ".json", ".ics", "", ".txt"])


@_FAST
@given(
    command=st.sampled_from(["lint", "diff", "diff --json", "show", "check"]),
    contents=st.lists(_CONTENT, min_size=1, max_size=2),
    suffixes=st.lists(_SUFFIX, min_size=2, max_size=2),
    missing=st.booleans(),
)
def test_generated_files_for_every_reading_command(
    sandbox: Path, command: str, contents: list[bytes], suffixes: list[str], missing: bool
) -> None:
    paths = []
    for index, data in enumerate(contents):
        path = sandbox / f"input{index}{suffixes[index]}"
        path.write_bytes(data)
        paths.append(path.name)
    if missing:
        paths.append("no/such/file.toml")
    words = command.split()
    if words[0] == "diff":
        paths = (paths * 2)[:2]
    elif words[0] == "show":
        paths = paths[:1]
    status, _, stderr = _main(sandbox, [*words, *paths])
    _ends_well(status, stderr)


@_FAST
@given(path=_PATH, command=st.sampled_from(["lint", "diff", "show", "check"]))
def test_generated_paths_for_every_reading_command(sandbox: Path, path: str, command: str) -> None:
    args = [command, path, path] if command == "diff" else [command, path]
    status, _, stderr = _main(sandbox, args)
    _ends_well(status, stderr)
