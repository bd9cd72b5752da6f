"""Backup and restore of one school (R9.5, R10.4): its schema, media and registry row.

``school_backup_write`` dumps the school's schema (``backup.schemadump``), copies every file of
its media storage and records its registry row, domains, migration state and the
content-type ids its rows refer to, in one archive (``backup.archive``).

``school_restore`` loads an archive into a fresh schema under a temporary name (``psql
--single-transaction``: it loads whole or not at all), then, in one transaction, either
swaps it with the school's current schema (replace) or renames it to a new school's schema
and creates the registry rows (restore as a new school, here or on another deployment). A
corrupt archive, one whose migration state differs from this deployment's, or one that
names content types this deployment lacks is refused before anything changes. Media are
written after the swap; the search index and the operator portal's news digest are rebuilt.
"""

from __future__ import annotations

import logging
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from backup import pgtools, schemadump
from backup.archive import (
    FORMAT,
    SCHEMA_SQL,
    VERSION,
    ArchiveWriter,
    OpenedArchive,
    archive_open,
)
from backup.schemas import (
    _audit_trail_keep,
    _drop_schema_if_exists,
    _load_schema,
    _q,
    _remap_content_types,
)
from backup.selectors import (
    _content_types,
    archive_check_compatible,
    schema_migrations,
)
from schools.models import Domain, School
from schools.validation import schema_name_for_slug, validate_domain, validate_slug

logger = logging.getLogger(__name__)

REGISTRY_FIELDS = ("name", "level", "ownership", "district", "city", "address", "phone", "email")


def _media_files() -> Iterator[str]:
    """Every file of the current schema's media storage (file system or S3)."""

    def walk(prefix: str) -> Iterator[str]:
        try:
            directories, files = default_storage.listdir(prefix)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in sorted(files):
            yield str(PurePosixPath(prefix, name)) if prefix else name
        for name in sorted(directories):
            yield from walk(str(PurePosixPath(prefix, name)) if prefix else name)

    yield from walk("")


def _registry(school: School) -> dict:
    return {
        "slug": school.slug,
        **{name: getattr(school, name) for name in REGISTRY_FIELDS},
        "status": school.status,
        "domains": [
            {"domain": d.domain, "is_primary": d.is_primary}
            for d in school.domains.order_by("-is_primary", "domain")
        ],
    }


def school_backup_write(*, school: School, output: Path, acting_username: str = "") -> dict:
    """Write one school's archive to ``output``; returns the manifest."""
    if school.is_operator or school.is_template:
        raise ValidationError(
            _("Chỉ sao lưu được trường học, không phải cổng Phòng hay lược đồ mẫu.")
        )
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    connection.set_schema_to_public()
    with tempfile.TemporaryDirectory(prefix="backup-") as work:
        dump = Path(work) / SCHEMA_SQL
        dumped_by = schemadump.school_schema_dump(school.schema_name, dump)
        writer = ArchiveWriter(output)
        try:
            with dump.open("rb") as handle:
                writer.add(SCHEMA_SQL, handle)
            media = 0
            with schema_context(school.schema_name):
                for name in _media_files():
                    with default_storage.open(name, "rb") as handle:
                        writer.add(f"media/{name}", handle)
                    media += 1
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "created_by": acting_username,
                "school": _registry(school),
                "schema_name": school.schema_name,
                "migrations": schema_migrations(school.schema_name),
                "content_types": _content_types(),
                "postgres": {
                    "server_major": pgtools.server_major_version(),
                    "dump": dumped_by,
                },
            }
            writer.close(manifest)
        except BaseException:
            writer.abort()
            raise
    logger.info(
        "Backup of school %s (schema %s) written to %s by %s: %d media files",
        school.slug,
        school.schema_name,
        output,
        acting_username or "?",
        media,
    )
    return {**manifest, "files": writer.files}


# --- Restore -------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    school: School
    replaced: bool
    media_files: int = 0
    indexed_pages: int | None = None
    warnings: list[str] = field(default_factory=list)


def _media_write(opened: OpenedArchive, schema_name: str, *, replace: bool) -> int:
    """Write the archive's files into the school's storage (replace: remove the others)."""
    wanted = dict(opened.media())
    count = 0
    with schema_context(schema_name):
        if replace:
            for name in list(_media_files()):
                default_storage.delete(name)
        for name, path in wanted.items():
            with path.open("rb") as handle:
                stored = default_storage.save(name, File(handle, name=PurePosixPath(name).name))
            if stored != name:
                logger.warning("Restored media file %s was stored as %s", name, stored)
            count += 1
    return count


def _after_restore(school: School, result: RestoreResult, *, replaced: bool) -> None:
    """Caches, search index, the portal's news digest, dispatch receipts (best effort)."""
    from wagtail.models import Site

    from siteplatform.cache import page_cache_invalidate

    with schema_context(school.schema_name):
        Site.clear_site_root_paths_cache()
        page_cache_invalidate()
    steps = [("search index", lambda: _rebuild_index(school, result))]
    steps.append(("news digest", lambda: _rebuild_digest(school)))
    steps.append(("dispatches", lambda: _reconcile_dispatches(school, replaced=replaced)))
    for what, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - the restore itself is done and committed
            logger.exception("After restoring %s: %s failed", school.slug, what)
            result.warnings.append(f"{what}: {exc}")


