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
    still gets an answer: 200 when PostgreSQL and Redis answer, 503 otherwise.
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
        healthy = all(value == "ok" for value in checks.values())
        return JsonResponse(
            {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
        )


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
