"""Read and validate schedule definitions: the only code that sees raw TOML.

Every problem found in a file is collected (not just the first) and raised together as
one :class:`~vaxical.errors.DefinitionError`, each naming the file, line, key, value
and the fix.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import json
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytz
from dateutil.rrule import rrule, rrulestr

from vaxical import french, zones
from vaxical.errors import DefinitionError, Problem
from vaxical.expand import Session, expand, session_slots
from vaxical.locate import KeyPath, SourceMap
from vaxical.model import (
    AppointmentsRule,
    ConfirmationRule,
    DateSpan,
    Definition,
    DeliveryPolicy,
    DeliveryRule,
    HolidayPolicy,
    Notice,
    Period,
    Region,
    Reminder,
    SessionException,
    SessionPolicy,
    Weekday,
)

# A horizon further than this from the first session is almost certainly a typo
# (2203 for 2023); it would also make feeds too large for Google (about 1 MB).
MAX_HORIZON_YEARS = 100
# Offsets (delivery, confirmation, appointments) are "days after"; beyond two
# months they are not a schedule rule any more but a typo.
MAX_OFFSET_DAYS = 60
DEFAULT_REFRESH_HOURS = 6
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 64

WEEKDAY_NAMES: Mapping[str, Weekday] = {day.name.lower(): day for day in Weekday}

_KEYS: Mapping[KeyPath, tuple[str, ...]] = {
    (): (
        "calendar",
        "sessions",
        "periods",
        "delivery",
        "confirmation",
        "appointments",
        "exceptions",
        "holidays",
        "reminders",
        "notices",
    ),
    ("calendar",): (
        "id",
        "name",
        "product",
        "description",
        "timezone",
        "base_url",
        "portal_url",
        "revised",
        "horizon",
        "refresh_hours",
    ),
    ("sessions",): ("days",),
    ("periods",): ("start", "end", "every_weeks", "rrule"),
    ("delivery",): ("first_day", "last_day", "note"),
    ("confirmation",): ("day", "time", "minutes", "note"),
    ("appointments",): ("days_after_delivery", "note"),
    ("exceptions",): ("session", "reason", "close", "open", "move_to", "delivery"),
    ("notices",): ("reference", "date", "title", "url", "summary"),
    ("holidays",): ("regions", "sessions", "deliveries"),
    ("reminders",): ("alarms",),
}

_ARRAYS = frozenset({"periods", "exceptions", "notices"})

T = TypeVar("T")


def _show(value: object) -> str:
    """A value as it would be written in TOML, shortened for a one-line message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, dict):
        text = "{…}"
    elif isinstance(value, list):
        text = "[" + ", ".join(_show(item) for item in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def key_text(path: KeyPath) -> str:
    """``("periods", 1, "end")`` → ``periods[2].end``: indexes counted as a person counts."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + part
    return text


class _Reader:
    """Typed access to the parsed TOML, recording every problem with its position."""

    def __init__(self, file: str, source: SourceMap) -> None:
        self.file = file
        self.source = source
        self.problems: list[Problem] = []

    def report(
        self, path: KeyPath, message: str, fix: str, value: object = None, *, has_value: bool = True
    ) -> None:
        position = self.source.find(path)
        line, column = position if position else (None, None)
        self.problems.append(
            Problem(
                file=self.file,
                message=message,
                fix=fix,
                key=key_text(path) if path else None,
                value=_show(value) if has_value and value is not None else None,
                line=line,
                column=column,
                excerpt=self.source.line_text(line) if line else None,
            )
        )

    def check_keys(self, table: Mapping[str, Any], path: KeyPath, schema: KeyPath) -> None:
        allowed = _KEYS[schema]
        for key in table:
            if key in allowed:
                continue
            home = next((s for s, keys in _KEYS.items() if s and key in keys), None)
            if home is not None and home != schema:
                section = f"[[{home[0]}]]" if home[0] in _ARRAYS else f"[{home[0]}]"
                self.report(
                    (*path, key),
                    f"`{key}` belongs in the {section} section.",
                    f"move the line below the {section} header.",
                    has_value=False,
                )
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else "allowed keys: " + ", ".join(allowed)
            self.report(
                (*path, key),
                f"unknown key `{key}`.",
                f"{hint} (Remove or rename the key.)",
                has_value=False,
            )

    def table(
        self, parent: Mapping[str, Any], path: KeyPath, key: str, *, required: bool = True
    ) -> Mapping[str, Any] | None:
        value = parent.get(key)
        if value is None:
            if required:
                self.report(
                    (*path, key),
                    f"the section [{key_text((*path, key))}] is missing.",
                    f"add the [{key_text((*path, key))}] section "
                    "(see schedules/vaccins-covid.toml).",
                    has_value=False,
                )
            return None
        if not isinstance(value, dict):
            self.report(
                (*path, key),
                f"expected a section, found {_type_name(value)}.",
                f"write it as a [{key}] section with keys below it.",
                value,
            )
            return None
        self.check_keys(value, (*path, key), (*path, key))
        return value

    def array_of_tables(
        self, parent: Mapping[str, Any], key: str, *, required: bool
    ) -> list[Mapping[str, Any]]:
        value = parent.get(key)
        if value is None:
            if required:
                self.report(
                    (key,),
                    f"no [[{key}]] entry.",
                    f"add at least one [[{key}]] section.",
                    has_value=False,
                )
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.report(
                (key,),
                f"expected [[{key}]] sections, found {_type_name(value)}.",
                f"write each entry as its own [[{key}]] section.",
                value,
            )
            return []
        for index, item in enumerate(value):
            self.check_keys(item, (key, index), (key,))
        return value

    def section(self, table: Mapping[str, Any], path: KeyPath) -> _Section:
        return _Section(self, table, path)


class _Section:
    """A table of the definition and its key path: typed reads of its keys, each problem
    reported with the key's position."""

    def __init__(self, reader: _Reader, table: Mapping[str, Any], path: KeyPath) -> None:
        self.reader = reader
        self.table = table
        self.path = path

    def value(
        self,
        key: str,
        kind: Callable[[object], T | None],
        expected: str,
        example: str,
        *,
        required: bool = True,
    ) -> T | None:
        if key not in self.table:
            if required:
                self.reader.report(
                    (*self.path, key),
                    f"`{key}` is missing.",
                    f"add `{key} = {example}` to [{key_text(self.path)}].",
                    has_value=False,
                )
            return None
        raw = self.table[key]
        converted = kind(raw)
        if converted is None:
            self.reader.report(
                (*self.path, key),
                f"expected {expected}, found {_type_name(raw)}.",
                _typed_fix(key, raw, example),
                raw,
            )
        return converted

    def text(
        self,
        key: str,
        example: str,
        *,
        required: bool = True,
        one_line: bool = True,
    ) -> str | None:
        value = self.value(key, _as_str, "text in double quotes", example, required=required)
        if value is None:
            return None
        value = value.strip()
        if not value:
            self.reader.report(
                (*self.path, key), "is empty.", f"write it as `{key} = {example}`.", self.table[key]
            )
            return None
        if one_line and ("\n" in value or "\r" in value):
            self.reader.report(
                (*self.path, key),
                "must fit on one line.",
                "remove the line breaks (use a single-line string in double quotes).",
                self.table[key],
            )
            return None
        if any(ord(char) < 32 and char not in "\n\t" for char in value):
            self.reader.report(
                (*self.path, key),
                "contains a control character.",
                "retype the text without invisible characters.",
                self.table[key],
            )
            return None
        return value

    def integer(
        self,
        key: str,
        low: int,
        high: int,
        example: str,
        *,
        required: bool = True,
    ) -> int | None:
        value = self.value(key, _as_int, "a whole number", example, required=required)
        if value is not None and not low <= value <= high:
            self.reader.report(
                (*self.path, key),
                f"must be between {low} and {high}.",
                f"use a whole number from {low} to {high}, e.g. `{key} = {example}`.",
                value,
            )
            return None
        return value

    def date(
        self,
        key: str,
        example: str,
        *,
        required: bool = True,
    ) -> dt.date | None:
        return self.value(
            key, _as_date, "a date (YYYY-MM-DD, no quotes)", example, required=required
        )

    def url(self, key: str, example: str, *, https_only: bool) -> str | None:
        value = self.text(key, example)
        if value is None:
            return None
        parts = urlsplit(value)
        schemes = ("https",) if https_only else ("https", "http")
        if parts.scheme not in schemes or not parts.netloc or " " in value:
            need = "an https:// address" if https_only else "a web address (https://…)"
            fix = f"write it as `{key} = {example}`."
            if " " not in value and "." in value.split("/")[0] and "://" not in value:
                fix = f'add https:// in front: `{key} = "https://{value}"`.'
            elif https_only and parts.scheme == "http":
                fix = f'use https (calendar clients need it): `{key} = "https{value[4:]}"`.'
            self.reader.report((*self.path, key), f"is not {need}.", fix, value)
            return None
        return value


_FRENCH_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_LIKE = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s*$|^\s*\d{2}:\d{2}(?::\d{2})?\s*$"
)


