"""Advice for the people who publish a schedule: what `vaxical check` and `vaxical build`
warn about. Pure.

A warning does not stop a build: a session on a regional holiday may be right for a
national calendar. It tells the publisher where a "sauf exception" may be needed: a
published date on a public holiday (of any region) or on a weekend, when carriers do
not deliver and the portal's staff do not confirm orders. About the latest block of a
ledger, it names the sessions the publisher may not have meant: run on from an earlier
cadence, changed or added after they were over, or withdrawn. :func:`advice_for` puts
it all in the words `check` and `build` print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaxical.model import Ledger
from vaxical.render.clocks import clock_warnings, early_confirmations
from vaxical.rules import DateSpan, Period, Weekday, add_years
from vaxical.schedule import french
from vaxical.schedule.expand import Session, expand, session_slots
from vaxical.schedule.holidays import Holiday, holiday_on
from vaxical.schedule.zones import local_day


@dataclass(frozen=True, slots=True)
class HolidayWarning:
    day: dt.date
    holiday: Holiday
    what: str
    """What falls on the holiday: ``session des 14-15 août``…"""
    outcome: str
    """What the definition's policy did about it, or what stays as it is."""

    def format(self) -> str:
        return (
            f"{french.long_date(self.day)} : {self.holiday.name} ({self.holiday.where()}) — "
            f"{self.what} ; {self.outcome}"
        )


@dataclass(frozen=True, slots=True)
class WeekendWarning:
    day: dt.date
    what: str
    """What is published on a Saturday or a Sunday: ``livraison de la session des …``."""

    def format(self) -> str:
        return f"{french.long_date(self.day)} : week-end — {self.what} ; publiée un week-end"


Warning = HolidayWarning | WeekendWarning


def _labels(session: Session) -> tuple[str, str, str, str]:
    label = f"session des {french.short_range(session.days, year=True)}"
    return (
        label,
        f"livraison de la {label}",
        f"confirmation de la {label}",
        f"date des rendez-vous de la {label}",
    )


def _holidays_of(session: Session) -> list[HolidayWarning]:
    label, delivery, confirmation, appointments = _labels(session)
    if session.closed_for is not None:
        closed = session.closed_for
        return [HolidayWarning(closed.day, closed, label, "fermée par la règle [holidays]")]
    order = session.order
    if order is None:
        return []
    found: list[HolidayWarning] = []

    def on(day: dt.date, what: str, outcome: str) -> None:
        holiday = holiday_on(day)
        if holiday is not None:
            found.append(HolidayWarning(day, holiday, what, outcome))

    early = session.opened_early_for
    for day in session.days.days():
        if early is not None and day == early.day:
            found.append(HolidayWarning(day, early, label, "ouverte dès le vendredi précédent"))
        else:
            on(day, label, "ouverte")
    # One outcome per day of the delivery: a holiday that moved the window is inside the
    # moved window when it fell mid-window (Toussaint on a Friday: Thursday to Monday),
    # and is then reported as the reason of the move, not as kept as well.
    moved = {holiday.day: holiday for holiday in order.moved_for}
    shifted = f"livraison décalée au {french.short_range(order.delivery)}"
    for day in sorted(moved.keys() | set(order.delivery.days())):
        if day in moved:
            found.append(HolidayWarning(day, moved[day], delivery, shifted))
        else:
            on(day, delivery, "maintenue")
    if order.confirmation is not None:
        on(order.confirmation.date(), confirmation, "maintenue")
    if order.appointments is not None:
        on(order.appointments, appointments, "maintenue")
    return found


def holiday_warnings(sessions: tuple[Session, ...]) -> tuple[HolidayWarning, ...]:
    """Sessions, delivery days, confirmations and appointments dates that fall on a
    holiday in any region: one warning per day and thing, with what was done about it."""
    warnings = [warning for session in sessions for warning in _holidays_of(session)]
    return tuple(sorted(warnings, key=lambda warning: (warning.day, warning.what)))


