"""What a page costs the first time a process and its PostgreSQL connection serve its school.

At 2,000 schools nearly every request of a web worker is the first for its school on that
worker and on that worker's database connection (``bench.scale``'s pages over all schools);
at 5 schools none is. This measures the difference directly, in one process: for
``SAMPLES`` schools the process has not served, each public path is requested twice on a
connection that is already open and warm for another school, and the first (cold) and second
(warm) requests are compared: wall time, SQL time, queries, distinct relations named in the
SQL, and the PostgreSQL backend's catalogue cache growth. The queries only the cold request
ran are listed (normalised), since they are per-school warm-up of the application.

``measure(hosts)`` is called by ``bench.scale`` (figures ``cold_*`` in ``scale.json``);
``python -m bench cold`` runs it on the bench database's schools (made if missing).
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from pathlib import Path

PATHS = ["/", "/tin-tuc/", "/van-ban/", "/cong-khai/", "/gop-y/", "/gioi-thieu/"]
SAMPLES = 24
_RELATION = re.compile(r'(?:FROM|JOIN|UPDATE|INTO)\s+"?([a-z_][a-z0-9_]*)"?', re.IGNORECASE)
_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")


def _normalised(sql: str) -> str:
    return _LITERALS.sub("?", sql)[:160]


class _Recorder:
    """``connection.execute_wrapper`` that keeps each query's SQL and seconds."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, float]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((sql, time.perf_counter() - started))


def _cache_kib() -> float:
    """The backend's CacheMemoryContext and its children (relcache, catcache), KiB."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts "
            "WHERE name = 'CacheMemoryContext' OR path[2] = "
            "(SELECT path[2] FROM pg_backend_memory_contexts WHERE name = 'CacheMemoryContext')"
        )
        return float(cursor.fetchone()[0]) / 1024


def _buffers() -> tuple[int, int]:
    """(blocks read into shared buffers, blocks found there) by this backend so far."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")
        cursor.execute(
            "SELECT coalesce(sum(reads), 0), coalesce(sum(hits), 0) "
            "FROM pg_stat_get_backend_io(pg_backend_pid())"
        )
        reads, hits = cursor.fetchone()
    return int(reads), int(hits)


def _backend_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend (same machine), from the kernel."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e9
    except OSError:  # PostgreSQL on another machine
        return 0.0


def _request(client, path: str) -> dict:
    from django.db import connection

    recorder = _Recorder()
    before = _cache_kib()
    reads, hits = _buffers()
    backend_cpu = _backend_cpu_seconds()
    with connection.execute_wrapper(recorder):
        started = time.perf_counter()
        cpu = time.process_time()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu
    backend_cpu = _backend_cpu_seconds() - backend_cpu
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    sql_seconds = sum(seconds for _, seconds in recorder.queries)
    reads_after, hits_after = _buffers()
    relations = {m.lower() for sql, _ in recorder.queries for m in _RELATION.findall(sql)}
    return {
        "ms": elapsed * 1000,
        "sql_ms": sql_seconds * 1000,
        "python_ms": (elapsed - sql_seconds) * 1000,
        "web_cpu_ms": cpu * 1000,
        "db_cpu_ms": backend_cpu * 1000,
        "cpu_ms": (cpu + backend_cpu) * 1000,
        "queries": len(recorder.queries),
        "relations": len(relations),
        "catalogue_cache_kib": _cache_kib() - before,
        "buffer_reads": reads_after - reads,
        "buffer_hits": hits_after - hits,
        "sql": [_normalised(sql) for sql, _ in recorder.queries],
    }


def measure(hosts: list[str], samples: int = SAMPLES) -> dict:
    """First vs second request of one path (in turn) on ``samples`` unseen schools."""
    from django.db import connection
    from django.test import Client, override_settings

    with override_settings(PORTAL_PAGE_CACHE_ENABLED=False):
        warm_up = Client(HTTP_HOST=hosts[0])
        for path in PATHS:
            warm_up.get(path)
            warm_up.get(path)
        first, second = [], []
        only_cold: Counter[str] = Counter()
        for index, host in enumerate(hosts[1 : samples + 1]):
            client = Client(HTTP_HOST=host)
            path = PATHS[index % len(PATHS)]
            cold, warm = _request(client, path), _request(client, path)
            first.append(cold)
            second.append(warm)
            left = Counter(cold["sql"])
            left.subtract(warm["sql"])
            only_cold.update({sql: n for sql, n in left.items() if n > 0})
    connection.set_schema_to_public()
    figures: dict = {"cold_samples": len(first)}
    keys = ("ms", "cpu_ms", "web_cpu_ms", "db_cpu_ms", "sql_ms", "python_ms", "queries")
    for key in (*keys, "relations", "catalogue_cache_kib", "buffer_reads", "buffer_hits"):
        cold = statistics.median(r[key] for r in first)
        warm = statistics.median(r[key] for r in second)
        figures[f"cold_first_{key}_median"] = cold
        figures[f"cold_second_{key}_median"] = warm
    for key in ("ms", "cpu_ms"):
        figures[f"cold_first_over_second_{key}"] = (
            figures[f"cold_first_{key}_median"] / figures[f"cold_second_{key}_median"]
        )
    # One string (kept in the JSON file, left out of the summary table): "per request × SQL".
    figures["cold_queries_only_in_first"] = " | ".join(
        f"{n / len(first):.2f} × {sql}" for sql, n in only_cold.most_common(15)
    )
    return figures


def run() -> dict:
    """``python -m bench cold``: the bench database's schools, made up to ``SCHOOLS``."""
    import random

    from bench.load import ensure_schools

    hosts = ensure_schools(SAMPLES + 1)[0]
    random.shuffle(hosts)
    return measure(hosts)
