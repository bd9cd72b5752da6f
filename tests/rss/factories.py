"""factory_boy factories of the rss app: shared rows, in the public schema."""

from __future__ import annotations

import factory
from django.utils import timezone

from rss.models import FeedItem, FeedSource
from rss.parsing import guid_key


class FeedSourceFactory(factory.django.DjangoModelFactory):
    """A feed the Phòng subscribes to; never fetched unless a test fetches it."""

    class Meta:
        model = FeedSource

    name = factory.Sequence(lambda n: f"Tin tức – Sở GD&ĐT {n}")
    url = factory.Sequence(lambda n: f"https://so.example/rss/{n}")


class FeedItemFactory(factory.django.DjangoModelFactory):
    """An item of a source, as if fetched (``FeedItemFactory.build_batch`` for bulk_create)."""

    class Meta:
        model = FeedItem

    source = factory.SubFactory(FeedSourceFactory)
    guid = factory.Sequence(lambda n: f"tin-{n}")
    dedup_key = factory.LazyAttribute(lambda item: guid_key(item.guid))
    link = factory.LazyAttribute(lambda item: f"https://so.example/{item.guid}")
    title = factory.Sequence(lambda n: f"Tin số {n}")
    summary_text = factory.LazyAttribute(lambda item: f"Tóm tắt {item.title}")
    summary_html = factory.LazyAttribute(lambda item: f"<p>{item.summary_text}</p>")
    content_hash = "x"
    sort_at = factory.LazyFunction(timezone.now)
