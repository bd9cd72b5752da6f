"""SQL on whole schemas for a restore: load an archive's dump into a temporary schema,
remap its content-type ids, keep the audit entries written since the backup.
"""

from __future__ import annotations

import logging

from django.db import connection
from django.utils.translation import gettext as _

from backup import pgtools
from backup.archive import ArchiveError, OpenedArchive, rewrite_schema

logger = logging.getLogger(__name__)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


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
    """(table, column) of the schema that hold content-type ids.

    From the models (school schemas have no foreign keys to the shared content types, see
    ``schools.ddl.shared_foreign_keys_drop``), and any integer ``…content_type_id`` column.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    columns = {
        (model._meta.db_table, field.column)
        for model in apps.get_models(include_auto_created=True)
        for field in model._meta.local_fields
        if field.is_relation and field.related_model is ContentType
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND column_name LIKE '%%content_type_id' "
            "AND data_type IN ('integer', 'bigint')",
            [schema_name],
        )
        columns.update(cursor.fetchall())
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace AND relkind = 'r'",
            [schema_name],
        )
        tables = {name for (name,) in cursor.fetchall()}
    return sorted((table, column) for table, column in columns if table in tables)


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
