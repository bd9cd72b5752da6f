"""Demo calendar: this month and next, relative to today, adapted to the level."""

import datetime

from events.demo import demo_events, load_demo_events
from events.models import EventCategory, EventPage

TODAY = datetime.date(2026, 11, 23)


class DemoEventsTests:
    def test_window_and_content_for_a_lower_secondary_school(self):
        events = demo_events("thcs", TODAY)
        assert all(
            datetime.date(2026, 11, 1) <= e.day <= datetime.date(2026, 12, 31) for e in events
        )
        titles = [e.title for e in events]
        assert "Lễ kỷ niệm 44 năm Ngày Nhà giáo Việt Nam 20/11" in titles
        assert any(t.startswith("Hội giảng") for t in titles)
        assert any(
            "giữa học kỳ I" in t and e.category == EventCategory.EXAM
            for e, t in zip(events, titles, strict=True)
        )
        assert "Ngày hội đọc sách" in titles
        weekly = [e for e in events if e.category == EventCategory.WORK_SCHEDULE]
        assert len(weekly) >= 8
        assert {e.day.isocalendar()[1] for e in weekly} == {48, 49}

    def test_preschool_has_no_tests_for_pupils(self):
        events = demo_events("mam_non", TODAY)
        assert not any("Kiểm tra giữa học kỳ" in e.title for e in events)
        assert any("họp phụ huynh" in e.title.lower() for e in events)

    def test_load_is_idempotent(self, school_a, in_school):
        with in_school(school_a):
            created = load_demo_events(school_a, today=TODAY)
            assert len(created) >= 10
            assert load_demo_events(school_a, today=TODAY) == []
            live = EventPage.objects.live().count()
            assert live == len(created)
            ceremony = EventPage.objects.get(title__startswith="Lễ kỷ niệm 44 năm")
            assert ceremony.local_start.strftime("%d/%m/%Y %H:%M") == "20/11/2026 07:30"
