"""Text of attachments: DOCX and PDF, and refusal of files that would stall indexing."""

import io
import zipfile

import pytest

from sitesearch import extract
from sitesearch.extract import ExtractionError, docx_text, file_text, pdf_text
from tests.sitesearch.conftest import docx_bytes, pdf_bytes, unicode_pdf_bytes


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

    def test_vietnamese_text_layer_through_the_fonts_unicode_map(self):
        """As Word writes PDFs: glyph codes plus a ToUnicode map, which pypdf applies."""
        data = unicode_pdf_bytes("Kế hoạch tổ chức Hội khỏe Phù Đổng", "Phường Bình Trị Đông")
        text = pdf_text(data)
        assert "Kế hoạch tổ chức Hội khỏe Phù Đổng" in text
        assert "Phường Bình Trị Đông" in text
        # The built-in fallback cannot read such a file: pypdf is what makes it searchable.
        assert "Hội khỏe" not in extract._fallback_pdf_text(data, extract._deadline(5))

    def test_image_only_pdf_has_no_text(self):
        """The demo's Pillow-drawn PDFs are pictures of text: nothing to index, no error."""
        from documents.pdf import render_pdf

        data = render_pdf(header_left=["PHÒNG GD&ĐT"], title="Công văn", lines=["Nội dung"])
        assert pdf_text(data).strip() == ""

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


class GeneratedDocxTests:
    """``siteplatform.docx`` writes a valid minimal Word file that the search extractor reads."""

    def test_package_parts_and_text(self):
        from defusedxml import ElementTree

        from siteplatform.docx import Paragraph, render_docx

        data = render_docx(
            ["Kính gửi: Hiệu trưởng <Trường> & “Ban đại diện”", Paragraph("Ký tên", align="right")],
            title="ĐƠN XIN NGHỈ HỌC",
        )
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert archive.testzip() is None
        assert archive.namelist()[0] == "[Content_Types].xml"
        for name in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            ElementTree.fromstring(archive.read(name))  # well-formed XML
        assert "word/document.xml" in archive.read("_rels/.rels").decode()
        assert docx_text(data).split("\n") == [
            "ĐƠN XIN NGHỈ HỌC",
            "Kính gửi: Hiệu trưởng <Trường> & “Ban đại diện”",
            "Ký tên",
        ]
        assert file_text("don.docx", data).startswith("ĐƠN XIN NGHỈ HỌC")