def _rebuild_index(school: School, result: RestoreResult) -> None:
    from sitesearch.services import school_index_rebuild

    result.indexed_pages = school_index_rebuild(schema_name=school.schema_name)


def _rebuild_digest(school: School) -> None:
    from rss.digest import school_news_digest_rebuild

    with schema_context(school.schema_name):
        school_news_digest_rebuild()


def _reconcile_dispatches(school: School, *, replaced: bool) -> None:
    from dispatch.services import dispatch_deliver_to_new_school, dispatch_receipts_reconcile

    if replaced:
        dispatch_receipts_reconcile(school=school)
    else:
        dispatch_deliver_to_new_school(school=school)


def _registry_values(manifest: dict) -> dict:
    source = manifest.get("school", {})
    return {name: str(source.get(name, "") or "") for name in REGISTRY_FIELDS}


def _validate_new(slug: str, domain: str) -> None:
    errors: dict[str, list[str]] = {}
    try:
        validate_slug(slug)
    except ValidationError as exc:
        errors["slug"] = exc.messages
    else:
        if School.objects.filter(slug=slug).exists() or schema_exists(schema_name_for_slug(slug)):
            errors["slug"] = [_("Mã trường “%(slug)s” đã được dùng.") % {"slug": slug}]
    try:
        validate_domain(domain, slug)
    except ValidationError as exc:
        errors["domain"] = exc.messages
    else:
        if Domain.objects.filter(domain=domain).exists():
            errors["domain"] = [_("Tên miền “%(domain)s” đã được dùng.") % {"domain": domain}]
    if errors:
        raise ValidationError(errors)


def school_restore(
    *,
    archive_path: Path,
    replace: School | None = None,
    new_slug: str | None = None,
    new_domain: str | None = None,
    acting_username: str = "",
) -> RestoreResult:
    """Restore an archive over ``replace`` (its schema, media and registry data), or as a new
    school ``new_slug`` / ``new_domain`` (defaults: the archive's own slug and primary domain,
    for another deployment).

    Raises ``ArchiveError`` (corrupt or incompatible archive) or ``ValidationError`` (bad
    slug or domain) before anything is changed.
    """
    connection.set_schema_to_public()
    opened = archive_open(Path(archive_path))
    try:
        manifest = opened.manifest
        remap = archive_check_compatible(manifest)
        if replace is not None:
            if replace.is_operator or replace.is_template:
                raise ValidationError(_("Không thể ghi đè cổng Phòng hoặc lược đồ mẫu."))
            slug, domain = replace.slug, None
        else:
            source = manifest.get("school", {})
            primary = next(iter(source.get("domains", [])), {}).get("domain", "")
            slug = (new_slug or source.get("slug", "")).strip().lower()
            domain = (new_domain or primary).strip().lower()
            _validate_new(slug, domain)
        temp_schema = f"restore_{secrets.token_hex(6)}"
        _load_schema(opened, temp_schema)
        try:
            with transaction.atomic():
                _remap_content_types(temp_schema, remap)
                if replace is not None:
                    school = _swap_in(replace, temp_schema, manifest)
                else:
                    school = _create_from(temp_schema, manifest, slug=slug, domain=domain)
        except BaseException:
            _drop_schema_if_exists(temp_schema)
            raise
        result = RestoreResult(school=school, replaced=replace is not None)
        result.media_files = _media_write(opened, school.schema_name, replace=replace is not None)
        _after_restore(school, result, replaced=replace is not None)
    finally:
        opened.cleanup()
    logger.info(
        "School %s %s from a backup of %s (%s) by %s: %d media files, %s pages indexed%s",
        school.slug,
        "replaced" if result.replaced else "restored as a new school",
        manifest.get("school", {}).get("slug"),
        manifest.get("created_at"),
        acting_username or "?",
        result.media_files,
        result.indexed_pages,
        f"; warnings: {result.warnings}" if result.warnings else "",
    )
    return result


def _swap_in(school: School, temp_schema: str, manifest: dict) -> School:
    replaced = f"replaced_{secrets.token_hex(6)}"
    kept = _audit_trail_keep(
        source=school.schema_name, target=temp_schema, since=manifest["created_at"]
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SCHEMA {_q(school.schema_name)} RENAME TO {_q(replaced)}")
        cursor.execute(f"ALTER SCHEMA {_q(temp_schema)} RENAME TO {_q(school.schema_name)}")
        cursor.execute(f"DROP SCHEMA {_q(replaced)} CASCADE")
    logger.info("School %s: %d audit entries since the backup kept", school.slug, kept)
    for name, value in _registry_values(manifest).items():
        setattr(school, name, value)
    school.save(update_fields=list(REGISTRY_FIELDS))
    return school


def _create_from(temp_schema: str, manifest: dict, *, slug: str, domain: str) -> School:
    from wagtail.models import Site

    schema_name = schema_name_for_slug(slug)
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER SCHEMA {_q(temp_schema)} RENAME TO {_q(schema_name)}")
    school = School(schema_name=schema_name, slug=slug, **_registry_values(manifest))
    school.save()
    Domain.objects.create(domain=domain, tenant=school, is_primary=True)
    with schema_context(schema_name):
        Site.objects.filter(is_default_site=True).update(hostname=domain)
    connection.set_schema_to_public()
    return school
