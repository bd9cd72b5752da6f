"""Consultations: opinions only inside the window; closed after the deadline (R7.2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback import services
from feedback.models import ConsultationOpinion
from tests.feedback.conftest import opinion_data

URL = "/lay-y-kien/du-thao-quy-che/"


class ConsultationTests:
    def test_open_consultation_shows_its_facts_and_takes_an_opinion(
        self, client_a, school_a, in_school, make_consultation, django_capture_on_commit_callbacks
    ):
        make_consultation()
        body = client_a.get(URL).content.decode()
        for text in (
            "Quý vị có góp ý gì về dự thảo?",
            "Văn phòng nhà trường",
            "vanphong@thcsa.edu.vn",
            "Thời gian nhận ý kiến",
            "Gửi ý kiến",
        ):
            assert text in body
        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(URL, opinion_data())
        assert response.status_code == 302
        with in_school(school_a):
            opinion = ConsultationOpinion.objects.get()
        assert opinion.reference.startswith("YK-")
        assert response["Location"] == f"{URL}da-gui/{opinion.reference}/"
        assert opinion.reference in client_a.get(response["Location"]).content.decode()
        assert [m.to for m in mail.outbox] == [["binh.tv@example.com"]]

    def test_closed_consultation_says_so_and_refuses_opinions(
        self, client_a, school_a, in_school, make_consultation
    ):
        now = timezone.now()
        make_consultation(opens=now - timedelta(days=30), closes=now - timedelta(minutes=1))
        body = client_a.get(URL).content.decode()
        assert "Đợt lấy ý kiến đã kết thúc" in body
        assert 'name="opinion"' not in body
        response = client_a.post(URL, opinion_data())
        assert response.status_code == 403
        assert "đã kết thúc" in response.content.decode()
        with in_school(school_a):
            assert not ConsultationOpinion.objects.exists()

    def test_consultation_not_yet_open_refuses_opinions(
        self, client_a, school_a, in_school, make_consultation
    ):
        now = timezone.now()
        make_consultation(opens=now + timedelta(days=2), closes=now + timedelta(days=9))
        assert "chưa bắt đầu" in client_a.get(URL).content.decode()
        assert client_a.post(URL, opinion_data()).status_code == 403

    def test_deadline_is_exclusive_to_the_microsecond(self, school_a, in_school, make_consultation):
        page = make_consultation()
        fields = {
            k: v
            for k, v in opinion_data().items()
            if k in ("name", "email", "phone", "organisation", "opinion")
        }
        with in_school(school_a):
            services.opinion_submit(
                consultation=page, now=page.closes_at - timedelta(microseconds=1), **fields
            )
            with pytest.raises(ValidationError):
                services.opinion_submit(consultation=page, now=page.closes_at, **fields)
            with pytest.raises(ValidationError):
                services.opinion_submit(
                    consultation=page, now=page.opens_at - timedelta(seconds=1), **fields
                )
            assert ConsultationOpinion.objects.count() == 1

    def test_deadline_must_follow_the_opening(self, make_consultation):
        page = make_consultation()
        page.closes_at = page.opens_at
        with pytest.raises(ValidationError):
            page.clean()

    def test_index_lists_open_consultations_before_closed_ones(self, client_a, make_consultation):
        now = timezone.now()
        make_consultation(
            slug="da-xong", opens=now - timedelta(days=9), closes=now - timedelta(days=1)
        )
        make_consultation(slug="dang-mo")
        body = client_a.get("/lay-y-kien/").content.decode()
        assert body.index("/lay-y-kien/dang-mo/") < body.index("/lay-y-kien/da-xong/")
        assert "Đang lấy ý kiến" in body and "Đã kết thúc" in body

    def test_empty_index_has_a_friendly_message(self, client_b):
        assert "chưa có đợt lấy ý kiến nào" in client_b.get("/lay-y-kien/").content.decode()
