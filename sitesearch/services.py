"""Writes to the current school's search index (R9.3).

Every function works on the schema of the current connection (a Celery task runs in the
schema it was sent from; the management command enters each school explicitly). Drafts never
reach the index: a page's own row holds its live content, drafts live in revisions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from django.db import connection, transaction
from django.db.models import F
from django_tenants.utils import schema_context
from wagtail.models import Page

from sitesearch.backend import SearchDocument, documents_write, stored_url
from sitesearch.documents import page_document, page_is_indexable

logger = logging.getLogger(__name__)

BATCH = 200


def _schema() -> str:
    return connection.schema_name


def page_index_update(*, page_id: int) -> bool:
    """Index the page if it is live and public, else remove it; returns whether it is indexed.

    When the page's URL changed (a move, a new slug), its descendants are re-indexed too.
    """
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        page_index_remove(page_ids=[page_id])
        return False
    document = page_document(page) if page_is_indexable(page) else None
    if document is None:
        page_index_remove(page_ids=[page_id])
        return False
    previous_url = stored_url(_schema(), page_id)
    documents_write(_schema(), add=[document])
    if previous_url is not None and previous_url != document.url:
        subtree_index_update(page_id=page_id, include_self=False)
    return True


def page_index_remove(*, page_ids: list[int]) -> None:
    """Remove pages from the index, except those that (still) exist and are indexable."""
    kept = {
        page.pk
        for page in Page.objects.filter(pk__in=page_ids, live=True)
        if page_is_indexable(page)
    }
    documents_write(_schema(), remove=[pk for pk in page_ids if pk not in kept])


def _indexable_documents(pages) -> Iterator[SearchDocument]:
    """Documents of the live, public pages of a queryset, loaded in batches, the newest first
    (a broad Whoosh query scores the first pages of the index: see ``whoosh_backend``)."""
    ids = list(
        pages.live()
        .public()
        .filter(depth__gt=1)
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        order = {pk: position for position, pk in enumerate(batch)}
        loaded = sorted(Page.objects.filter(pk__in=batch).specific(), key=lambda p: order[p.pk])
        for page in loaded:
            try:
                document = page_document(page)
            except Exception:  # noqa: BLE001 - one broken page must not stop the others
                logger.exception("Search: could not build the document of page %s", page.pk)
                continue
            if document is not None:
                yield document


def subtree_index_update(*, page_id: int, include_self: bool = True) -> int:
    """Re-index a page's descendants (after a move or a view restriction change)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    subtree = Page.objects.descendant_of(page, inclusive=include_self)
    all_ids = set(subtree.values_list("pk", flat=True))
    documents = list(_indexable_documents(subtree))
    indexed = {document.page_id for document in documents}
    return documents_write(_schema(), add=documents, remove=sorted(all_ids - indexed))


def school_index_rebuild(
    *, schema_name: str, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild one school's index from its live public pages, in one commit.

    Readers keep the old index until the commit; incremental updates queued meanwhile wait
    for the lock (and retry), so they land after the rebuild.
    """
    with schema_context(schema_name), transaction.atomic():
        total = Page.objects.live().public().filter(depth__gt=1).count()

        def counted() -> Iterator[SearchDocument]:
            for done, document in enumerate(_indexable_documents(Page.objects.all()), 1):
                if progress:
                    progress(done, total)
                yield document

        return documents_write(schema_name, add=counted(), clear=True, timeout=120.0)
