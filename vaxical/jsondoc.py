"""The schedule as JSON for software (pharmacy management systems). Pure.

Stable and sorted: keys sorted, events in feed order, two-space indent, trailing
newline, so that a diff between two builds reads line by line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from typing import Any

from vaxical.events import Event
from vaxical.expand import Session
from vaxical.feeds import Feed, feed_name, feeds_of, subscribe_links
from vaxical.model import DateSpan, Definition, HistoryEntry
from vaxical.safety import check_text, check_texts, check_url
from vaxical.zones import zone

FORMAT_VERSION = 1
# An event's JSON is its content plus these: a content change bumps SEQUENCE (rule 9).
REVISION_KEYS = ("sequence", "last_modified")


def _span(span: DateSpan) -> dict[str, str]:
    return {"first_day": span.first.isoformat(), "last_day": span.last.isoformat()}


def _moment(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


def _utc(value: dt.date | dt.datetime) -> str | None:
    return _utc_text(value) if isinstance(value, dt.datetime) else None


def session_record(session: Session, definition: Definition) -> dict[str, Any]:
    """A session as the JSON holds it, and as ``vaxical diff`` compares it."""
    exception = session.exception
    order = session.order
    return {
        "session": session.nominal.isoformat(),
        "days": _span(session.days),
        "open": order is not None,
        "moved": session.moved,
        "delivery": None if order is None else _span(order.delivery),
        "confirmation": (
            None
            if order is None
            else order.confirmation.replace(tzinfo=zone(definition.timezone)).isoformat()
        ),
        "appointments": None if order is None else order.appointments.isoformat(),
        "exception": None if exception is None else exception.reason,
    }


def _duration(delta: dt.timedelta) -> str:
    """An RFC 5545 duration: ``PT9H``, ``P1DT9H``, ``-PT15H``."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    days, rest = divmod(abs(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    clock = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return f"{sign}P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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


def _event(event: Event, revised: dt.datetime) -> dict[str, Any]:
    content = event_content(event)
    # The texts the feeds carry too: JSON could escape them, but a lone surrogate cannot
    # be encoded at all, and software reading the JSON feeds XML and calendars with it.
    where = f"events[{event.uid}]"
    check_text(content["summary"], f"{where}.summary")
    check_text(content["description"], f"{where}.description")
    for index, alarm in enumerate(content["alarms"]):
        check_text(alarm["text"], f"{where}.alarms[{index}].text")
    return {
        **content,
        "sequence": event.sequence,
        "last_modified": _utc_text(event.modified or revised),
    }


def _session(session: Session, definition: Definition) -> dict[str, Any]:
    record = session_record(session, definition)
    if record["exception"] is not None:
        check_text(record["exception"], f"sessions[{record['session']}].exception")
    return record


def _feed(definition: Definition, feed: Feed) -> dict[str, Any]:
    links = subscribe_links(definition, feed)
    record = {
        "file": feed.filename(definition.id),
        "name": feed_name(definition, feed),
        "kinds": sorted(kind.value for kind in feed.kinds),
        "url": links.https,
        "webcal": links.webcal,
    }
    where = f"feeds[{record['file']}]"
    check_texts(record, where)
    check_url(record["url"], f"{where}.url")
    check_url(record["webcal"], f"{where}.webcal", ("webcal",))
    return record


def _history(index: int, entry: HistoryEntry) -> dict[str, Any]:
    record = {
        "key": entry.key,
        "date": _utc_text(entry.date),
        "title": entry.title,
        "summary": entry.summary,
        "changes": list(entry.changes),
        "url": entry.url,
    }
    check_texts(record, f"history[{index}]")
    check_url(record["url"], f"history[{index}].url")
    return record


def _calendar(definition: Definition) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": definition.id,
        "name": definition.name,
        "product": definition.product,
        "description": definition.description,
        "timezone": definition.timezone,
        "url": definition.base_url,
        "portal_url": definition.portal_url,
        "revised": _utc_text(definition.revised),
        "horizon": definition.horizon.isoformat(),
        "refresh_hours": definition.refresh_hours,
        "atom": f"{definition.base_url}{definition.id}.atom",
        "notices": [
            {
                "reference": notice.reference,
                "date": notice.date.isoformat(),
                "title": notice.title,
                "url": notice.url,
                "summary": notice.summary,
            }
            for notice in definition.notices
        ],
    }
    check_texts(record, "calendar")
    for key in ("url", "portal_url", "atom"):
        check_url(record[key], f"calendar.{key}")
    for index, notice in enumerate(definition.notices):
        check_url(notice.url, f"calendar.notices[{index}].url")
    return record


def render_json(
    definition: Definition,
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    history: tuple[HistoryEntry, ...],
) -> bytes:
    document = {
        "format": FORMAT_VERSION,
        "calendar": _calendar(definition),
        "feeds": [_feed(definition, feed) for feed in feeds_of(definition)],
        "sessions": (_session(session, definition) for session in sessions),
        "events": (_event(event, definition.revised) for event in events),
        "history": [_history(index, entry) for index, entry in enumerate(history)],
    }
    return dump_bytes(document) + b"\n"


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def dump_bytes(document: Mapping[str, Any]) -> bytes:
    """``json.dumps(document, indent=2, sort_keys=True)`` as UTF-8, with the values that
    are generators (the long lists) encoded one item at a time, each fragment turned into
    bytes at once: the same text without holding a whole calendar as Python objects and
    wide strings (a 100-year calendar's JSON took 250 MiB the plain way)."""
    parts = [b"{\n"]
    for index, key in enumerate(sorted(document)):
        value = document[key]
        separator = b"  " if index == 0 else b",\n  "
        parts.append(separator + _dumps(key).encode("utf-8") + b": ")
        if isinstance(value, Iterator):
            first = True
            for item in value:
                parts.append(b"[\n    " if first else b",\n    ")
                parts.append(_dumps(item).replace("\n", "\n    ").encode("utf-8"))
                first = False
            parts.append(b"[]" if first else b"\n  ]")
        else:
            parts.append(_dumps(value).replace("\n", "\n  ").encode("utf-8"))
    parts.append(b"\n}")
    return b"".join(parts)
