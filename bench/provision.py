"""Seconds to provision a school: clone of the template vs running every migration (R1.4).

Clone: the real service, ``school_create`` (schema clone + Site + home page + groups +
sections). Migrations: ``CREATE SCHEMA`` + ``migrate_schemas`` for one tenant, without any
default content, so the ratio understates the clone's advantage.
"""

from __future__ import annotations

import statistics
import time

from django.core.management import call_command
from django.db import connection

from schools.models import School
from schools.services import school_create, school_delete

CLONES = 7
MIGRATIONS = 2


def _clone_once(index: int) -> float:
    slug = f"bench-clone-{index}"
    started = time.perf_counter()
    school = school_create(
        name=f"Trường THCS Đo Tốc Độ {index}", slug=slug, domain=f"{slug}.localhost", level="thcs"
    )
    elapsed = time.perf_counter() - started
    school_delete(school=school)
    return elapsed


def _migrate_once(index: int) -> float:
    schema = f"bench_migrate_{index}"
    started = time.perf_counter()
    school = School(schema_name=schema, slug=f"bench-migrate-{index}", name="Đo di trú")
    school.save()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    call_command("migrate_schemas", tenant=True, schema_name=schema, interactive=False, verbosity=0)
    elapsed = time.perf_counter() - started
    connection.set_schema_to_public()
    school.delete(force_drop=True)
    return elapsed


def run() -> dict:
    for school in School.objects.filter(slug__startswith="bench-"):
        school.delete(force_drop=True)
    _clone_once(99)  # warm-up: imports and caches
    clones = [_clone_once(i) for i in range(CLONES)]
    migrations = [_migrate_once(i) for i in range(MIGRATIONS)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname NOT LIKE 'pg_%%'")
        schemas = cursor.fetchone()[0]
    clone_median = statistics.median(clones)
    migrate_median = statistics.median(migrations)
    return {
        "clone_seconds_median": clone_median,
        "clone_seconds_max": max(clones),
        "migrations_seconds_median": migrate_median,
        "migrations_over_clone_ratio": migrate_median / clone_median,
        "clone_samples": CLONES,
        # Clone time used to grow with the number of schemas (schools/clone.py).
        "schemas_in_database": schemas,
        "migration_samples": MIGRATIONS,
    }
