"""Writes of the events app: the calendar section of a school (R1.4, R3.1)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from events.models import EVENTS_INDEX_SLUG, EventIndexPage


def events_index_ensure(home: Page) -> EventIndexPage:
    """The ``/lich-cong-tac/`` section under the school's home page, created once, published."""
    existing = EventIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    index = EventIndexPage(
        title=_("Lịch công tác"),
        slug=EVENTS_INDEX_SLUG,
        show_in_menus=True,
        intro=_(
            "Lịch công tác tuần, sự kiện, họp phụ huynh và lịch kiểm tra của nhà trường. "
            "Quý phụ huynh có thể thêm lịch vào điện thoại để luôn cập nhật."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    _place_after_news(home, index)
    return index


def _place_after_news(home: Page, index: EventIndexPage) -> None:
    """Put the new section right after "Tin tức" in the menu, as on a newly created school.

    A school created before this app existed gets the section appended after its last
    section; the menu follows the page tree's order.
    """
    from news.models import NewsIndexPage

    news = NewsIndexPage.objects.child_of(home).first()
    if news is None:
        return
    next_sibling = news.get_next_sibling()
    if next_sibling is not None and next_sibling.pk != index.pk:
        index.move(news, pos="right")
