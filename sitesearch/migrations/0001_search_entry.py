"""The PostgreSQL engine's table (``sitesearch.postgres_backend``): one table for every school,
in the public schema, so the operator's portal-wide search is one query.

Raw SQL with explicit ``public.`` names and ``IF NOT EXISTS``: the app is in both app groups,
so this runs for every schema and must create the table once, in public, whatever the search
path. Unused (and empty) while the Whoosh engine is configured.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public;
CREATE TABLE IF NOT EXISTS public.sitesearch_entry (
    schema_name varchar(63) NOT NULL,
    page_id integer NOT NULL,
    url text NOT NULL,
    title text NOT NULL,
    kind varchar(20) NOT NULL,
    school_year varchar(20) NOT NULL DEFAULT '',
    date timestamptz NULL,
    summary text NOT NULL DEFAULT '',
    snippet_body text NOT NULL DEFAULT '',
    snippet_attach text NOT NULL DEFAULT '',
    identifiers text[] NOT NULL DEFAULT '{}',
    doc_f tsvector NOT NULL,
    PRIMARY KEY (schema_name, page_id)
);
CREATE INDEX IF NOT EXISTS sitesearch_entry_doc_f
    ON public.sitesearch_entry USING gin (schema_name, doc_f);
CREATE INDEX IF NOT EXISTS sitesearch_entry_identifiers
    ON public.sitesearch_entry USING gin (identifiers);
CREATE INDEX IF NOT EXISTS sitesearch_entry_date
    ON public.sitesearch_entry (schema_name, date DESC NULLS LAST);
"""


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [migrations.RunSQL(CREATE, reverse_sql=migrations.RunSQL.noop)]
