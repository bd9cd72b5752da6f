"""Template context of the news section (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.page_context import page_context
from news.models import CATEGORY_PARAM, NewsIndexPage
from news.selectors import news_index_listing


@page_context(NewsIndexPage)
def news_index_context(page: NewsIndexPage, request: HttpRequest) -> dict:
    return news_index_listing(
        page,
        category_slug=request.GET.get(CATEGORY_PARAM, ""),
        page_number=request.GET.get("trang", "1"),
    )
