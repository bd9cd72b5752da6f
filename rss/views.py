"""Feeds out on every host: the index at ``/rss/`` and each registered feed (R8.2)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from rss.feeds import feed_get, registered_feeds, render_feed


@require_GET
def feed_index(request: HttpRequest) -> HttpResponse:
    return render(request, "rss/feed_index.html", {"feeds": registered_feeds()})


@require_GET
@cache_control(max_age=300, public=True)
def feed_detail(request: HttpRequest, slug: str, fmt: str = "rss") -> HttpResponse:
    spec = feed_get(slug)
    if spec is None:
        raise Http404("no such feed")
    return render_feed(request, spec, fmt)
