"""The index page in a real browser (Chromium's headless shell as Debian packages it,
driven by Playwright), served by ``vaxical serve``: accessibility measured with axe-core,
phone and desktop widths, no request outside the site, readable without JavaScript,
printable on one A4 page.
Screenshots are saved in test-artifacts/screenshots/.

The module keeps three browser contexts, one tab each: JavaScript on with the reader's
real clock, on with Playwright's fake clock, off. Each test starts its tab afresh (a new
document, screen media, its viewport, its date) rather than opening a context: a new
context and tab cost a renderer process and Playwright's set-up, about 0.4 s each here.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request, Response, ViewportSize

from .conftest import ROOT, SEED_DEFINITION, Lines
from .test_seed import SEED_TABLE

# Chromium's headless shell, as Playwright itself runs headless Chromium (its own builds
# ship the shell for headless runs since 1.49: microsoft/playwright#33566): the same Blink,
# layout and accessibility tree without the full browser around them. Debian packages it
# as chromium-headless-shell; here it took 7.8 s of CPU for this module where the full
# browser in new-headless mode took 12.8 s, the suite's largest single cost.
CHROMIUM = Path("/usr/bin/chromium-headless-shell")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# WCAG 2.1 levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
MAX_PAGE_BYTES = 100_000
# How long `vaxical serve` may take to say it rebuilt (it polls every serve.POLL_SECONDS).
REBUILD_SECONDS = 15


class Site:
    """`vaxical serve` on a project that holds the shipped definition. Its address is read
    when a test first asks for it, so that Chromium starts while the server builds."""

    def __init__(self, server: subprocess.Popen[str], project: Path) -> None:
        assert server.stdout is not None
        self.project = project
        self._lines = Lines(server.stdout)
        self._restoring = False

    @functools.cached_property
    def _address(self) -> str:
        line = self._lines.next_line(time.monotonic() + REBUILD_SECONDS)
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        return found.group(0)

    @property
    def url(self) -> str:
        """The server's address, once it serves the shipped definition's build."""
        if self._restoring:
            self._restoring = False
            assert self.next_line() == "vaxical: rebuilt"
        return self._address

    def restored(self) -> None:
        """The shipped definition was put back: the next test to ask for ``url`` waits for
        the rebuild (none has to when the test that edits it comes last)."""
        self._restoring = True

    def next_line(self) -> str:
        """What the server prints next after its address ("vaxical: rebuilt")."""
        return self._lines.next_line(time.monotonic() + REBUILD_SECONDS)

    def stop(self) -> None:
        self._lines.join(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
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
        site = Site(server, project)
        yield site
        server.terminate()
        server.wait(timeout=10)
        site.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        "the browser tests need Chromium's headless shell (apt-get install chromium-headless-shell)"
    )
    assert AXE.exists(), "the browser tests need axe-core (npm ci)"
    # Imported here, not with the module: every test worker collects every module, and
    # Playwright's import took 0.12 s of CPU in each, where one worker runs these tests.
    from playwright.sync_api import sync_playwright

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


@pytest.fixture(scope="module")
def live(browser: Browser) -> Iterator[Page]:
    """A tab with JavaScript on and the reader's real clock."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def clocked(browser: Browser) -> Iterator[Page]:
    """A tab with JavaScript on and Playwright's fake clock: each test fixes its date
    before it loads a page."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def static(browser: Browser) -> Iterator[Page]:
    """A tab with JavaScript off."""
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


# Playwright's viewport for a context opened without one.
DEFAULT_VIEWPORT: ViewportSize = {"width": 1280, "height": 720}


def _fresh(tab: Page, viewport: ViewportSize = DEFAULT_VIEWPORT) -> Page:
    """``tab`` as a new tab of its context would be: on a new, empty document (nothing of
    the previous test's page is left), with screen media, at ``viewport``."""
    tab.goto("about:blank")
    tab.emulate_media(media="null")
    tab.set_viewport_size(viewport)
    return tab


# Only the violations are collected: axe then skips building a selector and an HTML
# excerpt for each of the hundreds of nodes that pass, most of its time on this page. The
# same rules run on the same nodes; what a violation is does not change.
_AXE_RUN = """tags => axe.run(document, {
  runOnly: {type: 'tag', values: tags},
  resultTypes: ['violations'],
}).then(result => result.violations)"""


def _axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=AXE)
    violations: list[dict[str, Any]] = page.evaluate(_AXE_RUN, AXE_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]}
        for v in violations
    ]