def _typed_fix(key: str, raw: object, example: str) -> str:
    """How to write ``raw`` as the type the key wants, from what people usually type."""
    if isinstance(raw, str):
        french = _FRENCH_DATE.match(raw)
        if french:
            day, month, year = (int(part) for part in french.groups())
            return (
                f"write dates as year-month-day without quotes: `{key} = "
                f"{year:04d}-{month:02d}-{day:02d}`."
            )
        if _ISO_LIKE.match(raw):
            text = raw.strip()
            if re.fullmatch(r"\d{2}:\d{2}", text):
                text += ":00"
            return f"remove the quotes: `{key} = {text}`."
        if raw.strip().lstrip("-").isdigit():
            return f"remove the quotes: `{key} = {raw.strip()}`."
    if isinstance(raw, float) and raw.is_integer():
        return f"write a whole number: `{key} = {int(raw)}`."
    return f"write it as `{key} = {example}`."


def _as_str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _as_bool(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    return None


def _as_time(value: object) -> dt.time | None:
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    return None


def _as_moment(value: object) -> dt.date | dt.datetime | None:
    return value if isinstance(value, dt.date) else None


def _as_list(value: object) -> list[object] | None:
    return value if isinstance(value, list) else None


def _suggest_zone(name: str) -> str:
    by_lower = {zone.lower(): zone for zone in pytz.all_timezones}
    if name.lower() in by_lower:
        return f"did you mean `{by_lower[name.lower()]}`? (Names are case-sensitive.)"
    close = difflib.get_close_matches(name, pytz.all_timezones, n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return "use a tz database name such as `Europe/Paris` or `America/Martinique`."


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_GENERIC_SYNTAX_FIX = (
    "check this line: text goes in double quotes, dates as 2023-07-24 without quotes, "
    "one `key = value` per line, sections as [name]."
)
_BARE_VALUE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*([^\"'\[{\s][^#]*?)\s*(?:#.*)?$")


def _syntax_advice(detail: str, line_text: str | None) -> tuple[str, str]:
    """tomllib's message, made specific for the mistakes people make most."""
    lowered = detail.lower()
    if lowered.startswith("invalid value") and line_text is not None:
        bare = _BARE_VALUE.match(line_text)
        if bare and not re.fullmatch(r"[0-9:+TZ.-]+|true|false", bare.group(2)):
            key, value = bare.groups()
            return (
                f"the text `{value}` is not in quotes.",
                f'write it in double quotes: `{key} = "{value}"`.',
            )
    if lowered.startswith("invalid date or datetime"):
        return (
            "this is not a real date or time.",
            "check the day and month (YYYY-MM-DD: 2023-02-28, not 2023-02-30) "
            "and the time (HH:MM:SS).",
        )
    if lowered.startswith(("cannot overwrite a value", "cannot declare")):
        return (
            "this key or section is written twice.",
            "keep one of them (for repeated entries, use [[name]] with double brackets).",
        )
    return f"this is not valid TOML: {detail}.", _GENERIC_SYNTAX_FIX


def _parse_text(text: str, file: str) -> dict[str, Any]:
    source = SourceMap(text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(found.group(1)) if found else None
        column = int(found.group(2)) if found else None
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", message).rstrip(".")
        detail = detail[0].lower() + detail[1:] if detail else "invalid TOML"
        excerpt = source.line_text(line) if line else None
        summary, fix = _syntax_advice(detail, excerpt)
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    message=summary,
                    fix=fix,
                    line=line,
                    column=column,
                    excerpt=excerpt,
                )
            ]
        ) from None


def _decode(data: bytes, file: str) -> str:
    def fail(message: str, fix: str) -> DefinitionError:
        return DefinitionError([Problem(file=file, message=message, fix=fix)])

    if not data.strip():
        raise fail("the file is empty.", "start from schedules/vaccins-covid.toml and adapt it.")
    if b"\x00" in data:
        raise fail(
            "this is not a text file (it contains NUL bytes).",
            "give a TOML schedule definition, e.g. schedules/vaccins-covid.toml.",
        )
    # Windows editors add a byte-order mark; it carries no meaning in UTF-8.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return_text = f"the file is not UTF-8 (byte 0x{data[error.start]:02x} on line {line})."
        raise fail(
            return_text,
            "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8).",
        ) from None


def load(path: Path, *, display: str | None = None) -> Definition:
    """Read one definition file. Raises :class:`DefinitionError` listing every problem."""
    file = display if display is not None else str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    message="no such file.",
                    fix="check the path (definitions live in schedules/).",
                )
            ]
        ) from None
    except IsADirectoryError:
        raise DefinitionError(
            [Problem(file=file, message="this is a folder, not a file.", fix="name a .toml file.")]
        ) from None
    except OSError as error:
        raise DefinitionError(
            [
                Problem(
                    file=file,
                    message=f"cannot be read ({error.strerror}).",
                    fix="check its permissions.",
                )
            ]
        ) from None
    return loads(_decode(data, file), file)


