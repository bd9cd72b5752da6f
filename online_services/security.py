"""Abuse resistance and privacy of the online services (R6.2, R7.3).

The counters are feedback's fixed windows in Redis (``feedback.security``), under their own
names and limits:

* look-ups (results, diplomas, application status) per client address across every school,
  and per school, so neither one address nor a crowd can walk through codes;
* failed look-ups per code, per school: after a few wrong birth dates (or names, or phone
  numbers) for one student code, diploma number or reference, that code answers nothing for
  the rest of the window, whoever asks — guessing a birth date for a known code takes
  thousands of tries, and this leaves a handful. Counted whether or not the code exists, so
  the lock tells nothing either;
* application posts per client address and accepted applications per school.

Settings, each ``(count, seconds)``: ``ONLINE_LOOKUP_RATE_PER_IP``,
``ONLINE_LOOKUP_RATE_PER_SCHOOL``, ``ONLINE_LOOKUP_FAILURES_PER_CODE``,
``ONLINE_APPLICATION_RATE_PER_IP``, ``ONLINE_APPLICATION_RATE_PER_SCHOOL``; the client address
follows ``TRUSTED_PROXY_COUNT`` (``feedback.security.client_ip``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

from feedback.security import RateLimit, client_ip, counter_hit, counter_peek

logger = logging.getLogger(__name__)

NO_STORE = "private, no-store"


def no_store(response: HttpResponse) -> HttpResponse:
    """Keep a personal answer out of every cache: ours (``siteplatform.cache``), proxies, the browser."""
    response["Cache-Control"] = NO_STORE
    response["Pragma"] = "no-cache"
    return response


def code_hash(kind: str, code: str) -> str:
    """An HMAC of the code typed, for the audit log: repeated attempts on one code group
    together, and the log is no list of codes (nor can codes be recovered by hashing guesses
    without the secret key)."""
    message = f"{kind}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _count(name: str, identifier: str, setting: str) -> RateLimit:
    limit, window = getattr(settings, setting)
    result, count = counter_hit(name, identifier, limit=limit, window=window)
    if count == limit + 1:  # once per window, not once per request of a flood
        logger.warning("Rate limit %s exceeded by %s", setting, identifier)
    return result


def lookup_limit(request: HttpRequest) -> RateLimit:
    """Count one look-up from this client address (every school) and for this school."""
    result = _count("lookup-ip", client_ip(request), "ONLINE_LOOKUP_RATE_PER_IP")
    if result.exceeded:
        return result
    return _count("lookup-school", connection.schema_name, "ONLINE_LOOKUP_RATE_PER_SCHOOL")


def _code_counter(kind: str, hashed: str) -> tuple[str, str]:
    return "lookup-code", f"{connection.schema_name}:{kind}:{hashed}"


def code_locked(kind: str, hashed: str) -> RateLimit:
    """Whether this code already had its share of failed look-ups in the current window."""
    limit, window = settings.ONLINE_LOOKUP_FAILURES_PER_CODE
    return counter_peek(*_code_counter(kind, hashed), limit=limit, window=window)


def code_failed(kind: str, hashed: str) -> None:
    limit, window = settings.ONLINE_LOOKUP_FAILURES_PER_CODE
    _result, count = counter_hit(*_code_counter(kind, hashed), limit=limit, window=window)
    if count == limit:
        logger.warning("Look-ups of one %s code locked after %s failures", kind, count)


def application_limit_ip(request: HttpRequest) -> RateLimit:
    """Count one application post from this client address (every school)."""
    return _count("apply-ip", client_ip(request), "ONLINE_APPLICATION_RATE_PER_IP")


def application_limit_school() -> RateLimit:
    """Count one valid application for the current school."""
    return _count("apply-school", connection.schema_name, "ONLINE_APPLICATION_RATE_PER_SCHOOL")
