"""Pagination of public listings: one helper, the page parameter ``trang`` everywhere.

Listing pages paginate in ``get_context()`` (or their selector) and render
``{% include "includes/pagination.html" with items=page_obj %}``.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_PARAMETER = "trang"


def paginate(items: QuerySet | Sequence, page_number: str | int | None, per_page: int) -> Page:
    """A page of ``items``; a bad or out-of-range number gives the nearest valid page."""
    return Paginator(items, per_page).get_page(page_number)


def paginate_request(request: HttpRequest, items: QuerySet | Sequence, per_page: int) -> Page:
    """The page of ``items`` that the request's ``?trang=`` asks for."""
    return paginate(items, request.GET.get(PAGE_PARAMETER), per_page)
