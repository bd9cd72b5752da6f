"""Template context of a school's "Tin từ Sở/Phòng" page (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.page_context import page_context
from core.pagination import paginate_request
from rss.school.models import ITEMS_PER_PAGE, FeedItemsPage, hidden_source_ids_for_request
from rss.selectors import feed_items_visible, feed_sources_visible


@page_context(FeedItemsPage)
def feed_items_context(page: FeedItemsPage, request: HttpRequest) -> dict:
    hidden = hidden_source_ids_for_request(request)
    sources = list(feed_sources_visible(hidden_source_ids=hidden).only("id", "name"))
    selected = None
    raw = request.GET.get("nguon", "")
    if raw.isdigit():
        selected = next((s for s in sources if s.pk == int(raw)), None)
    items = feed_items_visible(
        hidden_source_ids=hidden, source_id=selected.pk if selected else None
    )
    page_obj = paginate_request(request, items, ITEMS_PER_PAGE)
    return {
        "feed_items": page_obj,
        "feed_sources": sources,
        "selected_source": selected,
        "paginator": page_obj.paginator,
    }
