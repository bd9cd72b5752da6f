"""Text of attached PDF and DOCX files, with limits so that one bad file cannot stall indexing.

Runs in the Celery worker (``sitesearch.tasks``), whose ``soft_time_limit`` is the backstop;
each extraction also checks its own deadline between pages/streams and caps the bytes it
reads, so a zip bomb or a 2,000-page scan costs seconds, not the worker.

PDF: ``pypdf`` (a dependency, in requirements.lock): it applies the fonts' ToUnicode maps,
which Vietnamese PDFs written by Word or LibreOffice need. Should it be missing, a small
fallback reads the text-showing operators (``Tj``, ``TJ``, ``'``, ``"``) of uncompressed and
Flate-compressed content streams — enough for simply generated PDFs only. Scanned PDFs (an
image per page, like the demo's Pillow-drawn files) have no text layer: nothing to index.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
import zlib
from collections.abc import Iterable

from defusedxml import ElementTree

from sitesearch.analysis import nfc

try:
    import pypdf
except ImportError:  # pragma: no cover - pypdf is in requirements.lock
    pypdf = None

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 500_000
SECONDS_PER_FILE = 20.0


class ExtractionError(Exception):
    """A file that was refused or could not be read (logged, never fatal for indexing)."""


def _deadline(seconds: float) -> float:
    return time.monotonic() + seconds


def _check(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ExtractionError("time limit reached")


# --- DOCX ---------------------------------------------------------------------------------
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def docx_text(data: bytes, *, seconds: float = SECONDS_PER_FILE) -> str:
    deadline = _deadline(seconds)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ExtractionError(f"not a DOCX file: {exc}") from exc
    parts = sorted(
        (info for info in archive.infolist() if _DOCX_PARTS.match(info.filename)),
        key=lambda info: info.filename != "word/document.xml",
    )
    budget = MAX_UNCOMPRESSED_BYTES
    chunks: list[str] = []
    for info in parts:
        _check(deadline)
        if info.file_size > budget:
            raise ExtractionError("DOCX expands beyond the size limit")
        with archive.open(info) as handle:
            # file_size is declared by the archive: read at most the budget anyway.
            xml = handle.read(budget + 1)
        if len(xml) > budget:
            raise ExtractionError("DOCX expands beyond the size limit")
        budget -= len(xml)
        try:
            root = ElementTree.fromstring(xml)
        except Exception as exc:  # noqa: BLE001 - defusedxml raises several kinds
            raise ExtractionError(f"unreadable DOCX part {info.filename}: {exc}") from exc
        for paragraph in root.iter(f"{_W}p"):
            text = "".join(node.text or "" for node in paragraph.iter(f"{_W}t"))
            if text:
                chunks.append(text)
    return "\n".join(chunks)


# --- PDF ----------------------------------------------------------------------------------
_STREAM_RE = re.compile(rb"<<(?P<dict>(?:(?!>>\s*stream).){0,2000}?)>>\s*stream\r?\n", re.S)
_TEXT_OP_RE = re.compile(
    rb"(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)\s*(?:Tj|'|\"\s)|\[((?:\\.|[^\]])*)\]\s*TJ|(T\*|ET)",
    re.S,
)
_ARRAY_ITEM_RE = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|-?\d+(?:\.\d+)?")
_PDF_ESCAPE_RE = re.compile(rb"\\([nrtbf()\\\\]|[0-7]{1,3}|\r?\n)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(match: re.Match) -> bytes:
    escape = match.group(1)
    if escape[:1] in (b"\r", b"\n"):  # a line continuation
        return b""
    if escape[:1].isdigit():
        return bytes([int(escape, 8) & 0xFF])
    return _ESCAPES.get(escape, escape)


def _pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        raw = bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode())
    else:
        raw = _PDF_ESCAPE_RE.sub(_unescape, token[1:-1])
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")


def _content_streams(data: bytes, deadline: float) -> Iterable[bytes]:
    budget = MAX_UNCOMPRESSED_BYTES
    for match in _STREAM_RE.finditer(data):
        _check(deadline)
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        raw = data[start:end]
        head = match.group("dict")
        if b"/Filter" in head:
            if b"/FlateDecode" not in head or re.search(rb"/Filter\s*\[[^\]]*/\w+[^\]]*/\w+", head):
                continue  # images or filter chains we do not decode
            inflater = zlib.decompressobj()
            try:
                raw = inflater.decompress(raw, budget + 1)
            except zlib.error:
                continue
        if len(raw) > budget:
            raise ExtractionError("PDF streams expand beyond the size limit")
        budget -= len(raw)
        if b"BT" in raw:
            yield raw


def _fallback_pdf_text(data: bytes, deadline: float) -> str:
    lines: list[str] = []
    for stream in _content_streams(data, deadline):
        current: list[str] = []
        for match in _TEXT_OP_RE.finditer(stream):
            single, array, breaker = match.group(1), match.group(2), match.group(3)
            if single:
                current.append(_pdf_string(single))
            elif array is not None:
                parts = []
                for item in _ARRAY_ITEM_RE.findall(array):
                    if item[:1] in (b"(", b"<"):
                        parts.append(_pdf_string(item))
                    elif float(item) < -200:  # a wide negative kern is a space
                        parts.append(" ")
                current.append("".join(parts))
            elif breaker and current:
                lines.append(" ".join(current))
                current = []
        if current:
            lines.append(" ".join(current))
    return "\n".join(lines)


def pdf_text(data: bytes, *, seconds: float = SECONDS_PER_FILE) -> str:
    deadline = _deadline(seconds)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractionError("not a PDF file")
    if pypdf is None:
        return _fallback_pdf_text(data, deadline)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        texts = []
        for page in reader.pages:
            _check(deadline)
            texts.append(page.extract_text() or "")
        return "\n".join(texts)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on broken files
        # A damaged file (no cross-reference table…) may still hold readable text streams.
        text = _fallback_pdf_text(data, deadline)
        if text.strip():
            return text
        raise ExtractionError(f"unreadable PDF: {exc}") from exc


# --- Dispatch -----------------------------------------------------------------------------
EXTRACTORS = {"pdf": pdf_text, "docx": docx_text}


def file_text(name: str, data: bytes, *, seconds: float = SECONDS_PER_FILE) -> str:
    """Text of one file by its extension (NFC, capped); ``ExtractionError`` if refused."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        return ""
    if len(data) > MAX_FILE_BYTES:
        raise ExtractionError(f"{name}: larger than {MAX_FILE_BYTES} bytes")
    return nfc(extractor(data, seconds=seconds))[:MAX_TEXT_CHARS]


def document_text(document) -> str:
    """Text of a Wagtail ``Document``'s file; ``""`` (and a warning) when it cannot be read.

    Must run inside the school's schema: files live under ``MEDIA_ROOT/<schema>/``.
    """
    name = document.file.name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTRACTORS:
        return ""
    try:
        size = document.file.size
        if size > MAX_FILE_BYTES:
            raise ExtractionError(f"larger than {MAX_FILE_BYTES} bytes ({size})")
        with document.file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        return file_text(name, data)
    except (ExtractionError, OSError) as exc:
        logger.warning("Search: no text from document %s (%s): %s", document.pk, name, exc)
        return ""
