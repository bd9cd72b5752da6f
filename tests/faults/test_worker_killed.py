"""A Celery worker killed (SIGKILL) in the middle of a dispatch fan-out (R4.3, R9.5).

Killed: the worker publishing a public dispatch to three schools, while it is inside the
second school's transaction (the page is being created). Survived: the school published
before the kill keeps its page; the half-done one has nothing (its transaction died with
the worker); the re-run (``manage.py dispatch_publish_pending`` and a new worker) finishes
the rest, and no school gets the document twice.
"""

from __future__ import annotations

import signal

import pytest

from tests.faults.conftest import (
    FAULTS_DIR,
    fault_env,
    manage,
    start_worker,
    wait_until,
)

pytestmark = pytest.mark.django_db

NUMBER = "77/PGDĐT-VP"
SEND = f"""
from django.db import connection
from dispatch.services import DispatchContent, dispatch_send
from schools.models import School
from schools.services import school_create
import datetime
if not School.objects.filter(slug="f-c").exists():
    school_create(name="Trường THCS Lỗi C", slug="f-c", domain="f-c.localhost", level="thcs")
connection.set_schema_to_public()
dispatch = dispatch_send(
    content=DispatchContent(kind="cong-van", number="{NUMBER}", issue_date=datetime.date(2026, 3, 2),
        summary="Về việc tổ chức ngày hội đọc sách năm học 2025–2026"),
    is_public=True, all_schools=True)
print("DISPATCH", dispatch.pk)
"""
SCHEMAS = ["test_a", "test_b", "f_c"]


def _pages(postgres, schema: str) -> int:
    return postgres.count(
        f"SELECT count(*) FROM {schema}.documents_officialdocumentpage WHERE number = %s", NUMBER
    )


class WorkerKilledTests:
    def test_a_rerun_after_sigkill_finishes_the_fan_out_without_duplicates(
        self, fault_postgres, fault_redis
    ):
        marker = FAULTS_DIR / "hang-marker"
        marker.unlink(missing_ok=True)
        env = fault_env(
            fault_postgres, fault_redis, FAULTS_HANG_SCHEMA="test_b", FAULTS_MARKER=str(marker)
        )
        worker = start_worker(env, script="slow_worker.py", name="worker-slow", wait=False)
        try:
            output = manage(env, "shell", "-c", SEND)
            assert "DISPATCH" in output, output

            def reached() -> bool:
                assert worker.alive(), f"the slow worker exited:\n{worker.log()}"
                return marker.exists()

            wait_until(reached, timeout=90, what="the worker to reach the second school")
        finally:
            worker.kill(signal.SIGKILL)  # killed: the worker, inside test_b's transaction

        assert _pages(fault_postgres, "test_a") == 1, "published before the kill: kept"
        assert _pages(fault_postgres, "test_b") == 0, "the killed transaction left nothing"
        assert _pages(fault_postgres, "f_c") == 0, "the fan-out was cut before the last school"

        rerun = start_worker(env, name="worker-rerun", wait=False)  # boots during the command
        try:
            assert "publications queued" in manage(env, "dispatch_publish_pending")

            def all_published() -> bool:
                return all(_pages(fault_postgres, schema) >= 1 for schema in SCHEMAS)

            wait_until(all_published, timeout=60, what="the re-run to publish in every school")
        finally:
            rerun.stop()
        for schema in SCHEMAS:
            assert _pages(fault_postgres, schema) == 1, f"{schema} got the document twice"
        assert (
            fault_postgres.count(
                "SELECT count(*) FROM dispatch_dispatchreceipt r JOIN dispatch_dispatch d "
                "ON d.id = r.dispatch_id WHERE d.number = %s AND r.published_page_id IS NULL",
                NUMBER,
            )
            == 0
        ), "every receipt records its page after the re-run"
