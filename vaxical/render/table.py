"""The schedule as the seed draws it, and the rules in plain words. Pure.

"Calendrier d'ouverture du portail de commande et livraisons indicatives": one row a
session, dates written as the notice writes them. The HTML index and ``vaxical show``
both print these rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from vaxical.model import Definition
from vaxical.rules import (
    REGION_LABELS,
    Anchor,
    DateSpan,
    DeliveryPolicy,
    Period,
    Region,
    Rules,
    SessionPolicy,
)
from vaxical.schedule import french
from vaxical.schedule.expand import Session, session_slots
from vaxical.schedule.texts import delivery_delay

TITLE = "Calendrier d'ouverture du portail de commande et livraisons indicatives"
HEADERS = (
    "Date",
    "État du portail",
    "Date de livraison indicative",
    "Confirmation de commande",
    "Rendez-vous à partir du",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One session as plain strings, plus the facts templates style by."""

    year: int
    first_day: str
    """ISO date of the session's first day."""
    last_day: str
    """ISO date of the session's last day: the script highlights the next session by it."""
    dates: str
    dated: str
    """The dates with their year (both years across a new year, written once)."""
    is_open: bool
    state: str
    delivery: str
    confirmation: str
    appointments: str
    note: str
    """Why the session differs from the rule, or ``""``."""
    opens: str = ""
    closes: str = ""
    """When the portal opens and closes, instants with their UTC offset, as the JSON and
    the CSV write them (``2023-09-19T23:00:00+02:00``), or ``""`` when the rules give no
    hours: the page's script tells a session under way, or over at 23:00 on its last
    day, by comparing them with the reader's clock, which needs no time zone support and
    no 24-hour clock from the browser (a review found Safari before 13 giving 11 PM)."""

    def cells(self) -> tuple[str, str, str, str, str]:
        return (self.dates, self.state, self.delivery, self.confirmation, self.appointments)


def _note(session: Session) -> str:
    exception = session.exception
    if exception is not None:
        change = session.change
        return f"Session {change} : {exception.reason}" if change else exception.reason
    if session.suspended:
        return "Fermé jusqu'à nouvel ordre"
    if session.closed_for is not None:
        return f"Jour férié : {session.closed_for.name}"
    if session.opened_early_for is not None:
        return f"Ouverte dès le vendredi (jour férié : {session.opened_early_for.name})"
    if session.order is not None and session.order.moved_for:
        names = ", ".join(holiday.name for holiday in session.order.moved_for)
        return f"Livraison décalée (jour férié : {names})"
    return ""


def rows(sessions: tuple[Session, ...], tzid: str) -> tuple[Row, ...]:
    """Each session's row; ``tzid``: the calendar's zone, whose clocks its hours read."""
    return tuple(_row(session, tzid) for session in sessions)


# Remembered: the page's table, its news (each notice's sessions, the very objects) and
# the CSV all write the same sessions.
@functools.lru_cache(maxsize=8192)
def _row(session: Session, tzid: str) -> Row:
    portal = session.portal(tzid)
    opens, closes = ("", "") if portal is None else (moment.isoformat() for moment in portal)
    order = session.order
    delivery = confirmation = appointments = ""
    if order is not None:
        moment = order.confirmation
        delivery = french.short_range(order.delivery)
        if moment is not None:
            confirmation = (
                f"{french.long_date(moment.date(), year=False)}, {french.clock(moment.time())}"
            )
        if order.appointments is not None:
            appointments = french.long_date(order.appointments, year=False)
    return Row(
        year=session.days.first.year,
        first_day=session.days.first.isoformat(),
        last_day=session.days.last.isoformat(),
        dates=french.short_range(session.days),
        dated=french.short_range(session.days, year=True),
        is_open=session.is_open,
        state="Ouvert" if session.is_open else "Fermé",
        delivery=delivery,
        confirmation=confirmation,
        appointments=appointments,
        note=_note(session),
        opens=opens,
        closes=closes,
    )


