"""django-tenants' schema clone, without its catalogue scans that grow with every school.

The ``clone_schema`` SQL function shipped with django-tenants (from pg-clone-schema) asks,
for every table and every column it copies, whether the name has upper-case letters by
scanning ``information_schema.tables`` / ``information_schema.columns`` across the whole
database. Each new schema makes those views larger, so provisioning slowed from about 1 s to
about 10 s per school by the 80th school. The same answer comes from the name itself; this
module rewrites those three statements before the function is created. If a django-tenants
upgrade changes the SQL so that the rewrite no longer applies, the original function is used
and a warning is logged.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.db import connection
from django_tenants import clone as tenants_clone

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
_TABLE_CHECK = "v_cnt1 := CASE WHEN in_table ~ '[A-Z]' THEN 1 ELSE 0 END;"
_COLUMN_CHECK = "v_cnt1 := CASE WHEN v_colrec.column_name ~ '[A-Z]' THEN 1 ELSE 0 END;"


def fast_clone_function_sql() -> str | None:
    """The clone function's SQL with the database-wide scans replaced, or None."""
    sql = tenants_clone.CLONE_SCHEMA_FUNCTION
    sql, tables = _TABLE_SCAN.subn(_TABLE_CHECK, sql)
    sql, columns = _COLUMN_SCAN.subn(_COLUMN_CHECK, sql)
    if tables < 2 or columns < 1:
        logger.warning(
            "django-tenants' clone_schema SQL changed (%s table and %s column rewrites); "
            "using it unchanged",
            tables,
            columns,
        )
        return None
    return sql


class FastCloneSchema(tenants_clone.CloneSchema):
    def _create_clone_schema_function(self) -> None:
        sql = fast_clone_function_sql()
        if sql is None:
            super()._create_clone_schema_function()
            return
        db_user = settings.DATABASES["default"].get("USER", None) or "postgres"
        with connection.cursor() as cursor:
            cursor.execute(sql.format(db_user=db_user))
