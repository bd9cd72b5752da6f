"""Turn a flooding client away early (R7.3)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from feedback import security


class FloodGuardMiddleware:
    """Answer 429 to a POST from an address already over the public-form limit.

    The form views count posts (``security.rate_limit_ip``); once an address is over its
    limit, its further public POSTs in the same window are refused here, before Wagtail's
    page routing and any database query, so a flood costs one Redis GET per request.
    The admin is not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/admin/"):
            limit = security.ip_blocked(request)
            if limit.exceeded:
                from feedback.views import rate_limited

                return rate_limited(request, limit.retry_after)
        return self.get_response(request)
