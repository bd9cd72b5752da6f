"""Spare schemas for new schools (R1.4 at the scale of R1.1): a school live in milliseconds.

A spare is a clone of the template with no School row and no domain. These tests check that
one becomes a complete school, that a spare is never visible anywhere, that a stale spare
(the template changed) is never handed out, that two creations at once never share one, and
that a creation failing halfway leaves no half-made school and gives the spare back.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django_tenants.utils import schema_context, schema_exists
from wagtail import hooks
from wagtail.models import Site

from core.models import SchoolHomePage, SchoolProfile
from schools.models import Domain, School, SpareSchema
from schools.pool import pool_discard, pool_fill, spare_take
from schools.selectors import school_list
from schools.services import school_create, school_delete
from tests.conftest import PASSWORD

NEW = {
    "name": "Trường Mầm non Sen Hồng",
    "slug": "mn-sen-hong",
    "domain": "mn-sen-hong.localhost",
    "level": "mam_non",
    "address": "7 đường Lê Văn Quới, phường Bình Trị Đông",
    "phone": "(028) 3762 7777",
    "email": "mnsenhong@pgdbinhtan.edu.vn",
}


@pytest.fixture
def pool(db, settings):
    """Two spares, made inside the test's transaction (rolled back with it)."""
    settings.PORTAL_SCHEMA_POOL_SIZE = 2
    assert pool_fill() == 2
    return list(SpareSchema.objects.values_list("schema_name", flat=True))


class PoolTests:
    def test_fill_clones_spares_that_match_the_template(self, pool):
        assert len(pool) == 2
        for name in pool:
            assert name.startswith("pool_") and schema_exists(name)
            with schema_context(name):
                assert SchoolHomePage.objects.get().title == "Trường mẫu"
        assert pool_fill() == 0  # already full

    def test_new_school_takes_a_spare_and_is_a_complete_site(self, pool, settings):
        settings.PORTAL_SCHEMA_POOL_SIZE = 0  # no refill: count what was taken
        school = school_create(
            **NEW, admin_username="hieutruong", admin_password="MatKhau@SenHong2026"
        )
        assert not schema_exists(pool[0]), "the oldest spare became the school"
        assert list(SpareSchema.objects.values_list("schema_name", flat=True)) == pool[1:]
        assert schema_exists(school.schema_name)
        with schema_context(school.schema_name):
            home = SchoolHomePage.objects.get()
            assert home.title == NEW["name"] and home.draft_title == NEW["name"] and home.live
            assert home.get_latest_revision().as_object().title == NEW["name"]
            site = Site.objects.get(is_default_site=True)
            assert site.hostname == NEW["domain"] and site.site_name == NEW["name"]
            assert SchoolProfile.for_site(site).phone == NEW["phone"]
            head = get_user_model().objects.get(username="hieutruong")
            assert head.check_password("MatKhau@SenHong2026")
        response = Client(HTTP_HOST=NEW["domain"]).get("/")
        assert response.status_code == 200
        body = response.content.decode()
        assert NEW["name"] in body and "Trường mẫu" not in body
        assert Client(HTTP_HOST=NEW["domain"]).get("/tin-tuc/").status_code == 200
        client = Client(HTTP_HOST=NEW["domain"])
        login = {"username": "hieutruong", "password": "MatKhau@SenHong2026"}
        assert client.post("/admin/login/", login).status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_empty_pool_falls_back_to_a_clone(self, db, settings):
        settings.PORTAL_SCHEMA_POOL_SIZE = 0
        assert not SpareSchema.objects.exists()
        school = school_create(**NEW)
        with schema_context(school.schema_name):
            assert SchoolHomePage.objects.get().title == NEW["name"]

    def test_a_spare_is_never_listed_served_audited_or_migrated(self, pool, capsys):
        spare = pool[0]
        assert not School.objects.filter(schema_name__in=pool).exists()
        assert spare not in {school.schema_name for school in school_list()}
        # No host reaches it, not even its own name.
        for host in (f"{spare}.localhost", f"{spare.replace('_', '-')}.localhost"):
            assert Client(HTTP_HOST=host).get("/").status_code == 404
        # The operator's portal and its search list schools, never a spare.
        portal = Client(HTTP_HOST="localhost")
        assert "Trường mẫu" not in portal.get("/").content.decode()
        assert "Trường mẫu" not in portal.get("/tim-kiem/", {"q": "trường"}).content.decode()
        # The dashboard (audit) lists the schools only.
        connection.set_schema_to_public()
        get_user_model().objects.create_superuser("canbophong", password=PASSWORD)
        operator = Client(HTTP_HOST="localhost")
        operator.post("/admin/login/", {"username": "canbophong", "password": PASSWORD})
        dashboard = operator.get("/admin/dieu-hanh/")
        assert dashboard.status_code == 200
        assert spare not in dashboard.content.decode()
        assert "Trường mẫu" not in dashboard.content.decode()
        # Fan-outs go over school_list() (dispatch, metrics, search): see above. Migrations
        # walk School rows: the spares are not among the schemas migrate_schemas counts.
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=1)
        schemas = School.objects.exclude(schema_name="public").count()
        assert f"Tenant schemas: {schemas};" in capsys.readouterr().out

    def test_a_stale_spare_is_never_handed_out_and_is_rebuilt(self, pool, settings):
        # What a migration of the template does to it: a new row in django_migrations.
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO school_template.django_migrations (app, name, applied) "
                "VALUES ('core', '9999_probe', now())"
            )
        settings.PORTAL_SCHEMA_POOL_SIZE = 0
        school = school_create(**NEW)
        assert schema_exists(pool[0]) and schema_exists(pool[1]), "no stale spare taken"
        with schema_context(school.schema_name), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations WHERE name = '9999_probe'")
            assert cursor.fetchone()[0] == 1, "the school was cloned from the current template"
        settings.PORTAL_SCHEMA_POOL_SIZE = 2
        assert pool_fill() == 2  # both stale spares dropped, two fresh ones cloned
        assert not schema_exists(pool[0]) and not schema_exists(pool[1])
        fresh = SpareSchema.objects.first().schema_name
        with schema_context(fresh), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations WHERE name = '9999_probe'")
            assert cursor.fetchone()[0] == 1

    def test_a_failure_halfway_leaves_no_school_and_keeps_the_spare(self, pool, settings):
        settings.PORTAL_SCHEMA_POOL_SIZE = 0

        def broken(home):
            raise RuntimeError("disk full while personalising")

        before = (School.objects.count(), Domain.objects.count())
        with (
            hooks.register_temporarily("portal_personalise_school", broken),
            pytest.raises(RuntimeError),
        ):
            school_create(**NEW)
        assert (School.objects.count(), Domain.objects.count()) == before
        assert not schema_exists("mn_sen_hong")
        assert list(SpareSchema.objects.values_list("schema_name", flat=True)) == pool
        assert all(schema_exists(name) for name in pool)
        school = school_create(**NEW)  # and the spare still works
        assert schema_exists(school.schema_name) and not schema_exists(pool[0])

    def test_discard_drops_every_spare(self, pool):
        assert pool_discard() == 2
        assert not SpareSchema.objects.exists()
        assert not any(schema_exists(name) for name in pool)

    def test_take_needs_the_callers_transaction(self, django_db_setup, django_db_blocker):
        # Outside a transaction the row lock would end at once: two creations could race.
        with django_db_blocker.unblock(), pytest.raises(RuntimeError):
            spare_take(new_schema_name="khong_co")


