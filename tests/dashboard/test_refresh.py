# ruff: noqa: F811 - the operator_client fixture is imported from test_dashboard
"""Refreshing every school's metrics is queued, never run inside the operator's request."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.utils import timezone

from dashboard.models import SchoolMetrics
from dashboard.selectors import metrics_refresh_progress
from dashboard.services import REFRESH_STARTED_KEY, metrics_refresh, metrics_refresh_all_queue
from tests.dashboard.test_dashboard import operator_client  # noqa: F401 - fixture


class RefreshAllTests:
    def test_button_queues_the_sweep_and_says_it_is_under_way(
        self,
        operator_client,
        school_a,
        school_b,
    ):
        response = operator_client.post("/admin/dieu-hanh/lam-moi/", follow=True)
        body = response.content.decode()
        assert "Đang cập nhật số liệu của tất cả các trường" in body
        # Tasks run eagerly in tests: the queued sweep gathered both schools.
        assert SchoolMetrics.objects.filter(school__in=[school_a, school_b]).count() == 2
        assert metrics_refresh_progress() is None

    def test_progress_counts_the_schools_gathered_since_the_request(
        self,
        operator_client,
        school_a,
        school_b,
    ):
        started = timezone.now()
        cache.set(REFRESH_STARTED_KEY, started.isoformat(), 60)
        metrics_refresh(school=school_a, now=started + datetime.timedelta(seconds=1))
        progress = metrics_refresh_progress()
        assert progress is not None and (progress["done"], progress["total"]) == (1, 2)
        page = operator_client.get("/admin/dieu-hanh/").content.decode()
        assert "đã xong 1/2 trường" in page
        metrics_refresh(school=school_b, now=started + datetime.timedelta(seconds=2))
        assert metrics_refresh_progress() is None

    def test_queueing_notes_the_start(self, school_a, settings):
        before = timezone.now()
        started = metrics_refresh_all_queue()
        assert started >= before
        assert cache.get(REFRESH_STARTED_KEY) == started.isoformat()
