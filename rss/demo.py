"""Demo sources with items already stored, as if fetched (the demo has no internet).

The sources and items are in ``rss/demo_data/feeds.yaml``.

Idempotent: sources are found by URL and items by their GUID. When beat later tries the
real URLs and cannot reach them, the sources record an error and keep these items.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone
from django.utils.html import format_html

from rss.models import FeedItem, FeedSource
from rss.parsing import guid_key
from schools.demo_loader import demo_data


@dataclasses.dataclass(frozen=True)
class DemoItem:
    title: str
    summary: str


@dataclasses.dataclass(frozen=True)
class DemoSource:
    name: str
    url: str
    site_url: str
    items: list[DemoItem]


@dataclasses.dataclass(frozen=True)
class DemoFeeds:
    sources: list[DemoSource]


DEMO_SOURCES = [
    dataclasses.asdict(source) for source in demo_data("rss", "feeds", DemoFeeds).sources
]


def _guid(url: str, index: int) -> str:
    return f"{url}#demo-{index}"


def demo_feeds_ensure() -> list[FeedSource]:
    """Create the two demo sources and their items if absent; return the sources."""
    now = timezone.now()
    sources = []
    for data in DEMO_SOURCES:
        source, created = FeedSource.objects.get_or_create(
            url=data["url"],
            defaults={
                "name": data["name"],
                "interval_minutes": 60,
                "site_url": data["site_url"],
                "feed_title": data["name"],
                "last_success_at": now,
                "last_fetched_at": now,
                "next_fetch_at": now + dt.timedelta(minutes=60),
                "items_seen": len(data["items"]),
            },
        )
        if created or not source.items.exists():
            rows = []
            for index, item in enumerate(data["items"]):
                title, summary = item["title"], item["summary"]
                guid = _guid(data["url"], index)
                published = now - dt.timedelta(days=index * 3 + 1, hours=index)
                rows.append(
                    FeedItem(
                        source=source,
                        dedup_key=guid_key(guid),
                        guid=guid,
                        link=f"{data['site_url']}tin/{index + 1}",
                        title=title,
                        summary_html=format_html("<p>{}</p>", summary),
                        summary_text=summary,
                        content_hash="demo",
                        published_at=published,
                        sort_at=published,
                    )
                )
            FeedItem.objects.bulk_create(rows, ignore_conflicts=True)
        sources.append(source)
    return sources