def loads(text: str, file: str = "<definition>") -> Definition:
    """Validate the TOML text of one definition into a :class:`Definition`."""
    data = _parse_text(text, file)
    reader = _Reader(file, SourceMap(text))
    reader.check_keys(data, (), ())
    definition = _build(reader, data)
    if definition is not None and not reader.problems:
        sessions = expand(definition)
        _check_open_sessions(reader, definition, sessions)
        _check_local_times(reader, definition, sessions)
    if reader.problems or definition is None:
        raise DefinitionError(sorted(reader.problems, key=lambda problem: problem.line or 0))
    return definition


def _check_open_sessions(
    reader: _Reader, definition: Definition, sessions: tuple[Session, ...]
) -> None:
    if not any(session.is_open for session in sessions):
        reader.report(
            ("periods",),
            f"no session is open up to the horizon ({definition.horizon.isoformat()}).",
            "check the periods' cadence, the exceptions that close sessions, and the horizon.",
            has_value=False,
        )


def _check_local_times(
    reader: _Reader, definition: Definition, sessions: tuple[Session, ...]
) -> None:
    """Every confirmation time must exist, once, under the zone's current rules: a time
    skipped by a DST change, or a date before the zone's current rules began, would show
    at the wrong hour in Outlook (docs/calendar-clients.md rules 1-3)."""
    length = dt.timedelta(minutes=definition.confirmation.minutes)
    for session in sessions:
        if session.order is None:
            continue
        for moment in (session.order.confirmation, session.order.confirmation + length):
            if not zones.agrees(definition.timezone, moment):
                reader.report(
                    ("confirmation", "time"),
                    f"{moment.isoformat(' ', 'minutes')} does not exist or is ambiguous in "
                    f"{definition.timezone} (a daylight-saving change or a past rule change); "
                    "calendar clients would show it at the wrong hour.",
                    "choose a confirmation time away from the night's DST change "
                    "(e.g. 18:00:00), or move the session with an exception.",
                    definition.confirmation.time,
                )
                return


