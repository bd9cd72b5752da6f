"""Schools cloned before the fix carry PostgreSQL's names for their unique constraints.

``schools.clone.constraint_names_align`` gives each school schema the template's (the
migrations') constraint names, so later migrations that alter a constraint by name work in
every school. Nothing to do in the public and template schemas.
"""

from django.conf import settings
from django.db import connection, migrations


def align(apps, schema_editor):
    from schools.clone import constraint_names_align

    schema = connection.schema_name
    template = settings.TENANT_BASE_SCHEMA
    if schema in (settings.PUBLIC_SCHEMA_NAME, template):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regnamespace(%s) IS NOT NULL", [template])
        if not cursor.fetchone()[0]:
            return
    constraint_names_align(schema, template)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]

    operations = [migrations.RunPython(align, migrations.RunPython.noop, elidable=True)]
