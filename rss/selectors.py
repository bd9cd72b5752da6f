"""Reads of shared feed items for the current school (R8.1).

The tables are in the public schema; a school's request reaches them through its search
path (``<school>, public``). What differs per school is only the list of hidden sources,
so a school's read is one indexed query on the shared table, whatever the number of schools.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from rss.models import FeedItem, FeedSource, SchoolNewsDigest


def feed_sources_visible(*, hidden_source_ids: Iterable[int] = ()) -> QuerySet[FeedSource]:
    return FeedSource.objects.filter(is_active=True).exclude(pk__in=list(hidden_source_ids))


def feed_items_visible(
    *, hidden_source_ids: Iterable[int] = (), source_id: int | None = None
) -> QuerySet[FeedItem]:
    """Items of active sources the school does not hide, newest first, source joined."""
    items = (
        FeedItem.objects.filter(source__is_active=True)
        .exclude(source_id__in=list(hidden_source_ids))
        .select_related("source")
        .only(
            "id",
            "title",
            "link",
            "summary_html",
            "summary_text",
            "published_at",
            "sort_at",
            "source__id",
            "source__name",
        )
        .order_by("-sort_at", "-id")
    )
    if source_id is not None:
        items = items.filter(source_id=source_id)
    return items


def feed_items_latest(*, hidden_source_ids: Iterable[int] = (), limit: int = 8) -> list[FeedItem]:
    return list(feed_items_visible(hidden_source_ids=hidden_source_ids)[:limit])


# --- The operator portal's stream of every school's news (R1.5) ------------------------


def school_news_stream(*, level: str = "", district: str = "") -> QuerySet[SchoolNewsDigest]:
    """Articles of active schools from the shared digest, newest first, school joined.

    One query on one table in the public schema whatever the number of schools; ``level``
    and ``district`` are the directory's filters (``?cap=``, ``?quan=``).
    """
    from django.conf import settings

    from schools.models import SchoolStatus

    stream = (
        SchoolNewsDigest.objects.filter(school__status=SchoolStatus.ACTIVE)
        .exclude(school__is_template=True)
        .exclude(school__schema_name=settings.PUBLIC_SCHEMA_NAME)
        .select_related("school")
        .order_by("-published_at", "-id")
    )
    if level:
        stream = stream.filter(school__level=level)
    if district:
        stream = stream.filter(school__district=district)
    return stream


def school_news_latest(*, level: str = "", district: str = "", limit: int = 12) -> list:
    return list(school_news_stream(level=level, district=district)[:limit])
