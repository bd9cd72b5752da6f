"""Public news pages: listing, filters, featured block, articles, author and source (R3)."""

import datetime
import json
import re
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from news.models import NewsPage
from tests.news.helpers import add_article, tiny_image


def _json_ld(body: str) -> list[dict]:
    return [
        json.loads(m)
        for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    ]


class NewsIndexTests:
    def test_empty_school_shows_friendly_empty_state(self, client_b):
        response = client_b.get("/tin-tuc/")
        assert response.status_code == 200
        assert "Nhà trường chưa đăng tin nào" in response.content.decode()

    def test_lists_articles_newest_first_with_featured_block(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Tin cũ", date=datetime.date(2026, 9, 1))
            add_article("Tin mới hơn", date=datetime.date(2026, 10, 1))
            add_article("Tin nổi bật", date=datetime.date(2026, 8, 1), featured=True)
        body = client_a.get("/tin-tuc/").content.decode()
        featured_at = body.index('id="tin-noi-bat"')
        assert body.index("Tin nổi bật", featured_at) < body.index("Tin mới hơn")
        assert body.index("Tin mới hơn") < body.index("Tin cũ")
        assert body.count(">Tin nổi bật</a>") == 1  # not repeated below the block

    def test_filters_by_category(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Lịch nghỉ Tết", categories=("thong-bao",))
            add_article("Hội diễn văn nghệ", categories=("su-kien",))
        body = client_a.get("/tin-tuc/", {"chuyen-muc": "thong-bao"}).content.decode()
        assert "Lịch nghỉ Tết" in body
        assert "Hội diễn văn nghệ" not in body
        assert (
            'rel="canonical" href="http://test-a.localhost/tin-tuc/?chuyen-muc=thong-bao"' in body
        )

    def test_unknown_category_says_so_and_lists_everything(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Hội diễn văn nghệ", categories=("su-kien",))
        body = client_a.get("/tin-tuc/", {"chuyen-muc": "khong-co"}).content.decode()
        assert "Không có chuyên mục này" in body
        assert "Hội diễn văn nghệ" in body

    def test_paginates_twelve_per_page_keeping_the_filter(self, client_a, school_a, in_school):
        with in_school(school_a):
            start = datetime.date(2026, 1, 1)
            for n in range(14):
                add_article(
                    f"Tin số {n:02d}",
                    categories=("tin-tuc",),
                    date=start + datetime.timedelta(days=n),
                    publish=False,
                )
        first = client_a.get("/tin-tuc/", {"chuyen-muc": "tin-tuc"}).content.decode()
        assert first.count('class="card"') == 12
        assert "Tin số 13" in first and "Tin số 01" not in first
        assert "?chuyen-muc=tin-tuc&amp;trang=2" in first
        second = client_a.get("/tin-tuc/", {"chuyen-muc": "tin-tuc", "trang": "2"})
        body = second.content.decode()
        assert body.count('class="card"') == 2
        assert "Tin số 01" in body and "Tin số 00" in body
        # A page number out of range or not a number gives a valid page, not an error.
        assert client_a.get("/tin-tuc/", {"trang": "99"}).status_code == 200
        assert client_a.get("/tin-tuc/", {"trang": "abc"}).status_code == 200


class NewsArticleTests:
    def test_author_and_source_are_shown(self, client_a, school_a, in_school):
        """R3.4: re-used content names its author and links its source."""
        with in_school(school_a):
            article = add_article(
                "Hướng dẫn phòng chống sốt xuất huyết",
                author="Nguyễn Văn Hùng",
                source_name="Trung tâm Kiểm soát bệnh tật TP.HCM",
                source_url="https://hcdc.vn/",
            )
            url = article.url
        body = client_a.get(url).content.decode()
        assert "Tác giả: <strong>Nguyễn Văn Hùng</strong>" in body
        assert '<a href="https://hcdc.vn/" rel="noopener nofollow">' in body
        assert "Trung tâm Kiểm soát bệnh tật TP.HCM" in body

    def test_news_article_json_ld_and_open_graph(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article(
                "Lễ tổng kết năm học",
                intro="Buổi lễ tổng kết và tuyên dương học sinh xuất sắc.",
                author="Trần Văn Minh",
                image=tiny_image(),
            )
            url = article.url
        body = client_a.get(url).content.decode()
        data = next(d for d in _json_ld(body) if d["@type"] == "NewsArticle")
        assert data["headline"] == "Lễ tổng kết năm học"
        assert data["author"] == {"@type": "Person", "name": "Trần Văn Minh"}
        assert data["url"] == "http://test-a.localhost/tin-tuc/le-tong-ket-nam-hoc/"
        assert data["image"][0].startswith("http://test-a.localhost/media/")
        assert '<meta property="og:type" content="article">' in body
        assert (
            '<meta name="description" content="Buổi lễ tổng kết và tuyên dương học sinh xuất sắc.">'
            in body
        )
        assert '<meta property="og:image" content="http://test-a.localhost/media/' in body

    def test_body_blocks_render_images_gallery_video_and_document(
        self, client_a, school_a, in_school
    ):
        from django.core.files.base import ContentFile

        video_url = "https://www.youtube.com/watch?v=abc123"
        with in_school(school_a):
            picture, first, second = tiny_image("Sân trường"), tiny_image(), tiny_image()
            document = get_document_model()(title="Kế hoạch năm học")
            document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
            # The embed is stored as Wagtail caches it, so no network is needed.
            Embed.objects.create(
                url=video_url,
                max_width=960,
                hash=get_embed_hash(video_url, 960),
                type="video",
                html='<iframe src="https://www.youtube.com/embed/abc123"></iframe>',
            )
            article = add_article(
                "Bài nhiều khối",
                body=[
                    {"type": "paragraph", "value": "<p>Đoạn mở đầu.</p>"},
                    {
                        "type": "image",
                        "value": {
                            "image": {
                                "image": picture.pk,
                                "decorative": False,
                                "alt_text": "Cờ hoa",
                            },
                            "caption": "Sân trường ngày khai giảng",
                        },
                    },
                    {
                        "type": "gallery",
                        "value": {
                            "title": "Album",
                            "images": [
                                {"image": img.pk, "decorative": False, "alt_text": f"Ảnh {img.pk}"}
                                for img in (first, second)
                            ],
                        },
                    },
                    {"type": "video", "value": {"video": video_url, "caption": "Clip"}},
                    {"type": "document", "value": {"document": document.pk, "title": ""}},
                ],
            )
            url = article.url
        body = client_a.get(url).content.decode()
        assert "Đoạn mở đầu." in body
        assert 'alt="Cờ hoa" loading="lazy"' in body
        assert "<figcaption>Sân trường ngày khai giảng</figcaption>" in body
        assert body.count('<li><a href="/media/') == 2  # gallery items open the full image
        assert "youtube.com/embed/abc123" in body
        assert "Kế hoạch năm học" in body and "(PDF" in body

    def test_every_image_has_size_srcset_and_alt(self, client_a, school_a, in_school):
        with in_school(school_a):
            article = add_article("Có ảnh", image=tiny_image("Học sinh chào cờ"))
            url = article.url
        body = client_a.get(url).content.decode()
        # Raster pictures; the default emblem is a static SVG (sharp at any size, no srcset).
        images = [tag for tag in re.findall(r"<img [^>]*>", body) if ".svg" not in tag]
        assert images
        for tag in images:
            for attribute in ("srcset=", "width=", "height=", "alt="):
                assert attribute in tag, tag
        assert 'alt="Học sinh chào cờ' in body


class ScheduledPublishingTests:
    def test_article_with_future_go_live_is_hidden_until_published(
        self, client_a, school_a, in_school
    ):
        """R3.3: an approved article scheduled for later is not public before its time."""
        from django.core.management import call_command

        with in_school(school_a):
            article = add_article("Tin hẹn giờ", publish=False)
            article.live = False
            article.save()
            article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
            article.save_revision().publish()  # with a future go_live_at this only schedules it
            article.refresh_from_db()
            assert not article.live
            url = "/tin-tuc/tin-hen-gio/"
        assert client_a.get(url).status_code == 404
        assert "Tin hẹn giờ" not in client_a.get("/tin-tuc/").content.decode()
        assert "Tin hẹn giờ" not in client_a.get("/").content.decode()

        later = timezone.now() + datetime.timedelta(hours=3)
        with in_school(school_a), mock.patch("django.utils.timezone.now", return_value=later):
            call_command("publish_scheduled")
            assert NewsPage.objects.get(pk=article.pk).live
        assert client_a.get(url).status_code == 200
        assert "Tin hẹn giờ" in client_a.get("/").content.decode()


@pytest.mark.parametrize("path", ["/", "/tin-tuc/", "/tin-tuc/?chuyen-muc=thong-bao"])
def test_pages_render_for_an_empty_new_school(client_b, path):
    assert client_b.get(path).status_code == 200
