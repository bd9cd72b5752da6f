"""Feeds out: a feed registered through the ``portal_feeds`` hook, as RSS 2.0 and Atom (R8.2)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

import pytest
from wagtail import hooks

from rss.feeds import FeedEntry, FeedSpec, registered_feeds

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(request):
    return [
        FeedEntry(
            title="Lễ khai giảng năm học 2025–2026 & đón học sinh lớp 6",
            link="/tin-tuc/le-khai-giang/",
            description="<p>Sáng 5/9, trường tổ chức lễ khai giảng.</p>",
            published_at=dt.datetime(2025, 9, 5, 7, 30, tzinfo=dt.UTC),
        ),
        FeedEntry(title="Thông báo họp phụ huynh", link="/tin-tuc/hop-phu-huynh/"),
    ]


@pytest.fixture
def dummy_feed():
    def register():
        return FeedSpec(
            slug="tin-thu", title="Tin thử", description="Tin tức của trường", items=_entries
        )

    with hooks.register_temporarily("portal_feeds", register):
        yield


@pytest.mark.django_db
class FeedsOutTests:
    def test_registry_collects_hooks(self, dummy_feed):
        # The news app registers "tin-tuc" (news/wagtail_hooks.py).
        assert {spec.slug for spec in registered_feeds()} == {"tin-tuc", "tin-thu"}

    def test_rss_has_absolute_links_on_the_school_host(self, dummy_feed, client_a):
        response = client_a.get("/rss/tin-thu/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("title") == "Tin thử – Trường THCS Thử Nghiệm A"
        items = channel.findall("item")
        assert [i.findtext("link") for i in items] == [
            "http://test-a.localhost/tin-tuc/le-khai-giang/",
            "http://test-a.localhost/tin-tuc/hop-phu-huynh/",
        ]
        assert items[0].findtext("title").startswith("Lễ khai giảng năm học 2025–2026 & đón")
        assert items[0].findtext("pubDate") == "Fri, 05 Sep 2025 07:30:00 +0000"
        assert items[0].findtext("description") == "<p>Sáng 5/9, trường tổ chức lễ khai giảng.</p>"

    def test_atom(self, dummy_feed, client_b):
        response = client_b.get("/rss/tin-thu/atom/")
        assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
        feed = ET.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == 2
        assert entries[0].find(f"{ATOM}link").get("href") == (
            "http://test-b.localhost/tin-tuc/le-khai-giang/"
        )
        assert entries[0].findtext(f"{ATOM}updated") == "2025-09-05T07:30:00+00:00"

    def test_index_lists_feeds(self, dummy_feed, client_a):
        html = client_a.get("/rss/").content.decode()
        assert "Tin thử" in html
        assert 'href="/rss/tin-thu/atom/"' in html
        assert "http://test-a.localhost/rss/tin-thu/" in html

    def test_index_empty_state_and_unknown_feed(self, client_a, monkeypatch):
        monkeypatch.setattr("rss.views.registered_feeds", lambda: [])
        assert "Trang chưa có kênh RSS nào" in client_a.get("/rss/").content.decode()
        assert client_a.get("/rss/khong-co/").status_code == 404
