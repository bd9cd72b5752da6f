"""Category names show on every article and listing: a change re-renders the school's pages."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from siteplatform.cache import page_cache_invalidate


def _invalidate(sender, **kwargs) -> None:
    page_cache_invalidate()


def register_signal_handlers() -> None:
    from news.models import NewsCategory

    post_save.connect(_invalidate, sender=NewsCategory, dispatch_uid="news_category_saved")
    post_delete.connect(_invalidate, sender=NewsCategory, dispatch_uid="news_category_deleted")
