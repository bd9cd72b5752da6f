"""Where a search query's time goes: cProfile of each query type of ``bench.search``.

Not one of the default benchmarks (``python -m bench search_profile``, or
``make bench BENCH_ARGS="search_profile"``): it prepares the same data as ``bench.search``
(``BENCH_SEARCH_SCHOOLS`` schools, default 100) and prints the functions that took the most
time, per engine and query type. ``BENCH_PROFILE_ENGINES`` (default ``whoosh,postgres``)
and ``BENCH_PROFILE_TYPES`` (default every type) narrow it down.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import random
import tempfile
import time
from pathlib import Path

from bench.search import PORTAL_RUNS, SCHOOLS, _prepare, _queries, _schools, _stats, _timed
from bench.search_corpus import PLAIN, corpus

TOP = 25


def _profiled(label: str, calls: list) -> dict:
    profile = cProfile.Profile()
    samples = []
    for call in calls:
        began = time.perf_counter()
        profile.enable()
        call()
        profile.disable()
        samples.append(time.perf_counter() - began)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(TOP)
    print(f"=== {label}: {_stats(samples)} (under cProfile)")
    print(out.getvalue(), flush=True)
    return _stats(samples)


def run() -> dict:
    from sitesearch.selectors import search_all_schools, search_school

    engines = os.environ.get("BENCH_PROFILE_ENGINES", "whoosh,postgres").split(",")
    wanted = os.environ.get("BENCH_PROFILE_TYPES", "")
    documents, _targets = corpus()
    schools = _schools(SCHOOLS)
    first = schools[0].schema_name
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-search-profile-") as root:
        for backend in engines:
            prepared = _prepare(backend, schools, documents, Path(root))
            print(f"=== {backend} indexing: {prepared}", flush=True)
            types = _queries(random.Random(7), documents)
            types["portal"] = [(PLAIN[n % len(PLAIN)], None) for n in range(PORTAL_RUNS)]
            for name, queries in types.items():
                if wanted and name not in wanted.split(","):
                    continue
                if name == "portal":
                    calls = [lambda q=q: search_all_schools(q[0], q[1]) for q in queries]
                else:
                    calls = [lambda q=q: search_school(first, q[0], q[1]) for q in queries]
                calls[0]()  # warm
                samples = [_timed(call) for call in calls]
                figures[f"{backend}.{name}.unprofiled"] = _stats(samples)
                print(f"=== {backend} {name}: {_stats(samples)} (not profiled)", flush=True)
                figures[f"{backend}.{name}"] = _profiled(f"{backend} {name}", calls)
    return figures
