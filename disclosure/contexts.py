"""Template context of the công khai section (registered in ``core.page_context``)."""

from __future__ import annotations

from django.http import HttpRequest

from core.page_context import page_context
from disclosure.kinds import school_level
from disclosure.models import DEADLINE_HELP, DisclosureIndexPage, DisclosureYearPage
from disclosure.selectors import disclosure_grid, disclosure_year_pages, year_sections


@page_context(DisclosureIndexPage)
def disclosure_index_context(page: DisclosureIndexPage, request: HttpRequest) -> dict:
    grid = disclosure_grid(page)
    return {
        "grid": grid,
        "older_years": disclosure_year_pages(page, exclude=grid["years"]),
        "deadline_help": DEADLINE_HELP,
    }


@page_context(DisclosureYearPage)
def disclosure_year_context(page: DisclosureYearPage, request: HttpRequest) -> dict:
    return {
        **year_sections(page, level=school_level(request)),
        "deadline_help": DEADLINE_HELP,
    }