def _weekend(day: dt.date) -> bool:
    return day.weekday() >= Weekday.SATURDAY


def weekend_warnings(sessions: tuple[Session, ...]) -> tuple[WeekendWarning, ...]:
    """Published dates on a weekend: the first or last day of an open session (a session
    moved to a Saturday) or of a delivery window (a moved session's J+10 can be a
    Saturday), a confirmation, and an appointments start on a Sunday. A Saturday
    appointments start is the notice's own rule (the day after a Friday delivery;
    pharmacies are open on Saturdays) and is not warned about, nor a weekend inside a
    session (sessions stretched over a holiday from the Friday before)."""
    warnings: list[WeekendWarning] = []
    for session in sessions:
        order = session.order
        if order is None:
            continue
        label, delivery, confirmation, appointments = _labels(session)
        days = sorted({session.days.first, session.days.last})
        warnings += [WeekendWarning(day, label) for day in days if _weekend(day)]
        ends = sorted({order.delivery.first, order.delivery.last})
        warnings += [WeekendWarning(day, delivery) for day in ends if _weekend(day)]
        moment = order.confirmation
        if moment is not None and _weekend(moment.date()):
            warnings.append(WeekendWarning(moment.date(), confirmation))
        day = order.appointments
        if day is not None and day.weekday() == Weekday.SUNDAY:
            warnings.append(WeekendWarning(day, appointments))
    return tuple(warnings)


def schedule_warnings(sessions: tuple[Session, ...]) -> tuple[Warning, ...]:
    """Every warning of :func:`holiday_warnings` and :func:`weekend_warnings`, by day; a
    weekend day that is also a holiday is said once, as the holiday (its date names the
    weekday)."""
    holidays = holiday_warnings(sessions)
    said = {(warning.day, warning.what) for warning in holidays}
    weekends = [w for w in weekend_warnings(sessions) if (w.day, w.what) not in said]
    every: list[Warning] = [*holidays, *weekends]
    return tuple(sorted(every, key=lambda warning: (warning.day, warning.what)))


@dataclass(frozen=True, slots=True)
class GapWarning:
    """Sessions a block's new horizon brings in that no block of the ledger changed: the
    earlier blocks' open-ended cadence runs on up to the first period the block states.
    Right if the portal stayed open meanwhile; if it closed (a campaign ended), the
    calendar invents them."""

    block: int
    reference: str
    dates: tuple[dt.date, dt.date]
    """The dates of the block before and of this one: a block between them is dated so."""
    previous_horizon: dt.date
    first_period: dt.date
    """The start of the first period the block states."""
    sessions: tuple[dt.date, ...]
    """The first day of each session the cadence opens in the gap."""

    def format(self) -> str:
        first, last = self.sessions[0], self.sessions[-1]
        # Each session by its first day: one is said once, in the singular.
        if len(self.sessions) == 1:
            which, follow = f"1 session ouverte, celle du {french.long_date(first)},", "suit"
        else:
            which = (
                f"{french.number(len(self.sessions))} sessions ouvertes du "
                f"{french.long_date(first)} au {french.long_date(last)},"
            )
            follow = "suivent"
        return (
            f"revisions[{self.block}] ({self.reference}) : {which} après l'horizon précédent "
            f"({french.long_date(self.previous_horizon)}) et avant la première période du "
            f"bloc ({french.long_date(self.first_period)}), {follow} les règles des blocs "
            "précédents. Si le portail était fermé entre-temps, "
            f"ajoutez avant ce bloc un bloc {self._dated()} qui le ferme à compter du "
            f"{french.long_date(first)} ([[revisions.periods]] avec "
            f"`closed_until_further_notice = true`, et `horizon = {first.isoformat()}`) ; "
            "s'il est resté ouvert, une période de ce bloc qui commence à cette date le dit."
        )

    def _dated(self) -> str:
        """When the block to add before this one is dated: between the two blocks'."""
        earlier, later = self.dates
        if earlier == later:
            return f"daté du {french.long_date(later)}"
        return f"daté entre le {french.long_date(earlier)} et le {french.long_date(later)}"


