"""Whole-page cache per school and per URL; publishing invalidates it."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core.models import ThemeSettings
from siteplatform.cache import HEADER
from tests.news.helpers import add_article

pytestmark = pytest.mark.usefixtures("page_cache")


class PageCacheTests:
    def test_second_get_is_served_from_cache_without_queries(self, client_a):
        first = client_a.get("/tin-tuc/")
        assert first.status_code == 200
        assert first[HEADER] == "miss"
        with CaptureQueriesContext(connection) as queries:
            second = client_a.get("/tin-tuc/")
        assert second[HEADER] == "hit"
        assert second.content == first.content
        # Only django-tenants' lookup of the host remains.
        assert len(queries) <= 2, [q["sql"] for q in queries.captured_queries]

    def test_query_string_is_part_of_the_key(self, client_a):
        client_a.get("/tin-tuc/")
        response = client_a.get("/tin-tuc/", {"chuyen-muc": "thong-bao"})
        assert response[HEADER] == "miss"

    def test_publishing_an_article_shows_it_on_the_home_page_at_once(
        self, client_a, school_a, in_school
    ):
        assert "Khai mạc hội khoẻ Phù Đổng" not in client_a.get("/").content.decode()
        assert client_a.get("/")[HEADER] == "hit"
        with in_school(school_a):
            add_article("Khai mạc hội khoẻ Phù Đổng")
        response = client_a.get("/")
        assert response[HEADER] == "miss"
        assert "Khai mạc hội khoẻ Phù Đổng" in response.content.decode()

    def test_unpublishing_and_deleting_invalidate(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article("Tin sẽ gỡ")
        assert "Tin sẽ gỡ" in client_a.get("/tin-tuc/").content.decode()
        with in_school(school_a):
            article.unpublish()
        assert "Tin sẽ gỡ" not in client_a.get("/tin-tuc/").content.decode()
        with in_school(school_a):
            other = add_article("Tin sẽ xoá")
        assert "Tin sẽ xoá" in client_a.get("/tin-tuc/").content.decode()
        with in_school(school_a):
            other.delete()
        assert "Tin sẽ xoá" not in client_a.get("/tin-tuc/").content.decode()

    def test_theme_change_invalidates(self, client_a, school_a, in_school):
        assert "--primary:#0b5394" in client_a.get("/").content.decode()
        with in_school(school_a):
            theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
            theme.primary_colour = "#7b1fa2"
            theme.save()
        body = client_a.get("/").content.decode()
        assert "--primary:#7b1fa2" in body  # R9.6: the school's colour applies at once

    def test_cache_of_one_school_is_not_served_to_another(
        self, client_a, client_b, school_a, in_school
    ):
        with in_school(school_a):
            add_article("Tin riêng của trường A")
        assert "Tin riêng của trường A" in client_a.get("/tin-tuc/").content.decode()
        assert client_a.get("/tin-tuc/")[HEADER] == "hit"
        response = client_b.get("/tin-tuc/")
        assert response[HEADER] == "miss"
        assert "Tin riêng của trường A" not in response.content.decode()

    def test_publishing_in_one_school_keeps_the_other_cached(
        self, client_a, client_b, school_a, in_school
    ):
        client_b.get("/")
        with in_school(school_a):
            add_article("Tin của A")
        assert client_b.get("/")[HEADER] == "hit"

    def test_logged_in_users_bypass_the_cache(self, client_a, school_a, in_school):
        client_a.get("/")
        with in_school(school_a):
            user = get_user_model().objects.get(username="hieutruong")
            client_a.force_login(user)
        response = client_a.get("/")
        assert response.status_code == 200
        assert HEADER not in response

    def test_not_found_and_admin_are_never_cached(self, client_a):
        client_a.get("/khong-co/")
        assert HEADER not in client_a.get("/khong-co/")
        assert HEADER not in client_a.get("/admin/login/")

    @pytest.mark.parametrize("setting", [False])
    def test_can_be_switched_off(self, client_a, settings, setting):
        settings.PORTAL_PAGE_CACHE_ENABLED = setting
        client_a.get("/")
        assert HEADER not in client_a.get("/")


class CategoryChangeTests:
    def test_renaming_a_category_invalidates(self, client_a, school_a, in_school):
        from news.models import NewsCategory

        with in_school(school_a):
            add_article("Tin có chuyên mục", categories=("su-kien",))
        client_a.get("/tin-tuc/")
        with in_school(school_a):
            category = NewsCategory.objects.get(slug="su-kien")
            category.name = "Sự kiện nổi bật"
            category.save()
        assert "Sự kiện nổi bật" in client_a.get("/tin-tuc/").content.decode()


class OperatorPortalCacheTests:
    def test_school_status_change_refreshes_the_directory(self, public_client, school_b):
        from schools.services import school_set_status

        assert school_b.name in public_client.get("/").content.decode()
        assert public_client.get("/")[HEADER] == "hit"
        school_set_status(school=school_b, status="suspended")
        assert school_b.name not in public_client.get("/").content.decode()
        school_set_status(school=school_b, status="active")
