"""The QR code beside the subscribe address, read back by an independent decoder.

The page's inline SVG is drawn into pixels here (segno draws dark modules as horizontal
strokes one module thick, ``M x y`` then ``h n`` runs) and read by zxing-cpp, a barcode
reader that shares nothing with segno. tests/test_browser.py reads it again as Chromium
draws it.
"""

from __future__ import annotations

import hashlib
import html
import re

import pytest
import zxingcpp

from vaxical.render.qr import qr_svg

from .conftest import seed_files

PIXELS_PER_MODULE = 8


def rasterize(svg: str) -> memoryview:
    """A grayscale image (white 255, black 0) of one SVG as segno writes it."""
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    assert box, svg[:100]
    width, height = int(box.group(1)), int(box.group(2))
    (path,) = re.findall(r'<path [^>]*\bd="([^"]+)"', svg)
    scale = PIXELS_PER_MODULE
    pixels = bytearray([255]) * (width * scale * height * scale)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(value) for value in numbers.split()]
        if command in "Mm":
            dx, dy = values
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
            continue
        end = values[0] if command == "H" else x + values[0]
        row = int(y)  # a stroke one module thick, centred on y = row + 0.5
        for module in range(int(min(x, end)), int(max(x, end))):
            for line in range(row * scale, (row + 1) * scale):
                start = line * width * scale + module * scale
                pixels[start : start + scale] = bytes(scale)
        x = end
    return memoryview(pixels).cast("B", (height * scale, width * scale))


def decode(svg: str) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(rasterize(svg))]


@pytest.mark.parametrize(
    "text",
    [
        "https://vaxical.github.io/vaxical/vaccins-covid.ics",
        "https://example.org/antilles/vaccins-antilles.ics",
    ],
)
def test_qr_svg_reads_back_as_its_text(text: str) -> None:
    assert decode(qr_svg(text)) == [text]


def test_the_page_shows_its_subscribe_block_as_a_qr_code_on_screen_and_on_paper() -> None:
    """The code opens the page's subscribe block, whose buttons subscribe: the feed's own
    address, opened in a phone's browser, downloads a copy that an iPhone imports once
    (a user's trial)."""
    page = seed_files()["index.html"].decode()
    codes = re.findall(r'<svg viewBox="[^"]*" class="qr-code">.*?</svg>', page)
    assert len(codes) == 2  # beside the address, and in the print-only block
    for svg in codes:
        assert decode(html.unescape(svg)) == [
            "https://vaxical.github.io/vaxical/vaccins-covid.html#vaccins-covid-abonnement"
        ]
    assert '<h2 id="vaccins-covid-abonnement">S\'abonner</h2>' in page  # where it lands
    assert page == seed_files()["vaccins-covid.html"].decode()  # the page it names


def test_qr_code_is_the_same_on_every_build() -> None:
    """segno chooses version and mask by rule, so an address gives the same markup in
    every process and on every run: drawn afresh here (``__wrapped__``, past the cache,
    which would hand back the very object drawn before), it is the markup whose digest
    is written out below (version 4-M, mask 2: 33 modules and the quiet zone of 4)."""
    text = "https://vaxical.github.io/vaxical/vaccins-covid.ics"
    fresh = qr_svg.__wrapped__(text)
    assert fresh.startswith(
        '<svg viewBox="0 0 41 41" class="qr-code"><path stroke="#000" d="M4 4.5h7m'
    )
    assert len(fresh) == 1861
    assert (
        hashlib.sha256(fresh.encode()).hexdigest()
        == "82253cedefa8ae7b702874a348667ea2d7d01710177dfec9e05c41cc1eadd14b"
    )
    assert qr_svg(text) == fresh  # the cached copy the build uses is the same markup
