"""The change log as an Atom 1.0 feed (RFC 4287), for feed readers. Pure: bytes out.

Built with the standard library's ElementTree: no extra dependency, and a deterministic
serialization (attributes in insertion order, no clock).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from vaxical.model import Definition, HistoryEntry
from vaxical.safety import check_text, check_url
from vaxical.schedule.feeds import files_of
from vaxical.schedule.zones import utc_text

ATOM = "http://www.w3.org/2005/Atom"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed_url(definition: Definition) -> str:
    return definition.base_url + files_of(definition).atom


@dataclass(frozen=True, slots=True)
class Source:
    """What the change log says of its calendar."""

    name: str
    description: str
    base_url: str
    url: str
    """The Atom feed's own address: its id, and each entry's id with the entry's key."""
    page: str
    """The calendar's page, the feed's alternate (HTML) version."""


def _check(source: Source, history: Sequence[HistoryEntry]) -> None:
    """Every link http(s), every text one XML 1.0 can carry (vaxical.safety): history
    entries may come from a previous build's JSON, not only from the definition."""
    check_url(source.base_url, "calendar.base_url")
    check_text(source.name, "calendar.name")
    check_text(source.description, "calendar.description")
    for index, entry in enumerate(history):
        where = f"history[{index}]"
        check_text(entry.key, f"{where}.key")
        check_url(f"{source.url}#{entry.key}", f"{where}.key (the Atom entry id)")
        check_url(entry.url, f"{where}.url")
        check_text(entry.title, f"{where}.title")
        check_text(entry.summary, f"{where}.summary")
        for number, change in enumerate(entry.changes):
            check_text(change, f"{where}.changes[{number}]")


def render_atom(definition: Definition, history: Sequence[HistoryEntry], *, page: str) -> bytes:
    """The change log of one calendar. ``page``: the address of the calendar's page, the
    feed's alternate (HTML) version."""
    d = definition
    source = Source(d.name, d.description, d.base_url, feed_url(d), page)
    return render_log(source, history, updated=d.revised)


def render_log(source: Source, history: Sequence[HistoryEntry], *, updated: dt.datetime) -> bytes:
    """The change log of ``history`` (newest first); ``updated``: the feed's date when
    it has no entry."""
    _check(source, history)
    ET.register_namespace("", ATOM)
    url = source.url
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    # The feed URL never changes (docs/calendar-clients.md rule 20): a stable Atom id.
    _add(feed, "id", url)
    _add(feed, "title", f"{source.name} – Actualités")
    _add(feed, "subtitle", source.description)
    # The newest entry: the file changes only when its content does.
    updated = max((entry.date for entry in history), default=updated)
    _add(feed, "updated", utc_text(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=url)
    _add(feed, "link", rel="alternate", type="text/html", href=source.page)
    author = _add(feed, "author")
    _add(author, "name", source.name)
    _add(author, "uri", source.base_url)
    _add(feed, "generator", "vaxical")
    for entry in history:
        element = _add(feed, "entry")
        _add(element, "id", f"{url}#{entry.key}")
        _add(element, "title", entry.title)
        _add(element, "updated", utc_text(entry.date))
        _add(element, "link", rel="alternate", type="text/html", href=entry.url)
        lines = [entry.summary, *(f"– {change}" for change in entry.changes)]
        _add(element, "content", "\n".join(lines), type="text")
    ET.indent(feed, space="  ")
    body = ET.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()
