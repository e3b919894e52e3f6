"""QR codes of subscribe addresses, as inline SVG. Pure: text in, markup out.

A pharmacist reading the page on a computer, or on paper, scans the code to carry the
feed's address to a phone. The SVG sits inside the page, so the page still asks nothing
of any other server (no image file, no external request).
"""

from __future__ import annotations

import functools

import segno


# Remembered: segno tries eight masks on each code, and a rebuild (`vaxical serve`, a
# build of several ledgers of one calendar) draws the same address again.
@functools.lru_cache(maxsize=64)
def qr_svg(text: str) -> str:
    """``text`` as a QR code in SVG, sized by the page's CSS (a ``viewBox``, no size).

    Error correction M (15 % of the code may be lost: a folded or smudged printout still
    reads); segno's default quiet zone of 4 modules, which scanners need around the code.
    The same text always gives the same markup: segno chooses version and mask by rule.
    """
    code = segno.make_qr(text, error="m")
    return code.svg_inline(omitsize=True, svgclass="qr-code", lineclass=None)
