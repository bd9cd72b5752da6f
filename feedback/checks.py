"""Feedback's item of the operator's checklist (R10.2, R7.1), registered with the
``portal_audit_checks`` hook in ``feedback.wagtail_hooks``; runs inside the school's schema."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Site

from dashboard.checks import CheckResult
from schools.models import School


def check_feedback(school: School) -> Iterable[CheckResult]:
    """Feedback is answered in time (R7.1)."""
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
