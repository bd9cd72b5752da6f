"""Reads of the dispatch app: the operator's sent list and each school's inbox."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from dispatch.models import Dispatch, DispatchFile, DispatchReceipt
from schools.models import School


def sent_dispatches() -> QuerySet[Dispatch]:
    """Every dispatch with its counts: ``receipt_count`` and ``opened_count`` (đã mở x/y)."""
    return Dispatch.objects.annotate(
        receipt_count=Count("receipts", distinct=True),
        opened_count=Count("receipts", filter=Q(receipts__opened_at__isnull=False), distinct=True),
        file_count=Count("files", distinct=True),
    ).order_by("-sent_at", "-pk")


def dispatch_receipts(*, dispatch: Dispatch) -> QuerySet[DispatchReceipt]:
    """Per-school status of one dispatch, not opened first, then by school name."""
    return (
        DispatchReceipt.objects.filter(dispatch=dispatch)
        .select_related("school")
        .order_by("opened_at", "school__name")
    )


def inbox_receipts(*, school: School) -> QuerySet[DispatchReceipt]:
    """The school's inbox: only its own receipts, newest first."""
    return (
        DispatchReceipt.objects.filter(school=school)
        .select_related("dispatch")
        .order_by("-delivered_at", "-pk")
    )


def inbox_summary(*, school: School, limit: int = 5) -> dict:
    """Unread count and the latest items, for the admin home panel (two queries)."""
    receipts = inbox_receipts(school=school)
    return {
        "unread": receipts.filter(opened_at__isnull=True).count(),
        "latest": list(receipts[:limit]),
    }


def inbox_receipt(*, school: School, dispatch_id: int) -> DispatchReceipt | None:
    return inbox_receipts(school=school).filter(dispatch_id=dispatch_id).first()


def dispatch_file(*, dispatch_id: int, file_id: int) -> DispatchFile | None:
    return DispatchFile.objects.filter(dispatch_id=dispatch_id, pk=file_id).first()
