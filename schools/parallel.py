"""Work over many school schemas in forked processes, with a counted progress line.

Used where a deploy touches every school (migrations, section sync): with 2,000 schools a
sequential loop is the difference between minutes and an hour. Workers are forked, so they
inherit the loaded Django apps and whatever the parent prepared; each opens its own
database connection.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connections


@dataclass
class SchemaResult:
    """What happened to one schema; ``error`` is empty when it succeeded."""

    schema_name: str
    seconds: float
    detail: int = 0
    error: str = ""


def worker_count(jobs: int) -> int:
    """``TENANT_MULTIPROCESSING_MAX_PROCESSES``, or one per CPU, never more than jobs."""
    configured = getattr(settings, "TENANT_MULTIPROCESSING_MAX_PROCESSES", None)
    wanted = configured or os.cpu_count() or 1
    return max(1, min(int(wanted), jobs))


def map_schemas(
    function: Callable[..., SchemaResult],
    jobs: list,
    *,
    write: Callable[[str], None],
    label: str,
    progress_seconds: float = 5.0,
) -> list[SchemaResult]:
    """Run ``function(job)`` for every job, in parallel; results in completion order.

    ``function`` must be a module-level function (it is sent to the workers by name) and
    must catch its own errors into ``SchemaResult.error``, so one school never stops the
    others.
    """
    started = last = time.perf_counter()
    results: list[SchemaResult] = []

    def record(result: SchemaResult) -> None:
        nonlocal last
        results.append(result)
        if result.error:
            write(f"  {result.schema_name}: FAILED ({result.error})")
        now = time.perf_counter()
        if now - last >= progress_seconds or len(results) == len(jobs):
            last = now
            failed = sum(1 for r in results if r.error)
            write(
                f"  {label} {len(results)}/{len(jobs)} schemas "
                f"({failed} failed, {now - started:.0f} s)"
            )

    processes = worker_count(len(jobs))
    if processes == 1:
        for job in jobs:
            record(function(job))
        return results
    for alias in connections:
        connections[alias].close()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=processes) as workers:
        outcomes: Iterable[SchemaResult] = workers.imap_unordered(function, jobs, chunksize=1)
        for result in outcomes:
            record(result)
    return results
