"""Periodic work of the online services, added to Celery beat's schedule at start-up."""

from __future__ import annotations

from celery.schedules import crontab

PURGE_ENTRY = "online-services-purge-personal-data"


def beat_schedule_register(schedule: dict) -> dict:
    """Add the nightly retention purge (look-up log, old results, old applications).

    The task runs in the public schema and walks every school itself. Idempotent: an entry
    already configured is left as it is.
    """
    schedule.setdefault(
        PURGE_ENTRY,
        {
            "task": "online_services.tasks.purge_personal_data_all_schools",
            "schedule": crontab(hour=2, minute=45),
        },
    )
    return schedule
