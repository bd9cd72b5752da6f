"""The real content types feed the public search (R4.2, R9.3): news, official documents with
their PDF/DOCX files, disclosure items with their school year, procedures' forms; the demo is
searchable after loading; a replaced file re-indexes the pages that attach it."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile

from siteplatform.docx import render_docx
from sitesearch.backend import SearchDocument, documents_write, index_exists
from sitesearch.selectors import SearchFilters, search_school
from tests.sitesearch.conftest import unicode_pdf_bytes

DOC_TITLE = "Về hướng dẫn cập nhật cổng thông tin điện tử"
DOCX_PHRASE = "phân công cán bộ quản trị cổng thông tin"
PDF_PHRASE = "Hội thi giáo viên chủ nhiệm giỏi cấp quận"


def titles(school, text, **filters):
    results = search_school(school.schema_name, text, SearchFilters(**filters))
    return [hit.title for hit in results.hits]


def _file(title: str, name: str, content: bytes):
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def official_document(school_a, in_school, publish):
    """Công văn 2326/GDĐT-THCS with a DOCX and a (text-layer) PDF attached, published."""
    from documents.models import DocumentIndexPage, Issuer, OfficialDocumentFile
    from documents.models import OfficialDocumentPage as Doc

    with in_school(school_a):
        docx = _file("Toàn văn", "toan-van.docx", render_docx([f"Mỗi đơn vị {DOCX_PHRASE}."]))
        pdf = _file("Phụ lục", "phu-luc.pdf", unicode_pdf_bytes(f"Kế hoạch tổ chức {PDF_PHRASE}"))
        page = Doc(
            title=DOC_TITLE,
            slug="cong-van-2326",
            kind="cong-van",
            number="2326/GDĐT-THCS",
            issuer=Issuer.objects.order_by("sort_order").first(),
            issue_date=datetime.date(2023, 10, 6),
            summary="Về việc rà soát trang thông tin điện tử của đơn vị giáo dục.",
        )
        page.files.add(OfficialDocumentFile(document=docx))
        page.files.add(OfficialDocumentFile(document=pdf))
        DocumentIndexPage.objects.get().add_child(instance=page)
        publish(page)
    return page


@pytest.fixture
def news_page(school_a, in_school, publish):
    from news.models import NewsIndexPage, NewsPage

    with in_school(school_a):
        page = NewsPage(
            title="Hội thi Rung chuông vàng khối 5",
            slug="rung-chuong-vang",
            date=datetime.date(2024, 11, 20),
            intro="Học sinh khối 5 tranh tài kiến thức về cổng thông tin điện tử an toàn.",
        )
        NewsIndexPage.objects.get().add_child(instance=page)
        publish(page)
    return page


@pytest.mark.django_db
class NewsSearchTests:
    def test_article_found_without_diacritics_with_its_kind_and_date(self, school_a, news_page):
        hits = search_school(school_a.schema_name, "rung chuong vang").hits
        assert [hit.title for hit in hits] == ["Hội thi Rung chuông vàng khối 5"]
        assert hits[0].kind == "news"
        assert hits[0].date.date() == datetime.date(2024, 11, 20)
        assert hits[0].url.startswith("/tin-tuc/")
        assert titles(school_a, "tranh tai kien thuc") == ["Hội thi Rung chuông vàng khối 5"]


@pytest.mark.django_db
class OfficialDocumentSearchTests:
    def test_found_by_number_summary_docx_and_pdf(self, school_a, official_document):
        assert titles(school_a, "2326/GDĐT-THCS") == [DOC_TITLE]
        assert titles(school_a, "2326/GDDT-THCS") == [DOC_TITLE]
        assert titles(school_a, "rà soát trang thông tin") == [DOC_TITLE]
        assert titles(school_a, DOCX_PHRASE) == [DOC_TITLE]  # only in the DOCX
        assert titles(school_a, "giao vien chu nhiem gioi cap quan") == [
            DOC_TITLE
        ]  # only in the PDF
        hit = search_school(school_a.schema_name, "2326/GDĐT-THCS").hits[0]
        assert (hit.kind, hit.school_year) == ("documents", "2023–2024")

    def test_kind_and_school_year_filters(self, school_a, official_document, news_page):
        both = set(titles(school_a, "cổng thông tin điện tử"))
        assert both == {DOC_TITLE, "Hội thi Rung chuông vàng khối 5"}
        assert titles(school_a, "cổng thông tin điện tử", kind="documents") == [DOC_TITLE]
        assert titles(school_a, "cổng thông tin", school_year="2023–2024") == [DOC_TITLE]
        assert titles(school_a, "cổng thông tin", school_year="2024–2025") == []
        issuer = official_document.issuer.name
        assert titles(school_a, "cổng thông tin", issuer=issuer) == [DOC_TITLE]
        assert titles(school_a, "cổng thông tin", issuer="Không có cơ quan này") == []
        assert titles(school_a, "", kind="documents", date_from=datetime.date(2023, 10, 1)) == [
            DOC_TITLE
        ]

    def test_other_school_never_sees_it(self, school_a, school_b, official_document, client_b):
        assert titles(school_b, "2326/GDĐT-THCS") == []
        assert titles(school_b, DOCX_PHRASE) == []
        body = client_b.get("/tim-kiem/", {"q": "2326/GDĐT-THCS"}).content.decode()
        assert DOC_TITLE not in body

    def test_replaced_file_reindexes_the_page(
        self, school_a, in_school, official_document, django_capture_on_commit_callbacks
    ):
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            docx = official_document.files.get(document__title="Toàn văn").document
            docx.file.save(
                "toan-van-moi.docx", ContentFile(render_docx(["Lịch trực hè của nhà trường."]))
            )
        assert titles(school_a, "lich truc he") == [DOC_TITLE]
        assert titles(school_a, DOCX_PHRASE) == []


@pytest.mark.django_db
class DisclosureSearchTests:
    def test_item_found_with_the_school_year_of_its_year_page(self, school_a, in_school, publish):
        from disclosure.models import DisclosureAttachment, DisclosureIndexPage, DisclosureItemPage
        from disclosure.services import disclosure_year_ensure

        with in_school(school_a):
            year = disclosure_year_ensure(
                index=DisclosureIndexPage.objects.get(), school_year="2019–2020"
            )
            notice = _file(
                "Thông báo", "thong-bao.pdf", unicode_pdf_bytes("Mức thu tiền bán trú 35.000 đồng")
            )
            item = DisclosureItemPage(
                title="Công khai các khoản thu năm học 2019–2020",
                slug="khoan-thu",
                category="tai_chinh",
                published_on=datetime.date(2019, 9, 10),
                summary="Các khoản thu theo thỏa thuận.",
            )
            item.attachments.add(DisclosureAttachment(document=notice))
            year.add_child(instance=item)
            publish(item)
        hits = search_school(school_a.schema_name, "tien ban tru").hits
        assert [hit.title for hit in hits] == [item.title]
        assert (hits[0].kind, hits[0].school_year) == ("disclosure", "2019–2020")
        assert titles(school_a, "khoan thu", kind="disclosure", school_year="2019–2020") == [
            item.title
        ]


@pytest.mark.django_db
class DemoSearchTests:
    def test_demo_is_searchable_including_attachment_only_phrases(self, school_a, in_school):
        from admin_procedures.demo import load_demo_content as load_procedures
        from documents.demo import load_demo_documents
        from sitesearch.wagtail_hooks import rebuild_index_after_demo

        with in_school(school_a):
            load_documents = load_demo_documents(school_a)
            load_procedures(school_a)
            rebuild_index_after_demo(school_a)
        assert load_documents
        # Only in the DOCX "toàn văn" of Công văn 2326, not on its page.
        assert titles(school_a, "hộp thư điện tử công vụ") == ["Công văn 2326/GDĐT-THCS"]
        # Only in the DOCX of the leave-of-absence form.
        assert titles(school_a, "học bù kiến thức", kind="procedures") == ["Xin phép nghỉ học"]
        assert titles(school_a, "2326/GDĐT-THCS")[0] == "Công văn 2326/GDĐT-THCS"


@pytest.mark.django_db
class MissingIndexTests:
    def test_setup_builds_a_missing_index_and_keeps_an_existing_one(self, school_a, in_school):
        from sitesearch.wagtail_hooks import build_missing_index

        with in_school(school_a):
            build_missing_index(None)
        assert index_exists(school_a.schema_name)
        assert titles(school_a, "", kind="pages")  # the sections are indexed
        # A document only an incremental write put there: a rebuild would drop it.
        documents_write(school_a.schema_name, add=[SearchDocument(9_999_999, "/x/", "Dấu vết")])
        with in_school(school_a):
            build_missing_index(None)
        assert titles(school_a, "dau vet") == ["Dấu vết"]


@pytest.mark.django_db
class NewSchoolIndexTests:
    def test_a_new_school_is_searchable_once_created(
        self, django_capture_on_commit_callbacks, settings, tmp_path
    ):
        from schools.services import school_create
        from sitesearch.selectors import search_school

        settings.SEARCH_INDEX_ROOT = str(tmp_path)
        with django_capture_on_commit_callbacks(execute=True):
            school = school_create(
                name="Trường THCS Lê Lợi",
                slug="thcs-le-loi",
                domain="thcs-le-loi.localhost",
                level="thcs",
            )
        titles = [hit.title for hit in search_school(school.schema_name, "van ban").hits]
        assert "Văn bản" in titles
