"""N real school schemas on one machine (R1.1, R1.4, R10.2): what grows with the schools.

``python -m bench scale --schools 2000`` (``make bench`` runs it with 2,000). Every school is
a real one, made by ``schools.services.school_create`` with its own schema (about 325
catalogue relations each), in a database of its own (``portal_scale``, created at the
start and dropped at the end), so the other benchmarks are not affected.

Measured in one run, in this order:

- provisioning, one school at a time: the first 10 and the last 10 schools through the
  clone path, 10 through the pool after the first 10 and 10 at the end (the pool refilled
  untimed between them); the schools in between are made by two processes, untimed;
- ``pg_dump`` of one school with 20 schools and again with N, and the dump that
  ``backup_school`` writes (``backup.schemadump``: the template's DDL around the school's rows);
- the catalogue's size, and one PostgreSQL backend's memory after it has served the pages
  of 100 schools;
- the first request of a school on a warm process and connection against the second
  (``bench.cold``: CPU of the web process and of its backend, queries, catalogue reads);
- public pages under gunicorn (4 workers, production settings, page cache off so every
  request reaches PostgreSQL) with wrk: requests spread over 5 schools, then over all N
  schools, same server, same run;
- the operator's dashboard: gathering every school's metrics (one process) and rendering
  the table of N schools;
- the operator portal's search over every school, both engines, against the same search
  over the first 100 schools (``bench.scale_search``);
- ``migrate_schemas`` with one small new migration (a nullable column) over every school,
  then a no-op ``migrate_schemas`` and a no-op ``setup_platform`` (the deploy of nothing).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.cold import measure as cold_measure
from bench.scale_db import catalogue, pg_dump_seconds, school_dump_seconds
from bench.scale_http import ROOT, _backend_after_100_schools, _pages
from bench.scale_search import portal_search

DATABASE = "portal_scale"
PASSWORD = "BenchMark@2026"
LEVELS = [("tieu_hoc", "Tiểu học"), ("thcs", "THCS"), ("mam_non", "Mầm non")]
PROBE = "9999_bench_scale_probe"


# --- in the bench database: make a database of our own and run the rest in a subprocess ---


def _scale_database_url() -> str:
    url = os.environ["DATABASE_URL"]
    parts = urlsplit(url)
    return parts._replace(path=f"/{DATABASE}").geturl()


def _admin_sql(sql: str) -> None:
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(sql)


def run(schools: int | None = None) -> dict:
    from django.conf import settings

    count = schools or int(os.environ.get("BENCH_SCALE_SCHOOLS", "2000"))
    _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{DATABASE}"')
    data_dir = ROOT / ".data" / "bench-scale"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    output = data_dir / "figures.json"
    env = {
        **os.environ,
        "DATABASE_URL": _scale_database_url(),
        "PORTAL_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "PORTAL_SCHEMA_POOL_SIZE": "0",
        "CACHE_KEY_PREFIX": "bench-scale",
        "STATIC_ROOT": str(settings.STATIC_ROOT),
    }
    try:
        subprocess.run(
            [sys.executable, "-m", "bench.scale", "--schools", str(count), str(output)],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return json.loads(output.read_text())
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(data_dir, ignore_errors=True)


# --- in the scale database ----------------------------------------------------------------


def _log(message: str) -> None:
    print(f"[scale {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _school_fields(index: int) -> dict:
    code, label = LEVELS[index % len(LEVELS)]
    slug = f"sc-{index:04d}"
    return {
        "name": f"Trường {label} Số {index}",
        "slug": slug,
        "domain": f"{slug}.localhost",
        "level": code,
        "district": f"Phường {index % 24 + 1}",
        "address": f"{index} đường số {index % 40 + 1}",
        "phone": f"(028) 3{index:07d}"[:15],
        "email": f"truong{index}@pgdbinhtan.edu.vn",
    }


def _create(index: int) -> float:
    from schools.services import school_create

    started = time.perf_counter()
    school_create(**_school_fields(index))
    return time.perf_counter() - started


def _create_range(indexes: list[int]) -> None:
    from django.db import connections

    connections.close_all()
    for index in indexes:
        _create(index)
    connections.close_all()


def _bulk_create(start: int, stop: int, processes: int = 2) -> float:
    """Schools start..stop-1 by ``processes`` forked workers; returns the seconds spent."""
    from django.db import connections

    started = time.perf_counter()
    indexes = list(range(start, stop))
    chunks = [indexes[i::processes] for i in range(processes)]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_create_range, args=(chunk,)) for chunk in chunks]
    for worker in workers:
        worker.start()
    last = time.perf_counter()
    while any(worker.is_alive() for worker in workers):
        time.sleep(2)
        if time.perf_counter() - last > 60:
            last = time.perf_counter()
            from schools.models import School

            _log(f"  … {School.objects.filter(slug__startswith='sc-').count()} schools")
            connections.close_all()
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise RuntimeError(f"a creating process failed ({worker.exitcode})")
    return time.perf_counter() - started


def _timed_creations(indexes: list[int], *, pool: bool) -> list[float]:
    from schools.pool import pool_fill

    if pool:
        pool_fill(size=len(indexes))  # untimed: the worker does this in the background
    return [_create(index) for index in indexes]


def _stats(samples: list[float], prefix: str, scale: float = 1.0) -> dict:
    ordered = sorted(samples)
    return {
        f"{prefix}_median": statistics.median(ordered) * scale,
        f"{prefix}_max": ordered[-1] * scale,
    }


def _dashboard(count: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from dashboard.services import metrics_refresh
    from schools.selectors import school_list

    schools = list(school_list())
    started = time.perf_counter()
    for school in schools:
        metrics_refresh(school=school)
    gather = time.perf_counter() - started
    connection.set_schema_to_public()
    get_user_model().objects.create_superuser("benchscale", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")
    client.post("/admin/login/", {"username": "benchscale", "password": PASSWORD})
    started = time.perf_counter()
    response = client.get("/admin/dieu-hanh/")
    render = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"dashboard answered {response.status_code}")
    from django.test import override_settings

    with override_settings(PORTAL_PAGE_CACHE_ENABLED=False):
        started = time.perf_counter()
        portal = Client(HTTP_HOST="localhost").get("/")
        portal_seconds = time.perf_counter() - started
    if portal.status_code != 200:
        raise RuntimeError(f"the operator portal answered {portal.status_code}")
    return {
        "portal_home_uncached_seconds": portal_seconds,
        "portal_home_kib": len(portal.content) / 1024,
        "dashboard_gather_seconds_all_schools_one_process": gather,
        "dashboard_gather_ms_per_school": gather * 1000 / len(schools),
        "dashboard_render_seconds": render,
    }


def _manage(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def _migrations() -> dict:
    """One small new migration over every school, then a deploy with nothing new."""
    from django.db.migrations.loader import MigrationLoader

    leaf = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("core")[0][1]
    probe = ROOT / "core" / "migrations" / f"{PROBE}.py"
    probe.write_text(
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [('core', '{leaf}')]\n"
        "    operations = [migrations.AddField('schoolprofile', 'bench_probe', "
        "models.IntegerField(null=True))]\n"
    )
    try:
        one = _manage("migrate_schemas", "--tenant", "--noinput")
        noop = _manage("migrate_schemas", "--tenant", "--noinput")
        deploy = _manage("setup_platform")
    finally:
        probe.unlink()
    return {
        "migrate_one_migration_all_schools_seconds": one,
        "migrate_nothing_pending_seconds": noop,
        "setup_platform_nothing_new_seconds": deploy,
    }


def main(count: int, output: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from schools.models import Domain, School

    figures: dict = {"schools": count}
    _log("setup_platform")
    call_command("setup_platform", verbosity=0)
    first, tail = 10, 10
    _log("first schools (clone, then pool)")
    clone_first = _timed_creations(list(range(1, first + 1)), pool=False)
    pool_first = _timed_creations(list(range(first + 1, 2 * first + 1)), pool=True)
    dump_at_20 = pg_dump_seconds("sc_0001")
    backup_dump_at_20 = school_dump_seconds("sc_0001")
    bulk_stop = max(2 * first + 1, count - 2 * tail + 1)
    _log(f"bulk creation up to {bulk_stop - 1}")
    bulk = _bulk_create(2 * first + 1, bulk_stop)
    _log("last schools (clone, then pool)")
    clone_last = _timed_creations(list(range(bulk_stop, bulk_stop + tail)), pool=False)
    pool_last = _timed_creations(list(range(bulk_stop + tail, bulk_stop + 2 * tail)), pool=True)
    made = School.objects.filter(slug__startswith="sc-").count()
    figures.update(
        {
            "schools_created": made,
            **_stats(clone_first, "clone_first_10_seconds"),
            **_stats(clone_last, "clone_last_10_seconds"),
            "clone_last_over_first_median": statistics.median(clone_last)
            / statistics.median(clone_first),
            **_stats(pool_first, "pool_first_10_seconds"),
            **_stats(pool_last, "pool_last_10_seconds"),
            "pool_last_over_first_median": statistics.median(pool_last)
            / statistics.median(pool_first),
            "bulk_schools_per_second_two_processes": (bulk_stop - 2 * first - 1) / bulk
            if bulk
            else 0,
        }
    )
    _log("pg_dump, catalogue, backend memory")
    figures["pg_dump_one_school_seconds_at_20"] = dump_at_20
    figures["pg_dump_one_school_seconds_at_all"] = pg_dump_seconds("sc_0001")
    figures["backup_dump_one_school_seconds_at_20"] = backup_dump_at_20
    figures["backup_dump_one_school_seconds_at_all"] = school_dump_seconds("sc_0001")
    figures.update(catalogue())
    hosts = list(
        Domain.objects.filter(tenant__slug__startswith="sc-").values_list("domain", flat=True)
    )
    random.shuffle(hosts)
    figures.update(_backend_after_100_schools(hosts))
    _log("first vs second request of a school, in one process")
    unseen = hosts[100:]  # schools this process has not served yet
    if len(unseen) > 1:
        figures.update(cold_measure(unseen))
    _log("public pages under gunicorn")
    figures.update(_pages(hosts, hosts[:5]))
    _log("dashboard")
    figures.update(_dashboard(made))
    _log("portal search over every school")
    schema_names = list(
        School.objects.filter(slug__startswith="sc-")
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )
    figures.update(portal_search(schema_names))
    _log("migrations")
    figures.update(_migrations())
    figures["method"] = (
        "real schemas made by school_create in a database of their own; provisioning timed "
        "one school at a time without an admin password (its PBKDF2 hash alone is ~0.3 s); "
        "pages under gunicorn with the page cache off (a cached page never reaches "
        "PostgreSQL), wrk 1 thread 8 connections over 6 sections of 5 schools, then of every "
        "school; migration: one AddField over every school by manage.py migrate_schemas"
    )
    output.write_text(json.dumps(figures, indent=2, ensure_ascii=False, default=float))
    # The indexing and refill tasks the creations queued: nobody runs them (no worker), and
    # the database they name is dropped next.
    from portal.celery import app

    app.control.purge()
    _log("done")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("output", type=Path)
    arguments = parser.parse_args()
    main(arguments.schools, arguments.output)
