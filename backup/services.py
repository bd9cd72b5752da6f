"""Backup and restore of one school (R9.5, R10.4): its schema, media and registry row.

``school_backup_write`` dumps the school's schema with ``pg_dump -n``, copies every file of
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

import datetime
import logging
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from backup import pgtools
from backup.archive import (
    FORMAT,
    SCHEMA_SQL,
    VERSION,
    ArchiveError,
    ArchiveWriter,
    OpenedArchive,
    archive_open,
    rewrite_schema,
)
from schools.models import Domain, School
from schools.validation import schema_name_for_slug, validate_domain, validate_slug

logger = logging.getLogger(__name__)

REGISTRY_FIELDS = ("name", "level", "ownership", "district", "city", "address", "phone", "email")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def schema_migrations(schema_name: str) -> list[list[str]]:
    """``[[app, name], …]`` applied in a schema, sorted."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT app, name FROM {_q(schema_name)}.django_migrations")  # noqa: S608
        return sorted([app, name] for app, name in cursor.fetchall())


def _content_types() -> dict[str, str]:
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        return {
            str(pk): f"{app}.{model}"
            for pk, app, model in ContentType.objects.values_list("pk", "app_label", "model")
        }


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
        pg_dump = pgtools.pg_binary("pg_dump")
        pgtools.run(
            [
                pg_dump,
                "--schema",
                school.schema_name,
                "--no-owner",
                "--no-privileges",
                "--format=plain",
                "--file",
                str(dump),
            ],
            capture_output=True,
        )
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
                    "pg_dump": Path(pg_dump).name,
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


def _template_schema() -> str:
    return settings.TENANT_BASE_SCHEMA


def archive_check_compatible(manifest: dict) -> dict[int, int]:
    """Refuse an archive of another migration state; return the content-type id remap.

    Content-type ids are the public schema's, so on another deployment the same model may
    have another id: the archive's rows are then rewritten to this deployment's ids.
    """
    ours = schema_migrations(_template_schema()) if schema_exists(_template_schema()) else []
    theirs = sorted(list(pair) for pair in manifest.get("migrations", []))
    if ours != theirs:
        missing_here = [f"{a}.{n}" for a, n in theirs if [a, n] not in ours]
        missing_there = [f"{a}.{n}" for a, n in ours if [a, n] not in theirs]
        raise ArchiveError(
            _(
                "Bản sao lưu không tương thích với phiên bản hệ thống này (trạng thái cơ sở "
                "dữ liệu khác nhau: %(count)s thay đổi). Hãy cập nhật hệ thống cho cùng phiên "
                "bản rồi khôi phục lại."
            )
            % {"count": len(missing_here) + len(missing_there)},
            detail=(
                f"migration state differs: only in archive {missing_here[:10]}, "
                f"only here {missing_there[:10]}"
            ),
        )
    labels = {label: int(pk) for pk, label in _content_types().items()}
    remap: dict[int, int] = {}
    unknown = []
    for pk, label in manifest.get("content_types", {}).items():
        if label not in labels:
            unknown.append(label)
        elif labels[label] != int(pk):
            remap[int(pk)] = labels[label]
    if unknown:
        raise ArchiveError(
            _("Bản sao lưu có dữ liệu của chức năng mà hệ thống này không có."),
            detail=f"content types unknown here: {sorted(unknown)[:10]}",
        )
    return remap


def archive_inspect(path: Path) -> dict:
    """The manifest of a sound archive this deployment can restore; ``ArchiveError`` if not."""
    opened = archive_open(Path(path))
    try:
        archive_check_compatible(opened.manifest)
        return opened.manifest
    finally:
        opened.cleanup()