@pytest.mark.parametrize(("width", "name"), [(1280, "desktop"), (390, "phone")])
def test_accessible_at_desktop_and_phone_widths(
    site: Site, clocked: Page, width: int, name: str
) -> None:
    page = _fresh(clocked, {"width": width, "height": 900})
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))  # the "next session" box shows
    page.goto(site.url)
    assert _axe(page) == []
    # Nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def test_no_request_leaves_the_site_and_the_page_is_light(site: Site, live: Page) -> None:
    url = site.url
    page = _fresh(live)
    requests: list[str] = []
    sizes: list[int] = []

    def on_request(request: Request) -> None:
        requests.append(request.url)

    def on_response(response: Response) -> None:
        sizes.append(len(response.body()))

    page.on("request", on_request)
    page.on("response", on_response)
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    finally:  # the tab serves the next tests
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
    assert requests
    assert all(request.startswith(url) for request in requests), requests
    assert sum(sizes) < MAX_PAGE_BYTES


def test_readable_without_javascript(site: Site, static: Page) -> None:
    page = _fresh(static)
    page.goto(site.url)
    # Each row's headings and first two cells as the reader sees them (innerText, which
    # Playwright's inner_text() returns), read in one call rather than 39.
    rows = page.locator("table.schedule tbody tr").evaluate_all(
        """rows => rows.map(row => [
          ...Array.from(row.querySelectorAll("th"), cell => cell.innerText),
          ...Array.from(row.querySelectorAll("td"), cell => cell.innerText).slice(0, 2),
        ])"""
    )
    assert [tuple(row) for row in rows] == SEED_TABLE
    assert sum(1 for _, _, delivery in SEED_TABLE if delivery) == 8
    assert page.locator("table.month").count() == 4  # July to October 2023
    assert page.locator(".tag.open").count() > 0
    assert page.locator("button.copy").count() == 0  # added by the script only
    assert page.locator(".next").is_hidden()
    # The period it covers, prominently, for a reader who opens it years later.
    assert page.locator("header .period").inner_text() == (
        "Calendrier des sessions du lundi 17 juillet 2023 au mardi 10 octobre 2023."
    )


@pytest.mark.parametrize(
    ("today", "title", "text"),
    [
        (
            dt.datetime(2023, 9, 1, 10, 0),
            "Prochaine session de commande",
            "Session 4-5 septembre. Livraison indicative : 14-15 septembre. "
            "Confirmation de commande : mercredi 6 septembre, 18h00.",
        ),
        (
            dt.datetime(2026, 11, 26, 10, 0),
            "Aucune session à venir publiée",
            "La dernière session publiée est celle du 9-10 octobre 2023. Les suivantes "
            "paraîtront ici, et dans votre agenda si vous y êtes abonné, dès qu'un avis les "
            "annoncera.",
        ),
    ],
    ids=["during", "over"],
)
def test_the_page_says_from_the_readers_clock_where_the_calendar_stands(
    site: Site, clocked: Page, today: dt.datetime, title: str, text: str
) -> None:
    page = _fresh(clocked)
    page.clock.set_fixed_time(today)
    page.goto(site.url)
    assert page.locator(".next .next-title").inner_text() == title
    assert page.locator(".next .next-text").inner_text() == text


def test_next_session_is_highlighted_from_the_viewers_clock(site: Site, clocked: Page) -> None:
    page = _fresh(clocked)
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))
    page.goto(site.url)
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


@pytest.mark.parametrize(
    ("zone", "moment", "viewers_day", "expected"),
    [
        # Tuesday 8 August 2023, 14:00 in Paris: the session of 7-8 August is open,
        # though the viewer in Auckland is already on Wednesday 9.
        ("Pacific/Auckland", dt.datetime(2023, 8, 8, 12, 0, tzinfo=dt.UTC), 9, "7-8 août"),
        # Wednesday 9 August, 1:30 in Paris: that session is over, though the viewer in
        # Martinique is still on Tuesday 8, at 19:30.
        ("America/Martinique", dt.datetime(2023, 8, 8, 23, 30, tzinfo=dt.UTC), 8, "21-22 août"),
    ],
    ids=["auckland", "martinique"],
)
def test_the_next_session_is_found_by_the_calendars_date(
    site: Site, browser: Browser, zone: str, moment: dt.datetime, viewers_day: int, expected: str
) -> None:
    context = browser.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto(site.url)
        assert page.evaluate("new Date().getDate()") == viewers_day
        assert page.locator("tr.is-next th").inner_text() == expected
    finally:
        context.close()


@pytest.fixture(scope="module")
def ledger_page() -> str:
    """The 2023 ledger's page: its rules give the portal's hours, 08:00 to 23:00."""
    from vaxical.definition import load
    from vaxical.pipeline import render_all

    from .conftest import LEDGER_2023

    return render_all([load(LEDGER_2023)])["index.html"].decode()


