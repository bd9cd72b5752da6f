"""E-mails and retention of the feedback app, as Celery tasks (R7.1, R7.3).

Each mail task is sent inside the school's schema (``tenant-schemas-celery`` carries it),
loads its row by id and is idempotent: the row is locked, a ``*_sent_at`` stamp already set
means the mail went out, and the stamp is written in the same transaction as the send. A
failing mail server raises, the transaction rolls back (nothing stamped), and Celery retries
with exponential backoff; the submission itself was committed long before.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tenants.utils import schema_context

from feedback.mail import board_recipients, mail_context
from feedback.models import ConsultationOpinion, FeedbackMessage
from portal.celery import app

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)
RETRY = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


def _send_once(model, pk: int, stamp: str, build) -> bool:
    """Send the mail ``build(row)`` describes unless ``stamp`` is already set; then set it."""
    with transaction.atomic():
        row = model.objects.select_for_update().filter(pk=pk).first()
        if row is None or getattr(row, stamp) is not None:
            return False
        message = build(row)
        if message is None:
            return False
        subject, body, recipients = message
        if not recipients:
            return False
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
        setattr(row, stamp, timezone.now())
        row.save(update_fields=[stamp])
    logger.info("Sent %s mail for %s %s", stamp, model.__name__, pk)
    return True


def _render(template: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"feedback/email/{template}_subject.txt", context)
    body = render_to_string(f"feedback/email/{template}.txt", context)
    return " ".join(subject.split()), body


@app.task(**RETRY)
def feedback_send_ack(feedback_id: int) -> bool:
    """Acknowledge a feedback message to its sender, with the reference number."""

    def build(row: FeedbackMessage):
        if not row.email:
            return None
        subject, body = _render("feedback_ack", mail_context(item=row))
        return subject, body, [row.email]

    return _send_once(FeedbackMessage, feedback_id, "ack_sent_at", build)


@app.task(**RETRY)
def feedback_notify_board(feedback_id: int) -> bool:
    """Tell the board a message arrived (no personal data in the mail: it links the admin)."""

    def build(row: FeedbackMessage):
        subject, body = _render("feedback_board", mail_context(item=row))
        return subject, body, board_recipients()

    return _send_once(FeedbackMessage, feedback_id, "board_notified_at", build)


@app.task(**RETRY)
def feedback_send_reply(feedback_id: int) -> bool:
    """Send the board's reply to the sender."""

    def build(row: FeedbackMessage):
        if not row.email or not row.reply.strip():
            return None
        subject, body = _render("feedback_reply", mail_context(item=row))
        return subject, body, [row.email]

    return _send_once(FeedbackMessage, feedback_id, "reply_sent_at", build)


@app.task(**RETRY)
def opinion_send_ack(opinion_id: int) -> bool:
    """Acknowledge an opinion to its sender."""

    def build(row: ConsultationOpinion):
        if not row.email:
            return None
        subject, body = _render("opinion_ack", mail_context(item=row))
        return subject, body, [row.email]

    return _send_once(ConsultationOpinion, opinion_id, "ack_sent_at", build)


@app.task
def purge_personal_data_all_schools() -> dict[str, dict[str, int]]:
    """Nightly (Celery beat): erase expired personal data in every school (R7.1)."""
    from feedback.services import personal_data_purge
    from schools.selectors import school_list

    results = {}
    for school in school_list():
        with schema_context(school.schema_name):
            results[school.schema_name] = personal_data_purge()
    logger.info("Personal data purge: %s", results)
    return results
