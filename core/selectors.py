"""Reads for the home pages."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail import hooks
from wagtail.models import Page


def home_sections(home: Page) -> QuerySet[Page]:
    """The live sections directly under a school's home page, in menu order."""
    return home.get_children().live().public().specific().order_by("path")


def home_panels(request, home: Page) -> list[dict]:
    """Blocks of the school home page contributed by content apps.

    Each ``portal_home_panels`` hook is ``fn(request, home) -> dict | None`` returning
    ``{"template": "<app>/includes/home_panel.html", "context": {...}}``; ``None`` hides it.
    Hook ``order`` sets the order on the page. Each panel must run a bounded number of queries.
    """
    panels = []
    for panel_hook in hooks.get_hooks("portal_home_panels"):
        panel = panel_hook(request, home)
        if panel:
            panels.append(panel)
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
