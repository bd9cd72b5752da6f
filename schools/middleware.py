"""Request handling around django-tenants' TenantMainMiddleware."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class HealthCheckMiddleware:
    """``/healthz`` for load balancers and compose health checks, on any host name.

    Placed before the tenant middleware so that a probe by IP address (no school domain)
    still gets an answer: 200 when PostgreSQL answers, 503 otherwise. Redis down is reported
    (``"cache": "error"``, status ``degraded``) but keeps the node in service: public pages
    are still served from PostgreSQL (portal.resilience).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != "/healthz":
            return self.get_response(request)
        checks = {}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            checks["database"] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
            logger.warning("Health check: database failed: %s", exc)
            checks["database"] = "error"
        try:
            cache.set("healthz", "1", 5)
            checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
        except Exception as exc:  # noqa: BLE001
            logger.warning("Health check: cache failed: %s", exc)
            checks["cache"] = "error"
        if checks["database"] != "ok":
            status = "error"
        else:
            status = "ok" if checks["cache"] == "ok" else "degraded"
        return JsonResponse({"status": status, **checks}, status=503 if status == "error" else 200)


class SchoolStatusMiddleware:
    """A suspended school answers every request with a maintenance page, status 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if tenant is not None and getattr(tenant, "status", "active") != "active":
            response = TemplateResponse(
                request, "schools/suspended.html", {"school": tenant}, status=503
            )
            response["Retry-After"] = "3600"
            return response.render()
        return self.get_response(request)
