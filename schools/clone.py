"""django-tenants' schema clone, without its catalogue scans that grow with every school.

The ``clone_schema`` SQL function shipped with django-tenants (from pg-clone-schema) asks,
for every table and every column it copies, whether the name has upper-case letters by
scanning ``information_schema.tables`` / ``information_schema.columns`` across the whole
database. Each new schema makes those views larger, so provisioning slowed from about 1 s to
about 10 s per school by the 80th school. The same answer comes from the name itself; this
module rewrites those three statements before the function is created. It also creates the
function's two helper types once instead of dropping and re-creating them in every clone
(a scan of every type in the database, and a lock that serialised concurrent clones), and
creates the function itself only when its SQL changes (``clone_function_ensure``). If a django-tenants
upgrade changes the SQL so that the rewrite no longer applies, the original function is used
and a warning is logged.
"""

from __future__ import annotations

import hashlib
import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django_tenants import clone as tenants_clone
from django_tenants.utils import schema_exists

logger = logging.getLogger(__name__)

_TABLE_SCAN = re.compile(
    r"SELECT count\(\*\) INTO v_cnt1 FROM information_schema\.tables t WHERE EXISTS "
    r"\(SELECT REGEXP_MATCHES\(s\.table_name, '\(\[A-Z\]\+\)','g'\) FROM information_schema\.tables s\s*"
    r"WHERE t\.table_schema=s\.table_schema AND t\.table_name=s\.table_name AND "
    r"t\.table_schema = in_schema AND t\.table_name = in_table AND t\.table_type = 'BASE TABLE'\);"
)
_COLUMN_SCAN = re.compile(
    r"SELECT COUNT\(\*\) INTO v_cnt1 FROM information_schema\.columns t WHERE EXISTS "
    r"\(SELECT REGEXP_MATCHES\(s\.column_name, '\(\[A-Z\]\+\)','g'\) FROM information_schema\.columns s\s*"
    r"WHERE t\.table_schema=s\.table_schema and t\.table_name=s\.table_name and "
    r"t\.column_name=s\.column_name AND t\.table_schema = quote_ident\(in_schema\) AND "
    r"column_name = v_colrec\.column_name\);"
)
# Each call dropped and re-created two helper enum types in the public schema: a catalogue
# scan of every type in the database (two per table: 1.3 million rows at 2,000 schools),
# and a lock that made every other clone wait for this clone's transaction to end.
_TYPES_RECREATE = re.compile(
    r"  SELECT count\(\*\) INTO cnt FROM pg_catalog\.pg_type t LEFT JOIN.*?"
    r"CREATE TYPE public\.permm_type AS ENUM \([^)]*\);",
    re.DOTALL,
)
_TYPES_DROP = re.compile(
    r"  DROP TYPE IF EXISTS public\.objj_type;\s*DROP TYPE IF EXISTS public\.permm_type;"
)
HELPER_TYPES_SQL = """
DO $$ BEGIN
  IF to_regtype('public.objj_type') IS NULL THEN
    CREATE TYPE public.objj_type AS ENUM
      ('TABLE','VIEW','COLUMN','SEQUENCE','FUNCTION','SCHEMA','DATABASE');
  END IF;
  IF to_regtype('public.permm_type') IS NULL THEN
    CREATE TYPE public.permm_type AS ENUM ('SELECT','INSERT','UPDATE','DELETE','TRUNCATE',
      'REFERENCES','TRIGGER','USAGE','CREATE','EXECUTE','CONNECT','TEMPORARY');
  END IF;
END $$;
"""
_TABLE_CHECK = "v_cnt1 := CASE WHEN in_table ~ '[A-Z]' THEN 1 ELSE 0 END;"
_COLUMN_CHECK = "v_cnt1 := CASE WHEN v_colrec.column_name ~ '[A-Z]' THEN 1 ELSE 0 END;"


def fast_clone_function_sql() -> str | None:
    """The clone function's SQL with the database-wide scans replaced, or None."""
    sql = tenants_clone.CLONE_SCHEMA_FUNCTION
    sql, tables = _TABLE_SCAN.subn(_TABLE_CHECK, sql)
    sql, columns = _COLUMN_SCAN.subn(_COLUMN_CHECK, sql)
    sql, recreates = _TYPES_RECREATE.subn(
        "  -- portal: objj_type and permm_type are created once (schools/clone.py).", sql
    )
    sql, drops = _TYPES_DROP.subn("", sql)
    if tables < 2 or columns < 1 or recreates != 1 or drops != 1:
        logger.warning(
            "django-tenants' clone_schema SQL changed (%s table, %s column, %s type and %s "
            "drop rewrites); using it unchanged",
            tables,
            columns,
            recreates,
            drops,
        )
        return None
    return sql + HELPER_TYPES_SQL


# pg_advisory_lock key: one process at a time (re)creates the clone function.
_FUNCTION_LOCK = 0x5C4002
_SIGNATURE = "public.clone_schema(text, text, public.cloneparms[])"


def _function_marker(cursor) -> str | None:
    cursor.execute(
        "SELECT obj_description(p.oid, 'pg_proc') FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'public' AND p.proname = 'clone_schema'"
    )
    row = cursor.fetchone()
    return row[0] if row else None


