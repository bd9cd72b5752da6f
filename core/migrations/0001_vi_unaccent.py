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
    # Real migrations of a school schema (the template) follow the plan of the first app
    # label in alphabetical order. For a label before "contenttypes" (e.g. "about"), Wagtail's
    # initial-data migration ran before contenttypes 0002 and queried the shared
    # django_content_type with a historical model that still had "name". Pin the order.
    dependencies = [("contenttypes", "0002_remove_content_type_name")]
    run_before = [("wagtailcore", "0001_squashed_0016_change_page_url_path_to_text_field")]
    operations = [migrations.RunSQL(CREATE, reverse_sql=migrations.RunSQL.noop)]
