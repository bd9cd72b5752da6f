"""Index updates, queued on commit by ``sitesearch.signal_handlers`` (R9.3).

Sent inside the school's schema, so ``tenant-schemas-celery`` runs them there. Text
extraction from attachments happens here, in the worker: ``soft_time_limit`` stops a task
that a bad file would stall, and ``LockError`` (another worker holds the index) is retried.
"""

from __future__ import annotations

from celery import shared_task
from whoosh.index import LockError

from sitesearch import services

TASK_OPTIONS = {
    "autoretry_for": (LockError,),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 8,
    "soft_time_limit": 120,
    "time_limit": 180,
    "acks_late": True,
}


@shared_task(**TASK_OPTIONS)
def index_page(page_id: int) -> bool:
    return services.page_index_update(page_id=page_id)


@shared_task(**TASK_OPTIONS)
def remove_pages(page_ids: list[int]) -> None:
    services.page_index_remove(page_ids=page_ids)


@shared_task(**{**TASK_OPTIONS, "soft_time_limit": 900, "time_limit": 960})
def index_subtree(page_id: int) -> int:
    return services.subtree_index_update(page_id=page_id)
