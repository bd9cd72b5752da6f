"""Reads of the công khai section; each runs a fixed number of queries (no N+1)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Prefetch
from django.db.models.functions import Substr
from wagtail.models import Page

from core.schoolyears import recent_school_years
from disclosure.kinds import (
    CATEGORY_ORDER,
    Category,
    Kind,
    category_letter,
    category_of_kind,
    kinds_for_level,
)
from disclosure.models import (
    DisclosureAttachment,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureYearPage,
)


def categories() -> list[dict]:
    return [
        {"value": value, "label": Category(value).label, "letter": category_letter(value)}
        for value in CATEGORY_ORDER
    ]


def index_page() -> DisclosureIndexPage | None:
    return DisclosureIndexPage.objects.live().first()


def _live_counts(index: Page, year_pages: list[DisclosureYearPage]) -> dict[tuple[int, str], int]:
    """Live items per (year page id, category), in one grouped query."""
    if not year_pages:
        return {}
    by_path = {page.path: page.pk for page in year_pages}
    path_length = len(year_pages[0].path)
    rows = (
        DisclosureItemPage.objects.live()
        .descendant_of(index)
        .annotate(year_path=Substr("path", 1, path_length))
        .filter(year_path__in=list(by_path))
        .order_by()  # no "path" in GROUP BY
        .values("year_path", "category")
        .annotate(count=Count("id"))
    )
    return {(by_path[row["year_path"]], row["category"]): row["count"] for row in rows}


def disclosure_grid(index: Page, *, years: int = 3) -> dict:
    """The recent school years × categories at a glance (R5.2), with counts and links.

    A year without a page, or a category without a live item, is a cell with
    ``count == 0`` that the template shows as "Chưa công bố". Two queries.
    """
    school_years = recent_school_years(years)
    pages = {
        page.school_year: page
        for page in DisclosureYearPage.objects.live()
        .child_of(index)
        .filter(school_year__in=school_years)
    }
    counts = _live_counts(index, list(pages.values()))
    rows = []
    for school_year in school_years:
        page = pages.get(school_year)
        cells = []
        for category in CATEGORY_ORDER:
            count = counts.get((page.pk, category), 0) if page else 0
            cells.append(
                {
                    "category": category,
                    "letter": category_letter(category),
                    "count": count,
                    "anchor": f"muc-{category_letter(category)}",
                }
            )
        rows.append({"school_year": school_year, "page": page, "cells": cells})
    return {"years": school_years, "rows": rows, "categories": categories()}


def disclosure_year_pages(index: Page, *, exclude: list[str] = ()) -> list[DisclosureYearPage]:
    """Older school years still online (annual reports are kept 5 years), newest first."""
    return list(
        DisclosureYearPage.objects.live()
        .child_of(index)
        .exclude(school_year__in=list(exclude))
        .order_by("-school_year")
    )


def year_items(year_page: Page):
    """Live items of a school year, attachments and their documents prefetched."""
    return (
        DisclosureItemPage.objects.live()
        .child_of(year_page)
        .order_by("-published_on", "path")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=DisclosureAttachment.objects.select_related("document"),
            )
        )
    )


def year_sections(year_page: DisclosureYearPage, *, level: str | None) -> dict:
    """Items of a year grouped by category, and the checklist of kinds for the level (R5.3)."""
    grouped: dict[str, list[DisclosureItemPage]] = defaultdict(list)
    by_kind: dict[str, DisclosureItemPage] = {}
    items = list(year_items(year_page))
    for item in items:
        grouped[item.category].append(item)
        if item.kind and item.kind not in by_kind:
            by_kind[item.kind] = item
    sections = [
        {
            **category,
            "anchor": f"muc-{category['letter']}",
            "items": grouped.get(category["value"], []),
        }
        for category in categories()
    ]
    checklist = [
        {
            "kind": kind,
            "label": Kind(kind).label,
            "letter": category_letter(category_of_kind(kind)),
            "item": by_kind.get(kind),
        }
        for kind in kinds_for_level(level)
    ]
    return {"sections": sections, "checklist": checklist, "item_count": len(items)}


def coverage(years: int = 3) -> list[dict]:
    """For each recent school year, which categories have at least one live item (R10.2).

    Runs in the current schema (the dashboard enters each school's schema). Newest first::

        [{"school_year": "2026–2027", "has_page": True,
          "covered": ["cam_ket", …], "missing": ["tai_chinh"], "complete": False}, …]
    """
    index = index_page()
    school_years = recent_school_years(years)
    if index is None:
        return [
            {
                "school_year": year,
                "has_page": False,
                "covered": [],
                "missing": list(CATEGORY_ORDER),
                "complete": False,
            }
            for year in school_years
        ]
    grid = disclosure_grid(index, years=years)
    result = []
    for row in grid["rows"]:
        covered = [cell["category"] for cell in row["cells"] if cell["count"]]
        result.append(
            {
                "school_year": row["school_year"],
                "has_page": row["page"] is not None,
                "covered": covered,
                "missing": [c for c in CATEGORY_ORDER if c not in covered],
                "complete": len(covered) == len(CATEGORY_ORDER),
            }
        )
    return result
