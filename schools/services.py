"""Writes to the tenant registry: provisioning, suspension, the template schema.

Provisioning clones the migrated template schema (``TENANT_BASE_SCHEMA``) instead of running
every migration into the new schema: about half a second instead of ten. The template holds
the default page tree and groups, so a clone is a working site at once (R1.4); what differs
per school (titles, the Site's host name, the first user) is set afterwards in the new schema.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists
from wagtail.log_actions import LogContext

from schools import pool
from schools.clone import FastCloneSchema, clone_function_ensure
from schools.models import Domain, Ownership, School, SchoolLevel, SchoolStatus
from schools.parallel import SchemaResult, map_schemas
from schools.selectors import school_get_template, school_list, template_stamp
from schools.validation import schema_name_for_slug, validate_domain, validate_slug
from siteplatform import provisioning

logger = logging.getLogger(__name__)
T = TypeVar("T")

TEMPLATE_SLUG = "school-template"


def operator_portal_ensure() -> School:
    """The public schema's row, its domain and the operator's portal home page (R1.5)."""
    public, _created = School.objects.get_or_create(
        schema_name=settings.PUBLIC_SCHEMA_NAME,
        defaults={"name": settings.PORTAL_OPERATOR_NAME, "slug": "public"},
    )
    if public.name != settings.PORTAL_OPERATOR_NAME:
        public.name = settings.PORTAL_OPERATOR_NAME
        public.save(update_fields=["name"])
    Domain.objects.get_or_create(
        domain=settings.PORTAL_PUBLIC_DOMAIN, defaults={"tenant": public, "is_primary": True}
    )
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        provisioning.operator_site_ensure(
            title=settings.PORTAL_OPERATOR_NAME, hostname=settings.PORTAL_PUBLIC_DOMAIN
        )
    return public


def template_ensure(*, verbosity: int = 0, content: bool = True) -> School:
    """Create (once) and refresh the template schema that schools are cloned from.

    Creating it runs every migration (about 10 s); afterwards ``migrate_schemas`` keeps it
    current like any tenant, and this function re-applies the default content, which is
    idempotent, so sections added by new code reach the template too.

    ``content=False`` only makes sure the schema exists: on an upgrade, content must wait
    until the tenant migrations have run, or writes to a table the template does not have
    yet would land in the public schema's table of that name (through the search path).
    """
    template = school_get_template()
    if template is None:
        template = School(
            schema_name=settings.TENANT_BASE_SCHEMA,
            slug=TEMPLATE_SLUG,
            name="Trường mẫu",
            is_template=True,
        )
        template.save()
    if not schema_exists(template.schema_name):
        logger.info("Creating template schema %s by running migrations", template.schema_name)
        # Runs real migrations: the base schema does not exist yet, so nothing is cloned.
        template.create_schema(check_if_exists=True, verbosity=verbosity)
    if not content:
        return template
    with schema_context(template.schema_name):
        provisioning.school_site_ensure(title=template.name, hostname="template.invalid")
    return template


def _validate_new_school(*, name: str, slug: str, domain: str, level: str, ownership: str) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, exc: ValidationError) -> None:
        errors.setdefault(field, []).extend(exc.messages)

    if not name.strip():
        add("name", ValidationError(_("Tên trường không được để trống.")))
    try:
        validate_slug(slug)
    except ValidationError as exc:
        add("slug", exc)
    else:
        if School.objects.filter(slug=slug).exists() or schema_exists(schema_name_for_slug(slug)):
            add("slug", ValidationError(_("Mã trường “%(slug)s” đã được dùng.") % {"slug": slug}))
    try:
        validate_domain(domain, slug)
    except ValidationError as exc:
        add("domain", exc)
    else:
        if Domain.objects.filter(domain=domain).exists():
            add(
                "domain",
                ValidationError(_("Tên miền “%(domain)s” đã được dùng.") % {"domain": domain}),
            )
    if level not in SchoolLevel.values:
        add("level", ValidationError(_("Cấp học “%(level)s” không hợp lệ.") % {"level": level}))
    if ownership not in Ownership.values:
        add("ownership", ValidationError(_("Loại hình “%(o)s” không hợp lệ.") % {"o": ownership}))
    if errors:
        raise ValidationError(errors)


def school_create(
    *,
    name: str,
    slug: str,
    domain: str,
    level: str,
    ownership: str = Ownership.PUBLIC,
    district: str = "",
    city: str = "",
    address: str = "",
    phone: str = "",
    email: str = "",
    admin_username: str | None = None,
    admin_email: str | None = None,
    admin_password: str | None = None,
) -> School:
    """Provision a school: registry row, domain, schema (a spare from the pool or a clone of
    the template), site.

    Everything happens in one transaction (PostgreSQL DDL is transactional), so a failure
    at any step leaves nothing behind: no row, no domain, no schema.
    """
    connection.set_schema_to_public()  # the registry lives there, whatever ran before
    name, slug, domain = name.strip(), slug.strip().lower(), domain.strip().lower()
    _validate_new_school(name=name, slug=slug, domain=domain, level=level, ownership=ownership)
    if admin_password:
        from django.contrib.auth.password_validation import validate_password

        try:
            validate_password(admin_password)
        except ValidationError as exc:
            raise ValidationError({"admin_password": exc.messages}) from exc
    template = school_get_template()
    if template is None or not schema_exists(template.schema_name):
        template = template_ensure()
    clone_function_ensure()  # committed before the transaction: concurrent clones share it
    schema_name = schema_name_for_slug(slug)
    with transaction.atomic():
        # A spare schema from the pool when there is a good one (a rename: milliseconds),
        # else a clone of the template (about half a second).
        if not pool.spare_take(new_schema_name=schema_name):
            FastCloneSchema().clone_schema(template.schema_name, schema_name)
        school = School.objects.create(
            schema_name=schema_name,
            name=name,
            slug=slug,
            level=level,
            ownership=ownership,
            district=district,
            city=city,
            address=address,
            phone=phone,
            email=email,
            synced_stamp=template_stamp(migrations=False),
        )
        Domain.objects.create(domain=domain, tenant=school, is_primary=True)
        # A fresh log context: the request's user (an operator in the public schema) does
        # not exist in the new school, so Wagtail's log entries must not reference it.
        with schema_context(school.schema_name), LogContext():
            provisioning.school_site_personalise(title=name, hostname=domain)
            provisioning.school_profile_ensure(name=name, address=address, phone=phone, email=email)
            if admin_email or admin_username:
                school_user_create(
                    username=admin_username or (admin_email or "").split("@")[0],
                    email=admin_email or "",
                    password=admin_password,
                    role=provisioning.ROLE_HEAD,
                )
        pool.pool_refill_later()
    connection.set_schema_to_public()
    logger.info("Provisioned school %s (schema %s, domain %s)", slug, school.schema_name, domain)
    return school


def school_sync(*, school: School, stamp: str | None = None) -> None:
    """Bring an existing school up to date with code: sections added since it was created.

    ``stamp``: the template's structure stamp the school is then in line with (recorded, so
    ``schools_sync`` skips it until the template changes again).
    """
    with schema_context(school.schema_name), transaction.atomic(), LogContext():
        provisioning.school_sections_ensure()
    if stamp is not None and school.synced_stamp != stamp:
        School.objects.filter(pk=school.pk).update(synced_stamp=stamp)
        school.synced_stamp = stamp


def _sync_worker(job: tuple[int, str]) -> SchemaResult:
    school_id, stamp = job
    started = time.perf_counter()
    school = School.objects.get(pk=school_id)
    try:
        school_sync(school=school, stamp=stamp)
    except Exception as exc:  # noqa: BLE001 - one school's failure must not stop the others
        logger.exception("Syncing school %s failed", school.slug)
        return SchemaResult(school.schema_name, time.perf_counter() - started, error=str(exc))
    finally:
        connection.set_schema_to_public()
    return SchemaResult(school.schema_name, time.perf_counter() - started)


def schools_sync(*, force: bool = False, write=logger.info) -> list[SchemaResult]:
    """``school_sync`` for every school not yet in line with the template's structure.

    A deploy that changes no section, right or workflow syncs nothing, whatever the number
    of schools; one that does syncs them in parallel (``schools.parallel``). ``force``
    syncs every school (for instance to re-create a section a board deleted).
    """
    stamp = template_stamp(migrations=False)
    schools = school_list() if force else school_list().exclude(synced_stamp=stamp)
    jobs = [(school_id, stamp) for school_id in schools.values_list("pk", flat=True)]
    write(f"Schools to sync with the template: {len(jobs)}")
    if not jobs:
        return []
    results = map_schemas(_sync_worker, jobs, write=write, label="synced")
    connection.set_schema_to_public()
    return results


def school_user_create(
    *,
    username: str,
    email: str,
    password: str | None,
    role: str,
    first_name: str = "",
    last_name: str = "",
):
    """Create or update a user in the current school's schema and put it in a role group."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username=username,
        defaults={"email": email, "first_name": first_name, "last_name": last_name},
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.is_staff = True
    user.save()
    user.groups.add(provisioning.role_group(role))
    return user


def school_set_status(*, school: School, status: str) -> School:
    if school.is_operator or school.is_template:
        raise ValidationError(_("Không thể đổi trạng thái của cổng Phòng hoặc lược đồ mẫu."))
    if status not in SchoolStatus.values:
        raise ValidationError(_("Trạng thái “%(s)s” không hợp lệ.") % {"s": status})
    school.status = status
    school.save(update_fields=["status"])
    logger.info("School %s is now %s", school.slug, status)
    return school


def school_delete(*, school: School) -> None:
    """Drop a school and its schema. Refuses the operator row and the template."""
    if school.is_operator or school.is_template:
        raise ValidationError(_("Không thể xoá cổng Phòng hoặc lược đồ mẫu."))
    with transaction.atomic():
        school.delete(force_drop=True)


def schools_each(fn: Callable[[], T]) -> dict[str, T]:
    """``fn()`` inside every school's schema, one after the other: ``{schema_name: result}``.

    For nightly sweeps of per-school data (retention purges) run from the public schema.
    """
    results: dict[str, T] = {}
    for school in school_list():
        with schema_context(school.schema_name):
            results[school.schema_name] = fn()
    return results
