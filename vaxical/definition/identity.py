"""The [calendar] section: what stays the same across revisions (id, names, zone,
addresses), and the dates a block is stamped with.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from vaxical.definition.locate import KeyPath
from vaxical.definition.reader import Reader
from vaxical.definition.typed import Section
from vaxical.definition.values import as_moment
from vaxical.definition.zoneadvice import zone_advice
from vaxical.errors import ZoneError
from vaxical.model import DEFAULT_REFRESH_HOURS, REFRESH_HOURS, Definition, Notice
from vaxical.rules import Period, Reminder, Ruling, SessionException
from vaxical.schedule import zones

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


MAX_ID_LENGTH = 64


# Windows refuses these as file names, with or without an extension (CON.ics).
RESERVED_IDS = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{name}{n}" for name in ("com", "lpt") for n in range(1, 10)}
)


DEFAULT_PAST_WEEKS = 53


@dataclass(frozen=True, slots=True)
class Identity:
    """The [calendar] section, validated: what stays the same across revisions."""

    id: str
    name: str
    product: str
    description: str
    timezone: str
    base_url: str
    portal_url: str
    refresh_hours: int
    past_weeks: int | None
    """How many weeks before the latest revision (or the horizon, when it comes first)
    the feeds keep (None: all sessions)."""

    def definition(
        self,
        source: str,
        revised: dt.datetime,
        horizon: dt.date,
        rulings: tuple[Ruling, ...],
        periods: tuple[Period, ...],
        exceptions: tuple[SessionException, ...],
        notices: tuple[Notice, ...],
        reminders: tuple[Reminder, ...],
    ) -> Definition:
        """The calendar as one revision leaves it, with this identity."""
        past = self.past_weeks
        return Definition(
            source=source,
            id=self.id,
            name=self.name,
            product=self.product,
            description=self.description,
            timezone=self.timezone,
            base_url=self.base_url,
            portal_url=self.portal_url,
            revised=revised,
            horizon=horizon,
            rulings=rulings,
            periods=periods,
            exceptions=exceptions,
            notices=notices,
            refresh_hours=self.refresh_hours,
            reminders=reminders,
            # From the latest notice, or the horizon when the calendar ended before it: a
            # notice that ends the calendar never empties its feeds.
            feeds_from=min(zones.local_day(revised, self.timezone), horizon)
            - dt.timedelta(weeks=past)
            if past
            else None,
        )


def calendar_identity(reader: Reader, table: Mapping[str, Any], *, ledger: bool) -> Identity | None:
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
    elif calendar_id in RESERVED_IDS:
        reader.report(
            (*path, "id"),
            "is a device name that Windows refuses as a file name.",
            f'choose another id, e.g. `id = "vaccins-{calendar_id}"`.',
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
    timezone = zone_name(section, "timezone")
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
    refresh_hours = section.integer("refresh_hours", *REFRESH_HOURS, "6", required=False)
    past_weeks = (
        section.integer("past_weeks", 4, 520, str(DEFAULT_PAST_WEEKS), required=False)
        if ledger
        else None
    )
    if (
        calendar_id is None
        or name is None
        or product is None
        or description is None
        or timezone is None
        or base_url is None
        or portal_url is None
        or ("refresh_hours" in table and refresh_hours is None)
        or ("past_weeks" in table and past_weeks is None)
    ):
        return None
    return Identity(
        id=calendar_id,
        name=name,
        product=product,
        description=description,
        timezone=timezone,
        base_url=base_url,
        portal_url=portal_url,
        # Six hours: within what Outlook.com (~3 h) and Google (4-24 h) do anyway.
        refresh_hours=DEFAULT_REFRESH_HOURS if refresh_hours is None else refresh_hours,
        past_weeks=(past_weeks or DEFAULT_PAST_WEEKS) if ledger else None,
    )


def zone_name(
    section: Section, key: str, *, required: bool = True, calendar_zone: str | None = None
) -> str | None:
    """A tz database name that the feeds' VTIMEZONE can state (calendar-clients rule 2);
    ``calendar_zone``, the calendar's own, is named in the advice on a rule's."""
    timezone = section.text(key, '"Europe/Paris"', required=required)
    path = (*section.path, key)
    if timezone is not None and not zones.known(timezone):
        section.reader.report(
            path, "is not a known time zone.", zone_advice(timezone, calendar_zone), timezone
        )
        return None
    if timezone is not None:
        try:
            zones.rules(timezone)
        except ZoneError as error:
            section.reader.report(
                path,
                f"{error}",
                "use the zone of a neighbouring city that Outlook can represent, "
                "or ask the vaxical team.",
                timezone,
            )
            return None
    return timezone


def moment(section: Section, key: str, timezone: str | None) -> dt.datetime | None:
    """A date (the start of that day, UTC) or a date and time, as a UTC instant."""
    value = section.value(key, as_moment, "a date (YYYY-MM-DD) or date and time", "2023-07-18")
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        if not section.in_window(key, value):
            return None
        return zones.plain_date(value)
    if value.tzinfo is None:
        if timezone is None:
            return None
        # Not pytz's localize: its tables end in 2037, after which it gave Paris its
        # winter offset in summer too (zones.zone).
        value = zones.wall_clock(value, timezone)
    if not section.in_window(key, value.date()):
        return None
    instant = value.astimezone(dt.UTC)  # within a day of a date in the window: no overflow
    return instant if section.in_window(key, instant.date()) else None