def clone_function_ensure() -> None:
    """Create the clone function once per version of its SQL, committed at once.

    django-tenants recreates it (``DROP TYPE … CASCADE`` and all) before every clone, so
    two schools cloned at the same time fail on each other's catalogue rows. Here it is
    created only when missing or changed (a comment carries its version), under an advisory
    lock, in a transaction of its own: call this outside any transaction.
    """
    sql = fast_clone_function_sql() or tenants_clone.CLONE_SCHEMA_FUNCTION
    marker = "portal:" + hashlib.md5(sql.encode(), usedforsecurity=False).hexdigest()
    with connection.cursor() as cursor:
        if _function_marker(cursor) == marker:
            return
        cursor.execute("SELECT pg_advisory_lock(%s)", [_FUNCTION_LOCK])
        try:
            if _function_marker(cursor) == marker:
                return
            db_user = settings.DATABASES["default"].get("USER", None) or "postgres"
            with transaction.atomic():
                cursor.execute(sql.format(db_user=db_user))
                cursor.execute(f"COMMENT ON FUNCTION {_SIGNATURE} IS %s", [marker])
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_FUNCTION_LOCK])


# Pairs of (template constraint, clone constraint) on the same table with the same
# definition and kind but another name. ``CREATE TABLE … (LIKE … INCLUDING ALL)`` names the
# unique constraints it copies after PostgreSQL's rule (``<table>_<columns>_key``), not as
# the migration named them, and the clone function restores only index names; a later
# migration that alters or removes such a constraint by name would fail in every clone.
_CONSTRAINT_RENAMES = """
WITH template AS (
  SELECT t.relname, k.contype, k.conname,
         replace(pg_get_constraintdef(k.oid), %(template)s || '.', '') AS definition,
         count(*) OVER (PARTITION BY t.relname, k.contype,
                        replace(pg_get_constraintdef(k.oid), %(template)s || '.', '')) AS twins
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
   WHERE k.connamespace = %(template)s::regnamespace
), clone AS (
  SELECT t.relname, k.contype, k.conname,
         replace(pg_get_constraintdef(k.oid), %(schema)s || '.', '') AS definition
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
   WHERE k.connamespace = %(schema)s::regnamespace
)
SELECT clone.relname, clone.conname, template.conname
  FROM template JOIN clone USING (relname, contype, definition)
 WHERE template.twins = 1 AND clone.conname <> template.conname
   AND NOT EXISTS (SELECT 1 FROM clone other
                    WHERE other.relname = clone.relname AND other.conname = template.conname)
 ORDER BY 1, 2
"""


def constraint_names_align(schema_name: str, template: str | None = None) -> int:
    """Give a cloned schema's constraints the template's names; returns how many changed."""
    template = template or settings.TENANT_BASE_SCHEMA
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(_CONSTRAINT_RENAMES, {"template": template, "schema": schema_name})
        renames = cursor.fetchall()
        for table, old, new in renames:
            cursor.execute(
                f"ALTER TABLE {quote(schema_name)}.{quote(table)} "
                f"RENAME CONSTRAINT {quote(old)} TO {quote(new)}"
            )
    return len(renames)


def template_clone(template: str, schema_name: str) -> None:
    """Make ``schema_name`` a copy of ``template``: its DDL as pg_dump writes it, and its rows.

    django-tenants' clone function reads catalogue views of the whole database (every
    table's grants, comments, sequences and column definitions) for each clone, so a clone
    took longer with every school (0.8 s at 20 schools, 2.4 s at 600). Here the template's
    DDL is dumped once per structure (``schools.ddl``) and replayed with the schema renamed;
    the rows (pages, groups, workflows of the template) are copied server-side, and the
    identity sequences continue where the template's are. Names of indexes and constraints
    are the migrations' own, as in the template.
    """
    from schools.ddl import owned_sequences, schema_tables, template_ddl

    quote = connection.ops.quote_name
    pre = template_ddl(template, schema_name, "pre-data")
    post = template_ddl(template, schema_name, "post-data")
    with connection.cursor() as cursor:
        cursor.execute(pre)
        for table, columns in schema_tables(template):
            names = ", ".join(quote(column) for column in columns)
            cursor.execute(
                f"INSERT INTO {quote(schema_name)}.{quote(table)} ({names}) "  # noqa: S608
                f"OVERRIDING SYSTEM VALUE SELECT {names} FROM {quote(template)}.{quote(table)}"
            )
        for table, column, sequence in owned_sequences(template):
            cursor.execute(
                "SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(%s, %s), "  # noqa: S608
                f"last_value, is_called) FROM {quote(template)}.{quote(sequence)}",
                [f"{quote(schema_name)}.{quote(table)}", column],
            )
        cursor.execute(post)
    connection.set_schema_to_public()


class FastCloneSchema(tenants_clone.CloneSchema):
    def clone_schema(
        self, base_schema_name, new_schema_name, clone_mode="DATA", set_connection=True
    ):
        from backup.pgtools import PgToolError

        if set_connection:
            connection.set_schema_to_public()
        if schema_exists(new_schema_name, case_sensitive=False):
            raise ValidationError("New schema name already exists")
        try:
            template_clone(base_schema_name, new_schema_name)
            return
        except PgToolError as exc:  # no pg_dump for this server: the clone function
            logger.warning("Cloning %s with the clone function: %s", new_schema_name, exc)
        super().clone_schema(base_schema_name, new_schema_name, clone_mode, set_connection)
        constraint_names_align(new_schema_name, base_schema_name)

    def _create_clone_schema_function(self) -> None:
        if connection.in_atomic_block:
            # Inside the caller's transaction: the function must already be there
            # (clone_function_ensure() ran before); create it only if it is not.
            with connection.cursor() as cursor:
                if _function_marker(cursor) is not None:
                    return
        clone_function_ensure()
