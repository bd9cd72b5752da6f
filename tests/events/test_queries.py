"""Calendar pages cost the same number of queries for 3 or 30 events (no N+1)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.helpers import add_event, at


def _count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _add(count: int, start: int) -> None:
    first = timezone.localdate().replace(day=1)
    for n in range(start, start + count):
        day = first + datetime.timedelta(days=n % 27)
        add_event(f"Sự kiện {n}", at(day, 7 + n % 10), at(day, 8 + n % 10))
        add_event(f"Sắp tới {n}", timezone.now() + datetime.timedelta(days=n + 1))


class CalendarQueryTests:
    def test_month_week_home_and_feed_do_not_grow_with_events(
        self, client_a, school_a, in_school, django_assert_max_num_queries
    ):
        week = {"tuan": timezone.localdate().strftime("%G-W%V")}
        with in_school(school_a):
            _add(3, 0)
        # Warm up: per-process caches, and settings rows created on first use.
        client_a.get("/lich-cong-tac/")
        client_a.get("/")
        few = {
            "month": _count(client_a, "/lich-cong-tac/"),
            "week": _count(client_a, "/lich-cong-tac/", week),
            "home": _count(client_a, "/"),
            "feed": _count(client_a, "/lich-cong-tac/ical/"),
        }
        with in_school(school_a):
            _add(27, 3)
        many = {
            "month": _count(client_a, "/lich-cong-tac/"),
            "week": _count(client_a, "/lich-cong-tac/", week),
            "home": _count(client_a, "/"),
            "feed": _count(client_a, "/lich-cong-tac/ical/"),
        }
        assert many == few
        with django_assert_max_num_queries(20):
            client_a.get("/lich-cong-tac/")
