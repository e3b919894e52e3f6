"""The build refuses to publish a feed that breaks a client rule (its own lint)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vaxical.definition import load
from vaxical.errors import FeedError
from vaxical.pipeline import calendar_of, render_all
from vaxical.render import files as render
from vaxical.render import ics
from vaxical.schedule.events import Kind

from .conftest import LEDGER_2023, SEED_DEFINITION


def test_a_broken_header_in_a_sampled_feed_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    original: Callable[..., bytes] = ics.render_feed

    def with_method(definition: Any, feed: Any, *args: Any) -> bytes:
        data = original(definition, feed, *args)
        if feed.suffix == "-livraisons":
            data = data.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:REQUEST\r\n", 1)
        return data

    monkeypatch.setattr(render, "render_feed", with_method)
    with pytest.raises(FeedError, match=r"vaccins-covid-livraisons\.ics:3: rule 12"):
        render_all([load(SEED_DEFINITION)])


def test_a_broken_event_is_caught_once(monkeypatch: pytest.MonkeyPatch) -> None:
    original = ics.serialize_events

    def opaque(definition: Any, events: Any) -> dict[str, bytes]:
        serialized = original(definition, events)
        uid = "vaccins-covid-livraison-20230807@vaxical"
        serialized[uid] = serialized[uid].replace(b"TRANSP:TRANSPARENT", b"TRANSP:OPAQUE")
        return serialized

    monkeypatch.setattr(render, "serialize_events", opaque)
    with pytest.raises(FeedError, match=r"vaccins-covid\.ics:\d+: rule 6"):
        render_all([load(SEED_DEFINITION)])


def test_a_finding_in_the_sample_points_at_the_published_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The build lints a sample of a long feed; a problem found there is reported at its
    line in the whole feed."""
    ledger = load(LEDGER_2023)
    calendar = calendar_of(ledger)
    last = [e for e in calendar.feed_events if e.kind is Kind.DELIVERY][-1]
    sessions = [e for e in calendar.feed_events if e.kind is Kind.SESSION_OPEN]
    assert len(sessions) > 2 * render.SAMPLE_PER_SHAPE  # the feed is sampled
    whole = render_all([ledger])["vaccins-covid.ics"].split(b"\r\n")
    begin = whole.index(b"UID:" + last.uid.encode())
    expected = begin + whole[begin:].index(b"TRANSP:TRANSPARENT") + 1
    original = ics.serialize_events

    def opaque(definition: Any, events: Any) -> dict[str, bytes]:
        serialized = original(definition, events)
        serialized[last.uid] = serialized[last.uid].replace(b"TRANSP:TRANSPARENT", b"TRANSP:OPAQUE")
        return serialized

    monkeypatch.setattr(render, "serialize_events", opaque)
    with pytest.raises(FeedError, match=rf"vaccins-covid\.ics:{expected}: rule 6"):
        render_all([ledger])
