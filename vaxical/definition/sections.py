"""The sections a definition states, each read into a typed value (or ``None`` and a problem).

Each reader takes the key path of its table, so that the same code reads a section at
the top of a single-revision definition (``[delivery]``) and inside a ledger's block
(``[revisions.delivery]``), and reports problems at the right line.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from vaxical.definition.identity import zone_name
from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import WEEKDAY_NAMES, Reader, close_matches, english_weekday
from vaxical.definition.typed import Section
from vaxical.definition.values import as_list, as_time, show_value
from vaxical.model import Notice
from vaxical.rules import (
    Anchor,
    AppointmentsRule,
    ConfirmationRule,
    DeliveryPolicy,
    DeliveryRule,
    HolidayPolicy,
    Region,
    Reminder,
    SessionHours,
    SessionPolicy,
    Weekday,
)

# Offsets (delivery, confirmation, appointments) are "days after"; beyond two
# months they are not a schedule rule any more but a typo.
MAX_OFFSET_DAYS = 60


def session_days(
    reader: Reader, table: Mapping[str, Any], path: KeyPath
) -> tuple[Weekday, ...] | None:
    section = reader.section(table, path)
    raw = section.value("days", as_list, "a list of weekdays", '["monday", "tuesday"]')
    if raw is None:
        return None
    example = '`days = ["monday", "tuesday"]`'
    if not raw:
        reader.report(
            (*path, "days"), "is empty.", f"list the days of a session, e.g. {example}.", raw
        )
        return None
    days: list[Weekday] = []
    for item in raw:
        name = item.strip().lower() if isinstance(item, str) else None
        english = english_weekday(name) if name is not None else None
        if english is not None:
            reader.report(
                (*path, "days"),
                f"{show_value(item)} is French; day names are written in English here.",
                f"write `{english}` for {name}, e.g. {example}.",
                raw,
            )
            return None
        if name is None or name not in WEEKDAY_NAMES:
            close = close_matches(str(item).lower(), list(WEEKDAY_NAMES), n=1, cutoff=0.5)
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"use English day names, e.g. {example}."
            )
            reader.report((*path, "days"), f"{show_value(item)} is not a weekday.", hint, raw)
            return None
        days.append(WEEKDAY_NAMES[name])
    if len(set(days)) != len(days) or any(
        (later - earlier) % 7 != 1 for earlier, later in itertools.pairwise(days)
    ):
        reader.report(
            (*path, "days"),
            "must be consecutive days, in order, each once.",
            f"write the days of one session in order, e.g. {example}.",
            raw,
        )
        return None
    return tuple(days)


def session_hours(section: Section, calendar_zone: str | None = None) -> SessionHours | bool | None:
    """``opens``/``closes`` of a session, both or neither; ``False`` when invalid
    (``calendar_zone``, the calendar's, named in the advice on a zone of their own)."""
    opens = section.value(
        "opens", as_time, "a time (HH:MM:SS, no quotes)", "08:00:00", required=False
    )
    closes = section.value(
        "closes", as_time, "a time (HH:MM:SS, no quotes)", "23:00:00", required=False
    )
    given = [key for key in ("opens", "closes") if key in section.table]
    timezone = None
    if "timezone" in section.table:
        timezone = zone_name(section, "timezone", required=False, calendar_zone=calendar_zone)
        if timezone is None:
            return False
        if not given:
            section.reader.report(
                (*section.path, "timezone"),
                "is the zone of the session's hours, which are not given.",
                "give `opens` and `closes` too, or remove `timezone`.",
                has_value=False,
            )
            return False
    if not given:
        return None
    if len(given) == 1:
        # A notice may state one end only (« jusqu'à 23 heures »): the other is then the
        # session's own (a publisher's trial had to guess what to write).
        missing, written, meaning = (
            ("closes", "23:59:59", "until the end of its last day")
            if given == ["opens"]
            else ("opens", "00:00:00", "from the start of its first day")
        )
        section.reader.report(
            (*section.path, given[0]),
            f"is given without `{missing}`.",
            f"give both, or neither; when the notice states only this one, the portal is "
            f"open {meaning}: `{missing} = {written}`.",
            has_value=False,
        )
        return False
    if opens is None or closes is None:
        return False
    return SessionHours(opens, closes, timezone)


def delivery_rule(
    reader: Reader, table: Mapping[str, Any], path: KeyPath, weekdays: tuple[Weekday, ...] | None
) -> DeliveryRule | None:
    section = reader.section(table, path)
    first = section.integer("first_day", 0, MAX_OFFSET_DAYS, "10")
    last = section.integer("last_day", 0, MAX_OFFSET_DAYS, "11")
    anchor = choice(section, "counted_from", [anchor.value for anchor in Anchor])
    note = section.text("note", '"…"', required=False) or ""
    if first is None or last is None or anchor is None:
        return None
    if last < first:
        reader.report(
            (*path, "last_day"),
            f"ends before the delivery starts (first_day = {first}).",
            "make last_day equal to or greater than first_day.",
            last,
        )
        return None
    counted_from = Anchor(anchor)
    if counted_from is Anchor.FIRST_DAY and weekdays is not None and first < len(weekdays):
        reader.report(
            (*path, "first_day"), *early_delivery(len(weekdays), lasting(len(weekdays))), first
        )
        return None
    if counted_from is Anchor.LAST_DAY and first < 1:
        reader.report(
            (*path, "first_day"),
            "would deliver on the session's last day, while orders are still placed.",
            "use a first_day of at least 1 (counted from the session's last day).",
            first,
        )
        return None
    return DeliveryRule(first_day=first, last_day=last, note=note, counted_from=counted_from)


def confirmation_rule(
    reader: Reader,
    table: Mapping[str, Any],
    path: KeyPath,
    weekdays: tuple[Weekday, ...] | None,
    calendar_zone: str | None = None,
) -> ConfirmationRule | None:
    section = reader.section(table, path)
    day = section.integer("day", 0, MAX_OFFSET_DAYS, "2")
    time = section.value("time", as_time, "a time (HH:MM:SS, no quotes)", "18:00:00")
    minutes = section.integer("minutes", 1, 1440, "30")
    note = section.text("note", '"…"', required=False) or ""
    timezone = (
        zone_name(section, "timezone", required=False, calendar_zone=calendar_zone)
        if "timezone" in table
        else None
    )
    if day is None or time is None or minutes is None or ("timezone" in table and timezone is None):
        return None
    if weekdays is not None and day < len(weekdays) - 1:
        reader.report((*path, "day"), *early_confirmation(len(weekdays) - 1), day)
        return None
    return ConfirmationRule(day=day, time=time, minutes=minutes, note=note, timezone=timezone)


def lasting(length: int) -> str:
    """How long a session of the rules lasts, counted from J, its first day."""
    return f"a session lasts {length} days, J+0 to J+{length - 1}"


def early_delivery(least: int, span: str) -> tuple[str, str]:
    """What a delivery counted from J that starts before J+``least``, the day after the
    session ends (``span`` says when), is told, and its fix: for the delivery table that
    says so, and for what makes the sessions outlast it (vaxical.definition.orders)."""
    return (
        f"would deliver before the session ends ({span}).",
        f"use a first_day of at least {least} (J = first day of the session).",
    )


def early_confirmation(least: int, why: str = "") -> tuple[str, str]:
    """What a confirmation on a day before J+``least``, the session's last day, is told
    (``why``: how it comes there, if not by its ``day``), and its fix."""
    return (
        f"would show the confirmation before the session's last day{why}.",
        f"use a day of at least {least} (J = first day of the session).",
    )


def appointments_rule(
    reader: Reader, table: Mapping[str, Any], path: KeyPath
) -> AppointmentsRule | None:
    section = reader.section(table, path)
    note = section.text("note", '"…"', required=False) or ""
    if "weekday" in table:
        if "days_after_delivery" in table:
            reader.report(
                (*path, "weekday"),
                "is given with `days_after_delivery`; they say the same thing two ways.",
                'keep one: `weekday = "monday"` (the Monday after the delivery) or '
                "`days_after_delivery = 1` (the day after).",
                has_value=False,
            )
            return None
        name = section.text("weekday", '"monday"')
        if name is None:
            return None
        english = english_weekday(name)
        if english is not None:
            reader.report(
                (*path, "weekday"),
                "is French; day names are written in English here.",
                f'write `weekday = "{english}"`.',
                name,
            )
            return None
        if name not in WEEKDAY_NAMES:
            close = close_matches(name.lower(), list(WEEKDAY_NAMES), n=1, cutoff=0.5)
            hint = f"did you mean `{close[0]}`?" if close else 'use an English day name: "monday".'
            reader.report((*path, "weekday"), "is not a weekday.", hint, name)
            return None
        return AppointmentsRule(days_after_delivery=0, note=note, weekday=WEEKDAY_NAMES[name])
    days = section.integer("days_after_delivery", 0, MAX_OFFSET_DAYS, "1")
    if days is None:
        return None
    return AppointmentsRule(days_after_delivery=days, note=note)


def choice(section: Section, key: str, choices: list[str]) -> str | None:
    """One of ``choices``; the first is the default when the key is absent."""
    if key not in section.table:
        return choices[0]
    value = section.text(key, f'"{choices[0]}"')
    if value is None:
        return None
    if value not in choices:
        close = close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"did you mean `{close[0]}`?" if close else "use one of: " + ", ".join(choices)
        section.reader.report((*section.path, key), "is not a known choice.", hint, value)
        return None
    return value


def holiday_policy(reader: Reader, table: Mapping[str, Any], path: KeyPath) -> HolidayPolicy | None:
    section = reader.section(table, path)
    sessions = choice(section, "sessions", [p.value for p in SessionPolicy])
    deliveries = choice(section, "deliveries", [p.value for p in DeliveryPolicy])
    regions: set[Region] = {Region.METROPOLE}
    if "regions" in table:
        names = [region.value for region in Region]
        raw = section.value("regions", as_list, "a list of regions", '["metropole"]')
        if raw is None:
            return None
        regions = set()
        for item in raw:
            if not isinstance(item, str) or item not in names:
                close = close_matches(str(item), names, n=1, cutoff=0.5)
                hint = f"did you mean `{close[0]}`?" if close else "use: " + ", ".join(names)
                reader.report(
                    (*path, "regions"), f"{show_value(item)} is not a known region.", hint, raw
                )
                return None
            regions.add(Region(item))
    if sessions is None or deliveries is None:
        return None
    return HolidayPolicy(frozenset(regions), SessionPolicy(sessions), DeliveryPolicy(deliveries))


MAX_REMINDERS = 5


def reminders(reader: Reader, table: Mapping[str, Any]) -> tuple[Reminder, ...] | None:
    path: KeyPath = ("reminders",)
    section = reader.section(table, path)
    example = "[{ day = 0, time = 09:00:00 }]"
    raw = section.value("alarms", as_list, "a list of alarms", example)
    if raw is None:
        return None
    if not 1 <= len(raw) <= MAX_REMINDERS or not all(isinstance(item, dict) for item in raw):
        reader.report(
            (*path, "alarms"),
            f"expected 1 to {MAX_REMINDERS} alarms written as {{ day = …, time = … }}.",
            f"write `alarms = {example}`, or remove [reminders].",
            raw,
        )
        return None
    alarms: list[dict[str, Any]] = [item for item in raw if isinstance(item, dict)]
    reminders: list[Reminder] = []
    for index, item in enumerate(alarms):
        item_path: KeyPath = (*path, "alarms", index)
        alarm = reader.section(item, item_path)
        unknown = sorted(set(item) - {"day", "time"})
        if unknown:
            reader.report(
                (*item_path, unknown[0]),
                f"unknown key `{unknown[0]}` in an alarm.",
                "an alarm has only `day` and `time`.",
                has_value=False,
            )
            return None
        day = alarm.integer("day", -7, MAX_OFFSET_DAYS, "0")
        time = alarm.value("time", as_time, "a time (HH:MM:SS)", "09:00:00")
        if day is None or time is None:
            return None
        if time.second or time.microsecond:
            # An alarm's trigger counts whole minutes (the feed's and the JSON's alike).
            reader.report(
                (*item_path, "time"),
                "has seconds; an alarm rings at a whole minute.",
                f"write `time = {time.replace(second=0, microsecond=0).isoformat()}`.",
                time,
            )
            return None
        reminders.append(Reminder(day, time))
    if len(set(reminders)) != len(reminders):
        reader.report((*path, "alarms"), "the same alarm is listed twice.", "remove the copy.", raw)
        return None
    return tuple(sorted(reminders))


def notice(section: Section, *, date_required: bool = True) -> Notice | None:
    """A notice's fields in ``section``: reference, date, title, url, summary."""
    reference = section.text("reference", '"DGS-Urgent N°2023-11"')
    date = section.date("date", "2023-07-18", required=date_required)
    title = section.text("title", '"…"')
    url = section.url("url", '"https://…"', https_only=False)
    summary = section.text("summary", '"…"', one_line=False)
    if reference and date and title and url and summary:
        return Notice(reference=reference, date=date, title=title, url=url, summary=summary)
    return None


def notices(reader: Reader, tables: list[Mapping[str, Any]]) -> tuple[Notice, ...] | None:
    found = [
        notice(reader.section(table, ("notices", index))) for index, table in enumerate(tables)
    ]
    read = [item for item in found if item is not None]
    if len(read) != len(tables) or not read:
        return None
    return tuple(sorted(read, key=lambda item: (item.date, item.reference), reverse=True))
