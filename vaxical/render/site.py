"""The static HTML index, rendered with Jinja2. Pure: definitions in, text out.

Templates receive plain values (strings, booleans, lists, dicts of those), never
library objects; ``StrictUndefined`` makes a typo in a template fail the build, and
autoescaping keeps any text from a definition inert.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import Environment, FileSystemLoader, ModuleLoader, StrictUndefined
from markupsafe import Markup, escape

from vaxical.model import Definition, HistoryEntry
from vaxical.render.months import confirmation_clocks, legend, month_view
from vaxical.render.qr import qr_svg
from vaxical.render.table import HEADERS, TITLE, Row, by_year, rows, rules_in_words
from vaxical.safety import check_texts, check_url
from vaxical.schedule import french
from vaxical.schedule.events import Event
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import (
    CATALOG,
    feed_name,
    feed_purpose,
    feeds_of,
    files_of,
    subscribe_links,
    subscribe_page,
)
from vaxical.schedule.zones import local_day

# The templates, compiled to Python by Jinja2 ahead of time (`make templates`): compiling
# index.html took a shipped build 33 ms of its 300; loading the compiled module, 0.4 ms.
# They are used only when made by this Jinja2 from these very sources (the manifest says
# which); otherwise, as while a template is being edited, the sources are compiled.
COMPILED = Path(__file__).resolve().parent / "compiled"
MANIFEST = "manifest.json"


def _templates() -> Path:
    return Path(str(resources.files("vaxical.templates")))


def _fingerprints(folder: Path) -> dict[str, str]:
    """Each template's length and CRC-32: enough to tell an edited template (this is a
    staleness check of our own files, not a defence against tampering)."""
    return {
        path.name: f"{len(data)}:{zlib.crc32(data):08x}"
        for path in sorted(folder.glob("*.html"))
        for data in [path.read_bytes()]
    }


def manifest() -> dict[str, Any]:
    """What the compiled templates must have been made from."""
    return {"jinja2": jinja2.__version__, "templates": _fingerprints(_templates())}


def _compiled_fresh() -> bool:
    try:
        made = json.loads((COMPILED / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    return bool(made == manifest())


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja2's environment, with ``value.key`` on the views' dicts read as an item at
    once: Jinja2 tries the attribute first and catches the AttributeError, which cost a
    page of five years a third of its time. A name that is an attribute of every dict
    (``items``, ``get``…) still goes the usual way, so every template means the same."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@functools.cache
def _environment(compiled: bool) -> Environment:
    loader = ModuleLoader(str(COMPILED)) if compiled else FileSystemLoader(str(_templates()))
    # The compiled code depends on these options too: both loaders share them.
    return _Environment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def environment() -> Environment:
    return _environment(_compiled_fresh())


def compile_templates(target: Path) -> None:
    """Write the templates compiled by Jinja2 into ``target``, with their manifest."""
    source = _environment(False)
    source.compile_templates(str(target), zip=None, filter_func=lambda name: name.endswith(".html"))
    text = json.dumps(manifest(), indent=2, sort_keys=True) + "\n"
    (target / MANIFEST).write_text(text, encoding="utf-8")


def calendar_view(
    definition: Definition,
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    history: tuple[HistoryEntry, ...],
    printed: Mapping[str, tuple[Session, ...]] | None = None,
) -> dict[str, Any]:
    """Everything the index shows of one calendar, as plain values. ``printed``: for the
    latest revisions, the sessions each made what they were (shown with its news)."""
    feeds = []
    published = feeds_of(definition)
    by_kind = Counter(event.kind for event in events)  # one pass, not one per feed
    for feed in published:
        links = subscribe_links(definition, feed)
        feeds.append(
            {
                "title": feed.title,
                "name": feed_name(definition, feed),
                "purpose": feed_purpose(definition, feed),
                "file": feed.filename(definition.id),
                "events": french.number(sum(by_kind[kind] for kind in feed.kinds)),
                "https": links.https,
                "webcal": links.webcal,
                "google": links.google,
                "outlook_com": links.outlook_com,
                "microsoft_365": links.microsoft_365,
                "alarms": feed.optional,
            }
        )
    # The first feed (everything but reminders) is the one most pharmacists want: the
    # page offers it first; the partial feeds are one step away.
    main_feed, other_feeds = feeds[0], feeds[1:]
    table = rows(sessions, definition.timezone)
    names = files_of(definition)
    news = [
        _news(
            entry, local_day(entry.date, definition.timezone), printed, index, definition.timezone
        )
        for index, entry in enumerate(history)
    ]
    first, last = (sessions[0].days.first, sessions[-1].days.last) if sessions else (None, None)
    suspended = definition.suspended_from
    clocks = confirmation_clocks(sessions)
    view = {
        # What the page covers, said without JavaScript: a calendar that ended, or a
        # portal closed until further notice, must not look current (issue 13).
        "period": (
            f"du {french.long_date(first)} au {french.long_date(last)}" if first and last else ""
        ),
        "first_day": first.isoformat() if first else "",
        "last_day": last.isoformat() if last else "",
        "last_session": french.short_range(sessions[-1].days, year=True) if sessions else "",
        "suspended": french.long_date(suspended) if suspended else "",
        "suspended_iso": suspended.isoformat() if suspended else "",
        "open_days": _open_days(sessions),
        "page": names.page,
        "id": definition.id,
        "name": definition.name,
        "product": definition.product,
        "description": definition.description,
        "timezone": definition.timezone,
        "portal_url": definition.portal_url,
        "revised": french.day_month(local_day(definition.revised, definition.timezone), year=True),
        "rules": list(rules_in_words(definition)),
        "news": news[:NEWS_SHOWN],
        "older_news": news[NEWS_SHOWN:],
        "atom": names.atom,
        "table_title": TITLE,
        "headers": list(HEADERS),
        "years": [
            {
                "year": year,
                "rows": [_row(row) for row in year_rows],
            }
            for year, year_rows in by_year(table)
        ],
        "months": month_view(sessions, clocks),
        "weekdays": list(french.WEEKDAYS),
        "marks": legend(sessions, clocks),
        "open_sessions": french.number(sum(1 for row in table if row.is_open)),
        "closed_sessions": french.number(sum(1 for row in table if not row.is_open)),
        "main_feed": main_feed,
        # This page's subscribe block, not the feed: a phone's camera opens an https
        # address in the browser, which downloads the feed, and an iPhone imports it
        # once instead of subscribing (a user's trial); on the page, the buttons
        # subscribe. Markup segno wrote from our own address: path data only, no text
        # to escape.
        "qr": Markup(qr_svg(subscribe_page(definition))),  # noqa: S704
        "other_feeds": other_feeds,
        "reminders_offered": any(feed["alarms"] for feed in other_feeds),
        "refresh": french.every_hours(definition.refresh_hours),
        "json": names.json,
        "csv": names.csv,
        "spreadsheet": names.spreadsheet,
        "catalog": CATALOG,
    }
    _check(view)
    return view


# The links of the page, by the view's keys; a webcal:// link is the https one's twin.
_FEED_LINKS = (
    ("https", ("https", "http")),
    ("webcal", ("webcal",)),
    ("google", ("https",)),
    ("outlook_com", ("https",)),
    ("microsoft_365", ("https",)),
)


def _check(view: dict[str, Any]) -> None:
    """Refuse a page whose links are not http(s) or whose text HTML cannot carry
    (vaxical.safety): news may come from a previous build's JSON, not only the definition.
    The month view and the markup of the QR code are left out: dates, fixed labels and
    path data drawn from our own address."""
    where = f"{view['page']}: calendar {view['id']!r}"
    check_url(view["portal_url"], f"{where}: calendar.portal_url")
    for index, entry in enumerate([*view["news"], *view["older_news"]]):
        check_url(entry["url"], f"{where}: news[{index}].url")
    for feed in [view["main_feed"], *view["other_feeds"]]:
        for key, schemes in _FEED_LINKS:
            check_url(feed[key], f"{where}: feed {feed['file']}: {key} link", schemes)
    for key, value in view.items():
        if key not in ("months", "qr"):
            check_texts(value, f"{where}: {key}")


def _open_days(sessions: tuple[Session, ...]) -> str:
    """The open sessions, compact, for the list page's script to find the next one from
    the reader's date: the first one's day, then each as base-36 days from it and
    base-36 length in days ("2023-07-17 0.1 7.1 …"). A few bytes a session, so that a
    list of 39 five-year calendars stays small."""
    opened = [session.days for session in sessions if session.is_open]
    if not opened:
        return ""
    origin = opened[0].first
    parts = [origin.isoformat()]
    for span in opened:
        offset = (span.first - origin).days
        parts.append(f"{_base36(offset)}.{_base36((span.last - span.first).days)}")
    return " ".join(parts)


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


# The news of the latest revisions show their own tables; older ones are in the JSON.
MAX_PRINTED = 6
# On a phone the news came before the table, and grew with every notice (a publisher's
# trial: the table 6.5 screens down after six notices): the latest entries are shown,
# the others folded; a long list of changes shows its first lines, the rest folded.
NEWS_SHOWN = 3
CHANGES_SHOWN = 3
CHANGES_FOLDED_FROM = 6


def _news(
    entry: HistoryEntry,
    day: dt.date,
    printed: Mapping[str, tuple[Session, ...]] | None,
    index: int,
    tzid: str,
) -> dict[str, Any]:
    """One entry of the news: its day (in the calendar's zone), and the table of the
    sessions it published for the latest :data:`MAX_PRINTED` entries."""
    folded = len(entry.changes) >= CHANGES_FOLDED_FROM
    shown = CHANGES_SHOWN if folded else len(entry.changes)
    return {
        "date": french.day_month(day, year=True),
        "iso_date": day.isoformat(),
        "title": entry.title,
        "url": entry.url,
        "summary": _summary(entry),
        "changes": list(entry.changes[:shown]),
        "more_changes": list(entry.changes[shown:]),
        "rows": [_row(row) for row in rows((printed or {}).get(entry.key, ()), tzid)]
        if index < MAX_PRINTED
        else [],
    }


def _summary(entry: HistoryEntry) -> str:
    """What the news says under an entry's title: its summary, less a correction's first
    line (its title is that line: definition/notice.py)."""
    if not entry.correction:
        return entry.summary
    return entry.summary.partition("\n")[2].strip()


# Remembered, and escaped here: the page's table and its news show the same sessions'
# rows (the very Row objects, table._row), which the template writes as they are. In
# the template, escaping each of a row's texts took a third of a page's rendering (ten
# markupsafe calls a row, 522 rows in a page of five years). The dict is shared: no
# one changes it.
@functools.lru_cache(maxsize=8192)
def _row(row: Row) -> dict[str, Any]:
    """A row's texts, HTML-escaped (a session's note is a definition's text)."""
    return {
        "first_day": _escaped(row.first_day),
        "last_day": _escaped(row.last_day),
        "dates": _escaped(row.dates),
        "dated": _escaped(row.dated),
        "is_open": row.is_open,
        "state": _escaped(row.state),
        "delivery": _escaped(row.delivery),
        "confirmation": _escaped(row.confirmation),
        "appointments": _escaped(row.appointments),
        "note": _escaped(row.note),
        "opens": _escaped(row.opens),
        "closes": _escaped(row.closes),
    }


def _escaped(text: str) -> str:
    """``text`` as HTML writes it, a plain str: the template writes it as it is."""
    return str(escape(text))


def render_page(calendar: dict[str, Any], *, listed: bool) -> str:
    """One calendar's page (``<id>.html``, and ``index.html`` when it is alone).
    ``listed``: the build has several calendars, whose list is ``index.html``; the page
    links back to it."""
    return environment().get_template("index.html").render(calendar=calendar, listed=listed)


def render_list(calendars: Sequence[dict[str, Any]]) -> str:
    """``index.html`` of a build of several calendars: a short list (name, period, next
    session, link to each calendar's page). A build of one has its page as index."""
    return environment().get_template("list.html").render(calendars=list(calendars))


def render_retired_page(calendar: Mapping[str, str]) -> str:
    """``<id>.html`` of a retired calendar: it is no longer published, what subscribers'
    calendars do about it, and the list of those that are (``list``)."""
    return environment().get_template("retired.html").render(calendar=dict(calendar))