def _load_schema(opened: OpenedArchive, temp_schema: str) -> None:
    rewritten = opened.directory / "schema.restore.sql"
    rewrite_schema(
        opened.schema_sql, rewritten, old=opened.manifest["schema_name"], new=temp_schema
    )
    psql = pgtools.pg_binary("psql")
    try:
        pgtools.run(
            [
                psql,
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "--single-transaction",
                "-f",
                str(rewritten),
            ],
            capture_output=True,
        )
    except pgtools.PgToolError as exc:
        raise ArchiveError(
            _("Không nạp được dữ liệu của bản sao lưu; không có gì bị thay đổi."), detail=str(exc)
        ) from exc
    finally:
        rewritten.unlink(missing_ok=True)


def _content_type_columns(schema_name: str) -> list[tuple[str, str]]:
    """(table, column) of the schema that hold content-type ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT cls.relname, att.attname
            FROM pg_constraint con
            JOIN pg_class cls ON cls.oid = con.conrelid
            JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
            WHERE con.contype = 'f' AND con.connamespace = %s::regnamespace
              AND con.confrelid = 'public.django_content_type'::regclass
            UNION
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = %s AND column_name LIKE '%%content_type_id'
              AND data_type IN ('integer', 'bigint')
            """,
            [schema_name, schema_name],
        )
        return sorted(cursor.fetchall())


def _remap_content_types(schema_name: str, remap: dict[int, int]) -> None:
    if not remap:
        return
    values = ", ".join(f"({int(old)}, {int(new)})" for old, new in remap.items())
    with connection.cursor() as cursor:
        for table, column in _content_type_columns(schema_name):
            cursor.execute(
                f"UPDATE {_q(schema_name)}.{_q(table)} AS t SET {_q(column)} = m.new "  # noqa: S608
                f"FROM (VALUES {values}) AS m(old, new) WHERE t.{_q(column)} = m.old"
            )
        # Wagtail keeps the page's content type in each revision's JSON too.
        cursor.execute(
            f"UPDATE {_q(schema_name)}.wagtailcore_revision AS r "  # noqa: S608
            "SET content = jsonb_set(r.content, '{content_type}', to_jsonb(m.new)) "
            f"FROM (VALUES {values}) AS m(old, new) "
            "WHERE (r.content ->> 'content_type') ~ '^[0-9]+$' "
            "AND (r.content ->> 'content_type')::int = m.old"
        )
    logger.info("Content types remapped in %s: %s", schema_name, remap)


def _drop_schema_if_exists(schema_name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {_q(schema_name)} CASCADE")


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


AUDIT_TABLES = ("wagtailcore_pagelogentry", "wagtailcore_modellogentry")


def _audit_trail_keep(*, source: str, target: str, since: str) -> int:
    """Copy the audit entries written after the backup from ``source`` into ``target``.

    Who changed what and when is kept (R10.4) across a restore: the deletion that made the
    restore necessary stays in the school's log. Log entries refer to users and pages
    without database constraints, so rows about users or pages the backup lacks still fit.
    """
    copied = 0
    with connection.cursor() as cursor:
        for table in AUDIT_TABLES:
            cursor.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = %s AND column_name <> 'id' "
                "ORDER BY ordinal_position",
                [target, table],
            )
            columns = ", ".join(_q(name) for (name,) in cursor.fetchall())
            if not columns:
                continue
            cursor.execute(
                f"INSERT INTO {_q(target)}.{_q(table)} ({columns}) "  # noqa: S608
                f"SELECT {columns} FROM {_q(source)}.{_q(table)} WHERE timestamp > %s "
                "ORDER BY timestamp",
                [since],
            )
            copied += cursor.rowcount
    return copied


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


def archive_summary(manifest: dict) -> dict:
    """What the operator confirms before restoring: which school, when, how big."""
    files = manifest.get("files", {})
    created = manifest.get("created_at", "")
    try:
        created_at = datetime.datetime.fromisoformat(created)
    except ValueError:
        created_at = None
    return {
        "school": manifest.get("school", {}),
        "created_at": created_at,
        "created_by": manifest.get("created_by", ""),
        "media_files": sum(1 for name in files if name.startswith("media/")),
        "size": sum(entry.get("size", 0) for entry in files.values()),
    }