def load_all(
    paths: Sequence[Path], displays: Sequence[str] | None = None
) -> tuple[Definition, ...]:
    """Load several definitions; problems of every file are reported together."""
    names = list(displays) if displays is not None else [str(path) for path in paths]
    problems: list[Problem] = []
    loaded: list[tuple[Path, Definition]] = []
    for path, name in zip(paths, names, strict=True):
        try:
            loaded.append((path, load(path, display=name)))
        except DefinitionError as error:
            problems.extend(error.problems)
    first_with_id: dict[str, Definition] = {}
    for path, definition in loaded:
        earlier = first_with_id.setdefault(definition.id, definition)
        if earlier is definition:
            continue
        reader = _Reader(definition.source, SourceMap(path.read_text(encoding="utf-8-sig")))
        reader.report(
            ("calendar", "id"),
            f"the id is already used by {earlier.source}.",
            "give each calendar its own id: file names and UIDs derive from it.",
            definition.id,
        )
        problems.extend(reader.problems)
    if problems:
        raise DefinitionError(problems)
    return tuple(sorted(first_with_id.values(), key=lambda definition: definition.id))


def _build(reader: _Reader, data: Mapping[str, Any]) -> Definition | None:
    calendar = reader.table(data, (), "calendar")
    sessions = reader.table(data, (), "sessions")
    delivery_table = reader.table(data, (), "delivery")
    confirmation_table = reader.table(data, (), "confirmation")
    appointments_table = reader.table(data, (), "appointments")
    period_tables = reader.array_of_tables(data, "periods", required=True)
    exception_tables = reader.array_of_tables(data, "exceptions", required=False)
    notice_tables = reader.array_of_tables(data, "notices", required=True)
    holidays_table = reader.table(data, (), "holidays", required=False)
    reminders_table = reader.table(data, (), "reminders", required=False)

    # Periods need only the horizon: read it apart, so that a bad time zone (say) does not
    # hide the periods' own problems.
    horizon = (
        reader.section(calendar, ("calendar",)).date("horizon", "2023-12-31") if calendar else None
    )
    fields = _calendar_fields(reader, calendar, horizon) if calendar is not None else None
    weekdays = _session_days(reader, sessions) if sessions is not None else None
    delivery = _delivery(reader, delivery_table, weekdays) if delivery_table is not None else None
    confirmation = (
        _confirmation(reader, confirmation_table, weekdays)
        if confirmation_table is not None
        else None
    )
    appointments = (
        _appointments(reader, appointments_table) if appointments_table is not None else None
    )
    notices = _notices(reader, notice_tables)
    holidays = _holiday_policy(reader, holidays_table or {})
    reminders = _reminders(reader, reminders_table) if reminders_table is not None else ()
    periods = (
        _periods(reader, period_tables, weekdays, horizon)
        if weekdays is not None and horizon is not None
        else None
    )
    if (
        fields is None
        or horizon is None
        or weekdays is None
        or periods is None
        or delivery is None
        or confirmation is None
        or appointments is None
        or notices is None
        or holidays is None
        or reminders is None
        or reader.problems
    ):
        return None
    limit = _add_years(periods[0].start, MAX_HORIZON_YEARS)
    if horizon > limit:
        reader.report(
            ("calendar", "horizon"),
            f"is more than {MAX_HORIZON_YEARS} years after the first session "
            f"({periods[0].start.isoformat()}).",
            f"give a horizon on or before {limit.isoformat()} (a typo in the year?).",
            horizon,
        )
        return None
    exceptions = _exceptions(reader, exception_tables, periods, weekdays, horizon)
    if exceptions is None:
        return None
    return Definition(
        source=reader.file,
        id=fields.id,
        name=fields.name,
        product=fields.product,
        description=fields.description,
        timezone=fields.timezone,
        base_url=fields.base_url,
        portal_url=fields.portal_url,
        revised=fields.revised,
        horizon=horizon,
        refresh_hours=fields.refresh_hours,
        session_weekdays=weekdays,
        periods=periods,
        delivery=delivery,
        confirmation=confirmation,
        appointments=appointments,
        exceptions=exceptions,
        notices=notices,
        holidays=holidays,
        reminders=reminders,
    )


@dataclass(frozen=True, slots=True)
class _CalendarFields:
    """The [calendar] section, validated."""

    id: str
    name: str
    product: str
    description: str
    timezone: str
    base_url: str
    portal_url: str
    revised: dt.datetime
    horizon: dt.date
    refresh_hours: int