@pytest.mark.parametrize(
    ("moment", "title", "session"),
    [
        # Monday 18 September 2023, 7:30 in Paris: the portal opens at 8:00.
        (dt.datetime(2023, 9, 18, 5, 30, tzinfo=dt.UTC), "Prochaine", "18-19 septembre"),
        # Tuesday 19 September, 22:30 in Paris: open until 23:00.
        (dt.datetime(2023, 9, 19, 20, 30, tzinfo=dt.UTC), "en cours", "18-19 septembre"),
        # Tuesday 19 September, 23:30 in Paris: closed at 23:00, though still its last
        # day (a user's trial found the box naming it until midnight).
        (dt.datetime(2023, 9, 19, 21, 30, tzinfo=dt.UTC), "Prochaine", "25-26 septembre"),
    ],
    ids=["before-it-opens", "under-way", "after-it-closes"],
)
@pytest.mark.parametrize("viewer", ["Europe/Paris", "America/Martinique"])
def test_the_next_session_is_found_by_the_portals_hours(
    ledger_page: str,
    browser: Browser,
    moment: dt.datetime,
    title: str,
    session: str,
    viewer: str,
) -> None:
    # The same instants for a reader in Martinique, whose clock says 17:30 when Paris's
    # portal closes at 23:00 (the page compares instants, not wall clocks).
    context = browser.new_context(timezone_id=viewer)
    try:
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.set_content(ledger_page)
        assert page.locator("tr.is-next th").inner_text() == session
        assert (
            page.locator(".next .next-title").inner_text()
            == {
                "Prochaine": "Prochaine session de commande",
                "en cours": "Session de commande en cours",
            }[title]
        )
    finally:
        context.close()


def test_after_the_last_sessions_closing_the_page_says_none_is_to_come(
    ledger_page: str, clocked: Page
) -> None:
    # Tuesday 10 October 2023, 23:30 in Paris: the last session closed at 23:00 and the
    # box was gone until midnight (a review).
    page = _fresh(clocked)
    page.clock.set_fixed_time(dt.datetime(2023, 10, 10, 21, 30, tzinfo=dt.UTC))
    page.set_content(ledger_page)
    assert page.locator(".next .next-title").inner_text() == "Aucune session à venir publiée"
    assert page.locator("tr.is-next").count() == 0


def test_copy_buttons(site: Site, live: Page) -> None:
    url = site.url
    page = _fresh(live)
    # Granted before the page loads, as a context opened with them would be; taken back
    # after, for the tests that share the tab.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page.goto(url)
        buttons = page.locator("button.copy")
        assert buttons.count() == 6  # one per feed
        buttons.first.click()
        # The preview's own address (the published page carries the calendar's).
        assert page.evaluate("navigator.clipboard.readText()") == f"{url}vaccins-covid.ics"
        assert page.locator(".copied").first.inner_text().strip() == "Adresse copiée."
    finally:
        page.context.clear_permissions()


def test_prints_the_table_on_one_a4_page(site: Site, live: Page) -> None:
    page = _fresh(live)
    page.goto(site.url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert page.locator(".subscribe").is_hidden()
    assert page.locator("table.schedule").is_visible()


# The subscribe block, designed for the common case: a phone 390 px wide and 844 px tall
# (iPhone 12 to 15), and the smallest common desktop screen 1280 px wide, 720 px tall.
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 720}


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return {"top": box["y"], "bottom": box["y"] + box["height"]}


@pytest.mark.parametrize("javascript", [True, False])
def test_subscribe_block_within_the_first_two_screens_of_a_phone(
    site: Site, clocked: Page, static: Page, javascript: bool
) -> None:
    page = _fresh(clocked if javascript else static, PHONE)
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))  # the "next session" box shows
    page.goto(site.url)
    block = _box(page, "section.subscribe")
    assert block["top"] < 2 * PHONE["height"], block
    # Its first choice can be tapped without scrolling past the second screen.
    assert _box(page, ".subscribe .clients a")["bottom"] <= 2 * PHONE["height"]
    assert page.locator(".subscribe h2").inner_text() == "S'abonner"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"phone-390-first-screens-js-{javascript}.png"))


