"""Page-tree rules and the provisioned calendar section (R1.4, R3.1)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.models import SchoolHomePage
from events.models import EventIndexPage, EventPage
from events.services import events_index_ensure
from tests.events.helpers import add_event, at


class EventPageTreeTests:
    def test_index_only_under_home_and_only_once(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = EventIndexPage.objects.get()
            assert index.get_parent().pk == home.pk
            assert not EventIndexPage.can_create_at(home)  # the one slot is taken
            assert not EventIndexPage.can_create_at(index)
            assert EventIndexPage.parent_page_types == ["core.SchoolHomePage"]

    def test_event_only_under_calendar(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = EventIndexPage.objects.get()
            assert EventPage.can_create_at(index)
            assert not EventPage.can_create_at(home)
            event = add_event("Họp tổ", at(datetime.date(2026, 11, 2), 14))
            assert not EventPage.can_create_at(event)


class EventSectionProvisioningTests:
    def test_new_school_has_calendar_section_after_news(self, school_b, in_school):
        with in_school(school_b):
            index = EventIndexPage.objects.get()
            assert index.live and index.show_in_menus
            assert index.slug == "lich-cong-tac"
            assert index.title == "Lịch công tác"
            sections = [p.slug for p in SchoolHomePage.objects.get().get_children()]
            # Hook order 22: right after the news section (20).
            assert sections.index("lich-cong-tac") == sections.index("tin-tuc") + 1

    def test_ensure_is_idempotent(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            first = EventIndexPage.objects.get()
            assert events_index_ensure(home).pk == first.pk
            assert EventIndexPage.objects.count() == 1


class EventValidationTests:
    def test_end_before_start_is_refused(self, db):
        day = datetime.date(2026, 11, 20)
        event = EventPage(title="Lễ 20/11", slug="le", start=at(day, 9), end=at(day, 8))
        with pytest.raises(ValidationError) as error:
            event.clean()
        assert "end" in error.value.message_dict

    def test_all_day_event_may_end_on_its_first_day(self, db):
        day = datetime.date(2026, 11, 20)
        event = EventPage(title="Nghỉ", slug="nghi", start=at(day), end=at(day), all_day=True)
        event.clean()
        assert event.last_day == day and not event.is_multi_day

    def test_timed_event_ending_at_midnight_covers_one_day(self, db):
        day = datetime.date(2026, 11, 20)
        event = EventPage(
            title="Văn nghệ", slug="vn", start=at(day, 19), end=at(day + datetime.timedelta(1))
        )
        assert event.last_day == day