def _calendar_fields(
    reader: _Reader, table: Mapping[str, Any], horizon: dt.date | None
) -> _CalendarFields | None:
    path: KeyPath = ("calendar",)
    section = reader.section(table, path)
    calendar_id = section.text("id", '"vaccins-covid"')
    if calendar_id is not None and (
        not ID_PATTERN.match(calendar_id) or len(calendar_id) > MAX_ID_LENGTH
    ):
        reader.report(
            (*path, "id"),
            "is not safe in file names and URLs.",
            "use lowercase letters, digits and single hyphens, at most "
            f'{MAX_ID_LENGTH} characters, e.g. `id = "vaccins-covid"`.',
            calendar_id,
        )
        calendar_id = None
    name = section.text("name", '"Commande des vaccins Covid-19"')
    escaped = sorted({char for char in name or "" if char in ",;\\"})
    if name is not None and escaped:
        reader.report(
            (*path, "name"),
            "contains " + " ".join(f"`{char}`" for char in escaped) + ", which calendar "
            "clients that read the name as raw text (Thunderbird's ical.js among them) "
            "would show with a backslash.",
            "use a dash or brackets instead: `Vaccins Covid-19 – officines`.",
            name,
        )
        name = None
    product = section.text("product", '"vaccins Covid-19"')
    description = section.text("description", '"…"', one_line=False)
    timezone = section.text("timezone", '"Europe/Paris"')
    if timezone is not None and timezone not in pytz.all_timezones_set:
        reader.report(
            (*path, "timezone"), "is not a known time zone.", _suggest_zone(timezone), timezone
        )
        timezone = None
    elif timezone is not None:
        try:
            zones.rules(timezone)
        except zones.ZoneError as error:
            reader.report(
                (*path, "timezone"),
                f"{error}",
                "use the zone of a neighbouring city that Outlook can represent, "
                "or ask the vaxical team.",
                timezone,
            )
            timezone = None
    base_url = section.url("base_url", '"https://example.org/vaxical/"', https_only=True)
    if base_url is not None:
        parts = urlsplit(base_url)
        if parts.query or parts.fragment:
            reader.report(
                (*path, "base_url"),
                "must not have a query (?…) or fragment (#…).",
                "give the address of the published folder only.",
                base_url,
            )
            base_url = None
        elif not base_url.endswith("/"):
            base_url += "/"
    portal_url = section.url("portal_url", '"https://…"', https_only=False)
    revised = _revised(section, timezone)
    refresh_hours = section.integer("refresh_hours", 1, 168, "6", required=False)
    if (
        calendar_id is None
        or name is None
        or product is None
        or description is None
        or timezone is None
        or base_url is None
        or portal_url is None
        or revised is None
        or horizon is None
        or ("refresh_hours" in table and refresh_hours is None)
    ):
        return None
    return _CalendarFields(
        id=calendar_id,
        name=name,
        product=product,
        description=description,
        timezone=timezone,
        base_url=base_url,
        portal_url=portal_url,
        revised=revised,
        horizon=horizon,
        # Six hours: within what Outlook.com (~3 h) and Google (4-24 h) do anyway.
        refresh_hours=DEFAULT_REFRESH_HOURS if refresh_hours is None else refresh_hours,
    )


def _revised(section: _Section, timezone: str | None) -> dt.datetime | None:
    moment = section.value(
        "revised", _as_moment, "a date (YYYY-MM-DD) or date and time", "2023-07-18"
    )
    if moment is None:
        return None
    if not isinstance(moment, dt.datetime):
        # A plain date means the start of that day, in UTC: simple to explain, and
        # independent of the machine's clock and zone.
        return dt.datetime(moment.year, moment.month, moment.day, tzinfo=dt.UTC)
    if moment.tzinfo is None:
        if timezone is None:
            return None
        moment = pytz.timezone(timezone).localize(moment)
    return moment.astimezone(dt.UTC)


def _session_days(reader: _Reader, table: Mapping[str, Any]) -> tuple[Weekday, ...] | None:
    path: KeyPath = ("sessions",)
    section = reader.section(table, path)
    raw = section.value("days", _as_list, "a list of weekdays", '["monday", "tuesday"]')
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
        if name is not None and name in french.WEEKDAYS:
            english = Weekday(french.WEEKDAYS.index(name)).name.lower()
            reader.report(
                (*path, "days"),
                f"{_show(item)} is French; day names are written in English here.",
                f"write `{english}` for {name}, e.g. {example}.",
                raw,
            )
            return None
        if name is None or name not in WEEKDAY_NAMES:
            close = difflib.get_close_matches(
                str(item).lower(), list(WEEKDAY_NAMES), n=1, cutoff=0.5
            )
            hint = (
                f"did you mean `{close[0]}`?"
                if close
                else f"use English day names, e.g. {example}."
            )
            reader.report((*path, "days"), f"{_show(item)} is not a weekday.", hint, raw)
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


