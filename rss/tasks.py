"""Celery tasks of the feeds-in machinery (R8.1). Both run in the public schema.

Beat sends ``feeds_enqueue_due`` every minute outside any school, so it and the fetches it
enqueues run in the public schema, where sources and items live: one fetch per source per
cycle, however many schools show it.
"""

from __future__ import annotations

import logging

from django.db import transaction

from portal.celery import app
from rss.models import FeedSource
from rss.services import feed_source_fetch, feed_sources_claim_due

logger = logging.getLogger(__name__)


@app.task(name="rss.tasks.feeds_enqueue_due", ignore_result=True)
def feeds_enqueue_due() -> int:
    """Queue a fetch for each source whose ``next_fetch_at`` has come."""
    due = feed_sources_claim_due()
    for source_id in due:
        transaction.on_commit(lambda source_id=source_id: feed_fetch.delay(source_id))
    return len(due)


@app.task(name="rss.tasks.feed_fetch", ignore_result=True)
def feed_fetch(source_id: int) -> bool:
    source = FeedSource.objects.filter(pk=source_id, is_active=True).first()
    if source is None:
        logger.info("Feed source %s is gone or inactive; nothing fetched", source_id)
        return False
    return feed_source_fetch(source=source).ok
