"""Reads of the tenant registry."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from schools.models import School


def school_list() -> QuerySet[School]:
    """Real schools: neither the operator's public schema nor the template."""
    return School.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME).exclude(is_template=True)


def school_get_template() -> School | None:
    return School.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).first()


def school_primary_domain(school: School) -> str | None:
    domain = school.domains.filter(is_primary=True).first()
    return domain.domain if domain else None


def school_base_url(school: School) -> str:
    """Absolute base URL of a school's site, without a trailing slash."""
    domain = school_primary_domain(school) or settings.PORTAL_PUBLIC_DOMAIN
    port = getattr(settings, "PORTAL_PUBLIC_PORT", "")
    suffix = f":{port}" if port and domain.endswith("localhost") else ""
    return f"{settings.PORTAL_SCHEME}://{domain}{suffix}"
