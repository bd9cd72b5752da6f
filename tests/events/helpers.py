"""Small builders for calendar tests (run them inside ``in_school(...)``)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from events.models import EventCategory, EventIndexPage, EventPage


def at(day: datetime.date, hour: int = 0, minute: int = 0) -> datetime.datetime:
    """An aware datetime in Viet Nam's time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def add_event(
    title: str,
    start: datetime.datetime,
    end: datetime.datetime | None = None,
    *,
    all_day: bool = False,
    category: str = EventCategory.EVENT,
    publish: bool = False,
    **fields,
) -> EventPage:
    """An event under the school's calendar; ``publish`` goes through a revision (slower)."""
    index = EventIndexPage.objects.get()
    page = EventPage(
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        category=category,
        live=not publish,
        **fields,
    )
    if not publish:
        page.first_published_at = page.last_published_at = timezone.now()
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page = EventPage.objects.get(pk=page.pk)
    return page
