"""Keep the operator portal's digest of schools' news in step with each school (R1.5).

Connected in ``RssConfig.ready()``. Receivers only pick the page and call ``rss.digest``.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tenants.utils import schema_context
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from rss import digest


def _published(sender, instance, **kwargs) -> None:
    digest.school_news_digest_refresh(page_id=instance.pk)


def _gone(sender, instance, **kwargs) -> None:
    digest.school_news_digest_remove(page_id=instance.pk)


def _url_changed(sender, instance, **kwargs) -> None:
    """A new slug or place changes the URLs of the page and everything below it."""
    from news.models import NewsIndexPage, NewsPage

    specific_class = getattr(instance, "specific_class", None) or type(instance)
    if issubclass(specific_class, NewsPage):
        digest.school_news_digest_refresh(page_id=instance.pk)
    elif issubclass(specific_class, NewsIndexPage):
        digest.school_news_digest_rebuild()


def _domain_saved(sender, instance, **kwargs) -> None:
    """A new primary domain changes every link of the school: rebuild after commit."""
    if not instance.is_primary:
        return
    schema_name = instance.tenant.schema_name

    def rebuild() -> None:
        with schema_context(schema_name):
            digest.school_news_digest_rebuild()

    transaction.on_commit(rebuild)


def register_signal_handlers() -> None:
    from news.models import NewsPage
    from schools.models import Domain

    page_published.connect(_published, sender=NewsPage, dispatch_uid="rss_digest_published")
    page_unpublished.connect(_gone, sender=NewsPage, dispatch_uid="rss_digest_unpublished")
    post_delete.connect(_gone, sender=NewsPage, dispatch_uid="rss_digest_deleted")
    page_slug_changed.connect(_url_changed, dispatch_uid="rss_digest_slug")
    post_page_move.connect(_url_changed, dispatch_uid="rss_digest_moved")
    post_save.connect(_domain_saved, sender=Domain, dispatch_uid="rss_digest_domain")
