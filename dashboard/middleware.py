"""Operator alerts on every public page of the chosen schools (R10.6).

Pages carry a ``<!--portal:alerts-->`` marker (in ``templates/base.html``); this middleware
fills it on the way out, after any page cache, so an alert appears at once on cached pages
and disappears at its end without purging anything.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

MARKER = b"<!--portal:alerts-->"
CACHE_SECONDS = 30


def active_alerts_html(request) -> str:
    from dashboard.models import Alert
    from dashboard.signal_handlers import GENERATION_KEY

    tenant = request.tenant
    key = f"alerts:{tenant.pk}:{cache.get(GENERATION_KEY, 0)}"
    html = cache.get(key)
    if html is None:
        alerts = list(Alert.objects.active_for(tenant))
        html = (
            render_to_string("dashboard/includes/alerts.html", {"alerts": alerts}) if alerts else ""
        )
        # Short TTL so that an alert's end time takes effect within CACHE_SECONDS.
        cache.set(key, html, CACHE_SECONDS)
    return html


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
