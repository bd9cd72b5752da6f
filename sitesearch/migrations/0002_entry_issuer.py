"""The issuer (cơ quan ban hành) of a page, for the issuer filter; see 0001 for why raw SQL."""

from django.db import migrations

ADD = """
ALTER TABLE public.sitesearch_entry ADD COLUMN IF NOT EXISTS issuer text NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS sitesearch_entry_issuer
    ON public.sitesearch_entry (schema_name, issuer) WHERE issuer <> '';
"""


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_search_entry")]
    operations = [migrations.RunSQL(ADD, reverse_sql=migrations.RunSQL.noop)]
