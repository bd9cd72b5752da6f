"""Two repairs of school schemas made before the clone used the template's own DDL.

- Schools cloned by django-tenants' clone function carry PostgreSQL's names for their
  unique constraints, not the migrations' (``schools.clone.constraint_names_align``), so a
  later migration altering one by name would fail in them.
- Foreign keys from school schemas to the shared content types are dropped, in the
  template too (``schools.ddl.shared_foreign_keys_drop`` says why).

Nothing to do in the public schema.
"""

from django.conf import settings
from django.db import connection, migrations


def repair(apps, schema_editor):
    from schools.clone import constraint_names_align
    from schools.ddl import shared_foreign_keys_drop

    schema = connection.schema_name
    template = settings.TENANT_BASE_SCHEMA
    if schema == settings.PUBLIC_SCHEMA_NAME:
        return
    shared_foreign_keys_drop(schema)
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regnamespace(%s) IS NOT NULL", [template])
        template_exists = cursor.fetchone()[0]
    if schema != template and template_exists:
        constraint_names_align(schema, template)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_theme_layout")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop, elidable=True)]
