"""Background work of the tenant registry (runs in the public schema)."""

from __future__ import annotations

from portal.celery import app


@app.task(name="schools.tasks.schema_pool_refill", ignore_result=True)
def schema_pool_refill() -> int:
    """Keep ``PORTAL_SCHEMA_POOL_SIZE`` spare schemas ready for new schools (schools.pool)."""
    from schools.pool import pool_fill

    return pool_fill()
