"""Demo sources: items already stored, as if fetched; an unreachable URL keeps them (R8.1)."""

from __future__ import annotations

import pytest

from rss.demo import DEMO_SOURCES, demo_feeds_ensure
from rss.models import FeedItem, FeedSource
from rss.services import feed_source_fetch


@pytest.mark.django_db
class DemoFeedsTests:
    def test_demo_is_idempotent_and_shows_on_a_school(self, school_a, in_school, client_a):
        with in_school(school_a):  # the demo hook runs inside each school's schema
            demo_feeds_ensure()
            demo_feeds_ensure()
        assert FeedSource.objects.filter(url__in=[d["url"] for d in DEMO_SOURCES]).count() == 2
        assert FeedItem.objects.filter(source__url=DEMO_SOURCES[0]["url"]).count() == 10
        html = client_a.get("/").content.decode()
        assert "Tin tức – Sở GD&amp;ĐT TP.HCM" in html

    def test_unreachable_demo_source_records_an_error_and_keeps_items(self, settings):
        settings.RSS_FETCH_CONNECT_TIMEOUT = 0.5
        source = demo_feeds_ensure()[1]
        source.url = "http://127.0.0.1:9/van-ban.rss"  # discard port: nothing listens
        source.save()
        outcome = feed_source_fetch(source=source)
        source.refresh_from_db()
        assert not outcome.ok and source.last_error
        assert source.items.count() == 10
