"""The operator dashboard at scale (issue: 2,000 schools open in about a second).

Gathering: ``metrics_refresh`` on real school schemas, seconds per school (median); a sweep
of N schools is N independent tasks, so its cost is reported as N × per-school seconds on
one worker process. Rendering: the dashboard table and the XLSX export read only the shared
metrics table, measured with 100 / 500 / 2,000 registry rows (rows without schemas, which
the page never enters).
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from dashboard.models import SchoolMetrics
from dashboard.services import metrics_refresh
from schools.models import School
from schools.selectors import school_list

SIZES = (100, 500, 2000)
PASSWORD = "BenchMark@2026"


def _gather_seconds() -> float:
    samples = []
    for school in list(school_list().exclude(slug__startswith="bench-dash-"))[:5]:
        started = time.perf_counter()
        metrics_refresh(school=school)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) if samples else float("nan")


def _fake_schools(count: int) -> None:
    existing = School.objects.filter(slug__startswith="bench-dash-").count()
    now = timezone.now()
    new = [
        School(
            schema_name=f"bench_dash_{i}",
            slug=f"bench-dash-{i}",
            name=f"Trường Đo {i:04d}",
            level="thcs",
            district=f"Phường {i % 12}",
        )
        for i in range(existing, count)
    ]
    School.objects.bulk_create(new, batch_size=500)
    schools = School.objects.filter(slug__startswith="bench-dash-", metrics__isnull=True)
    SchoolMetrics.objects.bulk_create(
        [
            SchoolMetrics(
                school=s,
                gathered_at=now,
                score=(s.pk * 7) % 100,
                posts_30d=s.pk % 9,
                checks=[
                    {
                        "code": "contact_complete",
                        "label": "Liên hệ",
                        "ok": True,
                        "detail": "",
                        "fix_path": "",
                    }
                ],
            )
            for s in schools
        ],
        batch_size=500,
    )


def _timed_get(client: Client, url: str, repeat: int = 3) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples)


def run() -> dict:
    connection.set_schema_to_public()
    figures: dict = {}
    per_school = _gather_seconds()
    figures["gather_seconds_per_school"] = per_school
    for size in SIZES:
        figures[f"gather_{size}_schools_seconds_one_worker"] = per_school * size
    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-operator").first()
    if user is None:
        user = user_model.objects.create_superuser("bench-operator", password=PASSWORD)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    real = school_list().exclude(slug__startswith="bench-dash-").count()
    try:
        for size in SIZES:
            _fake_schools(max(size - real, 0))
            figures[f"render_{size}_schools_seconds"] = _timed_get(client, "/admin/dieu-hanh/")
            figures[f"export_xlsx_{size}_schools_seconds"] = _timed_get(
                client, "/admin/dieu-hanh/xuat/xlsx/", repeat=1
            )
    finally:
        School.objects.filter(slug__startswith="bench-dash-").delete()
    return figures