def _cadence(period: Period) -> tuple[object, ...]:
    """What a period says, but where it ends: a block that only cut an earlier period
    short (by starting one of its own) did not state it again."""
    return (period.start, period.every_weeks, period.rrule, period.closed_weeks, period.suspended)


def gap_warning(ledger: Ledger) -> GapWarning | None:
    """The sessions between the horizon before the ledger's latest block and the first
    period that block states, when it moves the horizon on: see :class:`GapWarning`.
    A block that states no period of its own (rules, exceptions) extends the cadence as
    it stands, which is what moving the horizon on most often means: no warning."""
    if len(ledger.states) < 2:
        return None
    before, after = ledger.states[-2], ledger.states[-1]
    if after.horizon <= before.horizon:
        return None
    stated = {_cadence(period) for period in before.periods}
    changes = [period.start for period in after.periods if _cadence(period) not in stated]
    later = [day for day in changes if day > before.horizon]
    if not later or len(later) < len(changes):
        return None  # no period of its own, or one from within the old horizon
    first_period = min(later)
    if first_period <= before.horizon + dt.timedelta(days=1):
        return None  # the block's period starts the day after the old horizon: no gap
    gap = DateSpan(before.horizon + dt.timedelta(days=1), first_period - dt.timedelta(days=1))
    opened = tuple(
        day
        for day, is_open in session_slots(after.periods, gap.last)
        if is_open and gap.first <= day
    )
    if not opened:
        return None
    revision = ledger.revisions[-1]
    dates = (ledger.revisions[-2].notice.date, revision.notice.date)
    return GapWarning(
        revision.number, revision.notice.reference, dates, before.horizon, first_period, opened
    )


def withdrawn(ledger: Ledger) -> tuple[Session, ...]:
    """The sessions the latest block takes off the calendar by bringing the horizon
    forward: published before, beyond the new horizon now."""
    if len(ledger.states) < 2:
        return ()
    before, after = ledger.states[-2], ledger.states[-1]
    if after.horizon >= before.horizon:
        return ()
    return tuple(session for session in expand(before) if session.nominal > after.horizon)


def in_the_past(
    ledger: Ledger, sessions: tuple[Session, ...], day: dt.date
) -> tuple[tuple[Session, ...], tuple[Session, ...]]:
    """Of ``sessions`` (the ledger's as its latest block leaves them), those over by
    ``day`` (that block's) that the block changed, then those it added: right for a
    correction of the record, a typo otherwise (a session of February closed for one of
    March), or a campaign published after the fact. Compared with the calendar as the
    block before left it; the first block made every session: none."""
    if len(ledger.states) < 2:
        return (), ()
    before = {session.nominal: session for session in expand(ledger.states[-2])}
    changed: list[Session] = []
    added: list[Session] = []
    for session in sessions:
        old = before.get(session.nominal)
        # Over by then as it was or as it is now (a past session moved to the future too).
        last = session.days.last if old is None else min(old.days.last, session.days.last)
        if last >= day:
            continue
        if old is None:
            added.append(session)
        elif (old.days, old.order) != (session.days, session.order):
            changed.append(session)
    return tuple(changed), tuple(added)


