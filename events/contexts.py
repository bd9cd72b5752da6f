"""Template context of the calendar and its events (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.page_context import page_context
from events.models import MONTH_PARAM, WEEK_PARAM, EventIndexPage, EventPage
from events.selectors import calendar_context, event_detail_context


@page_context(EventIndexPage)
def event_index_context(page: EventIndexPage, request: HttpRequest) -> dict:
    return calendar_context(
        page, month=request.GET.get(MONTH_PARAM), week=request.GET.get(WEEK_PARAM)
    )


@page_context(EventPage)
def event_page_context(page: EventPage, request: HttpRequest) -> dict:
    return event_detail_context(page)
