"""Celery tasks of the editorial app."""

from celery import shared_task

from editorial import services


@shared_task
def publish_scheduled_all_schools() -> int:
    """Every minute from beat: publish pages and snippets whose go-live time has come."""
    return services.scheduled_publish_run()
