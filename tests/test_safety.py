"""The last line of defence: links are http(s), text is what XML 1.0 and iCalendar carry.

The definition loader refuses bad values at input; these tests give the renderers values
that came another way (a previous build's JSON, a definition changed after loading) and
expect a clear refusal naming the field, never the value in the output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from markupsafe import escape

from vaxical.errors import UnsafeValueError
from vaxical.model import Definition, HistoryEntry
from vaxical.render.atom import ATOM, render_atom
from vaxical.render.ics import event_bytes
from vaxical.render.jsondoc import render_json
from vaxical.render.site import calendar_view, render_page
from vaxical.safety import check_text, check_url
from vaxical.schedule.events import Event, build_events
from vaxical.schedule.expand import expand

from .conftest import SEED_DEFINITION, make, vaxical_in

# Every character that XML 1.0 (§2.2) or iCalendar TEXT (RFC 5545 §3.3.11) cannot carry.
FORBIDDEN = [chr(code) for code in range(0x20) if code not in (0x09, 0x0A)] + [
    "\x7f",
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",
    "\ufffe",
    "\uffff",
]
_BAD = st.sampled_from(FORBIDDEN)
_GOOD = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters=FORBIDDEN),
    max_size=30,
)
_QUICK = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def definition() -> Definition:
    return make(
        """
        [[periods]]
        start = 2023-07-24
        every_weeks = 1
        """,
        horizon="2023-08-07",
    )


def _entry(**fields: object) -> HistoryEntry:
    values: dict[str, object] = {
        "key": "update-20230801T000000Z",
        "date": dt.datetime(2023, 8, 1, tzinfo=dt.UTC),
        "title": "Mise à jour du calendrier",
        "summary": "1 changement dans les sessions publiées.",
        "changes": ("La session du 31 juillet – 1er août est fermée.",),
        "url": "https://example.org/feeds/",
    }
    values.update(fields)
    return HistoryEntry(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "does not start with https:// or http://."),
        ("JAVASCRIPT:alert(1)", "does not start with https:// or http://."),
        ("data:text/html,<script>", "holds '<', which a link cannot hold unencoded."),
        ("vbscript:msgbox", "does not start with https:// or http://."),
        ("//example.org/x", "does not start with https:// or http://."),
        ("https://", "has no host."),
        ("https:example.org", "has no host."),
        (" https://example.org/", "holds ' ', which a link cannot hold unencoded."),
        ("https://example.org/\u2028x", "holds '\\u2028', which a link cannot hold unencoded."),
        ('https://example.org/"onclick="x', "holds '\"', which a link cannot hold unencoded."),
        ("https://[::1/", "is not an address (Invalid IPv6 URL)."),
    ],
)
def test_links_that_are_not_http_are_refused(url: str, reason: str) -> None:
    with pytest.raises(UnsafeValueError) as refused:
        check_url(url, "history[0].url")
    assert str(refused.value) == (
        f"history[0].url = {url!r}: {reason} Fix: give an absolute address starting with "
        "https:// or http://."
    )


@pytest.mark.parametrize(
    "url",
    ["https://example.org/", "http://example.org/a?b=c&d=e#f", "https://exemple.fr/actualité"],
)
def test_web_links_pass(url: str) -> None:
    assert check_url(url, "calendar.portal_url") == url


def test_a_character_is_named_by_its_code_point() -> None:
    with pytest.raises(UnsafeValueError) as refused:
        check_text("Panne\ufffe", "history[0].title")
    assert str(refused.value) == (
        "history[0].title = 'Panne\\ufffe': holds the character U+FFFE, which XML 1.0 and "
        "iCalendar cannot carry. Fix: remove the character from the definition (or from the "
        "--previous build's JSON, where the history comes from)."
    )


def test_text_that_is_not_a_string_is_refused() -> None:
    with pytest.raises(UnsafeValueError, match=r"history\[0\]\.title = 5: is not text\."):
        check_text(5, "history[0].title")


@pytest.mark.parametrize(
    ("field", "value", "page", "document"),
    [
        (
            "portal_url",
            "javascript:alert(1)",
            "essai.html: calendar 'essai': calendar.portal_url",
            "calendar.portal_url",
        ),
        (
            "base_url",
            "data:,x/",
            "essai.html: calendar 'essai': feed essai.ics: https link",
            "calendar.url",
        ),
    ],
)
def test_every_renderer_refuses_a_definition_link(
    definition: Definition, field: str, value: str, page: str, document: str
) -> None:
    if field == "portal_url":
        changed = dataclasses.replace(definition, portal_url=value)
    else:
        changed = dataclasses.replace(definition, base_url=value)
    sessions = expand(definition)
    events = build_events(definition, sessions)
    with pytest.raises(UnsafeValueError) as refused:
        calendar_view(changed, sessions, events, ())
    assert refused.value.field == page
    with pytest.raises(UnsafeValueError) as refused:
        render_json(changed, sessions, events, (), {}, ledger=None)
    assert refused.value.field == document
    if field == "base_url":
        with pytest.raises(UnsafeValueError) as refused:
            render_atom(changed, (), page=changed.base_url)
        assert refused.value.field == "calendar.base_url"


def test_a_history_link_from_a_previous_build_is_refused(definition: Definition) -> None:
    entry = _entry(url="javascript:alert(1)")
    sessions = expand(definition)
    events = build_events(definition, sessions)
    with pytest.raises(UnsafeValueError) as atom:
        render_atom(definition, [entry], page=definition.base_url)
    assert atom.value.field == "history[0].url"
    with pytest.raises(UnsafeValueError) as page:
        calendar_view(definition, sessions, events, (entry,))
    assert page.value.field == "essai.html: calendar 'essai': news[0].url"
    with pytest.raises(UnsafeValueError) as document:
        render_json(definition, sessions, events, (entry,), {}, ledger=None)
    assert document.value.field == "history[0].url"


@_QUICK
@given(before=_GOOD, bad=_BAD, after=_GOOD, field=st.sampled_from(["title", "summary"]))
def test_forbidden_characters_never_reach_the_atom_feed_page_or_json(
    definition: Definition, before: str, bad: str, after: str, field: str
) -> None:
    entry = _entry(**{field: before + bad + after})
    sessions = expand(definition)
    events = build_events(definition, sessions)
    with pytest.raises(UnsafeValueError) as atom:
        render_atom(definition, [entry], page=definition.base_url)
    assert atom.value.field == f"history[0].{field}"
    with pytest.raises(UnsafeValueError) as page:
        calendar_view(definition, sessions, events, (entry,))
    assert page.value.field == f"essai.html: calendar 'essai': news[0].{field}"
    with pytest.raises(UnsafeValueError) as document:
        render_json(definition, sessions, events, (entry,), {}, ledger=None)
    assert document.value.field == f"history[0].{field}"


@_QUICK
@given(title=_GOOD)
def test_allowed_text_reaches_every_output_exactly(definition: Definition, title: str) -> None:
    entry = _entry(title=title)
    sessions = expand(definition)
    events = build_events(definition, sessions)
    feed = etree.fromstring(
        render_atom(definition, [entry], page=definition.base_url)
    )  # XML 1.0 parses it
    (element,) = feed.iter(f"{{{ATOM}}}entry")
    assert element.findtext(f"{{{ATOM}}}title") == title
    page = render_page(calendar_view(definition, sessions, events, (entry,)), listed=False)
    assert str(escape(title)) in page
    document = json.loads(render_json(definition, sessions, events, (entry,), {}, ledger=None))
    assert document["history"][0]["title"] == title


@_QUICK
@given(before=_GOOD, bad=_BAD, after=_GOOD, field=st.sampled_from(["summary", "description"]))
def test_forbidden_characters_never_reach_a_feed(
    definition: Definition, before: str, bad: str, after: str, field: str
) -> None:
    event = build_events(definition, expand(definition))[0]

    def with_text(text: str) -> Event:
        if field == "summary":
            return dataclasses.replace(event, summary=text)
        return dataclasses.replace(event, description=text)

    def vevent(one: Event) -> bytes:  # the VEVENT as a feed holds it
        return event_bytes(one, one.modified or definition.revised)

    changed = with_text(before + bad + after)
    with pytest.raises(UnsafeValueError) as refused:
        vevent(changed)
    assert refused.value.field == f"{event.uid}: {field.upper()}"
    allowed = with_text(before + after)
    assert vevent(allowed).startswith(b"BEGIN:VEVENT\r\n")


def test_build_refuses_a_previous_build_with_a_script_link(tmp_path: Path) -> None:
    """End to end: a --previous build whose JSON history carries a javascript: link."""
    (tmp_path / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, tmp_path / "schedules" / SEED_DEFINITION.name)

    assert vaxical_in(tmp_path, "build", "--out", "published").status == 0
    document_path = tmp_path / "published" / "vaccins-covid.json"
    document = json.loads(document_path.read_text(encoding="utf-8"))
    document["history"].insert(
        0,
        {
            "key": "update-20230801T000000Z",
            "date": "2023-08-01T00:00:00Z",
            "title": "Mise à jour",
            "summary": "Voir le lien.",
            "changes": [],
            "url": "javascript:alert(document.cookie)",
        },
    )
    document_path.write_text(json.dumps(document), encoding="utf-8")
    result = vaxical_in(tmp_path, "build", "--previous", "published", "--out", "site")
    assert result.status == 2
    # Refused where it is read (history/published.py checks each field at the edge); the
    # renderers' own guard, tested above, is the last line of defence.
    assert result.stderr.splitlines() == [
        "published/vaccins-covid.json: is not a vaxical build's calendar document: "
        'history[1].url = "javascript:alert(document.cookie)": expected an http(s) address. '
        "Fix: give the <id>.json of a build made by this version of vaxical.",
        "vaxical: 1 problem; nothing was written.",
    ]
    assert not (tmp_path / "site").exists()
