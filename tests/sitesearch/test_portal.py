"""The operator portal's search over every active school, with both engines: one ranking over
the schools, kept current by the schools' own writes, never showing a school that is not
active (suspended, deleted, or a spare schema of the pool)."""

import pytest

from sitesearch.backend import SearchDocument, documents_write, stored_url
from sitesearch.selectors import SearchFilters, search_all_schools

pytestmark = pytest.mark.django_db


def doc(page_id, title, **fields):
    return SearchDocument(page_id=page_id, url=f"/p{page_id}/", title=title, **fields)


def portal(text, filters=None, **kwargs):
    return search_all_schools(text, filters, **kwargs)


def found(text, filters=None):
    return [(hit.school.slug, hit.title) for hit in portal(text, filters).hits]


class PortalRankingTests:
    def test_one_ranking_over_the_schools_and_totals_summed(self, school_a, school_b):
        documents_write(
            school_a.schema_name,
            add=[doc(i, f"Tin số {i}", body="Học sinh tham gia hội trại.") for i in range(1, 6)],
        )
        documents_write(
            school_b.schema_name,
            add=[
                doc(1, "Hội trại truyền thống", summary="Hội trại truyền thống của trường."),
                doc(2, "Tin khác", body="Hội trại sẽ diễn ra vào tháng sau."),
            ],
        )
        results = portal("hoi trai")
        assert results.total == 7 and results.exact
        assert (results.hits[0].school.slug, results.hits[0].title) == (
            school_b.slug,
            "Hội trại truyền thống",
        )
        assert {hit.school.slug for hit in results.hits} == {school_a.slug, school_b.slug}

    @pytest.mark.whoosh_only
    def test_more_schools_than_open_searchers_kept(self, school_a, school_b, monkeypatch):
        """Whoosh keeps every school of the portal open, whatever MAX_OPEN_SEARCHERS says:
        evicting one while the portal's view was made closed a reader it held."""
        from sitesearch import whoosh_searchers

        monkeypatch.setattr(whoosh_searchers, "MAX_OPEN_SEARCHERS", 1)
        monkeypatch.setattr(whoosh_searchers._cache, "portal_schools", 0, raising=False)
        documents_write(school_a.schema_name, add=[doc(1, "Hội trại trường A")])
        documents_write(school_b.schema_name, add=[doc(1, "Hội trại trường B")])
        for _ in range(2):
            assert sorted(found("hoi trai")) == [
                (school_a.slug, "Hội trại trường A"),
                (school_b.slug, "Hội trại trường B"),
            ]

    def test_filters_apply_to_every_school(self, school_a, school_b):
        documents_write(school_a.schema_name, add=[doc(1, "Tuyển sinh lớp 6", kind="news")])
        documents_write(
            school_b.schema_name,
            add=[
                doc(1, "Tuyển sinh lớp 10", kind="documents"),
                doc(2, "Tuyển sinh lớp 1", kind="news"),
            ],
        )
        news = SearchFilters(kind="news")
        assert sorted(found("tuyen sinh", news)) == [
            (school_a.slug, "Tuyển sinh lớp 6"),
            (school_b.slug, "Tuyển sinh lớp 1"),
        ]
        assert found("tuyen sinh", SearchFilters(kind="disclosure")) == []
        assert sorted(title for _, title in found("", news)) == [
            "Tuyển sinh lớp 1",
            "Tuyển sinh lớp 6",
        ]

    def test_pages_beyond_the_first_come_from_the_same_ranking(self, school_a, school_b):
        for school in (school_a, school_b):
            documents_write(
                school.schema_name,
                add=[doc(i, f"Thông báo số {i}") for i in range(1, 13)],
            )
        first, second = portal("thong bao", page=1), portal("thong bao", page=2)
        assert first.total == 24 and first.pages == 3
        shown = [(hit.school.slug, hit.title) for hit in first.hits + second.hits]
        assert len(shown) == 20 and len(set(shown)) == 20


class PortalCurrentTests:
    def test_writes_are_seen_at_once_by_the_next_portal_search(self, school_a, school_b):
        documents_write(school_a.schema_name, add=[doc(1, "Lễ khai giảng")])
        documents_write(school_b.schema_name, add=[doc(1, "Hội khỏe Phù Đổng")])
        assert found("khai giang") == [(school_a.slug, "Lễ khai giảng")]  # the view is open
        documents_write(school_b.schema_name, add=[doc(2, "Khai giảng năm học mới")])
        assert sorted(found("khai giang")) == [
            (school_a.slug, "Lễ khai giảng"),
            (school_b.slug, "Khai giảng năm học mới"),
        ]
        documents_write(school_a.schema_name, remove=[1])
        assert found("khai giang") == [(school_b.slug, "Khai giảng năm học mới")]
        kind_news = SearchFilters(kind="news")
        assert found("", kind_news) == []  # a filter's document set, now cached
        documents_write(school_a.schema_name, add=[doc(3, "Tin khai giảng", kind="news")])
        assert found("khai giang", kind_news) == [(school_a.slug, "Tin khai giảng")]
        assert found("", kind_news) == [(school_a.slug, "Tin khai giảng")]

    def test_published_and_unpublished_pages(
        self, school_a, school_b, make_page, in_school, django_capture_on_commit_callbacks
    ):
        page = make_page(school_a, "Ngày hội đọc sách")
        assert found("hoi doc sach") == [(school_a.slug, "Ngày hội đọc sách")]
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert found("hoi doc sach") == []


