"""The Sở/Phòng feeds' item of the operator's checklist (R10.2, R8.1), registered with the
``portal_audit_checks`` hook in ``rss.wagtail_hooks``; runs inside the school's schema."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from wagtail.models import Site

from dashboard.checks import CheckResult
from schools.models import School


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
