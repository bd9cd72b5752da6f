"""Accent-free search for Wagtail's database backend (the admin's search).

The text search configuration lives in the public schema and is found from every school's
schema through the search path. Idempotent, so it is harmless when run per schema.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
DO $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
    WHERE c.cfgname = 'vi_unaccent' AND n.nspname = 'public'
  ) THEN
    CREATE TEXT SEARCH CONFIGURATION public.vi_unaccent (COPY = pg_catalog.simple);
    ALTER TEXT SEARCH CONFIGURATION public.vi_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
  END IF;
END
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunSQL(CREATE, reverse_sql=migrations.RunSQL.noop)]
