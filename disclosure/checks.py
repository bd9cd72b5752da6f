"""Công khai's item of the operator's checklist (R10.2, R5.2), registered with the
``portal_audit_checks`` hook in ``disclosure.wagtail_hooks``; runs inside the school's schema."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.checks import CheckResult
from schools.models import School


def check_disclosure(school: School) -> Iterable[CheckResult]:
    """Công khai covering each of the last 3 school years (R5.2, seed 001)."""
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
