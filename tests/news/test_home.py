"""Home page panels: "Tin mới", "Thông báo", the "Tin từ Sở/Phòng" slot, quick links."""

import datetime

from wagtail import hooks

from tests.news.helpers import add_article


def _feed_panel(request, home):
    return {"template": "includes/picture.html", "context": {}}


def _late_panel(request, home):
    return None


class HomePanelTests:
    def test_empty_school_home_has_friendly_empty_news_and_links(self, client_b):
        body = client_b.get("/").content.decode()
        assert "Nhà trường chưa đăng tin nào" in body
        assert 'id="thong-bao"' not in body  # no notices: the panel is hidden
        assert '<a href="/tin-tuc/">Tin tức – Sự kiện</a>' in body  # quick link

    def test_latest_news_puts_featured_first_and_keeps_six(self, client_a, school_a, in_school):
        with in_school(school_a):
            start = datetime.date(2026, 10, 1)
            add_article("Tin nổi bật cũ", featured=True, date=start, publish=False)
            for n in range(1, 8):
                add_article(
                    f"Tin thường {n}", date=start + datetime.timedelta(days=n), publish=False
                )
        body = client_a.get("/").content.decode()
        latest = body[body.index('id="tin-moi"') :]
        latest = latest[: latest.index("</section>")]
        assert latest.index("Tin nổi bật cũ") < latest.index("Tin thường 7")
        assert latest.count('<h3 class="card-title">') == 6
        assert "Tin thường 2" not in latest and "Tin thường 3" in latest

    def test_notices_panel_lists_only_notices(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_article("Thông báo nghỉ lễ 2/9", categories=("thong-bao",))
            add_article("Hội trại truyền thống", categories=("su-kien",))
        body = client_a.get("/").content.decode()
        notices = body[body.index('id="thong-bao"') :]
        notices = notices[: notices.index("</section>")]
        assert "Thông báo nghỉ lễ 2/9" in notices
        assert "Hội trại truyền thống" not in notices
        assert 'href="/tin-tuc/?chuyen-muc=thong-bao"' in notices

    def test_panels_of_order_100_and_more_go_to_the_feed_slot(self, client_a):
        # The rss app's panel (order 100) is already registered: the slot is under the news.
        body = client_a.get("/").content.decode()
        assert body.count('id="tin-tu-so-phong"') == 1
        with (
            hooks.register_temporarily([("portal_home_panels", _feed_panel)], order=100),
            hooks.register_temporarily([("portal_home_panels", _late_panel)], order=150),
        ):
            body = client_a.get("/", {"v": "2"}).content.decode()
        assert 'id="tin-tu-so-phong"' in body
        assert body.index('id="tin-moi"') < body.index('id="tin-tu-so-phong"')
