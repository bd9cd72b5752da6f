"""Each school's own feeds: news, notices and documents, RSS 2.0 and Atom (R8.2, R8.3)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rss.outgoing import article_published_at
from tests.documents.factories import PDF_BYTES, make_document, pdf_document
from tests.news.helpers import add_article

SCHOOL_A_URL = "http://test-a.localhost"
FEEDS = ("tin-tuc", "thong-bao", "van-ban")


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def _articles(in_school, school, count: int, *, prefix: str = "Tin") -> None:
    with in_school(school):
        for i in range(count):
            add_article(f"{prefix} số {i}", categories=("thong-bao",))


@pytest.mark.django_db
class SchoolFeedsTests:
    @pytest.mark.parametrize("suffix", ["", "atom/"])
    def test_news_feed_parses_with_absolute_links_dates_and_vietnamese(
        self, client_a, school_a, in_school, suffix
    ):
        # Decomposed input is stored as typed; the feed must carry the precomposed text.
        title = "Lễ khai giảng năm học 2026–2027 & đón học sinh lớp 6"
        with in_school(school_a):
            article = add_article(
                unicodedata.normalize("NFD", title),
                categories=("su-kien",),
                date=dt.date(2026, 9, 5),
                intro="Sáng 5/9, thầy và trò dự lễ <khai giảng>.",
            )
            expected_date = article_published_at(article)
        response, parsed = _parse(client_a, f"/rss/tin-tuc/{suffix}")
        assert response["Cache-Control"] == "max-age=300, public"
        assert parsed.feed.title == "Tin tức – Trường THCS Thử Nghiệm A"
        assert parsed.feed.link == f"{SCHOOL_A_URL}/tin-tuc/"
        entry = parsed.entries[0]
        assert entry.title == title
        assert unicodedata.is_normalized("NFC", entry.title)
        assert entry.link == f"{SCHOOL_A_URL}/tin-tuc/{article.slug}/"
        assert entry.id.startswith("tag:test-a.localhost,")
        assert entry.id.endswith(f":trang-{article.pk}")
        assert "&lt;khai giảng&gt;" in entry.summary
        assert [t.term for t in entry.tags] == ["Sự kiện"]
        published = entry.published_parsed
        assert dt.datetime(*published[:6], tzinfo=dt.UTC) == expected_date.replace(microsecond=0)
        # Back-dated "ngày đăng": the feed says that day (Vietnam time), not the publish day.
        assert timezone.localtime(expected_date).date() == dt.date(2026, 9, 5)

    def test_notices_feed_lists_only_notices(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Thông báo họp cha mẹ học sinh", categories=("thong-bao",))
            add_article("Hội thi văn nghệ chào mừng 20/11", categories=("su-kien",))
        _, parsed = _parse(client_a, "/rss/thong-bao/")
        assert [e.title for e in parsed.entries] == ["Thông báo họp cha mẹ học sinh"]
        assert parsed.feed.link == f"{SCHOOL_A_URL}/tin-tuc/?chuyen-muc=thong-bao"

    @pytest.mark.parametrize("suffix", ["", "atom/"])
    def test_documents_feed_cites_number_and_summary_with_issue_date_and_file(
        self, client_a, school_a, in_school, media_root, suffix
    ):
        with in_school(school_a):
            pdf = pdf_document("Kế hoạch Hội khỏe Phù Đổng")
            pdf.file_size = len(PDF_BYTES)  # as the admin's upload records it
            pdf.save()
            document = make_document(
                number="125/KH-THCS",
                summary="Kế hoạch tổ chức Hội khỏe Phù Đổng cấp trường năm học 2026–2027",
                issue_date=dt.date(2026, 10, 2),
                files=[pdf],
            )
            document.save_revision().publish()
            file_id = document.files.get().document_id
        _, parsed = _parse(client_a, f"/rss/van-ban/{suffix}")
        entry = parsed.entries[0]
        assert entry.title == (
            "125/KH-THCS: Kế hoạch tổ chức Hội khỏe Phù Đổng cấp trường năm học 2026–2027"
        )
        assert entry.link == f"{SCHOOL_A_URL}{document.url}"
        local = dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC)
        assert timezone.localtime(local).date() == dt.date(2026, 10, 2)
        assert "02/10/2026" in entry.summary
        enclosure = entry.enclosures[0]
        assert enclosure.href == f"{SCHOOL_A_URL}{document.url}tai-ve/{file_id}/"
        assert enclosure.type == "application/pdf"
        assert int(enclosure.length) == len(PDF_BYTES)

    def test_school_b_feeds_never_link_to_school_a(self, client_b, school_a, school_b, in_school):
        _articles(in_school, school_a, 1, prefix="Tin trường A")
        _articles(in_school, school_b, 1, prefix="Tin trường B")
        for slug in FEEDS:
            body = client_b.get(f"/rss/{slug}/").content.decode()
            assert "test-a.localhost" not in body
            assert "Tin trường A" not in body
        assert "http://test-b.localhost/tin-tuc/" in client_b.get("/rss/tin-tuc/").content.decode()

    def test_query_count_does_not_grow_with_the_number_of_articles(
        self, client_a, school_a, in_school
    ):
        def count(url: str) -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client_a.get(url).status_code == 200
            return len(queries)

        _articles(in_school, school_a, 3)
        client_a.get("/robots.txt")  # the host's look-up is cached after the first request
        few = {slug: count(f"/rss/{slug}/") for slug in FEEDS}
        _articles(in_school, school_a, 27, prefix="Thêm")
        many = {slug: count(f"/rss/{slug}/") for slug in FEEDS}
        assert many == few
        assert max(many.values()) <= 12
        _, parsed = _parse(client_a, "/rss/tin-tuc/")
        assert len(parsed.entries) == 20  # the newest 20, not all 30

    def test_school_feeds_are_not_on_the_operator_portal(self, public_client, client_a):
        for slug in FEEDS:
            assert public_client.get(f"/rss/{slug}/").status_code == 404
        assert client_a.get("/rss/tin-cac-truong/").status_code == 404

    def test_index_lists_the_three_feeds(self, client_a):
        html = client_a.get("/rss/").content.decode()
        for slug in FEEDS:
            assert f"{SCHOOL_A_URL}/rss/{slug}/" in html


def _alternates(html: str) -> list[tuple[str, str]]:
    head = html.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)">',
        head,
    )


@pytest.mark.django_db
class AlternateLinksTests:
    def test_school_pages_announce_their_feeds_in_the_head(self, client_a):
        for path in ("/", "/tin-tuc/", "/rss/"):
            assert _alternates(client_a.get(path).content.decode()) == [
                ("Tin tức – Trường THCS Thử Nghiệm A", f"{SCHOOL_A_URL}/rss/tin-tuc/"),
                ("Thông báo – Trường THCS Thử Nghiệm A", f"{SCHOOL_A_URL}/rss/thong-bao/"),
                ("Văn bản – Trường THCS Thử Nghiệm A", f"{SCHOOL_A_URL}/rss/van-ban/"),
            ]

    def test_portal_announces_the_schools_news_feed(self, public_client, settings):
        links = _alternates(public_client.get("/").content.decode())
        assert links == [
            (
                f"Tin các trường – {settings.PORTAL_OPERATOR_NAME}",
                "http://localhost/rss/tin-cac-truong/",
            )
        ]
