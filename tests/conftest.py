"""Test set-up on the real (embedded) PostgreSQL and Redis.

``make test`` starts both and exports DATABASE_URL / REDIS_URL before pytest imports the
settings. The session's database gets the template schema, the operator portal and two
schools (A and B), created once and kept with ``--reuse-db``; every test then runs inside a
transaction that is rolled back, schema creation included.
"""

from __future__ import annotations

import contextlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django_tenants.utils import schema_context

SCHOOL_A = {
    "name": "Trường THCS Thử Nghiệm A",
    "slug": "test-a",
    "domain": "test-a.localhost",
    "level": "thcs",
    "address": "12 đường số 1, phường An Lạc",
    "phone": "(028) 3875 0001",
    "email": "thcsa@pgdbinhtan.edu.vn",
}
SCHOOL_B = {
    "name": "Trường Tiểu học Thử Nghiệm B",
    "slug": "test-b",
    "domain": "test-b.localhost",
    "level": "tieu_hoc",
    "address": "34 đường số 2, phường Bình Trị Đông",
    "phone": "(028) 3762 0002",
    "email": "thb@pgdbinhtan.edu.vn",
}
PASSWORD = "MatKhau@Test2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Template schema, operator portal and schools A and B, committed once per database."""
    from schools.models import School
    from schools.services import operator_portal_ensure, school_create, school_sync, template_ensure

    with django_db_blocker.unblock():
        from django.db import connection

        if not connection.settings_dict["NAME"].startswith("test_"):
            # No collected test asked for `db`: only tests that commit (two hosts, concurrent
            # creations) were selected, and pytest-django set up no database for them.
            from django.test.utils import setup_databases

            setup_databases(verbosity=0, interactive=False, aliases={"default"}, keepdb=True)
        template_ensure()
        operator_portal_ensure()
        for data in (SCHOOL_A, SCHOOL_B):
            if not School.objects.filter(slug=data["slug"]).exists():
                school_create(
                    **data,
                    admin_username="hieutruong",
                    admin_email=f"hieutruong@{data['slug']}.edu.vn",
                    admin_password=PASSWORD,
                )
            else:  # a reused database: add sections that new code requires
                school_sync(school=School.objects.get(slug=data["slug"]))


@pytest.fixture(autouse=True)
def _clean_state():
    """Empty Redis cache and the connection back in the public schema for every test."""
    cache.clear()
    yield
    from django.db import connection

    if hasattr(connection, "set_schema_to_public"):
        connection.set_schema_to_public()


@pytest.fixture
def school_a(db):
    from schools.models import School

    return School.objects.get(slug=SCHOOL_A["slug"])


@pytest.fixture
def school_b(db):
    from schools.models import School

    return School.objects.get(slug=SCHOOL_B["slug"])


@pytest.fixture
def client_a(school_a) -> Client:
    return Client(HTTP_HOST=SCHOOL_A["domain"])


@pytest.fixture
def client_b(school_b) -> Client:
    return Client(HTTP_HOST=SCHOOL_B["domain"])


@pytest.fixture
def public_client(db) -> Client:
    return Client(HTTP_HOST=settings.PORTAL_PUBLIC_DOMAIN)


@pytest.fixture
def in_school():
    """``with in_school(school): …`` runs ORM code in that school's schema."""

    @contextlib.contextmanager
    def enter(school):
        with schema_context(school.schema_name):
            yield school

    return enter


@pytest.fixture
def page_cache(settings):
    """The whole-page cache switched on (it is off in the test settings)."""
    settings.PORTAL_PAGE_CACHE_ENABLED = True


@pytest.fixture
def board_login():
    """``board_login(client)`` logs the school's head (``hieutruong``) in through the form."""

    def login(client, username: str = "hieutruong", password: str = PASSWORD):
        response = client.post("/admin/login/", {"username": username, "password": password})
        assert response.status_code == 302, "log-in failed"
        return client

    return login


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT (django-tenants caches the root)."""
    from django.core.files.storage import storages

    storage = storages["default"]
    settings.MEDIA_ROOT = str(tmp_path)
    storage.__dict__.pop("relative_media_root", None)
    yield tmp_path
    storage.__dict__.pop("relative_media_root", None)


@pytest.fixture
def redis_down(settings):
    """The web process's view of a Redis outage: the breaker open (as after a failed call)
    for the whole test, every cache call degraded. Redis itself keeps running."""
    import redis as redis_errors

    from portal import resilience

    settings.PORTAL_REDIS_RETRY_SECONDS = 3600
    resilience.breaker.trip(redis_errors.exceptions.ConnectionError("test outage"), "a test")
    yield
    resilience.breaker.reset()
    if resilience._fallback is not None:
        resilience._fallback.clear()
