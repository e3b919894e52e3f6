"""The build folder is replaced whole, or not at all."""

from __future__ import annotations

import os
import shutil
import stat
import sys
import threading
from pathlib import Path

import pytest

from vaxical import output
from vaxical.errors import OutputError, UsageError
from vaxical.target import MARK, check_target, is_marked


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


# Every build carries vaxical's mark (README, "The output folder"): these two lines,
# then the names of the files the build wrote, one a line, sorted.
HEAD = (
    b"vaxical output folder: written by `vaxical build` and replaced whole by every build.\n"
    b"Below, the files it wrote; a build refuses to replace this folder while it holds others.\n"
)


def marked(*names: str) -> dict[str, bytes]:
    """The mark of a build of ``names``, as the folder's tree holds it."""
    return {".vaxical-output": HEAD + b"".join(f"{name}\n".encode() for name in sorted(names))}


def test_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "site" / "build"
    output.write_build(target, {"a.ics": b"A", "index.html": b"<p>"})
    assert _tree(target) == {**marked("a.ics", "index.html"), "a.ics": b"A", "index.html": b"<p>"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o755  # a web server can read it
    assert stat.S_IMODE((target / "a.ics").stat().st_mode) == 0o644
    assert sorted(path.name for path in target.parent.iterdir()) == ["build"]


def test_replaces_the_whole_folder(tmp_path: Path) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"old.ics": b"old", "same.ics": b"1"})
    output.write_build(target, {"new.ics": b"new", "same.ics": b"2"})
    assert _tree(target) == {**marked("new.ics", "same.ics"), "new.ics": b"new", "same.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_fallback_without_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    output.write_build(target, {"b.ics": b"2"})
    assert _tree(target) == {**marked("b.ics"), "b.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_failure_leaves_the_previous_build(tmp_path: Path) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    with pytest.raises(OutputError, match=r"refusing to write the file name '\.\./escape'"):
        output.write_build(target, {"b.ics": b"2", "../escape": b"x"})
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"1"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_interruption_midway_leaves_the_previous_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1", "b.ics": b"2"})
    calls = []
    real_write = output._write

    def interrupted(path: Path, data: bytes) -> None:  # Ctrl-C while the 2nd file is written
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_write(path, data)

    monkeypatch.setattr(output, "_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_build(target, {"a.ics": b"new", "b.ics": b"new", "c.ics": b"new"})
    assert _tree(target) == {**marked("a.ics", "b.ics"), "a.ics": b"1", "b.ics": b"2"}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_stale_staging_of_a_killed_build_is_removed(tmp_path: Path) -> None:
    stale = tmp_path / f"{output.STAGING_MARK}build.k1ll3d"
    stale.mkdir()
    (stale / MARK).write_bytes(HEAD + b"a.ics\n")  # written first by every build
    (stale / "half.ics").write_bytes(b"BEGIN:VCAL")
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "build"
    target.write_bytes(b"keep me")
    with pytest.raises(UsageError, match=r"--out .*build: is a file, not a folder"):
        output.write_build(target, {"a.ics": b"1"})
    assert target.read_bytes() == b"keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


def test_a_folder_inside_a_build_is_refused(tmp_path: Path) -> None:
    # The next build of build/ would find a folder it did not write, and stop.
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    inner = tmp_path / "build" / "sub"
    with pytest.raises(UsageError) as refused:
        output.write_build(inner, {"a.ics": b"1"})
    assert str(refused.value) == (
        f"--out {inner}: is inside {tmp_path / 'build'}, a folder vaxical writes (it holds "
        "the .vaxical-output mark): each build replaces that folder whole, and a folder "
        "inside it would block the next. Nothing was written. Fix: give the build a folder "
        f"beside it, e.g. `--out {tmp_path / 'build-sub'}`."
    )
    assert sorted(path.name for path in (tmp_path / "build").iterdir()) == [MARK, "a.ics"]


def test_a_symbolic_link_is_refused_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real"
    output.write_build(real, {"a.ics": b"1"})
    link = tmp_path / "build"
    link.symlink_to(real)
    with pytest.raises(UsageError) as refused:
        output.write_build(link, {"a.ics": b"2"})
    assert str(refused.value) == (
        f"--out {link}: is a symbolic link (to {real}); a build replaces its folder, which "
        f"would replace the link. Nothing was written. Fix: give the folder itself, "
        f"`--out {real}`, or another folder."
    )
    assert link.is_symlink()
    assert (real / "a.ics").read_bytes() == b"1"


def _held(lock: Path) -> bool:
    """Whether another open file holds flock(2) on ``lock``."""
    import fcntl

    descriptor = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)
    return False


@pytest.mark.skipif(sys.platform == "win32", reason="flock(2) is a POSIX call")
def test_a_build_holds_its_turn_while_it_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two builds into one folder at once lost files: one's removal of stale staging
    # folders took the other's as it was swapped in. Each build now holds a lock beside
    # the folder from before that removal to after its swap; a second build waits for it.
    lock = tmp_path / output.LOCK
    seen: list[tuple[str, bool]] = []
    real_remove, real_swap = output._remove_stale, output._swap_in

    def remove(parent: Path, name: str) -> None:
        seen.append(("remove stale", _held(lock)))
        real_remove(parent, name)

    def swap(staging: Path, target: Path) -> None:
        real_swap(staging, target)
        seen.append(("swapped", _held(lock)))

    monkeypatch.setattr(output, "_remove_stale", remove)
    monkeypatch.setattr(output, "_swap_in", swap)
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert seen == [("remove stale", True), ("swapped", True)]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]  # lock removed


@pytest.mark.skipif(sys.platform == "win32", reason="flock(2) is a POSIX call")
def test_a_build_gives_up_its_turn_after_a_while_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    monkeypatch.setattr(output, "TURN_SECONDS", 0)  # not a minute
    lock = tmp_path / output.LOCK
    descriptor = os.open(lock, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # another build, stopped (Ctrl-Z)
        with pytest.raises(OutputError) as refused:
            output.write_build(target, {"b.ics": b"2"})
    finally:
        os.close(descriptor)
    assert str(refused.value) == (
        f"another build has been writing beside {target} for 0 s (a stopped one? see "
        f"`jobs`; it holds {lock}); nothing was written. Build again once it has ended."
    )
    assert sorted(path.name for path in target.iterdir()) == [MARK, "a.ics"]
    assert lock.exists()  # the other build's, left to it


@pytest.mark.skipif(sys.platform == "win32", reason="flock(2) is a POSIX call")
def test_a_lock_let_go_by_its_removal_is_taken_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build that waited on the lock file of a build that then ended (removing it) holds
    # a file no other build opens any more: it lets it go and takes the one at the path.
    import fcntl

    lock = tmp_path / output.LOCK
    first = os.open(lock, os.O_RDWR | os.O_CREAT)
    fcntl.flock(first, fcntl.LOCK_EX)
    pinned = os.open(lock, os.O_RDONLY)  # keeps the removed file's inode number taken
    opened, released = threading.Event(), threading.Event()
    real_open = output._open_lock

    def open_lock(path: Path, target: Path) -> int:
        descriptor = real_open(path, target)
        if not opened.is_set():  # the first time: the file goes before it is locked
            opened.set()
            released.wait(timeout=30)
        return descriptor

    monkeypatch.setattr(output, "_open_lock", open_lock)
    taken: list[int] = []
    waiting = threading.Thread(target=lambda: taken.append(output._take(lock, tmp_path)))
    waiting.start()
    try:
        assert opened.wait(timeout=30)  # it holds the file that is about to go
        lock.unlink()  # as _turn ends: removed, then let go
    finally:
        os.close(first)
        released.set()
    waiting.join()
    try:
        assert os.fstat(taken[0]).st_ino == lock.stat().st_ino != os.fstat(pinned).st_ino
    finally:
        os.close(taken[0])
        os.close(pinned)


def test_a_build_leaves_the_staging_folders_of_a_folder_beside_it(tmp_path: Path) -> None:
    # `site` and `site.v2` side by side: the build of `site` took `.vaxical-site.v2.*`
    # for its own stale staging folders (one of them being swapped in, with builds into
    # both at once), and `site.v2` lost files and its mark.
    other = tmp_path / f"{output.STAGING_MARK}site.v2.k1ll3d0x"
    other.mkdir()
    (other / MARK).write_bytes(HEAD + b"a.ics\n")
    output.write_build(tmp_path / "site", {"a.ics": b"1"})
    assert other.is_dir()  # site.v2's, which only its own builds clean up
    output.write_build(tmp_path / "site.v2", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site", "site.v2"]


@pytest.mark.skipif(sys.platform == "win32", reason="flock(2) is a POSIX call")
def test_a_lock_on_the_parent_folder_is_not_waited_on(tmp_path: Path) -> None:
    # `flock www vaxical build --out www/site`, a cron job's guard: the build waited for
    # ever on the lock its own caller held on www.
    import fcntl

    descriptor = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        output.write_build(tmp_path / "site", {"a.ics": b"1"})
    finally:
        os.close(descriptor)
    assert (tmp_path / "site" / "a.ics").read_bytes() == b"1"


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is a Linux system call")
def test_linux_exchanges_the_folders_atomically(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "mark").write_bytes(b"1")
    (second / "mark").write_bytes(b"2")
    assert output._exchange(first, second) is True
    assert (first / "mark").read_bytes() == b"2"
    assert (second / "mark").read_bytes() == b"1"


# The output folder rule: only a folder vaxical made (marked), an empty one or a new one
# is replaced; anything else is refused before anything is written or deleted.


def _everything(folder: Path) -> dict[str, bytes | None]:
    """Every path under ``folder`` with its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def test_a_folder_vaxical_did_not_make_is_refused_and_kept(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "CNAME").write_bytes(b"vaccins.example.org\n")
    (site / "index.html").write_bytes(b"<p>my own page</p>")
    before = _everything(tmp_path)
    with pytest.raises(UsageError) as refused:
        output.write_build(site, {"a.ics": b"1"})
    assert str(refused.value) == (
        f"--out {site}: the folder holds files that vaxical did not write (CNAME, index.html) "
        "and no .vaxical-output mark. A build replaces its output folder whole, which would "
        "delete what is in it; nothing was deleted. Fix: give a new or empty folder, e.g. "
        "`--out build`. If it is a build from a vaxical that did not mark its folders yet, "
        "delete it yourself once, then build again."
    )
    assert _everything(tmp_path) == before  # no staging folder either


def test_a_long_listing_is_cut(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    for name in ("e", "d", "c", "b", "a"):
        (site / name).write_bytes(b"")
    with pytest.raises(UsageError, match=r"did not write \(a, b, c and 2 more\)"):
        check_target(site)


def test_an_empty_folder_is_used_and_then_marked(tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    output.write_build(target, {"a.ics": b"1"})
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"1"}
    assert (target / ".vaxical-output").read_text(encoding="utf-8") == (
        "vaxical output folder: written by `vaxical build` and replaced whole by every build.\n"
        "Below, the files it wrote; a build refuses to replace this folder while it holds others.\n"
        "a.ics\n"
    )
    output.write_build(target, {"b.ics": b"2"})  # marked: replaced
    assert _tree(target) == {**marked("b.ics"), "b.ics": b"2"}


def test_files_put_into_a_marked_folder_are_refused_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1", "index.html": b"<p>"})
    (target / "CNAME").write_bytes(b"vaccins.example.org\n")  # GitHub Pages' domain file
    (target / "notes").mkdir()
    (target / "notes" / "todo.txt").write_bytes(b"mine")
    before = _everything(tmp_path)
    with pytest.raises(UsageError) as refused:
        output.write_build(target, {"a.ics": b"2"})
    assert str(refused.value) == (
        f"--out {target}: the folder holds files that vaxical did not write (CNAME, notes). "
        "A build replaces its output folder whole, which would delete what is in it; nothing "
        "was deleted. Fix: move them out of the folder, then build again. Keep files of your "
        "own (a CNAME...) elsewhere and copy them in when you publish."
    )
    assert _everything(tmp_path) == before  # no staging folder either
    (target / "CNAME").unlink()
    shutil.rmtree(target / "notes")
    output.write_build(target, {"a.ics": b"2"})  # index.html was vaxical's: it goes
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"2"}


@pytest.mark.parametrize("end", [b"\n", b"\r\n"])  # CRLF: as a checkout may leave it
def test_a_mark_without_the_list_leaves_the_whole_folder_to_the_build(
    tmp_path: Path, end: bytes
) -> None:
    # Marks of the versions before marks listed their files said so in their text.
    target = tmp_path / "build"
    target.mkdir()
    (target / ".vaxical-output").write_bytes(
        b"vaxical output folder: written by `vaxical build` and replaced whole by every build."
        + end
        + b"Anything else put in this folder is deleted by the next build."
        + end
    )
    (target / "old.ics").write_bytes(b"old")
    (target / "CNAME").write_bytes(b"vaccins.example.org\n")
    output.write_build(target, {"a.ics": b"1"})
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"1"}


def test_a_mark_with_crlf_line_ends_still_lists_the_files(tmp_path: Path) -> None:
    # A checkout with core.autocrlf writes text files back with CRLF.
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    mark = target / ".vaxical-output"
    mark.write_bytes(mark.read_bytes().replace(b"\n", b"\r\n"))
    (target / "CNAME").write_bytes(b"vaccins.example.org\n")
    with pytest.raises(UsageError, match=r"did not write \(CNAME\)"):
        output.write_build(target, {"a.ics": b"2"})
    assert (target / "CNAME").read_bytes() == b"vaccins.example.org\n"
    (target / "CNAME").unlink()
    output.write_build(target, {"a.ics": b"2"})
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"2"}


@pytest.mark.parametrize(
    "mark",
    [
        HEAD.replace(b"Below", b"Under") + b"a.ics\n",  # its wording edited
        HEAD + b"a.ics",  # cut short
        HEAD + b"\xff\n",  # not UTF-8
    ],
)
def test_a_mark_that_does_not_read_as_a_list_leaves_nothing_to_the_build(
    tmp_path: Path, mark: bytes
) -> None:
    target = tmp_path / "build"
    target.mkdir()
    (target / ".vaxical-output").write_bytes(mark)
    (target / "a.ics").write_bytes(b"1")
    (target / "CNAME").write_bytes(b"vaccins.example.org\n")
    before = _everything(tmp_path)
    with pytest.raises(UsageError) as refused:
        output.write_build(target, {"a.ics": b"2"})
    assert str(refused.value) == (
        f"--out {target}: its .vaxical-output mark does not read as the list of files vaxical "
        "wrote (was it edited?). A build replaces its output folder whole, which would delete "
        "what is in it; nothing was deleted. Fix: if the folder holds nothing of yours, delete "
        "it, then build again."
    )
    assert _everything(tmp_path) == before


def test_a_mark_that_is_not_vaxicals_does_not_count(tmp_path: Path) -> None:
    target = tmp_path / "public"
    target.mkdir()
    (target / MARK).write_bytes(b"some other tool's settings\n")
    with pytest.raises(UsageError, match="did not write"):
        output.write_build(target, {"a.ics": b"1"})
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / MARK).symlink_to(target / MARK)
    assert not is_marked(linked)


def test_a_marked_folder_holding_a_repository_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "public"
    output.write_build(target, {"a.ics": b"1"})
    (target / ".git").mkdir()
    with pytest.raises(UsageError, match=r"holds a git repository \(\.git\)\."):
        output.write_build(target, {"a.ics": b"2"})
    assert (target / "a.ics").read_bytes() == b"1"


def test_a_refused_build_folder_is_not_suggested_again(tmp_path: Path) -> None:
    target = tmp_path / "build"
    (target / ".git").mkdir(parents=True)
    with pytest.raises(UsageError) as refused:
        check_target(target)
    assert str(refused.value) == (
        f"--out {target}: holds a git repository (.git). A build replaces its output folder "
        "whole, which would delete what is in it; nothing was deleted. Fix: give the build a "
        "folder of its own, e.g. `--out site`."
    )


def test_the_current_folder_and_its_parents_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    for given, shown, why in (
        (".", ".", "is the current folder"),
        ("", ".", "is the current folder"),
        ("./", ".", "is the current folder"),
        (str(project), str(project), "is the current folder"),
        ("..", "..", "holds the current folder"),
    ):
        with pytest.raises(UsageError) as refused:
            output.write_build(Path(given), {"a.ics": b"1"})
        assert str(refused.value).startswith(f"--out {shown}: {why}. A build replaces"), given
    assert sorted(tmp_path.iterdir()) == [project]
    assert list(project.iterdir()) == []


def test_a_repository_or_the_definitions_are_never_an_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "repository"
    (repository / ".git").mkdir(parents=True)
    schedules = repository / "schedules"
    schedules.mkdir()
    definition = schedules / "a.toml"
    definition.write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="holds the git repository"):
        check_target(repository, [definition])
    with pytest.raises(UsageError, match=r"holds the definition repository/schedules/a\.toml"):
        check_target(Path("repository/schedules"), [Path("repository/schedules/a.toml")])
    with pytest.raises(UsageError) as inside:
        check_target(Path("repository/schedules/site"), (), [Path("repository/schedules")])
    assert str(inside.value) == (
        "--out repository/schedules/site: is inside the definitions' folder "
        "repository/schedules; a build's output and the definitions it is made from stay "
        "apart. Nothing was written. Fix: give the build a folder of its own, e.g. "
        "`--out build`."
    )
    check_target(Path("repository/build"), [definition], [schedules])  # beside: fine


def test_a_path_with_a_nul_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        check_target(Path("a\0b"))
    assert str(refused.value) == (
        "--out 'a\\x00b': a path cannot hold a NUL character. Fix: give the folder's name "
        "without it."
    )


def test_only_vaxicals_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    marked = tmp_path / f"{output.STAGING_MARK}build.k1ll3d"
    marked.mkdir()
    (marked / MARK).write_bytes(HEAD + b"half.ics\n")
    (marked / "half.ics").write_bytes(b"BEGIN:VCAL")
    empty = tmp_path / f"{output.STAGING_MARK}build.empty"
    empty.mkdir()
    unmarked = tmp_path / f"{output.STAGING_MARK}build.mine"
    unmarked.mkdir()
    (unmarked / "notes.txt").write_bytes(b"keep me")
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == [unmarked.name, "build"]
    assert (unmarked / "notes.txt").read_bytes() == b"keep me"


@pytest.mark.parametrize("written", [b"", b"vaxical out", HEAD[:-1]])
def test_a_staging_folder_killed_while_writing_its_mark_is_removed(
    tmp_path: Path, written: bytes
) -> None:
    # A build killed after creating its mark file, before the whole text was in it.
    stale = tmp_path / f"{output.STAGING_MARK}build.k1ll3d"
    stale.mkdir()
    (stale / MARK).write_bytes(written)
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["build"]


@pytest.mark.parametrize(
    ("mark", "other"),
    [
        (b"keep me", None),  # not the start of vaxical's mark
        (b"", b"keep me"),  # the mark unfinished, but something else beside it
        (b"vaxical outpux", None),  # starts like it, then differs
    ],
)
def test_a_staging_folder_with_anything_else_than_an_unfinished_mark_is_kept(
    tmp_path: Path, mark: bytes, other: bytes | None
) -> None:
    kept = tmp_path / f"{output.STAGING_MARK}build.mine"
    kept.mkdir()
    (kept / MARK).write_bytes(mark)
    if other is not None:
        (kept / "notes.txt").write_bytes(other)
    before = _tree(kept)
    output.write_build(tmp_path / "build", {"a.ics": b"1"})
    assert sorted(path.name for path in tmp_path.iterdir()) == [kept.name, "build"]
    assert _tree(kept) == before


def test_fallback_keeps_an_unmarked_folder_in_the_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"1"})
    aside = tmp_path / f"{output.STAGING_MARK}build.previous"
    aside.mkdir()
    (aside / "notes.txt").write_bytes(b"keep me")
    with pytest.raises(OutputError, match="is in the way and is not vaxical's"):
        output.write_build(target, {"b.ics": b"2"})
    assert (aside / "notes.txt").read_bytes() == b"keep me"
    assert _tree(target) == {**marked("a.ics"), "a.ics": b"1"}


def test_the_mark_is_not_a_file_name_a_build_may_write(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"refusing to write the file name '\.vaxical-output'"):
        output.write_build(tmp_path / "build", {MARK: b"x"})
    assert list(tmp_path.iterdir()) == []


def test_a_rebuild_shares_the_unchanged_files_and_writes_the_others(tmp_path: Path) -> None:
    """Unchanged files are linked from the previous build (already flushed), so that a
    serve rebuild writes only what changed; the folder's bytes are the same either way."""
    target = tmp_path / "build"
    output.write_build(target, {"a.ics": b"same", "b.ics": b"before", "c.ics": b"kept"})
    first = {name: (target / name).stat().st_ino for name in ("a.ics", "b.ics", "c.ics")}
    (target / "c.ics").chmod(0o600)  # changed by hand: not shared
    output.write_build(target, {"a.ics": b"same", "b.ics": b"after", "c.ics": b"kept"})
    assert _tree(target) == {
        **marked("a.ics", "b.ics", "c.ics"),
        "a.ics": b"same",
        "b.ics": b"after",
        "c.ics": b"kept",
    }
    assert (target / "a.ics").stat().st_ino == first["a.ics"]
    assert (target / "b.ics").stat().st_ino != first["b.ics"]
    assert (target / "c.ics").stat().st_ino != first["c.ics"]
    assert stat.S_IMODE((target / "c.ics").stat().st_mode) == 0o644


def test_without_syncfs_each_file_is_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One syncfs puts the staging folder on disk where Linux has it; elsewhere every file
    written (the mark included) is flushed on its own before the folder is swapped in."""
    flushed: list[int] = []
    real_fsync = os.fsync

    def counted(fd: int) -> None:
        flushed.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(output, "_syncfs", lambda folder: False)
    monkeypatch.setattr(os, "fsync", counted)
    output.write_build(tmp_path / "build", {"a.ics": b"1", "b.ics": b"2"})
    assert len(flushed) == 3
    assert _tree(tmp_path / "build") == {**marked("a.ics", "b.ics"), "a.ics": b"1", "b.ics": b"2"}
