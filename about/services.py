"""Writes of the about app: required sections of a school and editors' rights on snippets.

Every function is idempotent and runs in the current schema (the template schema, a new
school, or an existing school being synced): it creates only what is missing and never
overwrites what a school's editors changed.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from wagtail.models import Page

from about.models import (
    AboutIndexPage,
    AboutPage,
    ContactPage,
    InfoPage,
    OrganisationPage,
    OrganisationUnit,
    ResourcesPage,
    UnitKind,
    YearbookPage,
)
from siteplatform import provisioning

logger = logging.getLogger(__name__)

ABOUT_SLUG = "gioi-thieu"
HISTORY_SLUG = "qua-trinh-hinh-thanh-va-phat-trien"
FUNCTIONS_SLUG = "chuc-nang-nhiem-vu-quyen-han"
ORGANISATION_SLUG = "co-cau-to-chuc"
YEARBOOK_SLUG = "nien-giam-thong-ke"
CONTACT_SLUG = "lien-he"
RESOURCES_SLUG = "hoc-lieu"
LEGAL_SLUG = "tuyen-truyen-phap-luat"
ACCREDITATION_SLUG = "kiem-dinh-chat-luong"

# Resource libraries and systems every school links to (R9.7); schools edit the list.
DEFAULT_RESOURCE_LINKS = [
    (
        "Kho học liệu số ngành Giáo dục (igiaoduc.vn)",
        "https://igiaoduc.vn",
        "Kho học liệu số, bài giảng e-learning dùng chung của Bộ Giáo dục và Đào tạo.",
    ),
    (
        "Hành trang số – Nhà xuất bản Giáo dục Việt Nam",
        "https://hanhtrangso.nxbgd.vn",
        "Sách giáo khoa điện tử và học liệu đi kèm sách giáo khoa.",
    ),
    (
        "Hệ thống tập huấn giáo viên",
        "https://taphuan.csdl.edu.vn",
        "Tài liệu và khoá tập huấn bồi dưỡng giáo viên, cán bộ quản lý.",
    ),
    (
        "Cơ sở dữ liệu ngành Giáo dục",
        "https://csdl.moet.gov.vn",
        "Hệ thống quản lý cơ sở dữ liệu trường học của Bộ Giáo dục và Đào tạo.",
    ),
]

# Units most schools have; created once when a school has none (editors add the rest).
DEFAULT_UNITS = [
    ("Ban Giám hiệu", UnitKind.LEADERSHIP, 0),
    ("Chi bộ", UnitKind.ASSOCIATION, 10),
    ("Công đoàn", UnitKind.ASSOCIATION, 11),
    ("Tổ Văn phòng", UnitKind.OFFICE, 90),
]

# Head and editors of a school manage its people and units (R10.1).
SNIPPET_PERMISSIONS = {
    provisioning.ROLE_HEAD: ("add", "change", "delete"),
    provisioning.ROLE_EDITOR: ("add", "change", "delete"),
}


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    logger.info("Created section %s (%s)", page.url_path, type(page).__name__)
    return page


def _page_by_slug_ensure(home: Page, parent: Page, model: type[Page], **fields) -> Page:
    """A page found by its slug anywhere under the home page, created under ``parent``.

    Looked up under the whole home page so that a page an editor moved is not recreated.
    """
    existing = model.objects.descendant_of(home).filter(slug=fields["slug"]).first()
    return existing or _publish_child(parent, model(**fields))


def about_section_ensure(home: Page) -> AboutIndexPage:
    """ "Giới thiệu" with history, functions, organisation and yearbook (R2.1, R2.2, R2.5)."""
    about = provisioning.section_ensure(
        home, AboutIndexPage, title=_("Giới thiệu"), slug=ABOUT_SLUG, show_in_menus=True
    )
    _page_by_slug_ensure(
        home,
        about,
        AboutPage,
        title=_("Quá trình hình thành và phát triển"),
        slug=HISTORY_SLUG,
    )
    _page_by_slug_ensure(
        home,
        about,
        AboutPage,
        title=_("Chức năng, nhiệm vụ, quyền hạn"),
        slug=FUNCTIONS_SLUG,
    )
    provisioning.section_ensure(
        about, OrganisationPage, title=_("Cơ cấu tổ chức"), slug=ORGANISATION_SLUG
    )
    provisioning.section_ensure(
        about, YearbookPage, title=_("Niên giám thống kê"), slug=YEARBOOK_SLUG
    )
    organisation_units_ensure()
    snippet_permissions_ensure()
    return about


def organisation_units_ensure() -> None:
    if OrganisationUnit.objects.exists():
        return
    for name, kind, order in DEFAULT_UNITS:
        OrganisationUnit.objects.create(name=name, kind=kind, sort_order=order)


def snippet_permissions_ensure() -> None:
    provisioning.model_permissions_grant(
        "about", ["staffmember", "organisationunit"], SNIPPET_PERMISSIONS
    )


def resources_section_ensure(home: Page) -> ResourcesPage:
    """ "Học liệu số" with the default links to systems and libraries (R9.7)."""
    links = [
        ("link", {"title": title, "url": url, "description": description})
        for title, url, description in DEFAULT_RESOURCE_LINKS
    ]
    return provisioning.section_ensure(
        home,
        ResourcesPage,
        title=_("Học liệu số"),
        slug=RESOURCES_SLUG,
        show_in_menus=True,
        links=links,
    )


def legal_page_ensure(home: Page) -> InfoPage:
    """ "Tuyên truyền pháp luật" (R9.8), directly under the home page.

    The R9.8 pages are sections the Phòng audits on their own (R10.2) and that the letters
    name as separate items, not part of the school's self-presentation, so each gets a short
    top-level address. They stay out of the main menu (already long on a phone) and show in
    the home page's list of sections; editors may switch "show in menus" on.
    """
    return _page_by_slug_ensure(
        home,
        home,
        InfoPage,
        title=_("Tuyên truyền pháp luật"),
        slug=LEGAL_SLUG,
        show_in_menus=False,
    )


def accreditation_page_ensure(home: Page) -> InfoPage:
    """ "Kiểm định chất lượng và phổ cập giáo dục" (R9.8); see ``legal_page_ensure``."""
    return _page_by_slug_ensure(
        home,
        home,
        InfoPage,
        title=_("Kiểm định chất lượng và phổ cập giáo dục"),
        slug=ACCREDITATION_SLUG,
        show_in_menus=False,
    )


def contact_section_ensure(home: Page) -> ContactPage:
    """ "Liên hệ" (R2.4); its details come from the school profile setting."""
    return provisioning.section_ensure(
        home, ContactPage, title=_("Liên hệ"), slug=CONTACT_SLUG, show_in_menus=True
    )
