"""Fixtures of the feedback tests: form data, consultations, board log-ins."""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from feedback import security

FEEDBACK_URL = "/gop-y/"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("mail server down (test)")


def feedback_data(**overrides) -> dict:
    data = {
        "name": "Nguyễn Thị Lan",
        "email": "lan.phuhuynh@example.com",
        "phone": "",
        "category": "hoc_tap",
        "subject": "Đề nghị tăng giờ thư viện",
        "message": "Kính gửi nhà trường, con tôi muốn mượn sách vào giờ ra chơi buổi chiều.",
        "consent": "on",
        "website": "",
        "form_token": security.form_token_issue(),
    }
    data.update(overrides)
    return data


def opinion_data(**overrides) -> dict:
    data = {
        "name": "Trần Văn Bình",
        "organisation": "Phụ huynh lớp 7A2",
        "email": "binh.tv@example.com",
        "phone": "",
        "opinion": "Tôi đồng ý với dự thảo, đề nghị bổ sung định mức chi cho thư viện.",
        "consent": "on",
        "website": "",
        "form_token": security.form_token_issue(),
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def _celery_eager():
    """Run tasks in-process whatever settings module the run picked up.

    ``portal/__init__.py`` imports the Celery app, which sets ``DJANGO_SETTINGS_MODULE`` to
    the dev settings in the ``portal.embedded`` launcher; pytest-django then prefers that
    environment variable over ``pyproject.toml``, so ``settings/test.py`` may not be in force.
    """
    from portal.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def make_consultation(in_school, school_a):
    """``make_consultation(opens=…, closes=…)`` adds a live consultation to school A."""
    from feedback.models import ConsultationIndexPage, ConsultationPage

    def make(*, opens=None, closes=None, slug="du-thao-quy-che", school=None):
        now = timezone.now()
        with in_school(school or school_a):
            index = ConsultationIndexPage.objects.get()
            page = index.add_child(
                instance=ConsultationPage(
                    title="Dự thảo Quy chế chi tiêu nội bộ",
                    slug=slug,
                    question="Quý vị có góp ý gì về dự thảo?",
                    receiving_address="Văn phòng nhà trường",
                    receiving_email="vanphong@thcsa.edu.vn",
                    opens_at=opens or now - timedelta(days=1),
                    closes_at=closes or now + timedelta(days=10),
                )
            )
            return page

    return make
