"""Checklist items read from the content apps (R10.2, R5.2, R7.1, R8.1).

Registered with the ``portal_audit_checks`` hook by ``dashboard.wagtail_hooks``; each runs
inside the school's schema.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from wagtail.models import Site

from dashboard.checks import CheckResult
from schools.models import School


def check_disclosure(school: School) -> Iterable[CheckResult]:
    """Công khai covering each of the last 3 school years (R5.2, seed 001)."""
    if not apps.is_installed("disclosure"):
        return
    from disclosure.kinds import Category
    from disclosure.selectors import coverage

    labels = dict(Category.choices)
    for row in coverage(years=3):
        missing = [str(labels.get(code, code)) for code in row["missing"]]
        if not row["has_page"]:
            detail = "Chưa có trang năm học"
        elif missing:
            detail = "Thiếu: " + "; ".join(missing)
        else:
            detail = ""
        yield CheckResult(
            f"disclosure:{row['school_year']}",
            f"Ba công khai năm học {row['school_year']} đủ các nhóm nội dung",
            row["complete"],
            detail,
            "/admin/pages/",
        )


def check_feeds(school: School) -> Iterable[CheckResult]:
    """The Sở/Phòng feeds are shown and at least one of them is healthy (R8.1)."""
    if not apps.is_installed("rss.school"):
        return
    from rss.models import FeedSource
    from rss.school.models import FeedItemsPage, FeedPreferences

    site = Site.objects.filter(is_default_site=True).first()
    hidden = FeedPreferences.for_site(site).hidden_ids if site else []
    shown = FeedSource.objects.filter(is_active=True).exclude(pk__in=hidden)
    healthy = shown.filter(consecutive_failures__lt=3, last_success_at__isnull=False)
    has_page = FeedItemsPage.objects.live().exists()
    ok = has_page and healthy.exists()
    if not has_page:
        detail = "Chưa có trang Tin từ Sở/Phòng"
    elif not shown.exists():
        detail = "Trường đã ẩn mọi nguồn tin"
    elif not healthy.exists():
        detail = "Các nguồn tin đang lỗi: " + ", ".join(shown.values_list("name", flat=True))
    else:
        detail = f"{healthy.count()}/{shown.count()} nguồn tin hoạt động tốt"
    yield CheckResult(
        "feeds_healthy",
        "Tự động hiển thị tin của Sở/Phòng (RSS)",
        ok,
        detail,
        "/admin/settings/rss_school/feedpreferences/",
    )


def check_feedback(school: School) -> Iterable[CheckResult]:
    """Feedback is answered in time (R7.1)."""
    if not apps.is_installed("feedback"):
        return
    from feedback.models import FeedbackMessage, FeedbackSettings
    from feedback.selectors import overdue_q

    site = Site.objects.filter(is_default_site=True).first()
    days = FeedbackSettings.for_site(site).overdue_days if site else 7
    overdue = FeedbackMessage.objects.filter(overdue_q(days)).count()
    yield CheckResult(
        "feedback_in_time",
        f"Trả lời góp ý trong {days} ngày",
        overdue == 0,
        f"{overdue} góp ý quá hạn chưa trả lời" if overdue else "",
        "/admin/snippets/feedback/feedbackmessage/",
    )