def _delivery(
    reader: _Reader, table: Mapping[str, Any], weekdays: tuple[Weekday, ...] | None
) -> DeliveryRule | None:
    path: KeyPath = ("delivery",)
    section = reader.section(table, path)
    first = section.integer("first_day", 0, MAX_OFFSET_DAYS, "10")
    last = section.integer("last_day", 0, MAX_OFFSET_DAYS, "11")
    note = section.text("note", '"…"', required=False) or ""
    if first is None or last is None:
        return None
    if last < first:
        reader.report(
            (*path, "last_day"),
            f"ends before the delivery starts (first_day = {first}).",
            "make last_day equal to or greater than first_day.",
            last,
        )
        return None
    if weekdays is not None and first < len(weekdays):
        reader.report(
            (*path, "first_day"),
            f"would deliver before the session ends (a session lasts {len(weekdays)} days, "
            f"J+0 to J+{len(weekdays) - 1}).",
            f"use a first_day of at least {len(weekdays)} (J = first day of the session).",
            first,
        )
        return None
    return DeliveryRule(first_day=first, last_day=last, note=note)


def _confirmation(
    reader: _Reader, table: Mapping[str, Any], weekdays: tuple[Weekday, ...] | None
) -> ConfirmationRule | None:
    path: KeyPath = ("confirmation",)
    section = reader.section(table, path)
    day = section.integer("day", 0, MAX_OFFSET_DAYS, "2")
    time = section.value("time", _as_time, "a time (HH:MM:SS, no quotes)", "18:00:00")
    minutes = section.integer("minutes", 1, 1440, "30")
    note = section.text("note", '"…"', required=False) or ""
    if day is None or time is None or minutes is None:
        return None
    if weekdays is not None and day < len(weekdays) - 1:
        reader.report(
            (*path, "day"),
            "would show the confirmation before the session's last day.",
            f"use a day of at least {len(weekdays) - 1} (J = first day of the session).",
            day,
        )
        return None
    return ConfirmationRule(day=day, time=time, minutes=minutes, note=note)


def _appointments(reader: _Reader, table: Mapping[str, Any]) -> AppointmentsRule | None:
    path: KeyPath = ("appointments",)
    section = reader.section(table, path)
    days = section.integer("days_after_delivery", 0, MAX_OFFSET_DAYS, "1")
    note = section.text("note", '"…"', required=False) or ""
    if days is None:
        return None
    return AppointmentsRule(days_after_delivery=days, note=note)


def _choice(section: _Section, key: str, choices: Sequence[str]) -> str | None:
    """One of ``choices``; the first is the default when the key is absent."""
    if key not in section.table:
        return choices[0]
    value = section.text(key, f'"{choices[0]}"')
    if value is None:
        return None
    if value not in choices:
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"did you mean `{close[0]}`?" if close else "use one of: " + ", ".join(choices)
        section.reader.report((*section.path, key), "is not a known choice.", hint, value)
        return None
    return value


def _holiday_policy(reader: _Reader, table: Mapping[str, Any]) -> HolidayPolicy | None:
    path: KeyPath = ("holidays",)
    section = reader.section(table, path)
    sessions = _choice(section, "sessions", [p.value for p in SessionPolicy])
    deliveries = _choice(section, "deliveries", [p.value for p in DeliveryPolicy])
    regions: set[Region] = {Region.METROPOLE}
    if "regions" in table:
        names = [region.value for region in Region]
        raw = section.value("regions", _as_list, "a list of regions", '["metropole"]')
        if raw is None:
            return None
        regions = set()
        for item in raw:
            if not isinstance(item, str) or item not in names:
                close = difflib.get_close_matches(str(item), names, n=1, cutoff=0.5)
                hint = f"did you mean `{close[0]}`?" if close else "use: " + ", ".join(names)
                reader.report(
                    (*path, "regions"), f"{_show(item)} is not a known region.", hint, raw
                )
                return None
            regions.add(Region(item))
    if sessions is None or deliveries is None:
        return None
    return HolidayPolicy(frozenset(regions), SessionPolicy(sessions), DeliveryPolicy(deliveries))


MAX_REMINDERS = 5


def _reminders(reader: _Reader, table: Mapping[str, Any]) -> tuple[Reminder, ...] | None:
    path: KeyPath = ("reminders",)
    section = reader.section(table, path)
    example = "[{ day = 0, time = 09:00:00 }]"
    raw = section.value("alarms", _as_list, "a list of alarms", example)
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
        time = alarm.value("time", _as_time, "a time (HH:MM:SS)", "09:00:00")
        if day is None or time is None:
            return None
        reminders.append(Reminder(day, time))
    if len(set(reminders)) != len(reminders):
        reader.report((*path, "alarms"), "the same alarm is listed twice.", "remove the copy.", raw)
        return None
    return tuple(sorted(reminders))


