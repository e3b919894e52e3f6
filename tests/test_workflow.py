"""The publishing workflow: its shape, and its build steps run here as CI runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from vaxical.cli import main

from .conftest import LEDGER_2023, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
BASH = shutil.which("bash") or "/bin/bash"  # GitHub's runners run `run:` steps with bash


def _workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def test_triggers_on_rule_template_or_generator_changes() -> None:
    triggers = _workflow()[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {
        "branches": ["main"],
        "paths": ["schedules/**", "templates/**", "vaxical/**"],
    }


def test_least_privilege() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_actions_are_pinned_by_commit() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) == 6
    for action, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), action


def _run_steps() -> list[str]:
    return [step["run"] for step in _workflow()["jobs"]["build"]["steps"] if "run" in step]


def test_run_steps_are_make_targets() -> None:
    phony = re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert phony is not None
    targets = set(phony.group(1).split())
    for command in _run_steps():
        words = command.split()
        assert words[0] == "make"
        assert next(w for w in words[1:] if not w.startswith("-")) in targets


def _run_publish_steps(tmp: Path, site: Path) -> str:
    """The build job's steps after `make test` (which is what is running this), with
    the folders and the published site's URL pointed into ``tmp``."""
    output = tmp / "github_output"
    output.write_text("", encoding="utf-8")
    # The 2023 ledger as the tests freeze it, not schedules/ (which may hold later
    # notices by now: the publisher's).
    variables = (
        f"PUBLISHED_DIR={tmp / 'published'} BUILD_DIR={tmp / 'build'} "
        f"PUBLISHED_URL={site.as_uri()}/ DEFINITIONS={LEDGER_2023}"
    )
    for command in _run_steps():
        if command == "make test":
            continue
        subprocess.run(
            [BASH, "-c", command.replace("make ", f"make {variables} ", 1)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={**os.environ, "GITHUB_OUTPUT": str(output)},
        )
    return output.read_text(encoding="utf-8")


def test_first_publication_then_nothing_to_deploy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    assert _run_publish_steps(tmp_path, site) == "changed=true\n"
    # Publish it; the next run finds nothing changed and skips the deploy.
    shutil.rmtree(site)
    shutil.copytree(tmp_path / "build", site)
    assert _run_publish_steps(tmp_path, site) == "changed=false\n"


def test_a_copy_of_the_build_is_what_is_published(tmp_path: Path) -> None:
    # A site copied from build/ by hand holds vaxical's mark, which is no published file.
    assert main(["build", str(LEDGER_2023), "--out", str(tmp_path / "build")]) == 0
    shutil.copytree(tmp_path / "build", tmp_path / "site")
    assert (tmp_path / "site" / ".vaxical-output").is_file()
    compared = subprocess.run(
        [
            sys.executable,
            "scripts/published.py",
            "compare",
            str(tmp_path / "build"),
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    assert compared.stdout == "changed=false\n"


def _fetch(project: Path, url: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / "scripts" / "published.py"
    return subprocess.run(
        [sys.executable, str(script), "fetch", "--out", "published", "--url", url],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_fetch_that_fails_leaves_the_published_copy(tmp_path: Path) -> None:
    # `make published` offline printed a traceback, after `rm -rf published` had deleted
    # the copy it had. Nothing listens on port 9 here: the connection is refused.
    (tmp_path / "schedules").mkdir()
    shutil.copy(LEDGER_2023, tmp_path / "schedules")
    (tmp_path / "published").mkdir()
    (tmp_path / "published" / "vaccins-covid.json").write_text("kept", encoding="utf-8")
    fetched = _fetch(tmp_path, "http://127.0.0.1:9/")
    assert (fetched.returncode, fetched.stdout) == (1, "")
    assert fetched.stderr.startswith("cannot fetch http://127.0.0.1:9/: ")
    assert fetched.stderr.endswith(
        ". published is unchanged. Fix: check the connection and the address (PUBLISHED_URL, "
        "else the definitions' base_url), then fetch again: `make site` builds on what is "
        "online.\n"
    )
    assert (tmp_path / "published" / "vaccins-covid.json").read_text(encoding="utf-8") == "kept"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["published", "schedules"]
    # A folder with files a fetch does not write is not replaced.
    (tmp_path / "published" / "notes.txt").write_text("mine", encoding="utf-8")
    site = tmp_path / "site"
    assert main(["build", str(LEDGER_2023), "--out", str(site)]) == 0
    refused = _fetch(tmp_path, site.as_uri() + "/")
    assert (refused.returncode, refused.stderr) == (
        2,
        "published holds files that no vaxical site publishes (notes.txt); nothing was "
        "fetched. Fix: give another --out (PUBLISHED_DIR), or move them away.\n",
    )
    assert (tmp_path / "published" / "notes.txt").read_text(encoding="utf-8") == "mine"
    # A wrong address (every file missing there) keeps the copy; a copy of a build made
    # by hand (with vaxical's mark) is replaced.
    (tmp_path / "published" / "notes.txt").unlink()
    shutil.copy(site / ".vaxical-output", tmp_path / "published")
    wrong = _fetch(tmp_path, (tmp_path / "sit").as_uri() + "/")
    assert (wrong.returncode, wrong.stderr.splitlines()[-1]) == (
        1,
        f"nothing is published at {(tmp_path / 'sit').as_uri()}/ (a wrong address?); "
        "published is unchanged. Fix: give the address of the published site (PUBLISHED_URL, "
        "else the definitions' base_url), then fetch again.",
    )
    assert (tmp_path / "published" / "vaccins-covid.json").read_text(encoding="utf-8") == "kept"
    fetched = _fetch(tmp_path, site.as_uri() + "/")
    assert fetched.returncode == 0
    assert sorted(path.name for path in (tmp_path / "published").iterdir()) == sorted(
        path.name for path in site.iterdir() if path.name != ".vaxical-output"
    )
    assert not list(tmp_path.glob(".published*"))  # no staging left
    # An address without its scheme: said, not a traceback.
    schemeless = _fetch(tmp_path, "example.org/site/")
    assert (schemeless.returncode, schemeless.stderr) == (
        1,
        "cannot fetch example.org/site/: unknown url type: 'example.org/site/_headers'. "
        "published is unchanged. Fix: check the connection and the address (PUBLISHED_URL, "
        "else the definitions' base_url), then fetch again: `make site` builds on what is "
        "online.\n",
    )
    # Offline into a folder that does not exist yet: not said to be « unchanged ».
    shutil.rmtree(tmp_path / "published")
    offline = _fetch(tmp_path, "http://127.0.0.1:9/")
    assert offline.returncode == 1
    assert ". published was not created. Fix: " in offline.stderr
    assert not (tmp_path / "published").exists()
    (tmp_path / "published").write_text("a file", encoding="utf-8")
    refused = _fetch(tmp_path, site.as_uri() + "/")
    assert (refused.returncode, refused.stderr) == (
        2,
        "published is a file; nothing was fetched. Fix: give a folder.\n",
    )


def test_rule_change_is_deployed_with_updates_in_place(tmp_path: Path) -> None:
    # The site online was built before the notice of 15 September 2023 was appended.
    shipped = str(LEDGER_2023)
    assert main(["build", shipped, "--as-of", "2023-09-14", "--out", str(tmp_path / "site")]) == 0
    assert _run_publish_steps(tmp_path, tmp_path / "site") == "changed=true\n"
    document = json.loads((tmp_path / "build" / "vaccins-covid.json").read_text(encoding="utf-8"))
    changed = sorted(
        e["uid"] for e in document["events"] if e["last_modified"] == "2023-09-15T00:00:00Z"
    )
    assert changed == [
        "vaccins-covid-confirmation-20230925@vaxical",  # new
        "vaccins-covid-livraison-20230925@vaxical",  # new
        "vaccins-covid-rappel-20230925@vaxical",  # new
        "vaccins-covid-rendez-vous-20230925@vaxical",  # new
        "vaccins-covid-session-20230925@vaxical",  # closed → open: SEQUENCE 1
    ]
    assert document["history"][0]["changes"] == ["La session du 25-26 septembre est ouverte."]


@pytest.mark.parametrize("name", ["published", "site", "changed"])
def test_publish_targets_are_phony(name: str) -> None:
    assert re.search(rf"^\.PHONY:.*\b{name}\b", (ROOT / "Makefile").read_text(), re.MULTILINE)