class PortalOnlyActiveSchoolsTests:
    def test_a_suspended_school_is_not_searched(self, school_a, school_b):
        from schools.models import SchoolStatus
        from schools.services import school_set_status

        documents_write(school_a.schema_name, add=[doc(1, "Thông báo nghỉ Tết")])
        documents_write(school_b.schema_name, add=[doc(1, "Thông báo nghỉ hè")])
        assert len(found("thong bao nghi")) == 2
        school_set_status(school=school_a, status=SchoolStatus.SUSPENDED)
        try:
            assert found("thong bao nghi") == [(school_b.slug, "Thông báo nghỉ hè")]
            assert portal("thong bao nghi").total == 1
        finally:
            school_set_status(school=school_a, status=SchoolStatus.ACTIVE)
        assert len(found("thong bao nghi")) == 2

    def test_a_schema_without_an_active_school_is_never_searched(self, school_a):
        documents_write("pool_0123abcd", add=[doc(1, "Trang của lược đồ dự phòng")])
        documents_write(school_a.schema_name, add=[doc(1, "Trang của trường")])
        assert found("trang cua") == [(school_a.slug, "Trang của trường")]

    def test_a_deleted_school_is_dropped_from_the_index(
        self, school_a, school_b, django_capture_on_commit_callbacks
    ):
        """School deletion sends ``post_delete`` for the row (a schema cannot be created and
        dropped in one test transaction, so the signal is sent as the deletion sends it)."""
        from django.db.models.signals import post_delete

        from schools.models import School

        documents_write(school_a.schema_name, add=[doc(1, "Trang sắp xoá")])
        documents_write(school_b.schema_name, add=[doc(1, "Trang còn lại")])
        with django_capture_on_commit_callbacks(execute=True):
            post_delete.send(sender=School, instance=school_a, using="default", origin=school_a)
        assert stored_url(school_a.schema_name, 1) is None
        assert stored_url(school_b.schema_name, 1) == "/p1/"
        assert found("trang") == [(school_b.slug, "Trang còn lại")]


class ScoringBudgetTests:
    def test_a_broad_query_ranks_the_newest_matches_and_says_its_total_is_an_estimate(
        self, school_a, school_b
    ):
        import datetime

        from sitesearch.backend import SCORED_BUDGET, scoring_budget
        from sitesearch.selectors import search_school

        start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        count = SCORED_BUDGET + 50
        documents = [
            doc(i, f"Tin hoạt động {i}", date=start + datetime.timedelta(days=i))
            for i in range(count, 0, -1)  # newest first, as a rebuild writes them
        ]
        documents_write(school_a.schema_name, add=documents, clear=True)
        documents_write(school_b.schema_name, add=[doc(1, "Tin hoạt động của trường B")])
        results = search_school(school_a.schema_name, "tin hoat dong")
        assert not results.exact and results.total >= SCORED_BUDGET
        # Two schools share a budget of twice 300: the 351 matches are all counted.
        assert scoring_budget(2) * 2 > count + 1
        portal_results = portal("tin hoat dong")
        assert portal_results.exact and portal_results.total == count + 1
        assert school_b.slug in {hit.school.slug for hit in portal("tin hoat dong truong b").hits}


class DateFilterTests:
    def test_date_filters_leave_out_replaced_and_removed_pages(self, school_a):
        import datetime

        from sitesearch.selectors import search_school

        def on(year, month):
            return datetime.datetime(year, month, 1, 3, 0, tzinfo=datetime.UTC)

        def titles(text, start, end):
            filters = SearchFilters(date_from=datetime.date(*start), date_to=datetime.date(*end))
            return [hit.title for hit in search_school(school_a.schema_name, text, filters).hits]

        schema = school_a.schema_name
        documents_write(
            schema,
            add=[doc(1, "Tin tháng ba", date=on(2025, 3)), doc(2, "Tin cũ", date=on(2024, 1))],
        )
        assert titles("tin", (2025, 1, 1), (2025, 12, 31)) == ["Tin tháng ba"]
        assert titles("", (2024, 1, 1), (2024, 1, 31)) == ["Tin cũ"]
        documents_write(schema, add=[doc(1, "Tin dời ngày", date=on(2023, 5))], remove=[2])
        assert titles("tin", (2025, 1, 1), (2025, 12, 31)) == []
        assert titles("", (2024, 1, 1), (2024, 12, 31)) == []
        assert titles("tin", (2023, 1, 1), (2023, 12, 31)) == ["Tin dời ngày"]
        assert titles("", (2023, 5, 1), (2023, 5, 1)) == ["Tin dời ngày"]