def _notices(reader: _Reader, tables: Sequence[Mapping[str, Any]]) -> tuple[Notice, ...] | None:
    notices: list[Notice] = []
    for index, table in enumerate(tables):
        path: KeyPath = ("notices", index)
        section = reader.section(table, path)
        reference = section.text("reference", '"DGS-Urgent N°2023-11"')
        date = section.date("date", "2023-07-18")
        title = section.text("title", '"…"')
        url = section.url("url", '"https://…"', https_only=False)
        summary = section.text("summary", '"…"', one_line=False)
        if reference and date and title and url and summary:
            notices.append(
                Notice(reference=reference, date=date, title=title, url=url, summary=summary)
            )
    if len(notices) != len(tables) or not notices:
        return None
    return tuple(sorted(notices, key=lambda notice: (notice.date, notice.reference), reverse=True))


def _periods(
    reader: _Reader,
    tables: Sequence[Mapping[str, Any]],
    weekdays: tuple[Weekday, ...],
    horizon: dt.date,
) -> tuple[Period, ...] | None:
    first_weekday = weekdays[0]
    first_name = first_weekday.name.lower()
    periods: list[Period] = []
    for index, table in enumerate(tables):
        path: KeyPath = ("periods", index)
        section = reader.section(table, path)
        start = section.date("start", "2023-07-24")
        end = section.date("end", "2023-10-01", required=False)
        every = section.integer("every_weeks", 1, 52, "2", required=False)
        rule = section.text("rrule", '"FREQ=MONTHLY;BYDAY=1MO"', required=False)
        ok = start is not None and ("every_weeks" not in table or every is not None)
        ok = (
            ok
            and ("rrule" not in table or rule is not None)
            and ("end" not in table or end is not None)
        )
        if "every_weeks" in table and "rrule" in table:
            reader.report(
                (*path, "rrule"),
                "a period has either `every_weeks` or `rrule`, not both.",
                "keep `every_weeks` for every-N-weeks cadences; `rrule` only for others.",
                has_value=False,
            )
            ok = False
        elif "every_weeks" not in table and "rrule" not in table:
            reader.report(
                path,
                "the period has no cadence.",
                "add `every_weeks = 1` (weekly), `every_weeks = 2` (every other week) "
                "or an `rrule`.",
                has_value=False,
            )
            ok = False
        if start is not None and start.weekday() != first_weekday:
            reader.report(
                (*path, "start"),
                f"is a {start.strftime('%A').lower()}, but sessions start on a {first_name}.",
                f"give the first day ({first_name}) of the period's first session.",
                start,
            )
            ok = False
        if start is not None and end is not None and end < start:
            reader.report(
                (*path, "end"),
                f"is before the period's start ({start.isoformat()}).",
                "give an end on or after the start.",
                end,
            )
            ok = False
        if start is not None and start > horizon:
            reader.report(
                (*path, "start"),
                f"is after the horizon ({horizon.isoformat()}), so the period would be empty.",
                "move calendar.horizon later, or remove the period.",
                start,
            )
            ok = False
        if ok and start is not None and rule is not None:
            ok = _check_rrule(reader, (*path, "rrule"), rule, start, end, horizon, first_weekday)
        if ok and start is not None:
            periods.append(Period(start=start, end=end, every_weeks=every or 1, rrule=rule))
    if len(periods) != len(tables):
        return None
    for index, (earlier, later) in enumerate(itertools.pairwise(periods)):
        if later.start <= earlier.start:
            reader.report(
                ("periods", index + 1, "start"),
                f"is not after the previous period's start ({earlier.start.isoformat()}).",
                "list periods in chronological order.",
                later.start,
            )
            return None
        if earlier.end is None or earlier.end >= later.start:
            ended = "has no end" if earlier.end is None else f"ends on {earlier.end.isoformat()}"
            reader.report(
                ("periods", index, "end") if earlier.end else ("periods", index),
                f"this period {ended}, so it overlaps the next one "
                f"(from {later.start.isoformat()}).",
                f"end it before the next one starts, e.g. `end = "
                f"{(later.start - dt.timedelta(days=1)).isoformat()}`.",
                earlier.end,
            )
            return None
    return tuple(periods)


def _check_rrule(
    reader: _Reader,
    path: KeyPath,
    rule: str,
    start: dt.date,
    end: dt.date | None,
    horizon: dt.date,
    first_weekday: Weekday,
) -> bool:
    if "DTSTART" in rule.upper():
        reader.report(
            path,
            "must not contain DTSTART.",
            "remove DTSTART: the period's `start` anchors the rule.",
            rule,
        )
        return False
    try:
        parsed = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time()))
    except (ValueError, TypeError) as error:
        reader.report(
            path,
            f"is not a valid RRULE ({error}).",
            'write an RFC 5545 rule, e.g. `rrule = "FREQ=WEEKLY;INTERVAL=3"`.',
            rule,
        )
        return False
    if not isinstance(parsed, rrule):
        reader.report(
            path, "must be a single RRULE.", "give one rule, without RDATE or EXDATE.", rule
        )
        return False
    last = min(end, horizon) if end is not None else horizon
    until = dt.datetime.combine(last, dt.time())
    moments = parsed.between(dt.datetime.combine(start, dt.time()), until, inc=True)
    if not moments:
        reader.report(
            path,
            f"opens no session between {start.isoformat()} and {last.isoformat()}.",
            "check the rule (BYMONTH, BYDAY…) against the period's dates.",
            rule,
        )
        return False
    for moment in moments:
        if moment.weekday() != first_weekday:
            reader.report(
                path,
                f"gives {moment.date().isoformat()}, a {moment.strftime('%A').lower()}, "
                f"but sessions start on a {first_weekday.name.lower()}.",
                f"restrict the rule to that day, e.g. add `;BYDAY={first_weekday.name[:2]}`.",
                rule,
            )
            return False
    return True


