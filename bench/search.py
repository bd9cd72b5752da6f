"""Search: both engines side by side on the same 10,000 documents per school (R4.2, R9.3).

For each engine (Whoosh, PostgreSQL): the documents of one real school written in one
rebuild commit through ``sitesearch.backend.documents_write`` (what the Celery tasks and
``rebuild_search_index`` end in; pages and attachment extraction are not measured), its
index size, then copies for 100 real schools (created once by ``schools.services
.school_create``; the Whoosh index directory copied, the PostgreSQL rows copied with
``INSERT … SELECT``), then query latency through ``selectors.search_school`` and
``selectors.search_all_schools`` (snippets included, as the results page uses them) and a
relevance check: labelled queries whose page must be in the top 3.

The documents and the labelled queries are in ``bench.search_corpus``.
"""

from __future__ import annotations

import datetime
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.search_corpus import DOCUMENTS, LABELLED, PLAIN, corpus

SCHOOLS = int(os.environ.get("BENCH_SEARCH_SCHOOLS", "100"))
RUNS = 60
PORTAL_RUNS = 30


def _schools(count: int) -> list:
    from schools.models import School
    from schools.services import school_create

    schools = []
    for index in range(1, count + 1):
        slug = f"tk-{index:03d}"
        school = School.objects.filter(slug=slug).first()
        if school is None:
            school = school_create(
                name=f"Trường THCS Tìm Kiếm {index}",
                slug=slug,
                domain=f"{slug}.localhost",
                level="thcs",
            )
        schools.append(school)
    return schools


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(ordered) * 1000, 2),
        "p95": round(ordered[max(0, int(0.95 * len(ordered)) - 1)] * 1000, 2),
        "max": round(ordered[-1] * 1000, 2),
        "n": len(ordered),
    }


def _timed(call) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def _pg_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('public.sitesearch_entry')")
        return cursor.fetchone()[0]


def _pg_vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL public.sitesearch_entry")


def _pg_copy(source: str, schema_names: list[str]) -> None:
    columns = (
        "page_id, url, title, kind, school_year, date, summary, snippet_body, "
        "snippet_attach, identifiers, doc_f"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM public.sitesearch_entry WHERE schema_name = ANY(%s)", [schema_names]
        )
        # Loading a million rows is faster with the text index built once afterwards.
        cursor.execute("DROP INDEX IF EXISTS public.sitesearch_entry_doc_f")
        cursor.execute(
            f"INSERT INTO public.sitesearch_entry (schema_name, {columns}) "  # noqa: S608
            f"SELECT s.name, {columns} FROM public.sitesearch_entry "
            "CROSS JOIN unnest(%s::text[]) AS s(name) WHERE schema_name = %s",
            [schema_names, source],
        )
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(
            "CREATE INDEX sitesearch_entry_doc_f ON public.sitesearch_entry "
            "USING gin (schema_name, doc_f)"
        )
        cursor.execute("ANALYZE public.sitesearch_entry")


def _queries(rng: random.Random, documents) -> dict[str, list]:
    from sitesearch.analysis import fold
    from sitesearch.selectors import SearchFilters

    numbers = [doc.identifiers[0] for doc in documents if doc.identifiers]
    kinds = ["news", "documents", "disclosure", "procedures", "pages"]
    plain = [(PLAIN[n % len(PLAIN)], None) for n in range(RUNS)]
    filtered = []
    for n in range(RUNS):
        year = 2019 + n % 6
        choice = n % 4
        if choice == 0:
            filters = SearchFilters(kind=kinds[n % 5])
        elif choice == 1:
            filters = SearchFilters(school_year=f"{year}–{year + 1}")
        elif choice == 2:
            filters = SearchFilters(
                date_from=datetime.date(year, 9, 1), date_to=datetime.date(year, 12, 31)
            )
        else:  # filters only: the newest first
            filters = SearchFilters(kind=kinds[n % 5], date_from=datetime.date(year, 1, 1))
        filtered.append(("" if choice == 3 else PLAIN[n % len(PLAIN)], filters))
    return {
        "plain": plain,
        "accent_free": [(fold(text), None) for text, _ in plain],
        "number_symbol": [(rng.choice(numbers), None) for _ in range(RUNS)],
        "filtered": filtered,
    }


