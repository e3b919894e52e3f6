"""The change log as an Atom 1.0 feed (RFC 4287), for feed readers. Pure: bytes out.

Built with the standard library's ElementTree: no extra dependency, and a deterministic
serialization (attributes in insertion order, no clock).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

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


def _check(definition: Definition, history: Sequence[HistoryEntry]) -> None:
    """Every link http(s), every text one XML 1.0 can carry (vaxical.safety): history
    entries may come from a previous build's JSON, not only from the definition."""
    check_url(definition.base_url, "calendar.base_url")
    check_text(definition.name, "calendar.name")
    check_text(definition.description, "calendar.description")
    for index, entry in enumerate(history):
        where = f"history[{index}]"
        check_text(entry.key, f"{where}.key")
        check_url(f"{feed_url(definition)}#{entry.key}", f"{where}.key (the Atom entry id)")
        check_url(entry.url, f"{where}.url")
        check_text(entry.title, f"{where}.title")
        check_text(entry.summary, f"{where}.summary")
        for number, change in enumerate(entry.changes):
            check_text(change, f"{where}.changes[{number}]")


def render_atom(definition: Definition, history: Sequence[HistoryEntry], *, page: str) -> bytes:
    """The change log of one calendar. ``page``: the address of the calendar's page, the
    feed's alternate (HTML) version."""
    _check(definition, history)
    ET.register_namespace("", ATOM)
    url = feed_url(definition)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    # The feed URL never changes (docs/calendar-clients.md rule 20): a stable Atom id.
    _add(feed, "id", url)
    _add(feed, "title", f"{definition.name} – Actualités")
    _add(feed, "subtitle", definition.description)
    # The newest entry: the file changes only when its content does.
    updated = max((entry.date for entry in history), default=definition.revised)
    _add(feed, "updated", utc_text(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=url)
    _add(feed, "link", rel="alternate", type="text/html", href=page)
    author = _add(feed, "author")
    _add(author, "name", definition.name)
    _add(author, "uri", definition.base_url)
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