def by_year(table: tuple[Row, ...]) -> tuple[tuple[int, tuple[Row, ...]], ...]:
    years = sorted({row.year for row in table})
    return tuple((year, tuple(row for row in table if row.year == year)) for year in years)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def render_text(definition: Definition, sessions: tuple[Session, ...]) -> str:
    """The table for a terminal, one block per year."""
    table = rows(sessions, definition.timezone)
    lines = [definition.name, TITLE]
    for year, year_rows in by_year(table):
        cells = [HEADERS, *(row.cells() for row in year_rows)]
        widths = [max(_width(line[column]) for line in cells) for column in range(len(HEADERS))]

        def line(values: tuple[str, ...], widths: list[int] = widths) -> str:
            padded = (
                value + " " * (width - _width(value))
                for value, width in zip(values, widths, strict=True)
            )
            return "  ".join(padded).rstrip()

        lines += ["", str(year), line(HEADERS), "  ".join("-" * width for width in widths)]
        for row in year_rows:
            lines.append(line(row.cells()))
            if row.note:
                lines.append(f"    ↳ {row.note}")
    return "\n".join(lines) + "\n"


def _session_span(definition: Definition, day: dt.date) -> DateSpan:
    """The days of the nominal session that starts on ``day``, as the rules in force for
    it make it long (a ledger may lengthen sessions from one session on)."""
    return DateSpan(day, day + dt.timedelta(days=definition.rules_at(day).length - 1))


def _period_phrase(period: Period, definition: Definition) -> str | None:
    """The period in words, from its first session; None when it places none up to the
    horizon (a period announced past it, or whose recurrence rule falls on no day before
    the next period starts): the rules tell the sessions published."""
    slots = [day for day, _ in session_slots((period,), definition.horizon)]
    if not slots:
        return None
    first_span, last_span = (
        _session_span(definition, slots[0]),
        _session_span(definition, slots[-1]),
    )
    first = french.short_range(first_span, year=True)
    if period.suspended and period.end is None:
        return f"À partir de la session des {first} : portail fermé jusqu'à nouvel ordre."
    if period.suspended:  # a later block reopened it
        return f"De la session des {first} à la réouverture : portail fermé."
    if period.end is None:
        when = f"À partir de la session des {first}"
    elif len(slots) == 1:
        when = f"Session des {first}"
    else:
        last = french.short_range(last_span, year=True)
        if slots[0].year == slots[-1].year:
            first = french.short_range(first_span)
        when = f"De la session des {first} à celle des {last}"
    if period.rrule is not None:
        return f"{when} : ouverture selon la règle de récurrence {period.rrule}."
    return f"{when} : ouverture {french.cadence(period.every_weeks)}."


def _delivery_phrase(definition: Definition) -> str:
    """The latest delivery rule in words, its weekdays counted from the session's first
    day (J+10) or, for a rule counted from the session's end, from its last day."""
    rules = definition.rules
    rule = rules.delivery
    delay = delivery_delay(rule)
    # Days from the session's first day to the day the rule counts from.
    base = 0
    if rule.counted_from is Anchor.LAST_DAY:
        base = rules.length - 1
    else:
        # J is the Monday even where a session opens from the Friday before.
        delay += f", J étant le {french.WEEKDAYS[rules.weekdays[0]]} de la session"
    first, week = french.weekday_after(rules.weekdays[0], base + rule.first_day)
    last, _ = french.weekday_after(rules.weekdays[0], base + rule.last_day)
    window = f"le {first}" if rule.first_day == rule.last_day else f"entre le {first} et le {last}"
    since = _since(definition, lambda rules: rules.delivery)
    return (
        f"Livraison {window}{french.weeks_later(week, same_week=True)} ({delay}), sauf "
        f"exception{since}."
    )


def _since(definition: Definition, part: Callable[[Rules], object]) -> str:
    """``, à compter de la session des 15-16 mai 2023`` when the latest rules' ``part``
    took over from another one at that session; ``""`` when it has always been so."""
    rulings = definition.rulings
    latest = part(rulings[-1].rules)
    start = rulings[-1].start
    for ruling in reversed(rulings):
        if part(ruling.rules) != latest:
            break
        start = ruling.start
    if start == rulings[0].start:
        return ""
    span = french.short_range(_session_span(definition, start), year=True)
    return f", à compter de la session des {span}"


