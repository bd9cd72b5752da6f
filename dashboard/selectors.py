"""Reads for the dashboard: one query over the shared metrics table, never per school."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import F, QuerySet
from django.utils.functional import Promise

from schools.models import School, SchoolLevel
from schools.selectors import school_list
from schools.validation import domain_rule_problems, is_development_domain

SORTS = {
    "ten": ("name",),
    "diem": (F("metrics__score").asc(nulls_first=True), "name"),
    "-diem": (F("metrics__score").desc(nulls_last=True), "name"),
    "bai30": (F("metrics__posts_30d").desc(nulls_last=True), "name"),
    "cap": ("level", "name"),
    "dia-ban": ("district", "name"),
}


def dashboard_schools(
    *,
    level: str = "",
    district: str = "",
    status: str = "",
    ownership: str = "",
    min_score: int | None = None,
    max_score: int | None = None,
    sort: str = "ten",
) -> QuerySet[School]:
    schools = school_list().select_related("metrics").prefetch_related("domains")
    if level:
        schools = schools.filter(level=level)
    if district:
        schools = schools.filter(district=district)
    if status:
        schools = schools.filter(status=status)
    if ownership:
        schools = schools.filter(ownership=ownership)
    if min_score is not None:
        schools = schools.filter(metrics__score__gte=min_score)
    if max_score is not None:
        schools = schools.filter(metrics__score__lte=max_score)
    return schools.order_by(*SORTS.get(sort, SORTS["ten"]))


def primary_domain(school: School) -> str:
    """The primary domain from prefetched domains (no query)."""
    return next((d.domain for d in school.domains.all() if d.is_primary), "")


def domain_status(school: School) -> str:
    domain = primary_domain(school)
    if not domain:
        return "missing"
    if is_development_domain(domain):
        return "dev"
    return "ok" if not domain_rule_problems(domain, school.slug) else "bad"


def evaluation_rows(schools) -> tuple[list[str], list[list]]:
    """The yearly evaluation (seed 004 §V.1) as a header and rows, one row per school."""
    schools = list(schools)
    check_columns: list[tuple[str, str]] = []
    seen = set()
    for school in schools:
        metrics = getattr(school, "metrics", None)
        for check in metrics.checks if metrics else []:
            if check["code"] not in seen:
                seen.add(check["code"])
                check_columns.append((check["code"], check["label"]))
    header = [
        "Tên trường",
        "Mã trường",
        "Cấp học",
        "Loại hình",
        "Địa bàn",
        "Tên miền",
        "Tên miền đúng quy định",
        "Trạng thái",
        "Điểm",
        "Bài 30 ngày",
        "Bài 90 ngày",
        "Bài trong năm học",
        "Lần đăng gần nhất",
        "Thời điểm thu thập",
    ] + [label for _code, label in check_columns]
    rows = []
    for school in schools:
        metrics = getattr(school, "metrics", None)
        by_code = {c["code"]: c for c in (metrics.checks if metrics else [])}
        status = domain_status(school)
        row = [
            school.name,
            school.slug,
            SchoolLevel(school.level).label if school.level else "",
            school.get_ownership_display(),
            school.district,
            primary_domain(school),
            {"ok": "Đạt", "bad": "Không đạt", "dev": "Tên miền phát triển", "missing": "Chưa có"}[
                status
            ],
            school.get_status_display(),
            metrics.score if metrics else "",
            metrics.posts_30d if metrics else "",
            metrics.posts_90d if metrics else "",
            metrics.posts_school_year if metrics else "",
            metrics.last_published_at.strftime("%d/%m/%Y")
            if metrics and metrics.last_published_at
            else "",
            metrics.gathered_at.strftime("%d/%m/%Y %H:%M") if metrics else "",
        ]
        for code, _label in check_columns:
            check = by_code.get(code)
            row.append(
                ""
                if check is None
                else {True: "Đạt", False: "Không đạt", None: "Không áp dụng"}[check["ok"]]
            )
        # Choice labels are lazy translations: spreadsheets need plain strings.
        rows.append([str(value) if isinstance(value, Promise) else value for value in row])
    return header, rows


def activity_totals(schools) -> dict[str, int]:
    """Posts per month over all listed schools (from stored metrics)."""
    totals: dict[str, int] = {}
    for school in schools:
        metrics = getattr(school, "metrics", None)
        for month, count in (metrics.monthly_posts if metrics else {}).items():
            totals[month] = totals.get(month, 0) + count
    return dict(sorted(totals.items()))


def metrics_refresh_progress() -> dict | None:
    """The sweep the operator queued, while it runs: ``{"started", "done", "total"}``.

    ``None`` when no sweep was asked for, or when every school has been gathered since.
    """
    from dashboard.services import REFRESH_STARTED_KEY

    raw = cache.get(REFRESH_STARTED_KEY)
    if not raw:
        return None
    try:
        started = datetime.datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return None
    schools = school_list()
    total = schools.count()
    done = schools.filter(metrics__gathered_at__gte=started).count()
    if done >= total:
        return None
    return {"started": started, "done": done, "total": total}
