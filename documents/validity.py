"""Validity of an official document (hiệu lực, R4.4), from its dates and relations.

One rule, written twice: in Python for a single document (``validity_status``) and as a
queryset filter for the index (``validity_q``); tests check that both agree.

- "Bị thay thế": a live document that replaces it is already in force.
- "Hết hiệu lực": the expiry date has come (the expiry date is the first day the document
  no longer applies, as in "hết hiệu lực kể từ ngày …").
- "Chưa có hiệu lực": the effective date (or, without one, the issue date) is still ahead.
- "Còn hiệu lực": otherwise.

"Today" is the date in Asia/Ho_Chi_Minh whatever the server's time zone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Validity(models.TextChoices):
    IN_FORCE = "con-hieu-luc", _("Còn hiệu lực")
    NOT_YET = "chua-co-hieu-luc", _("Chưa có hiệu lực")
    EXPIRED = "het-hieu-luc", _("Hết hiệu lực")
    REPLACED = "bi-thay-the", _("Bị thay thế")


def today_in_vietnam() -> datetime.date:
    return timezone.localdate(timezone=VIETNAM_TZ)


def validity_status(
    *,
    issue_date: datetime.date | None,
    effective_date: datetime.date | None,
    expiry_date: datetime.date | None,
    replaced: bool = False,
    today: datetime.date | None = None,
) -> Validity:
    today = today or today_in_vietnam()
    if replaced:
        return Validity.REPLACED
    if expiry_date and expiry_date <= today:
        return Validity.EXPIRED
    start = effective_date or issue_date
    if start and start > today:
        return Validity.NOT_YET
    return Validity.IN_FORCE


def in_force_since_q(today: datetime.date, prefix: str = "") -> Q:
    """Documents whose effective date (or issue date) is today or earlier."""
    return Q(**{f"{prefix}effective_date__lte": today}) | Q(
        **{f"{prefix}effective_date__isnull": True, f"{prefix}issue_date__lte": today}
    )


def validity_q(status: str, today: datetime.date) -> Q:
    """Filter for one status; the queryset must be annotated with ``is_replaced_flag``."""
    not_expired = Q(expiry_date__isnull=True) | Q(expiry_date__gt=today)
    if status == Validity.REPLACED:
        return Q(is_replaced_flag=True)
    if status == Validity.EXPIRED:
        return Q(is_replaced_flag=False, expiry_date__lte=today)
    if status == Validity.NOT_YET:
        not_yet = Q(effective_date__gt=today) | Q(effective_date__isnull=True, issue_date__gt=today)
        return Q(is_replaced_flag=False) & not_expired & not_yet
    if status == Validity.IN_FORCE:
        return Q(is_replaced_flag=False) & not_expired & in_force_since_q(today)
    raise ValueError(f"Unknown validity status {status!r}")
