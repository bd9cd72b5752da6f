"""Text of attachments: DOCX and PDF, and refusal of files that would stall indexing."""

import io
import zipfile

import pytest

from sitesearch import extract
from sitesearch.extract import ExtractionError, docx_text, file_text, pdf_text
from tests.sitesearch.conftest import docx_bytes, pdf_bytes


class DocxTests:
    def test_paragraph_text(self):
        data = docx_bytes("Kế hoạch tuyển sinh lớp 6", "Năm học 2025–2026")
        assert docx_text(data) == "Kế hoạch tuyển sinh lớp 6\nNăm học 2025–2026"

    def test_zip_bomb_is_refused(self, monkeypatch):
        monkeypatch.setattr(extract, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"<w:document>" + b" " * 3_000_000)
        with pytest.raises(ExtractionError, match="size limit"):
            docx_text(buffer.getvalue())

    def test_not_a_zip(self):
        with pytest.raises(ExtractionError):
            docx_text(b"not a zip at all")

    def test_xml_bombs_are_refused(self):
        bomb = (
            '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;">]><w:document>&lol2;</w:document>'
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("word/document.xml", bomb)
        with pytest.raises(ExtractionError):
            docx_text(buffer.getvalue())


class PdfTests:
    @pytest.mark.parametrize("compress", [True, False])
    def test_text_of_simple_pdf(self, compress):
        text = pdf_text(
            pdf_bytes("Bao cao tai chinh (quy I)", "Hoc phi nam hoc", compress=compress)
        )
        assert "Bao cao tai chinh (quy I)" in text
        assert "Hoc phi nam hoc" in text

    def test_not_a_pdf(self):
        with pytest.raises(ExtractionError):
            pdf_text(b"GIF89a....")

    def test_time_limit(self):
        with pytest.raises(ExtractionError, match="time limit"):
            pdf_text(pdf_bytes("a"), seconds=-1)


class DispatchTests:
    def test_too_large_files_are_refused(self, monkeypatch):
        monkeypatch.setattr(extract, "MAX_FILE_BYTES", 100)
        with pytest.raises(ExtractionError):
            file_text("big.docx", b"x" * 101)

    def test_other_formats_give_no_text(self):
        assert file_text("anh.png", b"\x89PNG") == ""

    def test_text_is_normalised_to_nfc(self):
        import unicodedata

        nfd = unicodedata.normalize("NFD", "Thông báo")
        assert file_text("a.docx", docx_bytes(nfd)) == "Thông báo"