def test_a_subscribe_action_within_the_first_desktop_screen(site: Site, clocked: Page) -> None:
    page = _fresh(clocked, DESKTOP)
    page.clock.set_fixed_time(dt.datetime(2023, 8, 1, 10, 0))
    page.goto(site.url)
    for label in ("iPhone, iPad, Mac", "Android, Google Agenda", "Outlook (ordinateur)"):
        button = _box(page, f".subscribe .clients a:text-is('{label}')")
        assert button["bottom"] <= DESKTOP["height"], (label, button)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "desktop-1280-first-screen.png"))


def _choices(base: str) -> list[list[str]]:
    """The subscribe choices of the main feed, for a site at ``base``."""
    https = f"{base}vaccins-covid.ics"
    webcal = "webcal://" + https.split("://", 1)[1]
    encoded = quote(https, safe="")
    name = "&name=Commande%20des%20vaccins%20Covid-19%20%E2%80%93%20officines"
    return [
        ["iPhone, iPad, Mac", webcal],
        [
            "Android, Google Agenda",
            "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
        ],
        ["Outlook (ordinateur)", webcal],
        ["Outlook.com", f"https://outlook.live.com/calendar/0/addfromweb?url={encoded}{name}"],
        ["Microsoft 365", f"https://outlook.office.com/calendar/0/addfromweb?url={encoded}{name}"],
        ["Thunderbird", webcal],
    ]


def test_subscribe_choices_name_each_client_and_link_the_main_feed(site: Site, live: Page) -> None:
    url, project = site.url, site.project
    # As published: the calendar's own address, in every form.
    published = (project / "build" / "index.html").read_text(encoding="utf-8")
    for label, href in _choices("https://vaxical.github.io/vaxical/"):
        assert f'href="{html.escape(href)}">{label}</a>' in published, label
    # As previewed: the same choices, pointed at this machine, and the page says so.
    page = _fresh(live)
    page.goto(url)
    choices = page.locator(".subscribe .clients a").evaluate_all(
        "links => links.map(a => [a.textContent, a.getAttribute('href')])"
    )
    assert choices == _choices(url)
    assert (
        page.locator("aside.preview-note")
        .inner_text()
        .startswith(
            f"Aperçu local (vaxical serve) : les liens d'abonnement pointent vers cet ordinateur "
            f"({url})"
        )
    )
    # The address is shown whole, not cut by an input's width.
    address = page.locator(".subscribe .address data")
    assert address.inner_text() == f"{url}vaccins-covid.ics"
    assert address.evaluate("e => e.scrollWidth <= e.clientWidth")
    # The partial feeds are one step away, folded.
    others = page.locator(".subscribe details.others")
    assert not others.evaluate("e => e.open")
    assert others.locator(".feed").count() == 5


_DRAW_SVG = """async svg => {
  const size = 410;
  const image = new Image();
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(
    new XMLSerializer().serializeToString(svg));
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, size, size);
  context.drawImage(image, 0, 0, size, size);
  const rgba = context.getImageData(0, 0, size, size).data;
  const gray = new Uint8Array(size * size);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[4 * i];
  // One base64 string: an array of 168,100 numbers crosses Playwright's bridge one
  // serialised value at a time, seconds for each code.
  let binary = "";
  for (let i = 0; i < gray.length; i += 8192) {
    binary += String.fromCharCode(...gray.subarray(i, i + 8192));
  }
  return btoa(binary);
}"""


def test_qr_codes_as_chromium_draws_them_read_back_as_the_subscribe_page(
    site: Site, live: Page
) -> None:
    import zxingcpp

    page = _fresh(live)
    page.goto(site.url)
    codes = page.locator("svg.qr-code")
    assert codes.count() == 2  # beside the address, and on the printed page
    for index in range(codes.count()):
        gray = base64.b64decode(codes.nth(index).evaluate(_DRAW_SVG), validate=True)
        image = memoryview(gray).cast("B", (410, 410))
        assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [
            "https://vaxical.github.io/vaxical/vaccins-covid.html#vaccins-covid-abonnement"
        ]
    page.emulate_media(media="print")
    assert page.locator(".print-subscribe svg.qr-code").is_visible()


def test_accessible_with_every_fold_open_on_a_phone(site: Site, live: Page) -> None:
    page = _fresh(live, PHONE)
    page.goto(site.url)
    page.locator("details").evaluate_all("folds => folds.forEach(d => { d.open = true; })")
    assert _axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_serve_gives_the_data_files_their_types(site: Site) -> None:
    url = site.url
    with urllib.request.urlopen(url + "vaccins-covid.csv") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8; header=present"
        assert response.read().startswith(b"premier_jour,dernier_jour,etat,")
    with urllib.request.urlopen(url + "calendars.json") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"


