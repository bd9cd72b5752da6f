"""Demo articles for the four demo schools (realistic Vietnamese, adapted to each level).

The articles are in ``news/demo_data/articles.yaml``; this module adds their pictures.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging

from django.contrib.auth import get_user_model

from core.demo_images import demo_image_ensure
from news.models import NewsCategory, NewsIndexPage, NewsPage
from news.services import news_categories_ensure
from schools.demo_loader import demo_data, demo_words

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Gallery:
    title: str
    count: int


@dataclasses.dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    date: datetime.date
    categories: list[str]
    intro: str
    paragraphs: list[str]
    featured: bool = False
    image_caption: str = ""
    gallery: Gallery | None = None
    author: str = ""
    source_name: str = ""
    source_url: str = ""


@dataclasses.dataclass(frozen=True)
class DemoNews:
    articles: list[DemoArticle]


def _p(*paragraphs: str) -> list[dict]:
    return [{"type": "paragraph", "value": "".join(f"<p>{p}</p>" for p in paragraphs)}]


def _image_block(image, caption: str) -> dict:
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": False, "alt_text": caption},
            "caption": caption,
        },
    }


def _gallery_block(title: str, images: list) -> dict:
    return {
        "type": "gallery",
        "value": {
            "title": title,
            "images": [
                {"image": image.pk, "decorative": False, "alt_text": image.title}
                for image in images
            ],
        },
    }


def demo_articles(school) -> list[DemoArticle]:
    """The demo articles of ``school``'s level, texts filled with its name."""
    context = {"name": school.name, **demo_words(school.level)}
    return demo_data("news", "articles", DemoNews, level=school.level, context=context).articles


def load_demo_news(school) -> list[NewsPage]:
    """Create the demo articles missing from the current school's news section."""
    index = NewsIndexPage.objects.first()
    if index is None:
        logger.warning("School %s has no news section; demo news skipped", school.slug)
        return []
    news_categories_ensure()
    categories = {c.slug: c for c in NewsCategory.objects.all()}
    owner = get_user_model().objects.filter(username="bientap").first()
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    created = []
    for seed, data in enumerate(demo_articles(school)):
        if data.slug in existing:
            continue
        image = demo_image_ensure(data.title, seed=seed)
        body = _p(*data.paragraphs)
        if data.image_caption:
            extra = demo_image_ensure(data.image_caption, seed=seed + 11)
            body.insert(1, _image_block(extra, data.image_caption))
        if data.gallery:
            title, count = data.gallery.title, data.gallery.count
            pictures = [
                demo_image_ensure(f"{title} {n}", seed=seed + 20 + n) for n in range(1, count + 1)
            ]
            body.append(_gallery_block(title, pictures))
        page = NewsPage(
            title=data.title,
            slug=data.slug,
            date=data.date,
            intro=data.intro,
            image=image,
            body=body,
            featured=data.featured,
            author=data.author,
            source_name=data.source_name,
            source_url=data.source_url,
            owner=owner,
        )
        index.add_child(instance=page)
        page.categories.set([categories[slug] for slug in data.categories])
        page.save_revision(user=owner).publish()
        created.append(page)
    if created:
        logger.info("Demo news: %d articles in %s", len(created), school.slug)
    return created
