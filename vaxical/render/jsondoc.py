"""The schedule as JSON for software (pharmacy management systems). Pure.

Stable and sorted: keys sorted, events in feed order, two-space indent, trailing
newline, so that a diff between two builds reads line by line. Every document names the
JSON Schema that describes it (:data:`CALENDAR_SCHEMA`, written by hand and published beside it).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from json.encoder import encode_basestring as _string
from typing import Any

from vaxical.model import Definition, HistoryEntry, Notice
from vaxical.render.jsontext import dump_bytes as dump_bytes  # tests read it here too
from vaxical.render.jsontext import indented
from vaxical.safety import check_text, check_texts, check_url, is_text, refuse_texts
from vaxical.schedule.events import Event, Kind
from vaxical.schedule.expand import Session
from vaxical.schedule.feeds import (
    CALENDAR_SCHEMA,
    Feed,
    feed_name,
    feeds_of,
    files_of,
    webcal,
)
from vaxical.schedule.holidays import Holiday
from vaxical.schedule.texts import source_notice
from vaxical.schedule.zones import utc_text, zone

FORMAT_VERSION = 1
# An event's JSON is its content plus these: a content change bumps SEQUENCE (rule 9).
REVISION_KEYS = ("sequence", "last_modified")
"""The JSON Schema of ``<id>.json`` (format 1): a file of this package, published at the
root of every build under the same name, and linked from each document's ``$schema``."""


@functools.cache
def schema_bytes() -> bytes:
    """The schema as shipped in the package: the same bytes in every build."""
    return resources.files("vaxical.render").joinpath(CALENDAR_SCHEMA).read_bytes()


class ReasonKind(Enum):
    """Why a session differs from what its cadence alone would make it. Values are the
    JSON's; the schema's enum lists them, and a new one is a new format (README)."""

    EXCEPTION = "exception"
    """A ``[[exceptions]]`` entry of the notices (« sauf exception »)."""
    HOLIDAY = "holiday"
    """Closed by the holiday policy (``sessions = "close"``)."""
    CADENCE = "cadence"
    """Closed because the cadence leaves this week closed (every other week, an RRULE)."""
    SUSPENDED = "suspended"
    """The portal closes here until further notice."""
    OPENED_EARLY = "opened-early"
    """Opened from the Friday before a holiday (``sessions = "previous-friday"``)."""
    DELIVERY_MOVED = "delivery-moved"
    """The delivery window moved off a holiday (``deliveries = "next-working-day"``)."""


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason of a session, as the JSON states it."""

    kind: ReasonKind
    notice: Notice
    """The notice that made the session what it is: the one its events cite as source."""
    holiday: Holiday | None = None
    """The public holiday behind it, for the holiday kinds."""
    text: str | None = None
    """The exception's own reason, in French (``exception`` only)."""


def session_reasons(session: Session, notice: Notice) -> tuple[Reason, ...]:
    """Why ``session`` differs from its cadence: the session's own reasons first, then one
    ``delivery-moved`` per holiday that moved its delivery. Empty: it follows the rule."""
    exception = session.exception
    found: list[Reason] = []
    if exception is not None:
        found.append(Reason(ReasonKind.EXCEPTION, notice, text=exception.reason))
    if session.suspended:
        found.append(Reason(ReasonKind.SUSPENDED, notice))
    elif session.closed_for is not None:
        found.append(Reason(ReasonKind.HOLIDAY, notice, session.closed_for))
    elif not session.is_open and (exception is None or not exception.close):
        # No exception closed it and no holiday did: the cadence leaves the week closed.
        found.append(Reason(ReasonKind.CADENCE, notice))
    if session.opened_early_for is not None:
        found.append(Reason(ReasonKind.OPENED_EARLY, notice, session.opened_early_for))
    if session.order is not None:
        found += (Reason(ReasonKind.DELIVERY_MOVED, notice, h) for h in session.order.moved_for)
    return tuple(found)


