"""Serving pages while Redis is down (R7.3, R9.5).

Redis holds the page cache, sessions, rate limits and the Celery broker; PostgreSQL holds
everything a public page shows. When Redis stops, public pages must still answer from
PostgreSQL, so the cache backend here turns a Redis failure into a cache miss (reads give
the default, writes are skipped) and logs one English warning per outage.

A process-wide breaker keeps the outage cheap: after a failure no Redis call is tried for
``PORTAL_REDIS_RETRY_SECONDS`` (default 5 s), since each failed connection costs seconds
of redis-py's own retries. The first call after that window tries again; when Redis answers
the breaker closes and an info line says so. ``feedback.security`` (rate limits) and the
session store go through the same breaker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import redis
from django.conf import settings
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("portal.resilience")

REDIS_ERRORS: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    OSError,
)
T = TypeVar("T")


class RedisBreaker:
    """Open (skip Redis) for a while after a failure; closed again once Redis answers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._outage = False

    @property
    def retry_seconds(self) -> float:
        return float(getattr(settings, "PORTAL_REDIS_RETRY_SECONDS", 5))

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    @property
    def degraded(self) -> bool:
        """True while an outage is going on (breaker open, or not yet seen recovered)."""
        return self._outage

    def trip(self, exc: BaseException, what: str) -> None:
        with self._lock:
            first = not self._outage
            self._outage = True
            self._open_until = time.monotonic() + self.retry_seconds
        if first:
            logger.warning(
                "Redis is unavailable (%s: %s) during %s: page cache, sessions and rate "
                "limits are degraded, pages are served from PostgreSQL; retrying every %.0f s",
                type(exc).__name__,
                exc,
                what,
                self.retry_seconds,
            )

    def succeeded(self) -> None:
        if self._outage:
            with self._lock:
                was, self._outage, self._open_until = self._outage, False, 0.0
            if was:
                logger.info("Redis answers again: page cache, sessions and rate limits restored")

    def reset(self) -> None:
        """Forget any outage (tests)."""
        with self._lock:
            self._outage, self._open_until = False, 0.0

    def call(self, what: str, action: Callable[[], T], fallback: Callable[[], T]) -> T:
        """``action()``, or ``fallback()`` when Redis is down or fails now."""
        if self.is_open():
            return fallback()
        try:
            result = action()
        except REDIS_ERRORS as exc:
            self.trip(exc, what)
            return fallback()
        self.succeeded()
        return result


breaker = RedisBreaker()


def _missing_key() -> Any:
    raise ValueError("Redis is unavailable: the key cannot be read")


# What each method of Django's RedisCacheClient gives back when Redis is down: the caller's
# default for reads, "nothing stored / nothing found" for writes. ``incr`` raises ValueError
# as for a missing key, which callers already handle.
_FALLBACKS: dict[str, Callable[..., Any]] = {
    "get": lambda key, default=None, *a, **k: default,
    "get_many": lambda *a, **k: {},
    "has_key": lambda *a, **k: False,
    "add": lambda *a, **k: False,
    "set": lambda *a, **k: None,
    "set_many": lambda *a, **k: [],
    "touch": lambda *a, **k: False,
    "delete": lambda *a, **k: False,
    "delete_many": lambda *a, **k: None,
    "clear": lambda *a, **k: False,
    "incr": lambda *a, **k: _missing_key(),
}


class _GuardedClient:
    """Django's RedisCacheClient with every command going through the breaker."""

    def __init__(self, client: Any):
        self._client = client

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        fallback = _FALLBACKS.get(name)
        if fallback is None or not callable(attr):
            return attr

        def guarded(*args: Any, **kwargs: Any) -> Any:
            return breaker.call(
                f"cache {name}",
                lambda: attr(*args, **kwargs),
                lambda: fallback(*args, **kwargs),
            )

        return guarded


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that degrades to "always a miss" while Redis is down."""

    @property
    def _cache(self) -> Any:  # type: ignore[override]
        client = self.__dict__.get("_guarded_client")
        if client is None:
            client = _GuardedClient(super()._cache)
            self.__dict__["_guarded_client"] = client
        return client


_fallback_lock = threading.Lock()
_fallback: Any = None
# Entries the fallback keeps at most (login counters and spent CAPTCHAs of one process).
FALLBACK_MAX_ENTRIES = 20_000


def security_cache() -> Any:
    """The cache for security counters: login failures and locks, spent CAPTCHAs.

    Redis normally. While Redis is down, a memory cache of this process (with the same
    per-school keys), so an outage does not switch lockouts and single-use CAPTCHAs off: a
    password guesser spread over N web processes gets N times the tries, not unlimited ones.
    What it counted is forgotten when Redis answers again.
    """
    from django.core.cache import cache

    if not breaker.degraded:
        return cache
    global _fallback
    with _fallback_lock:
        if _fallback is None:
            from django.core.cache.backends.locmem import LocMemCache

            default = settings.CACHES["default"]
            _fallback = LocMemCache(
                "portal-security-fallback",
                {
                    "KEY_FUNCTION": default.get("KEY_FUNCTION"),
                    "KEY_PREFIX": default.get("KEY_PREFIX", ""),
                    "TIMEOUT": default.get("TIMEOUT", 300),
                    "OPTIONS": {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES},
                },
            )
        return _fallback


class SessionStore(CacheSessionStore):
    """Sessions in the cache; while Redis is down a new session is not kept (no 500).

    Django's cache session store raises ``RuntimeError`` when it cannot create a session
    key, because every ``add`` fails. During an outage the visitor gets an empty session
    for this request only (a signed-in editor has to sign in again once Redis is back).
    """

    def create(self) -> None:
        if breaker.degraded:
            self._session_key = self._get_new_session_key()
            self.modified = True
            logger.warning("Redis is unavailable: session %s… not stored", self._session_key[:6])
            return
        super().create()

    def save(self, must_create: bool = False) -> None:
        if breaker.degraded:
            if self.session_key is None:
                self._session_key = self._get_new_session_key()
            return
        super().save(must_create=must_create)
