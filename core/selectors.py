"""Reads for the home pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet
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


# The portal's home lists the schools themselves up to this many (after its filters); above,
# counts per level link to the directory page, which searches and paginates (2,000 schools
# would make a 300 KiB home page).
DIRECTORY_ON_HOME_MAX = 60
DIRECTORY_PER_PAGE = 50


def _directory_schools(*, level: str, district: str) -> QuerySet:
    from schools.models import SchoolStatus
    from schools.selectors import school_list

    schools = school_list().filter(status=SchoolStatus.ACTIVE)
    if level:
        schools = schools.filter(level=level)
    if district:
        schools = schools.filter(district=district)
    return schools


def _directory_items(schools) -> list[dict]:
    return [
        {
            "school": school,
            "domain": next((d.domain for d in school.domains.all() if d.is_primary), None),
        }
        for school in schools
    ]


def _directory_filters(level: str, district: str) -> dict:
    from schools.models import SchoolLevel
    from schools.selectors import school_list

    districts = school_list().exclude(district="").values_list("district", flat=True).distinct()
    return {
        "levels": SchoolLevel.choices,
        "districts": sorted(districts),
        "selected_level": level,
        "selected_district": district,
    }


def school_directory(*, level: str = "", district: str = "") -> dict:
    """Active schools for the operator portal's home (R1.5): grouped by level when there are
    at most ``DIRECTORY_ON_HOME_MAX``, otherwise only the count of each level."""
    from schools.models import SchoolLevel

    schools = _directory_schools(level=level, district=district)
    counts = dict(schools.order_by().values_list("level").annotate(n=Count("pk")))
    count = sum(counts.values())
    listed = count <= DIRECTORY_ON_HOME_MAX
    groups: dict[str, dict] = {}
    if listed:
        ordered = schools.prefetch_related("domains").order_by("level", "name")
        for item in _directory_items(ordered):
            level_key = item["school"].level
            label = SchoolLevel(level_key).label if level_key else ""
            groups.setdefault(level_key, {"label": label, "schools": []})["schools"].append(item)
    return {
        **_directory_filters(level, district),
        "groups": [groups[key] for key in SchoolLevel.values if key in groups],
        "listed": listed,
        "level_counts": [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in SchoolLevel.choices
            if counts.get(value)
        ],
        "count": count,
    }


def school_directory_search(
    *, level: str = "", district: str = "", query: str = "", page_number: str | None = None
) -> dict:
    """The directory page: schools whose name holds ``query`` (with or without diacritics,
    ``đ`` as ``d``), by level then name, ``DIRECTORY_PER_PAGE`` a page."""
    from core.pagination import paginate
    from schools.selectors import schools_matching

    query = " ".join(query.split())[:100]
    schools = _directory_schools(level=level, district=district).order_by("level", "name")
    schools = schools_matching(schools, query)
    page = paginate(schools.prefetch_related("domains"), page_number, DIRECTORY_PER_PAGE)
    page.object_list = _directory_items(page.object_list)
    return {
        **_directory_filters(level, district),
        "query": query,
        "page": page,
        "count": page.paginator.count,
    }