def advice_for(
    ledger: Ledger, sessions: tuple[Session, ...], *, published: int | None = None
) -> list[list[str]]:
    """What `check` and `build` both say about a calendar (``sessions``: the ledger's as
    its latest block leaves them): groups of a heading and its lines, indented. The first
    is about the published dates, or is one line that there is none to check. Then, about
    the latest block: the sessions it lets the earlier cadence publish past the old
    horizon, the ones it changed or added though they were over on its day, and the ones
    it withdrew by bringing the horizon forward.

    Dates only from the latest revision's day on: the publisher can act on those; the
    earlier ones were checked with the revisions that made them, and a warning about
    them, repeated at every build of a calendar that lives for years, could be silenced
    by nothing. ``published``: how many first blocks a published build holds (``build
    --previous``); when several were appended since, the dates from the first of them on,
    which no build checked either."""
    zone = ledger.current.timezone
    last = len(ledger.revisions) - 1
    first = last if published is None else min(published, last)
    since = local_day(ledger.revisions[first].date, zone)
    found = [w for w in schedule_warnings(sessions) if w.day >= since]
    which = "de la dernière révision" if first == last else "de la première révision non publiée"
    scope = (
        f"à partir du {french.day_month(since, year=True)}, jour {which} "
        "(jours fériés de toutes les régions, week-ends)"
    )
    if found:
        groups = [
            [
                f"{french.counted(len(found), 'date')} à vérifier {scope} :",
                *(f"  {w.format()}" for w in found),
            ]
        ]
    else:
        groups = [[f"aucune date à vérifier {scope}"]]
    gap = gap_warning(ledger)
    if gap is not None:
        groups.append(
            [
                "sessions que le nouvel horizon ajoute selon les règles des blocs précédents :",
                f"  {gap.format()}",
            ]
        )
    in_gap = set(gap.sessions) if gap is not None else set()
    changed, added = in_the_past(ledger, sessions, since)
    said = f"sessions déjà passées le {french.day_month(since, year=True)} que la dernière révision"
    if changed:
        groups.append(
            [
                f"{said} change (une correction ? sinon, une date à revoir) :",
                *(f"  {_session_line(session)}" for session in changed),
            ]
        )
    added = tuple(session for session in added if session.nominal not in in_gap)
    if added:
        groups.append(
            [
                f"{said} ajoute (publiées après coup : le portail était-il ouvert ?) :",
                *(f"  {_session_line(session)}" for session in added),
            ]
        )
    groups.extend([line] for line in _after_the_horizon(ledger))
    groups.extend([line] for line in clock_warnings(ledger))
    early = early_confirmations(sessions, zone, since)
    if early:
        groups.append(
            [
                "confirmations affichées avant la fermeture du portail (une session "
                "allongée ? la confirmation suit d'ordinaire la fermeture) :",
                *(f"  {line}" for line in early),
            ]
        )
    gone = withdrawn(ledger)
    if gone:
        horizon = french.day_month(ledger.current.horizon, year=True)
        groups.append(
            [
                f"sessions publiées que la dernière révision retire en avançant l'horizon au "
                f"{horizon} :",
                *(f"  {_session_line(session)}" for session in gone),
            ]
        )
    return groups


def _after_the_horizon(ledger: Ledger) -> list[str]:
    """What the latest block dates after the horizon, a typo in a year most often: rules
    from a session no session follows yet (rules announced ahead are allowed), and its
    own date more than a year past the last session (a late notice is allowed; once
    published, every later block must be dated after it)."""
    current, said = ledger.current, []
    horizon = french.day_month(current.horizon, year=True)
    ruling = current.rulings[-1]
    before = ledger.states[-2].rulings if len(ledger.states) > 1 else ()
    if ruling.start > current.horizon and ruling not in before:
        said.append(
            f"règles applicables à compter du {french.day_month(ruling.start, year=True)}, "
            f"après l'horizon ({horizon}) : aucune session ne les suit encore (l'année de "
            "`from` est-elle la bonne ?)"
        )
    revision = ledger.revisions[-1]
    if revision.notice.date > add_years(current.horizon, 1):
        said.append(
            f"revisions[{revision.number}] daté du "
            f"{french.day_month(revision.notice.date, year=True)}, plus d'un an après "
            f"l'horizon ({horizon}) : une fois publié, tout bloc suivant devra être daté "
            "après lui (l'année de `date` est-elle la bonne ?)"
        )
    return said


def _session_line(session: Session) -> str:
    state = "ouverte" if session.is_open else "fermée"
    return f"session des {french.short_range(session.days, year=True)} ({state})"
