"""A plain SQL dump of one school's schema without ``pg_dump -n`` reading the whole catalogue.

``pg_dump --schema`` first reads every relation, type and dependency of the *database*
(``pg_class``, ``pg_type``, all of ``pg_depend``) and only then picks the one schema: with
2,000 schools that is two million catalogue rows per school, so backing up every school
grew with the square of their number (``bench/scale.py``: ``pg_dump_one_school_*``).

Every school's tables are made by the same migrations as the template schema, so the
school's DDL is the template's with the schema renamed. The dump is therefore written as
``pg_dump`` would write it: the template's pre-data section (tables, sequences; dumped once
per template structure and kept in a cache folder), then the school's rows as ``COPY …
FROM stdin`` blocks and its sequence positions, then the template's post-data section
(indexes, constraints, triggers). The schema's structure is compared with the template's
first (tables, columns and types, constraints, indexes, sequences); when they differ the
school is dumped with ``pg_dump -n`` as before. Restore reads either the same way.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

from backup import pgtools
from backup.archive import rewrite_schema

logger = logging.getLogger(__name__)

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
  SELECT format('%%s|%%s|%%s|%%s|%%s|%%s|%%s', c.relname, c.relkind,
                row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
                format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity) AS item
    FROM pg_class c
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
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
        / "portal-backup-ddl"
        / hashlib.md5(where.encode(), usedforsecurity=False).hexdigest()
    )  # noqa: S324
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _template_section(template: str, structure: str, section: str) -> Path:
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


def _tables(schema_name: str) -> list[tuple[str, list[str]]]:
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


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _write_data(schema_name: str, out) -> None:
    """The rows and sequence positions, in ``pg_dump``'s plain format, in one snapshot."""
    raw = connection.connection  # psycopg 3: COPY … TO STDOUT streams the rows
    for table, columns in _tables(schema_name):
        qualified = f"{_q(schema_name)}.{_q(table)}"
        column_list = ", ".join(_q(column) for column in columns)
        out.write(f"COPY {qualified} ({column_list}) FROM stdin;\n".encode())
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {qualified} ({column_list}) TO STDOUT") as copy,
        ):  # noqa: S608
            for chunk in copy:
                out.write(bytes(chunk))
        out.write(b"\\.\n\n")
    with connection.cursor() as cursor:
        for table, column, sequence in owned_sequences(schema_name):
            cursor.execute(
                f"SELECT last_value, is_called FROM {_q(schema_name)}.{_q(sequence)}"  # noqa: S608
            )
            last_value, is_called = cursor.fetchone()
            owner = _literal(f"{_q(schema_name)}.{_q(table)}")
            out.write(
                f"SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence({owner}, "
                f"{_literal(column)}), {last_value}, {'true' if is_called else 'false'});\n".encode()
            )


def school_schema_dump(schema_name: str, target: Path) -> str:
    """Write a plain SQL dump of ``schema_name`` to ``target``; returns how it was made.

    ``"template"`` when the schema has the template's structure (the common case), else
    ``"pg_dump"``. The rows are read in one repeatable-read transaction, so the dump is a
    consistent snapshot like ``pg_dump``'s.
    """
    template = settings.TENANT_BASE_SCHEMA
    connection.set_schema_to_public()
    structure = schema_structure(template)
    if schema_structure(schema_name) != structure:
        logger.warning(
            "Schema %s differs from the template %s: dumped with pg_dump -n", schema_name, template
        )
        pgtools.run(
            [
                pgtools.pg_binary("pg_dump"),
                "--schema",
                schema_name,
                "--no-owner",
                "--no-privileges",
                "--format=plain",
                "--file",
                str(target),
            ],
            capture_output=True,
        )
        return "pg_dump"
    pre = _template_section(template, structure, "pre-data")
    post = _template_section(template, structure, "post-data")
    work = target.with_suffix(".part")
    with target.open("wb") as out:
        rewrite_schema(pre, work, old=template, new=schema_name)
        out.write(work.read_bytes())
        _snapshot_data(schema_name, out)
        rewrite_schema(post, work, old=template, new=schema_name)
        out.write(work.read_bytes())
    work.unlink(missing_ok=True)
    return "template"


def _snapshot_data(schema_name: str, out) -> None:
    if connection.in_atomic_block:
        _write_data(schema_name, out)  # the caller's transaction is the snapshot
        return
    # An explicit transaction on the autocommit connection: Django's state is untouched and
    # the search path (public, set before) is not changed inside it.
    raw = connection.connection
    raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    try:
        _write_data(schema_name, out)
    finally:
        raw.execute("ROLLBACK")
        connection.set_schema_to_public()
