"""Abuse resistance of the public forms (R7.3): client address, rate limits, CAPTCHA, tokens.

Rate limits are fixed-window counters in Redis:

* per client address, across every school (a flood moving from one school's domain to the
  next is still one flood) — the key is deliberately global, without the schema prefix
  that the Django cache adds;
* per school, counting accepted submissions, so a distributed flood cannot fill one school's
  inbox.

While Redis is down (``portal.resilience``) the limits are not enforced and the CAPTCHA is
checked from its signed token, so a parent can still send feedback: an outage must not lose a
submission (R7.3); the breaker logs the outage once. A challenge is still single use then:
spent ids are kept in the process's memory (``security_cache``), so one solved CAPTCHA does
not carry a flood through the outage.

Settings: ``FEEDBACK_RATE_PER_IP`` and ``FEEDBACK_RATE_PER_SCHOOL`` as ``(count, seconds)``;
``TRUSTED_PROXY_COUNT`` (see ``client_ip``).
"""

from __future__ import annotations

import logging
import secrets
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache

import redis
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.resilience import breaker, security_cache

logger = logging.getLogger(__name__)

CAPTCHA_TTL = 30 * 60
FORM_TOKEN_MAX_AGE = 24 * 60 * 60
_CAPTCHA_SALT = "feedback.captcha"
_FORM_TOKEN_SALT = "feedback.form-token"


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent the request.

    With ``TRUSTED_PROXY_COUNT = 0`` (default) this is ``REMOTE_ADDR``: X-Forwarded-For is
    ignored because any client can write it. With N trusted proxies in front of the app,
    each appends the address it saw, so the client is the N-th entry from the right (the
    first hop the outermost proxy recorded); entries further left are the client's own claims.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    hops = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return remote


@lru_cache(maxsize=1)
def _redis() -> redis.Redis:
    # A pool with the cache's short timeouts: redis-py's client-level retries would hold a
    # request for seconds while Redis is down.
    options = settings.CACHES["default"].get("OPTIONS", {})
    return redis.Redis(connection_pool=redis.ConnectionPool.from_url(settings.REDIS_URL, **options))


def _key(*parts: str) -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    return ":".join([prefix, "feedback", "rl", *parts])


@dataclass(frozen=True)
class RateLimit:
    exceeded: bool
    retry_after: int


def _window(window: int) -> tuple[int, int]:
    now = int(time.time())
    return now - now % window, now


def _hit(key: str, limit: int, window: int) -> tuple[RateLimit, int]:
    window_start, now = _window(window)
    full_key = f"{key}:{window_start}"

    def count_hit() -> int:
        pipe = _redis().pipeline()
        pipe.incr(full_key)
        pipe.expire(full_key, window + 5)
        count, _ok = pipe.execute()
        return count

    count = breaker.call("rate limit", count_hit, lambda: 0)
    return RateLimit(exceeded=count > limit, retry_after=window_start + window - now), count


# --- The same counters for other apps' limits (online_services: look-ups, applications) -----


def counter_hit(*parts: str, limit: int, window: int) -> tuple[RateLimit, int]:
    """Count one event on the fixed-window counter named by ``parts``; returns the count too.

    Keys are global (no schema): put the schema name in ``parts`` for a per-school counter.
    """
    return _hit(_key(*parts), limit, window)


def counter_peek(*parts: str, limit: int, window: int) -> RateLimit:
    """Whether the counter named by ``parts`` is already over ``limit`` (no counting)."""
    window_start, now = _window(window)
    count = _redis().get(f"{_key(*parts)}:{window_start}")
    return RateLimit(exceeded=int(count or 0) >= limit, retry_after=window_start + window - now)


def rate_limit_ip(request: HttpRequest) -> RateLimit:
    """Count one post from this client address, whichever school it is sent to."""
    limit, window = settings.FEEDBACK_RATE_PER_IP
    address = client_ip(request)
    result, count = _hit(_key("ip", address), limit, window)
    if count == limit + 1:  # once per window, not once per post of a flood
        logger.warning("Rate limit per address exceeded by %s", address)
    return result


def ip_blocked(request: HttpRequest) -> RateLimit:
    """Whether this address already went over its limit in the current window (no counting).

    Lets ``FloodGuardMiddleware`` turn a flood away before page routing and the database.
    """
    limit, window = settings.FEEDBACK_RATE_PER_IP
    window_start, now = _window(window)
    key = f"{_key('ip', client_ip(request))}:{window_start}"
    count = breaker.call("rate limit", lambda: _redis().get(key), lambda: 0)
    return RateLimit(exceeded=int(count or 0) > limit, retry_after=window_start + window - now)


def rate_limit_school() -> RateLimit:
    """Count one accepted submission for the current school."""
    limit, window = settings.FEEDBACK_RATE_PER_SCHOOL
    result, count = _hit(_key("school", connection.schema_name), limit, window)
    if count == limit + 1:
        logger.warning("Rate limit per school exceeded for %s", connection.schema_name)
    return result


# --- CAPTCHA: a sum of two small numbers, answer kept server-side, single use -----------------


@dataclass(frozen=True)
class Challenge:
    token: str
    question: str


def captcha_issue() -> Challenge:
    """A new challenge; the answer stays in the school's cache, the form carries a signed id."""
    left, right = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    challenge_id = secrets.token_urlsafe(16)
    cache.set(f"feedback:captcha:{challenge_id}", left + right, CAPTCHA_TTL)
    token = signing.dumps(
        {"id": challenge_id, "h": _answer_digest(challenge_id, left + right)}, salt=_CAPTCHA_SALT
    )
    return Challenge(token=token, question=f"{left} + {right}")


def captcha_verify(token: str, answer: str) -> bool:
    """True once for a right answer; a challenge is consumed by any attempt, right or wrong."""
    try:
        payload = signing.loads(token, salt=_CAPTCHA_SALT, max_age=CAPTCHA_TTL)
    except signing.BadSignature:
        return False
    if isinstance(payload, str):  # a token issued before the digest was added
        payload = {"id": payload, "h": ""}
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), str):
        return False
    challenge_id = payload["id"]
    if breaker.degraded:
        # Redis is down: the answer cannot be looked up (nor consumed); its signed digest
        # still proves the sender answered this challenge.
        digest = str(payload.get("h", ""))
        right = bool(digest) and constant_time_compare(
            digest, _answer_digest(challenge_id, str(answer).strip())
        )
        # Consumed by any attempt, as with Redis; add() is false when it was spent already.
        return (
            security_cache().add(f"feedback:captcha:spent:{challenge_id}", 1, CAPTCHA_TTL) and right
        )
    key = f"feedback:captcha:{challenge_id}"
    expected = cache.get(key)
    # delete() is the atomic step: of two concurrent uses only one sees it succeed.
    if expected is None or not cache.delete(key):
        return False
    return str(answer).strip() == str(expected)


def _answer_digest(challenge_id: str, answer: object) -> str:
    return salted_hmac(_CAPTCHA_SALT, f"{challenge_id}:{answer}").hexdigest()


# --- Form tokens: one per rendered form, so a double post is stored once ---------------------


def form_token_issue() -> str:
    return signing.dumps(uuid.uuid4().hex, salt=_FORM_TOKEN_SALT)


def form_token_read(token: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(signing.loads(token, salt=_FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE))
    except (signing.BadSignature, ValueError, TypeError):
        return None
