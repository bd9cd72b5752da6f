"""Each bad input gives a recorded error; nothing else breaks and nothing stored is lost (R8.1)."""

from __future__ import annotations

import socket
import unicodedata

import pytest

from rss.models import FeedItem
from rss.services import feed_source_fetch
from tests.rss.conftest import Reply, numbered_items, rss_document

GOOD = rss_document(numbered_items(3)).encode()


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Encode as windows-1258 does: precomposed where the code page has it, else base + tone."""
    out = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = next(mark for mark in decomposed if mark in TONE_MARKS)
            base = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return out


@pytest.fixture(autouse=True)
def _short_limits(settings):
    settings.RSS_FETCH_CONNECT_TIMEOUT = 1.0
    settings.RSS_FETCH_READ_TIMEOUT = 0.5
    settings.RSS_FETCH_TOTAL_TIMEOUT = 1.5
    settings.RSS_FETCH_MAX_BYTES = 5 * 1024 * 1024


@pytest.fixture
def served_source(feed_server, make_source):
    """A source fetched once successfully (3 items), then served ``reply`` at the same URL."""

    def make(reply, path: str = "/feed"):
        feed_server.routes[path] = Reply(GOOD)
        source = make_source(feed_server.url(path))
        assert feed_source_fetch(source=source).created == 3
        feed_server.routes[path] = reply
        return source

    return make


def _assert_failed_and_kept(source, outcome, reason: str) -> None:
    source.refresh_from_db()
    assert not outcome.ok
    assert reason in source.last_error, source.last_error
    assert source.consecutive_failures == 1
    assert FeedItem.objects.filter(source=source).count() == 3


@pytest.mark.django_db
class BadInputTests:
    def test_malformed_xml(self, served_source):
        source = served_source(Reply(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x'))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "malformed XML")

    def test_html_page_instead_of_a_feed(self, served_source):
        page = "<!DOCTYPE html><html><head><title>Sở GD&ĐT</title></head><body><p>Trang chủ</p></body></html>"
        source = served_source(
            Reply(page.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
        )
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "not a feed: the response is an HTML page")

    def test_entity_expansion_bomb_is_refused(self, served_source):
        bomb = (
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            ']><rss version="2.0"><channel><title>&c;</title><item><title>&c;</title></item>'
            "</channel></rss>"
        )
        source = served_source(Reply(bomb.encode()))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "entity bomb")

    def test_a_50_mb_response_is_cut_at_the_cap(self, served_source, settings):
        settings.RSS_FETCH_TOTAL_TIMEOUT = 20.0
        source = served_source(Reply(stream_bytes=50 * 1024 * 1024))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "response too large")

    def test_a_declared_huge_length_is_refused_before_reading(self, served_source):
        source = served_source(Reply(b"x", headers={"Content-Length": str(50 * 1024 * 1024)}))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "Content-Length")

    def test_ten_thousand_items(self, served_source):
        source = served_source(Reply(rss_document(numbered_items(10_000)).encode()))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "too many entries: 10000")

    def test_a_few_hundred_items_keep_the_first_200(self, feed_server, make_source):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(300)).encode())
        source = make_source(feed_server.url("/feed"))
        outcome = feed_source_fetch(source=source)
        source.refresh_from_db()
        assert outcome.ok and outcome.created == 200
        assert "kept the first 200" in source.last_warning

    @pytest.mark.parametrize("status", [404, 500, 503])
    def test_http_errors(self, served_source, status):
        source = served_source(Reply(b"error page", status=status))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, f"HTTP {status}")
        assert source.last_http_status == status

    def test_read_timeout(self, served_source):
        source = served_source(Reply(GOOD, delay=1.2))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "timeout")

    def test_total_timeout_on_a_dripping_server(self, served_source):
        # One byte every 0.1 s never trips the read timeout; the total deadline stops it.
        source = served_source(Reply(GOOD, drip=0.1))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "total timeout")

    def test_redirect_loop(self, served_source, feed_server):
        feed_server.routes["/loop"] = Reply(status=302, headers={"Location": "/loop"})
        source = served_source(Reply(status=302, headers={"Location": "/loop"}))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "too many redirects")
        assert len(feed_server.hits("/loop")) <= 5

    def test_a_few_redirects_are_followed(self, feed_server, make_source):
        feed_server.routes["/old"] = Reply(status=301, headers={"Location": "/new"})
        feed_server.routes["/new"] = Reply(GOOD)
        source = make_source(feed_server.url("/old"))
        outcome = feed_source_fetch(source=source)
        assert outcome.ok and outcome.created == 3
        # Relative links resolve against the final URL.
        assert FeedItem.objects.filter(source=source, link=feed_server.url("/tin/0")).exists()

    def test_tls_error(self, served_source, feed_server):
        source = served_source(Reply(GOOD))
        source.url = feed_server.url("/feed").replace("http://", "https://")
        source.save()
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "TLS error")

    def test_connection_refused(self, served_source):
        source = served_source(Reply(GOOD))
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        source.url = f"http://127.0.0.1:{port}/feed"
        source.save()
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "connection failed")

    def test_empty_body(self, served_source):
        source = served_source(Reply(b""))
        outcome = feed_source_fetch(source=source)
        _assert_failed_and_kept(source, outcome, "empty response")

    def test_script_and_iframe_injection_is_stored_clean(self, feed_server, make_source):
        evil = [
            {
                "title": "&lt;script&gt;alert(1)&lt;/script&gt;Thông báo &lt;b onmouseover=x()&gt;mới&lt;/b&gt;",
                "guid": "evil",
                "link": "javascript:alert(1)",
                "description": (
                    "&lt;p style='color:red' onclick='steal()'&gt;Nội dung&lt;/p&gt;"
                    "&lt;iframe src='https://evil.example/'&gt;&lt;/iframe&gt;"
                    "&lt;script&gt;document.cookie&lt;/script&gt;"
                    "&lt;a href='javascript:alert(2)'&gt;bấm&lt;/a&gt;"
                    "&lt;a href='/chi-tiet'&gt;chi tiết&lt;/a&gt;"
                    "&lt;img src='/anh.png' onerror='x()' alt='ảnh'&gt;"
                ),
            }
        ]
        feed_server.routes["/feed"] = Reply(rss_document(evil).encode())
        source = make_source(feed_server.url("/feed"))

        assert feed_source_fetch(source=source).ok

        item = FeedItem.objects.get(source=source)
        stored = (item.title + item.summary_html + item.summary_text + item.link).lower()
        for bad in (
            "<script",
            "alert(",
            "onclick",
            "onmouseover",
            "onerror",
            "style=",
            "iframe",
            "javascript:",
            "document.cookie",
        ):
            assert bad not in stored, bad
        assert item.title == "Thông báo mới"
        assert item.link == ""
        assert f'href="{feed_server.url("/chi-tiet")}"' in item.summary_html
        assert f'src="{feed_server.url("/anh.png")}"' in item.summary_html


@pytest.mark.django_db
class EncodingInputTests:
    def test_undeclared_windows_1258(self, feed_server, make_source):
        body = cp1258(rss_document([{"title": "Thông báo tuyển sinh", "guid": "1"}]))
        feed_server.routes["/feed"] = Reply(body, headers={"Content-Type": "application/rss+xml"})
        source = make_source(feed_server.url("/feed"))
        outcome = feed_source_fetch(source=source)
        assert outcome.ok
        assert FeedItem.objects.get(source=source).title == "Thông báo tuyển sinh"
        assert "decoded as cp1258" in outcome.warnings[0]

    def test_windows_1258_declared_as_utf8(self, feed_server, make_source):
        body = rss_document([{"title": "Học sinh giỏi cấp quận", "guid": "1"}], encoding="utf-8")
        feed_server.routes["/feed"] = Reply(cp1258(body))
        source = make_source(feed_server.url("/feed"))
        assert feed_source_fetch(source=source).ok
        assert FeedItem.objects.get(source=source).title == "Học sinh giỏi cấp quận"

    def test_declared_windows_1258(self, feed_server, make_source):
        body = rss_document(
            [{"title": "Lịch nghỉ Tết Nguyên đán", "guid": "1"}], encoding="windows-1258"
        )
        feed_server.routes["/feed"] = Reply(cp1258(body), headers={"Content-Type": "text/xml"})
        source = make_source(feed_server.url("/feed"))
        assert feed_source_fetch(source=source).ok
        assert FeedItem.objects.get(source=source).title == "Lịch nghỉ Tết Nguyên đán"

    def test_decomposed_utf8_is_stored_precomposed(self, feed_server, make_source):
        title = unicodedata.normalize("NFD", "Trường Tiểu học Bình Trị")
        feed_server.routes["/feed"] = Reply(rss_document([{"title": title, "guid": "1"}]).encode())
        source = make_source(feed_server.url("/feed"))
        feed_source_fetch(source=source)
        assert FeedItem.objects.get(source=source).title == "Trường Tiểu học Bình Trị"

    def test_tcvn3_text(self, feed_server, make_source):
        # "Thông báo về việc tổ chức" typed with a .VnTime font, served as UTF-8.
        tcvn3 = "Th«ng b¸o vÒ viÖc tæ chøc"
        feed_server.routes["/feed"] = Reply(rss_document([{"title": tcvn3, "guid": "1"}]).encode())
        source = make_source(feed_server.url("/feed"))
        feed_source_fetch(source=source)
        assert FeedItem.objects.get(source=source).title == "Thông báo về việc tổ chức"
