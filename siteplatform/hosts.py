"""Host names: normalised, checked against the registry, and replaced by the canonical one.

``HostMiddleware`` sits before django-tenants' ``TenantMainMiddleware`` and does three things
with the ``Host`` header of every request (``/healthz`` excepted, it answers any host):

- **Normalise**: host names are case-insensitive and may end with a dot (``THCS.Edu.VN.``);
  django-tenants looks the domain up exactly, so the header is lower-cased and the dot dropped.
- **Validate** (``PORTAL_VALIDATE_HOSTS``, on in production): the host must be a registered
  domain (``schools.Domain``) or one of the operator's own hosts (``PORTAL_OPERATOR_HOSTS``);
  anything else gets a 400 before any page is built. The registry lives in the database, so
  this replaces a static ``ALLOWED_HOSTS``; the look-up is cached (``global:`` key, shared by
  every schema).
- **Canonicalise**: a request on any domain of a school is handled with the school's primary
  domain and the configured port (``PORTAL_PUBLIC_PORT``, none in production) as its host,
  so every absolute URL built from the request (links, robots.txt, sitemaps, RSS, e-mails)
  names the school's canonical address, never what the client sent (``Host: school:6666``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import is_same_domain

CACHE_PREFIX = "global:host:"
# A known host is cached longer than an unknown one, so a newly registered domain answers
# within a few seconds and a flood of random hosts still costs one query per host.
KNOWN_TTL = 300
UNKNOWN_TTL = 15
_UNKNOWN = ""


def host_split(raw: str) -> tuple[str, str]:
    """``("thcs.edu.vn", "8000")`` from ``"THCS.edu.vn.:8000"``; IPv6 literals kept whole."""
    raw = raw.strip()
    if raw.startswith("["):
        end = raw.find("]")
        if end == -1:
            return raw.lower(), ""
        host, rest = raw[: end + 1], raw[end + 1 :]
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = raw.rpartition(":") if raw.count(":") == 1 else (raw, "", "")
    return host.lower().rstrip("."), port


def canonical_host(host: str) -> str | None:
    """The primary domain of the school (or operator) that owns ``host``; None if unregistered.

    One query per host per cache lifetime, whatever the number of schools.
    """
    key = CACHE_PREFIX + host
    found = cache.get(key)
    if found is None:
        from schools.models import Domain

        # One query: the registered host and its school's primary domain, if it has one.
        rows = (
            Domain.objects.filter(domain=host)
            .annotate(
                primary=Subquery(
                    Domain.objects.filter(tenant_id=OuterRef("tenant_id"), is_primary=True)
                    .order_by("id")
                    .values("domain")[:1]
                )
            )
            .values_list("primary", flat=True)
            .order_by("id")[:1]
        )
        primary = None
        for found_primary in rows:
            primary = found_primary or host
        found = primary or _UNKNOWN
        cache.set(key, found, KNOWN_TTL if primary else UNKNOWN_TTL)
    return found or None


def _port_suffix() -> str:
    port = settings.PORTAL_PUBLIC_PORT
    return f":{port}" if port and port not in (80, 443) else ""


def canonical_origin(domain: str) -> str:
    """``scheme://domain[:port]`` of a canonical domain, as links to it must be written."""
    return f"{settings.PORTAL_SCHEME}://{domain}{_port_suffix()}"


def _operator_host(host: str) -> bool:
    return any(is_same_domain(host, pattern) for pattern in settings.PORTAL_OPERATOR_HOSTS)


class HostMiddleware:
    """Normalise, validate and canonicalise the ``Host`` header (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raw = request.META.get("HTTP_HOST")
        if not raw or request.path == "/healthz":
            return self.get_response(request)
        host, port = host_split(raw)
        canonical = canonical_host(host) if host else None
        if canonical is not None:
            request.META["HTTP_HOST"] = canonical + _port_suffix()
        elif settings.PORTAL_VALIDATE_HOSTS and not _operator_host(host):
            response = TemplateResponse(request, "schools/unknown_host.html", status=400)
            return response.render()
        else:
            request.META["HTTP_HOST"] = f"{host}:{port}" if port else host
        return self.get_response(request)
