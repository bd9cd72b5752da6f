"""Beat's due-source sweep, the fetch task, the management command, and a real worker (R8.1)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from io import StringIO
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from rss.models import FeedItem, FeedSource
from rss.services import feed_sources_claim_due
from rss.tasks import feeds_enqueue_due
from tests.rss.conftest import Reply, numbered_items, rss_document


@pytest.mark.django_db
class DueSourcesTests:
    def test_claims_due_and_never_fetched_sources_once(self, make_source):
        now = timezone.now()
        never = make_source("https://a.example/rss")
        due = make_source("https://b.example/rss", next_fetch_at=now - dt.timedelta(minutes=1))
        make_source("https://c.example/rss", next_fetch_at=now + dt.timedelta(minutes=5))
        make_source("https://d.example/rss", is_active=False)

        assert sorted(feed_sources_claim_due(now=now)) == sorted([never.pk, due.pk])
        # Claimed sources moved one interval ahead: the next beat tick skips them.
        assert feed_sources_claim_due(now=now + dt.timedelta(seconds=60)) == []

    def test_beat_entry_is_registered(self):
        entry = settings.CELERY_BEAT_SCHEDULE["rss-enqueue-due-sources"]
        assert entry["task"] == feeds_enqueue_due.name
        assert entry["schedule"] == 60.0

    def test_enqueue_fetches_each_source_once_whatever_the_schools(
        self,
        feed_server,
        make_source,
        school_a,
        school_b,
        celery_eager,
        django_capture_on_commit_callbacks,
    ):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(4)).encode())
        source = make_source(feed_server.url("/feed"))

        # Fetches are queued on commit; tasks run in-process here.
        with django_capture_on_commit_callbacks(execute=True):
            assert feeds_enqueue_due() == 1

        assert len(feed_server.hits("/feed")) == 1
        assert FeedItem.objects.filter(source=source).count() == 4
        assert feeds_enqueue_due() == 0


@pytest.mark.django_db
class FeedsCommandTests:
    def test_add_list_fetch(self, feed_server):
        feed_server.routes["/feed"] = Reply(rss_document(numbered_items(2)).encode())
        out = StringIO()
        call_command(
            "feeds",
            "add",
            feed_server.url("/feed"),
            "--name",
            "Tin Sở",
            "--interval",
            "15",
            stdout=out,
        )
        source = FeedSource.objects.get(url=feed_server.url("/feed"))
        assert source.interval_minutes == 15
        assert f"Added source {source.pk}" in out.getvalue()

        out = StringIO()
        call_command("feeds", "fetch", "--source", str(source.pk), stdout=out)
        assert "ok, 2 new" in out.getvalue()

        out = StringIO()
        call_command("feeds", "list", stdout=out)
        assert "Tin Sở" in out.getvalue() and "items stored 2" in out.getvalue()

    def test_add_refuses_a_bad_url_and_fetch_reports_failures(self, feed_server):
        with pytest.raises(CommandError):
            call_command("feeds", "add", "ftp://so.example/rss", "--name", "X")
        FeedSource.objects.create(name="Hỏng", url=feed_server.url("/missing"))
        err = StringIO()
        with pytest.raises(CommandError, match="1 source"):
            call_command("feeds", "fetch", stderr=err, stdout=StringIO())
        assert "HTTP 404" in err.getvalue()


def _test_database_url() -> str:
    """DATABASE_URL pointing at the test database this session uses."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))


class RealWorkerTests:
    """End to end: beat's task sent through the real Redis, run by a real Celery worker.

    Not inside a test transaction (the worker is another process and must see the rows),
    and not ``transaction=True`` either (its flush would empty the shared registry): the
    test commits its own source and deletes it afterwards.
    """

    def test_worker_fetches_a_due_source(self, django_db_setup, django_db_blocker, feed_server):
        from portal.celery import app

        feed_server.routes["/e2e"] = Reply(rss_document(numbered_items(6, prefix="E2E")).encode())
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": "",
        }
        with django_db_blocker.unblock():
            env["DATABASE_URL"] = _test_database_url()
            connection.set_schema_to_public()
            FeedSource.objects.filter(url=feed_server.url("/e2e")).delete()
            source = FeedSource.objects.create(name="E2E", url=feed_server.url("/e2e"))
            worker = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--pool=solo",
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel=WARNING",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            eager = app.conf.task_always_eager
            app.conf.task_always_eager = False
            try:
                started = time.monotonic()
                feeds_enqueue_due.delay()
                stored = 0
                while time.monotonic() - started < 60 and stored < 6:
                    time.sleep(0.5)
                    stored = FeedItem.objects.filter(source=source).count()
                    assert worker.poll() is None, worker.stdout.read().decode()
                source.refresh_from_db()
                assert stored == 6
                assert source.last_success_at is not None
                assert len(feed_server.hits("/e2e")) == 1
            finally:
                app.conf.task_always_eager = eager
                worker.terminate()
                try:
                    worker.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    worker.kill()
                FeedSource.objects.filter(pk=source.pk).delete()
