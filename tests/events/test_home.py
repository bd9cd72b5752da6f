"""The "Sắp diễn ra" home panel and empty states of a new school."""

import datetime

from django.utils import timezone

from events.models import EventCategory
from tests.events.helpers import add_event


def _panel(body: str) -> str:
    start = body.index('id="sap-dien-ra"')
    return body[start : body.index("</section>", start)]


class HomePanelTests:
    def test_next_five_events_soonest_first(self, client_a, school_a, in_school):
        now = timezone.localtime()
        with in_school(school_a):
            add_event("Đã diễn ra", now - datetime.timedelta(days=1))
            for n in range(1, 8):
                add_event(f"Sự kiện số {n}", now + datetime.timedelta(days=n, hours=1))
        panel = _panel(client_a.get("/").content.decode())
        assert "Đã diễn ra" not in panel
        assert panel.index("Sự kiện số 1") < panel.index("Sự kiện số 5")
        assert "Sự kiện số 6" not in panel
        assert 'href="/lich-cong-tac/"' in panel

    def test_weekly_work_schedule_items_stay_off_the_home_page(self, client_a, school_a, in_school):
        now = timezone.localtime()
        with in_school(school_a):
            add_event(
                "Họp giao ban Ban giám hiệu",
                now + datetime.timedelta(hours=2),
                category=EventCategory.WORK_SCHEDULE,
            )
            add_event("Ngày hội đọc sách", now + datetime.timedelta(days=1))
        panel = _panel(client_a.get("/").content.decode())
        assert "Ngày hội đọc sách" in panel and "Họp giao ban" not in panel
        calendar = client_a.get("/lich-cong-tac/").content.decode()
        assert "Họp giao ban Ban giám hiệu" in _panel(calendar)

    def test_new_school_shows_friendly_empty_states(self, client_b):
        home = client_b.get("/").content.decode()
        assert "Chưa có sự kiện nào sắp diễn ra." in _panel(home)
        assert '<a href="/lich-cong-tac/">Lịch công tác</a>' in home
        calendar = client_b.get("/lich-cong-tac/").content.decode()
        assert "Chưa có sự kiện nào sắp diễn ra" in calendar
        assert "Tháng này nhà trường chưa có lịch công tác hay sự kiện nào." in calendar
        assert client_b.get("/lich-cong-tac/", {"tuan": "2026-W47"}).status_code == 200
