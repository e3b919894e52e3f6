"""The benchmark's peers, each run as its own process by bench/run.py:
``python bench/peers.py NAME OUTDIR EVENTS.json...``. Each reads the same events (the
``events`` of each vaxical ``<id>.json``, with the calendar's zone), builds one calendar
of all of them with that library's ordinary API, and writes it as ``OUTDIR/<id>.ics``.
The process's wall time, imports included, is what run.py measures, as it measures
``vaxical build``.

- ``icalendar``: plain icalendar, ``.add()`` then ``to_ical()``, as its documentation
  shows, with ``add_missing_timezones()`` for the timed events.
- ``ics``: ics.py 0.7 (its stable line).
- ``vobject``.
- ``minimal``: the least Python that writes vaxical's exact bytes for these events
  (escaping, folding, order): the practical limit, checked byte for byte by run.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import zoneinfo
from pathlib import Path
from typing import Any

PRODID = "-//vaxical//vaxical//FR"


def _moment(text: str, zone: dt.tzinfo) -> dt.date | dt.datetime:
    """A JSON start or end: a date, or a local time with offset (read back into the zone)."""
    if "T" not in text:
        return dt.date.fromisoformat(text)
    return dt.datetime.fromisoformat(text).astimezone(zone)


def _stamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _trigger(text: str) -> dt.timedelta:
    """``PT9H``, ``P1DT9H``, ``-PT15H`` (what vaxical's JSON holds) as a timedelta."""
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("-")[1:]
    days_part, _, clock = body.partition("T")
    days = int(days_part[:-1]) if days_part else 0
    hours = minutes = 0
    if "H" in clock:
        hour_text, clock = clock.split("H")
        hours = int(hour_text)
    if "M" in clock:
        minutes = int(clock.split("M")[0])
    return sign * dt.timedelta(days=days, hours=hours, minutes=minutes)


def run_icalendar(document: dict[str, Any], events: list[dict[str, Any]], out: Path) -> None:
    import icalendar

    zone = zoneinfo.ZoneInfo(document["calendar"]["timezone"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for item in events:
        event = icalendar.Event()
        stamp = _stamp(item["last_modified"])
        event.add("summary", item["summary"])
        event.add("dtstart", _moment(item["start"], zone))
        event.add("dtend", _moment(item["end"], zone))
        event.add("dtstamp", stamp)
        event.add("uid", item["uid"])
        event.add("sequence", item["sequence"])
        event.add("categories", [item["category"]])
        event.add("description", item["description"])
        event.add("last-modified", stamp)
        event.add("transp", "TRANSPARENT")
        event.add("x-microsoft-cdo-busystatus", "FREE")
        for alarm in item["alarms"]:
            valarm = icalendar.Alarm()
            valarm.add("action", "DISPLAY")
            valarm.add("description", alarm["text"])
            valarm.add("trigger", _trigger(alarm["trigger"]))
            event.add_component(valarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    out.write_bytes(calendar.to_ical())


def run_ics(document: dict[str, Any], events: list[dict[str, Any]], out: Path) -> None:
    import warnings

    import ics
    from ics.alarm import DisplayAlarm

    # ics 0.7 warns, from inside its own serializer, about a change planned for 0.9.
    warnings.simplefilter("ignore", FutureWarning)

    zone = zoneinfo.ZoneInfo(document["calendar"]["timezone"])
    calendar = ics.Calendar()
    for item in events:
        start = _moment(item["start"], zone)
        end = _moment(item["end"], zone)
        event = ics.Event(
            name=item["summary"],
            begin=start,
            end=end,
            uid=item["uid"],
            description=item["description"],
            last_modified=_stamp(item["last_modified"]),
            transparent=True,
            categories=[item["category"]],
            alarms=[
                DisplayAlarm(trigger=_trigger(alarm["trigger"]), display_text=alarm["text"])
                for alarm in item["alarms"]
            ],
        )
        if not isinstance(start, dt.datetime):
            event.make_all_day()
        calendar.events.add(event)
    out.write_text(calendar.serialize(), encoding="utf-8")


def run_vobject(document: dict[str, Any], events: list[dict[str, Any]], out: Path) -> None:
    import vobject
    from dateutil import tz

    zone = zoneinfo.ZoneInfo(document["calendar"]["timezone"])
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = PRODID
    for item in events:
        event = calendar.add("vevent")
        # vobject names dateutil's UTC, not the standard library's.
        stamp = _stamp(item["last_modified"]).replace(tzinfo=tz.UTC)
        event.add("summary").value = item["summary"]
        # vobject's stubs type every value as text; dates are what it serializes as dates.
        event.add("dtstart").value = _moment(item["start"], zone)  # type: ignore[assignment]
        event.add("dtend").value = _moment(item["end"], zone)  # type: ignore[assignment]
        event.add("dtstamp").value = stamp
        event.add("uid").value = item["uid"]
        event.add("sequence").value = str(item["sequence"])
        event.add("categories").value = [item["category"]]
        event.add("description").value = item["description"]
        event.add("last-modified").value = stamp
        event.add("transp").value = "TRANSPARENT"
        event.add("x-microsoft-cdo-busystatus").value = "FREE"
        for alarm in item["alarms"]:
            valarm = event.add("valarm")
            valarm.add("action").value = "DISPLAY"
            valarm.add("description").value = alarm["text"]
            valarm.add("trigger").value = _trigger(alarm["trigger"])
    out.write_text(calendar.serialize(), encoding="utf-8")


# The minimal serializer: plain string work, nothing shared with vaxical's code.
_LIMIT = 75


def _escape(text: str) -> str:
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> bytes:
    data = line.encode()
    if len(data) < _LIMIT:
        return data + b"\r\n"
    pieces = []
    start = 0
    while len(data) - start >= _LIMIT:
        cut = start + _LIMIT - 1
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        last = data[cut - 1]
        if last in b"\\^" and cut - 1 > start:
            first = cut - 1
            while first > start and data[first - 1] == last:
                first -= 1
            if (cut - first) % 2:
                cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


def _value(prefix: str, text: str, tzid: str) -> str:
    if "T" not in text:
        return f"{prefix};VALUE=DATE:{text.replace('-', '')}"
    clock = text[:19].replace("-", "").replace(":", "")
    return f"{prefix};TZID={tzid}:{clock}"


def run_minimal(document: dict[str, Any], events: list[dict[str, Any]], out: Path) -> None:
    # The feed's header, as given (constant, written by run.py beside the events).
    header = Path(document["calendar"]["header_file"]).read_bytes()
    tzid = document["calendar"]["timezone"]
    parts = [header]
    for item in events:
        stamp = item["last_modified"].replace("-", "").replace(":", "")
        parts += [
            b"BEGIN:VEVENT\r\n",
            _fold("SUMMARY:" + _escape(item["summary"])),
            _fold(_value("DTSTART", item["start"], tzid)),
            _fold(_value("DTEND", item["end"], tzid)),
            _fold("DTSTAMP:" + stamp),
            _fold("UID:" + _escape(item["uid"])),
            _fold(f"SEQUENCE:{item['sequence']}"),
            _fold("CATEGORIES:" + _escape(item["category"])),
            _fold("DESCRIPTION:" + _escape(item["description"])),
            _fold("LAST-MODIFIED:" + stamp),
            b"TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n",
        ]
        for alarm in item["alarms"]:
            parts += [
                b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
                _fold("DESCRIPTION:" + _escape(alarm["text"])),
                _fold("TRIGGER:" + alarm["trigger"]),
                b"END:VALARM\r\n",
            ]
        parts.append(b"END:VEVENT\r\n")
    parts.append(b"END:VCALENDAR\r\n")
    out.write_bytes(b"".join(parts))


PEERS = {
    "icalendar": run_icalendar,
    "ics": run_ics,
    "vobject": run_vobject,
    "minimal": run_minimal,
}


def main() -> int:
    name, folder, sources = sys.argv[1], Path(sys.argv[2]), [Path(a) for a in sys.argv[3:]]
    for source in sources:
        document = json.loads(source.read_text(encoding="utf-8"))
        document["calendar"]["header_file"] = str(source.with_suffix(".header"))
        out = folder / f"{document['calendar']['id']}.ics"
        PEERS[name](document, document["events"], out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
