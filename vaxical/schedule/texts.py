"""The French texts of events: what each says, as the notices word it, and the notice it cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vaxical.model import Definition, Notice
from vaxical.rules import Anchor, AppointmentsRule, ConfirmationRule, DeliveryRule, Rules
from vaxical.schedule import french
from vaxical.schedule.expand import Order, Session

SUSPENDED = "portail fermé jusqu'à nouvel ordre"
"""Why a closure until further notice closes a session (its events, the change log)."""


def source_notice(definition: Definition, day: dt.date) -> Notice:
    """The newest notice published on or before ``day``; the oldest for earlier days."""
    published = [notice for notice in definition.notices if notice.date <= day]
    return published[0] if published else definition.notices[-1]


def rules_of(session: Session) -> Rules:
    assert session.rules is not None  # noqa: S101 - expand() always sets them
    return session.rules


def _note(rule: ConfirmationRule | AppointmentsRule | None) -> str:
    return rule.note if rule is not None else ""


def delivery_delay(rule: DeliveryRule) -> str:
    """The delivery rule's delay as notices write it: ``J+10``, or, counted from the
    session's end, ``2 jours après la session``."""
    if rule.counted_from is Anchor.LAST_DAY:
        return f"{rule.first_day} jour{'s' if rule.first_day > 1 else ''} après la session"
    return f"J+{rule.first_day}"


def moved_for_holidays(order: Order) -> str:
    """Why a delivery window moved by the holiday policy, or ``""``."""
    if not order.moved_for:
        return ""
    days = " ; ".join(french.holiday(h.day, h.name) for h in order.moved_for)
    return f"Livraison décalée au jour ouvré suivant : {days}."


