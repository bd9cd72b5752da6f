"""Feeds out: each school publishes its own RSS 2.0 and Atom feeds (R8.2, R1.5).

Content apps plug in without editing ``rss``, through a Wagtail hook::

    # news/wagtail_hooks.py
    @hooks.register("portal_feeds", order=10)
    def news_feed():
        return FeedSpec(slug="tin-tuc", title=_("Tin tức"), items=latest_news_entries)

``items(request)`` returns ``FeedEntry`` objects (at most ``MAX_ENTRIES`` are used); links
may be paths, they are made absolute on the request's host. Feeds are served at
``/rss/<slug>/`` (RSS 2.0) and ``/rss/<slug>/atom/`` (Atom), listed at ``/rss/``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import feedgenerator, timezone
from wagtail import hooks

from siteplatform.text import nfc

MAX_ENTRIES = 50
FORMATS = {
    "rss": (feedgenerator.Rss201rev2Feed, "application/rss+xml; charset=utf-8"),
    "atom": (feedgenerator.Atom1Feed, "application/atom+xml; charset=utf-8"),
}


@dataclass
class FeedEnclosure:
    """A file attached to an entry (RSS 2.0 keeps the first one only, Atom keeps all)."""

    url: str
    length: int
    mime_type: str


@dataclass
class FeedEntry:
    title: str
    link: str
    description: str = ""
    published_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    unique_id: str = ""
    author_name: str = ""
    categories: list[str] = field(default_factory=list)
    enclosures: list[FeedEnclosure] = field(default_factory=list)


@dataclass
class FeedSpec:
    slug: str
    title: str
    items: Callable[[HttpRequest], Iterable[FeedEntry]]
    description: str = ""
    link: str = "/"  # the HTML page the feed mirrors


def registered_feeds() -> list[FeedSpec]:
    """Every feed registered through the ``portal_feeds`` hook, in hook order."""
    specs: list[FeedSpec] = []
    for hook in hooks.get_hooks("portal_feeds"):
        spec = hook()
        if spec is not None:
            specs.append(spec)
    return specs


def feed_get(slug: str) -> FeedSpec | None:
    return next((spec for spec in registered_feeds() if spec.slug == slug), None)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def feed_title(request: HttpRequest, spec: FeedSpec) -> str:
    """ "<feed> – <site>": the school's name, or the operator's on its portal."""
    school = getattr(request, "tenant", None)
    if school is not None and school.schema_name == settings.PUBLIC_SCHEMA_NAME:
        site_name = settings.PORTAL_OPERATOR_NAME
    else:
        site_name = getattr(school, "name", "") or ""
    return nfc(f"{spec.title} – {site_name}" if site_name else spec.title)


def render_feed(request: HttpRequest, spec: FeedSpec, fmt: str = "rss") -> HttpResponse:
    """The feed as RSS 2.0 or Atom 1.0, UTF-8, with absolute links on the request's host."""
    generator_class, content_type = FORMATS[fmt]
    self_url = request.build_absolute_uri()
    feed = generator_class(
        title=feed_title(request, spec),
        link=request.build_absolute_uri(spec.link),
        description=str(spec.description or spec.title),
        language="vi",
        feed_url=self_url,
        feed_guid=self_url,
    )
    entries = list(spec.items(request))[:MAX_ENTRIES]
    for entry in entries:
        link = request.build_absolute_uri(entry.link)
        enclosures = [
            feedgenerator.Enclosure(
                request.build_absolute_uri(e.url), str(e.length or 0), e.mime_type
            )
            for e in entry.enclosures
        ]
        if fmt == "rss":  # RSS 2.0 allows one enclosure per item
            enclosures = enclosures[:1]
        feed.add_item(
            title=nfc(entry.title),
            link=link,
            description=nfc(entry.description),
            unique_id=entry.unique_id or link,
            unique_id_is_permalink=not entry.unique_id,
            pubdate=_aware(entry.published_at),
            updateddate=_aware(entry.updated_at or entry.published_at),
            author_name=nfc(entry.author_name) or None,
            categories=[nfc(c) for c in entry.categories] or None,
            enclosures=enclosures or None,
        )
    response = HttpResponse(content_type=content_type)
    feed.write(response, "utf-8")
    return response
