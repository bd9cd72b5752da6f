"""Cache keys: per school by default, global when asked.

Every key carries the current schema (django-tenants' ``make_key``), so Wagtail's caches and
each app's keys never mix schools. A key that starts with ``global:`` is the same in every
schema: for state the operator sets once for all schools, or limits that span schools.
"""

from django_tenants.cache import make_key as tenant_make_key

GLOBAL_PREFIX = "global:"


def make_key(key: str, key_prefix: str, version: int) -> str:
    if key.startswith(GLOBAL_PREFIX):
        return f"{key_prefix}:{version}:{key}"
    return tenant_make_key(key, key_prefix, version)