@pytest.mark.usefixtures("django_db_blocker")
class ConcurrentCreationTests:
    """Real commits and two connections: the creations must overlap to prove anything."""

    @pytest.fixture
    def committed(self, django_db_setup, django_db_blocker, settings):
        settings.PORTAL_SCHEMA_POOL_SIZE = 0  # nothing refills behind the test's back
        slugs = ["mn-song-song-1", "mn-song-song-2"]
        with django_db_blocker.unblock():
            yield slugs
            connection.set_schema_to_public()
            for school in School.objects.filter(slug__in=slugs):
                school_delete(school=school)
            pool_discard()

    def _create_both(self, slugs, *, barrier: bool = True):
        both_in_transaction = threading.Barrier(2, timeout=30)
        results, errors = {}, []

        def wait_for_the_other(home):
            both_in_transaction.wait()  # each holds its spare's lock until the other has one

        def create(slug):
            try:
                results[slug] = school_create(
                    name=f"Trường Mầm non Song Song {slug[-1]}",
                    slug=slug,
                    domain=f"{slug}.localhost",
                    level="mam_non",
                ).schema_name
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()

        hook = wait_for_the_other if barrier else (lambda home: None)
        with hooks.register_temporarily("portal_personalise_school", hook):
            threads = [threading.Thread(target=create, args=(slug,)) for slug in slugs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        assert not errors, errors
        return results

    def test_two_creations_at_once_get_two_different_spares(self, committed):
        assert pool_fill(size=2) == 2
        spares = list(SpareSchema.objects.values_list("schema_name", flat=True))
        results = self._create_both(committed)
        assert set(results) == set(committed)
        assert not SpareSchema.objects.exists(), "each creation took one spare"
        assert not any(schema_exists(name) for name in spares)
        for slug, schema_name in results.items():
            with schema_context(schema_name):
                assert SchoolHomePage.objects.get().title.endswith(slug[-1])

    def test_one_spare_two_creations_one_clones(self, committed):
        assert pool_fill(size=1) == 1
        results = self._create_both(committed)
        assert set(results) == set(committed)
        assert not SpareSchema.objects.exists()
        assert len(set(results.values())) == 2
        for schema_name in results.values():
            assert schema_exists(schema_name)

    def test_two_clones_at_once_both_succeed(self, committed):
        # django-tenants re-created its clone function and two helper types in every clone,
        # so clones at the same time failed or waited on each other's catalogue rows
        # (schools.clone). They still take turns on the foreign keys to the shared content
        # types (PostgreSQL locks the referenced table), but both complete.
        assert not SpareSchema.objects.exists()
        results = self._create_both(committed, barrier=False)
        assert set(results) == set(committed)
        for schema_name in results.values():
            with schema_context(schema_name):
                assert SchoolHomePage.objects.get().live

    def test_a_refill_in_progress_does_not_hold_up_a_school_from_the_pool(self, committed):
        from django.db import transaction

        from schools.clone import FastCloneSchema

        assert pool_fill(size=1) == 1
        cloning, release = threading.Event(), threading.Event()
        held_while_created = []

        def refill_in_progress():
            try:
                with transaction.atomic():
                    FastCloneSchema().clone_schema("school_template", "pool_dang_sao_chep")
                    cloning.set()
                    release.wait(60)
                    raise RuntimeError("roll back the half-made spare")
            except RuntimeError:
                pass
            finally:
                connections.close_all()

        worker = threading.Thread(target=refill_in_progress)
        worker.start()
        try:
            assert cloning.wait(60)
            school_create(
                name="Trường Mầm non Song Song 1",
                slug=committed[0],
                domain=f"{committed[0]}.localhost",
                level="mam_non",
            )
            held_while_created.append(not release.is_set())
        finally:
            release.set()
            worker.join(60)
        assert held_while_created == [True], "created while the clone's transaction was open"
        assert not schema_exists("pool_dang_sao_chep")
