"""Minimal Word (.docx) files generated in code, for demo forms and documents.

Schools hand out their forms as .docx so that parents can fill them in on a computer, and a
DOCX has a real text layer, so the public search finds the words inside it (R6.1, R9.3).
A DOCX is a zip holding three parts at least: ``[Content_Types].xml``, ``_rels/.rels`` and
``word/document.xml``; that is all this module writes (no styles part: Word and LibreOffice
fall back to their defaults). Text is escaped and NFC-normalised (TCVN 6909:2001, R9.2).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from siteplatform.text import nfc

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# A4 in twentieths of a point, 2 cm margins left/right (Vietnamese administrative layout).
SECTION = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" '
    'w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>'
)
FONT = "Times New Roman"


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    align: str = ""  # "", "center" or "right"
    size: int = 13  # points

    def __post_init__(self) -> None:
        if self.align not in ("", "left", "center", "right", "both"):
            raise ValueError(f"Unknown paragraph alignment: {self.align!r}")


def _run(text: str, *, bold: bool, size: int) -> str:
    props = (
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        + ("<w:b/>" if bold else "")
        + f'<w:sz w:val="{size * 2}"/>'
    )
    text = nfc(text)
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(paragraph: Paragraph | str) -> str:
    if isinstance(paragraph, str):
        paragraph = Paragraph(paragraph)
    props = f'<w:pPr><w:jc w:val="{paragraph.align}"/></w:pPr>' if paragraph.align else ""
    run = _run(paragraph.text, bold=paragraph.bold, size=paragraph.size) if paragraph.text else ""
    return f"<w:p>{props}{run}</w:p>"


def document_xml(paragraphs: list[Paragraph | str]) -> str:
    body = "".join(_paragraph(paragraph) for paragraph in paragraphs)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}{SECTION}</w:body></w:document>'
    )


def render_docx(paragraphs: list[Paragraph | str], *, title: str = "") -> bytes:
    """A one-section A4 document with the given paragraphs (strings are plain paragraphs)."""
    if title:
        paragraphs = [Paragraph(title, bold=True, align="center", size=14), *paragraphs]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # [Content_Types].xml first, as Office writes it (some readers expect it there).
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", document_xml(paragraphs))
    return buffer.getvalue()


NATIONAL_HEADING = [
    Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align="center"),
    Paragraph("Độc lập – Tự do – Hạnh phúc", bold=True, align="center"),
    Paragraph(""),
]
