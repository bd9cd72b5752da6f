"""Redis stopped while pages are served, then started again (R7.3, R9.5).

Killed: the Redis server of a running web process (gunicorn on a throwaway Redis and a copy
of the test database). Survived: every public page answers from PostgreSQL, without the
page cache, and a parent's feedback is stored; the outage is logged once in English; when
Redis returns, the page cache works again without restarting the web process.
"""

from __future__ import annotations

import re
import time

import pytest
import requests

from tests.conftest import SCHOOL_A, SCHOOL_B

# Marked so that pytest-django sets up the test database the throwaway copy is made from.
pytestmark = pytest.mark.django_db

PAGES = ["/", "/tin-tuc/", "/van-ban/", "/cong-khai/", "/gop-y/", "/tim-kiem/?q=truong"]


def _feedback_post(web, host: str, subject: str) -> requests.Response:
    """Fill in the public feedback form as a browser would (cookie, CSRF and form token)."""
    session = requests.Session()
    form = session.get(web.base_url + "/gop-y/", headers={"Host": host}, timeout=20)
    assert form.status_code == 200, f"the feedback form answered {form.status_code}"

    def hidden(name: str) -> str:
        match = re.search(rf'name="{name}" value="([^"]*)"', form.text)
        return match.group(1) if match else ""

    data = {
        "csrfmiddlewaretoken": hidden("csrfmiddlewaretoken"),
        "form_token": hidden("form_token"),
        "name": "Phạm Thị Hoa",
        "email": "hoa.phuhuynh@example.com",
        "category": "hoc_tap",
        "subject": subject,
        "message": "Kính gửi nhà trường, xin cho biết lịch họp phụ huynh học kỳ II.",
        "consent": "on",
        "website": "",
    }
    return session.post(
        web.base_url + "/gop-y/",
        data=data,
        headers={"Host": host, "Referer": f"http://{host}/gop-y/"},
        allow_redirects=False,
        timeout=20,
    )


class RedisOutageTests:
    def test_pages_answer_from_postgresql_while_redis_is_down_and_cache_returns(
        self, fault_web, fault_redis, fault_postgres
    ):
        host = SCHOOL_A["domain"]
        first = fault_web.get(host, "/")
        assert first.status_code == 200
        assert fault_web.get(host, "/").headers.get("X-Page-Cache") == "hit", (
            "with Redis up, the second view of the home page should come from the page cache"
        )

        fault_redis.stop()  # killed: Redis
        started = time.monotonic()
        for school in (SCHOOL_A, SCHOOL_B):
            for path in PAGES:
                response = fault_web.get(school["domain"], path)
                assert response.status_code == 200, (
                    f"Redis stopped: {school['domain']}{path} answered {response.status_code}, "
                    "it should still be served from PostgreSQL"
                )
                assert response.headers.get("X-Page-Cache") != "hit"
        assert "Thử Nghiệm A" in fault_web.get(host, "/").text
        assert time.monotonic() - started < 20, "pages must not wait for Redis on every call"

        subject = "Lịch họp phụ huynh khi Redis ngừng"
        posted = _feedback_post(fault_web, host, subject)
        assert posted.status_code == 302, (
            f"Redis stopped: the feedback form answered {posted.status_code}, "
            "the parent's message must still be accepted"
        )
        assert (
            fault_postgres.count(
                "SELECT count(*) FROM test_a.feedback_feedbackmessage WHERE subject = %s", subject
            )
            == 1
        ), "Redis stopped: the feedback must be stored once in PostgreSQL"

        health = requests.get(fault_web.base_url + "/healthz", timeout=10)
        assert health.status_code == 200 and health.json()["cache"] == "error", (
            "Redis stopped: /healthz should say the cache is down but keep the node in service"
        )
        log = fault_web.log()
        assert "Redis is unavailable" in log, "the outage must be logged in English"
        assert log.count("Redis is unavailable") <= 3, "one warning per outage, not per call"
        assert "Traceback" not in log, f"no request may fail on the outage:\n{log[-3000:]}"

        fault_redis.start()  # survived: the same web process picks Redis up again
        time.sleep(1.2)  # PORTAL_REDIS_RETRY_SECONDS in tests/faults/settings.py

        def cached() -> bool:
            fault_web.get(host, "/tin-tuc/")
            return fault_web.get(host, "/tin-tuc/").headers.get("X-Page-Cache") == "hit"

        from tests.faults.conftest import wait_until

        wait_until(cached, timeout=10, what="the page cache to work again after Redis returned")
        assert "Redis answers again" in fault_web.log()
        assert fault_redis.client().dbsize() > 0, "the returned Redis holds cached pages again"
