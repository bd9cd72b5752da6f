"""E-mails that go out at most once per row: rendered from templates, stamped when sent.

A mail task loads its row by id and calls ``mail_send_once``: the row is locked, a ``*_sent_at``
stamp already set means the mail went out, and the stamp is written in the same transaction as
the send. A failing mail server raises, the transaction rolls back (nothing stamped), and Celery
retries (``MAIL_RETRY``); the submission itself was committed long before.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

MAIL_ERRORS = (smtplib.SMTPException, OSError)
# Celery task options for a mail task.
MAIL_RETRY = {
    "autoretry_for": MAIL_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 60 * 60,
    "retry_jitter": True,
    "max_retries": 8,
}


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    recipients: list[str]


def mail_render(template: str, context: dict, recipients: list[str]) -> Mail:
    """``<template>_subject.txt`` (folded onto one line) and ``<template>.txt``."""
    subject = render_to_string(f"{template}_subject.txt", context)
    body = render_to_string(f"{template}.txt", context)
    return Mail(" ".join(subject.split()), body, recipients)


def mail_send_once(
    queryset: models.QuerySet, *, pk: int, stamp: str, build: Callable[[models.Model], Mail | None]
) -> bool:
    """Send the mail ``build(row)`` describes unless ``stamp`` is already set; then set it.

    ``build`` returns ``None`` (or a mail without recipients) when there is nothing to send.
    """
    with transaction.atomic():
        row = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
        if row is None or getattr(row, stamp) is not None:
            return False
        mail = build(row)
        if mail is None or not mail.recipients:
            return False
        send_mail(
            mail.subject,
            mail.body,
            settings.DEFAULT_FROM_EMAIL,
            mail.recipients,
            fail_silently=False,
        )
        setattr(row, stamp, timezone.now())
        row.save(update_fields=[stamp])
    logger.info("Sent %s mail for %s %s", stamp, queryset.model.__name__, pk)
    return True


def mail_task_queue(task, *args: object) -> None:
    """Send a mail task to the broker; an outage is logged, never raised into the request
    (the row it mails about is stored, and the mail can be sent again)."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001 - the row is stored; the mail can be resent
        logger.exception("Could not queue %s%r", task.name, args)