def _holiday_phrases(definition: Definition) -> list[str]:
    """What the latest rules do about public holidays, when they do something."""
    policy = definition.rules.holidays
    regions = ""
    if policy.regions != {Region.METROPOLE}:
        names = [REGION_LABELS[region] for region in Region if region in policy.regions]
        regions = f" (jours fériés : {french.listing(names)})"
    sentences = []
    since = _since(definition, lambda rules: (rules.holidays.sessions, rules.holidays.regions))
    if policy.sessions is SessionPolicy.PREVIOUS_FRIDAY:
        sentences.append(
            f"Une session qui comprend un jour férié{regions} ouvre dès le vendredi "
            f"précédent{since}."
        )
    elif policy.sessions is SessionPolicy.CLOSE:
        sentences.append(f"Une session qui comprend un jour férié{regions} est fermée{since}.")
    if policy.deliveries is DeliveryPolicy.NEXT_WORKING_DAY:
        since = _since(
            definition, lambda rules: (rules.holidays.deliveries, rules.holidays.regions)
        )
        sentences.append(
            f"Une livraison prévue un jour férié{regions} est reportée au jour ouvré suivant"
            f"{since}."
        )
    return sentences


def rules_in_words(definition: Definition) -> tuple[str, ...]:
    """The definition's rules as short French sentences, for the index page."""
    weekdays = definition.rules.weekdays
    days = [f"le {french.WEEKDAYS[day]}" for day in weekdays]
    hours = definition.rules.hours
    when = ""
    if hours is not None:
        # As the notice states them: the events give each session's own local times.
        when = (
            f", du {french.WEEKDAYS[weekdays[0]]} {french.clock(hours.opens)} au "
            f"{french.WEEKDAYS[weekdays[-1]]} {french.clock(hours.closes)}"
            + french.elsewhere(hours.timezone, definition.timezone)
        )
    sentences = [f"Les sessions de commande ont lieu {french.listing(days)}{when}."]
    phrases = (_period_phrase(period, definition) for period in definition.periods)
    sentences += [phrase for phrase in phrases if phrase is not None]
    # Once the portal is closed until further notice, no session is published after
    # the closure but those announced before it: the horizon no longer says how far
    # the calendar goes.
    if definition.suspended_from is None:
        extent = (
            "Calendrier établi jusqu'à la session commençant au plus tard le "
            f"{french.day_month(definition.horizon, year=True)}."
        )
    elif definition.periods[-1].announced:
        extent = (
            "Les sessions annoncées avant la fermeture du portail restent indiquées, "
            "fermées ; aucune autre n'est publiée."
        )
    else:
        extent = "Aucune session n'est publiée après la fermeture du portail."
    sentences.append(f"Les semaines sans ouverture sont indiquées comme sessions fermées. {extent}")
    sentences.append(_delivery_phrase(definition))
    confirmation = definition.rules.confirmation
    if confirmation is not None:
        day, week = french.weekday_after(definition.rules.weekdays[0], confirmation.day)
        sentences.append(
            "Confirmation de commande consultable à partir du "
            f"{day}{french.weeks_later(week, same_week=True)}, "
            f"à {french.clock(confirmation.time)}"
            f"{french.elsewhere(confirmation.timezone, definition.timezone)}."
        )
    appointments = definition.rules.appointments
    if appointments is not None and appointments.weekday is not None:
        start = f"du {french.WEEKDAYS[appointments.weekday]} qui suit la livraison prévisionnelle"
        sentences.append(f"Rendez-vous de vaccination à planifier à partir {start}.")
    elif appointments is not None:
        after = appointments.days_after_delivery
        if after == 0:
            start = "du dernier jour de livraison"
        elif after == 1:
            start = "du lendemain de la livraison prévisionnelle"
        else:
            start = f"de {after} jours après la livraison prévisionnelle"
        sentences.append(f"Rendez-vous de vaccination à planifier à partir {start}.")
    sentences += _holiday_phrases(definition)
    return tuple(sentences)
