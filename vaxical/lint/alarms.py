"""Rule 16: no alarm in a main feed, and in the opt-in reminders feed, alarms that ring.

An alarm rings only if a client understands its ACTION and TRIGGER and finds what that
action shows or sends (RFC 5545 §3.6.6): a value it cannot read is an alarm it drops,
without a word. A theme of its own (the registered check and the values it reads), kept
apart from :mod:`vaxical.lint.rules`; the table keeps the document's order.
"""

from __future__ import annotations

from typing import Final

from vaxical.lint.lines import Component, Feed, clip
from vaxical.lint.octets import Report
from vaxical.lint.registry import component_rule
from vaxical.lint.values import is_duration, is_utc_time

READ: Final = frozenset({"ACTION", "TRIGGER", "DESCRIPTION", "SUMMARY", "ATTENDEE"})
"""What the check reads of an alarm: the reader keeps these."""

NEEDS: Final = {
    "AUDIO": (),
    "DISPLAY": ("DESCRIPTION",),
    "EMAIL": ("DESCRIPTION", "SUMMARY", "ATTENDEE"),
    "NONE": (),
}
"""Each ACTION of RFC 5545 §3.6.6, and what its alarm must state besides ACTION and
TRIGGER (an EMAIL alarm at least one ATTENDEE). NONE (RFC 9074 §7) is an alarm meant not
to ring, which shows nothing: Apple Calendar writes one in place of a default alarm."""

_FIX: Final = "write ACTION:DISPLAY, TRIGGER and DESCRIPTION."
"""The fix of an alarm without an ACTION a client knows: a DISPLAY alarm, whole."""


def _fix(kind: str, missing: list[str]) -> str:
    """What an alarm lacks, as its fix: for a known ACTION, only the properties missing,
    its kind kept (a NONE placeholder told to become DISPLAY would ring, and an EMAIL
    alarm told what DISPLAY needs would stay broken); else :data:`_FIX`."""
    if kind not in NEEDS:
        return _FIX
    names = ["an ATTENDEE" if name == "ATTENDEE" else name for name in missing]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"write its {listed}."


@component_rule(16, "no alarms", "client behaviour; RFC 5545 §3.6.6", "in event", "other")
def no_alarms(component: Component, feed: Feed, report: Report) -> None:
    """In a subscription, alarms are ignored (Google, Outlook), stripped (Apple) or rung
    again after every refresh (Thunderbird): only an opt-in feed carries them. There, an
    alarm whose ACTION or TRIGGER a client cannot read, or that lacks what its action
    shows, never rings. (A VTODO's alarm is "other": what is not in an event nor a zone.)"""
    if component.name != "VALARM":
        return
    if not feed.alarms_allowed:
        message = "an alarm in a main feed (ignored, stripped or fired again by clients)."
        fix = (
            "offer alarms in a separate opt-in feed (vaxical lint accepts them in a "
            "*-rappels.ics file, or with --allow-alarms)."
        )
        report(component.line, message, fix)
        return
    action = component.first("ACTION")
    kind = "" if action is None else action.value.upper()
    needs = NEEDS.get(kind, NEEDS["DISPLAY"])  # an action not understood: fixed as DISPLAY
    missing = [name for name in ("ACTION", "TRIGGER", *needs) if component.first(name) is None]
    if missing:
        message = f"the alarm has no {' and no '.join(missing)}."
        report(component.line, message, _fix(kind, missing))
    if action is not None and kind not in NEEDS:
        message = (
            f"ACTION:{clip(action.value)} is not AUDIO, DISPLAY, EMAIL or NONE: clients do "
            "not understand it, and the alarm never rings (RFC 5545 §3.6.6)."
        )
        report(action.number, message, "write ACTION:DISPLAY (and DESCRIPTION).")
    trigger = component.first("TRIGGER")
    if trigger is not None:
        _trigger(trigger.number, trigger.params.get("VALUE", "").upper(), trigger.value, report)


def _trigger(line: int, kind: str, value: str, report: Report) -> None:
    """A TRIGGER is a duration from the event (RFC 5545 §3.8.6.3), or with VALUE=DATE-TIME
    a moment, which must be in UTC."""
    if kind == "DATE-TIME":
        if not is_utc_time(value):
            message = (
                f"TRIGGER;VALUE=DATE-TIME:{clip(value)} is not a UTC date-time (RFC 5545 §3.8.6.3)."
            )
            report(line, message, "write it as YYYYMMDDTHHMMSSZ, or as a duration: -PT15M.")
    elif not is_duration(value):
        message = f"TRIGGER:{clip(value)} is not a duration (RFC 5545 §3.3.6)."
        report(line, message, "write a duration before or after the start: -PT15M, PT9H, P1DT9H.")
