"""Writes: the "Thủ tục – Biểu mẫu" section and the admission page of a school."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from admin_procedures.models import AdmissionPage, ProcedureIndexPage
from core.schoolyears import current_school_year, format_school_year, parse_school_year
from siteplatform.provisioning import section_ensure

INDEX_SLUG = "thu-tuc-bieu-mau"
ADMISSION_SLUG = "tuyen-sinh"


def coming_admission_year() -> str:
    """The school year the next admission is for: the one after the current year.

    The current year turns over in August, and admission for a year runs in the summer
    before it, so the coming admission is always for the following school year.
    """
    return format_school_year(parse_school_year(current_school_year()) + 1)


def procedure_section_ensure(*, home: Page) -> ProcedureIndexPage:
    """Create "Thủ tục – Biểu mẫu" under the home page when missing (R6.1, R1.4)."""
    return section_ensure(
        home, ProcedureIndexPage, title=_("Thủ tục – Biểu mẫu"), slug=INDEX_SLUG, show_in_menus=True
    )


def admission_page_ensure(*, home: Page) -> AdmissionPage:
    """Create "Tuyển sinh" under the home page when missing (R6.2, R9.8)."""
    return section_ensure(
        home,
        AdmissionPage,
        title=_("Tuyển sinh"),
        slug=ADMISSION_SLUG,
        show_in_menus=True,
        school_year=coming_admission_year(),
    )
