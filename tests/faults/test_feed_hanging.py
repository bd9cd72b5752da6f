"""A feed server that hangs (R8.1, R9.5).

Killed: nothing; the first source's server accepts the request and never answers in time,
the second one accepts the connection and never reads it. Survived: the fetch of each gives
up after the read timeout with its reason recorded and a backoff, and the next source in the
same sweep is still fetched and its items stored.
"""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest
from django.utils import timezone

from rss.models import FeedItem, FeedSource
from rss.tasks import feeds_enqueue_due
from tests.rss.conftest import Reply, numbered_items, rss_document


@pytest.fixture
def black_hole():
    """A TCP port that accepts connections (kernel backlog) but never reads or answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/rss"
    listener.close()


class FeedServerHangingTests:
    def test_hanging_sources_time_out_and_the_next_source_is_still_fetched(
        self,
        db,
        settings,
        celery_eager,
        feed_server,
        black_hole,
        django_capture_on_commit_callbacks,
    ):
        settings.RSS_FETCH_CONNECT_TIMEOUT = 1
        settings.RSS_FETCH_READ_TIMEOUT = 1
        feed_server.routes["/treo"] = Reply(rss_document(numbered_items(2)).encode(), delay=20)
        feed_server.routes["/tot"] = Reply(rss_document(numbered_items(3, prefix="Tốt")).encode())
        now = timezone.now()
        slow = FeedSource.objects.create(
            name="Sở treo",
            url=feed_server.url("/treo"),
            next_fetch_at=now - dt.timedelta(minutes=3),
        )
        mute = FeedSource.objects.create(
            name="Phòng im lặng", url=black_hole, next_fetch_at=now - dt.timedelta(minutes=2)
        )
        good = FeedSource.objects.create(
            name="Sở tốt", url=feed_server.url("/tot"), next_fetch_at=now - dt.timedelta(minutes=1)
        )

        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            assert feeds_enqueue_due() == 3
        elapsed = time.monotonic() - started

        for hung in (slow, mute):
            hung.refresh_from_db()
            assert "timeout" in hung.last_error, f"{hung.name}: {hung.last_error!r}"
            assert hung.consecutive_failures == 1 and hung.next_fetch_at > timezone.now()
        good.refresh_from_db()
        assert good.last_success_at is not None, "the source after the hanging ones was fetched"
        assert FeedItem.objects.filter(source=good).count() == 3
        assert elapsed < 10, f"two hanging servers held the sweep for {elapsed:.1f} s"
