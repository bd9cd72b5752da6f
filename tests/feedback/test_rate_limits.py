"""Rate limits in Redis, the Vietnamese 429 page, client address behind proxies (R7.3)."""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory, override_settings

from feedback import security
from feedback.models import FeedbackMessage
from tests.feedback.conftest import FEEDBACK_URL, feedback_data


@pytest.fixture
def frozen_window(monkeypatch):
    """Keep every post in one fixed window, so a test never straddles a window boundary."""
    now = time.time()
    monkeypatch.setattr(security.time, "time", lambda: now)


class RateLimitTests:
    @override_settings(FEEDBACK_RATE_PER_IP=(20, 600), FEEDBACK_RATE_PER_SCHOOL=(5000, 3600))
    def test_flood_of_1000_posts_from_one_address_stores_each_allowed_post_once(
        self, client_a, school_a, in_school, frozen_window
    ):
        statuses = []
        for number in range(1000):
            response = client_a.post(
                FEEDBACK_URL,
                feedback_data(subject=f"Góp ý số {number}"),
                REMOTE_ADDR="203.0.113.7",
            )
            statuses.append(response.status_code)
        assert statuses[:20] == [302] * 20
        assert set(statuses[20:]) == {429}
        with in_school(school_a):
            subjects = list(FeedbackMessage.objects.values_list("subject", flat=True))
            references = set(FeedbackMessage.objects.values_list("reference", flat=True))
        assert sorted(subjects) == sorted(f"Góp ý số {n}" for n in range(20))
        assert len(references) == 20

    def test_429_page_is_in_vietnamese_with_retry_after(self, client_a, frozen_window):
        for _ in range(5):
            client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="198.51.100.1")
        response = client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="198.51.100.1")
        assert response.status_code == 429
        body = response.content.decode()
        assert "Bạn đã gửi quá nhiều lần" in body and "Vui lòng thử lại sau" in body
        assert 0 < int(response["Retry-After"]) <= 600
        # Another address is not affected.
        assert (
            client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="198.51.100.2").status_code
            == 302
        )

    def test_limit_per_address_counts_across_schools(
        self, client_a, client_b, school_b, in_school, frozen_window
    ):
        for _ in range(5):
            client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="192.0.2.9")
        response = client_b.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="192.0.2.9")
        assert response.status_code == 429
        with in_school(school_b):
            assert not FeedbackMessage.objects.exists()

    @override_settings(FEEDBACK_RATE_PER_SCHOOL=(3, 3600))
    def test_limit_per_school_stops_a_distributed_flood(
        self, client_a, client_b, school_a, in_school, frozen_window
    ):
        codes = [
            client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR=f"10.1.0.{n}").status_code
            for n in range(5)
        ]
        assert codes == [302, 302, 302, 429, 429]
        with in_school(school_a):
            assert FeedbackMessage.objects.count() == 3
        # School B has its own budget.
        assert (
            client_b.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="10.1.0.99").status_code == 302
        )


class ClientAddressTests:
    def test_forwarded_header_is_ignored_without_trusted_proxies(self):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        with override_settings(TRUSTED_PROXY_COUNT=0):
            assert security.client_ip(request) == "10.0.0.1"

    def test_with_one_trusted_proxy_the_hop_it_recorded_is_the_client(self):
        request = RequestFactory().get(
            "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
        )
        with override_settings(TRUSTED_PROXY_COUNT=1):
            assert security.client_ip(request) == "203.0.113.5"
        with override_settings(TRUSTED_PROXY_COUNT=2):
            assert security.client_ip(request) == "6.6.6.6"


class FloodGuardTests:
    def test_a_flooding_address_is_turned_away_before_routing_and_the_database(
        self, client_a, frozen_window, django_assert_max_num_queries
    ):
        for _ in range(6):
            client_a.post(FEEDBACK_URL, feedback_data(), REMOTE_ADDR="203.0.113.50")
        # Only the tenant lookup of the host name remains.
        with django_assert_max_num_queries(2):
            response = client_a.post("/gop-y/", feedback_data(), REMOTE_ADDR="203.0.113.50")
        assert response.status_code == 429
        # The admin log-in is not a public form: never blocked by the guard.
        login = client_a.post("/admin/login/", {}, REMOTE_ADDR="203.0.113.50")
        assert login.status_code == 200  # the log-in form again, with its own errors
        assert "Trường này là bắt buộc." in login.content.decode()
