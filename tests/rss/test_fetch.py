"""Fetching a source from a local server: conditional GET, dedup, health, backoff (R8.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rss.models import FeedItem
from rss.services import feed_source_fetch
from tests.rss.conftest import Reply, numbered_items, rss_document


@pytest.fixture(autouse=True)
def _short_timeouts(settings):
    settings.RSS_FETCH_CONNECT_TIMEOUT = 1.0
    settings.RSS_FETCH_READ_TIMEOUT = 1.0
    settings.RSS_FETCH_TOTAL_TIMEOUT = 2.0


@pytest.mark.django_db
class FetchTests:
    def test_items_are_stored_once_with_absolute_links(self, feed_server, make_source):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(5)).encode())
        source = make_source(feed_server.url("/feed"))

        outcome = feed_source_fetch(source=source)

        assert outcome.ok and outcome.created == 5
        items = FeedItem.objects.filter(source=source).order_by("-sort_at")
        assert items.count() == 5
        assert all(item.link.startswith(feed_server.base + "/tin/") for item in items)
        source.refresh_from_db()
        assert source.last_success_at is not None
        assert source.items_seen == 5
        assert source.consecutive_failures == 0
        assert source.feed_title == "Tin tức Sở GD&ĐT"

    def test_user_agent_names_the_platform(self, feed_server, make_source):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(1)).encode())
        feed_source_fetch(source=make_source(feed_server.url("/feed")))
        agent = feed_server.hits("/feed")[0]["headers"]["User-Agent"]
        assert agent.startswith("SchoolPortal/0.1 (+")
        assert "Phong GD&DT" in agent

    def test_conditional_get_sends_validators_and_accepts_304(self, feed_server, make_source):
        body = rss_document(numbered_items(3)).encode()

        def conditional(handler):
            if handler.headers.get("If-None-Match") == '"v1"':
                return Reply(status=304, headers={"ETag": '"v1"'})
            return Reply(
                body,
                headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Sep 2025 01:00:00 GMT"},
            )

        feed_server.routes["/feed"] = conditional
        source = make_source(feed_server.url("/feed"))
        assert feed_source_fetch(source=source).created == 3

        second = feed_source_fetch(source=source)

        assert second.ok and second.not_modified
        assert second.rows_written == 1  # only the source's health row
        headers = feed_server.hits("/feed")[1]["headers"]
        assert headers["If-None-Match"] == '"v1"'
        assert headers["If-Modified-Since"] == "Mon, 01 Sep 2025 01:00:00 GMT"
        assert FeedItem.objects.filter(source=source).count() == 3

    def test_dedup_by_guid_then_by_link(self, feed_server, make_source):
        items = [
            {"title": "Có GUID", "guid": "abc", "link": "/a"},
            {"title": "Có GUID, đã sửa", "guid": "abc", "link": "/a2"},
            {"title": "Chỉ có link", "link": "/b"},
            {"title": "Chỉ có link lần hai", "link": "/b"},
        ]
        feed_server.routes["/feed"] = Reply(rss_document(items).encode())
        source = make_source(feed_server.url("/feed"))

        feed_source_fetch(source=source)

        assert FeedItem.objects.filter(source=source).count() == 2

    def test_refetch_writes_only_new_or_changed_items(self, feed_server, make_source):
        items = numbered_items(4)
        feed_server.routes["/feed"] = Reply(rss_document(items).encode())
        source = make_source(feed_server.url("/feed"))
        feed_source_fetch(source=source)
        first_seen = FeedItem.objects.get(source=source, guid="tin-0").first_seen_at

        items[0]["title"] = "Tin số 0 (cập nhật)"
        items.append({"title": "Tin mới", "guid": "moi", "link": "/moi"})
        feed_server.routes["/feed"] = Reply(rss_document(items).encode())
        outcome = feed_source_fetch(source=source)

        assert (outcome.created, outcome.updated, outcome.unchanged) == (1, 1, 3)
        updated = FeedItem.objects.get(source=source, guid="tin-0")
        assert updated.title == "Tin số 0 (cập nhật)"
        assert updated.first_seen_at == first_seen
        assert FeedItem.objects.filter(source=source).count() == 5

    def test_items_without_date_guid_or_link(self, feed_server, make_source):
        items = [
            {"title": "Không có ngày", "guid": "g1", "link": "/x"},
            {"title": "Không có GUID", "link": "/y", "date": "Mon, 01 Sep 2025 08:00:00 +0700"},
            {"title": "Không có link", "guid": "g3"},
            {"title": "Không có gì ngoài tiêu đề"},
            {"description": "Chỉ có tóm tắt, không tiêu đề"},
            {"link": "/z"},  # nothing to show: skipped
        ]
        feed_server.routes["/feed"] = Reply(rss_document(items).encode())
        source = make_source(feed_server.url("/feed"))

        outcome = feed_source_fetch(source=source)

        assert outcome.ok
        stored = {item.title: item for item in FeedItem.objects.filter(source=source)}
        assert set(stored) == {
            "Không có ngày",
            "Không có GUID",
            "Không có link",
            "Không có gì ngoài tiêu đề",
            "Chỉ có tóm tắt, không tiêu đề",
        }
        assert stored["Không có ngày"].published_at is None
        assert stored["Không có ngày"].sort_at is not None
        assert stored["Không có link"].link == ""
        assert "skipped" in outcome.warnings[-1]

    def test_a_future_date_is_clamped_to_now(self, feed_server, make_source):
        items = [{"title": "Tương lai", "guid": "f", "date": "Mon, 01 Sep 2098 08:00:00 +0700"}]
        feed_server.routes["/feed"] = Reply(rss_document(items).encode())
        source = make_source(feed_server.url("/feed"))
        feed_source_fetch(source=source)
        assert FeedItem.objects.get(source=source).sort_at <= timezone.now()

    def test_atom_and_rss1_are_read(self, feed_server, make_source):
        atom = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Phòng GD</title><id>urn:x</id><updated>2025-09-01T00:00:00Z</updated>"
            '<entry><title>Thông báo Atom</title><id>urn:1</id><link href="/thong-bao/1"/>'
            "<updated>2025-09-01T00:00:00Z</updated><summary>Tóm tắt</summary></entry></feed>"
        )
        rdf = (
            '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://so.example/">'
            "<title>Sở</title><link>https://so.example/</link><description>d</description>"
            '</channel><item rdf:about="https://so.example/1"><title>Tin RSS 1.0</title>'
            "<link>https://so.example/1</link></item></rdf:RDF>"
        )
        feed_server.routes["/atom"] = Reply(
            atom.encode(), headers={"Content-Type": "application/atom+xml"}
        )
        feed_server.routes["/rdf"] = Reply(
            rdf.encode(), headers={"Content-Type": "application/rdf+xml"}
        )
        atom_source = make_source(feed_server.url("/atom"), name="Atom")
        rdf_source = make_source(feed_server.url("/rdf"), name="RDF")

        assert feed_source_fetch(source=atom_source).created == 1
        assert feed_source_fetch(source=rdf_source).created == 1
        atom_item = FeedItem.objects.get(source=atom_source)
        assert atom_item.link == feed_server.url("/thong-bao/1")
        assert FeedItem.objects.get(source=rdf_source).title == "Tin RSS 1.0"


@pytest.mark.django_db
class BackoffTests:
    def test_failure_backs_off_exponentially_and_keeps_items(self, feed_server, make_source):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(3)).encode())
        source = make_source(feed_server.url("/feed"), interval_minutes=10)
        feed_source_fetch(source=source)
        feed_server.routes["/feed"] = Reply(b"boom", status=500)

        delays = []
        for _attempt in range(8):
            before = timezone.now()
            outcome = feed_source_fetch(source=source)
            source.refresh_from_db()
            assert not outcome.ok
            delays.append(round((source.next_fetch_at - before) / dt.timedelta(minutes=1)))

        assert delays == [20, 40, 80, 160, 320, 640, 640, 640]
        assert source.consecutive_failures == 8
        assert source.last_error == "HTTP 500 Internal Server Error"
        assert source.last_http_status == 500
        assert source.last_error_at is not None
        assert FeedItem.objects.filter(source=source).count() == 3

    def test_success_after_failures_resets_the_count(self, feed_server, make_source):
        feed_server.routes["/feed"] = Reply(b"", status=404)
        source = make_source(feed_server.url("/feed"), interval_minutes=10)
        feed_source_fetch(source=source)
        feed_source_fetch(source=source)
        source.refresh_from_db()
        assert source.consecutive_failures == 2
        assert source.last_error.startswith("HTTP 404")

        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(1)).encode())
        before = timezone.now()
        feed_source_fetch(source=source)
        source.refresh_from_db()

        assert source.consecutive_failures == 0
        assert round((source.next_fetch_at - before) / dt.timedelta(minutes=1)) == 10
        assert source.last_error.startswith("HTTP 404")  # the last error stays on record
