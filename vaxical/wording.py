"""How vaxical's English messages count and list: « 3 published events », « a, b, c and
4 more ». One wording for the guard, the build's notes and the output folder's refusals."""

from __future__ import annotations

from collections.abc import Sequence, Sized

SHOWN = 3
"""How many names a message lists before « and N more »."""


def counted(items: Sized | int, one: str, many: str = "") -> str:
    """``1 published event``, ``1,024 published events``: ``items``, or how many
    (``many``: an irregular plural)."""
    count = items if isinstance(items, int) else len(items)
    return f"1 {one}" if count == 1 else f"{count:,} {many or one + 's'}"


def some(items: Sequence[str], *, more_unknown: bool = False) -> str:
    """The first :data:`SHOWN`, and how many more; ``more_unknown``: the list was cut
    where counting stopped, so there may be more still (« and 4+ more »)."""
    shown = ", ".join(items[:SHOWN])
    if len(items) <= SHOWN:
        return shown
    return f"{shown} and {len(items) - SHOWN:,}{'+' if more_unknown else ''} more"
