"""A local HTTP server for feed tests (no internet), and feed documents to serve."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    # Seconds to wait before answering, and between body chunks (slow servers).
    delay: float = 0.0
    drip: float = 0.0
    # Bytes to stream without Content-Length (huge responses), generated lazily.
    stream_bytes: int = 0


@dataclass
class FeedServer:
    server: ThreadingHTTPServer
    routes: dict[str, Reply | Callable] = field(default_factory=dict)
    requests: list[dict] = field(default_factory=list)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]


class _Handler(BaseHTTPRequestHandler):
    feed_server: FeedServer

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):  # noqa: N802
        fs = self.server.feed_server
        fs.requests.append({"path": self.path, "headers": dict(self.headers)})
        route = fs.routes.get(self.path)
        if route is None:
            reply = Reply(b"not found", status=404)
        elif callable(route):
            reply = route(self)
        else:
            reply = route
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            headers = {"Content-Type": "application/rss+xml; charset=utf-8", **reply.headers}
            if not reply.stream_bytes and not reply.drip:
                headers.setdefault("Content-Length", str(len(reply.body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if reply.stream_bytes:
                chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
                sent = 0
                while sent < reply.stream_bytes:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            elif reply.drip:
                for byte in reply.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture
def celery_eager():
    """Run tasks in-process, whatever settings module the session ended up with.

    (``portal.embedded exec`` imports ``portal.celery``, which defaults
    DJANGO_SETTINGS_MODULE to the dev settings before pytest-django reads its ini option.)
    """
    from portal.celery import app

    saved = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved


@pytest.fixture
def feed_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    fs = FeedServer(server=server)
    server.feed_server = fs
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fs
    server.shutdown()
    server.server_close()


def rss_document(
    items: list[dict], *, title: str = "Tin tức Sở GD&amp;ĐT", encoding: str = ""
) -> str:
    """An RSS 2.0 document; each item dict may hold title, link, guid, description, date."""
    parts = []
    for item in items:
        fields = []
        if "title" in item:
            fields.append(f"<title>{item['title']}</title>")
        if "link" in item:
            fields.append(f"<link>{item['link']}</link>")
        if "guid" in item:
            fields.append(f'<guid isPermaLink="false">{item["guid"]}</guid>')
        if "description" in item:
            fields.append(f"<description>{item['description']}</description>")
        if "date" in item:
            fields.append(f"<pubDate>{item['date']}</pubDate>")
        parts.append("<item>" + "".join(fields) + "</item>")
    declaration = (
        f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else '<?xml version="1.0"?>'
    )
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title}</title>'
        "<link>https://so.example/</link><description>Tin</description>"
        + "".join(parts)
        + "</channel></rss>"
    )


def numbered_items(count: int, *, prefix: str = "Tin") -> list[dict]:
    return [
        {
            "title": f"{prefix} số {i}",
            "link": f"/tin/{i}",
            "guid": f"tin-{i}",
            "description": f"Nội dung tin số {i}",
            "date": f"Mon, {1 + i % 28:02d} Sep 2025 08:00:00 +0700",
        }
        for i in range(count)
    ]


@pytest.fixture
def make_source(db):
    from rss.models import FeedSource
    from tests.rss.factories import FeedSourceFactory

    def make(url: str, **kwargs) -> FeedSource:
        kwargs.setdefault("name", "Tin tức – Sở GD&ĐT thử nghiệm")
        return FeedSourceFactory(url=url, **kwargs)

    return make
