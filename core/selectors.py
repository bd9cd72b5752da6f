"""Reads for the home pages."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail import hooks
from wagtail.models import Page


def home_sections(home: Page) -> QuerySet[Page]:
    """The live sections directly under a school's home page, in menu order.

    Not ``.specific()``: links need only titles and URLs, and specific pages would cost
    one query per section type.
    """
    return home.get_children().live().public().order_by("path")


FEED_SLOT_ORDER = 100


def _hooks_with_order(hook_name: str) -> list[tuple]:
    """``(fn, order)`` pairs sorted by order, as ``hooks.get_hooks`` sorts them.

    Wagtail's public ``get_hooks`` drops the order, which the home page needs to place
    panels in the main area (< 100) or the "Tin từ Sở/Phòng" slot (>= 100).
    """
    hooks.get_hooks(hook_name)  # makes sure every app's wagtail_hooks module is imported
    return sorted(hooks._hooks.get(hook_name, []), key=lambda pair: pair[1])


def home_panels(request, home: Page) -> dict[str, list[dict]]:
    """Blocks of the school home page contributed by content apps.

    Each ``portal_home_panels`` hook is ``fn(request, home) -> dict | None`` returning
    ``{"template": "<app>/includes/home_panel.html", "context": {...}}``; ``None`` hides it.
    Hook ``order`` sets the order on the page: below 100 in the main area ("main"), 100 and
    above in the "Tin từ Sở/Phòng" slot ("feed"). Each panel must run a bounded number of
    queries.
    """
    panels: dict[str, list[dict]] = {"main": [], "feed": []}
    for panel_hook, order in _hooks_with_order("portal_home_panels"):
        panel = panel_hook(request, home)
        if panel:
            panels["feed" if order >= FEED_SLOT_ORDER else "main"].append(panel)
    return panels


def school_directory(*, level: str = "", district: str = "") -> dict:
    """Active schools grouped by level for the operator portal's directory (R1.5)."""
    from schools.models import SchoolLevel, SchoolStatus
    from schools.selectors import school_list

    schools = school_list().filter(status=SchoolStatus.ACTIVE).prefetch_related("domains")
    if level:
        schools = schools.filter(level=level)
    if district:
        schools = schools.filter(district=district)
    groups: dict[str, dict] = {}
    for school in schools.order_by("level", "name"):
        group = groups.setdefault(
            school.level,
            {"label": SchoolLevel(school.level).label if school.level else "", "schools": []},
        )
        domain = next((d.domain for d in school.domains.all() if d.is_primary), None)
        group["schools"].append({"school": school, "domain": domain})
    districts = sorted(set(school_list().exclude(district="").values_list("district", flat=True)))
    return {
        "groups": [groups[key] for key in SchoolLevel.values if key in groups],
        "levels": SchoolLevel.choices,
        "districts": districts,
        "selected_level": level,
        "selected_district": district,
        "count": sum(len(g["schools"]) for g in groups.values()),
    }
