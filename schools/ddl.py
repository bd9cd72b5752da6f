"""The structure of a school schema, and the template's DDL as ``pg_dump`` writes it.

Every school schema is made by the same migrations as the template (``school_template``),
so the template's DDL, renamed, is every school's. Cloning (``schools.clone``) and
backups (``backup.schemadump``) use it instead of reading the catalogue of the whole
database, which is what ``pg_dump -n`` and django-tenants' clone function do: with 2,000
schools that is 650,000 relations read for each school.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from backup import pgtools
from backup.archive import rewrite_schema

# The relations of one schema, found through pg_depend's index on the referenced object:
# pg_class and pg_constraint have no index that starts with the namespace, so filtering
# them by namespace scans the whole catalogue (650,000 relations at 2,000 schools).
RELATIONS = (
    "SELECT objid FROM pg_depend WHERE classid = 'pg_class'::regclass "
    "AND refclassid = 'pg_namespace'::regclass AND refobjid = %(schema)s::regnamespace"
)

# One row per column, constraint, index and sequence of a schema, without its name, so two
# schemas made by the same migrations give the same digest. A partial index's predicate is
# left out: PostgreSQL words it differently once a dump has been reloaded.
_STRUCTURE_SQL = f"""
SELECT md5(coalesce(string_agg(item, E'\\n' ORDER BY item), '')) FROM (
  SELECT format('%%s|%%s|%%s|%%s|%%s|%%s|%%s|%%s', c.relname, c.relkind,
                row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
                replace(pg_get_expr(ad.adbin, ad.adrelid), %(schema)s || '.', '')) AS item
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
   WHERE c.oid IN ({RELATIONS}) AND c.relkind IN ('r', 'p', 'v', 'm')
  UNION ALL
  SELECT format('constraint|%%s|%%s|%%s|%%s', t.relname, k.conname, k.contype,
                replace(pg_get_constraintdef(k.oid), %(schema)s || '.', ''))
    FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
   WHERE k.conrelid IN ({RELATIONS})
  UNION ALL
  SELECT format('index|%%s|%%s|%%s|%%s', t.relname, i.relname, x.indpred IS NOT NULL,
                regexp_replace(pg_get_indexdef(i.oid), '^.* USING (.*?)( WHERE .*)?$', '\\1'))
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
   WHERE x.indrelid IN ({RELATIONS})
  UNION ALL
  SELECT format('other|%%s|%%s', c.relname, c.relkind)
    FROM pg_class c
   WHERE c.oid IN ({RELATIONS}) AND c.relkind NOT IN ('r', 'p', 'S', 'v', 'm', 'i')
  UNION ALL
  SELECT format('sequence|%%s|%%s', t.relname, a.attname)
    FROM pg_class q
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid
     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
   WHERE q.oid IN ({RELATIONS}) AND q.relkind = 'S'
) items
"""  # noqa: S608 (constant fragments)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def schema_structure(schema_name: str) -> str:
    """Digest of a schema's tables, columns, constraints, indexes and sequences."""
    with connection.cursor() as cursor:
        cursor.execute(_STRUCTURE_SQL, {"schema": schema_name})
        return cursor.fetchone()[0]


def _cache_dir() -> Path:
    db = settings.DATABASES["default"]
    where = f"{db.get('HOST')}:{db.get('PORT')}/{db.get('NAME')}"
    folder = (
        Path(tempfile.gettempdir())
        / "portal-template-ddl"
        / hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()
    )  # noqa: S324
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def template_section(template: str, structure: str, section: str) -> Path:
    """The template's ``pre-data`` or ``post-data`` section, dumped once per structure."""
    path = _cache_dir() / f"{structure}-{section}.sql"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.part")
        pgtools.run(
            [
                pgtools.pg_binary("pg_dump"),
                "--schema",
                template,
                "--no-owner",
                "--no-privileges",
                "--format=plain",
                f"--section={section}",
                "--file",
                str(partial),
            ],
            capture_output=True,
        )
        partial.replace(path)  # atomic: a concurrent backup reads a whole file or dumps again
    return path


def schema_tables(schema_name: str) -> list[tuple[str, list[str]]]:
    """(table, columns in order) of every table of the schema, by name."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, array_agg(a.attname ORDER BY a.attnum) FROM pg_class c "  # noqa: S608
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "AND a.attgenerated = '' "
            f"WHERE c.oid IN ({RELATIONS}) AND c.relkind IN ('r', 'p') "
            "GROUP BY c.relname ORDER BY c.relname",
            {"schema": schema_name},
        )
        return [(name, list(columns)) for name, columns in cursor.fetchall()]


def owned_sequences(schema_name: str) -> list[tuple[str, str, str]]:
    """(table, column, sequence) of every sequence of the schema that a column owns.

    Sequences are found by their column, not by name: a table renamed by a migration keeps
    its sequence's old name in the schema migrated, and a clone gets a new one.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, a.attname, q.relname FROM pg_class q "  # noqa: S608
            "JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid "
            "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
            f"WHERE q.oid IN ({RELATIONS}) AND q.relkind = 'S' ORDER BY 1, 2",
            {"schema": schema_name},
        )
        return [tuple(row) for row in cursor.fetchall()]


_SESSION_LINE = ("SET ", "SELECT pg_catalog.set_config(", "\\")


def template_ddl(template: str, schema_name: str, section: str) -> str:
    """The template's ``pre-data`` or ``post-data`` DDL for ``schema_name``, as one script.

    Without the session settings ``pg_dump`` puts first (``SET …``, the empty search path,
    psql's ``\\restrict``): every name in it is schema-qualified, and this runs on a
    connection that goes on serving requests.
    """
    connection.set_schema_to_public()
    source = template_section(template, schema_structure(template), section)
    renamed = source.with_suffix(f".{os.getpid()}.{schema_name}.sql")
    try:
        rewrite_schema(source, renamed, old=template, new=schema_name)
        lines = renamed.read_text(encoding="utf-8").splitlines(keepends=True)
    finally:
        renamed.unlink(missing_ok=True)
    return "".join(line for line in lines if not line.startswith(_SESSION_LINE))


def shared_foreign_keys_drop(schema_name: str) -> int:
    """Drop the foreign keys from a school schema to shared tables; returns how many.

    Wagtail's and Django's tables refer to the shared ``public.django_content_type`` (19
    foreign keys per school). PostgreSQL enforces each with two triggers on the *referenced*
    table, so with 2,000 schools ``django_content_type`` carries 76,000 triggers: every
    connection that touches it loads them all, and every new school's clone rebuilds them
    (each clone slower than the one before). Content types are shared, created by
    migrations and never deleted while referenced, so school schemas do without these
    constraints; the public schema keeps its own.
    """
    if schema_name == settings.PUBLIC_SCHEMA_NAME:
        return 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, k.conname FROM pg_constraint k "  # noqa: S608 (constant fragments)
            "JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid "
            f"WHERE k.contype = 'f' AND k.conrelid IN ({RELATIONS}) "
            "AND r.relnamespace <> %(schema)s::regnamespace ORDER BY 1, 2",
            {"schema": schema_name},
        )
        foreign = cursor.fetchall()
        for table, name in foreign:
            cursor.execute(
                f"ALTER TABLE {quote(schema_name)}.{quote(table)} DROP CONSTRAINT {quote(name)}"
            )
    return len(foreign)
