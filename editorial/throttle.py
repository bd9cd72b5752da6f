"""Login-attempt limiter in the cache (Redis).

Failures are counted per user name and per client IP. Cache keys carry the schema
(``django_tenants.cache.make_key``), so both counters are per school: a lock on
``test-a.localhost`` says nothing about ``test-b.localhost``.

The counters go through ``portal.resilience.security_cache``: Redis, or while Redis is down
a memory cache of each web process, so an outage does not lift the locks.

A user name is locked after ``USER_MAX_FAILURES`` failures within ``WINDOW`` seconds; an IP
after ``IP_MAX_FAILURES`` (higher: a school's teachers share one NAT address). A lock lasts
``LOCKOUT`` seconds. The IP is ``REMOTE_ADDR``: behind a reverse proxy, have the proxy set it
(do not trust ``X-Forwarded-For`` from the client).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connection

from portal.resilience import security_cache

logger = logging.getLogger(__name__)

USER_MAX_FAILURES = getattr(settings, "PORTAL_LOGIN_USER_MAX_FAILURES", 5)
IP_MAX_FAILURES = getattr(settings, "PORTAL_LOGIN_IP_MAX_FAILURES", 20)
WINDOW = getattr(settings, "PORTAL_LOGIN_WINDOW_SECONDS", 15 * 60)
LOCKOUT = getattr(settings, "PORTAL_LOGIN_LOCKOUT_SECONDS", 15 * 60)


def client_ip(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _keys(scope: str, username: str, ip: str) -> dict[str, str]:
    username = (username or "").strip().lower()[:150]
    return {
        "user": f"editorial:{scope}:fail:user:{username}",
        "ip": f"editorial:{scope}:fail:ip:{ip}",
        "user_lock": f"editorial:{scope}:lock:user:{username}",
        "ip_lock": f"editorial:{scope}:lock:ip:{ip}",
    }


def locked_for(*, username: str, ip: str, scope: str = "login") -> int:
    """Seconds until the user name or the IP may try again; 0 when not locked."""
    keys = _keys(scope, username, ip)
    locks = security_cache().get_many([keys["user_lock"], keys["ip_lock"]])
    if not locks:
        return 0
    return max(1, int(max(locks.values()) - time.time()))


def failure_record(*, username: str, ip: str, scope: str = "login") -> int:
    """Count a failure; return the lock's remaining seconds if it caused one, else 0."""
    keys = _keys(scope, username, ip)
    locked = 0
    cache = security_cache()
    for counter, lock, limit in (
        (keys["user"], keys["user_lock"], USER_MAX_FAILURES),
        (keys["ip"], keys["ip_lock"], IP_MAX_FAILURES),
    ):
        cache.add(counter, 0, WINDOW)
        try:
            count = cache.incr(counter)
        except ValueError:  # expired between add and incr
            cache.set(counter, 1, WINDOW)
            count = 1
        if count >= limit:
            cache.set(lock, time.time() + LOCKOUT, LOCKOUT)
            cache.delete(counter)
            locked = LOCKOUT
    logger.warning(
        "Failed %s for %r from %s in schema %s%s",
        scope,
        username,
        ip,
        connection.schema_name,
        " (now locked)" if locked else "",
    )
    return locked


def success_record(*, username: str, ip: str, scope: str = "login") -> None:
    """A successful sign-in clears the user name's failures (not the IP's)."""
    security_cache().delete(_keys(scope, username, ip)["user"])
