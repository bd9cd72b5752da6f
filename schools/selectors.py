"""Reads of the tenant registry."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet

from schools.models import School


def school_list() -> QuerySet[School]:
    """Real schools: neither the operator's public schema nor the template."""
    return School.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME).exclude(is_template=True)


def schools_matching(schools: QuerySet[School], query: str) -> QuerySet[School]:
    """``schools`` whose name or slug holds ``query``, with or without diacritics (``đ`` as
    ``d``): parents and staff type "nguyen trai" for "Nguyễn Trãi". Folded in Python, so a
    query is one read of the names (2,000 short rows) and never SQL."""
    from core.slugs import fold_vietnamese

    query = " ".join(query.split())[:100]
    if not query:
        return schools
    wanted = fold_vietnamese(query).casefold()
    keep = [
        pk
        for pk, name, slug in schools.values_list("pk", "name", "slug")
        if wanted in fold_vietnamese(name).casefold() or wanted in slug
    ]
    return schools.filter(pk__in=keep)


def school_get_template() -> School | None:
    return School.objects.filter(schema_name=settings.TENANT_BASE_SCHEMA).first()


def school_primary_domain(school: School) -> str | None:
    domain = school.domains.filter(is_primary=True).first()
    return domain.domain if domain else None


def school_base_url(school: School) -> str:
    """Absolute base URL of a school's site, without a trailing slash."""
    return _base_url(school_primary_domain(school))


def school_base_urls(schools: Iterable[School]) -> dict[int, str]:
    """``school_base_url`` of each school (by primary key), their domains read in one query."""
    from schools.models import Domain

    schools = list(schools)
    primary = dict(
        Domain.objects.filter(tenant__in=schools, is_primary=True).values_list(
            "tenant_id", "domain"
        )
    )
    return {school.pk: _base_url(primary.get(school.pk)) for school in schools}


def _base_url(domain: str | None) -> str:
    domain = domain or settings.PORTAL_PUBLIC_DOMAIN
    port = getattr(settings, "PORTAL_PUBLIC_PORT", "")
    suffix = f":{port}" if port and domain.endswith("localhost") else ""
    return f"{settings.PORTAL_SCHEME}://{domain}{suffix}"


# What a school copies from the template and setup_platform keeps in line: the page
# tree's shape, the roles' rights and the workflows (and, for spare schemas, the applied
# migrations). Content that each school then edits (titles, texts, settings) is left out.
_MIGRATIONS_SQL = (
    "(SELECT string_agg(app || '.' || name, ',' ORDER BY app, name) FROM {s}.django_migrations)"
)
_TEMPLATE_STAMP_SQL = """
SELECT md5(concat_ws('|', {migrations},
  (SELECT string_agg(content_type_id || ':' || path || ':' || slug, ',' ORDER BY path)
     FROM {s}.wagtailcore_page),
  (SELECT string_agg(g.name || ':' || p.codename, ',' ORDER BY g.name, p.codename)
     FROM {s}.auth_group_permissions gp
     JOIN {s}.auth_group g ON g.id = gp.group_id
     JOIN {s}.auth_permission p ON p.id = gp.permission_id),
  (SELECT string_agg(g.name || ':' || gpp.page_id || ':' || gpp.permission_id, ','
                     ORDER BY g.name, gpp.page_id, gpp.permission_id)
     FROM {s}.wagtailcore_grouppagepermission gpp JOIN {s}.auth_group g ON g.id = gpp.group_id),
  (SELECT string_agg(g.name || ':' || gcp.collection_id || ':' || gcp.permission_id, ','
                     ORDER BY g.name, gcp.collection_id, gcp.permission_id)
     FROM {s}.wagtailcore_groupcollectionpermission gcp
     JOIN {s}.auth_group g ON g.id = gcp.group_id),
  (SELECT string_agg(w.name || ':' || w.active, ',' ORDER BY w.name) FROM {s}.wagtailcore_workflow w),
  (SELECT string_agg(page_id || ':' || workflow_id, ',' ORDER BY page_id)
     FROM {s}.wagtailcore_workflowpage)
))
"""


def template_stamp(schema_name: str | None = None, *, migrations: bool = True) -> str:
    """A fingerprint of the template schema's structure (or of ``schema_name``'s).

    Two uses: a spare schema cloned from the template is still good while the template's
    stamp, migrations included, is the one it was cloned with (``schools.pool``); and
    ``setup_platform`` skips a school already synced with the template's structure
    (``migrations=False``, compared with ``School.synced_stamp``): a migration alone gives
    a school nothing to sync.
    """
    from django.db import connection

    schema = connection.ops.quote_name(schema_name or settings.TENANT_BASE_SCHEMA)
    sql = _TEMPLATE_STAMP_SQL.format(
        s=schema, migrations=_MIGRATIONS_SQL.format(s=schema) if migrations else "''"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]
