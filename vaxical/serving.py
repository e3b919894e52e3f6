"""What static hosts need to serve the files right (docs/calendar-clients.md rule 20). Pure.

``_headers`` is read by Netlify and Cloudflare Pages; the README has the same rules for
nginx and Apache. GitHub Pages ignores it (and already serves .ics as text/calendar).
"""

from __future__ import annotations

from collections.abc import Sequence

from vaxical.feeds import calendar_files
from vaxical.model import Definition

CONTENT_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
}


def render_headers(definitions: Sequence[Definition]) -> bytes:
    lines = [
        "# Served by hosts that read _headers (Netlify, Cloudflare Pages). Feeds: the type",
        "# calendar clients expect, cached as long as their refresh hint, and no-transform so",
        "# that proxies and CDNs that honour it do not compress or alter them.",
    ]
    for definition in sorted(definitions, key=lambda d: d.id):
        max_age = definition.refresh_hours * 3600
        for name in calendar_files(definition):
            suffix = name[name.rindex(".") :]
            cache = f"public, max-age={max_age}"
            if suffix == ".ics":
                cache += ", no-transform"
            lines += [
                f"/{name}",
                f"  Content-Type: {CONTENT_TYPES[suffix]}",
                f"  Cache-Control: {cache}",
            ]
    return ("\n".join(lines) + "\n").encode()
