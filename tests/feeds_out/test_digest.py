"""The operator portal's stream of every school's news, from the shared digest (R1.5, R8.2)."""

from __future__ import annotations

import io
import unicodedata

import feedparser
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from rss.models import SchoolNewsDigest
from tests.news.helpers import add_article, tiny_image


def _digest(school) -> list[SchoolNewsDigest]:
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        return list(SchoolNewsDigest.objects.filter(school=school).order_by("title"))


def _table_schemas() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema FROM information_schema.tables "
            "WHERE table_name = 'rss_schoolnewsdigest'"
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
class SchoolNewsDigestTests:
    def test_publishing_in_a_school_writes_the_public_table_through_the_search_path(
        self, school_a, in_school
    ):
        # The table exists in public only: a school's write can only land there.
        assert _table_schemas() == {"public"}
        with in_school(school_a):
            article = add_article(
                unicodedata.normalize("NFD", "Học sinh đạt giải Nhất Hội khỏe Phù Đổng"),
                categories=("su-kien",),
                intro="Đội tuyển điền kinh của trường giành 3 huy chương.",
                image=tiny_image(),
            )
        [row] = _digest(school_a)
        assert row.page_id == article.pk
        assert row.url == f"http://test-a.localhost/tin-tuc/{article.slug}/"
        assert row.title == "Học sinh đạt giải Nhất Hội khỏe Phù Đổng"  # NFC
        assert row.category == "Sự kiện"
        assert row.summary == "Đội tuyển điền kinh của trường giành 3 huy chương."
        assert row.image_url.startswith("http://test-a.localhost/media/")
        assert row.guid.startswith("tag:test-a.localhost,")
        assert row.published_at.tzinfo is not None

    def test_unpublishing_and_deleting_remove_the_article(self, school_a, in_school):
        with in_school(school_a):
            kept = add_article("Tin được giữ")
            hidden = add_article("Tin bị gỡ")
            deleted = add_article("Tin bị xóa")
        assert [r.title for r in _digest(school_a)] == ["Tin bị gỡ", "Tin bị xóa", "Tin được giữ"]
        with in_school(school_a):
            hidden.unpublish()
            deleted.delete()
        assert [r.page_id for r in _digest(school_a)] == [kept.pk]

    def test_a_rolled_back_publish_leaves_no_row(self, school_a, in_school):
        with pytest.raises(RuntimeError), in_school(school_a), transaction.atomic():
            add_article("Tin chưa đăng được")
            raise RuntimeError("the publish failed later")
        assert _digest(school_a) == []

    def test_slug_change_updates_the_link(
        self, school_a, in_school, django_capture_on_commit_callbacks
    ):
        with in_school(school_a):
            article = add_article("Tin đổi đường dẫn")
            with django_capture_on_commit_callbacks(execute=True):
                article.slug = "duong-dan-moi"
                article.save_revision().publish()
        [row] = _digest(school_a)
        assert row.url == "http://test-a.localhost/tin-tuc/duong-dan-moi/"

    def test_new_primary_domain_rewrites_the_links(
        self, school_a, in_school, django_capture_on_commit_callbacks
    ):
        from schools.models import Domain

        with in_school(school_a):
            article = add_article("Tin trước khi đổi tên miền")
        with django_capture_on_commit_callbacks(execute=True):
            Domain.objects.filter(tenant=school_a).update(is_primary=False)
            Domain.objects.create(tenant=school_a, domain="thcs-a.localhost", is_primary=True)
        [row] = _digest(school_a)
        assert row.url == f"http://thcs-a.localhost/tin-tuc/{article.slug}/"

    def test_rebuild_command_backfills_one_school_or_all(self, school_a, school_b, in_school):
        with in_school(school_a):
            add_article("Tin của trường A")
        with in_school(school_b):
            add_article("Tin của trường B")
        with schema_context(settings.PUBLIC_SCHEMA_NAME):
            SchoolNewsDigest.objects.all().delete()
        out = io.StringIO()
        call_command("rebuild_school_news_digest", "--school", "test-b", stdout=out)
        assert "test-b: 1 articles" in out.getvalue()
        assert [r.title for r in _digest(school_b)] == ["Tin của trường B"]
        assert _digest(school_a) == []
        call_command("rebuild_school_news_digest", "--dry-run", stdout=out)
        assert _digest(school_a) == []
        for _ in range(2):  # idempotent
            call_command("rebuild_school_news_digest", stdout=out)
        assert [r.title for r in _digest(school_a)] == ["Tin của trường A"]
        assert [r.url.split("/")[2] for r in _digest(school_b)] == ["test-b.localhost"]


