"""Wagtail hooks of the shared base."""

from __future__ import annotations

from wagtail import hooks

from core.cache import CACHEABLE_ATTR


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Only responses of Wagtail's page view may enter the page cache (core.cache).

    A page model opts out with ``page_cache = False`` (e.g. pages that count their views).
    """
    if not getattr(request, "is_preview", False) and getattr(page, "page_cache", True):
        setattr(request, CACHEABLE_ATTR, True)