def _reason(reason: Reason) -> dict[str, Any]:
    holiday = reason.holiday
    return {
        "kind": reason.kind.value,
        "holiday": (
            None if holiday is None else {"date": holiday.day.isoformat(), "name": holiday.name}
        ),
        "text": reason.text,
        "notice": {"reference": reason.notice.reference, "date": reason.notice.date.isoformat()},
    }


def _moment(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _utc(value: dt.date | dt.datetime) -> str | None:
    return utc_text(value) if isinstance(value, dt.datetime) else None


def _duration(delta: dt.timedelta) -> str:
    """An RFC 5545 duration: ``PT9H``, ``P1DT9H``, ``-PT15H``; ``P0D`` for none (a bare
    ``P`` is no duration, section 3.3.6; ``P0D`` is what the feed's TRIGGER says)."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"{sign}P" + (f"{days}D" if days or not clock else "") + (f"T{clock}" if clock else "")


def event_content(event: Event) -> dict[str, Any]:
    """What subscribers see of an event: a change here is a new SEQUENCE (rule 9)."""
    return {
        "uid": event.uid,
        "kind": event.kind.value,
        "category": event.kind.category,
        "session": event.session.isoformat(),
        "all_day": event.all_day,
        "start": _moment(event.start),
        "end": _moment(event.end),
        "start_utc": _utc(event.start),
        "end_utc": _utc(event.end),
        "summary": event.summary,
        "description": event.description,
        "alarms": [
            {
                "trigger": _duration(alarm.trigger),
                "at": alarm.at.isoformat(),
                "text": alarm.description,
            }
            for alarm in event.alarms
        ],
    }


# An event's record (:func:`event_content`, then ``sequence`` and ``last_modified``) as
# json.dumps writes it four spaces deep, keys sorted: the events are most of a
# calendar's JSON, and building then encoding a dict for each took two thirds of its
# time. tests/test_serializer.py holds this equal to the encoder's text of the record.
# Bytes, filled with UTF-8: a description's en dash made the whole record a str of two
# octets a character, to be encoded again, where its ASCII parts are copied as they are.
_EVENT = b"""{
      "alarms": %s,
      "all_day": %s,
      "category": %s,
      "description": %s,
      "end": "%s",
      "end_utc": %s,
      "kind": %s,
      "last_modified": "%s",
      "sequence": %d,
      "session": "%s",
      "start": "%s",
      "start_utc": %s,
      "summary": %s,
      "uid": %s
    }"""


# Remembered: a calendar's events and sessions name the same days again and again (a
# session's first day starts its open event and is its delivery's session).
@functools.lru_cache(maxsize=8192)
def _day_json(day: dt.date) -> bytes:
    return day.isoformat().encode("utf-8")


def _moment_json(value: dt.date | dt.datetime) -> tuple[bytes, bytes]:
    """A start or end, and its UTC instant as a JSON value (``null`` for a day)."""
    if isinstance(value, dt.datetime):
        return _instant_json(value, value.tzinfo, value.fold)
    return _day_json(value), b"null"


# Remembered: a confirmation's time is its event's start and its session's
# confirmation, and the calendars of a deployment in one zone share them. The zone and
# the fold are part of the key, as in ics._stamp_lines.
@functools.lru_cache(maxsize=4096)
def _instant_json(moment: dt.datetime, zone: dt.tzinfo | None, fold: int) -> tuple[bytes, bytes]:
    return moment.isoformat().encode("utf-8"), b'"%s"' % utc_text(moment).encode("utf-8")


# Each kind's "category" and "kind" values, as JSON text in UTF-8: written once.
_KIND_TEXTS = {
    kind: (_string(kind.category).encode("utf-8"), _string(kind.value).encode("utf-8"))
    for kind in Kind
}


# Remembered: an event's description is its longest value, and the calendars of a
# deployment that share a zone and notices give their events the same texts (a
# calendar's summaries are a few, repeated).
@functools.lru_cache(maxsize=4096)
def _text_json(text: str) -> bytes | None:
    """``text`` as a JSON string, in UTF-8; None for a text that vaxical.safety refuses
    (the caller names the field)."""
    return _string(text).encode("utf-8") if is_text(text) else None


def event_json(event: Event, revised: dt.datetime) -> bytes:
    """An event as the document's ``events`` list holds it; ``revised``: the date of an
    event that carries none (the definition's)."""
    # The texts the feeds carry too: JSON could escape them, but a lone surrogate cannot
    # be encoded at all, and software reading the JSON feeds XML and calendars with it.
    # The fields are named only for a refusal: most events pass.
    uid, summary, description = event.uid, event.summary, event.description
    titled, described = _text_json(summary), _text_json(description)
    if titled is None or described is None:
        where = f"events[{uid}]"
        refuse_texts((summary, f"{where}.summary"), (description, f"{where}.description"))
    alarms = b"[]"
    if event.alarms:
        where = f"events[{uid}]"
        content = event_content(event)["alarms"]
        for index, alarm in enumerate(content):
            check_text(alarm["text"], f"{where}.alarms[{index}].text")
        alarms = indented(content, "      ").encode("utf-8")
    start, start_utc = _moment_json(event.start)
    end, end_utc = _moment_json(event.end)
    category, kind = _KIND_TEXTS[event.kind]
    return _EVENT % (
        alarms,
        b"false" if isinstance(event.start, dt.datetime) else b"true",
        category,
        described,
        end,
        end_utc,
        kind,
        utc_text(event.stamp(revised)).encode("utf-8"),
        event.sequence,
        _day_json(event.session),
        start,
        start_utc,
        titled,
        _string(uid).encode("utf-8"),
    )


# A session's record as json.dumps writes it four spaces deep, keys sorted, written
# straight from the session as events are (:data:`_EVENT`); tests/test_serializer.py
# states the record as a dict and holds this text equal to its json.dumps.
_SESSION = b"""{
      "appointments": %s,
      "closes": %s,
      "confirmation": %s,
      "days": %s,
      "delivery": %s,
      "exception": %s,
      "moved": %s,
      "open": %s,
      "opens": %s,
      "reasons": %s,
      "session": "%s"
    }"""
_SPAN = b'{\n        "first_day": "%s",\n        "last_day": "%s"\n      }'


def session_json(session: Session, definition: Definition, notice: Notice) -> bytes:
    """A session as the document's ``sessions`` list holds it; ``notice``: the one that
    made it what it is."""
    exception, order = session.exception, session.order
    reason = None if exception is None else exception.reason
    if reason is not None:
        check_text(reason, f"sessions[{session.nominal.isoformat()}].exception")
    confirmation = appointments = delivery = opens = closes = b"null"
    portal = session.portal(definition.timezone)
    if portal is not None:
        opens, closes = (b'"%s"' % moment.isoformat().encode("utf-8") for moment in portal)
    if order is not None:
        delivery = _SPAN % (_day_json(order.delivery.first), _day_json(order.delivery.last))
        if order.confirmation is not None:
            moment = order.confirmation.replace(tzinfo=zone(definition.timezone))
            confirmation = b'"%s"' % _moment_json(moment)[0]
        if order.appointments is not None:
            appointments = b'"%s"' % _day_json(order.appointments)
    reasons = [_reason(found) for found in session_reasons(session, notice)]
    return _SESSION % (
        appointments,
        closes,
        confirmation,
        _SPAN % (_day_json(session.days.first), _day_json(session.days.last)),
        delivery,
        b"null" if reason is None else _string(reason).encode("utf-8"),
        b"true" if session.moved else b"false",
        b"true" if order is not None else b"false",
        opens,
        indented(reasons, "      ").encode("utf-8") if reasons else b"[]",
        _day_json(session.nominal),
    )


def _feed(definition: Definition, feed: Feed) -> dict[str, Any]:
    file = feed.filename(definition.id)
    return feed_json(feed, file, feed_name(definition, feed), definition.base_url + file)


def feed_json(feed: Feed, file: str, name: str, https: str) -> dict[str, Any]:
    """One item of a ``<id>.json``'s ``feeds``, its text and links checked: a live
    calendar's, or a retired one's as published (render/retired.py)."""
    record = {
        "file": file,
        "name": name,
        "kinds": sorted(kind.value for kind in feed.kinds),
        "url": https,
        "webcal": webcal(https),
    }
    where = f"feeds[{record['file']}]"
    check_texts(record, where)
    check_url(record["url"], f"{where}.url")
    check_url(record["webcal"], f"{where}.webcal", ("webcal",))
    return record


def history_json(index: int, entry: HistoryEntry) -> dict[str, Any]:
    record = {
        "key": entry.key,
        "date": utc_text(entry.date),
        "title": entry.title,
        "summary": entry.summary,
        "changes": list(entry.changes),
        "url": entry.url,
    }
    check_texts(record, f"history[{index}]")
    check_url(record["url"], f"history[{index}].url")
    return record


def calendar_json(
    *,
    calendar_id: str,
    name: str,
    product: str,
    description: str,
    timezone: str,
    base_url: str,
    portal_url: str,
    revised: dt.datetime,
    horizon: dt.date,
    feeds_from: dt.date | None,
    refresh_hours: int,
    atom: str,
    ledger: str | None,
    notices: Sequence[Notice],
) -> dict[str, Any]:
    """The ``calendar`` object of a ``<id>.json``, its text and links checked: from a
    definition, or from a retired calendar's record as published (render/retired.py)."""
    record: dict[str, Any] = {
        "id": calendar_id,
        "name": name,
        "product": product,
        "description": description,
        "timezone": timezone,
        "url": base_url,
        "portal_url": portal_url,
        "revised": utc_text(revised),
        "horizon": horizon.isoformat(),
        "feeds_from": None if feeds_from is None else feeds_from.isoformat(),
        "refresh_hours": refresh_hours,
        "atom": atom,
        "ledger_sha256": ledger,
        "notices": [
            {
                "reference": notice.reference,
                "date": notice.date.isoformat(),
                "title": notice.title,
                "url": notice.url,
                "summary": notice.summary,
            }
            for notice in notices
        ],
    }
    check_texts(record, "calendar")
    for key in ("url", "portal_url", "atom"):
        check_url(record[key], f"calendar.{key}")
    for index, notice in enumerate(notices):
        check_url(notice.url, f"calendar.notices[{index}].url")
    return record


def _calendar(definition: Definition, ledger: str | None) -> dict[str, Any]:
    return calendar_json(
        calendar_id=definition.id,
        name=definition.name,
        product=definition.product,
        description=definition.description,
        timezone=definition.timezone,
        base_url=definition.base_url,
        portal_url=definition.portal_url,
        revised=definition.revised,
        horizon=definition.horizon,
        feeds_from=definition.feeds_from,
        refresh_hours=definition.refresh_hours,
        atom=definition.base_url + files_of(definition).atom,
        ledger=ledger,
        notices=definition.notices,
    )


def render_json(
    definition: Definition,
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    history: tuple[HistoryEntry, ...],
    sources: Mapping[dt.date, Notice],
    *,
    ledger: str | None,
) -> bytes:
    """``sources``: the notice that made each session what it is, by nominal day (as
    :func:`vaxical.history.revisions.publish` tracks it); the notice in force when the
    session starts for any other, as the events cite it. ``ledger``: the digest of the
    ledger it comes from (:attr:`vaxical.model.Ledger.digest`), None for the
    single-revision format."""

    def source(session: Session) -> Notice:
        return sources.get(session.nominal) or source_notice(definition, session.days.first)

    document = {
        # Where the document's JSON Schema is published: beside it, at the build's root.
        "$schema": f"{definition.base_url}{CALENDAR_SCHEMA}",
        "format": FORMAT_VERSION,
        "calendar": _calendar(definition, ledger),
        "feeds": [_feed(definition, feed) for feed in feeds_of(definition)],
        "sessions": (session_json(session, definition, source(session)) for session in sessions),
        "events": (event_json(event, definition.revised) for event in events),
        "history": [history_json(index, entry) for index, entry in enumerate(history)],
    }
    return dump_bytes(document) + b"\n"
