"""Whole-page cache of public pages, per school and per URL.

Anonymous GET requests for Wagtail pages are answered from Redis. Keys go through the
cache's ``KEY_FUNCTION`` (``django_tenants.cache.make_key``), so they carry the school's
schema; they also contain the full URL (host, path, query string) and the school's cache
*generation*. Publishing, unpublishing, moving or deleting a page, or saving the school's
settings, bumps the generation (``core.signal_handlers``): every page of that school is then
re-rendered on its next request, and other schools keep their cache. Bumping is cheap and
safe; entries of old generations simply expire.

Only responses of Wagtail's page view are stored (marked by the ``before_serve_page`` hook
in ``core.wagtail_hooks``), and only when the response is a plain 200 without cookies, for a
request that carries no session or messages cookie. Other apps that change what public
pages show without publishing a page (feeds pulled by a worker, an operator alert) call
``page_cache_invalidate()`` inside the school's schema.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from django_tenants.utils import schema_context

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
CACHEABLE_ATTR = "_portal_page_cacheable"
HEADER = "X-Page-Cache"
_SKIPPED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/healthz")


def page_cache_timeout() -> int:
    return getattr(settings, "PORTAL_PAGE_CACHE_TIMEOUT", 600)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A fresh start value (not 0), so that entries written before the key was evicted
        # can never match again.
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    return generation


def _bump_current_schema() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # the key does not exist (yet, or evicted)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def page_cache_invalidate(schema_name: str | None = None) -> None:
    """Drop every cached page of a school (the current schema by default).

    Runs at once (so this process sees the change) and again after the surrounding
    transaction commits (so a page rendered from old data meanwhile is not kept).
    """
    schema_name = schema_name or connection.schema_name
    with schema_context(schema_name):
        _bump_current_schema()

    def bump_after_commit() -> None:
        with schema_context(schema_name):
            _bump_current_schema()

    transaction.on_commit(bump_after_commit)


def _has_private_cookies(request: HttpRequest) -> bool:
    # No CSRF cookie here: a page that uses a CSRF token always sets the cookie in its
    # response, so it is never stored, and other pages do not depend on the cookie.
    return bool(
        request.COOKIES.get(settings.SESSION_COOKIE_NAME) or request.COOKIES.get("messages")
    )


def request_is_cacheable(request: HttpRequest) -> bool:
    if not getattr(settings, "PORTAL_PAGE_CACHE_ENABLED", True) or request.method != "GET":
        return False
    if request.path.startswith(_SKIPPED_PREFIXES) or _has_private_cookies(request):
        return False
    return getattr(request, "tenant", None) is not None


def _key(request: HttpRequest) -> str:
    url = f"{get_language()} {request.build_absolute_uri()}"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
    return f"pagecache:{_generation()}:{digest}"


class PageCacheMiddleware:
    """Serve and store cached public pages (see the module docstring).

    Placed after the tenant and school-status middleware (so a suspended school is never
    served from cache) and before sessions and authentication (so a hit costs no session
    read and no SQL beyond the tenant lookup).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() != "set-cookie"]
            cache.set(key, (response.status_code, headers, response.content), page_cache_timeout())
            response[HEADER] = "miss"
        return response

    @staticmethod
    def _storable(request: HttpRequest, response: HttpResponse) -> bool:
        if not getattr(request, CACHEABLE_ATTR, False):
            return False
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
            "Cache-Control", ""
        ):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)
