"""The build refuses to publish a feed that breaks a client rule (its own lint)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from vaxical.definition import load
from vaxical.errors import FeedError
from vaxical.lint import lint
from vaxical.pipeline import calendar_of, render_all
from vaxical.render import files as render
from vaxical.render import ics
from vaxical.schedule.events import Kind

from .conftest import LEDGER_2023, SEED_DEFINITION, vaxical_in


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


def test_a_broken_feed_is_said_as_a_bug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """In the words cli.py gives every bug (it had its own)."""
    original: Callable[..., bytes] = ics.render_feed

    def with_method(definition: Any, feed: Any, *args: Any) -> bytes:
        data = original(definition, feed, *args)
        return data.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:REQUEST\r\n", 1)

    monkeypatch.setattr(render, "render_feed", with_method)
    (tmp_path / "schedules").mkdir()
    shutil.copy(SEED_DEFINITION, tmp_path / "schedules")
    result = vaxical_in(tmp_path, "build", "--out", "site")
    assert (result.status, result.stdout) == (1, "")
    assert result.stderr == (
        "vaxical: vaxical produced a feed that breaks client rules:\n"
        "vaccins-covid.ics:3: rule 12 (METHOD): METHOD:REQUEST in a published feed. Fix: "
        "omit METHOD or use METHOD:PUBLISH.\n"
        "This is a bug in vaxical, not in your definition; report this message. Nothing was "
        "written.\n"
    )
    assert not (tmp_path / "site").exists()
    # check writes nothing ever: it has nothing to say about it.
    check = vaxical_in(tmp_path, "check")
    assert (check.status, check.stdout) == (1, "")
    assert check.stderr.splitlines()[-1] == (
        "This is a bug in vaxical, not in your definition; report this message."
    )


def test_a_broken_event_is_caught_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The delivery of 17-18 August is in two feeds, vaccins-covid.ics and
    vaccins-covid-livraisons.ics, its bytes serialized once and spliced into both: the
    build lints them once, in the first feed that has them, and a break there is reported
    once, at its line in that feed (SAMPLE_PER_SHAPE: "An event already linted in an
    earlier feed ... is not linted again")."""
    uid = "vaccins-covid-livraison-20230807@vaxical"
    uid_line = f"\r\nUID:{uid}\r\n".encode()
    serializations = 0
    linted: list[bytes] = []
    original_serialize = ics.serialize_events

    def counted(definition: Any, events: Any) -> dict[str, bytes]:
        nonlocal serializations
        serializations += 1
        return original_serialize(definition, events)

    def recording(data: bytes, **options: Any) -> Any:
        linted.append(data)
        return lint(data, **options)

    monkeypatch.setattr(render, "serialize_events", counted)
    monkeypatch.setattr(render, "lint", recording)
    files = render_all([load(SEED_DEFINITION)])
    assert serializations == 1  # for the six feeds
    feeds = ["vaccins-covid.ics", "vaccins-covid-sessions.ics", "vaccins-covid-livraisons.ics"]
    feeds += ["vaccins-covid-confirmations.ics", "vaccins-covid-rendez-vous.ics"]
    feeds += ["vaccins-covid-rappels.ics"]
    assert [uid_line in files[name] for name in feeds] == [True, False, True, False, False, False]
    # One text linted a feed, in that order: the event is in the first one's only.
    assert [uid_line in data for data in linted] == [True, False, False, False, False, False]

    def opaque(definition: Any, events: Any) -> dict[str, bytes]:
        serialized = original_serialize(definition, events)
        serialized[uid] = serialized[uid].replace(b"TRANSP:TRANSPARENT", b"TRANSP:OPAQUE")
        return serialized

    monkeypatch.setattr(render, "serialize_events", opaque)
    with pytest.raises(FeedError) as refused:
        render_all([load(SEED_DEFINITION)])
    # One finding, in the first feed, on the line vaccins-covid.ics publishes the event's
    # TRANSP on (its UID is on line 304).
    assert str(refused.value) == (
        "vaxical produced a feed that breaks client rules:\n"
        "vaccins-covid.ics:315: rule 6 (transparent, free): the event makes the pharmacist "
        "look busy. Fix: write TRANSP:TRANSPARENT."
    )


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
