"""Celery app that carries the current school's schema with every task.

``tenant_schemas_celery.app.CeleryApp`` adds the schema of the connection at send time to
the message headers, and the worker enters that schema before running the task. A task sent
outside any school runs in the public schema.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = CeleryApp("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
