"""School portal platform: one Django + Wagtail deployment, a PostgreSQL schema per school."""

from portal.celery import app as celery_app

__all__ = ("celery_app",)
