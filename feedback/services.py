"""Writes of the feedback app (R7).

A public submission is committed to the database first, in its own transaction, before
anything else happens (attachment storage, e-mails). E-mails are Celery tasks queued on
commit; a task that fails is retried and never touches the stored submission (R7.3).
"""

from __future__ import annotations

import logging
import secrets
import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import (
    ConsultationOpinion,
    ConsultationPage,
    FeedbackMessage,
    FeedbackSettings,
    Status,
    Submission,
)
from feedback.validators import CheckedAttachment, clean_text
from siteplatform.mail import mail_task_queue

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a reference is read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6


def reference_generate(prefix: str) -> str:
    """``GY-2026-K7M2QX``: 31⁶ ≈ 887 million values per year, drawn with ``secrets``."""
    token = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{prefix}-{timezone.localdate().year}-{token}"


def insert_with_reference(instance: Submission, prefix: str) -> Submission:
    """Insert the row, drawing a new reference on the (rare) collision.

    Any model with unique ``reference`` and ``form_token`` fields will do (the online
    admission applications use it too).

    A collision on ``form_token`` means the same form was already submitted: return that
    submission instead of storing a second one.
    """
    model = type(instance)
    for _attempt in range(8):
        instance.reference = reference_generate(prefix)
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
            return instance
        except IntegrityError:
            instance.pk = None
            if instance.form_token:
                existing = model.objects.filter(form_token=instance.form_token).first()
                if existing is not None:
                    return existing
    raise RuntimeError(f"Could not draw a unique {prefix} reference")


