"""Cache keys and Celery tasks stay inside the school they belong to (R1.1)."""

import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache
from django.db import connection
from django_tenants.utils import schema_context

from portal.celery import app


@app.task(name="tests.record_schema")
def record_schema(token: str) -> None:
    cache.set(f"probe:{token}", connection.schema_name, 60)


class CacheIsolationTests:
    def test_same_key_in_two_schools_holds_two_values(self, school_a, school_b):
        with schema_context(school_a.schema_name):
            cache.set("trang-chu", "A")
        with schema_context(school_b.schema_name):
            assert cache.get("trang-chu") is None
            cache.set("trang-chu", "B")
        with schema_context(school_a.schema_name):
            assert cache.get("trang-chu") == "A"


@pytest.fixture
def real_worker():
    """A Celery worker thread on the real (embedded) Redis, tasks not eager."""
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        app.conf.task_always_eager = True


class CeleryTenancyTests:
    def test_task_sent_inside_a_school_runs_in_that_school(self, school_a, real_worker):
        token = uuid.uuid4().hex
        with schema_context(school_a.schema_name):
            record_schema.delay(token)
            for _ in range(100):
                if cache.get(f"probe:{token}"):
                    break
                time.sleep(0.1)
            # Read inside A: the key carries A's schema only if the worker ran in A.
            assert cache.get(f"probe:{token}") == school_a.schema_name


class GlobalCacheKeyTests:
    def test_global_keys_are_shared_by_every_school(self, school_a, school_b):
        with schema_context(school_a.schema_name):
            cache.set("global:thong-bao", "bão số 9")
        with schema_context(school_b.schema_name):
            assert cache.get("global:thong-bao") == "bão số 9"
