"""What a school publishes in its feeds: news, notices and official documents (R8.2).

The news and documents apps register these through the ``portal_feeds`` hook (see their
``wagtail_hooks.py``); ``rss.feeds`` renders them. Each feed is the ``FEED_SIZE`` newest
items and costs a fixed number of queries whatever the number of items.

GUIDs are ``tag:`` URIs (RFC 4151) built from the school's host, the day the page was first
published and the page id, so that a changed slug or a moved page does not make readers
show an item twice.
"""

from __future__ import annotations

import datetime as dt
import mimetypes

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.text import Truncator

from rss.feeds import FeedEnclosure, FeedEntry

FEED_SIZE = 20
DOCUMENT_TITLE_CHARS = 250


def on_school_site() -> bool:
    """Schools' feeds exist on schools' sites only, not on the operator's portal."""
    return connection.schema_name != settings.PUBLIC_SCHEMA_NAME


def dated(day: dt.date | None, moment: dt.datetime | None) -> dt.datetime:
    """A timezone-aware moment for a page dated ``day`` and published at ``moment``.

    The publication moment when it falls on that day; else (a back-dated article, a document
    issued before it was put online) that day at the same local time, so that feeds and the
    portal show the date the school chose.
    """
    moment = timezone.localtime(moment or timezone.now())
    if day is None or day == moment.date():
        return moment
    return dt.datetime.combine(day, moment.timetz())


def article_published_at(page) -> dt.datetime:
    """When a news article counts as published (its "ngày đăng", R3)."""
    return dated(page.date, page.first_published_at or page.last_published_at)


def tag_uri(host: str, page) -> str:
    """A stable GUID: ``tag:<host>,<day of first publication>:trang-<id>``."""
    host = host.split(":")[0]
    first = timezone.localtime(page.first_published_at or timezone.now())
    return f"tag:{host},{first.date().isoformat()}:trang-{page.pk}"


def news_entries(request: HttpRequest, *, category_slug: str = "") -> list[FeedEntry]:
    """The newest live public articles of the current school (optionally one category)."""
    from news.models import NewsCategory, NewsPage

    articles = (
        NewsPage.objects.live()
        .public()
        .defer("body")
        .select_related("owner")
        .prefetch_related(
            Prefetch("categories", queryset=NewsCategory.objects.order_by("sort_order"))
        )
        .order_by("-date", "-first_published_at", "-pk")
    )
    if category_slug:
        articles = articles.filter(categories__slug=category_slug)
    host = request.get_host()
    return [
        FeedEntry(
            title=article.title,
            link=article.get_url(request),
            description=escape(article.intro),
            published_at=article_published_at(article),
            updated_at=article.last_published_at,
            unique_id=tag_uri(host, article),
            author_name=article.author_name,
            categories=[category.name for category in article.categories.all()],
        )
        for article in articles[:FEED_SIZE]
    ]


def notice_entries(request: HttpRequest) -> list[FeedEntry]:
    from news.models import NOTICE_CATEGORY_SLUG

    return news_entries(request, category_slug=NOTICE_CATEGORY_SLUG)


def document_title(document) -> str:
    """ "<số ký hiệu>: <trích yếu>", the way documents are cited."""
    summary = Truncator(" ".join(document.summary.split())).chars(DOCUMENT_TITLE_CHARS)
    return f"{document.number}: {summary}" if document.number else summary


def document_entries(request: HttpRequest) -> list[FeedEntry]:
    """The newest live public official documents, with their files as enclosures."""
    from documents.models import OfficialDocumentFile, OfficialDocumentPage

    files = OfficialDocumentFile.objects.select_related("document").order_by("sort_order")
    documents = (
        OfficialDocumentPage.objects.live()
        .public()
        .select_related("issuer")
        .prefetch_related(Prefetch("files", queryset=files))
        .order_by("-issue_date", "-pk")
    )[:FEED_SIZE]
    host = request.get_host()
    entries = []
    for document in documents:
        url = document.get_url(request)
        description = format_html(
            "<p>{} · {} · {}</p><p>{}</p>",
            document.get_kind_display(),
            document.issuer.name,
            document.issue_date.strftime("%d/%m/%Y"),
            document.summary,
        )
        entries.append(
            FeedEntry(
                title=document_title(document),
                link=url,
                description=description,
                published_at=dated(document.issue_date, document.first_published_at),
                updated_at=document.last_published_at,
                unique_id=tag_uri(host, document),
                author_name=document.issuer.name,
                categories=[str(document.get_kind_display())],
                enclosures=[
                    FeedEnclosure(
                        url=url + document.reverse_subpage("download", args=(f.document_id,)),
                        length=f.document.file_size or 0,
                        mime_type=mimetypes.guess_type(f.document.file.name)[0]
                        or "application/octet-stream",
                    )
                    for f in document.files.all()
                ],
            )
        )
    return entries


def schools_news_entries(request: HttpRequest) -> list[FeedEntry]:
    """The operator's ``/rss/tin-cac-truong/``: the newest articles of every school (R8.2).

    Links point at each article on its school's own domain; the GUID is the one the school's
    own feed uses.
    """
    from rss.selectors import school_news_stream

    return [
        FeedEntry(
            title=item.title,
            link=item.url,
            description=escape(item.summary),
            published_at=item.published_at,
            unique_id=item.guid,
            author_name=item.school.name,
            categories=[c for c in (item.school.name, item.category) if c],
        )
        for item in school_news_stream(
            level=request.GET.get("cap", ""), district=request.GET.get("quan", "")
        )[:FEED_SIZE]
    ]