def _attach(instance: Submission, upload: UploadedFile, checked: CheckedAttachment) -> None:
    """Store the file under a random name; a storage failure keeps the submission."""
    original = clean_text(upload.name or "")[:255]
    try:
        instance.attachment.save(f"{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
        instance.attachment_name = original
        instance.attachment_type = checked.content_type
        instance.save(update_fields=["attachment", "attachment_name", "attachment_type"])
    except OSError:
        logger.exception("Attachment of %s could not be stored", instance.reference)


def _existing(model: type[Submission], form_token: uuid.UUID | None) -> Submission | None:
    if form_token is None:
        return None
    return model.objects.filter(form_token=form_token).first()


def _submission_store(
    item: Submission,
    *,
    prefix: str,
    attachment: UploadedFile | None,
    checked_attachment: CheckedAttachment | None,
) -> tuple[Submission, bool]:
    """Store a public submission once per form token: ``(stored, created)``.

    A form sent twice (same ``form_token``) gives back the first submission with
    ``created=False``, and nothing else happens (no second attachment, no second e-mail).
    """
    existing = _existing(type(item), item.form_token)
    if existing is not None:
        return existing, False
    stored = insert_with_reference(item, prefix)
    if stored is not item:
        return stored, False
    if attachment is not None and checked_attachment is not None:
        _attach(item, attachment, checked_attachment)
    return item, True


def feedback_submit(
    *,
    name: str,
    email: str,
    phone: str,
    category: str,
    subject: str,
    message: str,
    attachment: UploadedFile | None = None,
    checked_attachment: CheckedAttachment | None = None,
    form_token: uuid.UUID | None = None,
) -> FeedbackMessage:
    """Store a public feedback message (already validated), then queue its e-mails (R7.1)."""
    feedback = FeedbackMessage(
        form_token=form_token,
        name=name,
        email=email,
        phone=phone,
        category=category,
        subject=subject,
        message=message,
    )
    stored, created = _submission_store(
        feedback, prefix="GY", attachment=attachment, checked_attachment=checked_attachment
    )
    if not created:
        return stored
    logger.info("Feedback %s stored", feedback.reference)

    from feedback import tasks

    transaction.on_commit(lambda: mail_task_queue(tasks.feedback_notify_board, feedback.pk))
    if feedback.email:
        transaction.on_commit(lambda: mail_task_queue(tasks.feedback_send_ack, feedback.pk))
    return feedback


def feedback_reply_send(*, feedback: FeedbackMessage, acting_user) -> FeedbackMessage:
    """Record the board's answer and queue it to the sender by e-mail (R7.1).

    Each call sends the current reply once: ``reply_sent_at`` is cleared here and set by the
    task after the mail went out, so a retried task never sends it twice.
    """
    if not feedback.reply.strip():
        raise ValidationError(_("Chưa có nội dung trả lời."))
    if not feedback.email:
        raise ValidationError(_("Người gửi không để lại thư điện tử."))
    feedback.replied_at = timezone.now()
    feedback.replied_by = acting_user
    feedback.reply_sent_at = None
    if feedback.status in (Status.NEW, Status.IN_PROGRESS):
        feedback.status = Status.ANSWERED
    feedback.save(update_fields=["replied_at", "replied_by", "reply_sent_at", "status"])
    logger.info("Reply to %s queued by user %s", feedback.reference, acting_user.pk)

    from feedback import tasks

    transaction.on_commit(lambda: mail_task_queue(tasks.feedback_send_reply, feedback.pk))
    return feedback


def feedback_record_answer(*, feedback: FeedbackMessage, acting_user) -> FeedbackMessage:
    """Mark a message answered without e-mail (answer by phone, or published in the Q&A)."""
    if feedback.reply.strip() and feedback.replied_at is None:
        feedback.replied_at = timezone.now()
        feedback.replied_by = acting_user
        if feedback.status in (Status.NEW, Status.IN_PROGRESS):
            feedback.status = Status.ANSWERED
        feedback.save(update_fields=["replied_at", "replied_by", "status"])
    return feedback


def opinion_submit(
    *,
    consultation: ConsultationPage,
    name: str,
    email: str,
    phone: str,
    organisation: str,
    opinion: str,
    attachment: UploadedFile | None = None,
    checked_attachment: CheckedAttachment | None = None,
    form_token: uuid.UUID | None = None,
    now=None,
) -> ConsultationOpinion:
    """Store an opinion if the consultation is open (R7.2); raises ``ValidationError`` if not."""
    if not consultation.is_open(now):
        raise ValidationError(_("Đợt lấy ý kiến này không còn nhận ý kiến."), code="closed")
    item = ConsultationOpinion(
        consultation=consultation,
        form_token=form_token,
        name=name,
        email=email,
        phone=phone,
        organisation=organisation,
        opinion=opinion,
    )
    stored, created = _submission_store(
        item, prefix="YK", attachment=attachment, checked_attachment=checked_attachment
    )
    if not created:
        return stored
    logger.info("Opinion %s stored for consultation %s", item.reference, consultation.pk)
    if item.email:
        from feedback import tasks

        transaction.on_commit(lambda: mail_task_queue(tasks.opinion_send_ack, item.pk))
    return item


def _purge(queryset, *, now, dry_run: bool) -> int:
    count = 0
    for item in queryset.iterator():
        count += 1
        if dry_run:
            continue
        if item.attachment:
            try:
                item.attachment.delete(save=False)
            except OSError:
                logger.exception("Could not delete the attachment of %s", item.reference)
        type(item).objects.filter(pk=item.pk).update(
            name="",
            email="",
            phone="",
            attachment="",
            attachment_name="",
            personal_data_purged_at=now,
        )
    return count


def personal_data_purge(*, dry_run: bool = False, now=None) -> dict[str, int]:
    """Erase the senders' personal data older than the school's retention period (R7.1).

    Works in the current schema. Name, e-mail, phone and attachment go; the message, the
    reply and the reference stay, so the board's record and the public Q&A remain whole.
    """
    from wagtail.models import Site

    now = now or timezone.now()
    site = Site.objects.filter(is_default_site=True).first()
    days = FeedbackSettings.for_site(site).retention_days if site else 365
    cutoff = now - timedelta(days=days)
    counts = {}
    for label, model in (("feedback", FeedbackMessage), ("opinions", ConsultationOpinion)):
        queryset = model.objects.filter(
            created_at__lt=cutoff, personal_data_purged_at__isnull=True
        ).only("pk", "reference", "attachment")
        with transaction.atomic():
            counts[label] = _purge(queryset, now=now, dry_run=dry_run)
    return counts
