"""The public page /tim-kiem/ of a school and of the operator portal."""

import pytest

from sitesearch.backend import SearchDocument, documents_write


@pytest.mark.django_db
class SchoolSearchPageTests:
    def test_results_show_title_kind_date_snippet_and_link(
        self, client_a, school_a, make_page, django_assert_max_num_queries
    ):
        make_page(
            school_a,
            "Kế hoạch tuyển sinh lớp 6",
            intro="<p>Nhà trường thông báo kế hoạch tuyển sinh năm học mới.</p>",
            search_kind="documents",
            search_school_year="2025–2026",
        )
        with django_assert_max_num_queries(20):
            response = client_a.get("/tim-kiem/", {"q": "tuyen sinh"})
        html = response.content.decode()
        assert response.status_code == 200
        assert '<a href="/ke-hoach-tuyen-sinh-lop-6/">Kế hoạch tuyển sinh lớp 6</a>' in html
        assert "Văn bản" in html and "Năm học 2025–2026" in html
        assert "<mark>tuyển</mark>" in html

    @pytest.mark.parametrize(
        "q", ['"', "AND", "*", "tuyen:sinh", "(", "x" * 10_000, "", "không có gì khớp cả"]
    )
    def test_bad_or_empty_queries_give_a_results_page(self, client_a, school_a, make_page, q):
        make_page(school_a, "Thông báo")
        response = client_a.get("/tim-kiem/", {"q": q})
        assert response.status_code == 200
        assert "Tìm kiếm" in response.content.decode()

    def test_invalid_filters_are_ignored(self, client_a, school_a):
        response = client_a.get(
            "/tim-kiem/", {"q": "a", "tu_ngay": "hôm qua", "trang": "-5", "loai": "<x>"}
        )
        assert response.status_code == 200

    def test_filters_and_pagination(self, client_a, school_a, settings):
        documents_write(
            school_a.schema_name,
            add=[
                SearchDocument(page_id=i, url=f"/tin/{i}/", title=f"Tin hoạt động {i}", kind="news")
                for i in range(1, 16)
            ],
        )
        first = client_a.get("/tim-kiem/", {"q": "hoat dong", "loai": "news"}).content.decode()
        assert "Trang 1 / 2" in first and "trang=2" in first
        other_kind = client_a.get("/tim-kiem/", {"q": "hoat dong", "loai": "documents"})
        assert "Không tìm thấy kết quả nào" in other_kind.content.decode()

    def test_other_schools_content_is_not_shown(self, client_b, school_a, school_b, make_page):
        make_page(school_a, "Hội trại truyền thống")
        response = client_b.get("/tim-kiem/", {"q": "hoi trai"})
        assert "Hội trại truyền thống" not in response.content.decode()


@pytest.mark.django_db
class PortalSearchPageTests:
    def test_portal_finds_every_school_and_names_it(
        self, public_client, school_a, school_b, make_page
    ):
        make_page(school_a, "Hội thi vẽ tranh môi trường")
        make_page(school_b, "Hội thi kể chuyện môi trường")
        response = public_client.get("/tim-kiem/", {"q": "moi truong"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hội thi vẽ tranh môi trường" in html and school_a.name in html
        assert "Hội thi kể chuyện môi trường" in html and school_b.name in html
        assert "http://test-a.localhost/hoi-thi-ve-tranh-moi-truong/" in html

    def test_query_count_does_not_grow_with_results(
        self, public_client, school_a, school_b, django_assert_max_num_queries
    ):
        def fill(count):
            for school in (school_a, school_b):
                documents_write(
                    school.schema_name,
                    add=[
                        SearchDocument(page_id=i, url=f"/t/{i}/", title=f"Tin số {i}")
                        for i in range(1, count + 1)
                    ],
                )

        fill(1)
        with django_assert_max_num_queries(40) as few:
            public_client.get("/tim-kiem/", {"q": "tin"})
        fill(30)
        with django_assert_max_num_queries(len(few)):
            public_client.get("/tim-kiem/", {"q": "tin"})

    def test_empty_portal_search(self, public_client):
        response = public_client.get("/tim-kiem/")
        assert response.status_code == 200


@pytest.mark.django_db
class IssuerFilterPageTests:
    def test_the_issuer_filter_offers_the_indexed_issuers(self, client_a, school_a):
        documents_write(
            school_a.schema_name,
            add=[
                SearchDocument(1, "/vb/1/", "Công văn số 12", kind="documents", issuer="Sở GD&ĐT"),
                SearchDocument(2, "/vb/2/", "Công văn số 13", kind="documents", issuer="UBND quận"),
            ],
        )
        html = client_a.get("/tim-kiem/", {"q": "cong van", "co_quan": "UBND quận"}).content
        html = html.decode()
        assert "Cơ quan ban hành" in html and '<option value="Sở GD&amp;ĐT"' in html
        assert "Công văn số 13" in html and "Công văn số 12" not in html
