"""Text from a definition stays text: in HTML, in iCalendar, in JSON."""

from __future__ import annotations

import json

from icalendar import Calendar

from vaxical.pipeline import render_all

from .conftest import make

INJECTION = (
    "Panne\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil@example.org\\nSUMMARY:<script>alert(1)</script>"
)
EXPECTED_REASON = (
    "Panne\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@example.org\nSUMMARY:<script>alert(1)</script>"
)


def _files() -> dict[str, bytes]:
    definition = make(
        """
        [[periods]]
        start = 2023-07-24
        every_weeks = 1
        """,
        f"""
        [[exceptions]]
        session = 2023-07-31
        close = true
        reason = "{INJECTION}"
        """,
        horizon="2023-08-07",
    )
    return render_all([definition])


def test_newlines_in_a_reason_cannot_start_an_event() -> None:
    files = _files()
    feed = files["essai-sessions.ics"]
    lines = feed.replace(b"\r\n ", b"").split(b"\r\n")  # unfolded content lines
    assert lines.count(b"BEGIN:VEVENT") == 3
    assert not [line for line in lines if line.startswith(b"UID:evil")]
    # The text is there, escaped inside one DESCRIPTION line.
    assert any(b"\\nBEGIN:VEVENT\\nUID:evil@example.org" in line for line in lines)
    events = Calendar.from_ical(feed).events
    assert [event.uid for event in events] == [
        "essai-session-20230724@vaxical",
        "essai-session-20230731@vaxical",
        "essai-session-20230807@vaxical",
    ]
    assert f"Motif : {EXPECTED_REASON}" in str(events[1].description)


def test_markup_in_a_reason_is_shown_not_run() -> None:
    page = _files()["index.html"].decode()
    assert "<script>alert(1)" not in page
    assert "SUMMARY:&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_json_keeps_the_text_exactly() -> None:
    document = json.loads(_files()["essai.json"])
    (closed,) = [s for s in document["sessions"] if s["session"] == "2023-07-31"]
    assert closed["exception"] == EXPECTED_REASON
