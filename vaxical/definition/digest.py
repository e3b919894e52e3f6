"""A ledger's digest: what it says, read as data (:attr:`vaxical.model.Ledger.digest`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json


def digest(data: object) -> str:
    """SHA-256 of TOML data: what it says, whatever its comments, layout, key order or
    quoting. A build records its ledger's (:attr:`Ledger.digest`) in each calendar's JSON,
    so that the next ``--previous`` build can tell an edit of the ledger from a change in
    what vaxical writes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=_tagged)
    return hashlib.sha256(text.encode()).hexdigest()


def _tagged(value: object) -> dict[str, str]:
    """TOML's dates and times as JSON: ISO 8601 (with the offset when one is given),
    tagged with their type, so that a date and the same text as a string differ."""
    if isinstance(value, dt.date | dt.time):
        return {type(value).__name__: value.isoformat()}
    raise TypeError(f"not TOML data: {value!r}")
