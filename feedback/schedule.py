"""Periodic work of the feedback app, added to Celery beat's schedule at start-up."""

from __future__ import annotations

from celery.schedules import crontab

PURGE_ENTRY = "feedback-purge-personal-data"


def beat_schedule_register(schedule: dict) -> dict:
    """Add the nightly personal-data purge (R7.1) to ``CELERY_BEAT_SCHEDULE``.

    The task runs in the public schema and walks every school itself, so it needs no
    tenant-aware scheduler. Idempotent: an entry already configured is left as it is.
    """
    schedule.setdefault(
        PURGE_ENTRY,
        {
            "task": "feedback.tasks.purge_personal_data_all_schools",
            "schedule": crontab(hour=2, minute=30),
        },
    )
    return schedule