def _prepare(backend: str, schools: list, documents, root: Path) -> dict:
    """The first school's documents written in one rebuild commit, then copied to the other
    schools; the indexing figures."""
    from sitesearch import backend as engine

    settings.PORTAL_SEARCH_BACKEND = backend
    settings.SEARCH_INDEX_ROOT = str(root / backend)
    first = schools[0].schema_name
    others = [school.schema_name for school in schools[1:]]
    for schema_name in [first, *others]:
        engine.index_drop(schema_name)
    if backend == "postgres":
        _pg_vacuum()  # rows of an earlier run would count in the table's size
    started = time.perf_counter()
    # Newest first, as rebuild_search_index writes them (services._indexable_documents).
    newest_first = sorted(documents, key=lambda doc: doc.date, reverse=True)
    engine.documents_write(first, add=newest_first, clear=True, timeout=120.0)
    indexing = time.perf_counter() - started
    if backend == "whoosh":
        path = engine.index_path(first)
        size = sum(item.stat().st_size for item in path.rglob("*") if item.is_file())
        for schema_name in others:
            shutil.copytree(path, engine.index_path(schema_name))
    else:
        size = _pg_size()
        _pg_copy(first, others)
    return {
        "indexing_seconds": round(indexing, 2),
        "indexing_documents_per_second": round(len(documents) / indexing, 1),
        "index_bytes_per_school": size,
    }


def _engine_run(backend: str, schools: list, documents, targets, root: Path) -> dict:
    from sitesearch import backend as engine
    from sitesearch.selectors import search_all_schools, search_school

    figures = _prepare(backend, schools, documents, root)
    first = schools[0].schema_name
    others = [school.schema_name for school in schools[1:]]
    rng = random.Random(7)
    latency = {}
    for name, queries in _queries(rng, documents).items():
        search_school(first, *queries[0])  # warm: an open searcher, a planned query
        latency[name] = _stats(
            [_timed(lambda q=q: search_school(first, q[0], q[1])) for q in queries]
        )
    portal_queries = [PLAIN[n % len(PLAIN)] for n in range(PORTAL_RUNS)]
    search_all_schools(portal_queries[0])
    latency["portal_100_schools"] = _stats(
        [_timed(lambda q=q: search_all_schools(q)) for q in portal_queries]
    )
    figures["query_ms"] = latency

    found = 0
    misses = []
    for text, key in LABELLED:
        urls = [hit.url for hit in search_school(first, text).hits[:3]]
        if f"/trang/{targets[key]}/" in urls:
            found += 1
        else:
            misses.append(text)
    figures["relevance_top3_hit_rate"] = round(found / len(LABELLED), 3)
    figures["relevance_misses"] = misses
    for schema_name in [first, *others]:
        engine.index_drop(schema_name)
    if backend == "postgres":
        _pg_vacuum()
    return figures


def run() -> dict:
    documents, targets = corpus()
    schools = _schools(SCHOOLS)
    load = os.getloadavg()[0]
    result: dict = {
        "method": (
            f"{DOCUMENTS} template-built Vietnamese documents per school written in one "
            f"rebuild commit; {SCHOOLS} real schools hold copies of the same documents "
            "(Whoosh: the index directory copied; PostgreSQL: INSERT … SELECT): each school's "
            "matches are walked and scored as for different documents of the same size, but "
            "the portal's best scores tie across schools. Latency through the selectors with "
            "snippets; p95 of each query type."
        ),
        "documents_per_school": DOCUMENTS,
        "schools": SCHOOLS,
        "labelled_queries": len(LABELLED),
        "load_average_at_start": round(load, 2),
        "note": (
            f"{os.cpu_count()} cores; the load averages at start and end tell how quiet the "
            "machine was: figures taken under load are higher than on an idle machine."
        ),
    }
    with tempfile.TemporaryDirectory(prefix="bench-search-") as root:
        for backend in ("whoosh", "postgres"):
            print(f"  search: {backend}", flush=True)
            result[backend] = _engine_run(backend, schools, documents, targets, Path(root))
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    return _flat(result)


def _flat(data: dict, prefix: str = "") -> dict:
    """One level of keys (``whoosh.query_ms.plain.p95``), as the README table lists them."""
    flat: dict = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flat(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(map(str, value)) or "none"
        else:
            flat[name] = value
    return flat
