"""The online services' items of the operator's checklist (R10.2, R6.2), registered with
the ``portal_audit_checks`` hook and run inside the school's schema."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from core.schoolyears import recent_school_years
from dashboard.checks import CheckResult
from online_services.models import AdmissionApplication, ApplicationStatus, ResultSet

REVIEW_DAYS = 7


def online_services_checks(school) -> Iterable[CheckResult]:
    from schools.models import SchoolLevel

    label = _("Tra cứu kết quả học tập trực tuyến có dữ liệu năm học hiện tại hoặc năm trước")
    if school.level == SchoolLevel.PRESCHOOL:
        yield CheckResult("online_results", label, None, _("Không áp dụng cho mầm non"))
    else:
        years = recent_school_years(2)
        latest = ResultSet.objects.filter(published=True).order_by("-school_year").first()
        ok = latest is not None and latest.school_year in years
        if latest is None:
            detail = _("Chưa nhập kết quả để tra cứu")
        else:
            detail = _("Dữ liệu mới nhất: %(set)s") % {"set": latest}
        yield CheckResult(
            "online_results", label, ok, detail, "/admin/snippets/online_services/resultset/"
        )
    cutoff = timezone.now() - timedelta(days=REVIEW_DAYS)
    if not AdmissionApplication.objects.exists():
        return
    waiting = AdmissionApplication.objects.filter(
        status=ApplicationStatus.SUBMITTED, created_at__lt=cutoff
    ).count()
    yield CheckResult(
        "admission_review_in_time",
        _("Hồ sơ tuyển sinh trực tuyến được xét trong %(n)s ngày") % {"n": REVIEW_DAYS},
        waiting == 0,
        _("%(n)s hồ sơ chờ xét quá hạn") % {"n": waiting} if waiting else "",
        "/admin/snippets/online_services/admissionapplication/",
    )
