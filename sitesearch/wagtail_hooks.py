"""Search indexes that exist when a school has content (R9.3).

- After the demo content of a school is loaded (``portal_load_demo_content``, run last): its
  index is rebuilt synchronously, so the demo is searchable without a Celery worker.
- On ``setup_platform`` (``portal_ensure_school_sections``, run last, for every existing
  school): an index that is missing is built; an existing one is left alone (cheap).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from wagtail import hooks

from sitesearch.backend import index_exists
from sitesearch.services import school_index_rebuild

logger = logging.getLogger(__name__)

# After every content app's hooks (their orders are below 100).
LAST = 10_000


@hooks.register("portal_load_demo_content", order=LAST)
def rebuild_index_after_demo(school) -> None:
    count = school_index_rebuild(schema_name=school.schema_name)
    logger.info("Search index of %s rebuilt after the demo content: %d pages", school.slug, count)


@hooks.register("portal_ensure_school_sections", order=LAST)
def build_missing_index(home) -> None:
    schema_name = connection.schema_name
    if schema_name == settings.TENANT_BASE_SCHEMA or index_exists(schema_name):
        return  # the template is never searched; an existing index is kept current by tasks
    count = school_index_rebuild(schema_name=schema_name)
    logger.info("Search index of %s was missing: built with %d pages", schema_name, count)


@hooks.register("portal_personalise_school")
def index_new_school(home) -> None:
    """A new school's pages (its cloned sections) are searchable from the start.

    Queued after the provisioning transaction commits, inside the new school's schema.
    """
    from django.db import transaction
    from django_tenants.utils import schema_context

    from sitesearch.tasks import index_subtree

    schema_name, home_id = connection.schema_name, home.pk

    def queue() -> None:
        with schema_context(schema_name):
            index_subtree.delay(home_id)

    transaction.on_commit(queue)
