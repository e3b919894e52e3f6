"""The index page in a real browser (Debian's Chromium, driven by Playwright), served by
``vaxical serve``: accessibility measured with axe-core, phone and desktop widths, no
request outside the site, readable without JavaScript, printable on one A4 page.
Screenshots are saved in test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .conftest import ROOT, SEED_DEFINITION
from .test_seed import SEED_TABLE

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# WCAG 2.1 levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
MAX_PAGE_BYTES = 100_000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`vaxical serve` on a project holding the shipped definition: (URL, project)."""
    project = tmp_path_factory.mktemp("project")
    (project / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, project / "schedules" / SEED_DEFINITION.name)
    with subprocess.Popen(
        [sys.executable, "-m", "vaxical", "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as server:
        assert server.stdout is not None
        line = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        yield found.group(0), project
        server.terminate()
        server.communicate(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "the browser tests need Debian's chromium (apt-get install chromium)"
    assert AXE.exists(), "the browser tests need axe-core (npm ci)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def _axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_accessible_at_desktop_and_phone_widths(
    site: tuple[str, Path], browser: Browser, width: int, name: str
) -> None:
    url, _ = site
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))  # the "next session" box shows
    page.goto(url)
    assert _axe(page) == []
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    context.close()


def test_no_request_leaves_the_site_and_the_page_is_light(
    site: tuple[str, Path], browser: Browser
) -> None:
    url, _ = site
    page = browser.new_page()
    requests: list[str] = []
    sizes: list[int] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert requests
    assert all(request.startswith(url) for request in requests), requests
    assert sum(sizes) < MAX_PAGE_BYTES
    page.close()


def test_readable_without_javascript(site: tuple[str, Path], browser: Browser) -> None:
    url, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url)
    rows = page.locator("table.schedule tbody tr").all()
    assert [
        (
            row.locator("th").inner_text(),
            row.locator("td").nth(0).inner_text(),
            row.locator("td").nth(1).inner_text(),
        )
        for row in rows
    ] == SEED_TABLE
    assert sum(1 for _, _, delivery in SEED_TABLE if delivery) == 8
    assert page.locator("table.month").count() == 4  # July to October 2023
    assert page.locator(".tag.open").count() > 0
    assert page.locator("button.copy").count() == 0  # added by the script only
    assert page.locator(".next").is_hidden()
    context.close()


def test_next_session_is_highlighted_from_the_viewers_date(
    site: tuple[str, Path], browser: Browser
) -> None:
    url, _ = site
    page = browser.new_page()
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))
    page.goto(url)
    assert page.locator(".next .next-text").inner_text() == (
        "Session 7-8 août. Livraison indicative : 17-18 août. "
        "Confirmation de commande : mercredi 9 août, 18h00."
    )
    assert page.locator("tr.is-next th").inner_text() == "7-8 août"
    assert page.locator("td.next-day").evaluate_all("cells => cells.map(c => c.dataset.day)") == [
        "2023-08-07",
        "2023-08-08",
    ]
    # During a session, that session is the next one.
    page.clock.set_fixed_time(dt.datetime(2023, 8, 8, 15, 0))
    page.reload()
    assert page.locator("tr.is-next th").inner_text() == "7-8 août"
    page.close()


def test_copy_buttons(site: tuple[str, Path], browser: Browser) -> None:
    url, _ = site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    buttons = page.locator("button.copy")
    assert buttons.count() == 6  # one per feed
    buttons.first.click()
    assert page.evaluate("navigator.clipboard.readText()") == (
        "https://vaxical.github.io/vaxical/vaccins-covid.ics"
    )
    assert page.locator(".copied").first.inner_text().strip() == "Adresse copiée."
    context.close()


def test_prints_the_table_on_one_a4_page(site: tuple[str, Path], browser: Browser) -> None:
    url, _ = site
    page = browser.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert page.locator(".subscribe").is_hidden()
    assert page.locator("table.schedule").is_visible()
    page.close()


def test_serve_gives_calendar_types_and_rebuilds(site: tuple[str, Path]) -> None:
    url, project = site
    with urllib.request.urlopen(url + "vaccins-covid.ics") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    with urllib.request.urlopen(url + "vaccins-covid.atom") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    definition = project / "schedules" / SEED_DEFINITION.name
    original = definition.read_text(encoding="utf-8")
    definition.write_text(
        original.replace("horizon = 2023-10-10", "horizon = 2023-10-17"), encoding="utf-8"
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            with urllib.request.urlopen(url) as response:  # noqa: S310
                if "16-17 octobre" in response.read().decode():
                    break
            assert time.monotonic() < deadline, "the edit was not rebuilt"
            time.sleep(0.2)
    finally:
        definition.write_text(original, encoding="utf-8")
