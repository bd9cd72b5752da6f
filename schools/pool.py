"""Spare schemas cloned from the template ahead of time, so a new school is live at once.

Cloning the template takes about half a second (more on a busy machine); renaming a schema
is a catalogue update of a few milliseconds. The worker keeps ``PORTAL_SCHEMA_POOL_SIZE``
spares (``pool_<hex>``, one ``SpareSchema`` row each) and ``school_create`` takes one with
``ALTER SCHEMA … RENAME`` inside its own transaction, so a failure puts the spare back.

A spare is never a school: it has no ``School`` row and no domain, so no listing, audit,
fan-out, migration run or request ever reaches it. Instead of being migrated, a spare is
discarded when the template changes (its ``template_stamp`` no longer matches) and the
worker clones a new one.
"""

from __future__ import annotations

import logging
import secrets
import time

from django.conf import settings
from django.db import connection, transaction

from schools.clone import FastCloneSchema, clone_function_ensure
from schools.models import SpareSchema
from schools.selectors import template_stamp

logger = logging.getLogger(__name__)

SPARE_PREFIX = "pool_"
# pg_try_advisory_lock key: one filler at a time across every process and host.
_FILL_LOCK = 0x5C4001


def pool_size() -> int:
    return max(0, int(getattr(settings, "PORTAL_SCHEMA_POOL_SIZE", 0)))


def spare_take(*, new_schema_name: str) -> str | None:
    """Rename the oldest good spare to ``new_schema_name``; its template stamp, or None.

    Must run inside the caller's transaction: the spare's row is locked with SKIP LOCKED,
    so two creations at once never get the same spare, and a rollback of the caller undoes
    the rename and gives the spare back.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("spare_take() must run inside a transaction")
    spare = SpareSchema.objects.select_for_update(skip_locked=True).order_by("id").first()
    if spare is None:
        return None
    if spare.template_stamp != template_stamp():
        # The template changed since this spare was cloned (a migration, new sections):
        # the worker discards stale spares; this school is cloned from the template.
        logger.info("Spare schema %s is stale; cloning instead", spare.schema_name)
        return None
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER SCHEMA {quote(spare.schema_name)} RENAME TO {quote(new_schema_name)}"
        )
    spare.delete()
    logger.info("Spare schema %s became %s", spare.schema_name, new_schema_name)
    return spare.template_stamp


def _drop_schema(schema_name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(schema_name)} CASCADE")


def _orphan_spare_schemas() -> list[str]:
    """``pool_*`` schemas without a row (none are expected: clone and row commit together)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s "
            "AND nspname NOT IN (SELECT schema_name FROM schools_spareschema)",
            [SPARE_PREFIX.replace("_", r"\_") + "%"],
        )
        return [row[0] for row in cursor.fetchall()]


def pool_discard(*, stale_only: bool = False) -> int:
    """Drop spares (all, or those whose template stamp is out of date); returns how many."""
    connection.set_schema_to_public()
    current = template_stamp() if stale_only else None
    dropped = 0
    for spare in SpareSchema.objects.order_by("id"):
        if current is not None and spare.template_stamp == current:
            continue
        with transaction.atomic():
            locked = (
                SpareSchema.objects.select_for_update(skip_locked=True).filter(pk=spare.pk).first()
            )
            if locked is None:  # being handed out right now, or already gone
                continue
            _drop_schema(locked.schema_name)
            locked.delete()
            dropped += 1
    for orphan in _orphan_spare_schemas():
        _drop_schema(orphan)
        dropped += 1
    if dropped:
        logger.info("Discarded %d spare schema(s)", dropped)
    return dropped


def pool_fill(*, size: int | None = None) -> int:
    """Discard stale spares and clone new ones until there are ``size``; returns clones made.

    Safe to call from several processes at once: only the one holding the advisory lock
    fills, the others return 0 at once.
    """
    from schools.selectors import school_get_template

    wanted = pool_size() if size is None else size
    connection.set_schema_to_public()
    template = school_get_template()
    if template is None:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_FILL_LOCK])
        if not cursor.fetchone()[0]:
            return 0
    made = 0
    try:
        clone_function_ensure()
        pool_discard(stale_only=True)
        for extra in SpareSchema.objects.order_by("-id")[
            : max(0, SpareSchema.objects.count() - wanted)
        ]:
            with transaction.atomic():
                _drop_schema(extra.schema_name)
                extra.delete()
        while SpareSchema.objects.count() < wanted:
            started = time.perf_counter()
            schema_name = f"{SPARE_PREFIX}{secrets.token_hex(6)}"
            with transaction.atomic():
                stamp = template_stamp()
                FastCloneSchema().clone_schema(template.schema_name, schema_name)
                SpareSchema.objects.create(schema_name=schema_name, template_stamp=stamp)
            made += 1
            logger.info(
                "Cloned spare schema %s in %.2f s", schema_name, time.perf_counter() - started
            )
    finally:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_FILL_LOCK])
    return made


def pool_refill_later() -> None:
    """Queue a refill on the worker once the current transaction commits."""
    if pool_size() == 0:
        return

    def queue() -> None:
        from django_tenants.utils import schema_context

        from schools.tasks import schema_pool_refill

        with schema_context(settings.PUBLIC_SCHEMA_NAME):
            schema_pool_refill.delay()

    transaction.on_commit(queue)
