"""Writes of the news app: the section and its default categories (R1.4, R3.1)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page

from news.models import NEWS_INDEX_SLUG, NewsCategory, NewsIndexPage
from siteplatform.provisioning import ROLE_EDITOR, ROLE_HEAD

# (name, slug) of the categories every school starts with; the board may add more.
DEFAULT_CATEGORIES = [
    ("Tin tức", "tin-tuc"),
    ("Thông báo", "thong-bao"),
    ("Sự kiện", "su-kien"),
    ("Hoạt động chuyên môn", "hoat-dong-chuyen-mon"),
    ("Đoàn – Đội", "doan-doi"),
]


def news_categories_ensure() -> list[NewsCategory]:
    """Create the default categories that are missing (matched by slug); keep renamed ones."""
    categories = []
    for position, (name, slug) in enumerate(DEFAULT_CATEGORIES, start=1):
        category, _created = NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": position * 10}
        )
        categories.append(category)
    return categories


# Who may manage categories (snippet permissions), by editorial role (R10.1).
CATEGORY_PERMISSIONS = {
    ROLE_HEAD: ("add_newscategory", "change_newscategory", "delete_newscategory"),
    ROLE_EDITOR: ("add_newscategory", "change_newscategory"),
}


def news_permissions_ensure() -> None:
    """Give the editorial roles their rights on news categories (idempotent)."""
    from siteplatform.provisioning import permissions_grant

    permissions_grant("news", {role: list(codes) for role, codes in CATEGORY_PERMISSIONS.items()})


def news_index_ensure(home: Page) -> NewsIndexPage:
    """The ``/tin-tuc/`` section under the school's home page, created once and published."""
    from siteplatform.provisioning import section_ensure

    return section_ensure(
        home,
        NewsIndexPage,
        title=_("Tin tức – Sự kiện"),
        slug=NEWS_INDEX_SLUG,
        show_in_menus=True,
        intro=_("Tin hoạt động, sự kiện và thông báo của nhà trường."),
    )
