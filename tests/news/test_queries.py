"""Public pages run a fixed number of queries whatever the number of articles."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.news.helpers import add_article, tiny_image

PAGES = ["/", "/tin-tuc/", "/tin-tuc/?chuyen-muc=thong-bao", "/tin-tuc/?trang=2"]


def _add(count: int, start: int) -> None:
    base = datetime.date(2026, 1, 1)
    for n in range(start, start + count):
        add_article(
            f"Tin thứ {n}",
            categories=("thong-bao", "su-kien") if n % 2 else ("tin-tuc",),
            featured=n % 7 == 0,
            date=base + datetime.timedelta(days=n),
            image=tiny_image(),
            intro="Tóm tắt bài viết.",
            publish=False,
        )


def _query_counts(client) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        assert client.get(path).status_code == 200  # warm-up: renditions are created once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts[path] = _real(queries)
    return counts


def _real(queries) -> int:
    """Queries other than django-tenants' ``SET search_path`` (sent before each query)."""
    return sum(not q["sql"].startswith("SET search_path") for q in queries.captured_queries)


class QueryBoundTests:
    @pytest.fixture(autouse=True)
    def _no_page_cache(self, settings):
        settings.PORTAL_PAGE_CACHE_ENABLED = False

    def test_home_and_news_index_queries_do_not_grow_with_articles(
        self, client_a, school_a, in_school
    ):
        with in_school(school_a):
            _add(3, 0)
        few = _query_counts(client_a)
        with in_school(school_a):
            _add(27, 3)
        many = _query_counts(client_a)
        assert many == few
        # The home page grows with the number of section *types* (``.specific()`` runs one
        # query per page type) and home panels, never with the number of articles.
        assert max(many.values()) <= 45, many

    def test_article_page_is_bounded(
        self, client_a, school_a, in_school, django_assert_max_num_queries
    ):
        with in_school(school_a):
            _add(2, 0)
            url = "/tin-tuc/tin-thu-1/"
        client_a.get(url)
        # 2 per query: django-tenants sends SET search_path before each one.
        with django_assert_max_num_queries(2 * 20):
            assert client_a.get(url).status_code == 200
