"""Shared tables of the operator's dashboard (public schema only).

Metrics are gathered per school by a periodic job into ``SchoolMetrics`` so the dashboard
reads one table instead of querying every school's schema on each page view (R10.2 at the
scale of thousands of schools).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schools.models import School


class SchoolMetrics(models.Model):
    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="metrics")
    gathered_at = models.DateTimeField(_("thời điểm thu thập"))
    score = models.PositiveSmallIntegerField(_("điểm"), default=0, db_index=True)
    # [{"code", "label", "ok" (true/false/null = not applicable), "detail", "fix_path"}]
    checks = models.JSONField(_("danh mục kiểm tra"), default=list)
    posts_30d = models.PositiveIntegerField(_("bài 30 ngày"), default=0)
    posts_90d = models.PositiveIntegerField(_("bài 90 ngày"), default=0)
    posts_school_year = models.PositiveIntegerField(_("bài trong năm học"), default=0)
    last_published_at = models.DateTimeField(_("lần đăng gần nhất"), null=True, blank=True)
    # {"2026-11": 5, …} for the last 12 months; {"Nguyễn Thị Lan": 12, …} this school year.
    monthly_posts = models.JSONField(default=dict)
    author_posts = models.JSONField(default=dict)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("số liệu trường")
        verbose_name_plural = _("số liệu trường")

    def __str__(self) -> str:
        return f"{self.school} ({self.score})"

    @property
    def failed_checks(self) -> list[dict]:
        return [check for check in self.checks if check.get("ok") is False]


class AlertLevel(models.TextChoices):
    URGENT = "khan_cap", _("Khẩn cấp")
    IMPORTANT = "quan_trong", _("Quan trọng")
    INFO = "thong_tin", _("Thông tin")


class AlertQuerySet(models.QuerySet):
    def active_for(self, school: School, now=None):
        now = now or timezone.now()
        return (
            self.filter(starts_at__lte=now)
            .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
            .filter(Q(all_schools=True) | Q(schools=school))
            .distinct()
            .order_by("level", "-starts_at")
        )


class Alert(models.Model):
    """An alert from the operator shown on every public page of the chosen schools (R10.6)."""

    level = models.CharField(
        _("mức độ"), max_length=16, choices=AlertLevel.choices, default=AlertLevel.INFO
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    message = models.TextField(_("nội dung"), max_length=2000, blank=True)
    link = models.URLField(_("liên kết chi tiết"), blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    ends_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    all_schools = models.BooleanField(_("tất cả các trường"), default=True)
    schools = models.ManyToManyField(
        School, verbose_name=_("các trường được chọn"), blank=True, related_name="alerts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        ordering = ("-starts_at",)

    def __str__(self) -> str:
        return self.title
