"""Publishing keeps the index current: publish, unpublish, move, slug change, delete and view
restrictions queue a Celery task when the transaction commits (R9.3); so does saving a Wagtail
document (a replaced file) for every page that references it. A deleted school's documents are
dropped from the index when the deletion commits.

The task is sent inside the schema the change happened in, which ``tenant-schemas-celery``
carries to the worker.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django_tenants.utils import schema_context
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


def _send(task, page_id, schema_name: str) -> None:
    try:
        with schema_context(schema_name):
            task.delay(page_id)
    except Exception:  # noqa: BLE001 - a broker outage must not break publishing
        logger.exception("Search: could not queue %s for page %s", task.name, page_id)


def _queue(task_name: str, page_id: int | None) -> None:
    if not page_id:
        return
    from sitesearch import tasks

    task = getattr(tasks, task_name)
    transaction.on_commit(partial(_send, task, page_id, connection.schema_name))


def on_page_published(sender, instance, **kwargs) -> None:
    _queue("index_page", instance.pk)


_pending = threading.local()


def _queue_removal(page_id: int | None) -> None:
    """One task per transaction and schema, however many pages a subtree deletion removes.

    Pages of one transaction share a batch as long as Django keeps the same list of commit
    callbacks; a page whose removal was rolled back (savepoint) is harmless: the task checks
    the database before removing.
    """
    if not page_id:
        return
    schema_name = connection.schema_name
    batch = getattr(_pending, "batch", None)
    if (
        batch is None
        or batch["sent"]
        or batch["callbacks"] is not connection.run_on_commit
        or batch["schema"] != schema_name
    ):
        batch = {"callbacks": None, "schema": schema_name, "ids": set(), "sent": False}
        from sitesearch import tasks

        def flush(batch=batch) -> None:
            batch["sent"] = True
            _send(tasks.remove_pages, sorted(batch["ids"]), batch["schema"])

        batch["ids"].add(page_id)
        batch["callbacks"] = connection.run_on_commit
        _pending.batch = batch
        transaction.on_commit(flush)  # runs at once outside a transaction
        return
    batch["ids"].add(page_id)


def on_page_unpublished(sender, instance, **kwargs) -> None:
    _queue_removal(instance.pk)


def on_page_deleted(sender, instance, **kwargs) -> None:
    _queue_removal(instance.pk)


def on_page_moved(sender, instance, **kwargs) -> None:
    _queue("index_subtree", instance.pk)


def on_view_restriction_changed(sender, instance, **kwargs) -> None:
    _queue("index_subtree", instance.page_id)


# At most this many pages re-indexed when one file changes (a form shared by every procedure
# page is a handful; a logo in every news article must not flood the queue).
MAX_PAGES_PER_DOCUMENT = 200


def pages_using_document(document) -> list[int]:
    """Ids of the pages that reference a Wagtail document (inline files, rich-text links),
    from Wagtail's reference index, which records a page's child rows against the page."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        .distinct()
    )
    return sorted({int(pk) for pk in ids[:MAX_PAGES_PER_DOCUMENT]})


def on_document_saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    """A replaced file (or a renamed document): re-index the pages that attach it."""
    if created or raw:
        return  # nothing references a new document yet
    try:
        page_ids = pages_using_document(instance)
    except Exception:  # noqa: BLE001 - saving a document must never fail because of search
        logger.exception("Search: could not find the pages using document %s", instance.pk)
        return
    for page_id in page_ids:
        _queue("index_page", page_id)


def on_school_deleted(sender, instance, **kwargs) -> None:
    """A deleted school's documents leave the index once the deletion commits (the portal
    never searched them: it searches the active schools only)."""
    schema_name = getattr(instance, "schema_name", "")
    if not schema_name:
        return

    def drop() -> None:
        from sitesearch.backend import index_drop

        try:
            index_drop(schema_name)
        except Exception:  # noqa: BLE001 - the school is gone; a leftover index is harmless
            logger.exception("Search: could not drop the index of %s", schema_name)

    transaction.on_commit(drop)


def connect() -> None:
    from schools.models import School

    post_delete.connect(on_school_deleted, sender=School, dispatch_uid="sitesearch_school")
    page_published.connect(on_page_published, dispatch_uid="sitesearch_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="sitesearch_moved")
    page_slug_changed.connect(on_page_moved, dispatch_uid="sitesearch_slug_changed")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="sitesearch_deleted")
    post_save.connect(
        on_document_saved, sender=get_document_model(), dispatch_uid="sitesearch_document_saved"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"sitesearch_restriction_{signal is post_save}",
        )
