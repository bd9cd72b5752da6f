"""The calendar page: month grid (weeks start on Thứ Hai), week view, bad input (R3.1, R9.1)."""

import datetime
import re

from django.utils import timezone

from events.models import EventCategory
from events.selectors import month_grid, parse_month, parse_week, week_param
from tests.events.helpers import add_event, at


def _cells(body: str) -> list[str]:
    return re.findall(r'data-date="(\d{4}-\d{2}-\d{2})"', body)


def _cell(body: str, date: str) -> str:
    start = body.index(f'data-date="{date}"')
    return body[start : body.index("</li>\n", start)]


class ParseTests:
    def test_month_values(self):
        assert parse_month("2026-11") == (2026, 11)
        assert parse_month(" 2027-2 ") == (2027, 2)
        for bad in ("2026-13", "2026-00", "11-2026", "abc", "", None, "99999-01", "1800-05"):
            assert parse_month(bad) is None, bad

    def test_week_values(self):
        assert parse_week("2026-W47") == datetime.date(2026, 11, 16)
        assert parse_week("2026w47") == datetime.date(2026, 11, 16)
        assert parse_week("2026-W53") == datetime.date(2026, 12, 28)  # 2026 has 53 weeks
        for bad in ("2025-W53", "2026-W00", "2026-W54", "2026-47", "tuần 47", None):
            assert parse_week(bad) is None, bad
        assert week_param(datetime.date(2026, 11, 22)) == "2026-W47"  # a Sunday


class MonthGridTests:
    def test_weeks_start_on_monday(self, school_a, in_school):
        with in_school(school_a):
            weeks = month_grid(2026, 11)
            # 1/11/2026 is a Sunday: the first row starts on Monday 26/10.
            assert weeks[0][0].date == datetime.date(2026, 10, 26)
            assert weeks[0][6].date == datetime.date(2026, 11, 1)
            assert weeks[0][0].weekday_name == "Thứ Hai"
            assert not weeks[0][0].in_month and weeks[0][6].in_month
            assert len(weeks) == 6 and weeks[-1][-1].date == datetime.date(2026, 12, 6)
            feb = month_grid(2027, 2)  # starts on a Monday: no day of January shown
            assert feb[0][0].date == datetime.date(2027, 2, 1) and len(feb) == 4

    def test_events_placed_on_each_day_they_cover(self, school_a, in_school):
        with in_school(school_a):
            add_event("Lễ kỷ niệm 20/11", at(datetime.date(2026, 11, 20), 7, 30))
            add_event(
                "Hội giảng",
                at(datetime.date(2026, 11, 9)),
                at(datetime.date(2026, 11, 11)),
                all_day=True,
            )
            add_event("Tháng trước", at(datetime.date(2026, 10, 2), 8))
            weeks = month_grid(2026, 11)
        days = {d.date: [e.title for e in d.events] for week in weeks for d in week}
        assert days[datetime.date(2026, 11, 20)] == ["Lễ kỷ niệm 20/11"]
        assert all(days[datetime.date(2026, 11, n)] == ["Hội giảng"] for n in (9, 10, 11)), days
        assert days[datetime.date(2026, 11, 12)] == []
        assert not any("Tháng trước" in titles for titles in days.values())


class CalendarPageTests:
    def test_month_view_renders_grid_and_events(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_event(
                "Họp phụ huynh giữa học kỳ I",
                at(datetime.date(2026, 11, 22), 7, 30),
                at(datetime.date(2026, 11, 22), 9, 30),
                category=EventCategory.PARENT_MEETING,
                location="Phòng học các lớp",
            )
        response = client_a.get("/lich-cong-tac/", {"thang": "2026-11"})
        assert response.status_code == 200
        body = response.content.decode()
        cells = _cells(body)
        assert cells[0] == "2026-10-26" and cells[6] == "2026-11-01" and len(cells) == 42
        assert body.index(">Thứ Hai<") < body.index(">Chủ nhật<")
        cell = _cell(body, "2026-11-22")
        assert "Họp phụ huynh giữa học kỳ I" in cell and "07:30" in cell
        assert "Tháng 11/2026" in body
        assert 'href="?thang=2026-10"' in body and 'href="?thang=2026-12"' in body
        assert "không hợp lệ" not in body

    def test_bad_month_shows_current_month_with_a_note(self, client_a):
        this_month = timezone.localdate().strftime("%m/%Y")
        for bad in ("2026-13", "abc", "<script>alert(1)</script>", "9999999999-01", ""):
            response = client_a.get("/lich-cong-tac/", {"thang": bad})
            assert response.status_code == 200, bad
            body = response.content.decode()
            assert f"Tháng {this_month}" in body
            assert "Đang hiển thị tháng hiện tại" in body, bad
            assert "<script>alert" not in body

    def test_week_view_lists_the_days_of_that_week(self, client_a, school_a, in_school):
        with in_school(school_a):
            add_event(
                "Chào cờ đầu tuần",
                at(datetime.date(2026, 11, 16), 7),
                category=EventCategory.WORK_SCHEDULE,
            )
            add_event("Lễ 20/11", at(datetime.date(2026, 11, 20), 7, 30))
            add_event("Tuần sau", at(datetime.date(2026, 11, 23), 7))
        body = client_a.get("/lich-cong-tac/", {"tuan": "2026-W47"}).content.decode()
        assert "Lịch công tác tuần 47 (từ 16/11/2026 đến 22/11/2026)" in body
        assert body.index("Chào cờ đầu tuần") < body.index("Lễ 20/11")
        week = body[body.index("week-table") : body.index("</table>")]
        assert "Tuần sau" not in week
        assert 'href="?tuan=2026-W46"' in body and 'href="?tuan=2026-W48"' in body

    def test_bad_week_shows_this_week_with_a_note(self, client_a):
        for bad in ("2025-W53", "2026-W99", "tuần này", "2026-W"):
            response = client_a.get("/lich-cong-tac/", {"tuan": bad})
            assert response.status_code == 200, bad
            body = response.content.decode()
            assert "Đang hiển thị tuần này" in body, bad
            assert f"?tuan={week_param(timezone.localdate())}" in body

    def test_event_page_shows_time_place_and_link_back(self, client_a, school_a, in_school):
        with in_school(school_a):
            event = add_event(
                "Kiểm tra giữa học kỳ I",
                at(datetime.date(2026, 11, 2)),
                at(datetime.date(2026, 11, 6)),
                all_day=True,
                category=EventCategory.EXAM,
                location="Các phòng học",
            )
            url = event.url
        body = client_a.get(url).content.decode()
        assert "02/11/2026 – 06/11/2026" in body
        assert "Các phòng học" in body and "Thi – kiểm tra" in body
        assert f'href="{url}ics/"' in body
        assert 'href="/lich-cong-tac/?thang=2026-11"' in body

    def test_upcoming_lists_coming_events_only(self, client_a, school_a, in_school):
        now = timezone.localtime()
        with in_school(school_a):
            add_event("Đã qua", now - datetime.timedelta(days=3))
            add_event("Sắp tới", now + datetime.timedelta(days=2))
        body = client_a.get("/lich-cong-tac/").content.decode()
        upcoming = body[body.index('id="sap-dien-ra"') :]
        assert "Sắp tới" in upcoming and "Đã qua" not in upcoming
