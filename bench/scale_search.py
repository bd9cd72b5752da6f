"""The operator portal's search over every school of ``bench.scale``'s database (R1.5, R9.3).

Part of ``bench.scale``: after its N real schools exist, each school is given the same 300
documents of ``bench.search_corpus`` (PostgreSQL: one school's rows copied with
``INSERT … SELECT``; Whoosh: its index directory copied), then the portal's search through
``selectors.search_all_schools`` (every active school, as the portal asks) is timed with
the plain-word queries of ``bench.search``: the engine over the first 100 schools and
over all of them (``selectors._search``, in the same run: their ratio is how the portal's
cost grows with the schools), and the portal's results page as it is asked
(``selectors.search_all_schools``: the active schools' rows, the engine, snippets, the
schools' addresses).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

DOCUMENTS_PER_SCHOOL = 300
RUNS = 24


def _timed(call) -> float:
    began = time.perf_counter()
    call()
    return time.perf_counter() - began


def _stats(samples: list[float], prefix: str) -> dict:
    ordered = sorted(samples)
    return {
        f"{prefix}_p50_ms": round(statistics.median(ordered) * 1000, 1),
        f"{prefix}_p95_ms": round(ordered[max(0, int(0.95 * len(ordered)) - 1)] * 1000, 1),
        f"{prefix}_n": len(ordered),
    }


def _engine(backend: str, schema_names: list[str], documents, root: Path) -> dict:
    from django.conf import settings

    from bench.search import _pg_copy
    from bench.search_corpus import PLAIN
    from sitesearch import backend as engine
    from sitesearch.selectors import _search, search_all_schools

    settings.PORTAL_SEARCH_BACKEND = backend
    settings.SEARCH_INDEX_ROOT = str(root)
    first, others = schema_names[0], schema_names[1:]
    engine.documents_write(first, add=documents, clear=True, timeout=120.0)
    if backend == "postgres":
        _pg_copy(first, others)
    else:
        source = engine.index_path(first)
        for schema_name in others:
            shutil.copytree(source, engine.index_path(schema_name))
    queries = [PLAIN[n % len(PLAIN)] for n in range(RUNS)]
    figures: dict = {}
    for label, names in (("first_100_schools", schema_names[:100]), ("all_schools", schema_names)):
        _search(names, queries[0], None, 1, 10)  # warm: open searchers, a planned query
        figures.update(
            _stats(
                [_timed(lambda q=q, n=names: _search(n, q, None, 1, 10)) for q in queries],
                f"{backend}_{label}",
            )
        )
    figures[f"{backend}_all_over_first_100_p50"] = round(
        figures[f"{backend}_all_schools_p50_ms"]
        / max(figures[f"{backend}_first_100_schools_p50_ms"], 0.1),
        2,
    )
    search_all_schools(queries[0])
    figures.update(
        _stats(
            [_timed(lambda q=q: search_all_schools(q)) for q in queries],
            f"{backend}_portal_page",
        )
    )
    for schema_name in schema_names:
        engine.index_drop(schema_name)
    return figures


def portal_search(schema_names: list[str]) -> dict:
    """Figures ``portal_search.*`` of ``bench.scale`` (``schema_names``: its schools)."""
    from bench.search_corpus import corpus

    documents, _targets = corpus(DOCUMENTS_PER_SCHOOL)
    newest_first = sorted(documents, key=lambda doc: doc.date, reverse=True)
    figures: dict = {
        "documents_per_school": DOCUMENTS_PER_SCHOOL,
        "schools": len(schema_names),
    }
    from django.conf import settings

    previous = settings.PORTAL_SEARCH_BACKEND, settings.SEARCH_INDEX_ROOT
    try:
        with tempfile.TemporaryDirectory(prefix="bench-scale-search-") as root:
            for backend in ("postgres", "whoosh"):
                figures.update(_engine(backend, schema_names, newest_first, Path(root) / backend))
    finally:
        settings.PORTAL_SEARCH_BACKEND, settings.SEARCH_INDEX_ROOT = previous
    return {f"portal_search.{key}": value for key, value in figures.items()}
