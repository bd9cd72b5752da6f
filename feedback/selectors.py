"""Reads of the feedback app."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Case, Q, QuerySet, When
from django.db.models import Value as V
from django.utils import timezone

from feedback.models import (
    OPEN_STATUSES,
    ConsultationIndexPage,
    ConsultationOpinion,
    ConsultationPage,
    FeedbackMessage,
)


def overdue_q(days: int, *, now=None) -> Q:
    """Messages still unanswered ``days`` after they arrived (R7.1)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return Q(status__in=OPEN_STATUSES, created_at__lt=cutoff)


def feedback_with_overdue(queryset: QuerySet[FeedbackMessage], days: int) -> QuerySet:
    return queryset.annotate(is_overdue=Case(When(overdue_q(days), then=V(True)), default=V(False)))


def feedback_by_reference(reference: str) -> FeedbackMessage | None:
    return (
        FeedbackMessage.objects.filter(reference=reference.upper())
        .only("reference", "status", "created_at", "replied_at")
        .first()
    )


def qa_list() -> QuerySet[FeedbackMessage]:
    """Published questions with their answers, newest answer first; no personal data loaded."""
    return (
        FeedbackMessage.objects.filter(published=True)
        .exclude(reply="")
        .only(
            "reference",
            "category",
            "subject",
            "message",
            "public_question",
            "reply",
            "replied_at",
            "created_at",
        )
        .order_by("-replied_at", "-created_at")
    )


def consultation_list(index: ConsultationIndexPage) -> QuerySet[ConsultationPage]:
    """Live consultations under ``index``: open ones first, by deadline; then the rest."""
    now = timezone.now()
    return (
        ConsultationPage.objects.child_of(index)
        .live()
        .public()
        .annotate(
            open_rank=Case(
                When(opens_at__lte=now, closes_at__gt=now, then=V(0)),
                When(opens_at__gt=now, then=V(1)),
                default=V(2),
            )
        )
        .order_by("open_rank", "-closes_at")
    )


def opinion_by_reference(consultation: ConsultationPage, reference: str):
    return (
        ConsultationOpinion.objects.filter(consultation=consultation, reference=reference.upper())
        .only("reference", "created_at")
        .first()
    )