def _exceptions(
    reader: _Reader,
    tables: Sequence[Mapping[str, Any]],
    periods: tuple[Period, ...],
    weekdays: tuple[Weekday, ...],
    horizon: dt.date,
) -> tuple[SessionException, ...] | None:
    slots = dict(session_slots(periods, horizon))
    length = len(weekdays)
    exceptions: list[SessionException] = []
    targets: dict[dt.date, int] = {}
    for index, table in enumerate(tables):
        path: KeyPath = ("exceptions", index)
        section = reader.section(table, path)
        session = section.date("session", "2023-08-14")
        reason = section.text("reason", '"Jour férié"', one_line=False)
        close = section.value("close", _as_bool, "true or false", "true", required=False)
        open_ = section.value("open", _as_bool, "true or false", "true", required=False)
        move_to = section.date("move_to", "2023-08-16", required=False)
        delivery = _span(reader, table, path, "delivery")
        if session is None or reason is None:
            continue
        if session in targets:
            reader.report(
                (*path, "session"),
                f"exceptions[{targets[session] + 1}] already concerns this session.",
                "merge both into one [[exceptions]] entry.",
                session,
            )
            continue
        targets[session] = index
        if session not in slots:
            nearest = min(slots, key=lambda slot: abs((slot - session).days), default=None)
            hint = f" The nearest is {nearest.isoformat()}." if nearest else ""
            reader.report(
                (*path, "session"),
                "no session of the periods starts on this day." + hint,
                "give the first day of a session as the rules place it (before any move).",
                session,
            )
            continue
        if not any(key in table for key in ("close", "open", "move_to", "delivery")):
            reader.report(
                path,
                "the exception changes nothing.",
                "add `close = true`, `open = true`, `move_to = <date>` "
                "or `delivery = [<date>, <date>]`.",
                has_value=False,
            )
            continue
        if close and ("move_to" in table or "delivery" in table or open_):
            reader.report(
                (*path, "close"),
                "a closed session has no other change.",
                "keep `close = true` alone, or remove it to move or re-time the session.",
                has_value=False,
            )
            continue
        scheduled_open = slots[session]
        if close and not scheduled_open:
            reader.report(
                (*path, "close"),
                "this session is already closed by the rules.",
                "remove the exception, or target an open session.",
                True,
            )
            continue
        if open_ and scheduled_open:
            reader.report(
                (*path, "open"),
                "this session is already open by the rules.",
                "remove `open = true`.",
                True,
            )
            continue
        will_open = (scheduled_open and not close) or bool(open_)
        if not will_open and ("move_to" in table or "delivery" in table):
            reader.report(
                (*path, "session"),
                "this session is closed by the rules; it has no days or delivery to change.",
                "add `open = true` to open it, or target an open session.",
                session,
            )
            continue
        if move_to is not None:
            if move_to == session:
                reader.report(
                    (*path, "move_to"),
                    "is the session's own day.",
                    "give the new first day.",
                    move_to,
                )
                continue
            # Two spans of `length` days overlap when their first days are closer than that.
            clash = next(
                (slot for slot in slots if slot != session and abs((slot - move_to).days) < length),
                None,
            )
            if clash is not None:
                reader.report(
                    (*path, "move_to"),
                    f"the moved session would overlap the session of {clash.isoformat()}.",
                    "choose days that no other session uses.",
                    move_to,
                )
                continue
        if delivery is not None:
            actual_last = (move_to or session) + dt.timedelta(days=length - 1)
            if delivery.first <= actual_last:
                reader.report(
                    (*path, "delivery"),
                    f"starts before the session ends ({actual_last.isoformat()}): "
                    "orders cannot arrive before they are placed.",
                    "give delivery days after the session's last day.",
                    [delivery.first, delivery.last],
                )
                continue
        exceptions.append(
            SessionException(
                session=session,
                reason=reason,
                close=bool(close),
                open=bool(open_),
                move_to=move_to,
                delivery=delivery,
            )
        )
    if len(exceptions) != len(tables):
        return None
    return tuple(sorted(exceptions, key=lambda exception: exception.session))


def _span(reader: _Reader, table: Mapping[str, Any], path: KeyPath, key: str) -> DateSpan | None:
    if key not in table:
        return None
    raw = table[key]
    example = f"`{key} = [2023-10-13, 2023-10-16]` (first and last day)"
    if (
        not isinstance(raw, list)
        or len(raw) != len(("first", "last"))
        or not all(_as_date(item) is not None for item in raw)
    ):
        reader.report(
            (*path, key), "expected two dates: the first and last day.", f"write {example}.", raw
        )
        return None
    first, last = raw
    if last < first:
        reader.report((*path, key), "the last day is before the first.", f"write {example}.", raw)
        return None
    return DateSpan(first, last)
