"""Writes of the operator portal's digest of every school's news (R1.5, R8.2).

``SchoolNewsDigest`` lives in the public schema only. These functions run in a school's
schema (a publish in its admin, the demo loader, the rebuild command): the school's search
path is ``<school>, public`` and the table exists only in ``public``, so the school's news is
read from its own tables and the rows are written to the shared one, in the same transaction
as the publish. A failure to write the digest is logged and never blocks publishing.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Prefetch

from rss.models import SchoolNewsDigest
from rss.outgoing import article_published_at, tag_uri
from siteplatform.text import nfc

logger = logging.getLogger(__name__)

IMAGE_SPEC = "fill-480x270"


def current_school():
    """The school whose schema is active, or ``None`` on the portal or the template."""
    from schools.models import School

    tenant = getattr(connection, "tenant", None)
    if not (isinstance(tenant, School) and tenant.pk):
        tenant = School.objects.filter(schema_name=connection.schema_name).first()
    if tenant is None or tenant.is_template or tenant.is_operator:
        return None
    return tenant


def _articles():
    from news.models import NewsCategory, NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .defer("body")
        .select_related("image")
        .prefetch_related(
            "image__renditions",
            Prefetch("categories", queryset=NewsCategory.objects.order_by("sort_order")),
        )
    )


def _absolute(base_url: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else base_url + url


def _image_url(article, base_url: str) -> str:
    if article.image is None:
        return ""
    try:
        return _absolute(base_url, article.image.get_rendition(IMAGE_SPEC).url)
    except (OSError, ValueError) as error:  # a missing or broken file: no picture
        logger.warning("No digest picture for page %s: %s", article.pk, error)
        return ""


def _row(article, *, school, base_url: str) -> SchoolNewsDigest:
    category = next(iter(article.categories.all()), None)
    _site_id, _root, path = article.get_url_parts()
    return SchoolNewsDigest(
        school=school,
        page_id=article.pk,
        title=nfc(article.title)[:255],
        summary=nfc(article.intro)[:500],
        url=base_url + path,
        image_url=_image_url(article, base_url),
        guid=tag_uri(base_url.split("://", 1)[-1], article),
        published_at=article_published_at(article),
        category=nfc(category.name) if category else "",
        category_slug=category.slug if category else "",
    )


def _portal_changed() -> None:
    from siteplatform.cache import page_cache_invalidate

    page_cache_invalidate(settings.PUBLIC_SCHEMA_NAME)


def school_news_digest_refresh(*, page_id: int) -> bool:
    """Copy one article of the current school to the digest if live and public, else drop it.

    Returns whether the article is in the digest afterwards.
    """
    from schools.selectors import school_base_url

    school = current_school()
    if school is None:
        return False
    article = _articles().filter(pk=page_id).first()
    try:
        with transaction.atomic():
            if article is None:
                SchoolNewsDigest.objects.filter(school=school, page_id=page_id).delete()
            else:
                row = _row(article, school=school, base_url=school_base_url(school))
                fields = {
                    f.name: getattr(row, f.name)
                    for f in SchoolNewsDigest._meta.concrete_fields
                    if f.name not in ("id", "school", "page_id", "updated_at")
                }
                SchoolNewsDigest.objects.update_or_create(
                    school=school, page_id=page_id, defaults=fields
                )
    except DatabaseError:
        logger.exception("School news digest not updated for page %s of %s", page_id, school)
        return False
    _portal_changed()
    return article is not None


def school_news_digest_remove(*, page_id: int) -> None:
    """Drop an article of the current school from the digest (unpublished or deleted)."""
    school = current_school()
    if school is None:
        return
    try:
        with transaction.atomic():
            deleted, _ = SchoolNewsDigest.objects.filter(school=school, page_id=page_id).delete()
    except DatabaseError:
        logger.exception("School news digest not updated for page %s of %s", page_id, school)
        return
    if deleted:
        _portal_changed()


@transaction.atomic
def school_news_digest_rebuild(*, dry_run: bool = False) -> int:
    """Replace the current school's digest rows with its live public articles.

    Run inside the school's schema (the command and the demo loader do). Returns the number
    of articles.
    """
    from schools.selectors import school_base_url

    school = current_school()
    if school is None:
        return 0
    if dry_run:
        return _articles().count()
    base_url = school_base_url(school)
    rows = [_row(article, school=school, base_url=base_url) for article in _articles()]
    SchoolNewsDigest.objects.filter(school=school).delete()
    SchoolNewsDigest.objects.bulk_create(rows)
    _portal_changed()
    return len(rows)
