"""Which events go in which feed, the feeds' public file names and their subscribe links.

File names are public URLs that subscribers keep for years: never rename a feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from vaxical.model import Definition
from vaxical.schedule import french
from vaxical.schedule.events import Event, Kind


@dataclass(frozen=True, slots=True)
class Feed:
    """One published .ics file of a calendar."""

    suffix: str
    """Appended to the calendar id to form the file name: ``""`` or ``-livraisons``."""
    title: str
    """Appended to the calendar's name in clients' calendar lists."""
    purpose: str
    """Which need the feed serves, for the index page. ``{confirmation}`` and ``{reminders}``
    stand for `` (when)``, as the calendar's own rules place them (see :func:`feed_purpose`):
    a time or a weekday is never written here."""
    kinds: frozenset[Kind]
    optional: bool = False
    """Published only when the definition asks for it (the reminders feed)."""

    def filename(self, calendar_id: str) -> str:
        return f"{calendar_id}{self.suffix}.ics"

    def select(self, events: tuple[Event, ...]) -> tuple[Event, ...]:
        return tuple(event for event in events if event.kind in self.kinds)


FEEDS: tuple[Feed, ...] = (
    Feed(
        "",
        "Tout",
        "Tout le calendrier dans un seul agenda : sessions, livraisons, confirmations et "
        "rendez-vous.",
        frozenset(Kind) - {Kind.REMINDER},
    ),
    Feed(
        "-sessions",
        "Sessions de commande",
        "Les jours où le portail est ouvert ou fermé, pour ne pas manquer une commande.",
        frozenset({Kind.SESSION_OPEN, Kind.SESSION_CLOSED}),
    ),
    Feed(
        "-livraisons",
        "Livraisons",
        "Les livraisons indicatives, pour organiser la réception et le stockage.",
        frozenset({Kind.DELIVERY}),
    ),
    Feed(
        "-confirmations",
        "Confirmations de commande",
        "Le moment où la confirmation de commande devient consultable{confirmation}.",
        frozenset({Kind.CONFIRMATION}),
    ),
    Feed(
        "-rendez-vous",
        "Début des rendez-vous",
        "Le premier jour recommandé pour les rendez-vous de vaccination, par exemple "
        "pour l'agenda de prise de rendez-vous.",
        frozenset({Kind.APPOINTMENTS}),
    ),
    Feed(
        "-rappels",
        "Rappels",
        "Les sessions de commande avec des alarmes{reminders}. À part, car les agendas "
        "ne traitent pas tous de la même façon les alarmes des abonnements.",
        frozenset({Kind.REMINDER}),
        optional=True,
    ),
)


def _weekday_after(definition: Definition, days: int) -> str:
    """The weekday ``days`` after a session's first day, and its week when not the same:
    ``mercredi``, ``jeudi de la semaine suivante``."""
    weekday, weeks = french.weekday_after(definition.rules.weekdays[0], days)
    return weekday + french.weeks_later(weeks)


def confirmation_moment(definition: Definition) -> str:
    """When the latest rules make an order confirmation visible: ``mercredi, 18h00``;
    ``mercredi, 18h00, heure de Paris`` when they state it in another zone than the
    calendar's; ``""`` when they announce none."""
    rule = definition.rules.confirmation
    if rule is None:
        return ""
    text = f"{_weekday_after(definition, rule.day)}, {french.clock(rule.time)}"
    return text + french.elsewhere(rule.timezone, definition.timezone)


def reminder_moments(definition: Definition) -> str:
    """When the reminders feed's alarms fire: ``le premier jour à 9h00 et le dernier jour
    à 9h00``. The first and the last day are named as such, not as weekdays: they follow
    a session opened from the Friday before (events._alarms)."""
    last = definition.rules.length - 1
    moments = []
    for reminder in definition.reminders:
        if reminder.day == -1:
            day = "la veille"
        elif reminder.day < 0:
            day = f"{-reminder.day} jours avant la session"
        elif reminder.day == 0:
            day = "le jour de la session" if last == 0 else "le premier jour"
        elif reminder.day == last:
            day = "le dernier jour"
        elif reminder.day < last:  # counted from the first day, whatever weekday it is
            day = f"le {french.ordinal(reminder.day + 1)} jour"
        else:
            day = f"le {_weekday_after(definition, reminder.day)}"
        moments.append(f"{day} à {french.clock(reminder.time)}")
    return french.listing(moments)


def feed_purpose(definition: Definition, feed: Feed) -> str:
    """The feed's purpose for this calendar, its times and weekdays taken from the rules."""
    moments = {
        "confirmation": confirmation_moment(definition),
        "reminders": reminder_moments(definition),
    }
    return feed.purpose.format(
        **{key: f" ({text})" if text else "" for key, text in moments.items()}
    )


