"""A definition in the format before ledgers: one set of rules, as one revision.

It states the calendar (``[calendar]`` with ``revised`` and ``horizon``), the rules
(``[sessions]``, ``[[periods]]``, ``[delivery]``…) and its source ``[[notices]]``. Read
as a ledger of one revision, it builds exactly what it always built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vaxical.definition import cadence, sections
from vaxical.definition.exceptions import read_exceptions
from vaxical.definition.identity import calendar_identity, moment
from vaxical.definition.notice import notice_key
from vaxical.definition.reader import Reader
from vaxical.definition.schedule import check_schedule
from vaxical.model import Definition, Ledger, Revision
from vaxical.rules import HolidayPolicy, Rules, Ruling, add_years
from vaxical.schedule.expand import session_slots
from vaxical.schedule.zones import local_day

MAX_HORIZON_YEARS = 100


def read_single(reader: Reader, data: Mapping[str, Any]) -> Ledger | None:
    calendar = reader.table(data, (), "calendar")
    sessions_table = reader.table(data, (), "sessions")
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
    section = reader.section(calendar, ("calendar",)) if calendar is not None else None
    horizon = section.date("horizon", "2023-12-31") if section is not None else None
    identity = calendar_identity(reader, calendar, ledger=False) if calendar else None
    if calendar is not None and "past_weeks" in calendar:
        reader.report(
            ("calendar", "past_weeks"),
            "is read only in a ledger (a definition with [[revisions]]).",
            "remove it: a single-revision definition publishes every session in its feeds.",
            has_value=False,
        )
    revised = (
        moment(section, "revised", identity.timezone if identity else None)
        if section is not None
        else None
    )
    weekdays = (
        sections.session_days(reader, sessions_table, ("sessions",))
        if sessions_table is not None
        else None
    )
    delivery = (
        sections.delivery_rule(reader, delivery_table, ("delivery",), weekdays)
        if delivery_table is not None
        else None
    )
    confirmation = (
        sections.confirmation_rule(
            reader,
            confirmation_table,
            ("confirmation",),
            weekdays,
            identity.timezone if identity else None,
        )
        if confirmation_table is not None
        else None
    )
    appointments = (
        sections.appointments_rule(reader, appointments_table, ("appointments",))
        if appointments_table is not None
        else None
    )
    notices = sections.notices(reader, notice_tables)
    holidays: HolidayPolicy | None = sections.holiday_policy(
        reader, holidays_table or {}, ("holidays",)
    )
    reminders = sections.reminders(reader, reminders_table) if reminders_table is not None else ()
    periods = (
        cadence.periods(reader, period_tables, (), lambda _: weekdays[0], horizon, ledger=False)
        if weekdays is not None and horizon is not None
        else None
    )
    if (
        identity is None
        or revised is None
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
    limit = add_years(periods[0].start, MAX_HORIZON_YEARS)
    if horizon > limit:
        reader.report(
            ("calendar", "horizon"),
            f"is more than {MAX_HORIZON_YEARS} years after the first session "
            f"({periods[0].start.isoformat()}).",
            f"give a horizon on or before {limit.isoformat()} (a typo in the year?).",
            horizon,
        )
        return None
    length = len(weekdays)
    exceptions = read_exceptions(
        reader,
        exception_tables,
        (),
        dict(session_slots(periods, horizon)),
        lambda _: length,
        horizon,
    )
    if exceptions is None:
        return None
    rules = Rules(weekdays, None, delivery, confirmation, appointments, holidays)
    definition = identity.definition(
        reader.file,
        revised,
        horizon,
        (Ruling(periods[0].start, rules),),
        periods,
        exceptions,
        notices,
        reminders,
    )
    check_schedule(reader, definition, (), data)
    if reader.problems:
        return None
    position = reader.source.find(("calendar", "revised"))
    return single_ledger(definition, None if position is None else position[0])


def single_ledger(definition: Definition, line: int | None = None) -> Ledger:
    """A definition on its own, as the ledger of one revision it stands for. ``line``:
    where its ``revised`` is written, for a message that refuses it."""
    notice = definition.latest_notice
    revised = definition.revised
    day = local_day(revised, definition.timezone)
    key = notice_key(notice)
    revision = Revision(1, revised, day, notice, correction=False, key=key, line=line)
    return Ledger(definition.source, (revision,), (definition,), legacy=True)
