"""The served-pages part of ``bench.scale``: public pages under gunicorn with wrk, and the
memory of the PostgreSQL backends that served them.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import collect_static
from bench.wrk import wrk_available, wrk_run

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_SCALE_PORT", "8126"))
WRK_SECONDS = int(os.environ.get("BENCH_SCALE_WRK_SECONDS", "20"))
WORKERS = 4
CONNECTIONS = 8
PATHS = ["/", "/tin-tuc/", "/van-ban/", "/cong-khai/", "/gop-y/", "/gioi-thieu/"]


def _backend_memory_mib() -> tuple[float, float]:
    """(all memory contexts, CacheMemoryContext and its children) of this backend, MiB."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(total_bytes) FROM pg_backend_memory_contexts")
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT sum(total_bytes) FROM pg_backend_memory_contexts "
            "WHERE name = 'CacheMemoryContext' OR path[2] = "
            "(SELECT path[2] FROM pg_backend_memory_contexts WHERE name = 'CacheMemoryContext')"
        )
        cache = cursor.fetchone()[0] or 0
    return float(total) / 2**20, float(cache) / 2**20


def _backend_after_100_schools(hosts: list[str]) -> dict:
    """One connection serves home and news of 100 schools in-process; its memory after."""
    from django.db import connection
    from django.test import Client

    connection.close()
    connection.set_schema_to_public()
    before_total, before_cache = _backend_memory_mib()
    for host in hosts[:100]:
        client = Client(HTTP_HOST=host)
        for path in ("/", "/tin-tuc/"):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"{host}{path} answered {response.status_code}")
    connection.set_schema_to_public()
    after_total, after_cache = _backend_memory_mib()
    return {
        "backend_memory_mib_fresh": before_total,
        "backend_memory_mib_after_100_schools": after_total,
        "backend_cache_mib_after_100_schools": after_cache,
        "backend_memory_kib_per_school": (after_total - before_total) * 1024 / 100,
    }


def _warm(hosts: list[str]) -> None:
    import urllib.request

    for host in hosts:
        for path in PATHS:
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}{path}", headers={"Host": host}
            )
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                response.read()


def _pages(hosts: list[str], few: list[str]) -> dict:
    import psutil

    if not wrk_available():
        return {"pages_skipped": "wrk is not installed (apt-get install wrk)"}
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "*",
        "PORTAL_PAGE_CACHE_ENABLED": "false",
    }
    collect_static(env)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "portal.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _warm(few[:1])
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        _warm(few)
        at_few = wrk_run(few, PATHS, CONNECTIONS, WRK_SECONDS, PORT)
        at_all = wrk_run(hosts, PATHS, CONNECTIONS, WRK_SECONDS, PORT)
        at_few_again = wrk_run(few, PATHS, CONNECTIONS, WRK_SECONDS, PORT)
        workers = psutil.Process(server.pid).children()
        worker_rss = [w.memory_info().rss / 2**20 for w in workers]
        backends = _gunicorn_backends_rss()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
    figures = {}
    for label, data in (("5", at_few), ("all", at_all), ("5_again", at_few_again)):
        seconds = data["duration_us"] / 1e6
        figures[f"pages_{label}_schools_rps"] = data["requests"] / seconds
        figures[f"pages_{label}_schools_p50_ms"] = data["p50_us"] / 1000
        figures[f"pages_{label}_schools_p95_ms"] = data["p95_us"] / 1000
        figures[f"pages_{label}_schools_errors"] = data["errors"]
    figures["pages_p95_all_over_5_schools"] = at_all["p95_us"] / at_few["p95_us"]
    figures["pages_p50_all_over_5_schools"] = at_all["p50_us"] / at_few["p50_us"]
    figures["web_worker_rss_mib_max"] = max(worker_rss) if worker_rss else 0
    figures["web_backend_rss_mib_max"] = max(backends) if backends else 0
    return figures


def _gunicorn_backends_rss() -> list[float]:
    """Resident memory of the PostgreSQL backends serving the web workers (MiB)."""
    import psutil
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        pids = [row[0] for row in cursor.fetchall()]
    sizes = []
    for pid in pids:
        try:
            memory = psutil.Process(pid).memory_full_info()
            sizes.append(memory.uss / 2**20)  # private memory: caches, not shared buffers
        except (psutil.Error, AttributeError):
            continue
    return sizes
