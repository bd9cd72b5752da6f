"""Small but real PDF files for demo documents, drawn with Pillow (no extra dependency).

Each page is an A4 image with the document's heading and text; Pillow writes it as a PDF.
Vietnamese needs a font with its letters: DejaVu Sans when the system has it, else Pillow's
bundled font (which may lack some marks; the file still opens everywhere).
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

A4_AT_100_DPI = (827, 1169)
MARGIN = 70
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
]


@lru_cache(maxsize=8)
def _font(size: int, bold: bool = False):
    for candidate in FONT_CANDIDATES:
        path = Path(
            candidate.replace("DejaVuSans.ttf", "DejaVuSans-Bold.ttf") if bold else candidate
        )
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def render_pdf(*, header_left: list[str], title: str, lines: list[str]) -> bytes:
    """A one-page PDF: issuer block, title, then wrapped paragraphs."""
    image = Image.new("L", A4_AT_100_DPI, 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for line in header_left:
        draw.text((MARGIN, y), line, font=_font(15, bold=True), fill=0)
        y += 22
    right = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    draw.text((A4_AT_100_DPI[0] - MARGIN - 360, MARGIN), right, font=_font(14, bold=True), fill=0)
    draw.text(
        (A4_AT_100_DPI[0] - MARGIN - 300, MARGIN + 22),
        "Độc lập – Tự do – Hạnh phúc",
        font=_font(14, bold=True),
        fill=0,
    )
    y = max(y, MARGIN + 60) + 40
    for line in textwrap.wrap(title, width=60):
        draw.text((MARGIN, y), line, font=_font(20, bold=True), fill=0)
        y += 30
    y += 20
    for paragraph in lines:
        for line in textwrap.wrap(paragraph, width=78) or [""]:
            if y > A4_AT_100_DPI[1] - MARGIN:
                break
            draw.text((MARGIN, y), line, font=_font(15), fill=0)
            y += 24
        y += 10
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=100.0, title=title)
    return buffer.getvalue()