# The last test to use the server: nothing waits for the rebuild back to the shipped
# definition unless a later test asks for the server's address (Site.url).
def test_serve_gives_calendar_types_and_rebuilds(site: Site) -> None:
    url, project = site.url, site.project
    with urllib.request.urlopen(url + "vaccins-covid.ics") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    with urllib.request.urlopen(url + "vaccins-covid.atom") as response:  # noqa: S310
        assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    definition = project / "schedules" / SEED_DEFINITION.name
    original = definition.read_text(encoding="utf-8")
    _saved(definition, original.replace("horizon = 2023-10-10", "horizon = 2023-10-17"))
    try:
        # The server says when it has rebuilt (after putting the new build in place).
        assert site.next_line() == "vaxical: rebuilt", "the edit was not rebuilt"
        with urllib.request.urlopen(url) as response:  # noqa: S310
            assert "16-17 octobre" in response.read().decode()
    finally:
        _saved(definition, original)
        site.restored()


def _saved(path: Path, text: str) -> None:
    """``text`` saved as an editor saves, in one step: the server's watcher, polling,
    once read the file between its truncation and its writing, and failed that rebuild."""
    aside = path.with_name(path.name + ".saving")
    aside.write_text(text, encoding="utf-8")
    aside.replace(path)


@pytest.fixture(scope="module")
def two_calendars() -> dict[str, str]:
    """The seed and a ledger whose portal closed until further notice, built together."""
    from vaxical.definition import load, loads
    from vaxical.pipeline import render_all

    from .ledger_text import SUSPEND, ledger_text

    closed = loads(ledger_text(SUSPEND), "essai.toml")
    files = render_all([load(SEED_DEFINITION), closed])
    return {name: data.decode() for name, data in files.items() if name.endswith(".html")}


def test_a_closed_portal_says_so_with_and_without_javascript(
    two_calendars: dict[str, str], static: Page, clocked: Page
) -> None:
    page = _fresh(static)
    page.set_content(two_calendars["essai.html"])
    assert page.locator("header .suspended").inner_text() == (
        "Portail de commande fermé jusqu'à nouvel ordre depuis la session du lundi 12 février 2024."
    )
    page = _fresh(clocked)
    page.clock.set_fixed_time(dt.datetime(2024, 3, 1, 10, 0))
    page.set_content(two_calendars["essai.html"])
    assert page.locator(".next .next-title").inner_text() == "Portail de commande fermé"
    assert page.locator(".next .next-text").inner_text() == (
        "Le portail de commande est fermé jusqu'à nouvel ordre depuis la session du "
        "lundi 12 février 2024."
    )
    # Said once: the header's line, for readers without JavaScript, gives way to the box.
    assert not page.locator("header .suspended").is_visible()


@pytest.mark.parametrize(
    ("today", "essai", "seed"),
    [
        (
            dt.datetime(2023, 9, 1, 10, 0),
            "Prochaine session : 8-9 janvier 2024.",
            "Prochaine session : 4-5 septembre 2023.",
        ),
        # The closed portal's own line says so: no next session is made up for it.
        (dt.datetime(2026, 11, 26, 10, 0), None, "Aucune session à venir publiée."),
    ],
    ids=["during", "over"],
)
def test_the_list_of_calendars_names_each_next_session(
    two_calendars: dict[str, str],
    clocked: Page,
    today: dt.datetime,
    essai: str | None,
    seed: str,
) -> None:
    page = _fresh(clocked)
    page.clock.set_fixed_time(today)
    page.set_content(two_calendars["index.html"])
    items = page.locator("ul.calendars li")
    assert items.count() == 2  # sorted by id: essai, then vaccins-covid
    if essai is None:
        assert items.nth(0).locator(".next").is_hidden()
        assert items.nth(0).locator(".suspended").is_visible()
    else:
        assert items.nth(0).locator(".next").inner_text() == essai
    assert items.nth(1).locator(".next").inner_text() == seed
    assert _axe(page) == []


def test_the_list_of_calendars_finds_each_next_session_by_its_date(
    two_calendars: dict[str, str], browser: Browser
) -> None:
    # Wednesday 6 September 2023, 1:30 in Paris: the session of 4-5 September is over,
    # though the viewer in Martinique is still on Tuesday 5, at 19:30.
    context = browser.new_context(timezone_id="America/Martinique")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(dt.datetime(2023, 9, 5, 23, 30, tzinfo=dt.UTC))
        page.set_content(two_calendars["index.html"])
        assert page.evaluate("new Date().getDate()") == 5
        assert page.locator("ul.calendars li").nth(1).locator(".next").inner_text() == (
            "Prochaine session : 18-19 septembre 2023."
        )
    finally:
        context.close()
