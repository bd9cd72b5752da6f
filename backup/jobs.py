"""Archives built by the worker: the operator asks, the worker writes, the page offers it.

Building an archive reads the whole schema and every media file of the school: far longer
than a request may take for a school with years of pictures. ``backup_job_request`` queues
it (one pending job per school at a time), ``backup_job_run`` runs in the worker and keeps
the file in ``backup.storage``; ``backup_jobs_prune`` forgets archives after
``PORTAL_BACKUP_KEEP_DAYS`` days and marks jobs whose worker died as failed.
"""

from __future__ import annotations

import datetime
import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone

from backup.models import BackupJob
from backup.storage import backup_storage
from schools.models import School

logger = logging.getLogger(__name__)

KEEP_DAYS_DEFAULT = 7
# A job still "running" after this long lost its worker (killed, machine restarted).
STALE_AFTER = datetime.timedelta(hours=6)


def keep_days() -> int:
    return int(getattr(settings, "PORTAL_BACKUP_KEEP_DAYS", KEEP_DAYS_DEFAULT))


def backup_job_request(*, school: School, acting_username: str = "") -> BackupJob:
    """Queue an archive of ``school``; the job already pending for it, if there is one."""
    from backup.tasks import backup_job_build

    backup_jobs_prune()
    pending = BackupJob.objects.filter(
        school=school, status__in=[BackupJob.Status.QUEUED, BackupJob.Status.RUNNING]
    ).first()
    if pending is not None:
        return pending
    job = BackupJob.objects.create(
        school=school,
        school_slug=school.slug,
        school_name=school.name,
        requested_by=acting_username,
    )
    transaction.on_commit(lambda: backup_job_build.delay(job.pk))
    logger.info("Backup of school %s queued by %s (job %d)", school.slug, acting_username, job.pk)
    return job


def backup_job_run(job_id: int) -> BackupJob | None:
    """Build the archive of a queued job (in the worker). A job taken by another worker, or
    gone, is left alone; a failure is logged with its traceback and shown on the job (a new
    request is the retry: the cause, a full disk or a missing school, needs a person)."""
    from backup.services import school_backup_write

    connection.set_schema_to_public()
    taken = BackupJob.objects.filter(pk=job_id, status=BackupJob.Status.QUEUED).update(
        status=BackupJob.Status.RUNNING
    )
    job = BackupJob.objects.filter(pk=job_id).select_related("school").first()
    if not taken or job is None:
        return job
    try:
        if job.school is None:
            raise RuntimeError(f"school {job.school_slug} was deleted before its backup ran")
        name = f"{job.school_slug}-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        with tempfile.TemporaryDirectory(prefix="backup-job-") as work:
            output = Path(work) / name
            school_backup_write(school=job.school, output=output, acting_username=job.requested_by)
            with output.open("rb") as handle:
                stored = backup_storage().save(f"{job.school_slug}/{name}", File(handle, name))
            size = output.stat().st_size
    except Exception:
        logger.exception("Backup job %d of school %s failed", job.pk, job.school_slug)
        BackupJob.objects.filter(pk=job.pk).update(
            status=BackupJob.Status.FAILED, finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    BackupJob.objects.filter(pk=job.pk).update(
        status=BackupJob.Status.DONE, file_name=stored, size=size, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def backup_jobs_prune(now: datetime.datetime | None = None) -> int:
    """Delete archives older than the keeping time (file and row); returns how many."""
    now = now or timezone.now()
    BackupJob.objects.filter(
        status=BackupJob.Status.RUNNING, created_at__lt=now - STALE_AFTER
    ).update(status=BackupJob.Status.FAILED, finished_at=now)
    expired = list(
        BackupJob.objects.filter(created_at__lt=now - datetime.timedelta(days=keep_days()))
        .exclude(status__in=[BackupJob.Status.QUEUED, BackupJob.Status.RUNNING])
        .only("pk", "file_name")
    )
    storage = backup_storage()
    for job in expired:
        if job.file_name:
            storage.delete(job.file_name)
    BackupJob.objects.filter(pk__in=[job.pk for job in expired]).delete()
    return len(expired)
