"""Small builders for news tests (run them inside ``in_school(...)``)."""

from __future__ import annotations

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model

from core.demo_images import demo_picture_bytes
from news.models import NewsCategory, NewsIndexPage, NewsPage

_counter = itertools.count(1)


def tiny_image(title: str = "Ảnh thử"):
    """A 64x36 JPEG as a Wagtail image (fast to resize)."""
    n = next(_counter)
    image = get_image_model()(
        title=f"{title} {n}",
        file=ImageFile(io.BytesIO(demo_picture_bytes(n, size=(64, 36))), name=f"thu-{n}.jpg"),
    )
    image.save()
    return image


def news_index() -> NewsIndexPage:
    return NewsIndexPage.objects.get()


def add_article(
    title: str,
    *,
    categories: tuple[str, ...] = (),
    featured: bool = False,
    date: datetime.date | None = None,
    image=None,
    publish: bool = True,
    **fields,
) -> NewsPage:
    """An article under the school's news index; ``publish`` goes through a revision."""
    index = news_index()
    page = NewsPage(
        title=title,
        date=date or timezone.localdate(),
        featured=featured,
        image=image,
        live=not publish,
        **fields,
    )
    if not publish:
        page.first_published_at = timezone.now()
    index.add_child(instance=page)
    if categories:
        # A ParentalManyToManyField: written by the next save (or revision publish).
        page.categories.set(NewsCategory.objects.filter(slug__in=categories))
        if not publish:
            page.save()
    if publish:
        page.save_revision().publish()
        page = NewsPage.objects.get(pk=page.pk)  # the published state, not the draft copy
    return page
