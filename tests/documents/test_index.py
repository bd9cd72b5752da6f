"""The documents index: filters, accent-free search, pagination, bounded queries (R4.2)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import DocumentKind, Issuer
from documents.validity import today_in_vietnam
from tests.documents.factories import index_page, make_document

D = datetime.date


def _numbers(response) -> list[str]:
    return [d.number for d in response.context["documents"].object_list]


@pytest.fixture
def sample(school_a, in_school):
    """Four documents of school A and the index URL."""
    with in_school(school_a):
        ministry = Issuer.objects.get(name="Bộ Giáo dục và Đào tạo")
        make_document(
            number="2326/GDĐT-THCS",
            kind=DocumentKind.OFFICIAL_LETTER,
            issue_date=D(2023, 10, 6),
            title="Công văn 2326/GDĐT-THCS",
            summary="Về hướng dẫn cập nhật nội dung cổng thông tin điện tử năm học 2023–2024.",
        )
        make_document(
            number="09/2024/TT-BGDĐT",
            kind=DocumentKind.CIRCULAR,
            issuer=ministry,
            issue_date=D(2024, 6, 3),
            effective_date=D(2024, 7, 19),
            title="Thông tư 09/2024/TT-BGDĐT",
            summary="Quy định về công khai trong hoạt động của các cơ sở giáo dục.",
        )
        make_document(
            number="20/KH-THCSA",
            kind=DocumentKind.PLAN,
            issue_date=D(2024, 9, 15),
            expiry_date=D(2025, 9, 1),
            title="Kế hoạch năm học 2024–2025",
            summary="Kế hoạch thực hiện nhiệm vụ năm học 2024–2025.",
        )
        make_document(
            number="31/QĐ-THCSA",
            kind=DocumentKind.DECISION,
            issue_date=today_in_vietnam(),
            effective_date=today_in_vietnam() + datetime.timedelta(days=30),
            title="Quyết định ban hành quy chế chi tiêu nội bộ",
            summary="Ban hành Quy chế chi tiêu nội bộ của nhà trường.",
        )
        return {"url": index_page().url, "ministry": ministry}


@pytest.mark.django_db
class DocumentIndexFilterTests:
    def test_lists_newest_first_with_dates_dd_mm_yyyy(self, sample, client_a):
        response = client_a.get(sample["url"])
        assert response.status_code == 200
        assert _numbers(response)[-1] == "2326/GDĐT-THCS"
        html = response.content.decode()
        assert "06/10/2023" in html and "2023-10-06" not in html

    def test_search_ignores_case_and_diacritics(self, sample, client_a):
        assert _numbers(client_a.get(sample["url"], {"q": "cong van"})) == ["2326/GDĐT-THCS"]
        assert _numbers(client_a.get(sample["url"], {"q": "CÔNG KHAI"})) == ["09/2024/TT-BGDĐT"]
        assert _numbers(client_a.get(sample["url"], {"q": "chi tieu noi bo"})) == ["31/QĐ-THCSA"]

    def test_search_by_exact_number_and_without_d_stroke(self, sample, client_a):
        assert _numbers(client_a.get(sample["url"], {"q": "2326/GDĐT-THCS"})) == ["2326/GDĐT-THCS"]
        assert _numbers(client_a.get(sample["url"], {"q": "2326/gddt-thcs"})) == ["2326/GDĐT-THCS"]

    def test_search_treats_like_wildcards_literally(self, sample, client_a):
        assert _numbers(client_a.get(sample["url"], {"q": "%"})) == []
        assert _numbers(client_a.get(sample["url"], {"q": "_"})) == []

    def test_filters_by_kind_issuer_year_and_validity(self, sample, client_a):
        url = sample["url"]
        assert _numbers(client_a.get(url, {"loai": "thong-tu"})) == ["09/2024/TT-BGDĐT"]
        assert _numbers(client_a.get(url, {"co_quan": sample["ministry"].pk})) == [
            "09/2024/TT-BGDĐT"
        ]
        assert _numbers(client_a.get(url, {"nam": "2024"})) == ["20/KH-THCSA", "09/2024/TT-BGDĐT"]
        assert _numbers(client_a.get(url, {"hieu_luc": "het-hieu-luc"})) == ["20/KH-THCSA"]
        assert _numbers(client_a.get(url, {"hieu_luc": "chua-co-hieu-luc"})) == ["31/QĐ-THCSA"]
        assert set(_numbers(client_a.get(url, {"hieu_luc": "con-hieu-luc"}))) == {
            "2326/GDĐT-THCS",
            "09/2024/TT-BGDĐT",
        }
        assert _numbers(client_a.get(url, {"nam": "2024", "loai": "ke-hoach"})) == ["20/KH-THCSA"]

    def test_invalid_filters_are_ignored_with_a_message(self, sample, client_a):
        response = client_a.get(
            sample["url"], {"loai": "<b>x</b>", "co_quan": "abc", "nam": "1900", "trang": "x"}
        )
        assert response.status_code == 200
        assert len(_numbers(response)) == 4
        assert "không hợp lệ nên đã được bỏ qua" in response.content.decode()

    def test_search_text_is_escaped(self, sample, client_a):
        html = client_a.get(sample["url"], {"q": "<script>alert(1)</script>"}).content.decode()
        assert "<script>alert(1)" not in html
        assert "&lt;script&gt;alert(1)" in html

    def test_no_match_shows_a_vietnamese_message(self, sample, client_a):
        response = client_a.get(sample["url"], {"q": "không có văn bản này"})
        assert "Không tìm thấy văn bản nào phù hợp" in response.content.decode()

    def test_documents_of_another_school_are_not_listed(
        self, sample, client_b, school_b, in_school
    ):
        with in_school(school_b):
            url = index_page().url
        response = client_b.get(url, {"q": "2326"})
        assert _numbers(response) == []


@pytest.mark.django_db
class DocumentIndexPaginationTests:
    def test_paginates_and_keeps_filters(self, school_a, client_a, in_school):
        with in_school(school_a):
            for n in range(25):
                make_document(number=f"{n + 1}/TB-THCSA", kind=DocumentKind.NOTICE)
            url = index_page().url
        first = client_a.get(url, {"loai": "thong-bao"})
        assert len(_numbers(first)) == 20
        assert "loai=thong-bao&amp;trang=2" in first.content.decode()
        second = client_a.get(url, {"loai": "thong-bao", "trang": "2"})
        assert len(_numbers(second)) == 5
        beyond = client_a.get(url, {"trang": "99"})
        assert beyond.status_code == 200 and len(_numbers(beyond)) == 5


@pytest.mark.django_db
class DocumentIndexQueryCountTests:
    def _count(self, client, url) -> int:
        client.get(url)  # warm Wagtail's site caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_queries_do_not_grow_with_documents(
        self, school_a, client_a, in_school, media_root, django_assert_max_num_queries
    ):
        from tests.documents.factories import pdf_document

        with in_school(school_a):
            pdf = pdf_document()
            for n in range(3):
                make_document(number=f"{n}/A", files=[pdf])
            url = index_page().url
        with_three = self._count(client_a, url)
        with in_school(school_a):
            for n in range(3, 30):
                make_document(number=f"{n}/A", files=[pdf])
        with_thirty = self._count(client_a, url)
        assert with_thirty == with_three
        # About half are django-tenants' "SET search_path" before each query.
        with django_assert_max_num_queries(40):
            client_a.get(url, {"q": "a", "hieu_luc": "con-hieu-luc"})


@pytest.mark.django_db
class DocumentEmptyStateTests:
    def test_new_school_shows_a_friendly_empty_section(self, school_b, client_b, in_school):
        with in_school(school_b):
            url = index_page().url
        response = client_b.get(url)
        assert response.status_code == 200
        assert "Nhà trường chưa đăng văn bản nào" in response.content.decode()

    def test_home_panel_empty_then_latest_five(self, school_b, client_b, in_school):
        assert "Nhà trường chưa đăng văn bản nào." in client_b.get("/").content.decode()
        with in_school(school_b):
            for n in range(7):
                make_document(number=f"{n + 1}/TB-THB", issue_date=D(2025, 1, n + 1))
        html = client_b.get("/").content.decode()
        assert "Văn bản mới" in html
        assert "7/TB-THB" in html and "3/TB-THB" in html and "2/TB-THB" not in html
