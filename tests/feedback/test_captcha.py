"""CAPTCHA switched on per school: server-side, signed, single use (R7.3)."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Site

from feedback.models import FeedbackMessage, FeedbackSettings
from tests.feedback.conftest import FEEDBACK_URL, feedback_data


@pytest.fixture
def captcha_on(school_a, in_school):
    with in_school(school_a):
        settings = FeedbackSettings.for_site(Site.objects.get(is_default_site=True))
        settings.captcha_enabled = True
        settings.save()


def _challenge(client) -> tuple[str, int]:
    body = client.get(FEEDBACK_URL).content.decode()
    token = re.search(r'name="captcha_token" value="([^"]+)"', body).group(1)
    left, right = map(int, re.search(r"Mã xác nhận: (\d) \+ (\d) bằng mấy\?", body).groups())
    return token, left + right


class CaptchaTests:
    def test_off_by_default(self, client_a):
        assert "captcha_answer" not in client_a.get(FEEDBACK_URL).content.decode()

    def test_right_answer_is_accepted_once(self, client_a, school_a, in_school, captcha_on):
        token, answer = _challenge(client_a)
        data = feedback_data(captcha_token=token, captcha_answer=str(answer))
        assert client_a.post(FEEDBACK_URL, data).status_code == 302
        replay = feedback_data(captcha_token=token, captcha_answer=str(answer))
        response = client_a.post(FEEDBACK_URL, replay)
        assert response.status_code == 400
        assert "Mã xác nhận chưa đúng hoặc đã hết hạn" in response.content.decode()
        with in_school(school_a):
            assert FeedbackMessage.objects.count() == 1

    def test_during_a_redis_outage_a_challenge_is_still_single_use(
        self, client_a, school_a, in_school, captcha_on, redis_down
    ):
        token, answer = _challenge(client_a)
        data = feedback_data(captcha_token=token, captcha_answer=str(answer))
        assert client_a.post(FEEDBACK_URL, data).status_code == 302, "the parent is not lost"
        replay = client_a.post(FEEDBACK_URL, dict(data))
        assert replay.status_code == 400
        assert "Mã xác nhận chưa đúng hoặc đã hết hạn" in replay.content.decode()
        with in_school(school_a):
            assert FeedbackMessage.objects.count() == 1

    def test_wrong_or_missing_answer_is_refused(self, client_a, school_a, in_school, captcha_on):
        token, answer = _challenge(client_a)
        wrong = client_a.post(
            FEEDBACK_URL, feedback_data(captcha_token=token, captcha_answer=str(answer + 1))
        )
        assert wrong.status_code == 400
        assert client_a.post(FEEDBACK_URL, feedback_data()).status_code == 400
        forged = client_a.post(
            FEEDBACK_URL, feedback_data(captcha_token="bịa:đặt", captcha_answer="2")
        )
        assert forged.status_code == 400
        with in_school(school_a):
            assert not FeedbackMessage.objects.exists()

    def test_a_challenge_of_school_a_is_worthless_on_school_b(
        self, client_a, client_b, captcha_on, school_b, in_school
    ):
        with in_school(school_b):
            settings = FeedbackSettings.for_site(Site.objects.get(is_default_site=True))
            settings.captcha_enabled = True
            settings.save()
        token, answer = _challenge(client_a)
        response = client_b.post(
            FEEDBACK_URL, feedback_data(captcha_token=token, captcha_answer=str(answer))
        )
        assert response.status_code == 400
