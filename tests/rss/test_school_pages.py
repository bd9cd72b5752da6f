"""Shared items on every school's pages; each school may hide a source (R8.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from rss.models import FeedItem, FeedSource
from rss.school.models import FeedItemsPage, FeedPreferences
from tests.rss.factories import FeedItemFactory, FeedSourceFactory


def _items(source: FeedSource, count: int, prefix: str) -> None:
    now = timezone.now()
    FeedItem.objects.bulk_create(
        FeedItemFactory.build(
            source=source,
            guid=f"{prefix}-{i}",
            title=f"{prefix} {i}",
            sort_at=now - dt.timedelta(hours=i),
        )
        for i in range(count)
    )


@pytest.fixture
def two_sources(db):
    so = FeedSourceFactory(name="Tin tức – Sở GD&ĐT")
    phong = FeedSourceFactory(name="Văn bản – Phòng GD&ĐT")
    _items(so, 30, "Sở")
    _items(phong, 5, "Phòng")
    return so, phong


def _hide(school, source, in_school) -> None:
    with in_school(school):
        prefs = FeedPreferences.for_site(Site.objects.get(is_default_site=True))
        prefs.hidden_source_ids = [source.pk]
        prefs.save()


@pytest.mark.django_db
class HomePanelTests:
    def test_every_school_home_lists_the_shared_items(self, two_sources, client_a, client_b):
        for client in (client_a, client_b):
            html = client.get("/").content.decode()
            assert "Tin từ Sở/Phòng" in html
            assert "Sở 0" in html
            assert "Phòng 0" in html
            assert html.count('class="rss-meta"') == 8

    def test_a_school_hides_a_source_only_for_itself(
        self, two_sources, client_a, client_b, school_a, in_school
    ):
        so, _phong = two_sources
        _hide(school_a, so, in_school)

        html_a = client_a.get("/").content.decode()
        html_b = client_b.get("/").content.decode()

        assert "Sở 0" not in html_a and "Phòng 0" in html_a
        assert "Sở 0" in html_b

    def test_inactive_sources_are_not_shown(self, two_sources, client_a):
        so, _phong = two_sources
        FeedSource.objects.filter(pk=so.pk).update(is_active=False)
        assert "Sở 0" not in client_a.get("/").content.decode()

    def test_empty_state(self, client_a):
        html = client_a.get("/").content.decode()
        assert "Chưa có tin mới từ Sở và Phòng Giáo dục" in html

    def test_home_queries_do_not_grow_with_items_or_sources(self, client_a):
        first = FeedSourceFactory()
        _items(first, 1, "Một")
        client_a.get("/")  # warm Wagtail's per-host caches
        with CaptureQueriesContext(connection) as few:
            client_a.get("/")
        for n in range(5):
            source = FeedSourceFactory()
            _items(source, 40, f"Nhiều{n}")
        with CaptureQueriesContext(connection) as many:
            html = client_a.get("/").content.decode()
        assert html.count('class="rss-meta"') == 8
        assert len(many) == len(few)
        sql = [q["sql"] for q in many.captured_queries]
        # The panel: the school's preferences and one query on the shared items table.
        assert sum('FROM "rss_school_feedpreferences"' in q for q in sql) == 1
        assert sum('FROM "rss_feeditem"' in q for q in sql) == 1


@pytest.mark.django_db
class FeedItemsPageTests:
    def test_the_page_exists_in_every_school(self, school_a, school_b, in_school):
        for school in (school_a, school_b):
            with in_school(school):
                page = FeedItemsPage.objects.get()
                assert page.slug == "tin-tu-so-phong" and page.live

    def test_lists_paginates_and_filters(self, two_sources, client_a):
        so, phong = two_sources
        first = client_a.get("/tin-tu-so-phong/")
        assert first.status_code == 200
        html = first.content.decode()
        assert "Trang 1/2" in html
        assert html.count('class="rss-title"') == 20

        second = client_a.get("/tin-tu-so-phong/?trang=2").content.decode()
        assert second.count('class="rss-title"') == 15

        only_phong = client_a.get(f"/tin-tu-so-phong/?nguon={phong.pk}").content.decode()
        assert only_phong.count('class="rss-title"') == 5
        assert "Sở 0" not in only_phong

    def test_bad_query_values_do_not_break_the_page(self, two_sources, client_a):
        for query in ("?trang=abc", "?trang=999", "?nguon=xyz", "?nguon=999999"):
            assert client_a.get(f"/tin-tu-so-phong/{query}").status_code == 200

    def test_hidden_source_cannot_be_selected(self, two_sources, client_a, school_a, in_school):
        so, _phong = two_sources
        _hide(school_a, so, in_school)
        html = client_a.get(f"/tin-tu-so-phong/?nguon={so.pk}").content.decode()
        assert "Sở 0" not in html and "Phòng 0" in html

    def test_queries_are_bounded(self, two_sources, client_a):
        client_a.get("/tin-tu-so-phong/")
        with CaptureQueriesContext(connection) as context:
            response = client_a.get("/tin-tu-so-phong/?trang=2")
        assert response.status_code == 200
        # django-tenants sets the search path before each query; count the real ones.
        real = [q for q in context.captured_queries if not q["sql"].startswith("SET ")]
        assert len(real) <= 18

    def test_empty_state(self, client_a):
        html = client_a.get("/tin-tu-so-phong/").content.decode()
        assert "Chưa có tin nào từ Sở và Phòng Giáo dục" in html

    def test_summary_html_is_rendered_and_titles_escaped(self, client_a):
        FeedItemFactory(
            title="<b>Tiêu đề</b> & thông báo", summary_html="<p><strong>Đậm</strong></p>"
        )
        html = client_a.get("/tin-tu-so-phong/").content.decode()
        assert "&lt;b&gt;Tiêu đề&lt;/b&gt; &amp; thông báo" in html
        assert "<strong>Đậm</strong>" in html


@pytest.mark.django_db
class FeedPreferencesAdminTests:
    def test_the_board_sees_checkboxes_and_can_hide_a_source(
        self, two_sources, client_a, school_a, in_school
    ):
        so, phong = two_sources
        with in_school(school_a):
            client_a.login(username="hieutruong", password="MatKhau@Test2026")
            site = Site.objects.get(is_default_site=True)
            url = f"/admin/settings/rss_school/feedpreferences/{site.pk}/"
            form = client_a.get(url)
            assert form.status_code == 200
            assert "Văn bản – Phòng GD&amp;ĐT" in form.content.decode()
            response = client_a.post(url, {"hidden_source_ids": [str(phong.pk)]})
            assert response.status_code == 302
            assert FeedPreferences.for_site(site).hidden_source_ids == [phong.pk]
        assert "Phòng 0" not in client_a.get("/").content.decode()
