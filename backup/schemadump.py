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

import logging
from pathlib import Path

from django.conf import settings
from django.db import connection

from backup import pgtools
from backup.archive import rewrite_schema
from schools.ddl import owned_sequences, schema_structure, schema_tables, template_section

logger = logging.getLogger(__name__)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _write_data(schema_name: str, out) -> None:
    """The rows and sequence positions, in ``pg_dump``'s plain format, in one snapshot."""
    raw = connection.connection  # psycopg 3: COPY … TO STDOUT streams the rows
    for table, columns in schema_tables(schema_name):
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
    pre = template_section(template, structure, "pre-data")
    post = template_section(template, structure, "post-data")
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
