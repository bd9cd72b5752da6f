"""Reads of the backup app: migration state and content types of a schema, and what an
archive holds and whether this deployment can restore it.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, schema_exists

from backup.archive import ArchiveError, archive_open
from backup.models import BackupJob
from backup.schemas import _q
from schools.models import School
from schools.selectors import school_list, schools_matching


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


def backup_jobs_recent(limit: int = 20) -> list[BackupJob]:
    """The operator's latest archive requests, newest first."""
    return list(BackupJob.objects.all()[:limit])


def school_search(query: str) -> QuerySet[School]:
    """Schools that can be backed up, by name or slug containing ``query``."""
    return schools_matching(school_list().order_by("name"), query)
