"""A school's dump made from the template's DDL loads into exactly what ``pg_dump -n`` gives.

``backup.schemadump`` writes the template's pre-data and post-data sections around the
school's own rows, so that a backup does not read the catalogue of every school in the
database. These tests load both dumps into scratch schemas and compare them row for row.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.db import connection
from django_tenants.utils import schema_context

from backup import pgtools
from backup.archive import rewrite_schema
from backup.schemadump import school_schema_dump
from news.models import NewsPage
from schools.ddl import owned_sequences, schema_structure
from tests.backup.conftest import ARTICLE


def _pg_dump(schema: str, target: Path) -> None:
    pgtools.run(
        [
            pgtools.pg_binary("pg_dump"),
            "--schema",
            schema,
            "--no-owner",
            "--no-privileges",
            "--format=plain",
            "--file",
            str(target),
        ],
        capture_output=True,
    )


def _load(dump: Path, old: str) -> str:
    """Load a dump of schema ``old`` as a scratch schema (dropped by the fixture); its name."""
    new = f"restore_{secrets.token_hex(4)}"
    renamed = dump.with_suffix(".renamed.sql")
    rewrite_schema(dump, renamed, old=old, new=new)
    pgtools.run(
        [pgtools.pg_binary("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-f", str(renamed)],
        capture_output=True,
    )
    return new


def _rows(schema: str) -> dict[str, str]:
    """Digest of every table's rows and every column sequence's position."""
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = %s::regnamespace "
            "AND relkind = 'r' ORDER BY relname",
            [schema],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(
                "SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), ''))"
                f' FROM "{schema}"."{name}" t'  # noqa: S608
            )
            result[name] = str(cursor.fetchone())
        for table, column, sequence in owned_sequences(schema):
            cursor.execute(f'SELECT last_value, is_called FROM "{schema}"."{sequence}"')  # noqa: S608
            result[f"{table}.{column}"] = str(cursor.fetchone())
    return result


def _drop(*schemas: str) -> None:
    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


class SchemaDumpTests:
    def test_a_school_dumped_from_the_template_loads_as_pg_dump_loads_it(
        self, source_school, tmp_path
    ):
        schema = source_school.schema_name
        ours, theirs = tmp_path / "ours.sql", tmp_path / "theirs.sql"
        assert school_schema_dump(schema, ours) == "template"
        _pg_dump(schema, theirs)
        loaded_ours, loaded_theirs = _load(ours, schema), _load(theirs, schema)
        try:
            connection.set_schema_to_public()
            assert schema_structure(loaded_ours) == schema_structure(settings.TENANT_BASE_SCHEMA)
            assert schema_structure(loaded_ours) == schema_structure(loaded_theirs)
            rows = _rows(loaded_ours)
            assert rows == _rows(loaded_theirs)
            assert rows == _rows(schema)
            with schema_context(loaded_ours):
                assert NewsPage.objects.filter(title=ARTICLE, live=True).exists()
        finally:
            _drop(loaded_ours, loaded_theirs)
            connection.set_schema_to_public()

    def test_the_dump_names_the_school_schema_never_the_template(self, source_school, tmp_path):
        schema = source_school.schema_name
        dump = tmp_path / "school.sql"
        school_schema_dump(schema, dump)
        text = dump.read_text(encoding="utf-8")
        assert text.count(ARTICLE) >= 1
        assert f"CREATE SCHEMA {schema};" in text or f'CREATE SCHEMA "{schema}";' in text
        assert settings.TENANT_BASE_SCHEMA not in text.split("FROM stdin;")[0]

    def test_a_schema_unlike_the_template_is_dumped_with_pg_dump(self, source_school, tmp_path):
        schema = source_school.schema_name
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "{schema}".news_newspage ADD COLUMN board_note text')
        connection.set_schema_to_public()
        dump = tmp_path / "school.sql"
        assert school_schema_dump(schema, dump) == "pg_dump"
        loaded = _load(dump, schema)
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_attribute WHERE attrelid = %s::regclass "
                    "AND attname = 'board_note'",
                    [f'"{loaded}".news_newspage'],
                )
                assert cursor.fetchone() is not None
            assert _rows(loaded) == _rows(schema)
        finally:
            _drop(loaded)
            connection.set_schema_to_public()
