"""Printable form files generated in code: an A4 page drawn with Pillow, saved as PDF.

Without a PDF or DOCX library, the page is an image inside a PDF; parents print it and
fill it in by hand, which is how these forms are used. The font must cover Vietnamese:
DejaVu Sans (packaged by every Linux distribution) is tried first, then Pillow's own font.
"""

from __future__ import annotations

import io
import logging
import textwrap
from collections.abc import Callable
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

# A4 at 120 dpi: sharp enough to print, small enough to download on a phone.
PAGE_SIZE = (992, 1403)
MARGIN = 90
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)
BOLD_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
)


def _font(size: int, *, bold: bool = False) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    for path in (BOLD_CANDIDATES if bold else ()) + FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    logger.warning("No DejaVu/Liberation font found; form PDFs use Pillow's default font")
    return ImageFont.load_default(size=size)


def render_form_pdf(*, heading: list[str], title: str, lines: list[str]) -> bytes:
    """One A4 page: the national motto heading, the form's title, then its lines.

    A line ending in ``…`` is a field to fill in: dotted leaders run to the margin; a line
    starting with ``>`` goes to the right half (place, date and signature).
    """
    image = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(image)
    regular, bold, title_font = _font(22), _font(22, bold=True), _font(30, bold=True)
    width = PAGE_SIZE[0] - 2 * MARGIN
    y = MARGIN

    def centred(text: str, font, gap: int = 10) -> None:
        nonlocal y
        text_width = draw.textlength(text, font=font)
        draw.text(((PAGE_SIZE[0] - text_width) / 2, y), text, font=font, fill=0)
        y += font.size + gap

    for index, text in enumerate(heading):
        centred(text, bold if index == 0 else regular)
    y += 30
    centred(title, title_font, gap=30)
    for line in lines:
        if y > PAGE_SIZE[1] - MARGIN:
            break
        if line.startswith(">"):  # signature block, on the right
            text = line[1:].strip()
            draw.text((PAGE_SIZE[0] / 2 + 40, y), text, font=regular, fill=0)
            y += 32
            continue
        if line.endswith("…"):
            label = line[:-1]
            draw.text((MARGIN, y), label, font=regular, fill=0)
            start = MARGIN + draw.textlength(label, font=regular) + 6
            dots = "." * max(0, int((MARGIN + width - start) / draw.textlength(".", font=regular)))
            draw.text((start, y), dots, font=regular, fill=0)
            y += 40
            continue
        for part in textwrap.wrap(line, width=72) or [""]:
            draw.text((MARGIN, y), part, font=regular, fill=0)
            y += 32
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=120.0, title=title)
    return buffer.getvalue()


NATIONAL_HEADING = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập – Tự do – Hạnh phúc",
]


def _form_document(*, title: str, extension: str, render: Callable[[], bytes]):
    """A Wagtail document titled ``title`` holding ``render()`` as a ``.<extension>`` file;
    the existing one when a document of that title and type is already stored."""
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    existing = document_model.objects.filter(title=title, file__endswith=f".{extension}").first()
    if existing is not None:
        return existing
    stem = slugify(title.replace("đ", "d").replace("Đ", "D"))[:60] or "bieu-mau"
    document = document_model(title=title)
    document.file.save(f"{stem}.{extension}", ContentFile(render()), save=False)
    document.save()
    return document


def document_from_lines(*, title: str, lines: list[str], heading: list[str] | None = None):
    """A Wagtail document holding the generated PDF; reused when the title already exists."""
    return _form_document(
        title=title,
        extension="pdf",
        render=lambda: render_form_pdf(
            heading=heading or NATIONAL_HEADING, title=title, lines=lines
        ),
    )


def form_docx(*, heading: list[str], title: str, lines: list[str]) -> bytes:
    """The same form as a Word file, to fill in on a computer (and searchable, R9.3)."""
    from siteplatform.docx import Paragraph, render_docx

    paragraphs = [
        Paragraph(text, bold=index == 0, align="center") for index, text in enumerate(heading)
    ]
    paragraphs += [
        Paragraph(""),
        Paragraph(title, bold=True, align="center", size=15),
        Paragraph(""),
    ]
    for line in lines:
        if line.startswith(">"):
            paragraphs.append(Paragraph(line[1:].strip(), align="right"))
        elif line.endswith("…"):
            paragraphs.append(Paragraph(line[:-1] + " " + "." * 40))
        else:
            paragraphs.append(Paragraph(line))
    return render_docx(paragraphs)


def docx_document_from_lines(*, title: str, lines: list[str], heading: list[str] | None = None):
    """A Wagtail document holding the form as DOCX; reused when it already exists."""
    return _form_document(
        title=title,
        extension="docx",
        render=lambda: form_docx(heading=heading or NATIONAL_HEADING, title=title, lines=lines),
    )
