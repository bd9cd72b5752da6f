"""Small helpers to build công khai trees in a school's schema."""

from __future__ import annotations

import datetime

from disclosure.models import DisclosureIndexPage, DisclosureItemPage, DisclosureYearPage
from disclosure.services import disclosure_year_ensure


def index_page() -> DisclosureIndexPage:
    return DisclosureIndexPage.objects.get()


def year_page(school_year: str) -> DisclosureYearPage:
    return disclosure_year_ensure(index=index_page(), school_year=school_year)


def add_item(
    year: DisclosureYearPage,
    *,
    title: str,
    category: str,
    kind: str = "",
    live: bool = True,
    published_on: datetime.date | None = None,
) -> DisclosureItemPage:
    item = DisclosureItemPage(
        title=title,
        category=category,
        kind=kind,
        live=live,
        published_on=published_on or datetime.date(2026, 9, 5),
    )
    return year.add_child(instance=item)
