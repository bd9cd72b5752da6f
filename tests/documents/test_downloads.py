"""Downloads, the inline PDF viewer and the counters (R4.1, R4.4, R1.1)."""

import pytest

from documents.models import DocumentStats
from tests.documents.factories import PDF_BYTES, make_document, pdf_document


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def document_with_pdf(school_a, in_school, media_root):
    with in_school(school_a):
        pdf = pdf_document(title="Công văn 2326", name="cong-van-2326.pdf")
        page = make_document(number="2326/GDĐT-THCS", files=[pdf])
        return {"page": page, "url": page.url, "file_id": pdf.pk}


@pytest.mark.django_db
class DocumentDownloadTests:
    def test_download_counts_and_serves_the_file(
        self, document_with_pdf, client_a, school_a, in_school
    ):
        url = f"{document_with_pdf['url']}tai-ve/{document_with_pdf['file_id']}/"
        first = client_a.get(url)
        assert first.status_code == 200
        assert _body(first) == PDF_BYTES
        assert first["Content-Disposition"].startswith("attachment")
        assert first["X-Content-Type-Options"] == "nosniff"
        client_a.get(url)
        with in_school(school_a):
            stats = DocumentStats.objects.get(page=document_with_pdf["page"])
            assert stats.download_count == 2
            assert stats.view_count == 0

    def test_not_served_on_another_schools_domain(
        self, document_with_pdf, client_b, school_a, in_school
    ):
        url = f"{document_with_pdf['url']}tai-ve/{document_with_pdf['file_id']}/"
        assert client_b.get(url).status_code == 404
        with in_school(school_a):
            assert not DocumentStats.objects.filter(page=document_with_pdf["page"]).exists()

    def test_file_of_another_document_is_refused(
        self, document_with_pdf, client_a, school_a, in_school
    ):
        with in_school(school_a):
            other = make_document(number="1/TB-THCSA")
            url = other.url
        response = client_a.get(f"{url}tai-ve/{document_with_pdf['file_id']}/")
        assert response.status_code == 404

    def test_inline_pdf_is_frameable_by_the_same_site_and_not_counted(
        self, document_with_pdf, client_a, school_a, in_school
    ):
        url = f"{document_with_pdf['url']}xem/{document_with_pdf['file_id']}/"
        response = client_a.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["Content-Disposition"].startswith("inline")
        assert _body(response) == PDF_BYTES
        with in_school(school_a):
            assert not DocumentStats.objects.filter(page=document_with_pdf["page"]).exists()

    def test_non_pdf_is_not_shown_inline(self, school_a, client_a, in_school, media_root):
        with in_school(school_a):
            docx = pdf_document(title="Biểu mẫu", content=b"PK\x03\x04", name="bieu-mau.docx")
            page = make_document(number="3/TB-THCSA", files=[docx])
            url = page.url
        assert client_a.get(f"{url}xem/{docx.pk}/").status_code == 404
        assert client_a.get(f"{url}tai-ve/{docx.pk}/").status_code == 200


@pytest.mark.django_db
class DocumentViewCountTests:
    def test_each_page_view_is_counted(
        self, document_with_pdf, client_a, school_a, in_school, page_cache
    ):
        """Even with the whole-page cache on: document pages opt out of it."""
        url = document_with_pdf["url"]
        client_a.get(url)
        response = client_a.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "2 / 0" in html  # views / downloads, this view included
        assert f"xem/{document_with_pdf['file_id']}/" in html  # the inline viewer
        assert f"tai-ve/{document_with_pdf['file_id']}/" in html  # its fallback link
        with in_school(school_a):
            assert DocumentStats.objects.get(page=document_with_pdf["page"]).view_count == 2

    def test_counters_survive_publishing_a_new_revision(
        self, document_with_pdf, client_a, school_a, in_school
    ):
        client_a.get(document_with_pdf["url"])
        with in_school(school_a):
            page = document_with_pdf["page"]
            page.summary = "Trích yếu đã sửa."
            page.save_revision().publish()
            assert DocumentStats.objects.get(page=page).view_count == 1

    def test_admin_preview_is_not_counted(self, document_with_pdf, school_a, in_school):
        with in_school(school_a):
            page = document_with_pdf["page"]
            response = page.make_preview_request()
            assert response.status_code == 200
            assert not DocumentStats.objects.filter(page=page).exists()
