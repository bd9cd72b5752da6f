"""Operator alerts on every public page of the chosen schools (R10.6).

Pages carry a ``<!--portal:alerts-->`` marker (in ``templates/base.html``); this middleware
fills it on the way out, after any page cache, so an alert appears at once on cached pages
and disappears at its end without purging anything.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

MARKER = b"<!--portal:alerts-->"
# How long a list of alerts read from the database is kept (a new or changed alert is
# read at once: the key carries the alert generation).
CACHE_SECONDS = 30


def _current_alerts() -> list[tuple]:
    """Every alert that has not ended, with the ids of its chosen schools (empty when it is
    for all schools), in display order.

    One entry for the whole platform (a ``global:`` key), so a school's first page after
    the cache expires costs no query: with thousands of schools, a per-school entry meant
    one query for nearly every request. Keyed by the alert generation, so a saved, deleted
    or re-targeted alert is read again at once; the start and end times are checked on
    every request.
    """
    from dashboard.models import Alert
    from dashboard.signal_handlers import GENERATION_KEY

    key = f"global:alerts:current:{cache.get(GENERATION_KEY, 0)}"
    found = cache.get(key)
    if found is None:
        alerts = list(
            Alert.objects.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now())).order_by(
                "level", "-starts_at"
            )
        )
        chosen: dict[int, set[int]] = {alert.pk: set() for alert in alerts}
        links = Alert.schools.through.objects.filter(
            alert_id__in=[alert.pk for alert in alerts if not alert.all_schools]
        ).values_list("alert_id", "school_id")
        for alert_id, school_id in links:
            chosen[alert_id].add(school_id)
        found = [(alert, frozenset(chosen[alert.pk])) for alert in alerts]
        cache.set(key, found, CACHE_SECONDS)
    return found


def active_alerts_html(request) -> str:
    """The alerts shown now on ``request.tenant``'s pages, rendered ("" when none)."""
    tenant_id = request.tenant.pk
    now = timezone.now()
    alerts = [
        alert
        for alert, schools in _current_alerts()
        if alert.starts_at <= now
        and (alert.ends_at is None or alert.ends_at > now)
        and (alert.all_schools or tenant_id in schools)
    ]
    if not alerts:
        return ""
    return render_to_string("dashboard/includes/alerts.html", {"alerts": alerts})


class AlertMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tenant = getattr(request, "tenant", None)
        if (
            tenant is None
            or tenant.schema_name == settings.PUBLIC_SCHEMA_NAME
            or getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or MARKER not in response.content
        ):
            return response
        try:
            html = active_alerts_html(request)
        except Exception:  # noqa: BLE001 - an alert failure must never break a page
            logger.exception("Rendering operator alerts failed")
            html = ""
        response.content = response.content.replace(MARKER, html.encode("utf-8"), 1)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
