"""Invalidate the page cache of a school when what its public pages show changes."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from siteplatform.cache import page_cache_invalidate


def _invalidate(sender, **kwargs) -> None:
    page_cache_invalidate()


def _invalidate_on_settings_change(sender, created: bool = False, **kwargs) -> None:
    # Settings rows are created with their defaults on first read, in the middle of
    # rendering a page: that changes nothing on the pages.
    if not created:
        page_cache_invalidate()


def _invalidate_on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        page_cache_invalidate()


def _invalidate_operator_portal(sender, **kwargs) -> None:
    # The operator's portal lists schools (R1.5): a new, renamed or suspended school
    # changes it.
    page_cache_invalidate(settings.PUBLIC_SCHEMA_NAME)


def register_signal_handlers() -> None:
    from core.models import SchoolProfile, ThemeSettings

    school_model = apps.get_model(settings.TENANT_MODEL)
    post_save.connect(
        _invalidate_operator_portal, sender=school_model, dispatch_uid="core_pc_school"
    )
    post_delete.connect(
        _invalidate_operator_portal, sender=school_model, dispatch_uid="core_pc_school_del"
    )

    page_published.connect(_invalidate, dispatch_uid="core_pagecache_published")
    page_unpublished.connect(_invalidate, dispatch_uid="core_pagecache_unpublished")
    post_page_move.connect(_invalidate, dispatch_uid="core_pagecache_moved")
    page_slug_changed.connect(_invalidate, dispatch_uid="core_pagecache_slug")
    post_delete.connect(_invalidate_on_page_delete, dispatch_uid="core_pagecache_deleted")
    post_save.connect(_invalidate, sender=Site, dispatch_uid="core_pagecache_site")
    for model in (SchoolProfile, ThemeSettings):
        post_save.connect(
            _invalidate_on_settings_change,
            sender=model,
            dispatch_uid=f"core_pagecache_{model.__name__}",
        )
    for model in (SchoolProfile, ThemeSettings, Site):
        post_delete.connect(
            _invalidate, sender=model, dispatch_uid=f"core_pagecache_del_{model.__name__}"
        )
