"""Writes of the công khai section: the section itself and school-year pages."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.schoolyears import current_school_year, normalise_school_year
from disclosure.models import DisclosureIndexPage, DisclosureYearPage
from siteplatform.provisioning import section_ensure

INDEX_SLUG = "cong-khai"


def disclosure_section_ensure(*, home: Page) -> DisclosureIndexPage:
    """The "Ba công khai" section under the home page, and the current year's page (R1.4).

    Idempotent: creates only what is missing; an editor's renamed title is left alone.
    """
    with transaction.atomic():
        index = section_ensure(
            home, DisclosureIndexPage, title=_("Ba công khai"), slug=INDEX_SLUG, show_in_menus=True
        )
        disclosure_year_ensure(index=index, school_year=current_school_year())
    return index


def disclosure_year_ensure(*, index: DisclosureIndexPage, school_year: str) -> DisclosureYearPage:
    """The page of one school year under the index, created and published when missing."""
    school_year = normalise_school_year(school_year)
    page = DisclosureYearPage.objects.child_of(index).filter(school_year=school_year).first()
    if page is None:
        page = index.add_child(
            instance=DisclosureYearPage(
                title=DisclosureYearPage.default_title(school_year), school_year=school_year
            )
        )
        page.save_revision().publish()
    return page
