"""Archives built in the worker (public schema)."""

from __future__ import annotations

from portal.celery import app


@app.task(name="backup.tasks.backup_job_build", ignore_result=True)
def backup_job_build(job_id: int) -> None:
    from backup.jobs import backup_job_run

    backup_job_run(job_id)
