"""Reads for the news section and the home page panels, each a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from core.pagination import paginate
from news.models import NOTICE_CATEGORY_SLUG, NewsCategory, NewsIndexPage, NewsPage

PER_PAGE = 12
FEATURED_COUNT = 3


def news_queryset(parent: Page | None = None) -> QuerySet[NewsPage]:
    """Live public articles, newest first, with what a card needs loaded up front.

    ``image__renditions`` is prefetched so that responsive images of a whole listing cost
    one query, and categories another, whatever the number of articles.
    """
    qs = NewsPage.objects.live().public()
    if parent is not None:
        qs = qs.child_of(parent)
    return (
        qs.select_related("image")
        .prefetch_related(
            "image__renditions",
            Prefetch("categories", queryset=NewsCategory.objects.order_by("sort_order")),
        )
        .order_by("-date", "-first_published_at", "-pk")
    )


def news_index_listing(index: NewsIndexPage, *, category_slug: str, page_number: str) -> dict:
    """Context of the news index: categories, the featured block and one page of articles.

    The featured block shows on the first page without a category filter; articles in it
    are not repeated in the list below.
    """
    categories = list(NewsCategory.objects.all())
    category = next((c for c in categories if c.slug == category_slug), None)
    articles = news_queryset(index)
    featured: list[NewsPage] = []
    if category is not None:
        articles = articles.filter(categories=category)
    elif str(page_number) in ("", "1"):
        featured = list(articles.filter(featured=True)[:FEATURED_COUNT])
    if featured:
        articles = articles.exclude(pk__in=[a.pk for a in featured])
    return {
        "categories": categories,
        "selected_category": category,
        "unknown_category": bool(category_slug) and category is None,
        "featured_articles": featured,
        "articles": paginate(articles, page_number, PER_PAGE),
    }


def latest_news(*, limit: int = 6) -> list[NewsPage]:
    """The home page's "Tin mới": featured articles first, then the newest."""
    return list(news_queryset().order_by("-featured", "-date", "-first_published_at")[:limit])


def latest_notices(*, limit: int = 5) -> list[NewsPage]:
    """The home page's "Thông báo": the newest articles in the notices category."""
    return list(news_queryset().filter(categories__slug=NOTICE_CATEGORY_SLUG)[:limit])


def news_index() -> NewsIndexPage | None:
    return NewsIndexPage.objects.live().first()
