"""Reads of the calendar: month grid, week view, coming events, feed items.

Each view costs a fixed number of queries whatever the number of events: the events of the
shown range are fetched once and placed on days in Python.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import re

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import EventCategory, EventIndexPage, EventPage

UPCOMING_COUNT = 10
HOME_UPCOMING_COUNT = 5
# Routine items of the weekly work schedule (staff meetings…) stay off the home page.
HOME_EXCLUDED_CATEGORIES = (EventCategory.WORK_SCHEDULE,)
# The feed covers events from this many days back, and everything ahead (bounded).
FEED_PAST_DAYS = 60
FEED_MAX_EVENTS = 500

WEEKDAY_NAMES = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
)
WEEKDAY_SHORT = (_("T2"), _("T3"), _("T4"), _("T5"), _("T6"), _("T7"), _("CN"))

_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
MIN_YEAR, MAX_YEAR = 2000, 2100


def today() -> datetime.date:
    return timezone.localdate()


def parse_month(value: str | None) -> tuple[int, int] | None:
    """``"2026-11"`` → ``(2026, 11)``; anything else (or out of 2000–2100) → ``None``."""
    match = _MONTH_RE.match((value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    return year, month


def parse_week(value: str | None) -> datetime.date | None:
    """``"2026-W47"`` (ISO 8601 week) → the Monday of that week; invalid → ``None``."""
    match = _WEEK_RE.match((value or "").strip())
    if not match:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:  # week 0, or week 53 of a 52-week year
        return None


def month_param(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def week_param(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def event_queryset(index: EventIndexPage | None = None) -> QuerySet[EventPage]:
    qs = EventPage.objects.live().public()
    if index is not None:
        qs = qs.child_of(index)
    return qs.order_by("start", "pk")


def events_between(
    first: datetime.date, last: datetime.date, *, index: EventIndexPage | None = None
) -> list[EventPage]:
    """Live events that cover at least one day from ``first`` to ``last`` (inclusive)."""
    range_start, range_end = _day_start(first), _day_start(last + datetime.timedelta(days=1))
    return list(
        event_queryset(index).filter(
            Q(start__lt=range_end)
            & (Q(end__gte=range_start) | Q(end__isnull=True, start__gte=range_start))
        )
    )


def _by_day(
    events: list[EventPage], first: datetime.date, last: datetime.date
) -> dict[datetime.date, list[EventPage]]:
    days: dict[datetime.date, list[EventPage]] = {}
    for event in events:
        day = max(event.first_day, first)
        while day <= min(event.last_day, last):
            days.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return days


@dataclasses.dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    events: list[EventPage]

    @property
    def weekday_name(self) -> str:
        return str(WEEKDAY_NAMES[self.date.weekday()])


def month_grid(
    year: int, month: int, *, index: EventIndexPage | None = None, now: datetime.date | None = None
) -> list[list[CalendarDay]]:
    """Weeks (Monday first) covering the month; each day with its events. One query."""
    now = now or today()
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    days = _by_day(events_between(first, last, index=index), first, last)
    return [
        [
            CalendarDay(
                date=day,
                in_month=day.month == month,
                is_today=day == now,
                events=days.get(day, []),
            )
            for day in week
        ]
        for week in weeks
    ]


def week_days(
    monday: datetime.date, *, index: EventIndexPage | None = None, now: datetime.date | None = None
) -> list[CalendarDay]:
    """The seven days of the week starting ``monday`` with their events. One query."""
    now = now or today()
    sunday = monday + datetime.timedelta(days=6)
    days = _by_day(events_between(monday, sunday, index=index), monday, sunday)
    return [
        CalendarDay(date=day, in_month=True, is_today=day == now, events=days.get(day, []))
        for day in (monday + datetime.timedelta(days=n) for n in range(7))
    ]


def upcoming_events(
    *,
    limit: int = UPCOMING_COUNT,
    index: EventIndexPage | None = None,
    exclude_categories: tuple[str, ...] = (),
) -> list[EventPage]:
    """Events not yet over, soonest first (all-day events count until their day ends)."""
    now = timezone.now()
    start_of_today = _day_start(today())
    qs = event_queryset(index)
    if exclude_categories:
        qs = qs.exclude(category__in=exclude_categories)
    return list(
        qs.filter(
            Q(end__gte=now)
            | Q(end__isnull=True, all_day=False, start__gte=now)
            | Q(all_day=True, end__isnull=True, start__gte=start_of_today)
            | Q(all_day=True, end__gte=start_of_today)
        )[:limit]
    )


def feed_events(index: EventIndexPage) -> list[EventPage]:
    """What the iCal feed carries: the last two months and everything ahead."""
    since = _day_start(today() - datetime.timedelta(days=FEED_PAST_DAYS))
    return list(
        event_queryset(index)
        .filter(Q(start__gte=since) | Q(end__gte=since))
        .order_by("start", "pk")[:FEED_MAX_EVENTS]
    )


def calendar_context(index: EventIndexPage, *, month: str | None, week: str | None) -> dict:
    """Context of the calendar page: the week view when ``?tuan=`` is given, else a month.

    A value that does not parse shows the current month (or week) with a note; it never
    raises.
    """
    now = today()
    context: dict = {
        "weekday_names": WEEKDAY_NAMES,
        "weekday_short": WEEKDAY_SHORT,
        "upcoming": upcoming_events(index=index),
        "invalid_note": "",
        "today": now,
    }
    if week is not None:
        monday = parse_week(week)
        if monday is None:
            monday = now - datetime.timedelta(days=now.weekday())
            context["invalid_note"] = _(
                "Tuần “%(value)s” không hợp lệ (ví dụ đúng: %(example)s). Đang hiển thị tuần này."
            ) % {"value": week[:20], "example": week_param(now)}
        context.update(
            view="week",
            week_days=week_days(monday, index=index, now=now),
            week_start=monday,
            week_end=monday + datetime.timedelta(days=6),
            week_number=monday.isocalendar()[1],
            previous_week=week_param(monday - datetime.timedelta(days=7)),
            next_week=week_param(monday + datetime.timedelta(days=7)),
            this_week=week_param(now),
            week_month=month_param(monday),
        )
        return context

    parsed = parse_month(month) if month is not None else (now.year, now.month)
    if parsed is None:
        parsed = (now.year, now.month)
        context["invalid_note"] = _(
            "Tháng “%(value)s” không hợp lệ (ví dụ đúng: %(example)s). "
            "Đang hiển thị tháng hiện tại."
        ) % {"value": month[:20], "example": month_param(now)}
    year, month_number = parsed
    first = datetime.date(year, month_number, 1)
    previous_month = (first - datetime.timedelta(days=1)).replace(day=1)
    next_month = (first + datetime.timedelta(days=31)).replace(day=1)
    weeks = month_grid(year, month_number, index=index, now=now)
    context.update(
        view="month",
        month_has_events=any(day.events for week in weeks for day in week if day.in_month),
        month_start=first,
        weeks=weeks,
        previous_month=month_param(previous_month),
        next_month=month_param(next_month),
        this_month=month_param(now),
        month_week=week_param(first if (year, month_number) != (now.year, now.month) else now),
    )
    return context


def event_detail_context(event: EventPage) -> dict:
    return {
        "event_index": event.get_parent(),
        "related_news": event.news_page if event.news_page_id and event.news_page.live else None,
    }


def events_index() -> EventIndexPage | None:
    return EventIndexPage.objects.live().first()