def carries_alarms(file_name: str) -> bool:
    """Whether a feed of that name is one that carries alarms (the reminders feed)."""
    return any(file_name.endswith(f"{feed.suffix}.ics") for feed in FEEDS if feed.optional)


def feeds_of(definition: Definition) -> tuple[Feed, ...]:
    """The feeds one calendar publishes."""
    return tuple(feed for feed in FEEDS if not feed.optional or definition.reminders)


@dataclass(frozen=True, slots=True)
class CalendarFiles:
    """The public file names of one calendar: URLs subscribers and programs keep for
    years. The one place that names them."""

    feeds: tuple[str, ...]
    json: str
    csv: str
    spreadsheet: str
    """The CSV as Excel writes it in French (:mod:`vaxical.render.csvdoc`)."""
    atom: str
    page: str

    def all(self) -> list[str]:
        return [*self.feeds, self.json, self.csv, self.spreadsheet, self.atom, self.page]


def files_of(definition: Definition) -> CalendarFiles:
    return files_named(definition.id, feeds_of(definition))


def files_named(calendar_id: str, feeds: Sequence[Feed]) -> CalendarFiles:
    """The files of calendar ``calendar_id`` that publishes ``feeds`` (a retired one's
    are its published files, whatever definition it had)."""
    return CalendarFiles(
        feeds=tuple(feed.filename(calendar_id) for feed in feeds),
        json=f"{calendar_id}.json",
        csv=f"{calendar_id}.csv",
        spreadsheet=f"{calendar_id}-tableur.csv",
        atom=f"{calendar_id}.atom",
        page=f"{calendar_id}.html",
    )


def calendar_files(definition: Definition) -> list[str]:
    """Every file one calendar publishes: feeds, JSON, the two CSVs, Atom change log and
    page."""
    return files_of(definition).all()


INDEX = "index.html"
"""The page of a build: the calendar's own, or the list of several."""
CATALOG = "calendars.json"
"""Every calendar of a build and where its files are (render/catalog.py)."""
CALENDAR_SCHEMA = "vaxical-calendar.schema.json"
"""The JSON Schema of each ``<id>.json``, published beside it."""
CATALOG_SCHEMA = "vaxical-calendars.schema.json"
"""The JSON Schema of :data:`CATALOG`, published beside it."""
HEADERS = "_headers"
"""What the host serves each file with (render/headers.py)."""
BUILD_FILES = (INDEX, CATALOG, CALENDAR_SCHEMA, CATALOG_SCHEMA, HEADERS)
"""The files a build writes about all its calendars (render/files.py assemble): no
calendar's own file may take one of these names (tests/test_site.py holds the two lists
to a build's files)."""


@dataclass(frozen=True, slots=True)
class SubscribeLinks:
    """The link forms of docs/calendar-clients.md rule 21 for one feed."""

    https: str
    """The plain URL: download link, copyable address, and what Outlook.com needs."""
    webcal: str
    """Apple Calendar, Thunderbird, classic Outlook."""
    google: str
    outlook_com: str
    microsoft_365: str


def feed_name(definition: Definition, feed: Feed) -> str:
    return named(definition.name, feed)


def named(name: str, feed: Feed) -> str:
    """The feed's name in clients' calendar lists, for a calendar called ``name``."""
    return name if not feed.suffix else f"{name} – {feed.title}"


def webcal(https: str) -> str:
    """The ``webcal://`` address of a feed's https one (rule 21)."""
    parts = urlsplit(https)
    return urlunsplit(("webcal", parts.netloc, parts.path, "", ""))


def subscribe_page(definition: Definition) -> str:
    """The address of the calendar page's subscribe block, which its QR code holds: on a
    phone, the page's buttons subscribe (rule 21), where the feed's own https address,
    opened in the browser, downloads a copy that an iPhone imports once. The anchor is
    the block's id in templates/index.html."""
    return f"{definition.base_url}{files_of(definition).page}#{definition.id}-abonnement"


def subscribe_links(definition: Definition, feed: Feed) -> SubscribeLinks:
    https = definition.base_url + feed.filename(definition.id)
    webcal_url = webcal(https)
    name = quote(feed_name(definition, feed), safe="")
    encoded_https = quote(https, safe="")
    return SubscribeLinks(
        https=https,
        webcal=webcal_url,
        google="https://calendar.google.com/calendar/render?cid=" + quote(webcal_url, safe=""),
        outlook_com=(
            f"https://outlook.live.com/calendar/0/addfromweb?url={encoded_https}&name={name}"
        ),
        microsoft_365=(
            f"https://outlook.office.com/calendar/0/addfromweb?url={encoded_https}&name={name}"
        ),
    )