@pytest.mark.django_db
class PortalNewsStreamTests:
    def test_portal_names_the_school_and_links_to_its_domain(
        self, public_client, school_a, school_b, in_school
    ):
        with in_school(school_a):
            article_a = add_article("Hội thi giáo viên dạy giỏi cấp trường")
        with in_school(school_b):
            article_b = add_article("Ngày hội đọc sách của các bé")
        html = public_client.get("/").content.decode()
        assert "Tin mới từ các trường" in html
        link_a = f'href="http://test-a.localhost/tin-tuc/{article_a.slug}/"'
        link_b = f'href="http://test-b.localhost/tin-tuc/{article_b.slug}/"'
        for link, school, title in (
            (link_a, school_a, article_a.title),
            (link_b, school_b, article_b.title),
        ):
            card = html[html.index(link) - 400 : html.index(link) + 200]
            assert school.name in card
            assert title in card
        assert f'href="http://test-a.localhost/tin-tuc/{article_b.slug}/"' not in html

    def test_level_filter_and_the_paginated_page(
        self, public_client, school_a, school_b, in_school
    ):
        with in_school(school_a):
            for i in range(21):
                add_article(f"Tin THCS số {i}")
        with in_school(school_b):
            add_article("Tin tiểu học")
        html = public_client.get("/?cap=tieu_hoc").content.decode()
        assert "Tin tiểu học" in html and "Tin THCS" not in html
        page_one = public_client.get("/tin-cac-truong/").content.decode()
        assert page_one.count('class="card"') == 20
        assert "?trang=2" in page_one
        page_two = public_client.get("/tin-cac-truong/?trang=2").content.decode()
        assert page_two.count('class="card"') == 2
        only_b = public_client.get("/tin-cac-truong/?cap=tieu_hoc").content.decode()
        assert only_b.count('class="card"') == 1
        empty = public_client.get("/tin-cac-truong/?cap=thpt").content.decode()
        assert "Chưa có tin nào phù hợp" in empty

    def test_empty_state(self, public_client):
        assert "Các trường chưa đăng tin nào" in public_client.get("/").content.decode()

    def test_operator_feed_parses_and_reuses_the_schools_guids(
        self, public_client, client_a, school_a, in_school
    ):
        with in_school(school_a):
            add_article("Thông báo lịch nghỉ Tết Nguyên đán", categories=("thong-bao",))
        for suffix in ("", "atom/"):
            response = public_client.get(f"/rss/tin-cac-truong/{suffix}")
            assert response["Cache-Control"] == "max-age=300, public"
            parsed = feedparser.parse(response.content)
            assert not parsed.bozo
            [entry] = parsed.entries
            assert entry.title == "Thông báo lịch nghỉ Tết Nguyên đán"
            assert entry.link.startswith("http://test-a.localhost/tin-tuc/")
            assert "Trường THCS Thử Nghiệm A" in [t.term for t in entry.tags]
        school_entry = feedparser.parse(client_a.get("/rss/tin-tuc/").content).entries[0]
        assert entry.id == school_entry.id

    def test_portal_queries_do_not_grow_with_the_number_of_schools(
        self, public_client, school_a, school_b, in_school
    ):
        from schools.services import school_create

        def count(url: str) -> int:
            public_client.get(url)  # warm per-process caches (site root paths, settings)
            with CaptureQueriesContext(connection) as queries:
                assert public_client.get(url).status_code == 200
            return len(queries)

        for school in (school_a, school_b):
            with in_school(school):
                add_article(f"Tin của {school.name}")
        two = (count("/"), count("/tin-cac-truong/"))
        for n in (3, 4):
            school = school_create(
                name=f"Trường Mầm non Thử Nghiệm {n}",
                slug=f"test-{n}",
                domain=f"test-{n}.localhost",
                level="mam_non",
            )
            with in_school(school):
                add_article(f"Tin của trường số {n}")
        four = (count("/"), count("/tin-cac-truong/"))
        assert four == two
        html = public_client.get("/").content.decode()
        assert 'href="http://test-4.localhost/tin-tuc/' in html

    def test_publishing_refreshes_the_cached_portal(
        self, page_cache, public_client, school_a, in_school
    ):
        assert "Các trường chưa đăng tin nào" in public_client.get("/").content.decode()
        assert public_client.get("/")["X-Page-Cache"] == "hit"
        with in_school(school_a):
            add_article("Tin mới sau khi trang cổng đã lưu đệm")
        assert "Tin mới sau khi trang cổng đã lưu đệm" in public_client.get("/").content.decode()
