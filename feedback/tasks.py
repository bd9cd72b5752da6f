"""E-mails and retention of the feedback app, as Celery tasks (R7.1, R7.3).

Each mail task is sent inside the school's schema (``tenant-schemas-celery`` carries it),
loads its row by id and sends it at most once (``siteplatform.mail.mail_send_once``); what a
mail says and to whom is ``feedback.mail``.
"""

from __future__ import annotations

import logging

from feedback import mail
from feedback.models import ConsultationOpinion, FeedbackMessage
from portal.celery import app
from siteplatform.mail import MAIL_ERRORS, MAIL_RETRY, mail_send_once

logger = logging.getLogger(__name__)

__all__ = ["MAIL_ERRORS", "RETRY"]
RETRY = MAIL_RETRY


@app.task(**RETRY)
def feedback_send_ack(feedback_id: int) -> bool:
    """Acknowledge a feedback message to its sender, with the reference number."""
    return mail_send_once(
        FeedbackMessage.objects, pk=feedback_id, stamp="ack_sent_at", build=mail.feedback_ack
    )


@app.task(**RETRY)
def feedback_notify_board(feedback_id: int) -> bool:
    """Tell the board a message arrived (no personal data in the mail: it links the admin)."""
    return mail_send_once(
        FeedbackMessage.objects,
        pk=feedback_id,
        stamp="board_notified_at",
        build=mail.feedback_board_notice,
    )


@app.task(**RETRY)
def feedback_send_reply(feedback_id: int) -> bool:
    """Send the board's reply to the sender."""
    return mail_send_once(
        FeedbackMessage.objects, pk=feedback_id, stamp="reply_sent_at", build=mail.feedback_reply
    )


@app.task(**RETRY)
def opinion_send_ack(opinion_id: int) -> bool:
    """Acknowledge an opinion to its sender."""
    return mail_send_once(
        ConsultationOpinion.objects, pk=opinion_id, stamp="ack_sent_at", build=mail.opinion_ack
    )


@app.task
def purge_personal_data_all_schools() -> dict[str, dict[str, int]]:
    """Nightly (Celery beat): erase expired personal data in every school (R7.1)."""
    from feedback.services import personal_data_purge
    from schools.services import schools_each

    results = schools_each(personal_data_purge)
    logger.info("Personal data purge: %s", results)
    return results
