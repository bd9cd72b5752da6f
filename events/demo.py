"""Demo calendar of the four demo schools: this month and next, relative to today.

The weekly work schedule ("lịch công tác tuần") of this week and the next, the term's
tests and parents' meeting, the observances of the school year that fall in the window
(20/11, 22/12, 1/1…), a reading festival — adapted to the school's level. The texts and
the days are in ``events/demo_data/events.yaml``; the dates are worked out here.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.slugs import slug_from_title
from events.models import EventAudience, EventCategory, EventIndexPage, EventPage
from schools.demo_loader import demo_data, demo_words

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class DemoEvent:
    day: datetime.date
    title: str
    category: str
    audience: str
    start: str = ""  # "HH:MM"; empty for an all-day event
    end: str = ""
    last_day: datetime.date | None = None
    location: str = ""
    text: str = ""


@dataclasses.dataclass(frozen=True)
class MonthDay:
    month: int
    day: int


@dataclasses.dataclass(frozen=True)
class Item:
    """One event of the data file; its day is given by the section it is in."""

    category: EventCategory
    audience: EventAudience
    title: str = ""
    start: str = ""
    end: str = ""
    location: str = ""
    text: str = ""


@dataclasses.dataclass(frozen=True)
class WeeklyItem(Item):
    weekday: int = 0


@dataclasses.dataclass(frozen=True)
class Observance(Item):
    month: int = 1
    day: int = 1
    until: MonthDay | None = None


@dataclasses.dataclass(frozen=True)
class TermItem(Item):
    day: int = 0
    until: int | None = None


@dataclasses.dataclass(frozen=True)
class DemoCalendar:
    weekly: list[WeeklyItem]
    observances: list[Observance]
    parent_meetings: dict[str, str]
    parent_meeting: TermItem
    term: list[TermItem]
    term_by_level: list[TermItem]


def _slug(title: str, day: datetime.date) -> str:
    base = slug_from_title(title, max_length=60)
    return f"{base}-{day:%Y%m%d}"


def _calendar(level: str, **context) -> DemoCalendar:
    context = {**demo_words(level), **context}
    return demo_data("events", "events", DemoCalendar, level=level, context=context)


def _event(item: Item, day: datetime.date, **changes) -> DemoEvent:
    fields = {
        "day": day,
        "title": item.title,
        "category": item.category,
        "audience": item.audience,
        "start": item.start,
        "end": item.end,
        "location": item.location,
        "text": item.text,
    }
    return DemoEvent(**(fields | changes))


def demo_events(level: str, today: datetime.date) -> list[DemoEvent]:
    """Every demo event of a school from the 1st of this month to the end of next month."""
    first = today.replace(day=1)
    last = (first + datetime.timedelta(days=62)).replace(day=1) - datetime.timedelta(days=1)
    monday = today - datetime.timedelta(days=today.weekday())
    month = (monday + datetime.timedelta(days=7)).month
    term = "I" if month >= 8 or month == 1 else "II"
    calendar = _calendar(
        level, term=term, year=first.year, next_year=first.year + 1, anniversary=first.year - 1982
    )
    events = [
        _event(item, week + datetime.timedelta(days=item.weekday))
        for week in (monday, monday + datetime.timedelta(days=7))
        for item in calendar.weekly
    ]
    for year in range(first.year, last.year + 1):
        for item in _calendar(
            level, term=term, year=year, next_year=year + 1, anniversary=year - 1982
        ).observances:
            until = item.until
            events.append(
                _event(
                    item,
                    datetime.date(year, item.month, item.day),
                    last_day=datetime.date(year, until.month, until.day) if until else None,
                )
            )

    def on(days: int) -> datetime.date:
        return monday + datetime.timedelta(days=days)

    meeting = calendar.parent_meeting
    events.append(_event(meeting, on(meeting.day), title=calendar.parent_meetings[str(month)]))
    for item in calendar.term + calendar.term_by_level:
        last_day = on(item.until) if item.until is not None else None
        events.append(_event(item, on(item.day), last_day=last_day))
    return [e for e in events if first <= e.day <= last]


def _aware(day: datetime.date, hhmm: str) -> datetime.datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hours, minutes)))


@transaction.atomic
def load_demo_events(school, *, today: datetime.date | None = None) -> list[EventPage]:
    """Create the demo events missing from the current school's calendar (by slug)."""
    index = EventIndexPage.objects.first()
    if index is None:
        logger.warning("School %s has no calendar section; demo events skipped", school.slug)
        return []
    today = today or timezone.localdate()
    owner = get_user_model().objects.filter(username="bientap").first()
    existing = set(EventPage.objects.child_of(index).values_list("slug", flat=True))
    created = []
    for item in demo_events(school.level, today):
        slug = _slug(item.title, item.day)
        if slug in existing:
            continue
        all_day = not item.start
        start = _aware(item.day, item.start or "00:00")
        if all_day:
            end = _aware(item.last_day, "00:00") if item.last_day else None
        else:
            end = _aware(item.last_day or item.day, item.end) if item.end else None
        page = EventPage(
            title=item.title,
            slug=slug,
            start=start,
            end=end,
            all_day=all_day,
            category=item.category,
            audience=item.audience,
            location=item.location,
            description=f"<p>{item.text}</p>" if item.text else "",
            owner=owner,
        )
        index.add_child(instance=page)
        page.save_revision(user=owner).publish()
        existing.add(slug)
        created.append(page)
    if created:
        logger.info("Demo events: %d in %s", len(created), school.slug)
    return created
