"""Reads of the online services. Look-ups match whole keys only: no listing, no prefix,
no partial match; a wrong second factor and an unknown code give the same empty answer."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from online_services.models import (
    PERIOD_ORDER,
    AdmissionApplication,
    AdmissionCampaign,
    ApplicationStatus,
    Diploma,
    ResultSet,
    StudentResult,
)
from online_services.text import code_key, name_key, phone_key


def student_results(*, code: str, birth_date: datetime.date) -> list[StudentResult]:
    """One student's rows in every published set, newest school year first, then the whole
    year before its terms; ``[]`` unless both the code and the birth date match."""
    key = code_key(code)
    if not key or birth_date is None:
        return []
    rows = list(
        StudentResult.objects.filter(
            student_code=key, birth_date=birth_date, result_set__published=True
        ).select_related("result_set")
    )
    rows.sort(key=lambda row: (row.result_set.school_year, -PERIOD_ORDER[row.result_set.period]))
    rows.reverse()
    return rows


def diploma_find(
    *, number: str, holder_name: str = "", birth_date: datetime.date | None = None
) -> Diploma | None:
    """The diploma with this number whose holder has this name or this birth date (both, if
    both are given). Names compare without case, spacing or diacritics."""
    key = code_key(number)
    name = name_key(holder_name)
    if not key or not (name or birth_date):
        return None
    queryset = Diploma.objects.filter(number_key=key, diploma_set__published=True)
    if name:
        queryset = queryset.filter(holder_name_key=name)
    if birth_date:
        queryset = queryset.filter(birth_date=birth_date)
    return queryset.select_related("diploma_set").order_by("-diploma_set__imported_at").first()


def application_find(*, reference: str, phone: str) -> AdmissionApplication | None:
    """An application by its reference **and** the parent's phone number, else ``None``."""
    digits = phone_key(phone)
    reference = code_key(reference)
    if not reference or len(digits) < 8:
        return None
    return (
        AdmissionApplication.objects.filter(
            reference=reference, parent_phone_key=digits, personal_data_purged_at__isnull=True
        )
        .select_related("campaign")
        .first()
    )


def campaigns_public(now=None) -> list[AdmissionCampaign]:
    """Campaigns parents can see: open ones first, then upcoming, then those closed in the
    last 60 days (so a late parent learns the dates); documents prefetched."""
    now = now or timezone.now()
    campaigns = (
        AdmissionCampaign.objects.filter(closes_at__gte=now - datetime.timedelta(days=60))
        .prefetch_related("documents")
        .order_by("opens_at")
    )
    return sorted(
        campaigns, key=lambda c: 0 if c.is_open(now) else 1 if c.has_not_started(now) else 2
    )


def campaign_open_now(now=None) -> AdmissionCampaign | None:
    now = now or timezone.now()
    return (
        AdmissionCampaign.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .order_by("closes_at")
        .first()
    )


def campaigns_with_counts() -> QuerySet[AdmissionCampaign]:
    """Campaigns with their application and acceptance counts (one query, for the admin)."""
    return AdmissionCampaign.objects.annotate(
        application_count=Count("applications"),
        accepted_count=Count(
            "applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED)
        ),
    ).order_by("-opens_at")


def latest_result_set() -> ResultSet | None:
    return ResultSet.objects.filter(published=True).order_by("-school_year", "-imported_at").first()
