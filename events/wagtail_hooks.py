"""Portal hooks of the calendar: section, demo content and the home page panel."""

from __future__ import annotations

from wagtail import hooks


@hooks.register("portal_ensure_school_sections", order=22)
def ensure_events_section(home) -> None:
    from events.services import events_index_ensure

    events_index_ensure(home)


@hooks.register("portal_load_demo_content")
def load_demo_events(school) -> None:
    from events.demo import load_demo_events as load

    load(school)


@hooks.register("portal_home_panels", order=40)
def upcoming_events_panel(request, home) -> dict | None:
    """ "Sắp diễn ra": the next 5 events (an empty state when none); hidden without section.

    Items of the weekly work schedule (staff meetings, internal checks) are left out: the
    home page speaks to parents and pupils; the calendar page lists them.
    """
    from events.selectors import (
        HOME_EXCLUDED_CATEGORIES,
        HOME_UPCOMING_COUNT,
        events_index,
        upcoming_events,
    )

    index = events_index()
    if index is None:
        return None
    return {
        "template": "events/includes/home_upcoming.html",
        "context": {
            "events": upcoming_events(
                limit=HOME_UPCOMING_COUNT,
                index=index,
                exclude_categories=HOME_EXCLUDED_CATEGORIES,
            ),
            "index": index,
        },
    }
