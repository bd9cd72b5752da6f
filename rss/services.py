"""Writes of the feeds-in machinery: sources, fetching, storing items, health (R8.1).

Everything here runs in the public schema, where sources and items live once for every
school. A fetch never deletes or rewrites an item because of a failure: the last good
items stay on display and the source backs off (``interval * 2**min(failures, 6)``).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rss.fetching import FetchError, download
from rss.models import FeedItem, FeedSource
from rss.parsing import FeedError, ParsedItem, parse_feed

logger = logging.getLogger(__name__)

MAX_BACKOFF_EXPONENT = 6
# Older items of a source beyond this many are pruned after a successful fetch, so storage
# stays bounded whatever a source publishes.
MAX_ITEMS_PER_SOURCE = 500


@dataclass
class FetchOutcome:
    source_id: int
    ok: bool
    not_modified: bool = False
    error: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pruned: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_written(self) -> int:
        """Item rows inserted, updated or deleted, plus the source's own health row."""
        return self.created + self.updated + self.pruned + 1


def _ensure_public() -> None:
    if connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
        connection.set_schema_to_public()


def feed_source_create(*, url: str, name: str, interval_minutes: int = 30) -> FeedSource:
    """Add a source (superusers: admin or ``manage.py feeds add``); due at once."""
    _ensure_public()
    source = FeedSource(url=url.strip(), name=name.strip(), interval_minutes=interval_minutes)
    source.full_clean()
    source.save()
    logger.info("Feed source %s added: %s", source.pk, source.url)
    return source


def backoff_delay(*, interval_minutes: int, failures: int) -> dt.timedelta:
    return dt.timedelta(minutes=interval_minutes) * 2 ** min(failures, MAX_BACKOFF_EXPONENT)


def feed_source_fetch(*, source: FeedSource) -> FetchOutcome:
    """Fetch one source now, store new or changed items, record its health."""
    _ensure_public()
    now = timezone.now()
    outcome = FetchOutcome(source_id=source.pk, ok=False)
    try:
        result = download(source.url, etag=source.etag, last_modified=source.last_modified)
        source.last_http_status = result.status
        if result.not_modified:
            outcome.ok = outcome.not_modified = True
        else:
            feed = parse_feed(result.content, content_type=result.content_type, url=result.url)
            outcome.warnings = feed.warnings
            with transaction.atomic():
                _store_items(source, feed.items, outcome, now)
            source.etag = result.etag
            source.last_modified = result.last_modified
            source.feed_title = feed.title[:300]
            source.site_url = feed.site_url[:1000]
            source.items_seen = feed.entries_total
            outcome.ok = True
    except (FetchError, FeedError) as exc:
        outcome.error = str(exc)
        if isinstance(exc, FetchError) and exc.status is not None:
            source.last_http_status = exc.status
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop health recording
        logger.exception("Unexpected error while fetching feed %s", source.pk)
        outcome.error = f"unexpected error: {type(exc).__name__}: {exc}"[:2000]
    _record_health(source, outcome, now)
    return outcome


def _store_items(
    source: FeedSource, items: list[ParsedItem], outcome: FetchOutcome, now: dt.datetime
) -> None:
    """Insert new items and update changed ones; unchanged rows are not written."""
    existing = {
        row["dedup_key"]: row
        for row in FeedItem.objects.filter(
            source=source, dedup_key__in=[item.dedup_key for item in items]
        ).values("id", "dedup_key", "content_hash", "first_seen_at")
    }
    to_create: list[FeedItem] = []
    to_update: list[FeedItem] = []
    for item in items:
        row = existing.get(item.dedup_key)
        if row and row["content_hash"] == item.content_hash:
            outcome.unchanged += 1
            continue
        values = {
            "source": source,
            "dedup_key": item.dedup_key,
            "guid": item.guid,
            "link": item.link,
            "title": item.title,
            "summary_html": item.summary_html,
            "summary_text": item.summary_text,
            "content_hash": item.content_hash,
            "published_at": item.published_at,
            "sort_at": item.published_at or (row["first_seen_at"] if row else now),
        }
        if row:
            to_update.append(FeedItem(id=row["id"], updated_at=now, **values))
        else:
            to_create.append(FeedItem(**values))
    if to_create:
        FeedItem.objects.bulk_create(to_create, batch_size=200)
    if to_update:
        fields = [
            "guid",
            "link",
            "title",
            "summary_html",
            "summary_text",
            "content_hash",
            "published_at",
            "sort_at",
            "updated_at",
        ]
        FeedItem.objects.bulk_update(to_update, fields, batch_size=200)
    outcome.created, outcome.updated = len(to_create), len(to_update)
    newest = FeedItem.objects.filter(source=source).order_by("-sort_at", "-id").values("id")
    outcome.pruned, _detail = (
        FeedItem.objects.filter(source=source)
        .exclude(pk__in=newest[:MAX_ITEMS_PER_SOURCE])
        .delete()
    )


def _record_health(source: FeedSource, outcome: FetchOutcome, now: dt.datetime) -> None:
    source.last_fetched_at = now
    if outcome.ok:
        source.last_success_at = now
        source.consecutive_failures = 0
        source.last_warning = "; ".join(outcome.warnings)[:2000]
        source.next_fetch_at = now + backoff_delay(
            interval_minutes=source.interval_minutes, failures=0
        )
        logger.info(
            "Feed %s fetched: %s new, %s updated, %s unchanged%s",
            source.pk,
            outcome.created,
            outcome.updated,
            outcome.unchanged,
            " (not modified)" if outcome.not_modified else "",
        )
    else:
        source.consecutive_failures += 1
        source.last_error = outcome.error[:2000]
        source.last_error_at = now
        source.next_fetch_at = now + backoff_delay(
            interval_minutes=source.interval_minutes, failures=source.consecutive_failures
        )
        logger.warning(
            "Feed %s (%s) failed %s time(s) in a row: %s; next try at %s",
            source.pk,
            source.url,
            source.consecutive_failures,
            outcome.error,
            source.next_fetch_at.isoformat(),
        )
    source.save(
        update_fields=[
            "last_fetched_at",
            "last_success_at",
            "last_error_at",
            "last_error",
            "last_warning",
            "last_http_status",
            "consecutive_failures",
            "items_seen",
            "next_fetch_at",
            "etag",
            "last_modified",
            "feed_title",
            "site_url",
        ]
    )


def feed_sources_claim_due(*, now: dt.datetime | None = None, limit: int = 100) -> list[int]:
    """Ids of active sources whose turn has come, pushed one interval ahead.

    Claiming (moving ``next_fetch_at``) before the fetch runs means a beat tick that comes
    while a slow fetch is still running does not enqueue the same source twice; the fetch
    then sets the real next time (interval, or backoff after a failure).
    """
    _ensure_public()
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            FeedSource.objects.select_for_update(skip_locked=True)
            .filter(is_active=True)
            .exclude(next_fetch_at__gt=now)  # NULL (never fetched) counts as due
            .order_by("next_fetch_at")
            .values_list("id", "interval_minutes")[:limit]
        )
        for source_id, interval in due:
            FeedSource.objects.filter(pk=source_id).update(
                next_fetch_at=now + dt.timedelta(minutes=interval)
            )
    return [source_id for source_id, _interval in due]