class Writer:
    """The French texts of one calendar's events."""

    def __init__(self, definition: Definition, sources: Mapping[dt.date, Notice]) -> None:
        self.definition = definition
        self.sources = sources
        # Links as plain text: Google ignores the URL property (rule 15). The portal link
        # goes only where the pharmacist acts on it, to keep feeds small (rule 19).
        self.portal = f"Outil de commande : {definition.portal_url}"
        self.site = f"Calendrier complet et abonnements : {definition.base_url}"
        self._footers: dict[tuple[Notice, bool], str] = {}

    def _join(self, session: Session, *parts: str, portal: bool = False) -> str:
        """The text, then the links. The source cited is the notice that made the session
        what it is (:func:`vaxical.history.revisions.publish`), or the notice in force
        when it starts: a new notice then changes only the events it governs, not every
        event of every subscriber."""
        footer = self._footer(self.source(session), portal)
        return "\n".join(part for part in parts if part) + "\n\n" + footer

    def _footer(self, notice: Notice, portal: bool) -> str:
        """The links and the notice cited, written once per notice: a calendar's events
        cite a few notices, and each session's four or five events the same one."""
        key = (notice, portal)
        footer = self._footers.get(key)
        if footer is None:
            source = f"Source : {french.cited(notice.reference, notice.date)} – {notice.url}"
            links = (self.portal, self.site) if portal else (self.site,)
            footer = self._footers[key] = "\n".join((*links, source))
        return footer

    def _closed_reason(self, session: Session) -> str:
        if session.suspended:
            return f"Motif : {SUSPENDED}."
        if session.exception is not None and session.exception.close:
            return f"Motif : {session.exception.reason}"
        if session.closed_for is not None:
            holiday = session.closed_for
            return f"Motif : {french.holiday(holiday.day, holiday.name)}."
        for period in self.definition.periods:
            ended = period.end is not None and session.nominal > period.end
            if period.start <= session.nominal and not ended:
                if period.rrule is None:
                    return f"Motif : ouverture {french.cadence(period.every_weeks)}."
                return "Motif : calendrier d'ouverture."
        return ""

    def _changes(self, session: Session) -> str:
        exception = session.exception
        if exception is None or exception.close:
            return ""
        lines = []
        if session.change:
            planned = french.long_range(session.planned)
            lines.append(f"Session {session.change} (prévue initialement {planned}).")
        if exception.open:
            lines.append("Ouverture exceptionnelle.")
        if exception.delivery is not None:
            lines.append("Livraison modifiée.")
        lines.append(f"Motif : {exception.reason}")
        return "\n".join(lines)

    def _delivery_line(self, session: Session, order: Order) -> str:
        exception = session.exception
        if exception is not None and exception.delivery is not None:
            how = "date indicative, modifiée par exception"
        elif order.moved_for:
            how = "date indicative, décalée au jour ouvré suivant"
        else:
            rule = rules_of(session).delivery
            how = delivery_delay(rule)
            if rule.counted_from is Anchor.FIRST_DAY and order.j != session.days.first:
                # Opened from the Friday before, or made longer at both ends: J stays the
                # Monday (DGS-Urgent 2023-08: 26-30 May 2023, J+10 from Monday 29 May).
                how += f", J étant le {french.long_date(order.j, year=False)}"
            how += ", date indicative, sauf exception"
        return f"{french.between(order.delivery)} ({how})"

    def closed_session(self, session: Session, next_open: Session | None) -> tuple[str, str]:
        product = self.definition.product
        following = f"Prochaine session : {french.long_range(next_open.days)}." if next_open else ""
        return (
            f"Portail de commande fermé – {product}",
            self._join(
                session,
                f"Pas de session de commande ({product}) {french.long_range(session.days)}.",
                self._closed_reason(session),
                following,
            ),
        )

    def source(self, session: Session) -> Notice:
        """The notice the session's events cite."""
        return self.sources.get(session.nominal) or source_notice(
            self.definition, session.days.first
        )

    def _clock(self, session: Session, moment: dt.datetime) -> str:
        """A confirmation time, with the time in the zone the notice states it in when
        that is not the calendar's ("13h00 (18h00, heure de Paris)")."""
        text = french.clock(moment.time())
        rule = rules_of(session).confirmation
        if rule is None or rule.timezone in (None, self.definition.timezone):
            return text
        return f"{text} ({french.clock(rule.time)}, {french.zone_name(rule.timezone)})"

    def _opening(self, session: Session) -> str:
        product = self.definition.product
        hours = rules_of(session).hours
        tzid = self.definition.timezone
        portal = session.portal(tzid)
        if hours is None or portal is None:
            text = f"Session de commande ({product}) : {french.long_range(session.days)}."
        else:
            opens, closes = portal
            text = (
                f"Session de commande ({product}) : du "
                f"{french.long_date(opens.date(), year=False)} à {french.clock(opens.time())} "
                f"au {french.long_date(closes.date(), year=False)} à "
                f"{french.clock(closes.time())}"
            )
            if hours.timezone not in (None, tzid):
                # As confirmations say it: the local time, then the notice's.
                first_day, last_day = session.days.first, session.days.last
                text += (
                    f" ({french.WEEKDAYS[first_day.weekday()]} {french.clock(hours.opens)} – "
                    f"{french.WEEKDAYS[last_day.weekday()]} {french.clock(hours.closes)}, "
                    f"{french.zone_name(hours.timezone)})"
                )
            text += "."
        holiday = session.opened_early_for
        if holiday is not None:
            text += (
                " Ouverte dès le vendredi précédent en raison du "
                f"{french.holiday(holiday.day, holiday.name)}."
            )
        return text

    def open_session(self, session: Session, order: Order) -> tuple[str, str]:
        product = self.definition.product
        confirmation = order.confirmation
        return (
            f"Portail de commande ouvert – {product}",
            self._join(
                session,
                self._opening(session),
                self._changes(session),
                moved_for_holidays(order),
                f"Livraison : {self._delivery_line(session, order)}.",
                f"Confirmation de commande : {french.long_date(confirmation.date())} "
                f"à partir de {self._clock(session, confirmation)}."
                if confirmation is not None
                else "",
                f"Rendez-vous : à planifier à partir du {french.long_date(order.appointments)}."
                if order.appointments is not None
                else "",
                portal=True,
            ),
        )

    def delivery(self, session: Session, order: Order) -> tuple[str, str]:
        exception = session.exception
        changed = (
            f"Livraison modifiée. Motif : {exception.reason}"
            if exception is not None and (exception.delivery is not None or exception.move_to)
            else moved_for_holidays(order)
        )
        product = self.definition.product
        return (
            f"Livraison – {product} (commande du {french.short_range(session.days)})",
            self._join(
                session,
                f"Commande passée {french.long_range(session.days)} : "
                f"livraison {self._delivery_line(session, order)}.",
                changed,
                rules_of(session).delivery.note,
            ),
        )

    def confirmation(self, session: Session, moment: dt.datetime) -> tuple[str, str]:
        return (
            f"Confirmation de commande visible – {self.definition.product}",
            self._join(
                session,
                f"La confirmation de la commande passée {french.long_range(session.days)} est "
                f"consultable à partir du {french.long_date(moment.date())} "
                f"à {self._clock(session, moment)}.",
                _note(rules_of(session).confirmation),
                portal=True,
            ),
        )

    def appointments(self, session: Session, order: Order, day: dt.date) -> tuple[str, str]:
        return (
            f"Début des rendez-vous – {self.definition.product}",
            self._join(
                session,
                "Il est recommandé de planifier les rendez-vous de vaccination à partir du "
                f"{french.long_date(day)}, après la livraison prévue "
                f"{french.between(order.delivery)} (commande du "
                f"{french.short_range(session.days)}).",
                _note(rules_of(session).appointments),
            ),
        )
