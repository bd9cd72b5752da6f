"""Gathering metrics, and the operator's actions on schools."""

from __future__ import annotations

import datetime
import logging
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django_tenants.utils import schema_context

from core.schoolyears import current_school_year, parse_school_year
from dashboard.checks import CheckResult, run_checks, score
from dashboard.models import SchoolMetrics
from schools.models import School
from siteplatform import provisioning

logger = logging.getLogger(__name__)


def _post_models() -> list:
    models = []
    for label in settings.PORTAL_POST_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue
    return models


def _school_year_start(now: datetime.datetime) -> datetime.datetime:
    start_year = parse_school_year(current_school_year(timezone.localdate(now)))
    return timezone.make_aware(datetime.datetime(start_year, 8, 1))


def _posting_activity(now: datetime.datetime) -> dict:
    """Counts of live posts by period, month and author, in the current schema (R3.2)."""
    totals = {"posts_30d": 0, "posts_90d": 0, "posts_school_year": 0}
    monthly: dict[str, int] = {}
    authors: dict[str, int] = {}
    last = None
    year_start = _school_year_start(now)
    twelve_months_ago = now - datetime.timedelta(days=366)
    for model in _post_models():
        live = model.objects.live().filter(first_published_at__isnull=False)
        totals["posts_30d"] += live.filter(
            first_published_at__gte=now - datetime.timedelta(days=30)
        ).count()
        totals["posts_90d"] += live.filter(
            first_published_at__gte=now - datetime.timedelta(days=90)
        ).count()
        totals["posts_school_year"] += live.filter(first_published_at__gte=year_start).count()
        newest = (
            live.order_by("-first_published_at")
            .values_list("first_published_at", flat=True)
            .first()
        )
        if newest and (last is None or newest > last):
            last = newest
        by_month = (
            live.filter(first_published_at__gte=twelve_months_ago)
            .annotate(
                month=TruncMonth("first_published_at", tzinfo=timezone.get_current_timezone())
            )
            .values("month")
            .annotate(n=Count("pk"))
        )
        for row in by_month:
            key = row["month"].strftime("%Y-%m")
            monthly[key] = monthly.get(key, 0) + row["n"]
        by_author = (
            live.filter(first_published_at__gte=year_start)
            .values("owner__first_name", "owner__last_name", "owner__username")
            .annotate(n=Count("pk"))
        )
        for row in by_author:
            name = " ".join(
                part for part in (row["owner__last_name"], row["owner__first_name"]) if part
            ) or (row["owner__username"] or "—")
            authors[name] = authors.get(name, 0) + row["n"]
    return {
        **totals,
        "last_published_at": last,
        "monthly_posts": dict(sorted(monthly.items())),
        "author_posts": dict(sorted(authors.items(), key=lambda item: -item[1])),
    }


def _activity_checks(activity: dict, now: datetime.datetime) -> list[CheckResult]:
    target = settings.PORTAL_POSTS_PER_SCHOOL_YEAR
    elapsed = (now - _school_year_start(now)).days / 365
    expected = int(target * min(max(elapsed, 0), 1))
    posted = activity["posts_school_year"]
    last = activity["last_published_at"]
    return [
        CheckResult(
            "posts_pace",
            f"Đăng ít nhất {target} bài mỗi năm học (đúng tiến độ: {expected} bài đến nay)",
            posted >= expected,
            f"Đã đăng {posted} bài trong năm học {current_school_year(timezone.localdate(now))}",
            "/admin/pages/",
        ),
        CheckResult(
            "fresh_news",
            "Có tin mới trong 30 ngày gần đây",
            bool(last and last >= now - datetime.timedelta(days=30)),
            f"Lần đăng gần nhất: {timezone.localtime(last):%d/%m/%Y}"
            if last
            else "Chưa có bài đăng",
            "/admin/pages/",
        ),
    ]


def metrics_refresh(*, school: School, now: datetime.datetime | None = None) -> SchoolMetrics:
    """Run the checklist and count posts inside the school's schema; store one row."""
    now = now or timezone.now()
    error = ""
    try:
        with schema_context(school.schema_name):
            activity = _posting_activity(now)
            results = run_checks(school) + _activity_checks(activity, now)
    except Exception as exc:  # noqa: BLE001 - one broken school must not stop the sweep
        logger.exception("Gathering metrics failed for school %s", school.slug)
        activity = {
            "posts_30d": 0,
            "posts_90d": 0,
            "posts_school_year": 0,
            "last_published_at": None,
            "monthly_posts": {},
            "author_posts": {},
        }
        results = [CheckResult("gather_error", "Thu thập số liệu", False, str(exc)[:500])]
        error = f"{type(exc).__name__}: {exc}"[:2000]
    metrics, _created = SchoolMetrics.objects.update_or_create(
        school=school,
        defaults={
            "gathered_at": now,
            "score": score(results),
            "checks": [result.as_dict() for result in results],
            "error": error,
            **activity,
        },
    )
    return metrics


def school_head_password_reset(*, school: School, username: str | None = None) -> tuple[str, str]:
    """Give the school's head (Trưởng ban biên tập) a new random password; return it once."""
    user_model = get_user_model()
    with schema_context(school.schema_name):
        group = provisioning.role_group(provisioning.ROLE_HEAD)
        users = group.user_set.filter(is_active=True).order_by("pk")
        user = users.get(username=username) if username else users.first()
        if user is None:
            raise user_model.DoesNotExist("This school has no head of the editorial board.")
        password = "Pgd-" + secrets.token_urlsafe(9)
        user.set_password(password)
        user.save(update_fields=["password"])
    logger.info("Operator reset the password of %s in school %s", user.username, school.slug)
    return user.username, password


# When the operator last asked for every school's metrics (public schema key, so only the
# operator's dashboard reads it); kept long enough to outlast a slow sweep.
REFRESH_STARTED_KEY = "dashboard:metrics-refresh-started"
REFRESH_STARTED_TIMEOUT = 60 * 60


def metrics_refresh_all_queue(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Queue the sweep of every school's metrics (one task per school) and note when.

    The request returns at once; the dashboard shows the sweep's progress from the note and
    each school's ``gathered_at``. A broker outage is logged, and the nightly sweep still runs.
    """
    from dashboard import tasks

    now = now or timezone.now()
    cache.set(REFRESH_STARTED_KEY, now.isoformat(), REFRESH_STARTED_TIMEOUT)
    try:
        tasks.refresh_all_metrics.delay()
    except Exception:  # noqa: BLE001 - the operator sees the sweep has not progressed
        logger.exception("Could not queue the metrics sweep")
    return now
