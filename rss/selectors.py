"""Reads of shared feed items for the current school (R8.1).

The tables are in the public schema; a school's request reaches them through its search
path (``<school>, public``). What differs per school is only the list of hidden sources,
so a school's read is one indexed query on the shared table, whatever the number of schools.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from rss.models import FeedItem, FeedSource


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
