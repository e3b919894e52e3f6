"""The build refuses to publish a feed that breaks a client rule (its own lint)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from vaxical.definition import load
from vaxical.errors import FeedError
from vaxical.pipeline import render_all
from vaxical.render import files as render
from vaxical.render import ics

from .conftest import SEED_DEFINITION


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
