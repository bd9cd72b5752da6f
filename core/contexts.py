"""Template context of the home pages (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.models import PortalHomePage, SchoolHomePage
from core.page_context import page_context
from core.selectors import home_panels, home_sections, school_directory
from core.seo import organization_data
from core.themes import quick_links


@page_context(SchoolHomePage)
def school_home_context(page: SchoolHomePage, request: HttpRequest) -> dict:
    sections = home_sections(page)
    panels = home_panels(request, page)
    return {
        "sections": sections,
        "quick_links": quick_links(sections),
        "panels": panels["main"],
        "feed_panels": panels["feed"],
        "structured_data": organization_data(request, page),
    }


@page_context(PortalHomePage)
def portal_home_context(page: PortalHomePage, request: HttpRequest) -> dict:
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and match.url_name == "directory":
        return {}  # the directory route brings its own (core.views.portal_directory)
    directory = school_directory(
        level=request.GET.get("cap", ""), district=request.GET.get("quan", "")
    )
    return {"directory": directory}
