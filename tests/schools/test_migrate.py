"""migrate_schemas over every school (R1.1 at scale): skip what is done, name what failed,
finish the rest on a re-run; setup_platform skips schools already in line with the template.

The pending migration is a real one, Wagtail's ``wagtailembeds.0009_embed_cache_until``
(adds a column), made pending again in chosen schools by removing its column and its row.
"""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context

from schools.migrate import schema_fingerprints
from schools.models import School
from schools.selectors import template_stamp
from schools.services import schools_sync

APP, NAME = "wagtailembeds", "0009_embed_cache_until"


def _unapply(schema_name: str, *, keep_column: bool = False) -> None:
    """Make the migration pending in one schema; with ``keep_column`` re-applying fails."""
    with schema_context(schema_name), connection.cursor() as cursor:
        if not keep_column:
            cursor.execute("ALTER TABLE wagtailembeds_embed DROP COLUMN cache_until")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [APP, NAME])


def _applied(schema_name: str) -> bool:
    with schema_context(schema_name), connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_migrations WHERE app = %s AND name = %s", [APP, NAME]
        )
        recorded = cursor.fetchone()[0] == 1
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = 'wagtailembeds_embed' AND column_name = 'cache_until'",
            [schema_name],
        )
        return recorded and cursor.fetchone()[0] == 1


@pytest.fixture
def one_process(settings):
    # In this process, so the test's transaction (and its rollback) covers the migrations.
    settings.TENANT_MULTIPROCESSING_MAX_PROCESSES = 1


def _migrate(capsys) -> str:
    call_command("migrate_schemas", tenant=True, interactive=False, verbosity=1)
    return capsys.readouterr().out


class MigrateSchemasTests:
    def test_nothing_pending_migrates_nothing(self, school_a, school_b, one_process, capsys):
        out = _migrate(capsys)
        tenants = School.objects.exclude(schema_name="public").count()
        assert f"Tenant schemas: {tenants}; up to date: {tenants}; to migrate: 0" in out

    def test_only_schemas_with_pending_migrations_are_migrated(
        self, school_a, school_b, one_process, capsys
    ):
        _unapply(school_a.schema_name)
        out = _migrate(capsys)
        assert "to migrate: 1" in out
        assert "Migrated 1 of 1 schema(s)" in out
        assert _applied(school_a.schema_name) and _applied(school_b.schema_name)

    def test_a_failing_school_is_named_and_a_rerun_finishes_it(
        self, school_a, school_b, one_process, capsys
    ):
        _unapply(school_a.schema_name)
        _unapply(school_b.schema_name, keep_column=True)  # ADD COLUMN will fail there
        with pytest.raises(CommandError) as excinfo:
            _migrate(capsys)
        assert school_b.schema_name in str(excinfo.value)
        assert school_a.schema_name not in str(excinfo.value)
        out = capsys.readouterr().out
        assert f"FAILED {school_b.schema_name}" in out and "already exists" in out
        assert _applied(school_a.schema_name), "the other school was migrated"
        assert not _applied(school_b.schema_name)
        # The cause fixed, a re-run migrates only what is left.
        with schema_context(school_b.schema_name), connection.cursor() as cursor:
            cursor.execute("ALTER TABLE wagtailembeds_embed DROP COLUMN cache_until")
        out = _migrate(capsys)
        assert "to migrate: 1" in out and "failed: 0" in out
        assert _applied(school_b.schema_name)

    def test_fingerprints_group_identical_schemas(self, school_a, school_b):
        prints = schema_fingerprints([school_a.schema_name, school_b.schema_name])
        assert prints[school_a.schema_name] == prints[school_b.schema_name] != ""
        _unapply(school_a.schema_name)
        prints = schema_fingerprints([school_a.schema_name, school_b.schema_name])
        assert prints[school_a.schema_name] != prints[school_b.schema_name]


class SchoolsSyncTests:
    def test_schools_in_line_with_the_template_are_skipped(self, school_a, school_b, one_process):
        stamp = template_stamp(migrations=False)
        School.objects.filter(pk=school_a.pk).update(synced_stamp=stamp)
        School.objects.filter(pk=school_b.pk).update(synced_stamp="old")
        messages = []
        results = schools_sync(write=messages.append)
        assert [result.schema_name for result in results] == [school_b.schema_name]
        assert School.objects.get(pk=school_b.pk).synced_stamp == stamp
        assert schools_sync(write=messages.append) == []

    def test_force_syncs_every_school_and_repairs_a_deleted_section(
        self, school_a, school_b, one_process
    ):
        from news.models import NewsIndexPage

        stamp = template_stamp(migrations=False)
        School.objects.update(synced_stamp=stamp)
        with schema_context(school_a.schema_name):
            NewsIndexPage.objects.get().delete()
        assert schools_sync(write=lambda _m: None) == []  # the template did not change
        results = schools_sync(force=True, write=lambda _m: None)
        assert {r.schema_name for r in results} >= {school_a.schema_name, school_b.schema_name}
        with schema_context(school_a.schema_name):
            assert NewsIndexPage.objects.count() == 1

    def test_a_changed_template_syncs_every_school(self, school_a, school_b, one_process):
        School.objects.update(synced_stamp=template_stamp(migrations=False))
        with schema_context("school_template"), connection.cursor() as cursor:
            cursor.execute(
                "UPDATE wagtailcore_workflow SET active = NOT active WHERE id = (SELECT min(id) FROM wagtailcore_workflow)"
            )
        results = schools_sync(write=lambda _m: None)
        assert {r.schema_name for r in results} >= {school_a.schema_name, school_b.schema_name}
