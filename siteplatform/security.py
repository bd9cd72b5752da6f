"""Security headers on every response, cached pages and early middleware answers included (R9.2).

Django's ``SecurityMiddleware`` adds HSTS, ``nosniff`` and the referrer policy, and
``XFrameOptionsMiddleware`` the frame options, but only to responses that pass through them:
answers made by middleware above them (health check, unknown host, suspended school, the
feedback flood guard) would go out bare. This middleware sits first and fills in whatever is
missing, plus a Content-Security-Policy (Django 5.2 has none built in).

Two policies:

- Public pages: scripts from our own origin only (no inline script: the menu toggle lives in
  ``static/js/portal.js``). Styles allow ``'unsafe-inline'``: every page carries an inline
  ``<style>`` with the school's theme colours, and whole pages are served from the page cache,
  so a per-response nonce is impossible; inline style cannot run code, and script-src stays
  strict. Frames: our own origin and the video / map hosts the news and contact pages embed.
  ``<object>`` is allowed from our own origin for the inline PDF viewer of official documents
  (whose PDF response allows framing by its own site). No other site may frame a page.
- The Wagtail admin (``/admin/``) runs inline scripts and ``eval``-based widgets, so it gets a
  relaxed policy that still forbids framing by other sites (its live preview frames itself)
  and foreign form targets.

A response that already carries a policy (Wagtail's document serving sets
``default-src 'none'``) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FRAME_HOSTS = (
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://www.facebook.com",
    "https://www.openstreetmap.org",
)

# Pictures of other schools (the operator portal's news of every school) come from their own
# domains: over https in production, over plain http in development and tests.
_IMAGE_SCHEMES = "https:" if settings.PORTAL_SCHEME == "https" else "https: http:"

PUBLIC_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src 'self' data: {_IMAGE_SCHEMES}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' https:",
        "frame-src 'self' " + " ".join(FRAME_HOSTS),
        "object-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

ADMIN_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' https:",
        "frame-src 'self' https:",
        "object-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)

ADMIN_PREFIX = "/admin/"


def content_security_policy(path: str) -> str:
    """The policy for a request path: relaxed for the Wagtail admin, strict elsewhere."""
    return ADMIN_POLICY if path.startswith(ADMIN_PREFIX) else PUBLIC_POLICY


class SecurityHeadersMiddleware:
    """Adds CSP and fills in the standard security headers on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(request.path)
        )
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        if settings.SECURE_HSTS_SECONDS and request.is_secure():
            value = f"max-age={settings.SECURE_HSTS_SECONDS}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                value += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                value += "; preload"
            response.headers.setdefault("Strict-Transport-Security", value)
        return response
