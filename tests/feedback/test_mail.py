"""E-mails through Celery: a mail failure never loses or duplicates a submission (R7.3)."""

from __future__ import annotations

import pytest
from celery.exceptions import Retry
from django.core import mail

from feedback import tasks
from feedback.models import FeedbackMessage
from tests.feedback.conftest import FEEDBACK_URL, feedback_data
from tests.feedback.factories import FeedbackMessageFactory

FAILING = "tests.feedback.conftest.FailingEmailBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"


class MailFailureTests:
    def test_mail_server_down_keeps_the_submission_once_and_a_retry_sends_once(
        self, client_a, school_a, in_school, settings, django_capture_on_commit_callbacks
    ):
        settings.EMAIL_BACKEND = FAILING
        with django_capture_on_commit_callbacks(execute=True):
            response = client_a.post(FEEDBACK_URL, feedback_data())
        assert response.status_code == 302  # the sender still gets the reference
        with in_school(school_a):
            feedback = FeedbackMessage.objects.get()
            assert feedback.ack_sent_at is None and feedback.board_notified_at is None
        assert not mail.outbox

        # The mail server is back; Celery's retry (here run by hand) sends once.
        settings.EMAIL_BACKEND = WORKING
        with in_school(school_a):
            assert tasks.feedback_send_ack.apply(args=[feedback.pk]).get() is True
            assert tasks.feedback_send_ack.apply(args=[feedback.pk]).get() is False
            feedback.refresh_from_db()
            assert FeedbackMessage.objects.count() == 1
        assert feedback.ack_sent_at is not None
        assert [m.to for m in mail.outbox] == [["lan.phuhuynh@example.com"]]

    def test_failing_task_is_retried_by_celery(self, school_a, in_school, settings):
        settings.EMAIL_BACKEND = FAILING
        assert tasks.feedback_send_ack.autoretry_for == tasks.MAIL_ERRORS
        assert tasks.feedback_send_ack.max_retries == 8
        with in_school(school_a):
            feedback = FeedbackMessageFactory(email="a@example.com")
            with pytest.raises(Retry):  # eager mode surfaces the retry Celery schedules
                tasks.feedback_send_ack.apply(args=[feedback.pk])
            feedback.refresh_from_db()
            assert feedback.ack_sent_at is None
