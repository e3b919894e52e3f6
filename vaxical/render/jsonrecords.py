"""An event's and a session's records in a calendar's JSON (``events`` and
``sessions`` of :mod:`vaxical.render.jsondoc`), written straight as bytes, and the
reasons a session states. Pure."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from enum import Enum
from json.encoder import encode_basestring as _string
from typing import Any

from vaxical.model import Definition, Notice
from vaxical.render.jsontext import indented
from vaxical.safety import check_text, is_text, refuse_texts
from vaxical.schedule.events import Event, Kind
from vaxical.schedule.expand import Session
from vaxical.schedule.holidays import Holiday
from vaxical.schedule.zones import utc_text, zone

# An event's JSON is its content plus these: a content change bumps SEQUENCE (rule 9).
REVISION_KEYS = ("sequence", "last_modified")


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
